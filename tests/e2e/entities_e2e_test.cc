// `duban entities` end to end (the built binary, text piped on stdin), and the entity readers
// it is built on (core/entities.h).
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

#include "core/entities.h"
#include "e2e/run_duban.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int code = -1;
  std::string out;
  std::string err;
  std::vector<json> lines;  // stdout parsed as JSON Lines
};

class EntitiesCli : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = duban::e2e::make_test_dir("duban_entities_test"); }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `duban args...` with `input` on stdin.
  Result run(const std::vector<std::string>& args, const std::string& input, bool json_out = true) {
    std::string in_path = (dir_ / "in").string();
    std::ofstream(in_path, std::ios::binary) << input;
    duban::e2e::Run run = duban::e2e::run_duban(dir_, args, in_path);
    Result r;
    r.code = run.code;
    r.out = std::move(run.out);
    r.err = std::move(run.err);
    std::istringstream lines(json_out ? r.out : std::string());
    for (std::string line; std::getline(lines, line);) {
      r.lines.push_back(json::parse(line));  // throws (and fails the test) if not JSON
    }
    return r;
  }

  fs::path dir_;
};

// The entities of `r` of one type, in output order.
std::vector<json> of_type(const Result& r, const std::string& type) {
  std::vector<json> out;
  for (const json& j : r.lines) {
    if (j.at("type") == type) out.push_back(j);
  }
  return out;
}

TEST_F(EntitiesCli, HelpSaysUtf8AndJsonLines) {
  Result r = run({"entities", "--help"}, "", false);
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("UTF-8"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("JSON Lines"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("64 MiB"), std::string::npos) << r.out;
}

TEST_F(EntitiesCli, EveryTypeWithItsValue) {
  const std::string input =
      "一、到 2027 年，全区设备投资规模较2023年增长28%以上。\n"                               // 1
      "由区财政局牵头，对符合条件的项目给予最高不超过500万元补助（临兰政发〔2021〕1号）。\n"  // 2
      "2021年12月1日印发，补助标准为2万元/户。\n"                                             // 3
      "拨打12345热线，第3季度完成。\n"                                                        // 4
      "设立 5000 万元 专项资金\r\n"                                                           // 5
      "奖励10-50万元，占比百分之十五\n";                                                      // 6
  Result r = run({"entities"}, input);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  // Every line has type, text and line; the order is the input order.
  int last_line = 0;
  for (const json& j : r.lines) {
    ASSERT_TRUE(j.contains("type") && j.contains("text") && j.contains("line")) << j.dump();
    EXPECT_GE(j["line"].get<int>(), last_line);
    last_line = j["line"].get<int>();
    if (j["line"] == 4) {
      EXPECT_EQ(j["type"], "deadline") << "only a deadline on line 4: " << j.dump();
    }
  }

  std::vector<json> targets = of_type(r, "target");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["line"], 1);
  EXPECT_EQ(targets[0]["text"], "全区设备投资规模较2023年增长28%以上");
  EXPECT_EQ(targets[0]["metric"], "全区设备投资规模");
  EXPECT_EQ(targets[0]["comparator"], ">=");
  EXPECT_EQ(targets[0]["value"], 28.0);
  EXPECT_EQ(targets[0]["unit"], "%");
  EXPECT_EQ(targets[0]["baseline_year"], 2023);
  EXPECT_EQ(targets[0]["year"], 2027);

  std::vector<json> percents = of_type(r, "percent");
  ASSERT_EQ(percents.size(), 2u);
  EXPECT_EQ(percents[0]["text"], "28%以上");
  EXPECT_EQ(percents[0]["value"], 28.0);
  EXPECT_EQ(percents[0]["unit"], "%");
  EXPECT_EQ(percents[0]["comparator"], ">=");
  EXPECT_EQ(percents[1]["text"], "百分之十五");
  EXPECT_EQ(percents[1]["value"], 15.0);
  EXPECT_EQ(percents[1]["line"], 6);

  std::vector<json> money = of_type(r, "money");
  ASSERT_EQ(money.size(), 4u);
  EXPECT_EQ(money[0]["text"], "最高不超过500万元");
  EXPECT_EQ(money[0]["value"], 5e6);
  EXPECT_EQ(money[0]["unit"], "元");
  EXPECT_EQ(money[0]["comparator"], "<=");
  EXPECT_EQ(money[0]["line"], 2);
  EXPECT_EQ(money[1]["text"], "2万元/户");
  EXPECT_EQ(money[1]["value"], 20000.0);
  EXPECT_EQ(money[1]["per"], "户");
  EXPECT_FALSE(money[1].contains("comparator"));
  EXPECT_EQ(money[2]["text"], "5000万元");  // layout spaces normalized away, CR dropped
  EXPECT_EQ(money[2]["value"], 5e7);
  EXPECT_EQ(money[2]["line"], 5);
  EXPECT_EQ(money[3]["text"], "10-50万元");
  EXPECT_FALSE(money[3].contains("value"));
  EXPECT_EQ(money[3]["min"], 1e5);
  EXPECT_EQ(money[3]["max"], 5e5);

  std::vector<json> dates = of_type(r, "date");
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0]["text"], "2021年12月1日");
  EXPECT_EQ(dates[0]["date"], "2021-12-01");
  EXPECT_EQ(dates[0]["line"], 3);

  std::vector<json> numbers = of_type(r, "doc_number");
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0]["doc_number"], "临兰政发〔2021〕1号");
  EXPECT_EQ(numbers[0]["agency"], "临兰政发");
  EXPECT_EQ(numbers[0]["year"], 2021);
  EXPECT_EQ(numbers[0]["serial"], 1);

  std::vector<json> units = of_type(r, "unit");
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0]["text"], "区财政局");
  EXPECT_EQ(units[0]["line"], 2);

  // Deadlines: "到2027年" is the end of 2027; "第3季度" has no year to resolve against.
  std::vector<json> deadlines = of_type(r, "deadline");
  ASSERT_EQ(deadlines.size(), 2u);
  EXPECT_EQ(deadlines[0]["text"], "到2027年");
  EXPECT_EQ(deadlines[0]["date"], "2027-12-31");
  EXPECT_EQ(deadlines[0]["line"], 1);
  EXPECT_EQ(deadlines[1]["text"], "第3季度");
  EXPECT_TRUE(deadlines[1]["date"].is_null());
  EXPECT_EQ(deadlines[1]["kind"], "absolute");
}

