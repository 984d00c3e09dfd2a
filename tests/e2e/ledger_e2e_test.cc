// End-to-end tests of `duban tasks` and `duban units` on the Zhoucun sample (three documents:
// 周政字〔2024〕33号, 周政办字〔2024〕9号 with its 分解表, 周政办字〔2024〕11号 with its
// 任务分工方案).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "e2e/run_duban.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSample =
    std::string(DUBAN_SAMPLES_DIR) + "/zhoucun-2024-coops-disclosure-tasklist.txt";

using duban::e2e::slurp;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

bool has(const json& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::set<std::string> ids_of(const json& tasks) {
  std::set<std::string> ids;
  for (const json& t : tasks) ids.insert(t["id"].get<std::string>());
  return ids;
}

class LedgerCliTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = duban::e2e::make_test_dir("duban_ledger_e2e"); }
  void TearDown() override { fs::remove_all(dir_); }

  Result run(const std::vector<std::string>& args) {
    duban::e2e::Run run = duban::e2e::run_duban(dir_, args);
    return Result{run.code, std::move(run.out), std::move(run.err)};
  }

  // `duban tasks --json args... sample`, parsed.
  json tasks_json(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"tasks", "--json"});
    args.push_back(kSample);
    Result r = run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    json j = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_TRUE(j.is_array()) << r.out;
    return j.is_array() ? j : json::array();
  }

  void expect_usage_error(const std::vector<std::string>& args) {
    Result r = run(args);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("duban: 错误: ", 0), 0u) << r.err;
  }

  fs::path dir_;
};

TEST_F(LedgerCliTest, JsonTaskIdsStartWithTheirDocumentsNumbers) {
  json tasks = tasks_json();
  std::set<std::string> numbers;
  std::size_t of_33 = 0;
  for (const json& t : tasks) {
    for (const char* key : {"id", "path", "text", "lead_units", "units", "units_as_printed",
                            "deadline", "targets", "lines", "document"}) {
      EXPECT_TRUE(t.contains(key)) << key;
    }
    ASSERT_TRUE(t["document"]["doc_number"].is_string()) << t.dump();
    const std::string number = t["document"]["doc_number"];
    EXPECT_EQ(t["id"].get<std::string>().rfind(number + "#", 0), 0u) << t["id"];
    numbers.insert(number);
    if (number == "周政字〔2024〕33号") ++of_33;
  }
  EXPECT_EQ(numbers, (std::set<std::string>{"周政字〔2024〕33号", "周政办字〔2024〕9号",
                                            "周政办字〔2024〕11号"}));
  // 33号 has 12 numbered tasks (1．-12．) and 4 保障措施 (（一）-（四）), each with 责任单位.
  EXPECT_EQ(of_33, 16u);
}

TEST_F(LedgerCliTest, UnitAbbreviationFindsTheCanonicalUnit) {
  json all = tasks_json();
  json found = tasks_json({"--unit", "区发改局"});
  std::set<std::string> expected;
  for (const json& t : all) {
    if (has(t["units"], "区发展和改革局")) expected.insert(t["id"]);
  }
  EXPECT_EQ(ids_of(found), expected) << "exactly the tasks with 区发展和改革局";
  for (const json& t : found) EXPECT_TRUE(has(t["units"], "区发展和改革局")) << t["id"];
  // Read from the sample: these lines print 区发展改革局 / 区发展和改革局 among the 责任单位 of
  // 16 different tasks. 33号: items 2．3．7．8．9． and （一）加强组织领导; 9号's 分解表: rows 2
  // and 3; 11号's 分工方案: rows 2, 4, 15, 17, 24, 28, 29 and 30. (Row 44 of 9号 names it in
  // brackets after 区政府各部门单位, hence "at least".)
  const int kLines[] = {20,  22,  34,  36,  40,   52,   160,  166,
                        675, 702, 897, 960, 1085, 1144, 1162, 1180};
  std::set<std::string> matched;
  for (int line : kLines) {
    auto it = std::find_if(found.begin(), found.end(), [&](const json& t) {
      return t["lines"]["start"].get<int>() <= line && line <= t["lines"]["end"].get<int>();
    });
    if (it == found.end()) {
      ADD_FAILURE() << "no task found for line " << line;
    } else {
      matched.insert((*it)["id"].get<std::string>());
    }
  }
  EXPECT_EQ(matched.size(), std::size(kLines)) << "one task per line";
  EXPECT_GE(found.size(), std::size(kLines));
}

