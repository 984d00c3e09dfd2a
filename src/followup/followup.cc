#include "followup/followup.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/calendar.h"

namespace duban::followup {
namespace {

using store::ProgressRow;
using store::TaskRow;
using store::TaskStatus;

// Days since 1970-01-01 of a proleptic Gregorian date.
long long day_number(Date d) {
  using namespace std::chrono;
  return sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                  day{static_cast<unsigned>(d.day)}}
      .time_since_epoch()
      .count();
}

Date from_day_number(long long n) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{n}}};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool valid(Date d) {
  using namespace std::chrono;
  return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)},
                        day{static_cast<unsigned>(d.day)}}
      .ok();
}

// Monday-to-Friday days among the first n days after a day of ISO weekday w (1..7).
long long weekdays_after(int w, long long n) {
  long long count = n / 7 * 5;
  for (long long i = 1; i <= n % 7; ++i) {
    if ((w - 1 + i) % 7 < 5) ++count;
  }
  return count;
}

bool is_open(TaskStatus s) { return s == TaskStatus::kNotStarted || s == TaskStatus::kInProgress; }

// The task's units, lead ones included, each once, in the order named.
std::vector<std::string> units_of(const TaskRow& task) {
  std::vector<std::string> out;
  for (const auto* list : {&task.lead_units, &task.units}) {
    for (const auto& u : *list) {
      if (std::find(out.begin(), out.end(), u) == out.end()) out.push_back(u);
    }
  }
  return out;
}

bool leads(const TaskRow& task, const std::string& unit) {
  return std::find(task.lead_units.begin(), task.lead_units.end(), unit) != task.lead_units.end();
}

// Latest 已完成 report date per task, for tasks that are done.
std::unordered_map<std::int64_t, Date> completion_dates(const std::vector<ProgressRow>& progress,
                                                        int utc_offset_minutes) {
  std::unordered_map<std::int64_t, const ProgressRow*> latest;
  for (const auto& p : progress) {
    if (p.status != TaskStatus::kDone) continue;
    auto& slot = latest[p.task_id];
    if (!slot || std::tie(p.created_at, p.id) > std::tie(slot->created_at, slot->id)) slot = &p;
  }
  std::unordered_map<std::int64_t, Date> out;
  for (const auto& [id, p] : latest) {
    if (auto d = local_date(p->created_at, utc_offset_minutes)) out.emplace(id, *d);
  }
  return out;
}

void add(Counts& c, const TaskRow& task, Status status, const std::optional<Date>& due,
         const std::unordered_map<std::int64_t, Date>& completed) {
  ++c.total;
  switch (status) {
    case Status::kNotStarted:
      ++c.not_started;
      break;
    case Status::kInProgress:
      ++c.in_progress;
      break;
    case Status::kDone:
      ++c.done;
      break;
    case Status::kOverdue:
      ++c.overdue;
      break;
    case Status::kNotApplicable:
      ++c.not_applicable;
      break;
  }
  if (status != Status::kDone || !due) return;
  auto it = completed.find(task.id);
  if (it == completed.end()) return;
  if (it->second <= *due) {
    ++c.done_on_time;
  } else {
    ++c.done_late;
  }
}

Item make_item(const TaskRow& task, Status status, Date due, Date today, const Rules& rules) {
  Item item{task, status, due, 0, 0, false};
  if (status == Status::kOverdue) {
    item.workdays = workdays_between(due, today, rules);
    item.days = static_cast<int>(day_number(today) - day_number(due));
  } else {
    item.workdays = workdays_between(today, due, rules);
    item.days = static_cast<int>(day_number(due) - day_number(today));
  }
  return item;
}

// Overdue and due-soon items of all tasks, sorted as the lists are.
void collect(const std::vector<TaskRow>& tasks, const Options& options, const Rules& rules,
             std::vector<Item>* overdue_out, std::vector<Item>* due_soon_out) {
  for (const auto& task : tasks) {
    if (!is_open(task.status)) continue;
    auto due = due_date(task, rules);
    if (!due) continue;
    if (*due < options.today) {
      if (overdue_out)
        overdue_out->push_back(make_item(task, Status::kOverdue, *due, options.today, rules));
    } else if (due_soon_out) {
      Item item = make_item(task, from_stored(task.status), *due, options.today, rules);
      if (item.workdays <= options.due_soon_workdays) due_soon_out->push_back(std::move(item));
    }
  }
  if (overdue_out) {
    std::stable_sort(overdue_out->begin(), overdue_out->end(), [](const Item& a, const Item& b) {
      return std::tuple(-a.workdays, -a.days, a.due, a.task.id) <
             std::tuple(-b.workdays, -b.days, b.due, b.task.id);
    });
  }
  if (due_soon_out) {
    std::stable_sort(due_soon_out->begin(), due_soon_out->end(), [](const Item& a, const Item& b) {
      return std::tuple(a.due, a.task.id) < std::tuple(b.due, b.task.id);
    });
  }
}

}  // namespace

