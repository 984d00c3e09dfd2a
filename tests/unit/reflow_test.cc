// Tests of reflow: normalized lines to paragraphs, structural lines and tables
// (core/reflow.h).
#include "core/reflow.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/classify.h"
#include "core/normalize.h"
#include "duban/rules.h"

namespace duban::detail {
namespace {

Layout run(std::string_view text) {
  static const PageFurniture furniture(Rules::builtin());
  return reflow(normalize_lines(text, Rules::builtin(), 1), Rules::builtin(), furniture);
}

std::string dump(const Layout& layout) {
  std::string out;
  for (const Block& b : layout.blocks) {
    out += std::to_string(static_cast<int>(b.kind)) + " [" + std::to_string(b.first) + "-" +
           std::to_string(b.last) + "] " + b.text + "\n";
  }
  return out;
}

TEST(Reflow, HardWrappedNarrowLinesWithBlankLinesJoin) {
  const std::string text =
      "为深入贯彻党中央、国务院关\n"
      "\n"
      "于推动大规模设备更新和消费品以\n"
      "\n"
      "旧换新决策部署，认真落实省委、\n"
      "\n"
      "省政府和市委、市政府推动大规模\n"
      "\n"
      "设备更新工作总体安排，结合我区实\n"
      "\n"
      "际，制定本工作方案。\n"
      "\n"
      "一、总体要求";
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 2u) << dump(layout);
  const Block& p = layout.blocks[0];
  EXPECT_EQ(p.kind, BlockKind::kText);
  EXPECT_EQ(p.text,
            "为深入贯彻党中央、国务院关于推动大规模设备更新和消费品以旧换新决策部署，认真落实"
            "省委、省政府和市委、市政府推动大规模设备更新工作总体安排，结合我区实际，制定本工作"
            "方案。");
  EXPECT_EQ(p.first, 1);
  EXPECT_EQ(p.last, 11);
  const Block& h = layout.blocks[1];
  EXPECT_EQ(h.kind, BlockKind::kHeading);
  EXPECT_EQ(h.text, "一、总体要求");
  EXPECT_EQ(h.first, 13);
  ASSERT_TRUE(h.heading.has_value());
  EXPECT_EQ(h.heading->rank, 4);
  EXPECT_EQ(h.heading->label, "一、");
}

TEST(Reflow, WrappedHeadingsAndRunInHeadingsInANarrowColumn) {
  // From the 山亭区 设备更新 方案 (samples/shanting-2024-equipment-renewal-etc.txt).
  const std::string text =
      "加约一倍，二手车交易量较2023\n"  // 1
      "\n"                              // 2
      "年增长45%，废旧家电回收量较\n"   // 3
      "\n"                              // 4
      "2023年增长30%。 \n"              // 5
      "\n"                              // 6
      "二、聚焦产业升级，实施工业\n"    // 7
      "\n"                              // 8
      "技改焕新行动 \n"                 // 9
      "\n"                              // 10
      "（一）迭新跃进，推动高端化\n"    // 11
      "\n"                              // 12
      "升级。锚定“强工兴产、转型突\n"   // 13
      "\n"                              // 14
      "围”目标，深入贯彻落实高水平\n"   // 15
      "\n"                              // 16
      "工业技改焕新行动，围绕建材、\n"  // 17
      "\n"                              // 18
      "轻工、机械等重点产业，实施传\n"  // 19
      "\n"                              // 20
      "统产业技改升级行动，推动重点\n"  // 21
      "\n"                              // 22
      "行业设备更新、产线升级、智能\n"  // 23
      "\n"                              // 24
      "提升。（牵头单位：区工业和信\n"  // 25
      "\n"                              // 26
      "息化局） \n"                     // 27
      "\n"                              // 28
      "（二）数智赋能，实施智能化\n"    // 29
      "\n"                              // 30
      "改造。贯彻落实“工赋山东”行\n"    // 31
      "\n"                              // 32
      "动，加快工业互联网建设和应\n"    // 33
      "\n"                              // 34
      "用。";                           // 35
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 4u) << dump(layout);

  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[0].text,
            "加约一倍，二手车交易量较2023年增长45%，废旧家电回收量较2023年增长30%。");
  EXPECT_EQ(layout.blocks[0].last, 5);

  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[1].text, "二、聚焦产业升级，实施工业技改焕新行动");
  EXPECT_EQ(layout.blocks[1].first, 7);
  EXPECT_EQ(layout.blocks[1].last, 9);

  EXPECT_EQ(layout.blocks[2].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[2].text,
            "（一）迭新跃进，推动高端化升级。锚定“强工兴产、转型突围”目标，深入贯彻落实高水平工业"
            "技改焕新行动，围绕建材、轻工、机械等重点产业，实施传统产业技改升级行动，推动重点行业"
            "设备更新、产线升级、智能提升。（牵头单位：区工业和信息化局）");
  EXPECT_EQ(layout.blocks[2].first, 11);
  EXPECT_EQ(layout.blocks[2].last, 27);
  ASSERT_TRUE(layout.blocks[2].heading.has_value());
  EXPECT_EQ(layout.blocks[2].heading->rank, 5);

  EXPECT_EQ(layout.blocks[3].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[3].text,
            "（二）数智赋能，实施智能化改造。贯彻落实“工赋山东”行动，加快工业互联网建设和应用。");
  EXPECT_EQ(layout.blocks[3].first, 29);
  EXPECT_EQ(layout.blocks[3].last, 35);
}