TEST_F(LedgerCliTest, SeveralUnitsMatchAnyOfThem) {
  json all = tasks_json();
  json found = tasks_json({"--unit", "区发改局", "--unit", "区供销联社"});
  std::set<std::string> expected;
  for (const json& t : all) {
    if (has(t["units"], "区发展和改革局") || has(t["units"], "区供销合作社联合社")) {
      expected.insert(t["id"]);
    }
  }
  EXPECT_EQ(ids_of(found), expected);
  EXPECT_GT(found.size(), tasks_json({"--unit", "区发改局"}).size());
}

TEST_F(LedgerCliTest, UnitTakesOneNameAndLeavesTheFiles) {
  const std::string other =
      std::string(DUBAN_SAMPLES_DIR) + "/shanting-2024-equipment-renewal-etc.txt";
  Result r = run({"tasks", "--json", "--unit", "区发改局", other, kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  std::set<std::string> numbers;
  for (const json& t : json::parse(r.out)) {
    EXPECT_TRUE(has(t["units"], "区发展和改革局")) << t["id"];
    if (t["document"]["doc_number"].is_string()) numbers.insert(t["document"]["doc_number"]);
  }
  EXPECT_TRUE(numbers.count("周政字〔2024〕33号"));
  EXPECT_GT(numbers.size(), 3u) << "tasks of both files";
}

TEST_F(LedgerCliTest, UnknownUnitFindsNothing) {
  EXPECT_EQ(tasks_json({"--unit", "火星探测局"}), json::array());
}

TEST_F(LedgerCliTest, DueWindowKeepsDatedTasksWithinIt) {
  json all = tasks_json();
  json found = tasks_json({"--due-from", "2024-01-01", "--due-to", "2024-12-31"});
  std::set<std::string> expected;
  for (const json& t : all) {
    if (!t["deadline"].is_object() || !t["deadline"]["date"].is_string()) continue;
    const std::string date = t["deadline"]["date"];
    if (date >= "2024-01-01" && date <= "2024-12-31") expected.insert(t["id"]);
  }
  EXPECT_EQ(ids_of(found), expected);
  // 9号's 分解表 (dated 2024) has 年底前 in row 43 and 7月10日前 in row 45.
  EXPECT_GE(found.size(), 2u);
  for (const json& t : tasks_json({"--due-to", "2024-06-30"})) {
    ASSERT_TRUE(t["deadline"]["date"].is_string()) << t["id"];
    EXPECT_LE(t["deadline"]["date"].get<std::string>(), "2024-06-30");
  }
}

TEST_F(LedgerCliTest, CsvStartsWithBomAndHeader) {
  Result r = run({"tasks", "--csv", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(
      r.out.rfind("\xEF\xBB\xBF"
                  "序号,文件标题,文号,任务,牵头单位,责任单位,完成时限,时限日期,任务路径,行\r\n",
                  0),
      0u)
      << r.out.substr(0, 200);
  EXPECT_NE(r.out.find("\r\n1,"), std::string::npos);
  EXPECT_NE(r.out.find("周政字〔2024〕33号"), std::string::npos);
}

TEST_F(LedgerCliTest, XlsxWritesAWorkbook) {
  const fs::path path = dir_ / "out.xlsx";
  Result r = run({"tasks", "--xlsx", path.string(), "--unit", "区发改局", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_TRUE(fs::exists(path));
  EXPECT_EQ(slurp(path).substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_NE(r.out.find(path.string()), std::string::npos) << r.out;
}

TEST_F(LedgerCliTest, XlsxToAMissingDirectoryIsAnInputError) {
  const fs::path path = dir_ / "missing" / "out.xlsx";
  Result r = run({"tasks", "--xlsx", path.string(), kSample});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err.rfind("duban: 错误: " + path.string() + ": ", 0), 0u) << r.err;
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(LedgerCliTest, TableOnTheTerminal) {
  const std::size_t n = tasks_json().size();
  Result r = run({"tasks", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* column :
       {"序号", "文号", "任务", "牵头单位", "责任单位", "完成时限", "时限日期"}) {
    EXPECT_NE(r.out.find(column), std::string::npos) << column;
  }
  EXPECT_NE(r.out.find("共 " + std::to_string(n) + " 项任务"), std::string::npos) << r.out;
  // 任务 is cut to 30 characters: item 8 of 33号 is much longer.
  EXPECT_NE(r.out.find("构建重要农产品应急保障体系。围绕重要农产品、日用品、农资等布…"),
            std::string::npos);

  Result filtered = run({"tasks", "--unit", "区发改局", kSample});
  ASSERT_EQ(filtered.code, 0) << filtered.err;
  EXPECT_NE(filtered.out.find("（全部 " + std::to_string(n) + " 项中符合条件的）"),
            std::string::npos)
      << filtered.out;
}

TEST_F(LedgerCliTest, UnitsJsonCountsCanonicalUnits) {
  Result r = run({"units", "--json", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  json j = json::parse(r.out);
  ASSERT_TRUE(j["units"].is_array());
  ASSERT_TRUE(j["unknown"].is_array());
  json all = tasks_json();

  std::size_t previous = SIZE_MAX;
  bool coop = false;
  for (const json& u : j["units"]) {
    const std::string name = u["name"];
    const std::size_t tasks = u["tasks"];
    const std::size_t lead = u["lead"];
    EXPECT_LE(tasks, previous) << "sorted by task count";
    previous = tasks;
    EXPECT_LE(lead, tasks) << name;
    std::size_t expected = 0;
    for (const json& t : all) expected += has(t["units"], name) ? 1 : 0;
    EXPECT_EQ(tasks, expected) << name;
    if (name == "区供销合作社联合社") {
      coop = true;
      EXPECT_GE(tasks, 16u) << "every task of 33号 names 区供销联社";
    }
    EXPECT_NE(name, "区供销联社") << "aliases are counted under the canonical name";
  }
  EXPECT_TRUE(coop) << r.out;
  // Groups of units (各镇政府, 各镇（街道）) are counted as units, never listed as unknown names
  // to register.
  bool group = false;
  for (const json& u : j["units"]) group = group || u["name"] == "各镇（街道）";
  EXPECT_TRUE(group) << r.out;
  for (const json& u : j["unknown"]) {
    EXPECT_NE(u["name"], "各镇政府");
    EXPECT_NE(u["name"], "各镇（街道）");
    EXPECT_NE(u["name"], "区政府有关部门单位");
    EXPECT_TRUE(u["name"].is_string());
    EXPECT_GT(u["tasks"].get<std::size_t>(), 0u);
    EXPECT_FALSE(u.contains("lead"));
  }
}

TEST_F(LedgerCliTest, UnitsTable) {
  Result r = run({"units", kSample});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("区供销合作社联合社"), std::string::npos);
  EXPECT_NE(r.out.find("个单位"), std::string::npos);
}

TEST_F(LedgerCliTest, UsageErrorsExitWith2) {
  expect_usage_error({"tasks", "--due-from", "2024-13-01", kSample});
  expect_usage_error({"tasks", "--due-to", "2024-02-30", kSample});
  expect_usage_error({"tasks", "--due-from", "2024/01/01", kSample});
  expect_usage_error({"tasks", "--due-from", "2024-12-01", "--due-to", "2024-01-01", kSample});
  expect_usage_error({"tasks", "--json", "--csv", kSample});
  expect_usage_error({"tasks", "--csv", "--xlsx", "x.xlsx", kSample});
  expect_usage_error({"tasks"});
  expect_usage_error({"units"});
  expect_usage_error({"units", "--csv", kSample});
}

TEST_F(LedgerCliTest, BadDateMessageIsInChinese) {
  Result r = run({"tasks", "--due-from", "2024-13-01", kSample});
  EXPECT_NE(r.err.find("2024-13-01"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("YYYY-MM-DD"), std::string::npos) << r.err;
}

TEST_F(LedgerCliTest, MissingFileIsAnInputErrorWithoutPartialOutput) {
  const std::string missing = (dir_ / "missing.txt").string();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"tasks", "--json", kSample, missing},
        std::vector<std::string>{"units", "--json", kSample, missing}}) {
    Result r = run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("duban: 错误: " + missing + ": "), std::string::npos) << r.err;
  }
}

TEST_F(LedgerCliTest, HelpIsInChinese) {
  Result r = run({"tasks", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("工作台账"), std::string::npos) << r.out;
  r = run({"units", "--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("units.tsv"), std::string::npos) << r.out;
}

}  // namespace
