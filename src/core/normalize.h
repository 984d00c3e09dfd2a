// Internal: line-level normalization with a map back to source line numbers.
//
// What is normalized (and why):
// - known glyph confusions of PDF extraction (data/glyph_fixes.tsv), e.g. 臵 -> 置;
// - full-width digits and Latin letters to ASCII (０７ -> 07): they are data;
// - layout spaces: PDF extraction justifies lines by inserting spaces inside words and
//   numbers ("鲁 政 发〔2024〕3 号", "到 2027 年"); a space is kept only between two
//   ASCII letters or digits, where it separates words;
// - markdown and HTML residue of web copies ("- " bullets, "**bold**", "<p>");
// - tabs split table cells: a line that starts with a tab is one cell, a line with inner
//   tabs is a whole row.
// Punctuation such as （）：，《》 is kept as printed: it is text, not data.
#ifndef DUBAN_CORE_NORMALIZE_H_
#define DUBAN_CORE_NORMALIZE_H_

#include <string>
#include <string_view>
#include <vector>

#include "duban/rules.h"

namespace duban::detail {

struct Line {
  int no = 0;                      // 1-based source line number
  std::string text;                // normalized text; empty for blank lines
  std::vector<std::string> cells;  // for table rows (row == true): normalized cells
  int raw_width = 0;               // display width of the raw line, trailing spaces trimmed
  bool indented = false;           // raw line began with a space: a continuation after a page break
  bool cell = false;               // raw line began with a tab: one table cell
  bool row = false;                // raw line has inner tabs: a tab-separated table row
  bool blank() const { return text.empty() && !cell && !row; }
};

//! Full-width digits and Latin letters to ASCII (０ -> 0, Ａ -> A); other code points unchanged.
char32_t fold_width(char32_t c);
//! Normalizes a fragment of text (one line, no tabs) as described above.
std::string normalize_text(std::string_view raw, const Rules& rules);
//! Splits `text` into lines (LF; a trailing CR is dropped) and normalizes each.
std::vector<Line> normalize_lines(std::string_view text, const Rules& rules, int first_line);

}  // namespace duban::detail

#endif  // DUBAN_CORE_NORMALIZE_H_