TEST(Reflow, ShortHeadingBeforeALongParagraphLineStaysSeparate) {
  const std::string text =
      "一、总体要求\n"
      "以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，坚持稳中求进工作"
      "总基调，推动全区经济社会高质量发展。\n"
      "（一）工作目标\n"
      "到2025年，全区设备投资规模较2023年增长28%以上。";
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 4u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[0].text, "一、总体要求");
  EXPECT_EQ(layout.blocks[0].first, 1);
  EXPECT_EQ(layout.blocks[0].last, 1);
  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[1].first, 2);
  EXPECT_EQ(layout.blocks[2].kind, BlockKind::kHeading);
  EXPECT_EQ(layout.blocks[2].text, "（一）工作目标");
  EXPECT_EQ(layout.blocks[3].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[3].text, "到2025年，全区设备投资规模较2023年增长28%以上。");
}

TEST(Reflow, LineEndingInCommaAlwaysJoins) {
  struct Case {
    std::string text;
    std::string joined;
  };
  const Case cases[] = {
      // A short line ending in a comma, then a long one.
      {"各单位要高度重视，\n"
       "切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处，取得实效。",
       "各单位要高度重视，切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处，"
       "取得实效。"},
      // A long line ending in a comma, then a short one, with a blank line between.
      {"切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处，\n"
       "\n"
       "取得实效。",
       "切实加强组织领导，明确责任分工，细化工作措施，确保各项任务落到实处，取得实效。"},
      // Two short lines.
      {"为此，\n认真抓好落实。", "为此，认真抓好落实。"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Layout layout = run(c.text);
    ASSERT_EQ(layout.blocks.size(), 1u) << dump(layout);
    EXPECT_EQ(layout.blocks[0].text, c.joined);
  }
}

TEST(Reflow, ColonInsideAnOpenBracketDoesNotEndTheParagraph) {
  Layout layout =
      run("推动重点行业设备更新。（牵头单位：区工业和信息化局，责任单位：\n"
          "区财政局）");
  ASSERT_EQ(layout.blocks.size(), 1u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].text,
            "推动重点行业设备更新。（牵头单位：区工业和信息化局，责任单位：区财政局）");
}

TEST(Reflow, ClosingNoteWithNestedBracketsEndsTheParagraph) {
  const std::string text =
      "持续推动服务入口在基层拓展延伸。（牵头部门：区政府办公室、区审批服务局；责任部门：区直相"
      "关部门、各镇（街）政府（办事处））\n"
      "各单位要于每季度末报送工作进展情况。";
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 2u) << dump(layout);
  EXPECT_EQ(layout.blocks[1].text, "各单位要于每季度末报送工作进展情况。");
}

