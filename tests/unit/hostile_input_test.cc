// Bad or adversarial text gets a result, never a crash or runaway recursion: a 10 MB line,
// unbalanced brackets, 10,000 nested headings, a flood of duty labels. Timing is measured
// by the benchmarks, not here; these check that parsing finishes with sane structures.
#include <gtest/gtest.h>

#include <string>

#include "duban/parse.h"

namespace {

std::size_t depth(const std::vector<duban::OutlineNode>& nodes) {
  std::size_t d = 0;
  for (const auto& n : nodes) d = std::max(d, 1 + depth(n.children));
  return d;
}

const char kHead[] =
    "临沂市兰山区人民政府办公室\n关于印发测试方案的通知\n临兰政办字〔2021〕9号\n"
    "各镇人民政府、街道办事处：\n现将《测试方案》印发给你们，请认真贯彻执行。\n"
    "临沂市兰山区人民政府办公室\n2021年12月1日\n（此件公开发布）\n";

TEST(HostileInput, TenMegabyteLine) {
  std::string text = kHead;
  std::string line;
  while (line.size() < (10u << 20)) line += "推进（牵头单位：区财政局；责任单位：区商务局）工作，";
  text += "一、" + line + "\n";
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].doc_number->text, "临兰政办字〔2021〕9号");
  ASSERT_FALSE(r.documents[0].tasks.empty());
  EXPECT_EQ(r.documents[0].tasks[0].lead_units, std::vector<std::string>{"区财政局"});
}

TEST(HostileInput, UnbalancedBrackets) {
  std::string text = kHead;
  for (int i = 0; i < 20000; ++i) text += "（（（《《“区财政局负责（\n";
  for (int i = 0; i < 20000; ++i) text += "））》》”」】\n";
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_EQ(r.documents[0].issuer.value_or(""), "临沂市兰山区人民政府办公室");
}

TEST(HostileInput, TenThousandNestedHeadings) {
  std::string text = kHead;
  const char* labels[] = {"第一章 总则", "第一节 一般规定", "第一条 内容。", "一、任务",
                          "（一）事项",  "1．要求",         "（1）细则",     "①条目"};
  for (int i = 0; i < 10000; ++i) text += std::string(labels[i % 8]) + "（责任单位：区财政局）\n";
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  ASSERT_EQ(r.documents.size(), 1u);
  EXPECT_LE(depth(r.documents[0].outline), 9u);  // nine heading ranks at most
  EXPECT_EQ(r.documents[0].tasks.size(), 10000u);
}

// Lists that once took a pass over the list for each note, mark or 和 in it (minutes for a
// megabyte): 40,000 "（牵头）" notes, 300,000 ★ marks, 300,000 和, many bare notes.
TEST(HostileInput, FloodsOfNotesMarksAndConjunctions) {
  auto item = [](const std::string& body) {
    std::string text = kHead;
    text += "一、任务\n（一）推进。" + body + "\n";
    duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
    EXPECT_EQ(r.documents.size(), 1u);
    return r.documents.empty() ? duban::Document{} : r.documents[0];
  };
  std::string notes = "（责任单位：";
  for (int i = 0; i < 40000; ++i) notes += "区财政局（牵头）、";
  duban::Document d = item(notes + "）");
  ASSERT_EQ(d.tasks.size(), 1u);
  EXPECT_EQ(d.tasks[0].lead_units, std::vector<std::string>{"区财政局"});
  std::string stars = "（责任单位：";
  for (int i = 0; i < 300000; ++i) stars += "★";
  EXPECT_TRUE(item(stars + "区商务局）").tasks.size() <= 1u);
  std::string ands = "（责任单位：";
  for (int i = 0; i < 300000; ++i) ands += "和";
  EXPECT_TRUE(item(ands + "）").tasks.empty());
  std::string bare;
  for (int i = 0; i < 100000; ++i) bare += "（区财政局）。";
  d = item(bare);
  ASSERT_EQ(d.tasks.size(), 1u);
  EXPECT_EQ(d.tasks[0].units, std::vector<std::string>{"区财政局"});
}

TEST(HostileInput, BinaryNoiseAndInvalidUtf8) {
  std::string text = kHead;
  for (int i = 0; i < 100000; ++i) text += static_cast<char>((i * 131) % 256);
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  EXPECT_GE(r.documents.size(), 1u);
}

}  // namespace
