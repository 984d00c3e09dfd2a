// The parsing pipeline: normalize -> reflow -> segment (see the headers of each stage).
#include "duban/parse.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "core/classify.h"
#include "core/normalize.h"
#include "core/reflow.h"
#include "core/segment.h"
#include "core/tasks.h"
#include "duban/units.h"

namespace duban {

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

namespace {

// Documents starting within this many lines of a chunk's end are held back: a head, a
// cover letter (at most 60 lines) or a lone 文号 (at most 400 lines from its head, see
// segment.cc) may be cut there. A chunk with no document keeps as many lines back.
constexpr int kSeamLines = 500;

std::size_t offset_of_line(std::string_view text, int first_line, int line) {
  std::size_t pos = 0;
  for (int n = first_line; n < line && pos < text.size(); ++n) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return text.size();
    pos = nl + 1;
  }
  return pos;
}

// A citation of a document in the same input points at it, by 文号 or by title (a title may
// be cited with its issuer: 《山东省人民政府关于…的通知》).
void link_citations(std::vector<Document>& docs) {
  std::map<std::string, std::string> by_number, by_title;
  for (const Document& d : docs) {
    std::string key = d.doc_number ? d.doc_number->text : d.title.value_or("");
    if (key.empty()) continue;
    if (d.doc_number) by_number.emplace(d.doc_number->text, key);
    if (d.title) by_title.emplace(*d.title, key);
  }
  for (Document& d : docs) {
    std::string self = d.doc_number ? d.doc_number->text : d.title.value_or("");
    for (Citation& c : d.citations) {
      std::optional<std::string> target;
      if (c.doc_number && by_number.count(*c.doc_number)) target = by_number[*c.doc_number];
      if (!target && c.title) {
        for (const auto& [title, key] : by_title) {
          if (*c.title == title || (c.title->size() > title.size() && c.title->ends_with(title))) {
            target = key;
            break;
          }
        }
      }
      if (target && *target != self) c.document = target;
    }
  }
}

}  // namespace

std::vector<Warning> check_contents(const std::vector<ContentsEntry>& contents,
                                    const std::vector<std::string>& doc_numbers) {
  std::vector<Warning> out;
  for (const ContentsEntry& c : contents)
    if (std::find(doc_numbers.begin(), doc_numbers.end(), c.doc_number) == doc_numbers.end())
      out.push_back({c.line,
                     "table of contents lists " + c.doc_number + " but no such document was found",
                     WarningKind::kContentsEntryMissing, c.doc_number});
  return out;
}

ParseResult parse(std::string_view text, const Rules& rules, const ParseOptions& options) {
  ParseResult result;
  std::optional<detail::PageFurniture> compiled;
  if (!rules.compiled_furniture || rules.compiled_furniture->patterns() != rules.page_furniture)
    compiled.emplace(rules);
  const detail::PageFurniture& furniture = compiled ? *compiled : *rules.compiled_furniture;
  std::vector<detail::Line> lines = detail::normalize_lines(text, rules, options.first_line);
  detail::Layout layout = detail::reflow(lines, rules, furniture);
  result.warnings = std::move(layout.warnings);
  result.documents = detail::segment(layout, rules, result.contents);
  if (options.ledger) {
    const UnitRegistry registry(rules);
    detail::LedgerIndex index(rules);
    for (Document& d : result.documents) detail::extract_ledger(d, rules, registry, index);
    link_citations(result.documents);
  }

  result.resume_offset = text.size();
  result.resume_line = options.first_line + static_cast<int>(lines.size());
  if (!options.final_chunk) {
    // A document is complete once the next one starts well before the chunk's end.
    const int limit = result.resume_line - kSeamLines;
    std::size_t keep = 0;
    while (keep + 1 < result.documents.size() && result.documents[keep + 1].lines.start <= limit)
      ++keep;
    int resume = keep < result.documents.size() ? result.documents[keep].lines.start
                                                : std::max(options.first_line, limit);
    result.documents.resize(keep);
    result.resume_line = resume;
    result.resume_offset = offset_of_line(text, options.first_line, resume);
    std::erase_if(result.warnings, [&](const Warning& w) { return w.line >= resume; });
    std::erase_if(result.contents, [&](const ContentsEntry& c) { return c.line >= resume; });
  }
  std::stable_sort(result.warnings.begin(), result.warnings.end(),
                   [](const Warning& a, const Warning& b) { return a.line < b.line; });
  return result;
}

}  // namespace duban
