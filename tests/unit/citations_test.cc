// Tests of cited documents (core/citations.h).
#include "core/citations.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::detail {
namespace {

struct Want {
  std::string_view title;       // "" for none
  std::string_view doc_number;  // "" for none
};

void check(std::string_view text, const std::vector<Want>& want) {
  SCOPED_TRACE(std::string(text));
  std::vector<Citation> got = find_citations(text);
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    SCOPED_TRACE(k);
    EXPECT_EQ(got[k].title.value_or(""), want[k].title);
    EXPECT_EQ(got[k].doc_number.value_or(""), want[k].doc_number);
    if (want[k].title.empty()) {
      EXPECT_FALSE(got[k].title.has_value());
    }
    if (want[k].doc_number.empty()) {
      EXPECT_FALSE(got[k].doc_number.has_value());
    }
  }
}

TEST(FindCitations, TitleWithDocNumber) {
  check(
      "根据《山东省人民政府关于印发山东省推动大规模设备更新和消费品以旧换新实施方案的通知》（鲁政发"
      "〔2024〕3号）要求",
      {{"山东省人民政府关于印发山东省推动大规模设备更新和消费品以旧换新实施方案的通知",
        "鲁政发〔2024〕3号"}});
  // Other bracket styles are normalized; ASCII parentheses around the number too.
  check("《关于加快发展的意见》(鲁政发[2024]3号)", {{"关于加快发展的意见", "鲁政发〔2024〕3号"}});
  check("《关于加快发展的意见》（国办发〔2019〕第12号）",
        {{"关于加快发展的意见", "国办发〔2019〕12号"}});
  // A number after a title that does not end in a 文种 still makes it a citation.
  check("《兰山区十四五时期重点工作安排》（临兰政发〔2021〕5号）",
        {{"兰山区十四五时期重点工作安排", "临兰政发〔2021〕5号"}});
}

TEST(FindCitations, TitleAloneWhenItNamesADocument) {
  check("按照《中华人民共和国预算法》和《政府投资条例》规定",
        {{"中华人民共和国预算法", ""}, {"政府投资条例", ""}});
  check("落实《兰山区政府投资项目管理办法（试行）》", {{"兰山区政府投资项目管理办法（试行）", ""}});
  check("《临沂市国土空间总体规划》《兰山区乡村振兴实施方案》",  // adjacent: two
        {{"临沂市国土空间总体规划", ""}, {"兰山区乡村振兴实施方案", ""}});
  check("《关于进一步优化营商环境的实施意见》", {{"关于进一步优化营商环境的实施意见", ""}});
  check("《党政机关公文处理工作条例》", {{"党政机关公文处理工作条例", ""}});
  check("《中华人民共和国民法典》", {{"中华人民共和国民法典", ""}});
  check("《国民经济和社会发展第十四个五年规划和2035年远景目标纲要》",
        {{"国民经济和社会发展第十四个五年规划和2035年远景目标纲要", ""}});
}

TEST(FindCitations, BooksAndAbbreviationsAreNot) {
  check("学习《习近平谈治国理政》和《人民日报》社论", {});
  check("阅读《民法学方法》", {});
  check("《兰山区“十四五”规划纲要》（以下简称《纲要》）。《纲要》坚持…",
        {{"兰山区“十四五”规划纲要", ""}});
  check("《》", {});
}

TEST(FindCitations, BareDocNumbers) {
  check("（临兰政发〔2021〕1号）", {{"", "临兰政发〔2021〕1号"}});
  check("根据鲁政发[2024]3号文件和国办发(2019)12号文件",
        {{"", "鲁政发〔2024〕3号"}, {"", "国办发〔2019〕12号"}});
  // A number inside a title belongs to the title.
  check("《关于落实鲁政发〔2024〕3号文件的通知》", {{"关于落实鲁政发〔2024〕3号文件的通知", ""}});
}

