// End-to-end tests of the `duban` binary: exit codes, stderr, --json output.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "e2e/run_duban.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSample = std::string(DUBAN_SAMPLES_DIR) + "/lanshan-gazette-2021-04.txt";
const std::string kSample2 =
    std::string(DUBAN_SAMPLES_DIR) + "/shanting-2024-equipment-renewal-etc.txt";

using duban::e2e::quote;
using duban::e2e::slurp;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = duban::e2e::make_test_dir("duban_cli_test"); }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Runs `duban args...` with stdin from `stdin_path` (or /dev/null).
  Result run(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
    duban::e2e::Run run = duban::e2e::run_duban(dir_, args, stdin_path);
    return Result{run.code, std::move(run.out), std::move(run.err)};
  }

  fs::path dir_;
};

void expect_one_error_line(const Result& r, const std::string& file, const std::string& reason) {
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "") << "no partial output";
  EXPECT_EQ(r.err, "duban: 错误: " + file + ": " + reason + "\n");
}

TEST_F(CliTest, Version) {
  Result r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("duban "), std::string::npos) << r.out;
}

TEST_F(CliTest, HelpDocumentsJsonLines) {
  Result r = run({"parse", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("JSON Lines"), std::string::npos) << r.out;
}

TEST_F(CliTest, UsageErrorsExitWith2) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{},
                                               {"parse"},
                                               {"parse", "--no-such-option", kSample},
                                               {"frobnicate"}}) {
    Result r = run(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("duban: 错误: ", 0), 0u) << r.err;
  }
}

TEST_F(CliTest, MissingFile) {
  std::string path = (dir_ / "missing.txt").string();
  expect_one_error_line(run({"parse", "--json", path}), path, "无法打开：文件不存在");
}

TEST_F(CliTest, EmptyFile) {
  std::string path = write("empty.txt", "");
  expect_one_error_line(run({"parse", "--json", path}), path, "空文件");
  expect_one_error_line(run({"parse", path}), path, "空文件");
}

