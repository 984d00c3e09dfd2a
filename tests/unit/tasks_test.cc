// The task ledger of four documents of different layouts against expectations written by
// reading them (tests/cases/tasks_expected.json): a 责任单位 list after each item, 牵头/责任
// labels broken across hard-wrapped lines, 责任部门 lines closing a list, and a task-division
// table with merged cells. Every (task, unit) pair is checked: none missed, none invented.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "duban/parse.h"
#include "duban/units.h"

namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const json& expectations() {
  static const json j =
      json::parse(read_file(std::string(DUBAN_TEST_CASES_DIR) + "/tasks_expected.json"));
  return j;
}

std::string strip_spaces(std::string s) {
  std::erase(s, ' ');
  return s;
}

class TasksTest : public ::testing::TestWithParam<std::string> {};

TEST_P(TasksTest, EveryTaskWithItsUnits) {
  const std::string key = GetParam();
  const json& e = expectations().at(key);
  const std::string file = key.substr(0, key.find('#'));
  const std::string number = key.substr(key.find('#') + 1);
  const duban::Rules& rules = duban::Rules::builtin();
  const duban::UnitRegistry registry(rules);
  duban::ParseResult r =
      duban::parse(read_file(std::string(DUBAN_SAMPLES_DIR) + "/" + file), rules);
  auto doc = std::find_if(r.documents.begin(), r.documents.end(), [&](const duban::Document& d) {
    return d.doc_number && d.doc_number->text == number;
  });
  ASSERT_NE(doc, r.documents.end()) << number;
  ASSERT_TRUE(doc->date.has_value());
  EXPECT_EQ(doc->date->iso(), e["document_date"].get<std::string>());

  int expected_pairs = 0, found_pairs = 0, invented_pairs = 0;
  std::set<int> matched;
  for (const json& t : e["tasks"]) {
    const int line = t["line"].get<int>();
    SCOPED_TRACE(key + " " + t["label"].get<std::string>() + " line " + std::to_string(line));
    auto task = std::find_if(doc->tasks.begin(), doc->tasks.end(),
                             [&](const duban::Task& x) { return x.lines.start == line; });
    std::set<std::string> want;
    for (const json& u : t["units"]) want.insert(registry.canonical(u.get<std::string>()));
    expected_pairs += static_cast<int>(want.size());
    if (task == doc->tasks.end()) {
      ADD_FAILURE() << "no task at line " << line;
      continue;
    }
    matched.insert(line);
    std::set<std::string> got(task->units.begin(), task->units.end());
    for (const std::string& u : got) (want.count(u) ? found_pairs : invented_pairs) += 1;
    std::string missing, extra;
    for (const std::string& u : want)
      if (!got.count(u)) missing += " " + u;
    for (const std::string& u : got)
      if (!want.count(u)) extra += " " + u;
    EXPECT_TRUE(missing.empty() && extra.empty()) << "missing:" << missing << " extra:" << extra;
    std::set<std::string> want_lead, got_lead(task->lead_units.begin(), task->lead_units.end());
    for (const json& u : t["lead_units"])
      want_lead.insert(registry.canonical(u.get<std::string>()));
    EXPECT_TRUE(got_lead == want_lead) << "lead units differ";
    EXPECT_EQ(task->units.size(), task->units_as_printed.size());
    const std::string start = t["starts_with"].get<std::string>();
    EXPECT_NE(strip_spaces(task->text).find(start), std::string::npos) << task->text.substr(0, 60);
    if (t["deadline_text"].is_null()) {
      EXPECT_FALSE(task->deadline.has_value()) << task->deadline->text;
    } else {
      ASSERT_TRUE(task->deadline.has_value());
      EXPECT_EQ(task->deadline->text, t["deadline_text"].get<std::string>());
    }
  }
  for (const duban::Task& t : doc->tasks) {
    if (!matched.count(t.lines.start)) {
      ADD_FAILURE() << "invented task at line " << t.lines.start << ": " << t.text.substr(0, 60);
      invented_pairs += static_cast<int>(t.units.size());
    }
  }
  std::cout << key << ": " << found_pairs << " of " << expected_pairs
            << " (task, unit) pairs found, " << invented_pairs << " invented\n";
}

INSTANTIATE_TEST_SUITE_P(
    Documents, TasksTest,
    ::testing::Values("zhoucun-2024-coops-disclosure-tasklist.txt#周政字〔2024〕33号",
                      "shanting-2024-equipment-renewal-etc.txt#山政发〔2024〕4号",
                      "lanshan-gazette-2021-04.txt#临兰政字〔2021〕102号",
                      "zhoucun-2024-coops-disclosure-tasklist.txt#周政办字〔2024〕9号"),
    [](const auto& info) { return "doc" + std::to_string(info.index); });

}  // namespace
