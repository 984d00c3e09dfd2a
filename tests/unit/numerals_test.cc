// Tests of Chinese and Arabic numerals and dates (core/numerals.h).
#include "core/numerals.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace duban::detail {
namespace {

TEST(ParseNumeral, WholeNumerals) {
  struct Case {
    std::string_view text;
    std::int64_t value;
  };
  const Case cases[] = {
      {"二十一", 21},
      {"一百零五", 105},
      {"三千万", 30000000},
      {"十二", 12},
      {"十", 10},
      {"二十", 20},
      {"一万零一", 10001},
      {"一亿", 100000000},
      {"壹万贰仟", 12000},
      {"贰拾叁", 23},
      {"2024", 2024},
      {"7", 7},
      {"两", 2},
      {"两千", 2000},
      {"十万", 100000},
      {"一千零二十", 1020},
      {"二十万零三百", 200300},
      {"贰拾", 20},
      {"壹佰零伍", 105},
      {"二〇二一", 2021},  // positional form of a year
      {"二〇二四", 2024},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<std::int64_t> v = parse_numeral(c.text);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, c.value);
  }
}

TEST(ParseNumeral, LargeUnitsCombine) {
  struct Case {
    std::string_view text;
    std::int64_t value;
  };
  const Case cases[] = {
      {"一亿五千万", 150000000},
      {"五千亿", 500000000000},
      {"十亿", 1000000000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<std::int64_t> v = parse_numeral(c.text);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, c.value);
  }
}

TEST(ParseNumeral, WanYi) {
  struct Case {
    std::string_view text;
    std::int64_t value;
  };
  const Case cases[] = {
      {"一万亿", 1000000000000},
      {"两万亿", 2000000000000},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<std::int64_t> v = parse_numeral(c.text);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(*v, c.value);
  }
}

TEST(ParseNumeral, NotANumeral) {
  const std::string_view cases[] = {"", "abc", "二十一日", "第一", "2024年", "一是", "年"};
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(parse_numeral(text).has_value());
  }
}

TEST(IsNumeralChar, Classes) {
  const char32_t yes[] = {U'〇', U'零', U'一', U'两', U'九', U'十', U'百', U'千',
                          U'万', U'亿', U'壹', U'贰', U'拾', U'佰', U'仟', U'7'};
  for (char32_t c : yes) {
    SCOPED_TRACE(static_cast<std::uint32_t>(c));
    EXPECT_TRUE(is_numeral_char(c));
  }
  const char32_t no[] = {U'年', U'月', U'日', U'号', U'第', U'a', U'、', U'.'};
  for (char32_t c : no) {
    SCOPED_TRACE(static_cast<std::uint32_t>(c));
    EXPECT_FALSE(is_numeral_char(c));
  }
}

TEST(ValidDate, Calendar) {
  struct Case {
    int y, m, d;
    bool valid;
  };
  const Case cases[] = {
      {2024, 2, 29, true},  {2023, 2, 29, false}, {2000, 2, 29, true}, {1900, 2, 29, false},
      {2021, 2, 30, false}, {2021, 4, 31, false}, {2021, 4, 30, true}, {2021, 12, 31, true},
      {2021, 13, 1, false}, {2021, 0, 1, false},  {2021, 1, 0, false}, {2021, 1, 32, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE((Date{c.y, c.m, c.d}).iso());
    EXPECT_EQ(valid_date(c.y, c.m, c.d), c.valid);
  }
}

TEST(DateIso, ZeroPadded) {
  EXPECT_EQ((Date{2021, 12, 1}).iso(), "2021-12-01");
  EXPECT_EQ((Date{2024, 7, 23}).iso(), "2024-07-23");
}

TEST(ParseDate, WholeDates) {
  struct Case {
    std::string_view text;
    Date date;
  };
  const Case cases[] = {
      {"2024年7月23日", {2024, 7, 23}},          {"二〇二一年十二月一日", {2021, 12, 1}},
      {"二〇二四年七月二十三日", {2024, 7, 23}}, {"2021年12月1日", {2021, 12, 1}},
      {"2024年2月29日", {2024, 2, 29}},          {"2024年07月03日", {2024, 7, 3}},
      {"  2021年6月7日  ", {2021, 6, 7}},  // trimmed
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<Date> d = parse_date(c.text);
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(*d, c.date);
  }
}

TEST(ParseDate, NotAWholeValidDate) {
  const std::string_view cases[] = {
      "2021年2月30日",      // no such day
      "2023年2月29日",      // not a leap year
      "2021年13月1日",      // no such month
      "2024年7月23日印发",  // a date followed by more text
      "于2024年7月23日",    // text before the date
      "2024年7月",          // no day
      "",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(parse_date(text).has_value());
  }
}

TEST(MatchDate, AtExactPosition) {
  const std::string text = "于2024年7月23日印发";
  const std::size_t pos = std::string("于").size();
  std::size_t end = 0;
  std::optional<Date> d = match_date(text, pos, &end);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2024, 7, 23}));
  EXPECT_EQ(end, pos + std::string("2024年7月23日").size());
  EXPECT_EQ(text.substr(end), "印发");

  // Not at the start of the text: 于 is not part of a date.
  EXPECT_FALSE(match_date(text, 0, &end).has_value());
}

