#include "adapters/export/ical_export.h"

#include <libical/ical.h>

#include <memory>

#include "adapters/export/ledger_export.h"

namespace duban::exporter {
namespace {

struct ComponentFree {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Component = std::unique_ptr<icalcomponent, ComponentFree>;

icaltimetype ical_date(Date d) {
  icaltimetype t = icaltime_null_date();
  t.year = d.year;
  t.month = d.month;
  t.day = d.day;
  return t;
}

icalproperty* x_property(const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  return p;
}

std::string description(const store::TaskRow& task, followup::Status status, const Rules& rules) {
  std::string out;
  auto line = [&](const char* label, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += "\n";
    out += label;
    out += value;
  };
  line("文号：", task.doc_number.value_or(""));
  line("文件标题：", task.doc_title.value_or(""));
  line("任务：", task.text);
  line("牵头单位：", join_units(task.lead_units));
  line("责任单位：", join_units(task.units));
  line("时限：", deadline_text(task, rules));
  line("状态：", status_text(status));
  return out;
}

bool is_open(followup::Status s) {
  return s == followup::Status::kNotStarted || s == followup::Status::kInProgress ||
         s == followup::Status::kOverdue;
}

}  // namespace

std::string calendar_name(const std::string& unit) { return unit + "督办任务时限"; }

std::string unit_calendar(const std::string& unit, const std::vector<store::TaskRow>& tasks,
                          const followup::Options& options, const CalendarOptions& calendar,
                          const Rules& rules) {
  Component cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//duban//督办//ZH"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalcomponent_add_property(cal.get(), x_property("X-WR-CALNAME", calendar_name(unit)));

  const icaltimetype stamp = icaltime_from_timet_with_zone(static_cast<time_t>(calendar.stamp), 0,
                                                           icaltimezone_get_utc_timezone());
  for (const auto& task : tasks) {
    if (!unit.empty() && !followup::has_unit(task, unit)) continue;
    auto due = followup::due_date(task, rules);
    if (!due) continue;
    followup::Status status = followup::effective_status(task, options.today, rules);

    icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_component(cal.get(), event);  // the calendar owns it from here
    const std::string uid = "task-" + std::to_string(task.id) + "@" + calendar.uid_domain;
    icalcomponent_add_property(event, icalproperty_new_uid(uid.c_str()));
    icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(event, icalproperty_new_dtstart(ical_date(*due)));
    icaltimetype end = ical_date(*due);
    icaltime_adjust(&end, 1, 0, 0, 0);
    icalcomponent_add_property(event, icalproperty_new_dtend(end));
    const std::string summary = "【督办】" + shorten(task.text, calendar.summary_chars);
    icalcomponent_add_property(event, icalproperty_new_summary(summary.c_str()));
    const std::string desc = description(task, status, rules);
    icalcomponent_add_property(event, icalproperty_new_description(desc.c_str()));
    icalcomponent_add_property(event, icalproperty_new_categories("督办"));
    icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    if (!is_open(status)) continue;
    for (int days : calendar.alarm_days_before) {
      if (days <= 0) continue;
      icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
      icalcomponent_add_component(event, alarm);
      icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
      icaltriggertype trigger = icaltriggertype_from_int(-days * 24 * 60 * 60);
      icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
      const std::string note = "督办任务" + std::to_string(days) + "天后到期：" +
                               shorten(task.text, calendar.summary_chars);
      icalcomponent_add_property(alarm, icalproperty_new_description(note.c_str()));
    }
  }
  char* text = icalcomponent_as_ical_string_r(cal.get());
  std::string out = text ? text : "";
  icalmemory_free_buffer(text);
  return out;
}

}  // namespace duban::exporter
