// How responsibility is phrased (core/tasks.h find_duties with data/duty_phrases.tsv), one
// phrasing at a time, as the documents of other provinces write them. Expected units were
// read off each sentence by hand: lead units as marked 牵头 (or ★, 主抓, 统筹), the others in
// printed order after them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/tasks.h"
#include "duban/rules.h"
#include "duban/units.h"

namespace duban::detail {
namespace {

struct Case {
  const char* text;
  std::vector<std::string> lead;
  std::vector<std::string> all;
};

void check(const Case& c) {
  const Rules& rules = Rules::builtin();
  const UnitRegistry registry(rules);
  Duties d = find_duties(c.text, rules, registry);
  EXPECT_EQ(d.lead, c.lead) << c.text;
  EXPECT_EQ(d.all, c.all) << c.text;
}

TEST(DutyPhrases, VerbsWithMannerWordsBetween) {
  for (const Case& c : std::vector<Case>{
           {"（市发展改革委牵头抓总，市财政局、市商务局按职责分工推进）",
            {"市发展改革委"},
            {"市发展改革委", "市财政局", "市商务局"}},
           {"（市教育局、市人社局按职能分工负责）", {}, {"市教育局", "市人社局"}},
           {"（市教育局、市人社局分别负责）", {}, {"市教育局", "市人社局"}},
           {"（各县区政府负总责，市农业农村局加强指导）", {}, {"各县区政府", "市农业农村局"}},
           {"（市应急管理局统筹，市消防救援支队、市公安局协同推进）",
            {"市应急管理局"},
            {"市应急管理局", "市消防救援支队", "市公安局"}},
           {"（市住建局主抓，市城管局协办）", {"市住建局"}, {"市住建局", "市城管局"}},
           {"（市市场监管局牵头，市商务局、市农业农村局按照各自职责抓好落实）",
            {"市市场监管局"},
            {"市市场监管局", "市商务局", "市农业农村局"}},
           {"（市数据局、市政务服务中心共同推进）", {}, {"市数据局", "市政务服务中心"}},
       })
    check(c);
}

// A verb that is also prose assigns only at a clause's end, and not to a group alone.
TEST(DutyPhrases, ProseVerbsAssignNothing) {
  for (const Case& c : std::vector<Case>{
           {"积极推进项目建设，各企业推进数字化转型。", {}, {}},
           {"有关部门应认真组织实施，确保各项措施落到实处。", {}, {}},
           {"督促各企业落实安全生产主体责任。", {}, {}},
           {"鼓励有关单位参与标准制定。", {}, {}},
       })
    check(c);
}

TEST(DutyPhrases, LabelsAndNotes) {
  for (const Case& c : std::vector<Case>{
           // Square and lenticular brackets, as web copies print notes.
           {"[牵头单位:区卫健局;责任单位:区疫情防控指挥部成员单位、各街办(新区)]",
            {"区卫健局"},
            {"区卫健局", "区疫情防控指挥部成员单位", "各街办（新区）"}},
           {"【区卫健局牵头，区财政局、各街道配合】",
            {"区卫健局"},
            {"区卫健局", "区财政局", "各街道"}},
           {"〔责任单位：州财政局、州发展改革委按职责分工负责〕", {}, {"州财政局", "州发展改革委"}},
           // A label the rules do not know still ends the list before it.
           {"（主要责任单位：市人社局；协同单位：市财政局、市税务局；督导单位：市督查室）",
            {"市人社局"},
            {"市人社局", "市财政局", "市税务局"}},
           // ★ before the lead unit.
           {"（责任单位：★区发改委、区统计局）", {"区发改委"}, {"区发改委", "区统计局"}},
       })
    check(c);
}

TEST(DutyPhrases, DueDateLabels) {
  const Rules& rules = Rules::builtin();
  const UnitRegistry registry(rules);
  Duties d =
      find_duties("（牵头单位：区卫健局 责任单位：区财政局 完成时限：2023年6月）", rules, registry);
  EXPECT_EQ(d.all, (std::vector<std::string>{"区卫健局", "区财政局"}));
  EXPECT_EQ(d.deadline, "2023年6月");
  d = find_duties("（责任单位：县发展改革局；时间：长期坚持）", rules, registry);
  EXPECT_EQ(d.deadline, "长期坚持");
}

}  // namespace
}  // namespace duban::detail
