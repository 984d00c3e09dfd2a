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
//
// The build compiles those files into Rules::builtin(). A deployment can load its own with
// Rules::from_text() (the io adapter reads the files; this header does no I/O). Malformed
// rule data is rejected at load with RuleError naming the file and line.
#ifndef DUBAN_RULES_H_
#define DUBAN_RULES_H_

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace duban {

namespace detail {
class PageFurniture;
}

class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! The rule data files, by name (the files of data/).
inline constexpr std::string_view kRuleFileNames[] = {"glyph_fixes.tsv", "doc_kinds.tsv",
                                                      "issuer_suffixes.txt", "page_furniture.txt",
                                                      "metadata_labels.tsv"};

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

  // Derived by compile() (builtin() and from_sources() call it) so that parse() need not
  // work them out for every line. After editing the lists above by hand, call compile().
  std::shared_ptr<const detail::PageFurniture> compiled_furniture;  // recompiled by parse()
                                                                    // if page_furniture changed
  std::string issuer_suffix_ends;     // the last character of every issuer suffix
  std::string doc_kind_ends;          // the last character of every 文种 ending
  std::string metadata_label_starts;  // the first character of every metadata label
  void compile();

  //! The rules compiled from data/ at build time.
  static const Rules& builtin();
  //! Parses rule files; `sources` holds the data files by name (glyph_fixes.tsv, …).
  //! Missing files fall back to the builtin ones. Throws RuleError on malformed data.
  static Rules from_sources(const std::vector<RuleSource>& sources);
};

}  // namespace duban

#endif  // DUBAN_RULES_H_
