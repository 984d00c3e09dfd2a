// adapters/export/notice_export.h: the printable 督办/催办 notice to one unit, a complete HTML
// page in Chinese (A4 print CSS) listing the unit's overdue and due-soon tasks.
//
//   duban::exporter::NoticeOptions n{.office = storage->setting(kNoticeOfficeSetting)
//                                                  .value_or(kDefaultNoticeOffice),
//                                    .issued = today};
//   std::string html = duban::exporter::unit_notice("区发改局", tasks, progress,
//                                                   {.today = today}, n);
//
// The page: title "督办通知" (or "催办通知"), the unit addressed, a sentence with the counts,
// then two tables — 逾期任务 (most overdue first, "逾期 n 个工作日") and 临近时限任务
// (soonest first, "剩余 n 个工作日") — with columns 序号, 文号, 文件标题, 任务 (【牵头】 when the
// unit leads it), 时限, 状态, 最新进展; then the issuing office and date. Every value taken
// from the data is HTML-escaped.
#ifndef DUBAN_ADAPTERS_EXPORT_NOTICE_EXPORT_H_
#define DUBAN_ADAPTERS_EXPORT_NOTICE_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "adapters/storage/storage.h"
#include "duban/rules.h"
#include "followup/followup.h"

namespace duban::exporter {

//! The storage setting holding the issuing office's name, and its default.
inline constexpr const char* kNoticeOfficeSetting = "notice_office";
inline constexpr const char* kDefaultNoticeOffice = "区政府督查室";

struct NoticeOptions {
  std::string office = kDefaultNoticeOffice;  // 落款 (issuing office)
  Date issued;                                // 落款日期; options.today when unset
  std::string kind = "督办";                  // "督办" or "催办": the title is kind + "通知"
};

//! The notice to `unit` (canonical name) over `tasks` (any tasks: the unit's are picked out)
//! and their progress reports (`progress`, any order; the latest per task is shown).
//! options.today and options.due_soon_workdays decide what is overdue and due soon.
std::string unit_notice(const std::string& unit, const std::vector<store::TaskRow>& tasks,
                        const std::vector<store::ProgressRow>& progress,
                        const followup::Options& options, const NoticeOptions& notice,
                        const Rules& rules = Rules::builtin());

//! `text` with & < > " ' replaced by character references.
std::string html_escape(std::string_view text);

}  // namespace duban::exporter

#endif  // DUBAN_ADAPTERS_EXPORT_NOTICE_EXPORT_H_
