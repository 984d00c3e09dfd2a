// The iCalendar feed, parsed back with libical. Dates from data/holidays.tsv: 2025-10-01..08
// are 国庆节、中秋节 (due 2025-10-09), 2025-09-20 is an ordinary Saturday (due Monday 09-22).
#include "adapters/export/ical_export.h"

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <sstream>

namespace duban::exporter {
namespace {

using store::TaskRow;
using store::TaskStatus;

const std::string kLongTask =
    "加快推进重点项目建设，确保年度投资计划全面完成；对照任务清单逐项抓好落实，"
    "及时协调解决项目用地、资金、审批等方面的困难和问题，形成工作合力，"
    "推动项目早开工、早投产、早见效（含\\反斜杠）";

TaskRow task(std::int64_t id, std::optional<Date> date, TaskStatus status,
             std::vector<std::string> units, std::vector<std::string> lead = {}) {
  TaskRow t;
  t.id = id;
  t.document_id = 3;
  t.text = "任务" + std::to_string(id);
  t.status = status;
  t.units = std::move(units);
  t.lead_units = std::move(lead);
  t.doc_number = "周政办字〔2024〕9号";
  t.doc_title = "关于印发2024年政务公开工作要点的通知";
  if (date) t.deadline = Deadline{"按期", date, "absolute"};
  return t;
}

std::vector<TaskRow> ledger() {
  TaskRow t11 =
      task(11, Date{2025, 10, 1}, TaskStatus::kNotStarted, {"区发改局", "区财政局"}, {"区发改局"});
  t11.text = kLongTask;
  t11.deadline->text = "10月1日前";
  return {
      t11,
      task(12, Date{2025, 9, 28}, TaskStatus::kDone, {"区发改局"}),
      task(13, std::nullopt, TaskStatus::kNotStarted, {"区发改局"}),
      task(14, Date{2025, 9, 30}, TaskStatus::kNotStarted, {"区教育局"}),
      task(15, Date{2025, 9, 20}, TaskStatus::kInProgress, {"区发改局"}),
  };
}

struct Free {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Parsed = std::unique_ptr<icalcomponent, Free>;

std::vector<icalcomponent*> events(icalcomponent* cal) {
  std::vector<icalcomponent*> out;
  for (icalcomponent* c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
       c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    out.push_back(c);
  }
  return out;
}

std::string x_value(icalcomponent* cal, const std::string& name) {
  for (icalproperty* p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
       p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY)) {
    if (name == icalproperty_get_x_name(p)) return icalproperty_get_x(p);
  }
  return "";
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

const followup::Options kToday{.today = {2025, 9, 26}};
const CalendarOptions kCal{.stamp = 1758844800};  // 2025-09-26T00:00:00Z

TEST(IcalExport, OneAllDayEventPerDatedTaskOfTheUnit) {
  const std::string ics = unit_calendar("区发改局", ledger(), kToday, kCal);
  Parsed cal(icalparser_parse_string(ics.c_str()));
  ASSERT_TRUE(cal);
  ASSERT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(x_value(cal.get(), "X-WR-CALNAME"), "区发改局督办任务时限");
  auto evs = events(cal.get());
  ASSERT_EQ(evs.size(), 3u);  // 11, 12, 15: 13 has no date, 14 is another unit's

  EXPECT_STREQ(icalcomponent_get_uid(evs[0]), "task-11@duban");
  icaltimetype start = icalcomponent_get_dtstart(evs[0]);
  EXPECT_TRUE(start.is_date);
  EXPECT_EQ(start.year, 2025);
  EXPECT_EQ(start.month, 10);
  EXPECT_EQ(start.day, 9);  // 10-01 falls in the holiday: due the first working day after
  icaltimetype end = icalcomponent_get_dtend(evs[0]);
  EXPECT_EQ(end.day, 10);

  EXPECT_STREQ(icalcomponent_get_uid(evs[1]), "task-12@duban");
  EXPECT_EQ(icalcomponent_get_dtstart(evs[1]).day, 28);  // a worked Sunday: due that day
  EXPECT_STREQ(icalcomponent_get_uid(evs[2]), "task-15@duban");
  icaltimetype s15 = icalcomponent_get_dtstart(evs[2]);
  EXPECT_EQ(s15.month, 9);
  EXPECT_EQ(s15.day, 22);  // Saturday 09-20 -> Monday 09-22

  // Raw form: all-day values, a UTC stamp.
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20251009"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTSTAMP:20250926T000000Z"), std::string::npos) << ics;
}

TEST(IcalExport, ChineseTextRoundTripsAndLongLinesAreFolded) {
  const std::string ics = unit_calendar("区发改局", ledger(), kToday, kCal);
  Parsed cal(icalparser_parse_string(ics.c_str()));
  ASSERT_TRUE(cal);
  icalcomponent* ev = events(cal.get()).at(0);
  // SUMMARY: 【督办】 + the first 40 characters + …
  std::string summary = icalcomponent_get_summary(ev);
  EXPECT_EQ(summary, "【督办】" + shorten(kLongTask, 40));
  EXPECT_EQ(summary,
            "【督办】加快推进重点项目建设，确保年度投资计划全面完成；对照任务清单逐项抓好落实，"
            "及时协…");
  const std::string description = icalcomponent_get_description(ev);
  EXPECT_EQ(description,
            "文号：周政办字〔2024〕9号\n"
            "文件标题：关于印发2024年政务公开工作要点的通知\n"
            "任务：" +
                kLongTask +
                "\n牵头单位：区发改局\n"
                "责任单位：区发改局、区财政局\n"
                "时限：10月1日前（2025年10月1日，遇节假日顺延至2025年10月9日）\n"
                "状态：未开始");

  // Every physical line is at most 75 octets (CRLF aside), lines end in CRLF, folding happened
  // and did not cut a character in two.
  std::size_t pos = 0, continuations = 0, lines = 0;
  while (pos < ics.size()) {
    std::size_t eol = ics.find("\r\n", pos);
    ASSERT_NE(eol, std::string::npos) << "line without CRLF at " << pos;
    std::string_view line(ics.data() + pos, eol - pos);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string_view::npos);
    if (!line.empty() && line[0] == ' ') {
      ++continuations;
      line.remove_prefix(1);
    }
    EXPECT_TRUE(valid_utf8(line)) << line;
    ++lines;
    pos = eol + 2;
  }
  EXPECT_GT(continuations, 5u);
  EXPECT_GT(lines, 30u);
  // TEXT escaping: ，；are not ASCII, but the backslash and the newlines are escaped.
  EXPECT_NE(ics.find("\\\\反斜杠"), std::string::npos);
}