TEST(Reflow, LongTitleEndingInItsKindIsNotJoined) {
  const std::string text =
      "山亭区人民政府关于印发山亭区推动大规模设备更新和消费品以旧换新工作方案的通知\n"
      "各镇人民政府、山城街道办事处，山亭经济开发区管委会，区政府各部门单位，区直各企业：";
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 2u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].text,
            "山亭区人民政府关于印发山亭区推动大规模设备更新和消费品以旧换新工作方案的通知");
  EXPECT_EQ(layout.blocks[1].first, 2);
}

TEST(Reflow, SentencesEndParagraphs) {
  Layout layout = run("制定本方案。\n各单位要认真贯彻执行。");
  ASSERT_EQ(layout.blocks.size(), 2u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].text, "制定本方案。");
  EXPECT_EQ(layout.blocks[1].text, "各单位要认真贯彻执行。");
}

TEST(Reflow, CoverLetterInsideASentenceIsLiftedOut) {
  const std::string text =
      "为深入贯彻党中央、国务院关\n"                    // 1
      "\n"                                              // 2
      "于推动大规模设备更新和消费品以\n"                // 3
      "\n"                                              // 4
      "各镇人民政府、街道办事处：\n"                    // 5
      "\n"                                              // 6
      "现将《工作方案》印发给你们，请认真贯彻落实。\n"  // 7
      "\n"                                              // 8
      "山亭区人民政府\n"                                // 9
      "\n"                                              // 10
      "2024年7月23日\n"                                 // 11
      "\n"                                              // 12
      "（此件公开发布）\n"                              // 13
      "\n"                                              // 14
      "旧换新决策部署，制定本工作方案。";               // 15
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 6u) << dump(layout);
  const Block* b = layout.blocks.data();
  EXPECT_EQ(b[0].text, "各镇人民政府、街道办事处：");
  EXPECT_EQ(b[0].first, 5);
  EXPECT_EQ(b[1].text, "现将《工作方案》印发给你们，请认真贯彻落实。");
  EXPECT_EQ(b[1].first, 7);
  EXPECT_EQ(b[2].kind, BlockKind::kIssuer);
  EXPECT_EQ(b[2].text, "山亭区人民政府");
  EXPECT_EQ(b[3].kind, BlockKind::kDate);
  ASSERT_TRUE(b[3].date.has_value());
  EXPECT_EQ(*b[3].date, (Date{2024, 7, 23}));
  EXPECT_EQ(b[4].kind, BlockKind::kPublic);
  EXPECT_EQ(b[4].first, 13);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(b[i].host_first, 1) << i;

  EXPECT_EQ(b[5].kind, BlockKind::kText);
  EXPECT_EQ(b[5].text,
            "为深入贯彻党中央、国务院关于推动大规模设备更新和消费品以旧换新决策部署，制定本工作方"
            "案。");
  EXPECT_EQ(b[5].first, 1);
  EXPECT_EQ(b[5].last, 15);
  EXPECT_EQ(b[5].host_first, 0);
}

