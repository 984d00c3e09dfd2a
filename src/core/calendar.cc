#include "core/calendar.h"

#include "core/numerals.h"

namespace duban::detail {

int weekday(Date d) {
  // Sakamoto's method: 0 = Sunday … 6 = Saturday.
  static constexpr int kMonthOffset[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int y = d.year - (d.month < 3 ? 1 : 0);
  int m = d.month < 1 || d.month > 12 ? 1 : d.month;
  int w = (y + y / 4 - y / 100 + y / 400 + kMonthOffset[m - 1] + d.day) % 7;
  if (w < 0) w += 7;
  return w == 0 ? 7 : w;
}

bool WorkCalendar::is_workday(Date d) const {
  auto it = rules_->calendar.find(d);
  if (it != rules_->calendar.end()) return it->second;
  return weekday(d) <= 5;
}

Date WorkCalendar::add_workdays(Date start, int n) const {
  Date d = start;
  int step = n < 0 ? -1 : 1;
  // Count down in a wider type: -INT_MIN overflows.
  for (long long left = n < 0 ? -static_cast<long long>(n) : n; left > 0;) {
    d = add_days(d, step);
    if (is_workday(d)) --left;
  }
  return d;
}

bool WorkCalendar::covers(int year) const {
  const auto& [first, last] = rules_->calendar_years;
  return first != 0 && year >= first && year <= last;
}

}  // namespace duban::detail
