// Tests of the search analyzer (search/analyzer.h): index terms, pinyin, queries, snippets.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/doc_number.h"
#include "search/analyzer.h"

namespace duban::search {
namespace {

using Strings = std::vector<std::string>;

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(DUBAN_SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Strings split(std::string_view s) {
  Strings out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) sp = s.size();
    out.emplace_back(s.substr(pos, sp - pos));
    pos = sp + 1;
  }
  return out;
}

// Strict UTF-8 validity (no overlongs, surrogates or values past U+10FFFF).
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80             ? 1
              : (c & 0xE0) == 0xC0 ? 2
              : (c & 0xF0) == 0xE0 ? 3
              : (c & 0xF8) == 0xF0 ? 4
                                   : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::size_t count_cps(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// --- index_terms

TEST(IndexTerms, HanBigramsThenCharacters) {
  EXPECT_EQ(analyzer().index_terms("营商环境"), "营商 商环 环境 营 商 环 境");
  EXPECT_EQ(analyzer().index_terms("县"), "县");
  EXPECT_EQ(analyzer().index_terms(""), "");
}

TEST(IndexTerms, PunctuationSeparatesRunsLayoutSpaceDoesNot) {
  EXPECT_EQ(analyzer().index_terms("营商，环境。"), "营商 营 商 环境 环 境");
  // PDF extraction breaks lines and pads words inside a phrase: still one run.
  EXPECT_EQ(analyzer().index_terms("营商 环\n境"), "营商 商环 环境 营 商 环 境");
  EXPECT_EQ(analyzer().index_terms("《政务》"), "政务 政 务");
}

TEST(IndexTerms, MixedHanLatinDigits) {
  EXPECT_EQ(analyzer().index_terms("2021年优化GB/T营商"),
            "2021 年优 优化 年 优 化 gb t 营商 营 商");
  // Letters and digits are separate terms so that "2021" alone finds "A2021".
  EXPECT_EQ(analyzer().index_terms("A2021b, PDF 文件"), "a 2021 b pdf 文件 文 件");
  // Latin words stay apart across spaces; a Han run does not continue over a word.
  EXPECT_EQ(analyzer().index_terms("open data 开放 API 数据"),
            "open data 开放 开 放 api 数据 数 据");
}

TEST(IndexTerms, FullWidthFoldedFirst) {
  EXPECT_EQ(analyzer().index_terms("ＡＢＣ１２３营商"), "abc 123 营商 营 商");
  EXPECT_EQ(analyzer().index_terms("到２０２７年"), "到 2027 年");
  EXPECT_EQ(analyzer().index_terms("　营商　"), "营商 营 商");  // ideographic spaces
}

TEST(IndexTerms, OtherScriptsAndSymbolsSeparate) {
  // Only ASCII letters, digits and Han make terms: accented letters would be changed by
  // FTS5's unicode61 (diacritics removed), so they are not terms at all.
  EXPECT_EQ(analyzer().index_terms("café①营商℃"), "caf 营商 营 商");
  EXPECT_EQ(analyzer().index_terms("二〇二一"), "二〇 〇二 二一 二 〇 二 一");
}

// Every term must come out of SQLite FTS5's unicode61 tokenizer as exactly one token,
// unchanged, in order. fts5vocab 'instance' lists the tokens as stored.
Strings fts5_tokens(const std::string& text) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61');"
                         "CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "INSERT INTO t(x) VALUES (?)", -1, &st, nullptr), SQLITE_OK);
  sqlite3_bind_text(st, 1, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  EXPECT_EQ(sqlite3_step(st), SQLITE_DONE);
  sqlite3_finalize(st);
  Strings out;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT term FROM v ORDER BY offset", -1, &st, nullptr),
            SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(IndexTerms, SurviveFts5Unicode61Unchanged) {
  std::string text = read_sample("lanshan-gazette-2021-04.txt") +
                     read_sample("zhoucun-2024-coops-disclosure-tasklist.txt") +
                     // 〇 (Nl), an extension A and B character, a compatibility ideograph
                     "二〇二一年 㐀 𠀀𠀁 豈更 ＡＢＣ "
                     "\xff\xfe bad bytes";
  std::string terms = analyzer().index_terms(text);
  ASSERT_FALSE(terms.empty());
  Strings expected = split(terms);
  Strings got = fts5_tokens(terms);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) ASSERT_EQ(got[k], expected[k]) << "term " << k;

  std::string pinyin = analyzer().pinyin_terms(text);
  EXPECT_EQ(fts5_tokens(pinyin), split(pinyin));
}

// --- pinyin

TEST(Pinyin, BigramsThenSyllables) {
  EXPECT_EQ(analyzer().pinyin_terms("营商环境"),
            "yingshang shanghuan huanjing ying shang huan jing");
  EXPECT_EQ(analyzer().pinyin_terms("政务公开"), "zhengwu wugong gongkai zheng wu gong kai");
  EXPECT_EQ(analyzer().pinyin_terms("县"), "xian");
  // Runs are cut by punctuation and Latin, as for index terms; ü is written u.
  EXPECT_EQ(analyzer().pinyin_terms("绿色，A区"), "luse lu se qu");
  EXPECT_EQ(analyzer().pinyin_terms("abc 123"), "");
}

// --- queries

TEST(Query, HanBigramsAndPinyin) {
  AnalyzedQuery q = analyzer().analyze_query("营商环境");
  EXPECT_EQ(q.terms, (Strings{"营商", "商环", "环境"}));
  EXPECT_EQ(q.pinyin_terms, (Strings{"yingshang", "shanghuan", "huanjing"}));
  EXPECT_EQ(q.highlight, (Strings{"营商环境"}));
  EXPECT_FALSE(q.doc_number.has_value());

  q = analyzer().analyze_query("县");
  EXPECT_EQ(q.terms, (Strings{"县"}));
  EXPECT_EQ(q.pinyin_terms, (Strings{"xian"}));
}

TEST(Query, HomophoneTypoStillHasTheRightPinyin) {
  // 竟 for 境: the bigram 环竟 finds nothing, its pinyin finds 营商环境.
  AnalyzedQuery q = analyzer().analyze_query("营商环竟");
  EXPECT_EQ(q.terms, (Strings{"营商", "商环", "环竟"}));
  EXPECT_EQ(q.pinyin_terms, analyzer().analyze_query("营商环境").pinyin_terms);
  // Every query pinyin term is among the index pinyin terms of the intended text.
  Strings indexed = split(analyzer().pinyin_terms("优化营商环境工作"));
  for (const std::string& t : q.pinyin_terms)
    EXPECT_NE(std::find(indexed.begin(), indexed.end(), t), indexed.end()) << t;
}

TEST(Query, SpacesSeparateQueryWords) {
  AnalyzedQuery q = analyzer().analyze_query("营商 环境 2021");
  EXPECT_EQ(q.terms, (Strings{"营商", "环境", "2021"}));
  EXPECT_EQ(q.pinyin_terms, (Strings{"yingshang", "huanjing"}));
  EXPECT_EQ(q.highlight, (Strings{"营商", "环境", "2021"}));
}

TEST(Query, PinyinTypedInLatin) {
  const Strings want{"yingshang", "shanghuan", "huanjing"};
  EXPECT_EQ(analyzer().analyze_query("yingshanghuanjing").pinyin_terms, want);
  EXPECT_EQ(analyzer().analyze_query("ying shang huan jing").pinyin_terms, want);
  EXPECT_EQ(analyzer().analyze_query("YingShang HuanJing").pinyin_terms, want);
  EXPECT_EQ(analyzer().analyze_query("ｙｉｎｇｓｈａｎｇ").pinyin_terms, (Strings{"yingshang"}));
  EXPECT_EQ(analyzer().analyze_query("zhengwugongkai").pinyin_terms,
            (Strings{"zhengwu", "wugong", "gongkai"}));
  // No Han to highlight; the typed word is kept as a term (it may be a Latin word).
  AnalyzedQuery q = analyzer().analyze_query("zhengwugongkai");
  EXPECT_EQ(q.terms, (Strings{"zhengwugongkai"}));
}

TEST(Query, SyllableSegmentationLongestMatchWithBacktracking) {
  // Longest first: xian is one syllable (县, 先), matching the index's single syllables;
  // xi'an with an apostrophe is two, whose bigram is written the same way.
  EXPECT_EQ(analyzer().analyze_query("xian").pinyin_terms, (Strings{"xian"}));
  EXPECT_EQ(analyzer().analyze_query("xi'an").pinyin_terms, (Strings{"xian"}));
  EXPECT_EQ(analyzer().analyze_query("xianggang").pinyin_terms, (Strings{"xianggang"}));
  // liang-ong-zuo fails at "ong": backs off to lian-gong-zuo.
  EXPECT_EQ(analyzer().analyze_query("liangongzuo").pinyin_terms, (Strings{"liangong", "gongzuo"}));
  EXPECT_EQ(analyzer().analyze_query("zhuangyuan").pinyin_terms, (Strings{"zhuangyuan"}));
  // Not pinyin: no pinyin terms. Syllables without a vowel (n, m, hm) do not count.
  EXPECT_TRUE(analyzer().analyze_query("pdf").pinyin_terms.empty());
  EXPECT_TRUE(analyzer().analyze_query("hmm").pinyin_terms.empty());
  EXPECT_TRUE(analyzer().analyze_query("ying pdf").pinyin_terms.empty());
  // Digits make it not a pinyin query.
  EXPECT_TRUE(analyzer().analyze_query("ying2021").pinyin_terms.empty());
}

TEST(Query, DocNumberInAnyBracketStyle) {
  // The number as core parsing gives it from the corpus.
  std::string lanshan = read_sample("lanshan-gazette-2021-04.txt");
  std::string want;
  for (const auto& m : detail::find_doc_numbers(lanshan))
    if (m.number.agency == "临兰政发" && m.number.year == 2021 && m.number.serial == 3)
      want = m.number.text;
  ASSERT_EQ(want, "临兰政发〔2021〕3号");
  for (std::string_view typed :
       {"临兰政发〔2021〕3号", "临兰政发[2021]3号", "临兰政发(2021)3号", "临兰政发（2021）3号",
        "临兰政发【2021】3号", "临兰政发﹝2021﹞3号", "临兰政发［2021］3号",
        "临兰政发〔２０２１〕３号", "临兰政发〔2021〕第3号", "临兰政发〔2021〕03号",
        " 临兰政发 [2021] 3 号 ", "临兰政发（２０２１）第 ３ 号"}) {
    SCOPED_TRACE(std::string(typed));
    AnalyzedQuery q = analyzer().analyze_query(typed);
    ASSERT_TRUE(q.doc_number.has_value());
    EXPECT_EQ(*q.doc_number, want);
    EXPECT_EQ(q.highlight.front(), want);
  }
  EXPECT_FALSE(analyzer().analyze_query("临兰政发2021年3号").doc_number.has_value());
  EXPECT_FALSE(analyzer().analyze_query("〔2021〕3号").doc_number.has_value());
  EXPECT_FALSE(analyzer().analyze_query("营商环境").doc_number.has_value());
}

// --- snippets

TEST(Snippet, EscapesHtmlAndMarksMatches) {
  EXPECT_EQ(snippet("a<b>&\"'c 营商", {"营商"}), "a&lt;b&gt;&amp;&quot;&#39;c <mark>营商</mark>");
  // The highlight itself is escaped too, and matched against the raw text.
  EXPECT_EQ(snippet("x<y", {"<"}), "x<mark>&lt;</mark>y");
  EXPECT_EQ(snippet("Download PDF here", {"pdf"}), "Download <mark>PDF</mark> here");
  EXPECT_EQ(snippet("优化营商环境", {"营商", "营商环境", "环境"}), "优化<mark>营商环境</mark>");
}

TEST(Snippet, CollapsesWhitespace) {
  EXPECT_EQ(snippet("  营商\n\n  环境\t好\r\n", {}), "营商 环境 好");
}

TEST(Snippet, CutsAroundTheMatchWithEllipses) {
  std::string text;
  for (int k = 0; k < 200; ++k) text += "政";
  text += "营商环境";
  for (int k = 0; k < 200; ++k) text += "务";
  // 20 characters: the 4 of the match, a third of the other 16 (5) before it, 11 after.
  std::string want = "…";
  for (int k = 0; k < 5; ++k) want += "政";
  want += "<mark>营商环境</mark>";
  for (int k = 0; k < 11; ++k) want += "务";
  want += "…";
  EXPECT_EQ(snippet(text, {"营商环境"}, 20), want);
  // No match: the beginning.
  std::string head;
  for (int k = 0; k < 10; ++k) head += "政";
  EXPECT_EQ(snippet(text, {"不在"}, 10), head + "…");
}

TEST(Snippet, PrefersTheWindowWithMostMatches) {
  std::string text = "环境";
  for (int k = 0; k < 100; ++k) text += "。";
  text += "营商环境好，环境优，环境美";
  for (int k = 0; k < 100; ++k) text += "。";
  std::string s = snippet(text, {"环境"}, 30);
  std::size_t marks = 0;
  for (std::size_t p = s.find("<mark>"); p != std::string::npos; p = s.find("<mark>", p + 1))
    ++marks;
  EXPECT_EQ(marks, 3u) << s;
  EXPECT_NE(s.find("营商<mark>环境</mark>好"), std::string::npos) << s;
}

TEST(Snippet, NeverSplitsACodePoint) {
  std::string text = read_sample("shanting-2024-equipment-renewal-etc.txt");
  for (int max : {1, 2, 7, 33, 120, 500}) {
    for (const Strings& hl : {Strings{}, Strings{"设备"}, Strings{"更新", "2024"}}) {
      std::string s = snippet(text, hl, max);
      ASSERT_TRUE(valid_utf8(s)) << max;
      // Characters of text: all but the ellipses and the tags.
      std::string plain;
      for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 6, "<mark>") == 0)
          i += 6;
        else if (s.compare(i, 7, "</mark>") == 0)
          i += 7;
        else if (s.compare(i, 3, "…") == 0)
          i += 3;
        else
          plain.push_back(s[i++]);
      }
      EXPECT_LE(count_cps(plain), static_cast<std::size_t>(max)) << s;
      EXPECT_GE(count_cps(plain), static_cast<std::size_t>(max) - 1) << s;  // a trimmed space
    }
  }
}

