// Tests of single-line classification (core/classify.h).
#include "core/classify.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "duban/rules.h"

namespace duban::detail {
namespace {

const Rules& rules() { return Rules::builtin(); }

TEST(MatchHeading, RanksAndLabels) {
  struct Case {
    std::string_view text;
    int rank;
    std::string_view label;
  };
  const Case cases[] = {
      {"第一编总则", 0, "第一编"},
      {"第一章总则", 1, "第一章"},
      {"第二节工作职责", 2, "第二节"},
      {"第十二条区财政局负责资金保障。", 3, "第十二条"},
      {"第一百零五条本办法自发布之日起施行。", 3, "第一百零五条"},
      {"一、总体要求", 4, "一、"},
      {"十二、保障措施", 4, "十二、"},
      {"（一）工作目标", 5, "（一）"},
      {"（十一）强化督导", 5, "（十一）"},
      {"(二)主要任务", 5, "(二)"},
      {"1.加强组织领导", 6, "1."},
      {"1．加强组织领导", 6, "1．"},
      {"1、加强组织领导", 6, "1、"},
      {"12.强化宣传引导", 6, "12."},
      {"（1）严格审核", 7, "（1）"},
      {"(2)严格审核", 7, "(2)"},
      {"（12）严格审核", 7, "（12）"},
      {"①建立台账", 8, "①"},
      {"⑩建立台账", 8, "⑩"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<HeadingLabel> h = match_heading(c.text);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->rank, c.rank);
    EXPECT_EQ(h->label, c.label);
    EXPECT_EQ(h->length, c.label.size());
    EXPECT_EQ(c.text.substr(0, h->length), c.label);
  }
}

TEST(MatchHeading, LengthIncludesSpacesAfterTheLabel) {
  struct Case {
    std::string_view text;
    std::string_view label;
    std::string_view rest;
  };
  const Case cases[] = {
      {"第一章 总则", "第一章", "总则"},
      {"第三条　本办法所称营商环境", "第三条", "本办法所称营商环境"},  // ideographic space
      {"一、 总体要求", "一、", "总体要求"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<HeadingLabel> h = match_heading(c.text);
    ASSERT_TRUE(h.has_value());
    EXPECT_EQ(h->label, c.label);
    EXPECT_EQ(c.text.substr(h->length), c.rest);
  }
}

TEST(MatchHeading, NotHeadings) {
  const std::string_view cases[] = {
      "2023年增长30%。",    "2023年增长", "1.5万元",
      "一是加强组织领导。", "一是",       "（牵头单位：区财政局）",
      "（此件公开发布）",   "（2024年）", "为深入贯彻落实党中央决策部署",
      "第一批试点单位名单", "",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(match_heading(text).has_value());
  }
}

TEST(MatchHeading, DecimalWithFullWidthPointIsNotAHeading) {
  // "１．５万元" normalizes to "1．5万元" (digits fold, the point is kept as printed): a
  // decimal number, like "1.5万元".
  EXPECT_FALSE(match_heading("1．5万元").has_value());
  EXPECT_FALSE(match_heading("2．0版").has_value());
}

TEST(IsPublicMarker, Forms) {
  EXPECT_TRUE(is_public_marker("（此件公开发布）"));
  EXPECT_TRUE(is_public_marker("(此件公开发布)"));
  EXPECT_TRUE(is_public_marker("（此件主动公开）"));
  EXPECT_TRUE(is_public_marker("此件主动公开"));
  EXPECT_FALSE(is_public_marker("各镇人民政府、街道办事处："));
  EXPECT_FALSE(is_public_marker("请将此件公开发布情况于3月1日前报区政府办公室。"));
  EXPECT_FALSE(is_public_marker(""));
}

TEST(IsAgencyMark, Forms) {
  EXPECT_TRUE(is_agency_mark("山亭区人民政府办公室文件", rules()));
  EXPECT_TRUE(is_agency_mark("山亭区人民政府文件", rules()));
  EXPECT_TRUE(is_agency_mark("临沂市兰山区人民政府文件", rules()));
  EXPECT_FALSE(is_agency_mark("文件", rules()));
  EXPECT_FALSE(is_agency_mark("关于转发省政府有关文件", rules()));
  EXPECT_FALSE(is_agency_mark("山亭区人民政府办公室", rules()));
  EXPECT_FALSE(is_agency_mark("", rules()));
}

TEST(IsImprint, CopiesAndPrintedBy) {
  struct Case {
    std::string_view text;
    bool imprint;
  };
  const Case cases[] = {
      {"抄送：市委有关部门。", true},
      {"抄送：区委各部门，区人大常委会办公室，区政协办公室。", true},
      // 版记 印发 line: issuing office followed by the date of printing and 印发.
      {"枣庄市人民政府办公室2021年6月7日印发", true},
      {"山亭区人民政府办公室2024年7月23日印发", true},
      {"关于印发《山亭区优化营商环境实施方案》的通知", false},
      {"现将《方案》印发给你们，请认真贯彻执行。", false},
      {"枣庄市人民政府办公室2021年6月7日印发的通知要求", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(is_imprint(c.text), c.imprint);
  }
}

TEST(IsAttachmentMarker, Forms) {
  struct Case {
    std::string_view text;
    bool marker;
  };
  const Case cases[] = {
      {"附件：1．表", true},
      {"附件：山亭区优化营商环境实施方案", true},
      {"附件1", true},
      {"附件2", true},
      {"附件", true},
      {"附件内容如下", false},
      {"附件所列事项由区财政局负责解释。", false},
      {"详见附件。", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(is_attachment_marker(c.text), c.marker);
  }
}

TEST(IsContentsEntry, EntriesAndSections) {
  struct Case {
    std::string_view text;
    bool entry;
  };
  const Case cases[] = {
      {"关于印发…的通知（山政发〔2021〕7号）……1", true},
      {"关于印发…的通知（临兰政发〔2021〕3号）1", true},
      {"关于印发山亭区优化营商环境实施方案的通知……38", true},
      {"【规范性文件】", true},
      {"[区政府文件]", true},
      {"关于印发《山亭区优化营商环境实施方案》的通知", false},
      {"根据《通知》（鲁政发〔2024〕3号）要求，制定本方案。", false},
      {"一、总体要求", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(is_contents_entry(c.text), c.entry);
  }
}

TEST(IsContentsEntry, WrappedBodyLineEndingInANumberIsNotAnEntry) {
  // Narrow PDF columns wrap anywhere: "…智能工厂（数字化车间）5" / "家以上。"
  EXPECT_FALSE(is_contents_entry("力争建成市级智能工厂（数字化车间）5"));
  EXPECT_FALSE(is_contents_entry("依据鲁政发〔2024〕3号文件，新增设备投资200"));
}

TEST(LooksLikeIssuer, ShortAgencyNames) {
  struct Case {
    std::string_view text;
    bool issuer;
  };
  const Case cases[] = {
      {"山亭区人民政府", true},
      {"山亭区政府", true},
      {"山亭区人民政府办公室", true},
      {"临沂市兰山区人民政府", true},
      {"区财政局", true},
      {"为深入贯彻落实", false},
      {"请各单位于3月1日前报区财政局。", false},
      {"一、总体要求", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(looks_like_issuer(c.text, rules()), c.issuer);
  }
}

TEST(LooksLikeRecipients, AgencyListsEndingInColon) {
  struct Case {
    std::string_view text;
    bool recipients;
  };
  const Case cases[] = {
      {"各镇人民政府、街道办事处，区政府各部门（单位），兰山商城管委会：", true},
      {"各镇人民政府、街道办事处：", true},
      {"各镇人民政府、街道办事处，区政府各部门：", true},
      {"职责主要包括：", false},
      {"各镇人民政府、街道办事处", false},  // no colon
      {"现将有关事项通知如下：", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(looks_like_recipients(c.text, rules()), c.recipients);
  }
}

TEST(LooksLikeRecipients, SentenceEndGluedToTheListIsNotRecipients) {
  const std::string_view cases[] = {
      "知》（鲁政发〔2024〕3号）和《枣庄市人民政府关于印发枣庄市各镇人民政府、山城街道办事处，"
      "山亭经济开发区管委会，区政府各部门单位，区直各企业：",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(looks_like_recipients(text, rules()));
  }
  // "于推动…以各镇人民政府、街道办事处：" reads like a list on its own: that a 主送 list
  // starts at a line whose first name is an agency is checked by reflow (reflow_test:
  // CoverLetterInsideASentenceIsLiftedOut), not by this one-paragraph judgement.
}

TEST(SplitAgencies, KeepsBracketsTogether) {
  struct Case {
    std::string_view text;
    std::vector<std::string> parts;
  };
  const Case cases[] = {
      {"各镇人民政府、街道办事处，区政府各部门（单位），兰山商城管委会",
       {"各镇人民政府", "街道办事处", "区政府各部门（单位）", "兰山商城管委会"}},
      {"各镇（街道、开发区）、区直各部门", {"各镇（街道、开发区）", "区直各部门"}},
      {"区财政局,区税务局;区人社局", {"区财政局", "区税务局", "区人社局"}},
      {"区财政局", {"区财政局"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(split_agencies(c.text), c.parts);
  }
}

TEST(EndsSentence, TerminalPunctuationAndNotes) {
  struct Case {
    std::string_view text;
    bool ends;
  };
  const Case cases[] = {
      {"。", true},
      {"；", true},
      {"推动高端化升级。", true},
      {"加快工业互联网建设和应用；", true},
      {"职责主要包括：", true},
      {"这项工作落实了吗？", true},
      {"坚决打赢这场硬仗！", true},
      {"（牵头单位：区财政局）", true},
      {"提升。（牵头单位：区工业和信息化局）", true},
      {"（牵头单位：区工业和信息化局、区发展和改革局，责任单位：区生态环境分局）", true},
      {"推动高端化", false},
      {"围绕建材、轻工、机械等重点产业，", false},
      {"轻工、", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(ends_sentence(c.text), c.ends);
  }
}

TEST(EndsSentence, NoteWithNestedBrackets) {
  // samples/shanting-gazette-2021-04.txt line 511: a closing note whose last item has its own
  // brackets (各镇（街）政府（办事处）).
  EXPECT_TRUE(ends_sentence(
      "（牵头部门：区审批服务局；责任部门：区直相关部门、各镇（街）政府（办事处））"));
  EXPECT_TRUE(
      ends_sentence("推动服务入口在基层拓展延伸。（牵头部门：区审批服务局；责任部门："
                    "区直相关部门、各镇（街）政府（办事处））"));
  // A bracket that closes without a note does not end a sentence.
  EXPECT_FALSE(ends_sentence("加快推进智能工厂（数字化车间）"));
}

TEST(StripIssuerPrefix, RemovesTheLeadingAgency) {
  struct Case {
    std::string_view title;
    std::string_view stripped;
    std::string_view issuer;
  };
  const Case cases[] = {
      {"临沂市兰山区人民政府关于印发《规定》的通知", "关于印发《规定》的通知",
       "临沂市兰山区人民政府"},
      {"山亭区人民政府办公室关于印发山亭区优化营商环境实施方案的通知",
       "关于印发山亭区优化营商环境实施方案的通知", "山亭区人民政府办公室"},
      {"关于印发《规定》的通知", "关于印发《规定》的通知", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.title));
    std::string issuer;
    EXPECT_EQ(strip_issuer_prefix(c.title, rules(), &issuer), c.stripped);
    EXPECT_EQ(issuer, c.issuer);
  }
}

TEST(EndsWithDocKind, LongestEndingNamesTheKind) {
  struct Case {
    std::string_view title;
    std::string_view kind;  // empty: not a titled 公文
  };
  const Case cases[] = {
      {"关于印发《山亭区优化营商环境实施方案》的通知", "通知"},
      {"关于加快推进设备更新的实施意见", "意见"},
      {"山亭区促进就业实施细则", "细则"},
      {"山亭区优化营商环境实施方案", "方案"},
      {"为深入贯彻落实", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.title));
    std::string kind;
    bool ok = ends_with_doc_kind(c.title, rules(), &kind);
    EXPECT_EQ(ok, !c.kind.empty());
    if (ok) {
      EXPECT_EQ(kind, c.kind);
    }
  }
}

TEST(PageFurniture, PageNumbersAndRunningHeaders) {
  PageFurniture furniture(rules());
  struct Case {
    std::string_view text;
    bool furniture;
  };
  const Case cases[] = {
      {"-7-", true},
      {"—12—", true},
      {"－3－", true},
      {"7", true},
      {"第3页", true},
      {"第3页共10页", true},
      {"兰山区人民政府公报2021.4", true},
      {"山亭区人民政府公报2021年第4期", true},
      {"一、总体要求", false},
      {"2021年6月7日", false},
      {"为深入贯彻落实党中央决策部署", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    EXPECT_EQ(furniture.matches(c.text), c.furniture);
  }
}

}  // namespace
}  // namespace duban::detail
