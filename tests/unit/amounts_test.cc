// Tests of money, percentages and ranges in running text (core/amounts.h).
#include "core/amounts.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::detail {
namespace {

constexpr double kNone = -1;  // no value expected

struct Expect {
  std::string_view text;  // the matched text, comparator words included
  AmountKind kind;
  double value;  // kNone for a range
  double min;    // kNone unless a range
  double max;
  std::string_view unit;
  std::string_view comparator;
  std::string_view per;
  bool implied;
};

void check(std::string_view input, const std::vector<Expect>& want) {
  SCOPED_TRACE(std::string(input));
  std::vector<Amount> got = find_amounts(input);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    const Amount& a = got[k];
    const Expect& e = want[k];
    SCOPED_TRACE(std::string(e.text));
    EXPECT_EQ(a.text, e.text);
    EXPECT_EQ(input.substr(a.begin, a.end - a.begin), a.text);
    EXPECT_EQ(a.kind, e.kind);
    if (e.value == kNone) {
      EXPECT_FALSE(a.value.has_value());
      ASSERT_TRUE(a.min && a.max);
      EXPECT_DOUBLE_EQ(*a.min, e.min);
      EXPECT_DOUBLE_EQ(*a.max, e.max);
    } else {
      ASSERT_TRUE(a.value.has_value());
      EXPECT_DOUBLE_EQ(*a.value, e.value);
      EXPECT_FALSE(a.min || a.max);
    }
    EXPECT_EQ(a.unit, e.unit);
    EXPECT_EQ(a.comparator, e.comparator);
    EXPECT_EQ(a.per, e.per);
    EXPECT_EQ(a.implied_unit, e.implied);
  }
}

constexpr AmountKind kMoney = AmountKind::kMoney;
constexpr AmountKind kPercent = AmountKind::kPercent;

TEST(FindAmounts, MoneyNormalizedToYuan) {
  struct Case {
    std::string_view input;
    std::string_view text;
    double yuan;
  };
  const Case cases[] = {
      {"设立5000万元专项资金", "5000万元", 5e7},
      {"实现营业收入1.26亿元", "1.26亿元", 1.26e8},
      {"安排三百万元", "三百万元", 3e6},
      {"总投资一点五亿元", "一点五亿元", 1.5e8},
      {"人民币壹万贰仟元整", "壹万贰仟元", 12000},
      {"每次500元", "500元", 500},
      {"达到1.5万元", "1.5万元", 15000},
      {"追加0.5亿元", "0.5亿元", 5e7},
      {"合计一点二亿元", "一点二亿元", 1.2e8},
      {"共1,000万元", "1,000万元", 1e7},
      {"两万元", "两万元", 20000},
      {"十万元", "十万元", 100000},
      {"一亿五千万元", "一亿五千万元", 1.5e8},
      {"849.24亿元", "849.24亿元", 8.4924e10},
      {"3千万元", "3千万元", 3e7},
      {"5千元", "5千元", 5000},
      {"1.5万亿元", "1.5万亿元", 1.5e12},
      {"收入31915元", "31915元", 31915},
  };
  for (const Case& c : cases) {
    check(c.input, {{c.text, kMoney, c.yuan, kNone, kNone, "元", "", "", false}});
  }
}

TEST(FindAmounts, YuanIsExactAfterScaling) {
  // 1.26 is not exact in binary; 1.26亿 must still be exactly 126000000 yuan.
  std::vector<Amount> got = find_amounts("1.26亿元");
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(*got[0].value, 126000000.0);
}

TEST(FindAmounts, PerUnit) {
  check("补助2万元/户", {{"2万元/户", kMoney, 20000, kNone, kNone, "元", "", "户", false}});
  check("收费15元/平方米", {{"15元/平方米", kMoney, 15, kNone, kNone, "元", "", "平方米", false}});
  check("补贴300元/人/年", {{"300元/人/年", kMoney, 300, kNone, kNone, "元", "", "人/年", false}});
}

