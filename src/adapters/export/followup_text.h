// adapters/export/followup_text.h: how follow-up values read in the iCalendar feed and the
// 督办 notice (Chinese, for people).
#ifndef DUBAN_ADAPTERS_EXPORT_FOLLOWUP_TEXT_H_
#define DUBAN_ADAPTERS_EXPORT_FOLLOWUP_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "adapters/storage/storage.h"
#include "duban/document.h"
#include "followup/followup.h"

namespace duban::exporter {

//! 未开始, 推进中, 已完成, 逾期, 不适用 (store::status_name for the stored ones).
std::string status_text(followup::Status status);

//! "2025年10月9日".
std::string chinese_date(Date date);

//! The deadline as printed, with its date when resolved: "9月底前（2025年9月30日）"; when
//! the date is a weekend or holiday, the day it moves to as well:
//! "10月1日前（2025年10月1日，遇节假日顺延至2025年10月9日）". "" when the task has none.
std::string deadline_text(const store::TaskRow& task, const Rules& rules = Rules::builtin());

//! `text` cut to `max_chars` characters (code points), with "…" when cut.
std::string shorten(std::string_view text, std::size_t max_chars);

}  // namespace duban::exporter

#endif  // DUBAN_ADAPTERS_EXPORT_FOLLOWUP_TEXT_H_
