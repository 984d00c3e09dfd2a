// adapters/export/ical_export.h: a unit's task deadlines as an iCalendar feed (RFC 5545),
// written with libical, for subscribing from a calendar program.
//
//   std::string ics = duban::exporter::unit_calendar("区发改局", storage->tasks(filter),
//                                                    {.today = today}, {.stamp = time(nullptr)});
//   // serve as "text/calendar; charset=utf-8"
//
// One VEVENT per task of the unit that has a deadline date:
//   UID          task-<id>@duban (stable across feeds, so calendar programs update, not add)
//   DTSTART      the due date as an all-day date (DTSTART;VALUE=DATE), DTEND the day after;
//                the due date is the deadline date moved to the next working day when that is
//                a weekend or a holiday (followup::due_date, 民法典 第二百零三条)
//   SUMMARY      【督办】 and the task text, shortened
//   DESCRIPTION  文号, 文件标题, 任务, 牵头单位, 责任单位, 时限 as printed, 状态 (逾期 included)
//   VALARM       display reminders N days before (CalendarOptions::alarm_days_before), for
//                open tasks only (未开始, 推进中, 逾期)
// X-WR-CALNAME names the calendar after the unit. Line folding (75 octets) and TEXT escaping
// are libical's.
#ifndef DUBAN_ADAPTERS_EXPORT_ICAL_EXPORT_H_
#define DUBAN_ADAPTERS_EXPORT_ICAL_EXPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "adapters/export/followup_text.h"
#include "adapters/storage/storage.h"
#include "duban/rules.h"
#include "followup/followup.h"

namespace duban::exporter {

struct CalendarOptions {
  std::vector<int> alarm_days_before = {3};  // one VALARM per entry; values <= 0 are ignored
  std::int64_t stamp = 0;                    // DTSTAMP: when the feed is made, Unix seconds
  std::string uid_domain = "duban";          // UID is task-<id>@<uid_domain>
  std::size_t summary_chars = 40;            // task text kept in SUMMARY, in characters
};

//! The calendar of `unit` (canonical name): the tasks naming it among their lead or
//! responsible units. An empty `unit` means every task ("督办任务时限" for the whole ledger).
//! `options.today` decides which tasks are shown as 逾期.
std::string unit_calendar(const std::string& unit, const std::vector<store::TaskRow>& tasks,
                          const followup::Options& options, const CalendarOptions& calendar = {},
                          const Rules& rules = Rules::builtin());

//! The name X-WR-CALNAME carries: "<unit>督办任务时限", or "督办任务时限" for all units.
std::string calendar_name(const std::string& unit);

}  // namespace duban::exporter

#endif  // DUBAN_ADAPTERS_EXPORT_ICAL_EXPORT_H_
