// `duban ingest` end to end: the samples into a fresh SQLite database, the summary, the exit
// codes, and a second run that adds nothing.
#include <gtest/gtest.h>

#include <fstream>
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

TEST(IngestE2e, HostileFilesAreReportedOneByOneAndTheOthersStored) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  const std::string db = (dir / "duban.db").string();
  const std::string binary = (dir / "binary.dat").string();
  {
    std::ofstream out(binary, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>((i * 37) % 256));
  }
  const std::string empty = (dir / "empty.txt").string();
  std::ofstream(empty).close();
  const std::string missing = (dir / "missing.txt").string();
  const std::string folder = (dir / "folder").string();
  fs::create_directories(folder);
  // One line of 20 MB: valid text, no document in it.
  const std::string long_line = (dir / "long-line.txt").string();
  {
    std::ofstream out(long_line, std::ios::binary);
    for (int i = 0; i < 20 * 1024 * 1024 / 3; ++i) out << "一";
    out << '\n';
  }
  const std::string zhoucun =
      std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt";
  e2e::Run r =
      run_duban(dir, {"ingest", "--db", db, binary, empty, missing, folder, long_line, zhoucun});
  EXPECT_EQ(r.code, 1) << r.err;
  // One Chinese line per bad file, naming it.
  EXPECT_NE(r.err.find("duban: 错误: " + binary + ": 二进制文件，不是文本"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("duban: 错误: " + empty + ": 空文件\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("duban: 错误: " + missing + ": 无法打开：文件不存在\n"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("duban: 错误: " + folder + ": 这是目录，不是文件\n"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("duban: 错误: " + long_line), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("duban: 错误: " + zhoucun), std::string::npos) << r.err;
  // The long line and the sample went in; the sample's three documents are stored.
  EXPECT_NE(r.out.find("文件 2，新增文档 3，"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("出错 4 个文件"), std::string::npos) << r.out;
  // Nothing of the bad files was kept: the next run with the sample alone adds nothing.
  e2e::Run again = run_duban(dir, {"ingest", "--db", db, zhoucun});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("新增文档 0，"), std::string::npos) << again.out;
  fs::remove_all(dir);
}

TEST(IngestE2e, ADatabaseThatIsNotOneIsAnErrorAndIsLeftAlone) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  const std::string text = (dir / "notes.txt").string();
  std::ofstream(text, std::ios::binary) << "这是一个文本文件，不是数据库。\n";
  const std::string zhoucun =
      std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt";
  e2e::Run r = run_duban(dir, {"ingest", "--db", text, zhoucun});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "duban: 错误: " + text + ": 无法打开数据库 " + text +
                       "：这不是 SQLite 数据库文件（也不是 postgresql:// 连接串）\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(text), "这是一个文本文件，不是数据库。\n");
  fs::remove_all(dir);
}

TEST(IngestE2e, AnUnreachablePostgresqlServerIsAnError) {
  const fs::path dir = make_test_dir("duban_ingest_e2e");
  const std::string zhoucun =
      std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt";
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  for (const std::string url : {"postgresql://duban@127.0.0.1:1/duban?connect_timeout=5",
                                "postgresql://duban@127.0.0.1:notaport/duban"}) {
    e2e::Run r = run_duban(dir, {"ingest", "--db", url, zhoucun});
    EXPECT_EQ(r.code, 1) << url;
    EXPECT_EQ(r.err.rfind("duban: 错误: " + url + ": 无法连接 PostgreSQL 数据库", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "") << url;
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace duban::e2e