TEST(Reflow, CoverLetterFromTheSample) {
  // The head of samples/shanting-2024-equipment-renewal-etc.txt: the 文号 first, then the
  // 方案's opening sentence, interrupted by the cover letter (wrapped 主送 and sentence),
  // continued on an indented line after the 附注.
  const std::string text =
      " 山政发〔2024〕4号 \n"                                             // 1
      "\n"                                                                // 2
      "为深入贯彻党中央、国务院关\n"                                      // 3
      "\n"                                                                // 4
      "于推动大规模设备更新和消费品以\n"                                  // 5
      "\n"                                                                // 6
      "旧换新决策部署，认真落实省委、\n"                                  // 7
      "\n"                                                                // 8
      "省政府和市委、市政府推动大规模\n"                                  // 9
      "\n"                                                                // 10
      "设备更新和消费品以旧换新工作总\n"                                  // 11
      "\n"                                                                // 12
      "体安排，根据《山东省人民政府关\n"                                  // 13
      "\n"                                                                // 14
      "于印发山东省推动大规模设备更新\n"                                  // 15
      "\n"                                                                // 16
      "和消费品以旧换新实施方案的通\n"                                    // 17
      "\n"                                                                // 18
      "知》（鲁 政 发〔2024〕3 号）和\n"                                  // 19
      "\n"                                                                // 20
      "《枣庄市人民政府关于印发枣庄市\n"                                  // 21
      "\n"                                                                // 22
      "各镇人民政府、山城街道办事处，山亭经济开发区管委会，区政府各部\n"  // 23
      "\n"                                                                // 24
      "门单位，区直各企业： \n"                                           // 25
      "\n"                                                                // 26
      "现将《山亭区推动大规模设备更新和消费品以旧换新工作方案》印\n"      // 27
      "\n"                                                                // 28
      "发给你们，请结合实际，认真抓好贯彻落实。 \n"                       // 29
      "\n"                                                                // 30
      "山亭区人民政府          \n"                                        // 31
      "\n"                                                                // 32
      "2024年7月23日         \n"                                          // 33
      "\n"                                                                // 34
      "（此件公开发布） \n"                                               // 35
      " 推动大规模设备更新和消费品以\n"                                   // 36
      "\n"                                                                // 37
      "旧换新工作方案的通知》（枣政\n"                                    // 38
      "\n"                                                                // 39
      "发〔2024〕3 号），结 合 我 区 实\n"                                // 40
      "\n"                                                                // 41
      "际，制定本工作方案。 ";                                            // 42
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 7u) << dump(layout);
  const Block* b = layout.blocks.data();
  EXPECT_EQ(b[0].kind, BlockKind::kDocNumber);
  ASSERT_TRUE(b[0].number.has_value());
  EXPECT_EQ(b[0].number->text, "山政发〔2024〕4号");
  EXPECT_EQ(b[0].first, 1);

  EXPECT_EQ(b[1].text,
            "各镇人民政府、山城街道办事处，山亭经济开发区管委会，区政府各部门单位，区直各企业：");
  EXPECT_EQ(b[1].first, 23);
  EXPECT_EQ(b[1].last, 25);
  EXPECT_EQ(b[2].text,
            "现将《山亭区推动大规模设备更新和消费品以旧换新工作方案》印发给你们，请结合实际，认真"
            "抓好贯彻落实。");
  EXPECT_EQ(b[3].kind, BlockKind::kIssuer);
  EXPECT_EQ(b[3].text, "山亭区人民政府");
  EXPECT_EQ(b[4].kind, BlockKind::kDate);
  ASSERT_TRUE(b[4].date.has_value());
  EXPECT_EQ(*b[4].date, (Date{2024, 7, 23}));
  EXPECT_EQ(b[5].kind, BlockKind::kPublic);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(b[i].host_first, 3) << i;

  EXPECT_EQ(b[6].kind, BlockKind::kText);
  EXPECT_EQ(b[6].first, 3);
  EXPECT_EQ(b[6].last, 42);
  EXPECT_EQ(b[6].text,
            "为深入贯彻党中央、国务院关于推动大规模设备更新和消费品以旧换新决策部署，认真落实省"
            "委、省政府和市委、市政府推动大规模设备更新和消费品以旧换新工作总体安排，根据《山东省"
            "人民政府关于印发山东省推动大规模设备更新和消费品以旧换新实施方案的通知》（鲁政发〔20"
            "24〕3号）和《枣庄市人民政府关于印发枣庄市推动大规模设备更新和消费品以旧换新工作方案"
            "的通知》（枣政发〔2024〕3号），结合我区实际，制定本工作方案。");
}