TEST(FindCitations, Deduplicated) {
  check("《A实施方案》（鲁政发〔2024〕3号）……《A实施方案》（鲁政发〔2024〕3号）",
        {{"A实施方案", "鲁政发〔2024〕3号"}});
  // A later mention fills in what an earlier one lacked.
  check("《A实施方案》……《A实施方案》（鲁政发〔2024〕3号）", {{"A实施方案", "鲁政发〔2024〕3号"}});
  check("鲁政发〔2024〕3号……《A实施方案》（鲁政发〔2024〕3号）……《A实施方案》",
        {{"A实施方案", "鲁政发〔2024〕3号"}});
  // The same title under two numbers: two documents.
  check(
      "《年度工作要点的通知》（临兰政办发〔2021〕1号）《年度工作要点的通知》（临兰政办发〔2022〕1号"
      "）",
      {{"年度工作要点的通知", "临兰政办发〔2021〕1号"},
       {"年度工作要点的通知", "临兰政办发〔2022〕1号"}});
}

TEST(FindCitations, NestedAndUnbalanced) {
  check("《关于转发〈山东省企业国有资产监督管理办法〉的通知》",
        {{"关于转发〈山东省企业国有资产监督管理办法〉的通知", ""}});
  check("《关于转发《山东省企业国有资产监督管理办法》的通知》",
        {{"关于转发《山东省企业国有资产监督管理办法》的通知", ""}});
  // A 《 that never closes on its line: the complete titles after it still count.
  check("《关于开展检查的通知\n依据《A管理办法》", {{"A管理办法", ""}});
  check("《关于《A管理办法》", {{"A管理办法", ""}});
  check("》》》《《《", {});
  check("《A办法》》》", {{"A办法", ""}});
}

TEST(FindCitations, LinesAndOffsets) {
  std::string_view text = "第一行\n依据《A管理办法》\n鲁政发〔2024〕3号";
  std::vector<CitationMatch> got = find_citation_matches(text, Rules::builtin());
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].citation.line, 2);
  EXPECT_EQ(text.substr(got[0].begin, got[0].end - got[0].begin), "《A管理办法》");
  EXPECT_EQ(got[1].citation.line, 3);
  EXPECT_EQ(text.substr(got[1].begin, got[1].end - got[1].begin), "鲁政发〔2024〕3号");
  std::string_view pair = "见《B方案》（鲁政发〔2024〕3号）。";
  got = find_citation_matches(pair, Rules::builtin());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(pair.substr(got[0].begin, got[0].end - got[0].begin), "《B方案》（鲁政发〔2024〕3号）");
}

TEST(FindCitations, NamesDocument) {
  const Rules& rules = Rules::builtin();
  for (std::string_view t : {"关于印发某某的通知", "某某实施细则", "某某暂行办法", "某某法",
                             "某某条例（2023年修订）", "某某规定(试行)", "某某决定", "某某意见"})
    EXPECT_TRUE(names_document(t, rules)) << t;
  for (std::string_view t : {"人民日报", "学习方法", "平凡的世界", "", "（试行）"})
    EXPECT_FALSE(names_document(t, rules)) << t;
}

TEST(FindCitations, HostileInputIsSafe) {
  std::vector<std::string> inputs;
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 500000; ++i) s += "《";
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 300000; ++i) s += "《A办法》";
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 200000; ++i) s += "《A《B》";
    return s;
  }());
  inputs.push_back([] {
    std::string s;
    for (int i = 0; i < 1000000; ++i) s += static_cast<char>(0x80 + (i * 13) % 0x7F);
    return s;
  }());
  inputs.push_back("《A办法\xE3\x80");  // truncated 》
  for (const std::string& s : inputs) {
    std::vector<CitationMatch> got = find_citation_matches(s, Rules::builtin());
    for (const CitationMatch& m : got) {
      ASSERT_LE(m.begin, m.end);
      ASSERT_LE(m.end, s.size());
    }
  }
  EXPECT_EQ(find_citations(inputs[1]).size(), 1u);  // deduplicated
}

}  // namespace
}  // namespace duban::detail
