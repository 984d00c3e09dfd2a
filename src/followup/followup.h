// followup/followup.h: follow-up (督办) over the task ledger: effective status, due-soon and
// overdue lists by unit, completion rates by unit and by document.
//
// Pure: works on the rows storage returns (store::TaskRow, store::ProgressRow) and the
// working-day calendar of Rules (data/holidays.tsv); no I/O, no database.
//
//   followup::Options opt{.today = {2025, 10, 10}};
//   auto units = followup::by_unit(storage->tasks(filter), opt);   // overdue + due soon
//   auto rates = followup::rates_by_unit(tasks, progress_rows, opt);
//
// When a task is due. A task's deadline date (Deadline::date) is the last day of its period.
// If that day is not a working day (a weekend or a public holiday per data/holidays.tsv), the
// period ends on the next working day, as Chinese law counts periods: 民法典 第二百零三条
// "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日" (the 民事诉讼法's 期间
// provision says the same; 法定休假日 is read, as courts read it, to include weekends). A 调休
// make-up working day (a Saturday or Sunday that is worked) is a working day: a deadline on it
// is due that day. due_date() gives this date; a task is overdue from the day after it.
//
// Counting. "Working days overdue" counts the working days after the due date up to and
// including today; "working days left" counts the working days after today up to and including
// the due date (0 when due today). A task overdue only since a weekend has 0 working days
// overdue but is 逾期 all the same.
#ifndef DUBAN_FOLLOWUP_FOLLOWUP_H_
#define DUBAN_FOLLOWUP_FOLLOWUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "adapters/storage/storage.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::followup {

//! A task's status as follow-up reports it: the stored status, with 逾期 for an open task
//! (未开始 or 推进中) whose due date has passed. Order: 未开始, 推进中, 已完成, 逾期, 不适用.
enum class Status { kNotStarted, kInProgress, kDone, kOverdue, kNotApplicable };

//! The follow-up status a stored status is reported as when not overdue.
Status from_stored(store::TaskStatus status);
//! The stored status behind `status`; none for kOverdue (it is never stored).
std::optional<store::TaskStatus> to_stored(Status status);

struct Options {
  Date today;                    // the local (China) date the lists are computed for
  int due_soon_workdays = 5;     // due-soon window in working days from today
  int utc_offset_minutes = 480;  // timestamps in rows are UTC; dates are read at UTC+8
};

// --- the calendar

//! Working days d with from < d <= to; 0 when to <= from. Exact for any span.
int workdays_between(Date from, Date to, const Rules& rules = Rules::builtin());

//! The day the task is due: its deadline date, or the next working day when that date is a
//! weekend or a holiday (民法典 第二百零三条). None when the task has no dated deadline.
std::optional<Date> due_date(const store::TaskRow& task, const Rules& rules = Rules::builtin());
std::optional<Date> due_date(Date deadline, const Rules& rules = Rules::builtin());

//! 逾期 when the task is 未开始 or 推进中 and today is after its due date; otherwise the stored
//! status.
Status effective_status(const store::TaskRow& task, Date today,
                        const Rules& rules = Rules::builtin());

// --- due-soon and overdue lists

//! A task on a follow-up list.
struct Item {
  store::TaskRow task;
  Status status = Status::kNotStarted;
  Date due;           // due_date(task)
  int workdays = 0;   // overdue: working days overdue; due soon: working days left
  int days = 0;       // the same in calendar days
  bool lead = false;  // in a unit's lists: the unit leads the task (牵头)
};

//! Open tasks whose due date has passed, most overdue first (then by due date, task id).
std::vector<Item> overdue(const std::vector<store::TaskRow>& tasks, const Options& options,
                          const Rules& rules = Rules::builtin());
//! Open tasks due today or within options.due_soon_workdays working days after today,
//! soonest first (then by task id).
std::vector<Item> due_soon(const std::vector<store::TaskRow>& tasks, const Options& options,
                           const Rules& rules = Rules::builtin());

