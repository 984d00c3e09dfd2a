// Tests of the working-day calendar (core/calendar.h) and of the holiday data it reads
// (data/holidays.tsv). Expectations come from the State Council General Office's notices
// (国务院办公厅关于20XX年部分节假日安排的通知), worked out by hand.
#include "core/calendar.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/builtin_rules.h"
#include "core/numerals.h"
#include "duban/rules.h"

namespace duban::detail {
namespace {

TEST(CalendarWeekday, IsoWeekdays) {
  struct Case {
    Date date;
    int weekday;  // 1 = Monday … 7 = Sunday
  };
  const Case cases[] = {{{1900, 1, 1}, 1},  {{2000, 1, 1}, 6},  {{2000, 2, 29}, 2},
                        {{2024, 2, 4}, 7},  {{2024, 2, 12}, 1}, {{2024, 2, 29}, 4},
                        {{2024, 7, 23}, 2}, {{2024, 9, 27}, 5}, {{2024, 9, 29}, 7},
                        {{2025, 10, 8}, 3}, {{2030, 1, 1}, 2},  {{2021, 6, 18}, 5},
                        {{2024, 12, 31}, 2}};
  for (const Case& c : cases) {
    EXPECT_EQ(WorkCalendar::weekday(c.date), c.weekday) << c.date.iso();
    EXPECT_EQ(weekday(c.date), c.weekday) << c.date.iso();
  }
}

TEST(CalendarIsWorkday, ListedDatesAndTheWeeklyRule) {
  const WorkCalendar cal(Rules::builtin());
  struct Case {
    Date date;
    bool workday;
    std::string_view why;
  };
  const Case cases[] = {
      {{2024, 2, 4}, true, "Sunday worked before 春节 (2024 notice)"},
      {{2024, 2, 12}, false, "Monday in 春节 2月10日至17日"},
      {{2024, 2, 9}, true, "除夕 2024 is only encouraged as a day off"},
      {{2024, 2, 18}, true, "Sunday worked after 春节"},
      {{2024, 9, 29}, true, "Sunday worked before 国庆节"},
      {{2024, 10, 7}, false, "Monday in 国庆节"},
      {{2024, 10, 12}, true, "Saturday worked after 国庆节"},
      {{2024, 7, 23}, true, "an ordinary Tuesday"},
      {{2024, 7, 27}, false, "an ordinary Saturday"},
      {{2025, 10, 8}, false, "Wednesday, last day of 国庆节、中秋节 2025"},
      {{2025, 10, 11}, true, "Saturday worked after 国庆节 2025"},
      {{2025, 1, 26}, true, "Sunday worked before 春节 2025"},
      {{2019, 5, 3}, false, "Friday in 劳动节 as changed by 国办发明电〔2019〕3号"},
      {{2019, 5, 5}, true, "Sunday worked, 国办发明电〔2019〕3号"},
      {{2020, 1, 31}, false, "Friday, 春节 extended by 国办发明电〔2020〕1号"},
      {{2020, 2, 1}, false, "Saturday: the make-up workday was cancelled by the extension"},
      {{2020, 2, 3}, true, "Monday: work resumed"},
      {{2022, 12, 31}, false, "Saturday, first day of 元旦 2023"},
      {{2023, 1, 2}, false, "Monday, 元旦 2023"},
      {{2023, 10, 7}, true, "Saturday worked after 中秋节、国庆节 2023"},
      {{2026, 1, 4}, true, "Sunday worked after 元旦 2026"},
      {{2030, 1, 1}, true, "2030 is not listed: a Tuesday works"},
      {{2030, 1, 5}, false, "2030 is not listed: a Saturday rests"},
      {{2030, 1, 6}, false, "2030 is not listed: a Sunday rests"},
  };
  for (const Case& c : cases)
    EXPECT_EQ(cal.is_workday(c.date), c.workday) << c.date.iso() << ": " << c.why;
}

TEST(CalendarAddWorkdays, CountsListedDays) {
  const WorkCalendar cal(Rules::builtin());
  struct Case {
    Date start;
    int n;
    Date expected;
  };
  const Case cases[] = {
      // 2024 国庆节: 9月29日 (Sunday) worked, 10月1日至7日 off.
      {{2024, 9, 27}, 1, {2024, 9, 29}},
      {{2024, 9, 27}, 2, {2024, 9, 30}},
      {{2024, 9, 27}, 3, {2024, 10, 8}},
      {{2024, 9, 27}, 5, {2024, 10, 10}},
      // 2024 春节: 2月9日 (Friday) worked, 2月10日至17日 off, 2月18日 (Sunday) worked.
      {{2024, 2, 8}, 5, {2024, 2, 21}},
      // 2024 劳动节: 5月1日至5日 off.
      {{2024, 4, 30}, 5, {2024, 5, 10}},
      // 2020 春节 as extended: 1月24日 to 2月2日 off.
      {{2020, 1, 23}, 1, {2020, 2, 3}},
      // An unlisted year: the weekly rule.
      {{2030, 1, 4}, 1, {2030, 1, 7}},
      {{2030, 1, 4}, 10, {2030, 1, 18}},
      // Zero and backwards.
      {{2024, 10, 10}, 0, {2024, 10, 10}},
      {{2024, 10, 8}, -1, {2024, 9, 30}},
      {{2024, 10, 8}, -2, {2024, 9, 29}},
  };
  for (const Case& c : cases)
    EXPECT_EQ(cal.add_workdays(c.start, c.n).iso(), c.expected.iso())
        << c.start.iso() << " + " << c.n;
}

TEST(CalendarCovers, BuiltinYears) {
  const Rules& rules = Rules::builtin();
  EXPECT_EQ(rules.calendar_years, (std::pair<int, int>{2019, 2026}));
  const WorkCalendar cal(rules);
  for (int y = 2019; y <= 2026; ++y) EXPECT_TRUE(cal.covers(y)) << y;
  EXPECT_FALSE(cal.covers(2018));
  EXPECT_FALSE(cal.covers(2027));
  const Rules empty;
  EXPECT_FALSE(WorkCalendar(empty).covers(2024));
  EXPECT_TRUE(WorkCalendar(empty).is_workday({2024, 2, 12}));  // no list: the weekly rule
}

// data/holidays.tsv: every year lists each festival, and only weekends are listed as workdays.
TEST(CalendarData, EveryYearHasEveryFestival) {
  std::string_view text;
  for (const RuleSource& s : builtin_rule_sources())
    if (s.name == "holidays.tsv") text = s.text;
  ASSERT_FALSE(text.empty());
  std::map<int, std::set<std::string>> names;  // holiday names by year
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> f;
    for (std::size_t a = 0;;) {
      std::size_t tab = line.find('\t', a);
      f.push_back(line.substr(a, tab == std::string_view::npos ? std::string_view::npos : tab - a));
      if (tab == std::string_view::npos) break;
      a = tab + 1;
    }
    ASSERT_EQ(f.size(), 3u) << line;
    auto d = parse_loose_date(f[0]);
    ASSERT_TRUE(d) << line;
    if (f[1] == "holiday") names[d->year].insert(std::string(f[2]));
  }
  const std::string_view festivals[] = {"元旦",   "春节", "清明节", "劳动节",
                                        "端午节", "中秋", "国庆节"};
  for (int y = 2019; y <= 2026; ++y) {
    for (std::string_view festival : festivals) {
      bool found = false;
      for (const std::string& name : names[y])
        found = found || name.find(festival) != std::string::npos;
      EXPECT_TRUE(found) << y << " lacks " << festival;
    }
  }
}

TEST(CalendarData, WorkdaysAreWeekendsAndHolidayCountsMatchTheLaw) {
  // Weekday holidays minus make-up workdays = the statutory days off: 11 until 2024, 13 from
  // 2025 (全国年节及纪念日放假办法 as revised in 2024); 2020 adds the two days of the
  // 国办发明电〔2020〕1号 extension (1月31日 off, 2月1日 no longer worked).
  const std::map<int, int> expected = {{2019, 11}, {2020, 13}, {2021, 11}, {2022, 11},
                                       {2023, 11}, {2024, 11}, {2025, 13}, {2026, 13}};
  std::map<int, int> net;
  for (const auto& [date, workday] : Rules::builtin().calendar) {
    int wd = weekday(date);
    if (workday) {
      EXPECT_GE(wd, 6) << date.iso() << " is listed as a make-up workday but is a weekday";
      --net[date.year];
    } else if (wd <= 5) {
      ++net[date.year];
    }
  }
  for (const auto& [year, days] : expected) EXPECT_EQ(net[year], days) << year;
}

}  // namespace
}  // namespace duban::detail