TEST(Snippet, InvalidBytesBecomeReplacementCharacters) {
  std::string s = snippet("\xff\xfe营商\xe8", {"营商"});
  EXPECT_TRUE(valid_utf8(s));
  EXPECT_EQ(s, "\uFFFD\uFFFD<mark>营商</mark>\uFFFD");
  EXPECT_EQ(snippet("营商", {"营商"}, 0), "");
  EXPECT_EQ(snippet("", {"营商"}), "");
}

// --- hostile input

TEST(Hostile, InvalidBytesPunctuationAndHugeInputs) {
  const Analyzer& a = analyzer();
  std::string bad = "\xff\xfe\xe8\xa5\x80\x80\xc0\xaf\xed\xa0\x80营\xe5\x95商";
  EXPECT_TRUE(valid_utf8(a.index_terms(bad)));
  EXPECT_TRUE(valid_utf8(a.pinyin_terms(bad)));
  AnalyzedQuery q = a.analyze_query(bad);
  for (const std::string& t : q.terms) EXPECT_TRUE(valid_utf8(t));

  EXPECT_EQ(a.index_terms("，。、；：！？“”《》（）…—·!@#$%^&*()"), "");
  EXPECT_EQ(a.pinyin_terms("，。、；"), "");
  q = a.analyze_query("，。、；!?");
  EXPECT_TRUE(q.terms.empty());
  EXPECT_TRUE(q.pinyin_terms.empty());
  EXPECT_TRUE(q.highlight.empty());

  std::string big;
  while (big.size() < (1u << 20)) big += "营商环境<p>**ab12\xff";
  std::string terms = a.index_terms(big);
  EXPECT_TRUE(valid_utf8(terms));
  EXPECT_FALSE(a.pinyin_terms(big).empty());
  q = a.analyze_query(big);  // cut to the first 256 characters
  EXPECT_FALSE(q.terms.empty());
  EXPECT_LE(q.terms.size(), 256u);
  EXPECT_TRUE(valid_utf8(snippet(big, {"环境", "ab"}, 120)));

  std::string han_run;
  while (han_run.size() < (1u << 20)) han_run += "营商环境";
  EXPECT_EQ(split(a.index_terms(han_run)).size(), 2 * count_cps(han_run) - 1);
  std::string letters(1u << 20, 'a');
  q = a.analyze_query(letters);
  EXPECT_EQ(q.pinyin_terms, Strings{"aa"});  // 256 "a" syllables: one distinct bigram
}

}  // namespace
}  // namespace duban::search
