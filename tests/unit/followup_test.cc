// Follow-up over hand-built task rows, with dates around the 2024-2026 holidays of
// data/holidays.tsv. Expectations worked out by hand from that file and a wall calendar:
//   2025-09-27 Sat rest, 2025-09-28 Sun worked (调休), 2025-10-01..08 国庆节、中秋节,
//   2025-10-09 Thu, 2025-10-11 Sat worked (调休); 2024-02-10..17 春节, 2024-02-18 Sun worked;
//   2026-01-01..03 元旦, 2026-01-04 Sun worked; 2026-02-14 Sat worked, 2026-02-15..23 春节.
#include "followup/followup.h"

#include <gtest/gtest.h>

#include "core/calendar.h"
#include "core/numerals.h"

namespace duban::followup {
namespace {

using store::ProgressRow;
using store::TaskRow;
using store::TaskStatus;

TaskRow task(std::int64_t id, std::optional<Date> deadline,
             TaskStatus status = TaskStatus::kNotStarted, std::vector<std::string> units = {},
             std::vector<std::string> lead = {}, std::int64_t document_id = 1) {
  TaskRow t;
  t.id = id;
  t.document_id = document_id;
  t.text = "任务" + std::to_string(id);
  t.status = status;
  t.units = std::move(units);
  t.lead_units = std::move(lead);
  if (deadline) t.deadline = Deadline{"按时", deadline, "absolute"};
  return t;
}

ProgressRow report(std::int64_t id, std::int64_t task_id, std::string at,
                   std::optional<TaskStatus> status) {
  ProgressRow p;
  p.id = id;
  p.task_id = task_id;
  p.author = "张三";
  p.text = "进展";
  p.status = status;
  p.created_at = std::move(at);
  return p;
}

std::vector<std::int64_t> ids(const std::vector<Item>& items) {
  std::vector<std::int64_t> out;
  for (const auto& i : items) out.push_back(i.task.id);
  return out;
}

TEST(FollowupCalendar, WorkdaysBetweenAcrossHolidaysAndMakeUpDays) {
  // 09-28 (Sun, worked), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, worked), 10-13.
  EXPECT_EQ(workdays_between({2025, 9, 26}, {2025, 10, 13}), 7);
  EXPECT_EQ(workdays_between({2025, 9, 30}, {2025, 10, 8}), 0);  // all holidays
  EXPECT_EQ(workdays_between({2025, 9, 30}, {2025, 10, 9}), 1);
  // 2026-01-04 (Sun, worked) and 01-05 (Mon); 01-01..03 are 元旦.
  EXPECT_EQ(workdays_between({2025, 12, 31}, {2026, 1, 5}), 2);
  EXPECT_EQ(workdays_between({2025, 10, 13}, {2025, 9, 26}), 0);  // backwards
  EXPECT_EQ(workdays_between({2025, 10, 13}, {2025, 10, 13}), 0);
  EXPECT_EQ(workdays_between({2025, 2, 30}, {2025, 3, 10}), 0);  // not a date
}

TEST(FollowupCalendar, WorkdaysBetweenAgreesWithDayByDayCount) {
  // The closed form (whole weeks + listed exceptions) against WorkCalendar, day by day, over
  // every year data/holidays.tsv lists and a little either side.
  detail::WorkCalendar cal(Rules::builtin());
  const Date start{2018, 12, 20};
  int count = 0;
  int days = 0;
  for (Date d = detail::add_days(start, 1); d < Date{2027, 1, 10}; d = detail::add_days(d, 1)) {
    if (cal.is_workday(d)) ++count;
    ++days;
    ASSERT_EQ(workdays_between(start, d), count) << d.iso();
  }
  EXPECT_GT(days, 2900);
}

TEST(FollowupDueDate, HolidayDeadlineMovesToNextWorkingDay) {
  EXPECT_EQ(due_date(Date{2025, 10, 1}), (Date{2025, 10, 9}));    // 国庆节 -> Thursday
  EXPECT_EQ(due_date(Date{2025, 9, 27}), (Date{2025, 9, 28}));    // Saturday -> worked Sunday
  EXPECT_EQ(due_date(Date{2025, 9, 28}), (Date{2025, 9, 28}));    // worked Sunday stays
  EXPECT_EQ(due_date(Date{2025, 9, 30}), (Date{2025, 9, 30}));    // ordinary Tuesday
  EXPECT_EQ(due_date(Date{2024, 2, 10}), (Date{2024, 2, 18}));    // 春节 -> worked Sunday
  EXPECT_EQ(due_date(Date{2026, 2, 14}), (Date{2026, 2, 14}));    // worked Saturday
  EXPECT_EQ(due_date(Date{2026, 2, 15}), (Date{2026, 2, 24}));    // 春节 -> Tuesday
  EXPECT_EQ(due_date(Date{2026, 1, 1}), (Date{2026, 1, 4}));      // 元旦 -> worked Sunday
  EXPECT_EQ(due_date(Date{2025, 10, 18}), (Date{2025, 10, 20}));  // weekend -> Monday
  EXPECT_FALSE(due_date(Date{2025, 2, 29}));
  EXPECT_FALSE(due_date(task(1, std::nullopt)));
  TaskRow open = task(2, std::nullopt);
  open.deadline = Deadline{"长期坚持", std::nullopt, "open"};
  EXPECT_FALSE(due_date(open));
}

TEST(FollowupStatus, OverdueOnlyAfterTheDueDateAndOnlyWhenOpen) {
  TaskRow t = task(1, Date{2025, 10, 1});  // due 2025-10-09
  EXPECT_EQ(effective_status(t, {2025, 10, 8}), Status::kNotStarted);
  EXPECT_EQ(effective_status(t, {2025, 10, 9}), Status::kNotStarted);  // due today
  EXPECT_EQ(effective_status(t, {2025, 10, 10}), Status::kOverdue);
  t.status = TaskStatus::kInProgress;
  EXPECT_EQ(effective_status(t, {2025, 10, 9}), Status::kInProgress);
  EXPECT_EQ(effective_status(t, {2025, 10, 10}), Status::kOverdue);
  t.status = TaskStatus::kDone;
  EXPECT_EQ(effective_status(t, {2025, 12, 1}), Status::kDone);
  t.status = TaskStatus::kNotApplicable;
  EXPECT_EQ(effective_status(t, {2025, 12, 1}), Status::kNotApplicable);
  EXPECT_EQ(effective_status(task(2, std::nullopt), {2030, 1, 1}), Status::kNotStarted);
  // Saturday deadline, due the worked Sunday after it.
  EXPECT_EQ(effective_status(task(3, Date{2025, 9, 27}), {2025, 9, 28}), Status::kNotStarted);
  EXPECT_EQ(effective_status(task(3, Date{2025, 9, 27}), {2025, 9, 29}), Status::kOverdue);
}

TEST(FollowupStatus, StoredMapping) {
  EXPECT_EQ(from_stored(TaskStatus::kInProgress), Status::kInProgress);
  EXPECT_EQ(to_stored(Status::kNotApplicable), TaskStatus::kNotApplicable);
  EXPECT_FALSE(to_stored(Status::kOverdue));
}

TEST(FollowupLists, OverdueCountsWorkingDaysAfterTheDueDate) {
  std::vector<TaskRow> tasks = {
      task(1, Date{2025, 10, 1}),                           // due 10-09
      task(2, Date{2025, 9, 30}, TaskStatus::kInProgress),  // due 09-30
      task(3, Date{2025, 9, 28}),                           // due 09-28 (worked Sunday)
      task(4, Date{2025, 9, 30}, TaskStatus::kDone),        // done: never overdue
      task(5, Date{2025, 9, 30}, TaskStatus::kNotApplicable),
      task(6, std::nullopt),
      task(7, Date{2025, 10, 13}),  // not yet due
  };
  auto items = overdue(tasks, {.today = {2025, 10, 13}});
  ASSERT_EQ(ids(items), (std::vector<std::int64_t>{3, 2, 1}));
  // task 3: 09-29, 09-30, 10-09, 10-10, 10-11, 10-13 = 6; 15 calendar days.
  EXPECT_EQ(items[0].workdays, 6);
  EXPECT_EQ(items[0].days, 15);
  EXPECT_EQ(items[0].due, (Date{2025, 9, 28}));
  // task 2: 10-09, 10-10, 10-11, 10-13 = 4.
  EXPECT_EQ(items[1].workdays, 4);
  EXPECT_EQ(items[1].days, 13);
  // task 1: 10-10, 10-11 (worked Saturday), 10-13 = 3.
  EXPECT_EQ(items[2].workdays, 3);
  EXPECT_EQ(items[2].days, 4);
  for (const auto& i : items) EXPECT_EQ(i.status, Status::kOverdue);
}

TEST(FollowupLists, OverdueSinceAWeekendHasNoWorkingDaysYet) {
  // Due Friday 2025-10-17; on Saturday it is overdue by one calendar day, no working day.
  auto items = overdue({task(1, Date{2025, 10, 17})}, {.today = {2025, 10, 18}});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].workdays, 0);
  EXPECT_EQ(items[0].days, 1);
}