TEST(Reflow, LoneDocNumberInsideASentenceIsLiftedOutWithAWarning) {
  const std::string text =
      "体安排，根据《山东省人民政府关\n"  // 1
      "\n"                                // 2
      "于印发山东省推动大规模设备更新\n"  // 3
      "\n"                                // 4
      "山政发〔2024〕4号\n"               // 5
      "\n"                                // 6
      "和消费品以旧换新实施方案的通\n"    // 7
      "\n"                                // 8
      "知》，制定本工作方案。";           // 9
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 2u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kDocNumber);
  ASSERT_TRUE(layout.blocks[0].number.has_value());
  EXPECT_EQ(layout.blocks[0].number->text, "山政发〔2024〕4号");
  EXPECT_EQ(layout.blocks[0].first, 5);
  EXPECT_EQ(layout.blocks[0].host_first, 1);

  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[1].text,
            "体安排，根据《山东省人民政府关于印发山东省推动大规模设备更新和消费品以旧换新实施方案"
            "的通知》，制定本工作方案。");
  EXPECT_EQ(layout.blocks[1].first, 1);
  EXPECT_EQ(layout.blocks[1].last, 9);

  bool warned = false;
  for (const Warning& w : layout.warnings) {
    if (w.message.find("document number found inside a sentence") != std::string::npos) {
      warned = true;
      EXPECT_EQ(w.line, 5);
    }
  }
  EXPECT_TRUE(warned);
}

TEST(Reflow, StandaloneStructuralLines) {
  const std::string text =
      "山亭区人民政府文件\n"                            // 1
      "\n"                                              // 2
      "山政发〔2024〕4号\n"                             // 3
      "\n"                                              // 4
      "各镇人民政府、街道办事处：\n"                    // 5
      "现将《工作方案》印发给你们，请认真贯彻落实。\n"  // 6
      "附件：山亭区推动大规模设备更新工作方案\n"        // 7
      "山亭区人民政府\n"                                // 8
      "2024年7月23日\n"                                 // 9
      "（此件公开发布）\n"                              // 10
      "抄送：区委各部门，区人大常委会办公室。\n"        // 11
      "山亭区人民政府办公室2024年7月23日印发\n"         // 12
      "【规范性文件】";                                 // 13
  struct Expect {
    int line;
    BlockKind kind;
  };
  const Expect expected[] = {
      {1, BlockKind::kAgencyMark}, {3, BlockKind::kDocNumber}, {6, BlockKind::kText},
      {7, BlockKind::kAttachment}, {8, BlockKind::kIssuer},    {9, BlockKind::kDate},
      {10, BlockKind::kPublic},    {11, BlockKind::kImprint},  {12, BlockKind::kImprint},
      {13, BlockKind::kContents},
  };
  Layout layout = run(text);
  for (const Expect& e : expected) {
    SCOPED_TRACE(e.line);
    const Block* found = nullptr;
    for (const Block& b : layout.blocks) {
      if (b.first == e.line) found = &b;
    }
    ASSERT_NE(found, nullptr) << dump(layout);
    EXPECT_EQ(found->kind, e.kind) << found->text;
    EXPECT_EQ(found->last, e.line) << found->text;
  }
  for (const Block& b : layout.blocks) {
    if (b.kind == BlockKind::kDocNumber) {
      ASSERT_TRUE(b.number.has_value());
      EXPECT_EQ(b.number->text, "山政发〔2024〕4号");
    }
    if (b.kind == BlockKind::kDate) {
      ASSERT_TRUE(b.date.has_value());
      EXPECT_EQ(*b.date, (Date{2024, 7, 23}));
    }
  }
}

TEST(Reflow, PageFurnitureIsDropped) {
  struct Case {
    std::string furniture;
  };
  const Case cases[] = {
      {"- 7 -"}, {"—7—"}, {"－ 7 －"}, {"7"}, {"山亭区人民政府公报 2021 年第 4 期"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.furniture);
    const std::string text =
        "为深入贯彻党中央、国务院关\n"
        "\n"
        "于推动大规模设备更新和消费品以\n"
        "\n" +
        c.furniture +
        "\n"
        "\n"
        "旧换新决策部署，认真落实省委、\n"
        "\n"
        "省政府和市委、市政府的部署。";
    Layout layout = run(text);
    ASSERT_EQ(layout.blocks.size(), 1u) << dump(layout);
    EXPECT_EQ(layout.blocks[0].text,
              "为深入贯彻党中央、国务院关于推动大规模设备更新和消费品以旧换新决策部署，认真落实"
              "省委、省政府和市委、市政府的部署。");
    EXPECT_EQ(layout.blocks[0].first, 1);
    EXPECT_EQ(layout.blocks[0].last, 9);
  }
}