TEST_F(EntitiesCli, YearOptionIsTheDocumentsYear) {
  const std::string input = "今年全区规上工业增加值增长8%\n";
  Result r = run({"entities", "--year", "2024"}, input);
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<json> targets = of_type(r, "target");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0]["year"], 2024);
  r = run({"entities"}, input);
  targets = of_type(r, "target");
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_TRUE(targets[0]["year"].is_null());
}

TEST_F(EntitiesCli, InputOverTheCapIsAnError) {
  Result r = run({"entities", "--max-bytes", "10"}, "12345678901");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "duban: 错误: 标准输入: 输入超过 10 字节 上限\n");
  r = run({"entities", "--max-bytes", "11"}, "12345678901");
  EXPECT_EQ(r.code, 0) << r.err;
  // The real cap: 64 MiB.
  std::string big((std::size_t{64} << 20) + 1, 'a');
  r = run({"entities"}, big);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "duban: 错误: 标准输入: 输入超过 64 MiB 上限\n");
}

TEST_F(EntitiesCli, EmptyAndHostileInput) {
  Result r = run({"entities"}, "");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  std::string noise;
  for (int i = 0; i < 300000; ++i) {
    noise += static_cast<char>((i * 131 + 7) % 256);
    if (i % 5000 == 0) noise += "《最高500万元（鲁政发〔2024〕3号";
  }
  r = run({"entities"}, noise);  // every output line must still be valid JSON
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_FALSE(r.lines.empty());
}

TEST_F(EntitiesCli, UsageErrors) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"entities", "--year", "abc"},
        std::vector<std::string>{"entities", "--no-such-option"},
        std::vector<std::string>{"entities", "extra-file"}}) {
    Result r = run(args, "", false);
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

// The readers behind the command.

TEST(FindUnitNames, SimpleReading) {
  using duban::detail::find_unit_names;
  const duban::Rules& rules = duban::Rules::builtin();
  struct Case {
    std::string_view text;
    std::vector<std::string_view> names;
  };
  const Case cases[] = {
      {"由区财政局牵头，区发改局、区政府办公室配合", {"区财政局", "区发改局", "区政府办公室"}},
      {"各镇（街道）、区直各部门要高度重视", {"各镇（街道）", "区直各部门"}},
      {"临沂市兰山区人民政府", {"临沂市兰山区人民政府"}},
      {"报区政府政务公开办公室备案", {"区政府政务公开办公室"}},
      {"会同财政局研究", {"财政局"}},  // in the unit registry
      {"区委办公室", {"区委办公室"}},
      {"请区发展和改革局、区住房和城乡建设局负责", {"区发展和改革局", "区住房和城乡建设局"}},
      {"按照区统计局要求", {"区统计局"}},
      {"区科技局承办", {"区科技局"}},
      {"各镇（街道）、区直各部门", {"各镇（街道）", "区直各部门"}},
      {"做好政府信息公开", {}},
      {"加强城镇建设", {}},
      {"政府工作部署", {}},
      {"构建新发展格局", {}},
      {"按规定办理", {}},
      {"坚持以人民为中心", {}},
      {"责任单位：", {}},
      {"可委托第三方", {}},
      {"加快培育商贸龙头企业", {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::vector<duban::detail::UnitName> got = find_unit_names(c.text, rules);
    ASSERT_EQ(got.size(), c.names.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_EQ(got[k].name, c.names[k]);
      EXPECT_EQ(c.text.substr(got[k].begin, got[k].end - got[k].begin), c.names[k]);
    }
  }
  // A filter replaces the simple reading.
  auto got = find_unit_names("由区财政局牵头", rules, [](std::string_view) { return false; });
  EXPECT_TRUE(got.empty());
}

TEST(FindEntities, DeadlineHookAndOrder) {
  std::string_view text = "9月底前完成，投资500万元";
  duban::detail::EntityOptions options;
  options.find_deadlines = [](std::string_view t) {
    std::vector<duban::detail::EntityDeadline> out;
    std::size_t at = t.find("9月底前");
    if (at != std::string_view::npos) {
      duban::Deadline d;
      d.text = "9月底前";
      d.kind = "absolute";
      d.date = duban::Date{2024, 9, 30};
      out.push_back({d, at, at + d.text.size()});
    }
    out.push_back({duban::Deadline{}, 5, 1});  // malformed offsets are dropped
    return out;
  };
  std::vector<duban::detail::Entity> got = duban::detail::find_entities(text, options);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].type, "deadline");
  EXPECT_EQ(got[0].text, "9月底前");
  EXPECT_EQ(got[0].deadline->date->iso(), "2024-09-30");
  EXPECT_EQ(got[1].type, "money");
  EXPECT_EQ(got[1].text, "500万元");
  EXPECT_DOUBLE_EQ(*got[1].amount->value, 5e6);
}

}  // namespace
