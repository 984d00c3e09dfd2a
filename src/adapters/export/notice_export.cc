#include "adapters/export/notice_export.h"

#include "adapters/export/followup_text.h"
#include "core/html.h"

namespace duban::exporter {
namespace {

constexpr const char* kStyle = R"(
body{font-family:"FangSong","仿宋","STFangsong","Noto Serif CJK SC","SimSun",serif;
font-size:16pt;line-height:1.6;color:#000;max-width:210mm;margin:0 auto;padding:12mm}
h1{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;text-align:center;
font-size:22pt;letter-spacing:.3em;margin:0 0 1em}
h2{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;font-size:16pt;margin:1em 0 .4em}
p{margin:.3em 0;text-indent:2em}
p.to,p.none{text-indent:0}
table{width:100%;border-collapse:collapse;font-size:11pt;line-height:1.4}
th,td{border:1px solid #000;padding:2mm;vertical-align:top;text-align:left}
th{background:#eee;white-space:nowrap}
td.n{text-align:center;white-space:nowrap}
.lead{font-weight:bold}
.sign{text-align:right;margin-top:2em;text-indent:0}
@page{size:A4;margin:20mm 18mm}
@media print{body{padding:0;max-width:none}th{background:none}tr{break-inside:avoid}
thead{display:table-header-group}}
)";

const char* kNumerals[] = {"一", "二", "三"};

std::string progress_text(const std::optional<store::ProgressRow>& p, int utc_offset_minutes) {
  if (!p) return "";
  std::string out;
  if (auto d = followup::local_date(p->created_at, utc_offset_minutes)) {
    out += chinese_date(*d) + " ";
  }
  if (!p->author.empty()) out += p->author + "：";
  out += p->text;
  if (p->status) out += "（" + std::string(store::status_name(*p->status)) + "）";
  return out;
}

void table(std::string& html, const std::vector<followup::Item>& items, bool overdue,
           const std::vector<store::ProgressRow>& progress, const followup::Options& options,
           const Rules& rules) {
  html +=
      "<table>\n<colgroup><col style=\"width:5%\"><col style=\"width:12%\">"
      "<col style=\"width:15%\"><col style=\"width:30%\"><col style=\"width:13%\">"
      "<col style=\"width:10%\"><col "
      "style=\"width:15%\"></colgroup>\n<thead><tr><th>序号</th><th>文号</th><th>文件标题</"
      "th><th>任务</th><th>时限</th>"
      "<th>状态</th><th>最新进展</th></tr></thead>\n<tbody>\n";
  int n = 0;
  for (const auto& item : items) {
    const auto& t = item.task;
    std::string state;
    if (overdue) {
      state = item.workdays > 0 ? "逾期" + std::to_string(item.workdays) + "个工作日"
                                : "已逾期（不足1个工作日）";
    } else {
      state = status_text(item.status) + "，" +
              (item.workdays > 0 ? "剩余" + std::to_string(item.workdays) + "个工作日"
                                 : std::string("今日到期"));
    }
    html += "<tr><td class=\"n\">" + std::to_string(++n) + "</td><td>" +
            html_escape(t.doc_number.value_or("")) + "</td><td>" +
            html_escape(t.doc_title.value_or("")) + "</td><td>";
    if (item.lead) html += "<span class=\"lead\">【牵头】</span>";
    html += html_escape(t.text) + "</td><td>" + html_escape(deadline_text(t, rules)) + "</td><td>" +
            html_escape(state) + "</td><td>" +
            html_escape(progress_text(followup::latest_progress(t.id, progress),
                                      options.utc_offset_minutes)) +
            "</td></tr>\n";
  }
  html += "</tbody>\n</table>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  detail::append_html_escaped(out, text);
  return out;
}

std::string unit_notice(const std::string& unit, const std::vector<store::TaskRow>& tasks,
                        const std::vector<store::ProgressRow>& progress,
                        const followup::Options& options, const NoticeOptions& notice,
                        const Rules& rules) {
  const followup::UnitLists lists = followup::for_unit(tasks, unit, options, rules);
  const std::string title = notice.kind + "通知";
  std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<title>" + html_escape(title + "（" + unit + "）") + "</title>\n";
  html += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  html += "<h1>" + html_escape(title) + "</h1>\n";
  html += "<p class=\"to\">" + html_escape(unit) + "：</p>\n";
  const std::string as_of = "截至" + chinese_date(options.today) + "，";
  if (lists.overdue.empty() && lists.due_soon.empty()) {
    html += "<p>" + html_escape(as_of) + "你单位暂无逾期或临近时限的督办任务。</p>\n";
  } else {
    html += "<p>" + html_escape(as_of) + "你单位有逾期任务" + std::to_string(lists.overdue.size()) +
            "项、" + std::to_string(options.due_soon_workdays) + "个工作日内到期任务" +
            std::to_string(lists.due_soon.size()) +
            "项。请对照以下清单抓紧推进，逾期任务尽快办结，并及时报送进展情况。</p>\n";
    int section = 0;
    if (!lists.overdue.empty()) {
      html += std::string("<h2>") + kNumerals[section++] + "、逾期任务</h2>\n";
      table(html, lists.overdue, true, progress, options, rules);
    }
    if (!lists.due_soon.empty()) {
      html += std::string("<h2>") + kNumerals[section++] + "、临近时限任务</h2>\n";
      table(html, lists.due_soon, false, progress, options, rules);
    }
  }
  html += "<p class=\"sign\">" + html_escape(notice.office) + "<br>\n" +
          html_escape(chinese_date(notice.issued.year != 0 ? notice.issued : options.today)) +
          "</p>\n</body>\n</html>\n";
  return html;
}

}  // namespace duban::exporter
