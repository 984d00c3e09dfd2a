// The four corpus files, parsed whole, against expectations written by reading them
// (tests/cases/corpus_expected.json). Each document is checked field by field so that a
// failure names the file, the document and the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "duban/parse.h"

namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const json& expectations() {
  static const json j =
      json::parse(read_file(std::string(DUBAN_TEST_CASES_DIR) + "/corpus_expected.json"));
  return j;
}

std::string opt(const std::optional<std::string>& s) { return s ? *s : "(null)"; }
std::string str_or_null(const json& j) { return j.is_null() ? "(null)" : j.get<std::string>(); }

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, EveryDocumentFoundWithItsElements) {
  const std::string name = GetParam();
  const json& expected = expectations().at(name);
  std::string text = read_file(std::string(DUBAN_SAMPLES_DIR) + "/" + name);
  ASSERT_FALSE(text.empty());
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  ASSERT_EQ(r.documents.size(), expected.size()) << name;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const json& e = expected[i];
    const duban::Document& d = r.documents[i];
    SCOPED_TRACE(name + " document " + std::to_string(i + 1) + " " + str_or_null(e["doc_number"]));
    EXPECT_EQ(d.doc_number ? d.doc_number->text : "(null)", str_or_null(e["doc_number"]));
    if (d.doc_number && !e["doc_number"].is_null()) {
      EXPECT_EQ(d.doc_number->agency, e["agency"].get<std::string>());
      EXPECT_EQ(d.doc_number->year, e["year"].get<int>());
      EXPECT_EQ(d.doc_number->serial, e["serial"].get<int>());
    }
    EXPECT_EQ(opt(d.issuer), str_or_null(e["issuer"]));
    EXPECT_EQ(opt(d.title), str_or_null(e["title"]));
    EXPECT_EQ(opt(d.kind), str_or_null(e["kind"]));
    EXPECT_EQ(d.date ? d.date->iso() : "(null)", str_or_null(e["date"]));
    EXPECT_EQ(d.is_public, e["public"].get<bool>());
    EXPECT_EQ(d.lines.start, e["lines"]["start"].get<int>());
    EXPECT_EQ(d.lines.end, e["lines"]["end"].get<int>());
    EXPECT_EQ(d.recipients.size(), e["recipients_count"].get<std::size_t>());
    if (!d.recipients.empty()) {
      EXPECT_EQ(d.recipients.front(), e["recipients_first"].get<std::string>());
    }
    EXPECT_EQ(d.attachments, e["attachments"].get<std::vector<std::string>>());
    EXPECT_EQ(opt(d.forwarded_by), str_or_null(e["forwarded_by"]));
    if (e["effective"].is_null()) {
      EXPECT_FALSE(d.effective.has_value());
    } else {
      ASSERT_TRUE(d.effective.has_value());
      EXPECT_EQ(d.effective->from ? d.effective->from->iso() : "(null)",
                str_or_null(e["effective"]["from"]));
      EXPECT_EQ(d.effective->until ? d.effective->until->iso() : "(null)",
                str_or_null(e["effective"]["until"]));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, CorpusTest,
                         ::testing::Values("shanting-2024-equipment-renewal-etc.txt",
                                           "zhoucun-2024-coops-disclosure-tasklist.txt",
                                           "lanshan-gazette-2021-04.txt",
                                           "shanting-gazette-2021-04.txt"),
                         [](const auto& info) {
                           std::string n = info.param.substr(0, info.param.find('-'));
                           return n + std::to_string(info.index);
                         });

}  // namespace

// The notice that forwards the city's document cites it by title and 文号, and the citation
// points at that document, which is in the same gazette.
TEST(CorpusCitations, ForwardedDocumentIsLinked) {
  std::string text = read_file(std::string(DUBAN_SAMPLES_DIR) + "/shanting-gazette-2021-04.txt");
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin());
  auto notice = std::find_if(r.documents.begin(), r.documents.end(), [](const duban::Document& d) {
    return d.doc_number && d.doc_number->text == "山政办字〔2021〕16号";
  });
  ASSERT_NE(notice, r.documents.end());
  auto cited = std::find_if(notice->citations.begin(), notice->citations.end(),
                            [](const duban::Citation& c) { return c.document.has_value(); });
  ASSERT_NE(cited, notice->citations.end());
  EXPECT_EQ(cited->doc_number.value_or(""), "枣政办字〔2021〕22号");
  EXPECT_EQ(cited->title.value_or(""),
            "枣庄市人民政府办公室印发关于进一步优化全市政务服务便民热线实施方案的通知");
  EXPECT_EQ(*cited->document, "枣政办字〔2021〕22号");
}
