// Documents in conventions the corpus does not show (tests/cases/conventions/): a web page
// copy with its metadata block and navigation lines, a county document with Chinese-numeral
// dates, full-width digits, the „2021‟ bracket style, page footers and 版记, and a joint
// notice of two agencies. Expectations come from reading each file.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "duban/parse.h"

namespace {

duban::ParseResult parse_case(const std::string& name) {
  std::ifstream in(std::string(DUBAN_TEST_CASES_DIR) + "/conventions/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return duban::parse(ss.str(), duban::Rules::builtin());
}

std::string iso(const std::optional<duban::Date>& d) { return d ? d->iso() : "(null)"; }

TEST(Conventions, WebCopyMetadataBlockAndNavigation) {
  auto r = parse_case("web-copy-metadata.txt");
  ASSERT_EQ(r.documents.size(), 1u);
  const duban::Document& d = r.documents[0];
  ASSERT_TRUE(d.doc_number);
  EXPECT_EQ(d.doc_number->text, "鲁政办发〔2019〕22号");  // printed as [2019] in the metadata
  EXPECT_EQ(d.issuer.value_or(""), "山东省人民政府办公厅");
  EXPECT_EQ(d.title.value_or(""), "关于印发山东省行政规范性文件制定和监督管理办法的通知");
  EXPECT_EQ(d.kind.value_or(""), "通知");
  EXPECT_EQ(iso(d.date), "2019-08-16");  // 成文日期, not the 发布日期 2019-08-23
  EXPECT_TRUE(d.is_public);
  ASSERT_EQ(d.recipients.size(), 6u);
  EXPECT_EQ(d.recipients[1], "各县（市、区）人民政府");
  ASSERT_TRUE(d.effective);
  EXPECT_EQ(iso(d.effective->from), "2019-10-01");
  EXPECT_EQ(iso(d.effective->until), "2024-09-30");
  EXPECT_EQ(d.lines.start, 3);  // the metadata block; navigation lines are not the document
  EXPECT_EQ(d.lines.end, 24);  // 第四十条; "扫一扫在手机打开当前页" is page furniture
  ASSERT_FALSE(d.outline.empty());
  EXPECT_EQ(d.outline[0].label, "第一章");
  EXPECT_EQ(d.outline[0].title, "总则");
  EXPECT_EQ(d.outline[0].children.size(), 2u);
}

TEST(Conventions, ChineseNumeralsFullWidthDigitsAndFooters) {
  auto r = parse_case("chinese-numeral-date.txt");
  ASSERT_EQ(r.documents.size(), 1u);
  const duban::Document& d = r.documents[0];
  ASSERT_TRUE(d.doc_number);
  EXPECT_EQ(d.doc_number->text, "沂政发〔2021〕15号");
  EXPECT_EQ(d.doc_number->agency, "沂政发");
  EXPECT_EQ(d.issuer.value_or(""), "沂水县人民政府");
  EXPECT_EQ(d.title.value_or(""), "关于加强农村住房安全管理的意见");
  EXPECT_EQ(d.kind.value_or(""), "意见");
  EXPECT_EQ(iso(d.date), "2021-12-01");  // 二〇二一年十二月一日; the 印发 date is 12月3日
  EXPECT_FALSE(d.is_public);
  EXPECT_EQ(d.recipients, (std::vector<std::string>{"各乡镇人民政府", "县政府各部门"}));
  ASSERT_TRUE(d.effective);
  EXPECT_EQ(iso(d.effective->from), "2022-01-01");
  EXPECT_EQ(iso(d.effective->until), "2026-12-31");  // 有效期五年
  EXPECT_EQ(d.lines.start, 3);  // 沂水县人民政府文件; the page number above is furniture
  EXPECT_EQ(d.lines.end, 22);   // the 版记 line, the last of the file
  bool fixed_glyph = false;
  for (const auto& p : d.body)
    fixed_glyph = fixed_glyph || p.text.find("设置警示标志") != std::string::npos;
  EXPECT_TRUE(fixed_glyph) << "臵 is read as 置";
  ASSERT_EQ(d.outline.size(), 2u);
  EXPECT_EQ(d.outline[1].label, "二、");
  EXPECT_EQ(d.outline[1].title, "强化排查");
}

TEST(Conventions, JointNoticeOfTwoAgencies) {
  auto r = parse_case("joint-issuers.txt");
  ASSERT_EQ(r.documents.size(), 1u);
  const duban::Document& d = r.documents[0];
  ASSERT_TRUE(d.doc_number);
  EXPECT_EQ(d.doc_number->text, "临财建〔2023〕8号");
  EXPECT_EQ(d.issuer.value_or(""), "临沂市财政局、临沂市发展和改革委员会");
  EXPECT_EQ(d.title.value_or(""), "关于印发《临沂市市级政府投资项目资金管理办法》的通知");
  EXPECT_EQ(iso(d.date), "2023-05-10");
  EXPECT_EQ(d.recipients.size(), 3u);
  EXPECT_EQ(d.attachments, (std::vector<std::string>{"临沂市市级政府投资项目资金管理办法"}));
  EXPECT_FALSE(d.effective);  // 自印发之日起施行 names no date
  EXPECT_EQ(d.lines.start, 1);
  EXPECT_EQ(d.lines.end, 12);  // 第二条, the last line
}

TEST(Conventions, NoDocumentsInPlainProse) {
  auto r = duban::parse("这是一段没有公文要素的普通文字。\n第二行。\n", duban::Rules::builtin());
  EXPECT_TRUE(r.documents.empty());
}

}  // namespace

// Responsibility written in ways the corpus does not show: "由A牵头，B、C配合", half-width
// brackets, colons and commas, "A负责" after the item, 牵头单位/配合单位 labels, "A牵头，B等按职责
// 分工落实", and a 保障措施 paragraph "A、B等部门要按职责分工落实". Units get canonical names
// (县卫健局 -> 县卫生健康局, 县城管局 -> 县综合行政执法局).
TEST(Conventions, CountyWorkPointsResponsibilityPhrasings) {
  auto r = parse_case("county-work-points.txt");
  ASSERT_EQ(r.documents.size(), 1u);
  const duban::Document& d = r.documents[0];
  ASSERT_TRUE(d.doc_number);
  EXPECT_EQ(d.doc_number->text, "沂政办字〔2024〕12号");
  EXPECT_EQ(iso(d.date), "2024-03-15");
  ASSERT_EQ(d.tasks.size(), 6u);
  using V = std::vector<std::string>;
  const duban::Task& t1 = d.tasks[0];
  EXPECT_EQ(t1.lines.start, 14);
  EXPECT_EQ(t1.lead_units, V{"县农业农村局"});
  EXPECT_EQ(t1.units, (V{"县农业农村局", "县卫生健康局", "县住房和城乡建设局"}));
  EXPECT_EQ(t1.units_as_printed, (V{"县农业农村局", "县卫健局", "县住建局"}));
  ASSERT_TRUE(t1.deadline);
  EXPECT_EQ(t1.deadline->text, "6月底前");
  EXPECT_EQ(iso(t1.deadline->date), "2024-06-30");
  EXPECT_EQ(t1.path, V{"一、推进农村厕所革命"});

  const duban::Task& t2 = d.tasks[1];
  EXPECT_TRUE(t2.lead_units.empty());
  EXPECT_EQ(t2.units, (V{"县农业农村局", "县生态环境分局", "各乡镇人民政府（街道办事处）"}));

  const duban::Task& t3 = d.tasks[2];
  EXPECT_EQ(t3.units, V{"县综合行政执法局"});
  ASSERT_TRUE(t3.deadline);
  EXPECT_EQ(t3.deadline->text, "年底前");
  EXPECT_EQ(iso(t3.deadline->date), "2024-12-31");

  const duban::Task& t4 = d.tasks[3];
  EXPECT_EQ(t4.lead_units, V{"县委农办"});
  EXPECT_EQ(t4.units, (V{"县委农办", "县妇女联合会", "团县委"}));  // printed 县妇联
  ASSERT_TRUE(t4.deadline);
  EXPECT_EQ(t4.deadline->kind, "recurring");
  EXPECT_EQ(iso(t4.deadline->date), "2024-03-31");  // the first quarter end after 3月15日

  const duban::Task& t5 = d.tasks[4];
  EXPECT_EQ(t5.lead_units, V{"县住房和城乡建设局"});
  EXPECT_EQ(t5.units, (V{"县住房和城乡建设局", "各乡镇（街道）"}));
  ASSERT_FALSE(t5.targets.empty());
  EXPECT_EQ(t5.targets[0].value.value_or(0), 20);
  EXPECT_EQ(t5.targets[0].comparator.value_or(""), ">=");

  const duban::Task& t6 = d.tasks[5];
  EXPECT_EQ(t6.units, (V{"县农业农村局", "县财政局"}));
  EXPECT_EQ(t6.path.size(), 0u);
}