//! One unit's lists. A task is listed under every unit it names (lead_units and units), with
//! Item::lead set where the unit leads it.
struct UnitLists {
  std::string unit;
  std::vector<Item> overdue;
  std::vector<Item> due_soon;
};

//! Lists for every unit that has an overdue or due-soon task, by unit name (byte order).
std::vector<UnitLists> by_unit(const std::vector<store::TaskRow>& tasks, const Options& options,
                               const Rules& rules = Rules::builtin());
//! The lists of one unit (canonical name); empty lists when it has nothing due.
UnitLists for_unit(const std::vector<store::TaskRow>& tasks, const std::string& unit,
                   const Options& options, const Rules& rules = Rules::builtin());

//! Whether `task` names `unit` among its lead or responsible units.
bool has_unit(const store::TaskRow& task, const std::string& unit);

// --- completion rates

//! Task counts by follow-up status. A task counts once, under its effective status: an
//! overdue task is in `overdue`, not in `not_started` or `in_progress`.
struct Counts {
  int total = 0;
  int not_started = 0;
  int in_progress = 0;
  int done = 0;
  int overdue = 0;
  int not_applicable = 0;
  // Of the done tasks: completed on or before the due date, or after it, by the date of the
  // progress report that set 已完成 (read at options.utc_offset_minutes). A done task with no
  // such report, or with no due date, is in neither.
  int done_on_time = 0;
  int done_late = 0;

  //! done / (total - not_applicable); none when every task is 不适用 (or there are none).
  std::optional<double> completion_rate() const;
  //! done_on_time / (done_on_time + done_late); none when neither is known.
  std::optional<double> on_time_rate() const;
  int count(Status status) const;
};

struct UnitRates {
  std::string unit;    // "" for tasks that name no unit
  int lead_tasks = 0;  // of counts.total, the tasks the unit leads
  Counts counts;
};

struct DocumentRates {
  std::int64_t document_id = 0;
  std::optional<std::string> doc_number;  // from the first task row of the document
  std::optional<std::string> doc_title;
  Counts counts;
};

//! Counts over all `tasks`. `progress` may hold reports of any tasks, in any order.
Counts totals(const std::vector<store::TaskRow>& tasks,
              const std::vector<store::ProgressRow>& progress, const Options& options,
              const Rules& rules = Rules::builtin());
//! Per unit (a task counts for each unit it names; tasks naming none under unit ""), by unit
//! name.
std::vector<UnitRates> rates_by_unit(const std::vector<store::TaskRow>& tasks,
                                     const std::vector<store::ProgressRow>& progress,
                                     const Options& options, const Rules& rules = Rules::builtin());
//! Per document, by document id.
std::vector<DocumentRates> rates_by_document(const std::vector<store::TaskRow>& tasks,
                                             const std::vector<store::ProgressRow>& progress,
                                             const Options& options,
                                             const Rules& rules = Rules::builtin());

// --- progress reports

//! The local date of a UTC timestamp as storage writes it ("2025-09-30T17:05:00Z"; also
//! accepts a space for 'T', fractional seconds, and a "+hh:mm" offset), shifted by
//! utc_offset_minutes. None when it cannot be read.
std::optional<Date> local_date(const std::string& timestamp, int utc_offset_minutes = 480);

//! The date the task was completed: the local date of the latest report that set 已完成, if
//! the task is done. `progress` holds this task's reports (others are ignored).
std::optional<Date> completed_on(const store::TaskRow& task,
                                 const std::vector<store::ProgressRow>& progress,
                                 int utc_offset_minutes = 480);

//! The latest report of `task_id` (by created_at, then id); none when it has none.
std::optional<store::ProgressRow> latest_progress(std::int64_t task_id,
                                                  const std::vector<store::ProgressRow>& progress);

}  // namespace duban::followup

#endif  // DUBAN_FOLLOWUP_FOLLOWUP_H_
