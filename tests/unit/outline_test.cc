// Tests of the heading tree (core/outline.h).
#include "core/outline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/classify.h"
#include "core/reflow.h"

namespace duban::detail {
namespace {

// Blocks as reflow makes them: a paragraph that starts with a heading label is a heading.
class Body {
 public:
  Body& add(std::string_view text) {
    Block b;
    b.text = std::string(text);
    b.first = b.last = ++line_;
    b.heading = match_heading(text);
    b.kind = b.heading ? BlockKind::kHeading : BlockKind::kText;
    blocks_.push_back(std::move(b));
    return *this;
  }
  std::vector<const Block*> pointers() const {
    std::vector<const Block*> out;
    for (const Block& b : blocks_) out.push_back(&b);
    return out;
  }

 private:
  std::deque<Block> blocks_;  // stable addresses
  int line_ = 0;
};

std::string dump(const std::vector<OutlineNode>& nodes, int depth = 0) {
  std::string out;
  for (const OutlineNode& n : nodes) {
    out += std::string(depth * 2, ' ') + n.label + " | " + n.title + " | " + n.text + "\n";
    out += dump(n.children, depth + 1);
  }
  return out;
}

TEST(BuildOutline, ChaptersAndArticles) {
  Body body;
  body.add("第一章总则")
      .add("第一条为了优化营商环境，制定本规定。")
      .add("第二条本规定适用于本区行政区域内的营商环境建设。")
      .add("第二章职责分工")
      .add("第三条区人民政府负责统筹推进营商环境建设。");
  std::vector<OutlineNode> outline = build_outline(body.pointers());
  ASSERT_EQ(outline.size(), 2u) << dump(outline);

  const OutlineNode& ch1 = outline[0];
  EXPECT_EQ(ch1.label, "第一章");
  EXPECT_EQ(ch1.title, "总则");
  EXPECT_EQ(ch1.lines.start, 1);
  ASSERT_EQ(ch1.children.size(), 2u) << dump(outline);
  EXPECT_EQ(ch1.children[0].label, "第一条");
  EXPECT_EQ(ch1.children[0].title, "");
  EXPECT_EQ(ch1.children[0].text, "为了优化营商环境，制定本规定。");
  EXPECT_EQ(ch1.children[0].lines.start, 2);
  EXPECT_TRUE(ch1.children[0].children.empty());
  EXPECT_EQ(ch1.children[1].label, "第二条");
  EXPECT_EQ(ch1.children[1].title, "");
  EXPECT_EQ(ch1.children[1].text, "本规定适用于本区行政区域内的营商环境建设。");

  const OutlineNode& ch2 = outline[1];
  EXPECT_EQ(ch2.label, "第二章");
  EXPECT_EQ(ch2.title, "职责分工");
  ASSERT_EQ(ch2.children.size(), 1u);
  EXPECT_EQ(ch2.children[0].label, "第三条");
  EXPECT_EQ(ch2.children[0].title, "");
  EXPECT_EQ(ch2.children[0].text, "区人民政府负责统筹推进营商环境建设。");
}

TEST(BuildOutline, SpacesAfterTheLabelAreNotPartOfTitleOrText) {
  Body body;
  body.add("第一章 总则").add("第一条　为了优化营商环境，制定本规定。");
  std::vector<OutlineNode> outline = build_outline(body.pointers());
  ASSERT_EQ(outline.size(), 1u) << dump(outline);
  EXPECT_EQ(outline[0].title, "总则");
  ASSERT_EQ(outline[0].children.size(), 1u);
  EXPECT_EQ(outline[0].children[0].text, "为了优化营商环境，制定本规定。");
}

TEST(BuildOutline, NumberedHeadingsNest) {
  Body body;
  body.add("一、总体要求")
      .add("（一）指导思想")
      .add("1.坚持统筹推进")
      .add("2.坚持问题导向")
      .add("（二）主要目标")
      .add("二、重点任务")
      .add("（一）优化审批服务")
      .add("（1）压减审批时限")
      .add("①建立台账");
  std::vector<OutlineNode> outline = build_outline(body.pointers());
  ASSERT_EQ(outline.size(), 2u) << dump(outline);

  const OutlineNode& one = outline[0];
  EXPECT_EQ(one.label, "一、");
  EXPECT_EQ(one.title, "总体要求");
  EXPECT_EQ(one.text, "");
  ASSERT_EQ(one.children.size(), 2u) << dump(outline);
  EXPECT_EQ(one.children[0].label, "（一）");
  EXPECT_EQ(one.children[0].title, "指导思想");
  ASSERT_EQ(one.children[0].children.size(), 2u) << dump(outline);
  EXPECT_EQ(one.children[0].children[0].label, "1.");
  EXPECT_EQ(one.children[0].children[0].title, "坚持统筹推进");
  EXPECT_EQ(one.children[0].children[1].label, "2.");
  EXPECT_EQ(one.children[1].label, "（二）");
  EXPECT_EQ(one.children[1].title, "主要目标");
  EXPECT_TRUE(one.children[1].children.empty());

  const OutlineNode& two = outline[1];
  EXPECT_EQ(two.label, "二、");
  ASSERT_EQ(two.children.size(), 1u) << dump(outline);
  ASSERT_EQ(two.children[0].children.size(), 1u) << dump(outline);
  EXPECT_EQ(two.children[0].children[0].label, "（1）");
  ASSERT_EQ(two.children[0].children[0].children.size(), 1u) << dump(outline);
  EXPECT_EQ(two.children[0].children[0].children[0].label, "①");
  EXPECT_EQ(two.children[0].children[0].children[0].title, "建立台账");
}

TEST(BuildOutline, SkippedRankNestsUnderTheNearestHigherRank) {
  Body body;
  body.add("一、总体要求").add("1.坚持统筹推进").add("（一）主要目标").add("（二）工作步骤");
  std::vector<OutlineNode> outline = build_outline(body.pointers());
  ASSERT_EQ(outline.size(), 1u) << dump(outline);
  // 1. (rank 6) nests under 一、; （一） (rank 5) is higher than 1., so it nests under 一、 too.
  ASSERT_EQ(outline[0].children.size(), 3u) << dump(outline);
  EXPECT_EQ(outline[0].children[0].label, "1.");
  EXPECT_EQ(outline[0].children[1].label, "（一）");
  EXPECT_EQ(outline[0].children[2].label, "（二）");
}

TEST(BuildOutline, RunInHeading) {
  struct Case {
    std::string_view text;
    std::string_view label;
    std::string_view title;
    std::string_view body;
  };
  const Case cases[] = {
      {"（一）迭新跃进，推动高端化升级。锚定“强工兴产、转型突围”目标，深入贯彻落实高水平工"
       "业技改焕新行动。（牵头单位：区工业和信息化局）",
       "（一）", "迭新跃进，推动高端化升级",
       "锚定“强工兴产、转型突围”目标，深入贯彻落实高水平工业技改焕新行动。（牵头单位：区工业"
       "和信息化局）"},
      {"1．加强组织领导。各单位要高度重视。", "1．", "加强组织领导", "各单位要高度重视。"},
      {"一、总体要求", "一、", "总体要求", ""},
      {"第十二条本办法自2024年8月1日起施行。", "第十二条", "", "本办法自2024年8月1日起施行。"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    Body body;
    body.add(c.text);
    std::vector<OutlineNode> outline = build_outline(body.pointers());
    ASSERT_EQ(outline.size(), 1u) << dump(outline);
    EXPECT_EQ(outline[0].label, c.label);
    EXPECT_EQ(outline[0].title, c.title);
    EXPECT_EQ(outline[0].text, c.body);
  }
}

TEST(BuildOutline, NoHeadingsNoOutline) {
  Body body;
  body.add("为深入贯彻落实党中央决策部署，制定本方案。");
  EXPECT_TRUE(build_outline(body.pointers()).empty());
  EXPECT_TRUE(build_outline({}).empty());
}

int depth(const std::vector<OutlineNode>& nodes) {
  // Iterative: the tree under test may be deep if the depth bound is broken.
  int max_depth = 0;
  std::vector<std::pair<const OutlineNode*, int>> stack;
  for (const OutlineNode& n : nodes) stack.push_back({&n, 1});
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    max_depth = std::max(max_depth, d);
    for (const OutlineNode& c : n->children) stack.push_back({&c, d + 1});
  }
  return max_depth;
}

std::size_t count(const std::vector<OutlineNode>& nodes) {
  std::size_t total = 0;
  std::vector<const OutlineNode*> stack;
  for (const OutlineNode& n : nodes) stack.push_back(&n);
  while (!stack.empty()) {
    const OutlineNode* n = stack.back();
    stack.pop_back();
    ++total;
    for (const OutlineNode& c : n->children) stack.push_back(&c);
  }
  return total;
}

TEST(BuildOutline, ManyHeadingsOfAlternatingRanksStayShallow) {
  const std::string_view all_ranks[] = {
      "第一编总则",   "第一章总则",     "第一节一般规定", "第一条为了规范管理，制定本办法。",
      "一、总体要求", "（一）工作目标", "1.加强组织领导", "（1）压减时限",
      "①建立台账"};
  {
    Body body;
    for (int i = 0; i < 10000; ++i) body.add(all_ranks[i % 9]);
    std::vector<OutlineNode> outline = build_outline(body.pointers());
    EXPECT_EQ(outline.size(), 1112u);  // one 第一编 every nine headings
    EXPECT_LE(depth(outline), 9);
    EXPECT_EQ(count(outline), 10000u);
  }
  {
    // Two ranks alternating: 一、 then （一）, 5,000 times.
    Body body;
    for (int i = 0; i < 10000; ++i) body.add(i % 2 == 0 ? "一、总体要求" : "（一）工作目标");
    std::vector<OutlineNode> outline = build_outline(body.pointers());
    EXPECT_EQ(outline.size(), 5000u);
    EXPECT_EQ(depth(outline), 2);
    EXPECT_EQ(count(outline), 10000u);
  }
  {
    // Deepest first, then climbing: ① … 第一编, repeated.
    Body body;
    for (int i = 0; i < 10000; ++i) body.add(all_ranks[8 - i % 9]);
    std::vector<OutlineNode> outline = build_outline(body.pointers());
    EXPECT_LE(depth(outline), 9);
    EXPECT_EQ(count(outline), 10000u);
  }
}

}  // namespace
}  // namespace duban::detail
