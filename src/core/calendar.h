// Internal: the working-day calendar, a view over Rules::calendar (data/holidays.tsv).
//
// Model: a date that data/holidays.tsv lists is a working day or not as listed (holiday, or
// 调休 make-up working day); any other date is a working day from Monday to Friday and a
// rest day on Saturday and Sunday. Years outside Rules::calendar_years follow that weekly
// rule alone; covers() tells a caller when it is guessing. Pure: no I/O, no allocation.
//
//   WorkCalendar cal(Rules::builtin());
//   cal.is_workday({2024, 2, 4});          // true: a Sunday worked before 春节
//   cal.add_workdays({2024, 9, 27}, 5);    // 2024-10-10: skips the 国庆节 holidays
#ifndef DUBAN_CORE_CALENDAR_H_
#define DUBAN_CORE_CALENDAR_H_

#include "duban/document.h"
#include "duban/rules.h"

namespace duban::detail {

//! ISO weekday of a valid date: 1 = Monday … 7 = Sunday (proleptic Gregorian calendar).
int weekday(Date d);

//! Working days per Rules::calendar. Holds a pointer: `rules` must outlive the calendar.
class WorkCalendar {
 public:
  explicit WorkCalendar(const Rules& rules) : rules_(&rules) {}

  //! Listed dates decide; otherwise Monday to Friday work and Saturday and Sunday rest.
  bool is_workday(Date d) const;
  //! ISO weekday, 1 = Monday … 7 = Sunday (the free function weekday()).
  static int weekday(Date d) { return detail::weekday(d); }
  //! The n-th working day after `start`; `start` itself is not counted, whether or not it is a
  //! working day. n <= 0 counts backwards (the |n|-th working day before `start`); n == 0
  //! returns `start`. Takes time proportional to n.
  Date add_workdays(Date start, int n) const;
  //! Whether the calendar lists `year` (it is within Rules::calendar_years).
  bool covers(int year) const;

 private:
  const Rules* rules_;
};

}  // namespace duban::detail

#endif  // DUBAN_CORE_CALENDAR_H_
