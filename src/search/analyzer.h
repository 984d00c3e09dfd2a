// search/analyzer.h: how Chinese text is cut into search terms, the same way for every
// storage backend (SQLite FTS5 and PostgreSQL text search index the terms this produces).
//
// Chinese has no spaces, so text is indexed as overlapping character bigrams (营商环境 ->
// 营商 商环 环境) plus single characters for one-character queries; Latin words and numbers
// are lower-cased words. Each Han character also yields its toneless pinyin (ICU's Han-Latin
// transliterator), indexed as pinyin bigrams (yingshang shanghuan huanjing), so a query typed
// in pinyin, or with a character replaced by a homophone (营商环竟), still finds the text.
// A 文号 typed in any bracket style ([2021], (2021), 〔2021〕, 【2021】) is recognized and
// normalized so it can be looked up exactly.
//
// Pure: no I/O. Thread-safe after construction.
#ifndef DUBAN_SEARCH_ANALYZER_H_
#define DUBAN_SEARCH_ANALYZER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::search {

//! A query turned into terms.
struct AnalyzedQuery {
  std::vector<std::string> terms;         // Han bigrams/unigrams and Latin words, all required
  std::vector<std::string> pinyin_terms;  // pinyin bigrams of the query (from Han or Latin)
  std::optional<std::string> doc_number;  // normalized 文号 when the query is one
  std::vector<std::string> highlight;     // substrings to mark in snippets
};

class Analyzer {
 public:
  Analyzer();  // builds the ICU transliterator and the pinyin syllable table
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  //! Space-separated terms to index for `text` (bigrams, unigrams, words).
  std::string index_terms(std::string_view text) const;
  //! Space-separated pinyin bigram terms to index for `text` (titles, units: short fields).
  std::string pinyin_terms(std::string_view text) const;
  AnalyzedQuery analyze_query(std::string_view query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! Up to `max_chars` characters of `text` around the best cluster of `highlight` matches,
//! HTML-escaped, with matches wrapped in <mark>…</mark>; "…" marks cut ends.
std::string snippet(std::string_view text, const std::vector<std::string>& highlight,
                    int max_chars = 120);

}  // namespace duban::search

#endif  // DUBAN_SEARCH_ANALYZER_H_