TEST(FindAmounts, Lists) {
  // 元 implied by the clause's 奖励.
  check("分别奖励100万/50万/20万", {{"100万", kMoney, 1e6, kNone, kNone, "元", "", "", true},
                                    {"50万", kMoney, 5e5, kNone, kNone, "元", "", "", true},
                                    {"20万", kMoney, 2e5, kNone, kNone, "元", "", "", true}});
  // 元 implied by the last item of the list, no money word needed.
  check("依次为100万、50万、20万元", {{"100万", kMoney, 1e6, kNone, kNone, "元", "", "", true},
                                      {"50万", kMoney, 5e5, kNone, kNone, "元", "", "", true},
                                      {"20万元", kMoney, 2e5, kNone, kNone, "元", "", "", false}});
  check("分别奖励企业50万元、20万元", {{"50万元", kMoney, 5e5, kNone, kNone, "元", "", "", false},
                                       {"20万元", kMoney, 2e5, kNone, kNone, "元", "", "", false}});
  // A bare 亿 with a money word in the clause.
  check("总投资1.5亿", {{"1.5亿", kMoney, 1.5e8, kNone, kNone, "元", "", "", true}});
  check("总投资一点二亿", {{"一点二亿", kMoney, 1.2e8, kNone, kNone, "元", "", "", true}});
}

TEST(FindAmounts, Bounds) {
  check("单个项目补贴金额最高不超过500万元",
        {{"最高不超过500万元", kMoney, 5e6, kNone, kNone, "元", "<=", "", false}});
  check("最高500万元", {{"最高500万元", kMoney, 5e6, kNone, kNone, "元", "<=", "", false}});
  check("最高奖励50万元", {{"最高奖励50万元", kMoney, 5e5, kNone, kNone, "元", "<=", "", false}});
  check("补助不超过30万元", {{"不超过30万元", kMoney, 3e5, kNone, kNone, "元", "<=", "", false}});
  check("投资不低于1000万元",
        {{"不低于1000万元", kMoney, 1e7, kNone, kNone, "元", ">=", "", false}});
  check("设备投资1000万元以上",
        {{"1000万元以上", kMoney, 1e7, kNone, kNone, "元", ">=", "", false}});
  check("金额在300万元以下", {{"300万元以下", kMoney, 3e6, kNone, kNone, "元", "<=", "", false}});
  check("投资500万元（含）以上",
        {{"500万元（含）以上", kMoney, 5e6, kNone, kNone, "元", ">=", "", false}});
  check("首次突破5亿元", {{"突破5亿元", kMoney, 5e8, kNone, kNone, "元", ">", "", false}});
  check("完成投资5000余万元", {{"5000余万元", kMoney, 5e7, kNone, kNone, "元", ">", "", false}});
}

TEST(FindAmounts, Ranges) {
  check("给予10万至50万元补助", {{"10万至50万元", kMoney, kNone, 1e5, 5e5, "元", "", "", false}});
  check("给予10-50万元补助", {{"10-50万元", kMoney, kNone, 1e5, 5e5, "元", "", "", false}});
  check("给予10万元-50万元补助", {{"10万元-50万元", kMoney, kNone, 1e5, 5e5, "元", "", "", false}});
  check("奖励三至五万元", {{"三至五万元", kMoney, kNone, 3e4, 5e4, "元", "", "", false}});
  check("扣减50%-100%的绩效年薪", {{"50%-100%", kPercent, kNone, 50, 100, "%", "", "", false}});
  check("增长10-20%", {{"10-20%", kPercent, kNone, 10, 20, "%", "", "", false}});
  check("下降1至2个百分点", {{"1至2个百分点", kPercent, kNone, 1, 2, "个百分点", "", "", false}});
}

TEST(FindAmounts, Percentages) {
  check("年均增长6.2%", {{"6.2%", kPercent, 6.2, kNone, kNone, "%", "", "", false}});
  check("增长28%以上", {{"28%以上", kPercent, 28, kNone, kNone, "%", ">=", "", false}});
  check("提升了7.78个百分点",
        {{"7.78个百分点", kPercent, 7.78, kNone, kNone, "个百分点", "", "", false}});
  check("占比百分之十五", {{"百分之十五", kPercent, 15, kNone, kNone, "%", "", "", false}});
  check("百分之二十八点五",
        {{"百分之二十八点五", kPercent, 28.5, kNone, kNone, "%", "", "", false}});
  check("持股比例不低于34%", {{"不低于34%", kPercent, 34, kNone, kNone, "%", ">=", "", false}});
  check("控制在3%以内", {{"3%以内", kPercent, 3, kNone, kNone, "%", "<=", "", false}});
  check("全角28％", {{"28％", kPercent, 28, kNone, kNone, "%", "", "", false}});
  check("城镇化率70.72%、覆盖率100%",
        {{"70.72%", kPercent, 70.72, kNone, kNone, "%", "", "", false},
         {"100%", kPercent, 100, kNone, kNone, "%", "", "", false}});
}