Status from_stored(TaskStatus status) {
  switch (status) {
    case TaskStatus::kNotStarted:
      return Status::kNotStarted;
    case TaskStatus::kInProgress:
      return Status::kInProgress;
    case TaskStatus::kDone:
      return Status::kDone;
    case TaskStatus::kNotApplicable:
      return Status::kNotApplicable;
  }
  return Status::kNotStarted;
}

std::optional<TaskStatus> to_stored(Status status) {
  switch (status) {
    case Status::kNotStarted:
      return TaskStatus::kNotStarted;
    case Status::kInProgress:
      return TaskStatus::kInProgress;
    case Status::kDone:
      return TaskStatus::kDone;
    case Status::kNotApplicable:
      return TaskStatus::kNotApplicable;
    case Status::kOverdue:
      return std::nullopt;
  }
  return std::nullopt;
}

int workdays_between(Date from, Date to, const Rules& rules) {
  if (!valid(from) || !valid(to) || to <= from) return 0;
  long long a = day_number(from), b = day_number(to);
  long long count = weekdays_after(detail::weekday(from), b - a);
  // Listed dates override the weekly rule: a holiday on a weekday, a worked weekend.
  for (auto it = rules.calendar.upper_bound(from); it != rules.calendar.end() && it->first <= to;
       ++it) {
    bool weekday = detail::weekday(it->first) <= 5;
    if (it->second && !weekday) ++count;
    if (!it->second && weekday) --count;
  }
  return static_cast<int>(std::clamp<long long>(count, 0, 1LL << 30));
}

std::optional<Date> due_date(Date deadline, const Rules& rules) {
  if (!valid(deadline)) return std::nullopt;
  detail::WorkCalendar cal(rules);
  if (cal.is_workday(deadline)) return deadline;
  return cal.add_workdays(deadline, 1);
}

std::optional<Date> due_date(const TaskRow& task, const Rules& rules) {
  if (!task.deadline || !task.deadline->date) return std::nullopt;
  return due_date(*task.deadline->date, rules);
}

Status effective_status(const TaskRow& task, Date today, const Rules& rules) {
  if (is_open(task.status)) {
    auto due = due_date(task, rules);
    if (due && *due < today) return Status::kOverdue;
  }
  return from_stored(task.status);
}

std::vector<Item> overdue(const std::vector<TaskRow>& tasks, const Options& options,
                          const Rules& rules) {
  std::vector<Item> out;
  collect(tasks, options, rules, &out, nullptr);
  return out;
}

std::vector<Item> due_soon(const std::vector<TaskRow>& tasks, const Options& options,
                           const Rules& rules) {
  std::vector<Item> out;
  collect(tasks, options, rules, nullptr, &out);
  return out;
}

bool has_unit(const TaskRow& task, const std::string& unit) {
  auto names = [&](const std::vector<std::string>& v) {
    return std::find(v.begin(), v.end(), unit) != v.end();
  };
  return names(task.lead_units) || names(task.units);
}

std::vector<UnitLists> by_unit(const std::vector<TaskRow>& tasks, const Options& options,
                               const Rules& rules) {
  std::vector<Item> late, soon;
  collect(tasks, options, rules, &late, &soon);
  std::map<std::string, UnitLists> units;
  auto distribute = [&](const std::vector<Item>& items, std::vector<Item> UnitLists::*list) {
    for (const auto& item : items) {
      for (const auto& u : units_of(item.task)) {
        UnitLists& lists = units[u];
        lists.unit = u;
        Item copy = item;
        copy.lead = leads(item.task, u);
        (lists.*list).push_back(std::move(copy));
      }
    }
  };
  distribute(late, &UnitLists::overdue);
  distribute(soon, &UnitLists::due_soon);
  std::vector<UnitLists> out;
  out.reserve(units.size());
  for (auto& [name, lists] : units) out.push_back(std::move(lists));
  return out;
}

UnitLists for_unit(const std::vector<TaskRow>& tasks, const std::string& unit,
                   const Options& options, const Rules& rules) {
  std::vector<TaskRow> mine;
  for (const auto& t : tasks) {
    if (has_unit(t, unit)) mine.push_back(t);
  }
  UnitLists out;
  out.unit = unit;
  collect(mine, options, rules, &out.overdue, &out.due_soon);
  for (auto* list : {&out.overdue, &out.due_soon}) {
    for (auto& item : *list) item.lead = leads(item.task, unit);
  }
  return out;
}

std::optional<double> Counts::completion_rate() const {
  int denominator = total - not_applicable;
  if (denominator <= 0) return std::nullopt;
  return static_cast<double>(done) / denominator;
}

std::optional<double> Counts::on_time_rate() const {
  int known = done_on_time + done_late;
  if (known == 0) return std::nullopt;
  return static_cast<double>(done_on_time) / known;
}