TEST(Reflow, OneCellPerLineTable) {
  const std::string text =
      "\t序号\n"              // 1
      "\t任务\n"              // 2
      "\t牵头单位\n"          // 3
      "\n"                    // 4
      "\t1\n"                 // 5
      "\t优化审批\n"          // 6
      "\t区行政审批服务局\n"  // 7
      "\n"                    // 8
      "\t2\n"                 // 9
      "\t减税降费\n"          // 10
      "\t\n"                  // 11: merged with the cell above
      "\n"                    // 12
      "\t序号\n"              // 13: the header repeated on a new page
      "\t任务\n"              // 14
      "\t牵头单位\n"          // 15
      "\n"                    // 16
      "\t3\n"                 // 17
      "\t降低成本\n"          // 18
      "\t区发展改革局";       // 19
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 1u) << dump(layout);
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kTable);
  EXPECT_EQ(layout.blocks[0].table, 0);
  EXPECT_EQ(layout.blocks[0].first, 1);
  EXPECT_EQ(layout.blocks[0].last, 19);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.header, (std::vector<std::string>{"序号", "任务", "牵头单位"}));
  const std::vector<std::vector<std::string>> rows = {
      {"1", "优化审批", "区行政审批服务局"},
      {"2", "减税降费", "区行政审批服务局"},
      {"3", "降低成本", "区发展改革局"},
  };
  EXPECT_EQ(t.rows, rows);
  EXPECT_EQ(t.lines.start, 1);
  EXPECT_EQ(t.lines.end, 19);
}

TEST(Reflow, TabSeparatedRowTable) {
  const std::string text =
      "区政府重大行政决策事项目录如下。\n"           // 1
      "序号\t重大行政决策事项\t承办单位\n"           // 2
      "1\t《全区安全生产工作方案》\t区应急管理局\n"  // 3
      "2\t兰山区住宅电梯试点工作\t区市场监管局\n"    // 4
      "3\t《兰山区建筑垃圾管理工作实施方案》\t\n"    // 5: merged with the cell above
      "各单位要认真组织实施。";                      // 6
  Layout layout = run(text);
  ASSERT_EQ(layout.blocks.size(), 3u) << dump(layout);
  EXPECT_EQ(layout.blocks[0].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[1].kind, BlockKind::kTable);
  EXPECT_EQ(layout.blocks[1].first, 2);
  EXPECT_EQ(layout.blocks[1].last, 5);
  EXPECT_EQ(layout.blocks[2].kind, BlockKind::kText);
  EXPECT_EQ(layout.blocks[2].text, "各单位要认真组织实施。");
  ASSERT_EQ(layout.tables.size(), 1u);
  EXPECT_EQ(layout.blocks[1].table, 0);
  const Table& t = layout.tables[0];
  EXPECT_EQ(t.header, (std::vector<std::string>{"序号", "重大行政决策事项", "承办单位"}));
  const std::vector<std::vector<std::string>> rows = {
      {"1", "《全区安全生产工作方案》", "区应急管理局"},
      {"2", "兰山区住宅电梯试点工作", "区市场监管局"},
      {"3", "《兰山区建筑垃圾管理工作实施方案》", "区市场监管局"},
  };
  EXPECT_EQ(t.rows, rows);
  EXPECT_EQ(t.lines.start, 2);
  EXPECT_EQ(t.lines.end, 5);
}

TEST(Reflow, EmptyInput) {
  EXPECT_TRUE(run("").blocks.empty());
  EXPECT_TRUE(run("\n\n\n").blocks.empty());
}

}  // namespace
}  // namespace duban::detail
