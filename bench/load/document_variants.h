// bench/load/document_variants.h: new documents made from the corpus, for the load benchmark
// (gen_corpus) and the kill test (tests/e2e/ingest_kill_test.cc).
//
// A template is a parsed corpus document cut into its head (up to the first outline item,
// where the 文号 is), its top-level outline items, and its closing lines. A variant is the
// head with the 文号 given a new year and serial, two to five of the items drawn at random
// (kept in document order), and the closing lines.
#ifndef DUBAN_BENCH_LOAD_DOCUMENT_VARIANTS_H_
#define DUBAN_BENCH_LOAD_DOCUMENT_VARIANTS_H_

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "duban/parse.h"

namespace duban::load {

struct Template {
  std::vector<std::string> head;  // up to the first outline item; holds the 文号
  std::vector<std::vector<std::string>> items;
  std::vector<std::string> tail;
};

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

//! Lines first..last (1-based, inclusive, clamped to the text).
inline std::vector<std::string> slice(const std::vector<std::string>& lines, int first, int last) {
  std::vector<std::string> out;
  for (int i = std::max(first, 1); i <= last && i <= static_cast<int>(lines.size()); ++i) {
    out.push_back(lines[static_cast<std::size_t>(i - 1)]);
  }
  return out;
}

//! The 文号's year and serial in any bracket style the corpus prints.
inline const RE2& doc_number_pattern() {
  static const RE2 re(R"(([〔\[［【（(﹝])(\d{4})([〕\]］】）)﹞])\s*第?\s*(\d+)\s*号)");
  return re;
}

//! The documents of samples_dir/*.txt that have a 文号 and at least two outline items; with
//! `number_in_head`, only those whose 文号 is printed in the head (so a variant's is new).
inline std::vector<Template> load_templates(const std::filesystem::path& samples_dir,
                                            bool number_in_head) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(samples_dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ParseOptions options;
  options.ledger = false;
  std::vector<Template> templates;
  for (const auto& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::vector<std::string> lines = split_lines(text);
    for (const Document& doc : parse(text, Rules::builtin(), options).documents) {
      if (!doc.doc_number || doc.outline.size() < 2) continue;
      Template t;
      const int first_item = doc.outline.front().lines.start;
      const int last_item = doc.outline.back().lines.end;
      t.head = slice(lines, doc.lines.start, first_item - 1);
      for (const OutlineNode& node : doc.outline) {
        t.items.push_back(slice(lines, node.lines.start, node.lines.end));
      }
      t.tail = slice(lines, last_item + 1, std::min(doc.lines.end, last_item + 12));
      bool numbered = false;
      for (const std::string& line : t.head) {
        numbered = numbered || RE2::PartialMatch(line, doc_number_pattern());
      }
      if (numbered || !number_in_head) templates.push_back(std::move(t));
    }
  }
  return templates;
}

//! A variant of `t` with 文号 〔year〕serial号 (the first 文号 of the head), ending with a blank
//! line. With `date_year`, the year of the dates in the closing lines (成文日期) becomes it.
inline std::string make_variant(const Template& t, int year, const std::string& serial,
                                std::mt19937& rng, bool date_year) {
  static const RE2 dated(R"((\d{4})(年\d{1,2}月\d{1,2}日))");
  std::string doc;
  bool numbered = false;
  for (std::string line : t.head) {
    if (!numbered) {
      numbered = RE2::Replace(&line, doc_number_pattern(),
                              "\\1" + std::to_string(year) + "\\3" + serial + "号");
    }
    doc += line + '\n';
  }
  std::vector<std::size_t> picks(t.items.size());
  for (std::size_t k = 0; k < picks.size(); ++k) picks[k] = k;
  std::shuffle(picks.begin(), picks.end(), rng);
  picks.resize(std::min(picks.size(), static_cast<std::size_t>(2 + rng() % 4)));  // 2–5
  std::sort(picks.begin(), picks.end());  // in document order
  for (std::size_t k : picks) {
    for (const std::string& line : t.items[k]) doc += line + '\n';
  }
  for (std::string line : t.tail) {
    if (date_year) RE2::GlobalReplace(&line, dated, std::to_string(year) + "\\2");
    doc += line + '\n';
  }
  return doc + '\n';
}

}  // namespace duban::load

#endif  // DUBAN_BENCH_LOAD_DOCUMENT_VARIANTS_H_