TEST(FindDate, InRunningText) {
  const std::string text = "本规定自2022年1月1日起施行";
  std::size_t at = 0, end = 0;
  std::optional<Date> d = find_date(text, 0, &at, &end);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2022, 1, 1}));
  EXPECT_EQ(at, std::string("本规定自").size());
  EXPECT_EQ(text.substr(at, end - at), "2022年1月1日");
}

TEST(FindDate, ChineseDateInRunningText) {
  const std::string text = "本办法自二〇二一年十二月一日起施行，有效期五年。";
  std::size_t at = 0, end = 0;
  std::optional<Date> d = find_date(text, 0, &at, &end);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2021, 12, 1}));
  EXPECT_EQ(text.substr(at, end - at), "二〇二一年十二月一日");
}

TEST(FindDate, FromOffsetAndSkipsInvalidDates) {
  const std::string text = "自2021年2月30日至2021年3月1日，再至2022年3月1日。";
  std::size_t at = 0, end = 0;
  // 2月30日 is not a date, so the first date is 2021年3月1日.
  std::optional<Date> d = find_date(text, 0, &at, &end);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (Date{2021, 3, 1}));
  EXPECT_EQ(text.substr(at, end - at), "2021年3月1日");

  std::optional<Date> next = find_date(text, end, &at, &end);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(*next, (Date{2022, 3, 1}));
  EXPECT_EQ(text.substr(at, end - at), "2022年3月1日");

  EXPECT_FALSE(find_date(text, end, &at, &end).has_value());
}

TEST(FindDate, NoDate) {
  std::size_t at = 0, end = 0;
  EXPECT_FALSE(find_date("到2027年，力争完成目标。", 0, &at, &end).has_value());
  EXPECT_FALSE(find_date("", 0, &at, &end).has_value());
}

TEST(AddYears, ClampsLeapDay) {
  struct Case {
    Date from;
    int years;
    Date to;
  };
  const Case cases[] = {
      {{2024, 2, 29}, 1, {2025, 2, 28}},   {{2024, 2, 29}, 4, {2028, 2, 29}},
      {{2024, 2, 29}, 5, {2029, 2, 28}},   {{2021, 6, 7}, 5, {2026, 6, 7}},
      {{2021, 12, 31}, 2, {2023, 12, 31}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.from.iso() + " + " + std::to_string(c.years));
    EXPECT_EQ(add_years(c.from, c.years), c.to);
  }
}

TEST(AddDays, AcrossMonthAndYearEnds) {
  struct Case {
    Date from;
    int days;
    Date to;
  };
  const Case cases[] = {
      {{2021, 1, 31}, 1, {2021, 2, 1}},    {{2021, 12, 31}, 1, {2022, 1, 1}},
      {{2024, 2, 28}, 1, {2024, 2, 29}},   {{2023, 2, 28}, 1, {2023, 3, 1}},
      {{2024, 1, 1}, 365, {2024, 12, 31}},  // 2024 is a leap year
      {{2023, 12, 20}, 15, {2024, 1, 4}},  {{2021, 6, 7}, 1000, {2024, 3, 3}},
      {{2021, 6, 7}, 0, {2021, 6, 7}},     {{2022, 1, 1}, -1, {2021, 12, 31}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.from.iso() + " + " + std::to_string(c.days));
    EXPECT_EQ(add_days(c.from, c.days), c.to);
  }
}

}  // namespace
}  // namespace duban::detail