int Counts::count(Status status) const {
  switch (status) {
    case Status::kNotStarted:
      return not_started;
    case Status::kInProgress:
      return in_progress;
    case Status::kDone:
      return done;
    case Status::kOverdue:
      return overdue;
    case Status::kNotApplicable:
      return not_applicable;
  }
  return 0;
}

Counts totals(const std::vector<TaskRow>& tasks, const std::vector<ProgressRow>& progress,
              const Options& options, const Rules& rules) {
  auto completed = completion_dates(progress, options.utc_offset_minutes);
  Counts c;
  for (const auto& t : tasks) {
    add(c, t, effective_status(t, options.today, rules), due_date(t, rules), completed);
  }
  return c;
}

std::vector<UnitRates> rates_by_unit(const std::vector<TaskRow>& tasks,
                                     const std::vector<ProgressRow>& progress,
                                     const Options& options, const Rules& rules) {
  auto completed = completion_dates(progress, options.utc_offset_minutes);
  std::map<std::string, UnitRates> units;
  for (const auto& t : tasks) {
    Status status = effective_status(t, options.today, rules);
    auto due = due_date(t, rules);
    auto names = units_of(t);
    if (names.empty()) names.emplace_back();
    for (const auto& u : names) {
      UnitRates& r = units[u];
      r.unit = u;
      if (leads(t, u)) ++r.lead_tasks;
      add(r.counts, t, status, due, completed);
    }
  }
  std::vector<UnitRates> out;
  out.reserve(units.size());
  for (auto& [name, r] : units) out.push_back(std::move(r));
  return out;
}

std::vector<DocumentRates> rates_by_document(const std::vector<TaskRow>& tasks,
                                             const std::vector<ProgressRow>& progress,
                                             const Options& options, const Rules& rules) {
  auto completed = completion_dates(progress, options.utc_offset_minutes);
  std::map<std::int64_t, DocumentRates> docs;
  for (const auto& t : tasks) {
    auto [it, added] = docs.try_emplace(t.document_id);
    DocumentRates& r = it->second;
    if (added) {
      r.document_id = t.document_id;
      r.doc_number = t.doc_number;
      r.doc_title = t.doc_title;
    }
    add(r.counts, t, effective_status(t, options.today, rules), due_date(t, rules), completed);
  }
  std::vector<DocumentRates> out;
  out.reserve(docs.size());
  for (auto& [id, r] : docs) out.push_back(std::move(r));
  return out;
}

std::optional<Date> local_date(const std::string& timestamp, int utc_offset_minutes) {
  // YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|(+|-)HH[:]MM]
  const std::string& s = timestamp;
  auto digits = [&](std::size_t pos, std::size_t n, int* out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (!digits(0, 4, &d.year) || s.size() < 10 || s[4] != '-' || !digits(5, 2, &d.month) ||
      s[7] != '-' || !digits(8, 2, &d.day) || !valid(d)) {
    return std::nullopt;
  }
  int minutes = 0;  // minutes after midnight, in UTC
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
    int hh = 0, mm = 0, ss = 0;
    if (!digits(pos + 1, 2, &hh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(pos + 4, 2, &mm) || hh > 23 || mm > 59) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!digits(pos + 1, 2, &ss)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      }
    }
    minutes = hh * 60 + mm;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      int oh = 0, om = 0;
      int sign = s[pos] == '+' ? 1 : -1;
      if (!digits(pos + 1, 2, &oh)) return std::nullopt;
      std::size_t mpos = pos + 3;
      if (mpos < s.size() && s[mpos] == ':') ++mpos;
      if (mpos < s.size() && !digits(mpos, 2, &om)) return std::nullopt;
      minutes -= sign * (oh * 60 + om);  // to UTC
    }
  }
  long long total = day_number(d) * 1440 + minutes + utc_offset_minutes;
  long long day = total >= 0 ? total / 1440 : -((-total + 1439) / 1440);
  return from_day_number(day);
}

std::optional<Date> completed_on(const TaskRow& task, const std::vector<ProgressRow>& progress,
                                 int utc_offset_minutes) {
  if (task.status != TaskStatus::kDone) return std::nullopt;
  const ProgressRow* latest = nullptr;
  for (const auto& p : progress) {
    if (p.task_id != task.id || p.status != TaskStatus::kDone) continue;
    if (!latest || std::tie(p.created_at, p.id) > std::tie(latest->created_at, latest->id)) {
      latest = &p;
    }
  }
  if (!latest) return std::nullopt;
  return local_date(latest->created_at, utc_offset_minutes);
}

std::optional<ProgressRow> latest_progress(std::int64_t task_id,
                                           const std::vector<ProgressRow>& progress) {
  const ProgressRow* latest = nullptr;
  for (const auto& p : progress) {
    if (p.task_id != task_id) continue;
    if (!latest || std::tie(p.created_at, p.id) > std::tie(latest->created_at, latest->id)) {
      latest = &p;
    }
  }
  if (!latest) return std::nullopt;
  return *latest;
}

}  // namespace duban::followup
