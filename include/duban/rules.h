// duban/rules.h: the data the parser is driven by.
//
// Conventions that a jurisdiction or a new source may change live in data files under
// data/ (one rule per line, '#' comments), never in C++ branches:
//   data/glyph_fixes.tsv      known glyph confusions of PDF extraction (臵 -> 置)
//   data/doc_kinds.tsv        文种 and the title endings that name them (实施意见 -> 意见)
//   data/issuer_suffixes.txt  endings of agency names (人民政府, 办公室, 局 …) used to
//                             recognise 发文机关 lines and 主送 lists
//   data/page_furniture.txt   regular expressions for running headers, page footers and
//                             the navigation lines of web pages
//   data/metadata_labels.tsv  labels of a web page's metadata block (文号：, 成文日期：)
//   data/units.tsv            the unit registry: canonical names and their aliases
//   data/duty_phrases.tsv     how responsibility is written: labels, verbs, table columns
//   data/holidays.tsv         public holidays and make-up working days (调休) by date
//   data/collective_units.txt words ending names of groups of units (各部门单位, 各镇（街道）)
//   data/place_units.tsv      how one place's government is named (河口县人民政府, 站前街道)
//
// The build compiles those files into Rules::builtin(). A deployment can load its own with
// Rules::from_text() (the io adapter reads the files; this header does no I/O). Malformed
// rule data is rejected at load with RuleError naming the file and line.
#ifndef DUBAN_RULES_H_
#define DUBAN_RULES_H_

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "duban/document.h"

namespace duban {

namespace detail {
class PageFurniture;
}

class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! The rule data files, by name (the files of data/).
inline constexpr std::string_view kRuleFileNames[] = {
    "glyph_fixes.tsv",      "doc_kinds.tsv",  "issuer_suffixes.txt", "page_furniture.txt",
    "metadata_labels.tsv",  "units.tsv",      "duty_phrases.tsv",    "holidays.tsv",
    "collective_units.txt", "place_units.tsv"};

//! How a phrase assigns responsibility (data/duty_phrases.tsv).
struct DutyPhrase {
  std::string kind;    // "label", "verb", "closing", "column", "modal", "mark", "prefix",
                       // "with", "manner" or "heading"
  std::string phrase;  // 牵头单位, 牵头, 责任单位及联系方式 …
  std::string role;    // "lead", "responsible", "cooperate", "ignore" or "deadline" (a label or
                       // column whose value is the task's 完成时限)
};

//! One data file's text and the name to use in error messages.
struct RuleSource {
  std::string name;
  std::string text;
};

struct Rules {
  std::vector<std::pair<std::string, std::string>> glyph_fixes;  // wrong -> right
  std::vector<std::pair<std::string, std::string>> doc_kinds;    // title ending -> 文种
  std::vector<std::string> issuer_suffixes;
  std::vector<std::string> page_furniture;  // RE2 patterns matched against a whole line
  std::vector<std::pair<std::string, std::string>> metadata_labels;  // label -> field
  std::vector<std::vector<std::string>> units;  // canonical name first, then its aliases
  std::vector<std::string> collective_units;    // longest first
  // (level | government | place | word | start, word), longest first
  std::vector<std::pair<std::string, std::string>> place_units;
  std::vector<DutyPhrase> duty_phrases;  // longest phrases first
  std::map<Date, bool> calendar;         // listed dates: true = workday (调休), false = holiday
  std::pair<int, int> calendar_years{0, 0};  // first and last year the calendar lists

  // Derived by compile() (builtin() and from_sources() call it) so that parse() need not
  // work them out for every line. After editing the lists above by hand, call compile().
  std::shared_ptr<const detail::PageFurniture> compiled_furniture;  // recompiled by parse()
                                                                    // if page_furniture changed
  std::string issuer_suffix_ends;     // the last character of every issuer suffix
  std::string doc_kind_ends;          // the last character of every 文种 ending
  std::string metadata_label_starts;  // the first character of every metadata label
  std::string unit_name_ends;  // the last character of every unit name, suffix and group word
  void compile();

  //! The rules compiled from data/ at build time.
  static const Rules& builtin();
  //! Parses rule files; `sources` holds the data files by name (glyph_fixes.tsv, …).
  //! Missing files fall back to the builtin ones. Throws RuleError on malformed data.
  static Rules from_sources(const std::vector<RuleSource>& sources);
};

}  // namespace duban

#endif  // DUBAN_RULES_H_
