// The 督办 notice for one unit. Today is Monday 2025-10-13; from data/holidays.tsv,
// 2025-10-01..08 are holidays and Saturday 2025-10-11 is worked.
#include "adapters/export/notice_export.h"

#include <gtest/gtest.h>

namespace duban::exporter {
namespace {

using store::ProgressRow;
using store::TaskRow;
using store::TaskStatus;

TaskRow task(std::int64_t id, std::string text, Date date, TaskStatus status,
             std::vector<std::string> units, std::vector<std::string> lead = {}) {
  TaskRow t;
  t.id = id;
  t.document_id = 1;
  t.text = std::move(text);
  t.status = status;
  t.units = std::move(units);
  t.lead_units = std::move(lead);
  t.doc_number = "周政发〔2025〕3号";
  t.doc_title = "关于“项目&资金”管理的通知";
  t.deadline = Deadline{"9月底前", date, "absolute"};
  return t;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

const std::vector<std::string> kDev = {"区发改局"};

std::vector<TaskRow> ledger() {
  return {
      // due 09-30: 10-09, 10-10, 10-11, 10-13 -> 逾期4个工作日
      task(1, "<script>alert('x')</script>推进重点项目", {2025, 9, 30}, TaskStatus::kInProgress,
           kDev, kDev),
      // due 10-09 (moved from the holiday): 10-10, 10-11, 10-13 -> 逾期3个工作日
      task(2, "完成年度投资计划", {2025, 10, 1}, TaskStatus::kNotStarted, {"区发改局", "区财政局"}),
      // due Wednesday 10-15: 10-14, 10-15 -> 剩余2个工作日
      task(3, "报送项目清单", {2025, 10, 15}, TaskStatus::kInProgress, kDev),
      task(4, "已办结的任务", {2025, 9, 1}, TaskStatus::kDone, kDev),
      task(5, "教育局的任务", {2025, 9, 1}, TaskStatus::kNotStarted, {"区教育局"}),
      task(6, "远期任务", {2025, 12, 31}, TaskStatus::kNotStarted, kDev),
  };
}

std::vector<ProgressRow> progress() {
  ProgressRow a{
      1, 1, "李四", "已完成可研<b>批复</b>", TaskStatus::kInProgress, "2025-10-09T02:00:00Z"};
  ProgressRow b{2, 1, "王五", "旧的进展", std::nullopt, "2025-09-01T02:00:00Z"};
  return {a, b};
}

const followup::Options kToday{.today = {2025, 10, 13}};

TEST(NoticeExport, ListsOverdueThenDueSoonTasksOfTheUnit) {
  const std::string html = unit_notice("区发改局", ledger(), progress(), kToday, {});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"zh-CN\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<h1>督办通知</h1>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"to\">区发改局：</p>"), std::string::npos);
  EXPECT_NE(html.find("size:A4"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("截至2025年10月13日，你单位有逾期任务2项、5个工作日内到期任务1项"),
            std::string::npos);

  const auto overdue_at = html.find("、逾期任务</h2>");
  const auto soon_at = html.find("、临近时限任务</h2>");
  ASSERT_NE(overdue_at, std::string::npos);
  ASSERT_NE(soon_at, std::string::npos);
  EXPECT_LT(overdue_at, soon_at);
  // most overdue first
  const auto t1 = html.find("推进重点项目");
  const auto t2 = html.find("完成年度投资计划");
  const auto t3 = html.find("报送项目清单");
  ASSERT_NE(t1, std::string::npos);
  ASSERT_NE(t2, std::string::npos);
  ASSERT_NE(t3, std::string::npos);
  EXPECT_LT(overdue_at, t1);
  EXPECT_LT(t1, t2);
  EXPECT_LT(t2, soon_at);
  EXPECT_LT(soon_at, t3);
  EXPECT_NE(html.find("逾期4个工作日"), std::string::npos);
  EXPECT_NE(html.find("逾期3个工作日"), std::string::npos);
  EXPECT_NE(html.find("推进中，剩余2个工作日"), std::string::npos);
  EXPECT_NE(html.find("9月底前（2025年10月1日，遇节假日顺延至2025年10月9日）"), std::string::npos);
  EXPECT_EQ(count(html, "【牵头】"), 1u);  // task 1 only
  // not the unit's, done, or not due soon
  EXPECT_EQ(html.find("已办结的任务"), std::string::npos);
  EXPECT_EQ(html.find("教育局的任务"), std::string::npos);
  EXPECT_EQ(html.find("远期任务"), std::string::npos);
  // latest progress, in China time
  EXPECT_NE(html.find("2025年10月9日 李四：已完成可研&lt;b&gt;批复&lt;/b&gt;（推进中）"),
            std::string::npos);
  EXPECT_EQ(html.find("旧的进展"), std::string::npos);
  // signature: the default office and today
  EXPECT_NE(html.find("<p class=\"sign\">区政府督查室<br>\n2025年10月13日</p>"), std::string::npos);
  EXPECT_EQ(count(html, "<tr>"), 1u + 2u + 1u + 1u);  // two header rows, three tasks
}

TEST(NoticeExport, EscapesEverythingFromTheData) {
  NoticeOptions n{.office = "区政府督查室<i>", .issued = {2025, 10, 14}, .kind = "催办"};
  const std::string html = unit_notice("区发改局", ledger(), progress(), kToday, n);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;推进重点项目"),
            std::string::npos);
  EXPECT_NE(html.find("关于“项目&amp;资金”管理的通知"), std::string::npos);
  EXPECT_NE(html.find("<h1>催办通知</h1>"), std::string::npos);
  EXPECT_NE(html.find("区政府督查室&lt;i&gt;<br>\n2025年10月14日"), std::string::npos);
  const std::string odd = unit_notice("<单位>\"", {}, {}, kToday, {});
  EXPECT_NE(odd.find("<p class=\"to\">&lt;单位&gt;&quot;：</p>"), std::string::npos);
  EXPECT_EQ(odd.find("<单位>"), std::string::npos);
}

TEST(NoticeExport, UnitWithNothingDueSaysSo) {
  const std::string html = unit_notice("区民政局", ledger(), {}, kToday, {});
  EXPECT_NE(html.find("截至2025年10月13日，你单位暂无逾期或临近时限的督办任务。"),
            std::string::npos);
  EXPECT_EQ(html.find("<table>"), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(NoticeExport, HtmlEscape) {
  EXPECT_EQ(html_escape("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
  EXPECT_EQ(html_escape("督办"), "督办");
}

}  // namespace
}  // namespace duban::exporter
