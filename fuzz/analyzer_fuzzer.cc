// libFuzzer target for the search analyzer: index terms, pinyin terms, query analysis and
// snippets on any bytes. The first byte picks the snippet length. Invariants: terms are
// non-empty and space-separated (no double, leading or trailing spaces), and so are the
// query's terms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "search/analyzer.h"

namespace {

void check_terms(const std::string& s) {
  if (s.empty()) return;
  if (s.front() == ' ' || s.back() == ' ' || s.find("  ") != std::string::npos) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const duban::search::Analyzer analyzer;
  if (size == 0) return 0;
  const int max_chars = data[0];
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_terms(analyzer.index_terms(text));
  check_terms(analyzer.pinyin_terms(text));
  duban::search::AnalyzedQuery q = analyzer.analyze_query(text);
  for (const std::string& t : q.terms)
    if (t.empty() || t.find(' ') != std::string::npos) __builtin_trap();
  for (const std::string& t : q.pinyin_terms)
    if (t.empty() || t.find(' ') != std::string::npos) __builtin_trap();
  std::string s = duban::search::snippet(text, q.highlight, max_chars);
  if (max_chars == 0 && !s.empty()) __builtin_trap();
  return 0;
}