TEST(FindAmounts, NotAmounts) {
  const std::string_view cases[] = {
      "2023年",                 // a year
      "2021年12月1日",          // a date
      "拨打12345热线",          // a number without a unit
      "第3季度",                // an ordinal
      "第3%",                   // an ordinal, however odd
      "PM2.5浓度",              // a number inside a Latin word
      "人口1.5亿",              // 亿 without 元 and without money in the clause
      "农资仓储能力达到1万吨",  // a measure word after 万
      "5万美元",                // another currency
      "元旦前",                 // 元 alone
      "一般资产",               // a numeral character in a word
      "2021-2025年",            // a range of years
      "鲁政发〔2024〕3号",      // a document number
      "",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_TRUE(find_amounts(text).empty());
  }
}

TEST(FindAmounts, MoneyContextIsTheClause) {
  // The money word is in another clause: 50万 is not money.
  check("设立专项资金，服务人口50万", {});
  check("资金50万，人口50万", {{"50万", kMoney, 5e5, kNone, kNone, "元", "", "", true}});
}

TEST(FindAmounts, OffsetsIntoTheText) {
  std::string_view text = "一、奖励标准：最高奖励50万元，增长28%以上。";
  std::vector<Amount> got = find_amounts(text);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(text.substr(got[0].begin, got[0].end - got[0].begin), "最高奖励50万元");
  EXPECT_EQ(text.substr(got[1].begin, got[1].end - got[1].begin), "28%以上");
}

TEST(ReadNumber, ChineseAndArabic) {
  struct Case {
    std::string_view text;
    double value;        // without the magnitude
    double scaled;       // with it
    std::size_t digits;  // bytes of the number before the magnitude
    std::size_t end;
  };
  const Case cases[] = {
      {"一点二亿", 1.2, 1.2e8, 9, 12},    {"一点五亿", 1.5, 1.5e8, 9, 12},
      {"1.5万", 1.5, 15000, 3, 6},        {"0.5亿", 0.5, 5e7, 3, 6},
      {"三百万", 300, 3e6, 6, 9},         {"壹万贰仟", 12000, 12000, 12, 12},
      {"5000", 5000, 5000, 4, 4},         {"12,345,678", 12345678, 12345678, 10, 10},
      {"二十八点五", 28.5, 28.5, 15, 15},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    auto n = read_number(c.text, 0);
    ASSERT_TRUE(n.has_value());
    EXPECT_DOUBLE_EQ(n->value(), c.value);
    EXPECT_DOUBLE_EQ(n->scaled(), c.scaled);
    EXPECT_EQ(n->digits_end, c.digits);
    EXPECT_EQ(n->end, c.end);
  }
  EXPECT_FALSE(read_number("万元", 0).has_value());
  EXPECT_FALSE(read_number("12345678901234567890", 0).has_value());
  EXPECT_FALSE(read_number("abc", 0).has_value());
}

TEST(FindAmounts, HostileInputIsSafeAndLinear) {
  std::vector<std::string> inputs;
  inputs.push_back(std::string(4 << 20, '9'));  // one huge digit run
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 300000; ++i) s += "1万、";  // one clause, many bare items
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += "百分之";
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 1000000; ++i) s += static_cast<char>(0x80 + (i % 0x7F));  // invalid UTF-8
    return s;
  }());
  inputs.push_back(std::string("5万元") + '\xE5');  // a truncated sequence at the end
  for (const std::string& s : inputs) {
    std::vector<Amount> got = find_amounts(s);
    for (const Amount& a : got) {
      ASSERT_LE(a.begin, a.end);
      ASSERT_LE(a.end, s.size());
    }
  }
  std::vector<Amount> many = find_amounts(inputs[1]);
  EXPECT_TRUE(many.empty());  // 1万 with no money anywhere in the clause
}

}  // namespace
}  // namespace duban::detail
