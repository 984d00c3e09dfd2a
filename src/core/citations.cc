// Cited documents; see citations.h.
#include "core/citations.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/doc_number.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;
constexpr std::size_t kMaxTitleBytes = 1200;  // 400 Han characters
constexpr int kMaxDepth = 8;

// Endings that name a document besides the 文种 of the rules.
constexpr std::string_view kLawEndings[] = {"法", "法律", "法典", "条例", "章程", "准则"};
// Endings in 法 that name a way of doing, not a law.
constexpr std::string_view kNotLaw[] = {"方法", "做法", "看法", "想法", "说法", "写法",
                                        "书法", "手法", "用法", "魔法", "兵法"};

struct Span {
  std::size_t open = 0;   // at 《
  std::size_t close = 0;  // at 》
};

// The outermost 《…》 spans of the text, in order; see the header for unbalanced text.
std::vector<Span> title_spans(std::string_view text) {
  std::vector<Span> spans;
  if (!contains_cp3(text, "《")) return spans;  // most paragraphs cite no title
  std::vector<Span> inner;                      // complete titles inside a title not yet closed
  std::size_t open = kNpos;
  std::size_t inner_open = kNpos;
  int depth = 0;
  auto abandon = [&] {
    spans.insert(spans.end(), inner.begin(), inner.end());
    inner.clear();
    open = inner_open = kNpos;
    depth = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t here = i;
    char32_t c = next_cp(text, i);
    if (open != kNpos && (c == '\n' || here - open > kMaxTitleBytes)) abandon();
    if (c == U'《') {
      if (open == kNpos) {
        open = here;
        depth = 1;
      } else if (++depth > kMaxDepth) {
        abandon();
        open = here;
        depth = 1;
      } else {
        inner_open = here;
      }
    } else if (c == U'》' && open != kNpos) {
      if (--depth == 0) {
        spans.push_back({open, here});
        inner.clear();
        open = inner_open = kNpos;
      } else if (inner_open != kNpos) {
        inner.push_back({inner_open, here});
        inner_open = kNpos;
      }
    }
  }
  abandon();
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.open < b.open; });
  return spans;
}

std::string_view strip_trailing_note(std::string_view t) {
  // （试行）, (暂行), （2023年修订）, （征求意见稿）: at most two, each short.
  for (int round = 0; round < 2; ++round) {
    std::size_t open = kNpos;
    if (ends_with(t, "）")) {
      open = t.rfind("（");
    } else if (ends_with(t, ")")) {
      open = t.rfind('(');
    }
    if (open == kNpos || open == 0 || cp_count(t.substr(open)) > 16) break;
    t = trim(t.substr(0, open));
  }
  return t;
}

}  // namespace

bool names_document(std::string_view title, const Rules& rules) {
  std::string_view t = strip_trailing_note(trim(title));
  if (t.empty()) return false;
  for (std::string_view w : kNotLaw) {
    if (ends_with(t, w)) return false;
  }
  for (const auto& [ending, kind] : rules.doc_kinds) {
    if (ends_with(t, ending)) return true;
  }
  for (std::string_view w : kLawEndings) {
    if (ends_with(t, w)) return true;
  }
  return false;
}

std::vector<CitationMatch> find_citation_matches(std::string_view text, const Rules& rules) {
  std::vector<DocNumberMatch> numbers = find_doc_numbers(text);
  std::vector<bool> used(numbers.size(), false);
  auto number_at = [&](std::size_t begin) -> std::optional<std::size_t> {
    auto it = std::lower_bound(numbers.begin(), numbers.end(), begin,
                               [](const DocNumberMatch& m, std::size_t b) { return m.begin < b; });
    if (it == numbers.end() || it->begin != begin) return std::nullopt;
    return static_cast<std::size_t>(it - numbers.begin());
  };

  std::vector<CitationMatch> found;
  std::set<std::string, std::less<>> abbreviations;
  std::size_t k = 0;  // numbers before this one start before the current span
  for (const Span& span : title_spans(text)) {
    // 文号 inside a title belong to the title.
    while (k < numbers.size() && numbers[k].begin < span.open) ++k;
    for (std::size_t j = k; j < numbers.size() && numbers[j].begin < span.close; ++j)
      used[j] = true;
    std::string_view title = trim(text.substr(span.open + 3, span.close - span.open - 3));
    if (title.empty()) continue;
    std::string_view before = text.substr(0, span.open);
    if (ends_with(before, "简称") || ends_with(before, "简称“") || ends_with(before, "以下称") ||
        ends_with(before, "统称")) {
      abbreviations.emplace(title);  // 以下简称《纲要》: a name for something already cited
      continue;
    }
    std::size_t end = span.close + 3;
    CitationMatch m;
    m.begin = span.open;
    // 《…》（鲁政发〔2024〕3号） and 《…》鲁政发〔2024〕3号
    std::size_t after = end;
    std::size_t paren = 0;
    if (at(text, after, "（")) {
      paren = 3;
    } else if (at(text, after, "(")) {
      paren = 1;
    }
    std::optional<std::size_t> n = number_at(after + paren);
    if (n) {
      const DocNumberMatch& dn = numbers[*n];
      used[*n] = true;
      m.citation.doc_number = dn.number.text;
      end = dn.end;
      if (paren == 3 && at(text, end, "）")) end += 3;
      if (paren == 1 && at(text, end, ")")) end += 1;
    } else if (!names_document(title, rules) || abbreviations.count(title)) {
      continue;
    }
    m.citation.title = std::string(title);
    m.end = end;
    found.push_back(std::move(m));
  }
  for (std::size_t j = 0; j < numbers.size(); ++j) {
    if (used[j]) continue;
    CitationMatch m;
    m.begin = numbers[j].begin;
    m.end = numbers[j].end;
    m.citation.doc_number = numbers[j].number.text;
    found.push_back(std::move(m));
  }
  std::stable_sort(found.begin(), found.end(), [](const CitationMatch& a, const CitationMatch& b) {
    return a.begin < b.begin;
  });

  // Deduplicate, filling in a title or number that a later mention supplies.
  std::vector<CitationMatch> out;
  std::map<std::string, std::size_t> by_number, by_title;
  std::size_t line = 1, counted = 0;
  for (CitationMatch& m : found) {
    Citation& c = m.citation;
    std::optional<std::size_t> same;
    if (c.doc_number) {
      if (auto it = by_number.find(*c.doc_number); it != by_number.end()) same = it->second;
    }
    if (!same && c.title) {
      auto it = by_title.find(*c.title);
      // The same title with another 文号 is another document (a title reused over the years).
      if (it != by_title.end() && !(c.doc_number && out[it->second].citation.doc_number))
        same = it->second;
    }
    if (same) {
      Citation& kept = out[*same].citation;
      if (!kept.title && c.title) {
        kept.title = c.title;
        by_title.emplace(*c.title, *same);
      }
      if (!kept.doc_number && c.doc_number) {
        kept.doc_number = c.doc_number;
        by_number.emplace(*c.doc_number, *same);
      }
      continue;
    }
    for (; counted < m.begin; ++counted) line += text[counted] == '\n';
    c.line = static_cast<int>(line);
    if (c.doc_number) by_number.emplace(*c.doc_number, out.size());
    if (c.title) by_title.emplace(*c.title, out.size());
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Citation> find_citations(std::string_view text, const Rules& rules) {
  std::vector<Citation> out;
  for (CitationMatch& m : find_citation_matches(text, rules)) out.push_back(std::move(m.citation));
  return out;
}

std::vector<Citation> find_citations(std::string_view text) {
  return find_citations(text, Rules::builtin());
}

}  // namespace duban::detail
