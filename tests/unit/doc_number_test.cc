// Tests of 发文字号 parsing and search (core/doc_number.h).
#include "core/doc_number.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::detail {
namespace {

TEST(ParseDocNumber, BracketStylesNormalizeToLenticular) {
  struct Case {
    std::string_view text;
    std::string_view normalized;
    std::string_view agency;
    int year;
    int serial;
  };
  const Case cases[] = {
      {"临兰政发〔2021〕3号", "临兰政发〔2021〕3号", "临兰政发", 2021, 3},
      {"鲁政发[2024]3号", "鲁政发〔2024〕3号", "鲁政发", 2024, 3},
      {"国办发（2019）12号", "国办发〔2019〕12号", "国办发", 2019, 12},
      {"国办发(2019)12号", "国办发〔2019〕12号", "国办发", 2019, 12},
      {"鲁政办字„2019‟5号", "鲁政办字〔2019〕5号", "鲁政办字", 2019, 5},
      {"周政办字［2024］9号", "周政办字〔2024〕9号", "周政办字", 2024, 9},
      {"枣政发【2024】3号", "枣政发〔2024〕3号", "枣政发", 2024, 3},
      {"枣政发﹝2024﹞3号", "枣政发〔2024〕3号", "枣政发", 2024, 3},
      {"山政发〔2024〕第4号", "山政发〔2024〕4号", "山政发", 2024, 4},  // 第 dropped
      {"临兰政办字〔2021〕58号", "临兰政办字〔2021〕58号", "临兰政办字", 2021, 58},
      {"山政办发〔2021〕107号", "山政办发〔2021〕107号", "山政办发", 2021, 107},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text));
    std::optional<DocNumber> n = parse_doc_number(c.text);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->text, c.normalized);
    EXPECT_EQ(n->agency, c.agency);
    EXPECT_EQ(n->year, c.year);
    EXPECT_EQ(n->serial, c.serial);
  }
}

TEST(ParseDocNumber, Rejects) {
  const std::string_view cases[] = {
      "2024年3号",              // a date-like phrase, no brackets or agency
      "〔2024〕3号",            // no 机关代字
      "鲁政发〔2024〕号",       // no serial
      "鲁政发〔2024〕3",        // no 号
      "鲁政发2024年3号",        // no brackets
      "鲁政发〔2024〕3号文件",  // more text after the number
      "",
  };
  for (std::string_view text : cases) {
    SCOPED_TRACE(std::string(text));
    EXPECT_FALSE(parse_doc_number(text).has_value());
  }
}

TEST(FindDocNumbers, TwoInParenthesesWithOffsets) {
  const std::string text = "根据《…通知》（鲁政发〔2024〕3号）和（枣政发〔2024〕3号）";
  std::vector<DocNumberMatch> found = find_doc_numbers(text);
  ASSERT_EQ(found.size(), 2u);

  EXPECT_EQ(found[0].number.text, "鲁政发〔2024〕3号");
  EXPECT_EQ(found[0].number.agency, "鲁政发");
  EXPECT_EQ(found[0].number.year, 2024);
  EXPECT_EQ(found[0].number.serial, 3);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "鲁政发〔2024〕3号");
  EXPECT_EQ(found[0].begin, text.find("鲁政发"));

  EXPECT_EQ(found[1].number.text, "枣政发〔2024〕3号");
  EXPECT_EQ(found[1].number.agency, "枣政发");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "枣政发〔2024〕3号");
  EXPECT_EQ(found[1].begin, text.find("枣政发"));
}

TEST(FindDocNumbers, OtherBracketsInRunningTextAreNormalized) {
  const std::string text = "按照《通知》(国办发(2019)12号)和（鲁政办字„2019‟5号）文件精神";
  std::vector<DocNumberMatch> found = find_doc_numbers(text);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].number.text, "国办发〔2019〕12号");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "国办发(2019)12号");
  EXPECT_EQ(found[1].number.text, "鲁政办字〔2019〕5号");
  EXPECT_EQ(found[1].number.serial, 5);
  EXPECT_EQ(text.substr(found[1].end), "）文件精神");
}

TEST(FindDocNumbers, ContentsEntry) {
  const std::string text = "关于印发…的通知（临兰政发〔2021〕3号）……1";
  std::vector<DocNumberMatch> found = find_doc_numbers(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].number.text, "临兰政发〔2021〕3号");
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin), "临兰政发〔2021〕3号");
}

// In running text the pattern's run of Han characters takes the words before the 机关代字;
// they are not part of it, and the match starts at the agency.
TEST(FindDocNumbers, LeadInWordsAreNotPartOfTheAgency) {
  const std::string text =
      "根据鲁政发〔2021〕5号和按照文件精神及国办发〔2019〕12号要求，落实鲁政字〔2020〕8号";
  std::vector<DocNumberMatch> found = find_doc_numbers(text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].number.agency, "鲁政发");
  EXPECT_EQ(found[0].number.text, "鲁政发〔2021〕5号");
  EXPECT_EQ(found[0].begin, text.find("鲁政发"));
  // 和按照文件精神及 is five lead-in words in a row.
  EXPECT_EQ(found[1].number.agency, "国办发");
  EXPECT_EQ(text.substr(found[1].begin, found[1].end - found[1].begin), "国办发〔2019〕12号");
  EXPECT_EQ(found[2].number.agency, "鲁政字");
  // A lead-in word is kept when cutting it would leave fewer than two characters.
  std::vector<DocNumberMatch> short_one = find_doc_numbers("见和发〔2021〕5号");
  ASSERT_EQ(short_one.size(), 1u);
  EXPECT_EQ(short_one[0].number.agency, "和发");
}

TEST(FindDocNumbers, None) {
  EXPECT_TRUE(find_doc_numbers("").empty());
  EXPECT_TRUE(find_doc_numbers("到2024年3号楼完工，〔2024〕3号").empty());
  EXPECT_TRUE(find_doc_numbers("为深入贯彻落实党中央决策部署").empty());
}

}  // namespace
}  // namespace duban::detail
