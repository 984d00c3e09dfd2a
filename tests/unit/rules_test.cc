// Tests of the rule data: the builtin rules and Rules::from_sources (duban/rules.h).
#include "duban/rules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace duban {
namespace {

std::size_t index_of(const std::vector<std::pair<std::string, std::string>>& kinds,
                     const std::string& ending) {
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    if (kinds[i].first == ending) return i;
  }
  return kinds.size();
}

std::string message_of(const std::vector<RuleSource>& sources) {
  try {
    Rules::from_sources(sources);
  } catch (const RuleError& e) {
    return e.what();
  }
  return "no RuleError";
}

TEST(Rules, BuiltinLoads) {
  const Rules& rules = Rules::builtin();
  EXPECT_FALSE(rules.doc_kinds.empty());
  EXPECT_FALSE(rules.issuer_suffixes.empty());
  EXPECT_FALSE(rules.page_furniture.empty());
  EXPECT_NE(std::find(rules.glyph_fixes.begin(), rules.glyph_fixes.end(),
                      std::pair<std::string, std::string>{"臵", "置"}),
            rules.glyph_fixes.end());
  EXPECT_NE(std::find(rules.issuer_suffixes.begin(), rules.issuer_suffixes.end(), "人民政府"),
            rules.issuer_suffixes.end());
  // Comments are not rules.
  for (const auto& [ending, kind] : rules.doc_kinds) {
    EXPECT_FALSE(ending.empty());
    EXPECT_NE(ending[0], '#');
    EXPECT_FALSE(kind.empty());
  }
  for (const std::string& s : rules.issuer_suffixes) {
    EXPECT_FALSE(s.empty());
    EXPECT_NE(s[0], '#');
  }
  for (const std::string& p : rules.page_furniture) {
    EXPECT_FALSE(p.empty());
    EXPECT_NE(p[0], '#');
  }
  // The same object every time.
  EXPECT_EQ(&Rules::builtin(), &rules);
}

TEST(Rules, DocKindsLongestFirst) {
  const Rules& rules = Rules::builtin();
  const auto& kinds = rules.doc_kinds;
  EXPECT_LT(index_of(kinds, "实施意见"), index_of(kinds, "意见"));
  EXPECT_LT(index_of(kinds, "实施意见"), kinds.size());
  EXPECT_LT(index_of(kinds, "实施方案"), index_of(kinds, "方案"));
  EXPECT_LT(index_of(kinds, "会议纪要"), index_of(kinds, "纪要"));
  EXPECT_LT(index_of(kinds, "复函"), index_of(kinds, "函"));
  EXPECT_EQ(kinds[index_of(kinds, "实施意见")].second, "意见");
  for (std::size_t i = 1; i < kinds.size(); ++i) {
    EXPECT_GE(detail::cp_count(kinds[i - 1].first), detail::cp_count(kinds[i].first))
        << kinds[i - 1].first << " before " << kinds[i].first;
  }
}

TEST(Rules, FromSourcesSortsDocKinds) {
  Rules rules =
      Rules::from_sources({{"doc_kinds.tsv", "意见\t意见\n实施意见\t意见\n通知\t通知\n"}});
  ASSERT_EQ(rules.doc_kinds.size(), 3u);
  EXPECT_EQ(rules.doc_kinds[0].first, "实施意见");
  EXPECT_EQ(rules.doc_kinds[0].second, "意见");
}

TEST(Rules, FromSourcesReplacesGivenFilesAndKeepsTheOthers) {
  Rules rules = Rules::from_sources(
      {{"glyph_fixes.tsv", "# a comment\n\n臵\t置\r\n甴\t由\n"}, {"issuer_suffixes.txt", ""}});
  const std::vector<std::pair<std::string, std::string>> fixes = {{"臵", "置"}, {"甴", "由"}};
  EXPECT_EQ(rules.glyph_fixes, fixes);
  EXPECT_TRUE(rules.issuer_suffixes.empty());
  EXPECT_EQ(rules.doc_kinds, Rules::builtin().doc_kinds);
  EXPECT_EQ(rules.page_furniture, Rules::builtin().page_furniture);
}

TEST(Rules, FromNoSourcesIsTheBuiltinRules) {
  Rules rules = Rules::from_sources({});
  EXPECT_EQ(rules.glyph_fixes, Rules::builtin().glyph_fixes);
  EXPECT_EQ(rules.doc_kinds, Rules::builtin().doc_kinds);
  EXPECT_EQ(rules.issuer_suffixes, Rules::builtin().issuer_suffixes);
  EXPECT_EQ(rules.page_furniture, Rules::builtin().page_furniture);
}

TEST(Rules, MalformedDataNamesFileAndLine) {
  struct Case {
    RuleSource source;
    std::string where;  // "<file>:<line>"
  };
  const Case cases[] = {
      {{"glyph_fixes.tsv", "臵\t置\n只有一列\n"}, "glyph_fixes.tsv:2"},
      {{"glyph_fixes.tsv", "# comment\n\n坏行\n"}, "glyph_fixes.tsv:3"},
      {{"doc_kinds.tsv", "通知\t通知\n意见\n"}, "doc_kinds.tsv:2"},
      {{"issuer_suffixes.txt", "人民政府\n局\t局\n"}, "issuer_suffixes.txt:2"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.source.text);
    EXPECT_THROW(Rules::from_sources({c.source}), RuleError);
    std::string message = message_of({c.source});
    EXPECT_NE(message.find(c.where), std::string::npos) << message;
  }
}

TEST(Rules, InvalidRegexThrows) {
  EXPECT_THROW(Rules::from_sources({{"page_furniture.txt", "-?[0-9]{1,4}-?\n([0-9]\n"}}),
               RuleError);
  EXPECT_THROW(Rules::from_sources({{"page_furniture.txt", "第[0-9页\n"}}), RuleError);
  EXPECT_NE(message_of({{"page_furniture.txt", "([0-9]\n"}}).find("page_furniture.txt"),
            std::string::npos);
}

TEST(Rules, InvalidRegexNamesFileAndLine) {
  struct Case {
    std::string text;
    std::string where;
  };
  const Case cases[] = {
      {"-?[0-9]{1,4}-?\n([0-9]\n", "page_furniture.txt:2"},
      {"# page numbers\n\n第[0-9页\n", "page_furniture.txt:3"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    std::string message = message_of({{"page_furniture.txt", c.text}});
    EXPECT_NE(message.find(c.where), std::string::npos) << message;
  }
}

TEST(Rules, UnknownFileNameThrows) {
  EXPECT_THROW(Rules::from_sources({{"glyph_fix.tsv", "臵\t置\n"}}), RuleError);
  EXPECT_THROW(Rules::from_sources({{"stopwords.txt", ""}}), RuleError);
  EXPECT_NE(message_of({{"stopwords.txt", ""}}).find("stopwords.txt"), std::string::npos);
}

}  // namespace
}  // namespace duban
