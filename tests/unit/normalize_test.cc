// Tests of line normalization (core/normalize.h).
#include "core/normalize.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "duban/rules.h"

namespace duban::detail {
namespace {

const Rules& rules() { return Rules::builtin(); }

TEST(NormalizeText, Cases) {
  struct Case {
    std::string_view raw;
    std::string_view normalized;
  };
  const Case cases[] = {
      // Layout spaces inside words and numbers are removed.
      {"鲁 政 发〔2024〕3 号", "鲁政发〔2024〕3号"},
      {"到 2027 年", "到2027年"},
      {"到2027年，力争 完成", "到2027年，力争完成"},
      {"2025 年", "2025年"},
      {"数控化率分别超过 80%、", "数控化率分别超过80%、"},
      {"山亭区人民政府　关于印发", "山亭区人民政府关于印发"},  // ideographic space
      // A space between two ASCII letters or digits separates words and is kept.
      {"Word Word", "Word Word"},
      {"PM 2.5", "PM 2.5"},
      {"III 类水体", "III类水体"},
      // Leading and trailing layout spaces are trimmed.
      {"   一、总体要求  ", "一、总体要求"},
      {"　　为深入贯彻落实", "为深入贯彻落实"},
      // Full-width digits and Latin letters are folded; punctuation is kept as printed.
      {"７．", "7．"},
      {"２０２４年７月２３日", "2024年7月23日"},
      {"ＡＢＣ１２３", "ABC123"},
      {"（一）工作目标：", "（一）工作目标："},
      {"《规定》，", "《规定》，"},
      // Glyph confusions of PDF extraction.
      {"臵", "置"},
      {"设臵合理", "设置合理"},
      // Markdown and HTML residue.
      {"**重点任务**", "重点任务"},
      {"<p>为深入贯彻落实", "为深入贯彻落实"},
      {"- 一、总体要求", "一、总体要求"},
      {"", ""},
      {"   ", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.raw));
    EXPECT_EQ(normalize_text(c.raw, rules()), c.normalized);
  }
}

// A web copy's line can be one long run of markup; removing it must stay linear (an in-place
// replace moved the tail for every tag: 10^11 byte moves for this line).
TEST(NormalizeText, LongLineOfMarkup) {
  std::string line;
  for (int i = 0; i < 400000; ++i) line += "<p>政</p><br>";
  const std::string out = normalize_text(line, rules());
  ASSERT_EQ(out.size(), std::string_view("政").size() * 400000);
  EXPECT_EQ(out.substr(0, 6), "政政");
}

TEST(NormalizeLines, LineNumbersAndKinds) {
  const std::string text =
      "第一行\n"                    // 10
      "第二行\r\n"                  // 11: CR dropped
      "\n"                          // 12: blank
      "\t单元\n"                    // 13: one cell
      "\t\n"                        // 14: an empty cell
      "甲\t乙\t丙\n"                // 15: a row
      "  缩进行\n"                  // 16: indented
      "鲁 政 发\t2024 年\t\t３号";  // 17: a row with normalized and empty cells
  std::vector<Line> lines = normalize_lines(text, rules(), 10);
  ASSERT_EQ(lines.size(), 8u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i].no, static_cast<int>(10 + i)) << i;
  }

  EXPECT_EQ(lines[0].text, "第一行");
  EXPECT_FALSE(lines[0].blank());
  EXPECT_FALSE(lines[0].indented);
  EXPECT_FALSE(lines[0].cell);
  EXPECT_FALSE(lines[0].row);
  EXPECT_EQ(lines[0].raw_width, 6);

  EXPECT_EQ(lines[1].text, "第二行");
  EXPECT_EQ(lines[1].raw_width, 6);

  EXPECT_TRUE(lines[2].blank());
  EXPECT_TRUE(lines[2].text.empty());

  EXPECT_TRUE(lines[3].cell);
  EXPECT_FALSE(lines[3].row);
  EXPECT_EQ(lines[3].text, "单元");
  EXPECT_FALSE(lines[3].blank());

  EXPECT_TRUE(lines[4].cell);
  EXPECT_TRUE(lines[4].text.empty());
  EXPECT_FALSE(lines[4].blank());  // an empty cell is not a blank line

  EXPECT_TRUE(lines[5].row);
  EXPECT_FALSE(lines[5].cell);
  EXPECT_EQ(lines[5].cells, (std::vector<std::string>{"甲", "乙", "丙"}));
  EXPECT_FALSE(lines[5].blank());

  EXPECT_TRUE(lines[6].indented);
  EXPECT_EQ(lines[6].text, "缩进行");

  EXPECT_TRUE(lines[7].row);
  EXPECT_EQ(lines[7].cells, (std::vector<std::string>{"鲁政发", "2024年", "", "3号"}));
}

TEST(NormalizeLines, RawWidthIgnoresTrailingSpaces) {
  std::vector<Line> lines = normalize_lines("领域设备投资规模较2023年增长   \nab", rules(), 1);
  ASSERT_EQ(lines.size(), 2u);
  // 12 Han (24 cells) + 4 digits (4 cells); the trailing spaces do not count.
  EXPECT_EQ(lines[0].raw_width, 28);
  EXPECT_EQ(lines[0].text, "领域设备投资规模较2023年增长");
  EXPECT_EQ(lines[1].raw_width, 2);
  EXPECT_EQ(lines[1].no, 2);
}

TEST(NormalizeLines, RawWidthIsTheContentWithoutEdgeSpaces) {
  // Indentation is recorded as `indented`, not as width: the width compares the text of
  // wrapped lines.
  std::vector<Line> lines = normalize_lines("  缩进行  ", rules(), 1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].indented);
  EXPECT_EQ(lines[0].raw_width, 6);
}

TEST(NormalizeLines, GlyphFixesAndSpacesApplyPerLine) {
  std::vector<Line> lines = normalize_lines("设 臵\r\n鲁 政 发〔2024〕3 号", rules(), 1);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, "设置");
  EXPECT_EQ(lines[1].text, "鲁政发〔2024〕3号");
}

TEST(NormalizeLines, CustomRules) {
  Rules custom = Rules::builtin();
  custom.glyph_fixes.push_back({"甴", "由"});
  std::vector<Line> lines = normalize_lines("甴区财政局负责", custom, 1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].text, "由区财政局负责");
}

}  // namespace
}  // namespace duban::detail