TEST_F(CliTest, BinaryFile) {
  std::string path = write("a.bin", std::string("\x7F"
                                                "ELF\x02\x01\x00\x00\x00\xFF\xFE",
                                                11));
  Result r = run({"parse", "--json", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("duban: 错误: " + path + ": 二进制文件", 0), 0u) << r.err;
  EXPECT_EQ(lines_of(r.err).size(), 1u);
}

TEST_F(CliTest, Directory) {
  expect_one_error_line(run({"parse", dir_.string()}), dir_.string(), "这是目录，不是文件");
}

TEST_F(CliTest, NoDocumentsExitsZeroWithAWarning) {
  std::string path = write("none.txt", "这只是一段普通的文字，没有公文。\n第二行。\n");
  Result r = run({"parse", "--json", path});
  EXPECT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["documents"], json::array());
  EXPECT_EQ(j["source"], path);
  EXPECT_EQ(j["encoding"], "utf-8");
  EXPECT_NE(r.err.find("duban: 警告: " + path + ": 未找到公文"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("no documents found"), std::string::npos) << r.out;  // the spec's JSON

  Result text = run({"parse", path});
  EXPECT_EQ(text.code, 0);
  EXPECT_NE(text.err.find("duban: 警告: "), std::string::npos);
}

// The 2024 file: its cover letters interrupt the body (lines 23 and 2036), and line 3214 is a
// 文号 that a page break left inside a sentence. The terminal says so in Chinese; the JSON
// keeps the spec's English.
TEST_F(CliTest, WarningsAreChineseOnTheTerminal) {
  const std::string path =
      std::string(DUBAN_SAMPLES_DIR) + "/shanting-2024-equipment-renewal-etc.txt";
  Result r = run({"parse", "--json", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find(path + ":23: 正文中夹有印发通知，已移到被它隔断的段落之前"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(path + ":3214: 分页处的句子中间出现发文字号"), std::string::npos) << r.err;
  const json warnings = json::parse(r.out)["warnings"];
  EXPECT_NE(std::find(warnings.begin(), warnings.end(),
                      "line 3214: document number found inside a sentence across a page break"),
            warnings.end());
}

TEST_F(CliTest, JsonHasTheSpecShape) {
  Result r = run({"parse", "--json", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(lines_of(r.out).size(), 1u);
  json j = json::parse(r.out);
  for (const char* key : {"source", "encoding", "documents", "warnings"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
  EXPECT_EQ(j["source"], kSample);
  EXPECT_EQ(j["encoding"], "utf-8");
  ASSERT_FALSE(j["documents"].empty());
  for (const json& d : j["documents"]) {
    for (const char* key : {"doc_number", "doc_number_parts", "issuer", "title", "kind", "date",
                            "public", "recipients", "attachments", "effective", "forwarded_by",
                            "lines", "outline", "tasks", "targets", "citations"}) {
      EXPECT_TRUE(d.contains(key)) << key;
    }
    EXPECT_TRUE(d["lines"]["start"].is_number_integer());
    for (const char* key : {"doc_number", "issuer", "title", "kind", "date", "forwarded_by"}) {
      EXPECT_NE(d[key], "") << key;
    }
  }
  for (const json& w : j["warnings"]) EXPECT_TRUE(w.is_string());
}

TEST_F(CliTest, SeveralFilesAreJsonLines) {
  Result r = run({"parse", "--json", kSample, kSample2});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[0])["source"], kSample);
  EXPECT_EQ(json::parse(lines[1])["source"], kSample2);
}

TEST_F(CliTest, ABadFileAmongGoodOnesExits1AndKeepsTheGoodOutput) {
  std::string missing = (dir_ / "missing.txt").string();
  Result r = run({"parse", "--json", kSample, missing, kSample2});
  EXPECT_EQ(r.code, 1);
  std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[1])["source"], kSample2);
  EXPECT_NE(r.err.find("duban: 错误: " + missing + ": "), std::string::npos);
}

TEST_F(CliTest, StandardInput) {
  Result r = run({"parse", "--json", "-"}, kSample2);
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  EXPECT_EQ(j["source"], "-");
  Result file = run({"parse", "--json", kSample2});
  json expected = json::parse(file.out);
  expected["source"] = "-";
  EXPECT_EQ(j, expected);
}

TEST_F(CliTest, ChunkedRunGivesTheSameJson) {
  Result whole = run({"parse", "--json", kSample});
  Result chunked = run({"parse", "--json", "--chunk-bytes", "65536", kSample});
  ASSERT_EQ(chunked.code, 0) << chunked.err;
  EXPECT_EQ(json::parse(chunked.out)["documents"], json::parse(whole.out)["documents"]);
}

TEST_F(CliTest, HumanReadableSummary) {
  Result r = run({"parse", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* word : {"文号：", "发文机关：", "标题：", "成文日期：", "行：", "提纲节点："}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
}

TEST_F(CliTest, RulesDirectory) {
  std::string data = std::string(DUBAN_SAMPLES_DIR) + "/../data";
  Result with = run({"parse", "--json", "--rules", data, kSample2});
  Result without = run({"parse", "--json", kSample2});
  ASSERT_EQ(with.code, 0) << with.err;
  EXPECT_EQ(json::parse(with.out), json::parse(without.out));

  std::string missing = (dir_ / "no-rules").string();
  Result bad = run({"parse", "--rules", missing, kSample2});
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err.rfind("duban: 错误: " + missing + ": ", 0), 0u) << bad.err;
}

}  // namespace

namespace duban {
namespace {

// --no-ledger parses the same documents and leaves tasks, targets and citations empty; without
// it the lanshan gazette's 临兰政字〔2021〕102号 has its tasks.
TEST_F(CliTest, NoLedgerLeavesTheLedgerEmpty) {
  Result with = run({"parse", "--json", kSample});
  Result without = run({"parse", "--json", "--no-ledger", kSample});
  ASSERT_EQ(with.code, 0) << with.err;
  ASSERT_EQ(without.code, 0) << without.err;
  nlohmann::json a = nlohmann::json::parse(with.out), b = nlohmann::json::parse(without.out);
  ASSERT_EQ(a["documents"].size(), b["documents"].size());
  std::size_t tasks = 0;
  for (std::size_t i = 0; i < a["documents"].size(); ++i) {
    EXPECT_EQ(a["documents"][i]["doc_number"], b["documents"][i]["doc_number"]);
    EXPECT_TRUE(b["documents"][i]["tasks"].empty());
    EXPECT_TRUE(b["documents"][i]["citations"].empty());
    tasks += a["documents"][i]["tasks"].size();
  }
  EXPECT_GE(tasks, 16u);  // 102号 alone has 16
}

}  // namespace
}  // namespace duban
