// Internal: from normalized lines to blocks (paragraphs, structural lines, tables).
//
// PDF extraction hard-wraps text (every ~15 characters in narrow columns) and splits
// paragraphs at page breaks; web copies put a paragraph on one line. A line is joined to
// the next when it does not end a sentence and it is "full": it ends with a comma, or it is
// long, or it is about as wide as its neighbours (a wrap at the margin). Structural lines
// (文号, 成文日期, 附注, headings, table cells) are never joined to the line before.
//
// Page breaks also interleave blocks: a cover letter (主送 … signature … 附注) or a lone
// 文号 can sit in the middle of a sentence of the body it introduces. Such a block is lifted
// out, emitted before the paragraph it interrupted, and the paragraph is rejoined.
#ifndef DUBAN_CORE_REFLOW_H_
#define DUBAN_CORE_REFLOW_H_

#include <optional>
#include <string>
#include <vector>

#include "core/classify.h"
#include "core/normalize.h"
#include "duban/document.h"

namespace duban::detail {

enum class BlockKind {
  kText,        // a paragraph
  kHeading,     // a paragraph that starts with a heading label
  kAttachment,  // 附件说明 or attachment heading
  kDocNumber,   // a line that is a 发文字号
  kAgencyMark,  // 发文机关标志 …文件
  kIssuer,      // 发文机关署名: an agency name right before a 成文日期
  kDate,        // 成文日期
  kPublic,      // （此件公开发布）
  kImprint,     // 版记: 抄送, …印发
  kContents,    // an entry or section of a gazette's table of contents
  kMeta,        // a web page's metadata line: 文号：…, 成文日期：…
  kTable,
};

struct Block {
  BlockKind kind = BlockKind::kText;
  std::string text;
  int first = 0;  // first and last source line
  int last = 0;
  std::optional<HeadingLabel> heading;
  std::optional<DocNumber> number;
  std::optional<Date> date;
  std::vector<std::pair<std::string, std::string>> meta;  // kMeta: (field, value)
  int table = -1;                                         // index into Layout::tables
  int host_first = 0;  // lifted out of a paragraph that starts at this line (0: not lifted)
};

struct Layout {
  std::vector<Block> blocks;
  std::vector<Table> tables;
  std::vector<Warning> warnings;
};

Layout reflow(const std::vector<Line>& lines, const Rules& rules, const PageFurniture& furniture);

}  // namespace duban::detail

#endif  // DUBAN_CORE_REFLOW_H_