TEST(FollowupLists, DueSoonWithinWorkingDays) {
  // From Friday 2025-09-26 the next working days are 09-28 (1), 09-29 (2), 09-30 (3),
  // 10-09 (4), 10-10 (5), 10-11 (6).
  std::vector<TaskRow> tasks = {
      task(1, Date{2025, 10, 11}),                           // 6 left
      task(2, Date{2025, 10, 10}, TaskStatus::kInProgress),  // 5 left
      task(3, Date{2025, 10, 1}),                            // due 10-09: 4 left
      task(4, Date{2025, 9, 27}),                            // due 09-28: 1 left
      task(5, Date{2025, 9, 26}),                            // due today: 0 left
      task(6, Date{2025, 9, 25}),                            // overdue, not due soon
      task(7, Date{2025, 9, 29}, TaskStatus::kDone),         // done
  };
  auto items = due_soon(tasks, {.today = {2025, 9, 26}});
  ASSERT_EQ(ids(items), (std::vector<std::int64_t>{5, 4, 3, 2}));
  EXPECT_EQ(items[0].workdays, 0);
  EXPECT_EQ(items[1].workdays, 1);
  EXPECT_EQ(items[1].days, 2);
  EXPECT_EQ(items[2].workdays, 4);
  EXPECT_EQ(items[2].due, (Date{2025, 10, 9}));
  EXPECT_EQ(items[2].days, 13);
  EXPECT_EQ(items[3].workdays, 5);
  EXPECT_EQ(items[3].status, Status::kInProgress);
  auto wider = due_soon(tasks, {.today = {2025, 9, 26}, .due_soon_workdays = 6});
  EXPECT_EQ(ids(wider), (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
  auto narrow = due_soon(tasks, {.today = {2025, 9, 26}, .due_soon_workdays = 1});
  EXPECT_EQ(ids(narrow), (std::vector<std::int64_t>{5, 4}));
}

TEST(FollowupLists, ByUnitListsATaskUnderEachUnitAndMarksLeads) {
  std::vector<TaskRow> tasks = {
      task(1, Date{2024, 2, 10}, TaskStatus::kNotStarted, {"区发改局", "区财政局"}, {"区发改局"}),
      task(2, Date{2024, 2, 8}, TaskStatus::kInProgress, {"区财政局"}),
      task(3, Date{2024, 2, 23}, TaskStatus::kNotStarted, {"区教育局"}),
      task(4, Date{2024, 3, 29}, TaskStatus::kNotStarted, {"区发改局"}),  // far off
  };
  // Today 2024-02-19 (Mon). Task 1 due 02-18 (worked Sunday after 春节): 1 working day over.
  // Task 2 due Thursday 02-08: 02-09, 02-18, 02-19 = 3. Task 3 due Friday 02-23: 4 left.
  auto units = by_unit(tasks, {.today = {2024, 2, 19}});
  ASSERT_EQ(units.size(), 3u);
  // byte order of the UTF-8 names: 区发改局 (e5 8f 91), 区教育局 (e6 95 99), 区财政局 (e8 b4 a2)
  EXPECT_EQ(units[0].unit, "区发改局");
  EXPECT_EQ(units[1].unit, "区教育局");
  EXPECT_EQ(units[2].unit, "区财政局");
  ASSERT_EQ(ids(units[0].overdue), (std::vector<std::int64_t>{1}));
  EXPECT_TRUE(units[0].overdue[0].lead);
  EXPECT_EQ(units[0].overdue[0].workdays, 1);
  EXPECT_TRUE(units[0].due_soon.empty());
  ASSERT_EQ(ids(units[1].due_soon), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(units[1].due_soon[0].workdays, 4);
  EXPECT_FALSE(units[1].due_soon[0].lead);
  ASSERT_EQ(ids(units[2].overdue), (std::vector<std::int64_t>{2, 1}));
  EXPECT_EQ(units[2].overdue[0].workdays, 3);
  EXPECT_FALSE(units[2].overdue[1].lead);  // 财政局 shares task 1 but does not lead it

  UnitLists fin = for_unit(tasks, "区财政局", {.today = {2024, 2, 19}});
  EXPECT_EQ(ids(fin.overdue), (std::vector<std::int64_t>{2, 1}));
  UnitLists none = for_unit(tasks, "区民政局", {.today = {2024, 2, 19}});
  EXPECT_TRUE(none.overdue.empty() && none.due_soon.empty());
  EXPECT_EQ(none.unit, "区民政局");
}

TEST(FollowupProgress, LocalDateReadsUtcAtChinaTime) {
  EXPECT_EQ(local_date("2025-09-30T15:59:59Z"), (Date{2025, 9, 30}));
  EXPECT_EQ(local_date("2025-09-30T16:00:00Z"), (Date{2025, 10, 1}));
  EXPECT_EQ(local_date("2025-09-30 16:30:00.123456+00:00"), (Date{2025, 10, 1}));
  EXPECT_EQ(local_date("2025-10-01T00:30:00+08:00"), (Date{2025, 10, 1}));
  EXPECT_EQ(local_date("2025-12-31T20:00:00Z"), (Date{2026, 1, 1}));
  EXPECT_EQ(local_date("2025-12-31T20:00:00Z", 0), (Date{2025, 12, 31}));
  EXPECT_EQ(local_date("2025-12-31"), (Date{2025, 12, 31}));
  EXPECT_FALSE(local_date("2025-02-30T00:00:00Z"));
  EXPECT_FALSE(local_date("昨天"));
  EXPECT_FALSE(local_date(""));
  EXPECT_FALSE(local_date("2025-09-30T25:00:00Z"));
}

TEST(FollowupProgress, CompletedOnIsTheLatestReportThatSetDone) {
  TaskRow t = task(9, Date{2025, 10, 1}, TaskStatus::kDone);
  std::vector<ProgressRow> progress = {
      report(1, 9, "2025-09-20T02:00:00Z", TaskStatus::kDone),
      report(2, 9, "2025-09-21T02:00:00Z", TaskStatus::kInProgress),  // reopened
      report(3, 9, "2025-10-10T01:00:00Z", std::nullopt),             // a note only
      report(4, 9, "2025-10-09T16:30:00Z", TaskStatus::kDone),        // 10-10 00:30 local
      report(5, 8, "2025-12-01T02:00:00Z", TaskStatus::kDone),        // another task
  };
  EXPECT_EQ(completed_on(t, progress), (Date{2025, 10, 10}));
  t.status = TaskStatus::kInProgress;
  EXPECT_FALSE(completed_on(t, progress));
  auto latest = latest_progress(9, progress);
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->id, 3);
  EXPECT_FALSE(latest_progress(7, progress));
}

TEST(FollowupRates, CompletionExcludesNotApplicableAndCountsOnTime) {
  const std::vector<std::string> unit = {"区住建局"};
  std::vector<TaskRow> tasks = {
      task(1, Date{2025, 10, 1}, TaskStatus::kDone, unit, unit),  // due 10-09, done 10-09
      task(2, Date{2025, 10, 1}, TaskStatus::kDone, unit),        // done 10-10: late
      task(3, Date{2025, 9, 30}, TaskStatus::kDone, unit),        // no report: unknown
      task(4, Date{2025, 9, 30}, TaskStatus::kNotApplicable, unit),
      task(5, Date{2025, 9, 30}, TaskStatus::kInProgress, unit),  // overdue
      task(6, Date{2025, 12, 31}, TaskStatus::kInProgress, unit),
      task(7, std::nullopt, TaskStatus::kNotStarted, unit, {}, 2),
      task(8, std::nullopt, TaskStatus::kDone, {}, {}, 2),  // no unit, no due date
  };
  std::vector<ProgressRow> progress = {
      report(1, 1, "2025-10-09T15:59:00Z", TaskStatus::kDone),  // 23:59 local on the due day
      report(2, 2, "2025-10-09T16:00:00Z", TaskStatus::kDone),  // 00:00 local the day after
      report(3, 8, "2025-10-09T16:00:00Z", TaskStatus::kDone),
  };
  Options opt{.today = {2025, 10, 20}};

  Counts all = totals(tasks, progress, opt);
  EXPECT_EQ(all.total, 8);
  EXPECT_EQ(all.done, 4);
  EXPECT_EQ(all.not_applicable, 1);
  EXPECT_EQ(all.overdue, 1);
  EXPECT_EQ(all.in_progress, 1);
  EXPECT_EQ(all.not_started, 1);
  EXPECT_EQ(all.done_on_time, 1);
  EXPECT_EQ(all.done_late, 1);
  ASSERT_TRUE(all.completion_rate());
  EXPECT_DOUBLE_EQ(*all.completion_rate(), 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(*all.on_time_rate(), 0.5);
  EXPECT_EQ(all.count(Status::kOverdue), 1);

  auto units = rates_by_unit(tasks, progress, opt);
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].unit, "");  // task 8
  EXPECT_EQ(units[0].counts.total, 1);
  EXPECT_DOUBLE_EQ(*units[0].counts.completion_rate(), 1.0);
  EXPECT_FALSE(units[0].counts.on_time_rate());  // no due date
  EXPECT_EQ(units[1].unit, "区住建局");
  EXPECT_EQ(units[1].counts.total, 7);
  EXPECT_EQ(units[1].lead_tasks, 1);
  EXPECT_DOUBLE_EQ(*units[1].counts.completion_rate(), 3.0 / 6.0);

  auto docs = rates_by_document(tasks, progress, opt);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].document_id, 1);
  EXPECT_EQ(docs[0].counts.total, 6);
  EXPECT_DOUBLE_EQ(*docs[0].counts.completion_rate(), 3.0 / 5.0);
  EXPECT_EQ(docs[1].document_id, 2);
  EXPECT_EQ(docs[1].counts.done, 1);
  EXPECT_EQ(docs[1].counts.not_started, 1);
  EXPECT_DOUBLE_EQ(*docs[1].counts.completion_rate(), 0.5);
}

TEST(FollowupRates, AllNotApplicableHasNoRate) {
  std::vector<TaskRow> tasks = {task(1, std::nullopt, TaskStatus::kNotApplicable)};
  Counts c = totals(tasks, {}, {.today = {2025, 1, 1}});
  EXPECT_EQ(c.total, 1);
  EXPECT_FALSE(c.completion_rate());
  EXPECT_FALSE(c.on_time_rate());
  EXPECT_FALSE(totals({}, {}, {.today = {2025, 1, 1}}).completion_rate());
}

}  // namespace
}  // namespace duban::followup
