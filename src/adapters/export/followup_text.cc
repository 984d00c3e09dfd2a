#include "adapters/export/followup_text.h"

#include "core/utf8.h"

namespace duban::exporter {

std::string status_text(followup::Status status) {
  if (auto stored = followup::to_stored(status)) return store::status_name(*stored);
  return "逾期";
}

std::string chinese_date(Date date) {
  return std::to_string(date.year) + "年" + std::to_string(date.month) + "月" +
         std::to_string(date.day) + "日";
}

std::string deadline_text(const store::TaskRow& task, const Rules& rules) {
  if (!task.deadline) return "";
  std::string out = task.deadline->text;
  if (!task.deadline->date) return out;
  const Date printed = *task.deadline->date;
  std::string when = chinese_date(printed);
  auto due = followup::due_date(printed, rules);
  if (due && *due != printed) when += "，遇节假日顺延至" + chinese_date(*due);
  if (out.empty()) return when;
  return out + "（" + when + "）";
}

std::string shorten(std::string_view text, std::size_t max_chars) {
  std::size_t i = 0;
  for (std::size_t n = 0; i < text.size() && n < max_chars; ++n) detail::next_cp(text, i);
  if (i >= text.size()) return std::string(text);
  return std::string(text.substr(0, i)) + "…";
}

}  // namespace duban::exporter
