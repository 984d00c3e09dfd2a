// Internal: documents cited in running text.
//
// Three forms are read:
//   《title》（文号）  "《山东省人民政府关于印发…的通知》（鲁政发〔2024〕3号）": title without 《》
//   and
//                    the normalized 文号 (core/doc_number.h: 〔〕 brackets, 第 dropped);
//   《title》        alone, when the title names a document: it ends in a 文种 of
//                    Rules::doc_kinds (通知, 意见, 实施方案, 办法, 规定, 细则, 纲要, 规划 …) or in
//                    法 / 法律 / 法典 / 条例 / 章程 / 准则, once a trailing （试行） / （修订） /
//                    （2023年修订） is set aside. Books and newspapers (《人民日报》,
//                    《民法学方法》) are not cited documents, and neither is an abbreviation
//                    (以下简称《纲要》);
//   a bare 文号      "（临兰政发〔2021〕1号）", "根据鲁政发〔2024〕3号文件".
//
// Titles nest as printed (《关于转发〈…办法〉的通知》, and also 《关于转发《…办法》的通知》): the
// outer title is the citation. A 《 that never closes on its line (or within 400 characters) is
// dropped, and the complete titles inside it are kept. Adjacent 《A》《B》 are two citations.
//
// Within one call, citations are deduplicated: a 文号 is cited once (a title seen with it
// elsewhere fills in the title), a title without 文号 once (a later 文号 for it fills in the
// number). Citation::line is the 1-based line of `text` (counting '\n') where the citation is
// first made; a caller passing a fragment adds its own first line.
//
// Linear time, safe on any bytes (unbalanced brackets, invalid UTF-8).
#ifndef DUBAN_CORE_CITATIONS_H_
#define DUBAN_CORE_CITATIONS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/doc_number.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::detail {

struct CitationMatch {
  Citation citation;
  std::size_t begin = 0;  // byte offsets of 《title》（文号） or of the bare 文号
  std::size_t end = 0;
};

//! Every citation of `text`, deduplicated, in the order of first mention.
std::vector<CitationMatch> find_citation_matches(std::string_view text, const Rules& rules);

//! The same, without offsets. The one-argument form uses Rules::builtin().
std::vector<Citation> find_citations(std::string_view text, const Rules& rules);
std::vector<Citation> find_citations(std::string_view text);

//! Does a title (without 《》) name a document rather than a book?
bool names_document(std::string_view title, const Rules& rules);

}  // namespace duban::detail

#endif  // DUBAN_CORE_CITATIONS_H_
