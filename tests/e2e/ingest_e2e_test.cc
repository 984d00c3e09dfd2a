// `duban ingest` end to end: the samples into a fresh SQLite database, the summary, the exit
// codes, and a second run that adds nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "e2e/run_duban.h"

namespace duban::e2e {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> samples() {
  std::vector<std::string> files;
  for (const char* name :
       {"lanshan-gazette-2021-04.txt", "shanting-2024-equipment-renewal-etc.txt",
        "shanting-gazette-2021-04.txt", "zhoucun-2024-coops-disclosure-tasklist.txt"}) {
    files.push_back(std::string(DUBAN_SAMPLES_DIR) + "/" + name);
  }
  return files;
}

// Documents and tasks in the samples, from corpus_expected.json and from `duban tasks --json`.
struct Counts {
  int documents = 0;
  int tasks = 0;
};

Counts sample_counts(const fs::path& dir) {
  Counts c;
  auto corpus =
      nlohmann::json::parse(slurp(fs::path(DUBAN_TEST_CASES_DIR) / "corpus_expected.json"));
  for (const auto& [file, docs] : corpus.items()) c.documents += static_cast<int>(docs.size());
  std::vector<std::string> args = {"tasks", "--json"};
  for (const std::string& f : samples()) args.push_back(f);
  e2e::Run r = run_duban(dir, args);
  EXPECT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    c.tasks += j.is_array() ? static_cast<int>(j.size()) : 1;
  }
  return c;
}

TEST(IngestE2e, SamplesThenAgain) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  const std::string db = (dir / "duban.db").string();
  const Counts want = sample_counts(dir);
  ASSERT_GT(want.tasks, 0);
  std::vector<std::string> args = {"ingest", "--db", db};
  for (const std::string& f : samples()) args.push_back(f);
  e2e::Run first = run_duban(dir, args);
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_NE(first.out.find("文件 4，新增文档 " + std::to_string(want.documents) +
                           "，未变 0，新版本 0，任务 " + std::to_string(want.tasks) + "，警告 "),
            std::string::npos)
      << first.out;
  e2e::Run second = run_duban(dir, args);
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_NE(second.out.find("文件 4，新增文档 0，未变 0，新版本 0，任务 0，警告 0"),
            std::string::npos)
      << second.out;
  EXPECT_NE(second.out.find("4 个文件此前已入库"), std::string::npos) << second.out;
  fs::remove_all(dir);
}

TEST(IngestE2e, AnUnreadableFileDoesNotStopTheOthers) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  const std::string db = (dir / "duban.db").string();
  const std::string missing = (dir / "missing.txt").string();
  e2e::Run r = run_duban(
      dir, {"ingest", "--db", db, "--progress", missing,
            std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("duban: 错误: " + missing), std::string::npos) << r.err;
  // The progress bar (forced: stderr is a file here) reaches 2/2.
  EXPECT_NE(r.err.find("] 2/2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("文件 1，新增文档 3，"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("出错 1 个文件"), std::string::npos) << r.out;
  fs::remove_all(dir);
}

TEST(IngestE2e, ABadDatabaseIsAnError) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  e2e::Run r = run_duban(
      dir, {"ingest", "--db", (dir / "no" / "such" / "dir.db").string(),
            std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("无法打开数据库"), std::string::npos) << r.err;
  e2e::Run usage = run_duban(dir, {"ingest", "--db", (dir / "x.db").string()});
  EXPECT_EQ(usage.code, 2);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace duban::e2e
