// The parsing pipeline: normalize -> reflow -> segment (see the headers of each stage).
#include "duban/parse.h"

#include <algorithm>
#include <cstdio>

#include "core/classify.h"
#include "core/normalize.h"
#include "core/reflow.h"
#include "core/segment.h"

namespace duban {

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

// A chunk with no document keeps this many trailing lines back: a head may be cut there.
constexpr int kTailLines = 200;

std::size_t offset_of_line(std::string_view text, int first_line, int line) {
  std::size_t pos = 0;
  for (int n = first_line; n < line && pos < text.size(); ++n) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text.size();
    pos = nl + 1;
  }
  return pos;
}

}  // namespace

ParseResult parse(std::string_view text, const Rules& rules, const ParseOptions& options) {
  ParseResult result;
  detail::PageFurniture furniture(rules);
  std::vector<detail::Line> lines = detail::normalize_lines(text, rules, options.first_line);
  detail::Layout layout = detail::reflow(lines, rules, furniture);
  result.warnings = std::move(layout.warnings);
  result.documents = detail::segment(layout, rules, result.warnings);

  result.resume_offset = text.size();
  result.resume_line = options.first_line + static_cast<int>(lines.size());
  if (!options.final_chunk) {
    // The last document may continue in the next chunk: hand it back.
    int resume;
    if (!result.documents.empty()) {
      resume = result.documents.back().lines.start;
      result.documents.pop_back();
    } else {
      resume = std::max(options.first_line, result.resume_line - kTailLines);
    }
    result.resume_line = resume;
    result.resume_offset = offset_of_line(text, options.first_line, resume);
    std::erase_if(result.warnings, [&](const Warning& w) { return w.line >= resume; });
  }
  std::stable_sort(result.warnings.begin(), result.warnings.end(),
                   [](const Warning& a, const Warning& b) { return a.line < b.line; });
  return result;
}

}  // namespace duban
