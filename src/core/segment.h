// Internal: from blocks to documents, and the GB/T 9704-2012 elements of each.
//
// A document begins at its head: 发文机关标志, 发文字号, 标题 and 主送机关 lines that stand
// together. A head needs a 主送 list, an agency mark, or a title or 文号 together with
// an issuer; a title alone is the title of an attached text (方案, 办法), not a new
// document. A 文号 standing alone (PDF extraction often moves it past the cover letter)
// joins the nearest head that has none. A document runs until the next one begins.
// A gazette's table of contents (目录) is read only to cross-check what was found.
#ifndef DUBAN_CORE_SEGMENT_H_
#define DUBAN_CORE_SEGMENT_H_

#include <vector>

#include "core/reflow.h"
#include "duban/document.h"
#include "duban/parse.h"

namespace duban::detail {

std::vector<Document> segment(const Layout& layout, const Rules& rules,
                              std::vector<ContentsEntry>& contents);

}  // namespace duban::detail

#endif  // DUBAN_CORE_SEGMENT_H_
