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
// Terms are words of ASCII lower-case letters, digit runs or Han characters, separated by single
// spaces; each survives SQLite FTS5's unicode61 tokenizer and PostgreSQL's
// to_tsvector('simple', ...) as one token, unchanged (tested against FTS5; checked once
// against PostgreSQL 15 in C and C.UTF-8 databases). Letters other than ASCII and Han
// (accented Latin, kana, Cyrillic) make no terms.
//
// Pure: no I/O. Thread-safe.
#ifndef DUBAN_SEARCH_ANALYZER_H_
#define DUBAN_SEARCH_ANALYZER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban::search {

//! A query turned into terms.
// `terms` and `pinyin_terms` are alternatives: a document matches if it has every term, or
// every pinyin term (in its pinyin_terms column); the first ranks higher.
struct AnalyzedQuery {
  std::vector<std::string> terms;         // Han bigrams/unigrams and Latin words, all required
  std::vector<std::string> pinyin_terms;  // pinyin bigrams of the query (from Han or Latin);
                                          // one syllable when the query has only one
  std::optional<std::string> doc_number;  // normalized 文号 when the query is one
  std::vector<std::string> highlight;     // substrings to mark in snippets
};

class Analyzer {
 public:
  // Cheap. The pinyin table (ICU Han-Latin over the BMP Han blocks, about 0.3 s of CPU) is
  // built once, thread-safely, on the first pinyin_terms() or analyze_query() call.
  Analyzer();
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  //! Space-separated terms to index for `text`: per Han run its bigrams in order, then its
  //! characters; letter words and digit runs (full-width folded) as separate terms.
  //! Spaces and line breaks between Han characters do not end a run (PDF layout).
  std::string index_terms(std::string_view text) const;
  //! Space-separated pinyin bigram terms to index for `text` (titles, units: short fields).
  std::string pinyin_terms(std::string_view text) const;
  //! Only the query's first 256 characters count. Spaces separate query words.
  AnalyzedQuery analyze_query(std::string_view query) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

//! Up to `max_chars` characters of `text` around the best cluster of `highlight` matches,
//! HTML-escaped, with matches wrapped in <mark>…</mark>; "…" marks cut ends. Whitespace is
//! collapsed, matching is ASCII case-insensitive, invalid UTF-8 becomes U+FFFD.
std::string snippet(std::string_view text, const std::vector<std::string>& highlight,
                    int max_chars = 120);

}  // namespace duban::search

#endif  // DUBAN_SEARCH_ANALYZER_H_