TEST(IcalExport, StatusAndRemindersFollowTheEffectiveStatus) {
  CalendarOptions two = kCal;
  two.alarm_days_before = {3, 1, 0};
  const std::string ics = unit_calendar("区发改局", ledger(), kToday, two);
  Parsed cal(icalparser_parse_string(ics.c_str()));
  ASSERT_TRUE(cal);
  auto evs = events(cal.get());
  ASSERT_EQ(evs.size(), 3u);
  // open task: two alarms (0 is ignored), 3 and 1 days before the start
  ASSERT_EQ(icalcomponent_count_components(evs[0], ICAL_VALARM_COMPONENT), 2);
  icalcomponent* alarm = icalcomponent_get_first_component(evs[0], ICAL_VALARM_COMPONENT);
  icalproperty* trig = icalcomponent_get_first_property(alarm, ICAL_TRIGGER_PROPERTY);
  ASSERT_TRUE(trig);
  icaltriggertype t = icalproperty_get_trigger(trig);
  EXPECT_EQ(icaldurationtype_as_int(t.duration), -3 * 86400);
  EXPECT_EQ(icalproperty_get_action(icalcomponent_get_first_property(alarm, ICAL_ACTION_PROPERTY)),
            ICAL_ACTION_DISPLAY);
  // done task: no reminder
  EXPECT_EQ(icalcomponent_count_components(evs[1], ICAL_VALARM_COMPONENT), 0);
  EXPECT_NE(std::string(icalcomponent_get_description(evs[1])).find("状态：已完成"),
            std::string::npos);
  // task 15 was due 09-22, it is 09-26 and still 推进中: 逾期, and still reminded
  EXPECT_NE(std::string(icalcomponent_get_description(evs[2])).find("状态：逾期"),
            std::string::npos);
  EXPECT_EQ(icalcomponent_count_components(evs[2], ICAL_VALARM_COMPONENT), 2);
}

TEST(IcalExport, EmptyUnitMeansTheWholeLedgerAndUnknownUnitIsEmpty) {
  Parsed all(icalparser_parse_string(unit_calendar("", ledger(), kToday, kCal).c_str()));
  ASSERT_TRUE(all);
  EXPECT_EQ(events(all.get()).size(), 4u);
  EXPECT_EQ(x_value(all.get(), "X-WR-CALNAME"), "督办任务时限");
  Parsed none(icalparser_parse_string(unit_calendar("区民政局", ledger(), kToday, kCal).c_str()));
  ASSERT_TRUE(none);
  EXPECT_EQ(events(none.get()).size(), 0u);
  EXPECT_EQ(x_value(none.get(), "X-WR-CALNAME"), "区民政局督办任务时限");
}

TEST(IcalExport, ShortenCountsCharactersNotBytes) {
  EXPECT_EQ(shorten("督办任务", 2), "督办…");
  EXPECT_EQ(shorten("督办任务", 4), "督办任务");
  EXPECT_EQ(shorten("ab督", 2), "ab…");
  EXPECT_EQ(shorten("", 3), "");
}

}  // namespace
}  // namespace duban::exporter
