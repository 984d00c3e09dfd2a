#include "core/classify.h"

#include <re2/re2.h>

#include <memory>

#include "core/numerals.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

bool is_cn_digit(char32_t c) {
  return is_numeral_char(c) && !(c >= '0' && c <= '9') && c != U'万' && c != U'亿';
}

// Reads a run of code points satisfying pred starting at i; returns its end.
template <typename Pred>
std::size_t run(std::string_view s, std::size_t i, Pred pred, int max_cps = 6) {
  int n = 0;
  while (i < s.size() && n < max_cps) {
    std::size_t k = i;
    if (!pred(next_cp(s, k))) break;
    i = k;
    ++n;
  }
  return i;
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Is the last (or first) character of `text` among `chars` (UTF-8, concatenated)? With no
// index (rules edited by hand and not compiled) the answer is yes: the full check decides.
bool edge_in(std::string_view text, const std::string& chars, bool last) {
  if (chars.empty()) return true;
  if (text.empty()) return false;
  std::size_t i = last ? text.size() : 0;
  std::string_view c;
  if (last) {
    prev_cp(text, i);
    c = text.substr(i);
  } else {
    next_cp(text, i);
    c = text.substr(0, i);
  }
  return chars.find(c) != std::string::npos;
}

}  // namespace

std::optional<HeadingLabel> match_heading(std::string_view s) {
  if (s.empty()) return std::nullopt;
  HeadingLabel h;
  std::size_t i = 0;
  char32_t c = next_cp(s, i);
  auto finish = [&](int rank, std::size_t end) -> std::optional<HeadingLabel> {
    h.rank = rank;
    h.label = std::string(s.substr(0, end));
    h.length = run(s, end, is_space, 64);  // spaces after the label belong to it
    return h;
  };
  if (c == U'第') {  // 第X编/章/节/条
    std::size_t e = run(
        s, i, [](char32_t x) { return is_numeral_char(x); }, 8);
    if (e == i || e >= s.size()) return std::nullopt;
    std::size_t k = e;
    char32_t unit = next_cp(s, k);
    int rank = unit == U'编' ? 0 : unit == U'章' ? 1 : unit == U'节' ? 2 : unit == U'条' ? 3 : -1;
    if (rank < 0) return std::nullopt;
    // 第一条 must be followed by a space, the end, or text; "第一条规定" inside prose
    // cannot be told apart, but headings start paragraphs, which is where we look.
    return finish(rank, k);
  }
  if (c == U'（' || c == '(') {
    std::size_t e = run(s, i, is_cn_digit, 4);
    int rank = 5;
    if (e == i) {
      e = run(s, i, is_digit, 3);
      rank = 7;
    }
    if (e == i || e >= s.size()) return std::nullopt;
    std::size_t k = e;
    char32_t close = next_cp(s, k);
    if (close != U'）' && close != ')') return std::nullopt;
    if (k >= s.size()) return std::nullopt;  // a bare "（一）" is a list marker with no text
    return finish(rank, k);
  }
  if (c >= U'①' && c <= U'⑳') return finish(8, i);
  if (is_cn_digit(c)) {
    std::size_t e = run(s, 0, is_cn_digit, 4);
    if (e >= s.size()) return std::nullopt;
    std::size_t k = e;
    if (next_cp(s, k) != U'、') return std::nullopt;
    return finish(4, k);
  }
  if (is_digit(c)) {
    std::size_t e = run(s, 0, is_digit, 3);
    if (e >= s.size()) return std::nullopt;
    std::size_t k = e;
    char32_t p = next_cp(s, k);
    if (p != '.' && p != U'．' && p != U'、') return std::nullopt;
    if (k >= s.size()) return std::nullopt;
    std::size_t after = k;
    char32_t nx = next_cp(s, after);
    // 1.5万元, 1．5万元 and 2.0版 are numbers; "1．2024年…" is a label before a year.
    if (is_digit(nx)) {
      std::size_t y = run(s, k, is_digit, 5);
      if (p == '.' || y - k != 4 || !starts_with(s.substr(y), "年")) return std::nullopt;
    }
    return finish(6, k);
  }
  return std::nullopt;
}

bool is_public_marker(std::string_view text) {
  std::string_view t = text;
  if (starts_with(t, "（") || starts_with(t, "(")) t.remove_prefix(starts_with(t, "(") ? 1 : 3);
  if (ends_with(t, "）") || ends_with(t, ")")) t.remove_suffix(ends_with(t, ")") ? 1 : 3);
  return t == "此件公开发布" || t == "此件主动公开" || t == "此件公开" || t == "此件依申请公开" ||
         t == "此件不予公开" || t == "此件不公开";
}

bool is_agency_mark(std::string_view text, const Rules& rules) {
  if (!ends_with(text, "文件") || cp_count(text) > 30) return false;
  std::string_view name = text.substr(0, text.size() - std::string_view("文件").size());
  return looks_like_issuer(name, rules);
}

bool is_imprint(std::string_view text) {
  if (starts_with(text, "抄送：") || starts_with(text, "抄送:")) return true;
  if (!ends_with(text, "印发")) return false;
  std::size_t at = 0, end = 0;
  return find_date(text, 0, &at, &end) && end + std::string_view("印发").size() == text.size();
}

bool is_attachment_marker(std::string_view text) {
  if (!starts_with(text, "附件")) return false;
  std::string_view rest = text.substr(std::string_view("附件").size());
  if (rest.empty() || starts_with(rest, "：") || starts_with(rest, ":")) return true;
  std::size_t e = run(rest, 0, is_digit, 2);
  if (e == 0) return false;
  rest = rest.substr(e);
  return rest.empty() || starts_with(rest, "：") || starts_with(rest, ":");
}

bool is_contents_entry(std::string_view text) {
  static const RE2 entry(R"((?:…|\.\.|号）|号\)|号)[ …\.]*\d{1,4}$)");
  static const RE2 section(R"((?:【[^】]{2,20}】|\[[^\]]{2,20}\]))");
  if (text.empty()) return false;
  re2::StringPiece t(text.data(), text.size());
  char last = text.back();
  if (last >= '0' && last <= '9' && RE2::PartialMatch(t, entry)) return true;
  return (text[0] == '[' || starts_with(text, "【")) && RE2::FullMatch(t, section);
}

bool match_metadata(std::string_view text, const Rules& rules,
                    std::vector<std::pair<std::string, std::string>>* fields) {
  if (rules.metadata_labels.empty() || text.size() > 600) return false;
  if (!edge_in(text, rules.metadata_label_starts, false)) return false;
  // Cheap rejection first: most lines do not start with a label.
  bool starts = false;
  for (const auto& entry : rules.metadata_labels)
    if (starts_with(text, entry.first)) starts = true;
  if (!starts) return false;
  // Positions where "label：" starts, with the label's field.
  struct Hit {
    std::size_t at, value;
    const std::string* field;
  };
  std::vector<Hit> hits;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    for (const auto& [label, field] : rules.metadata_labels) {
      if (!starts_with(text.substr(at), label)) continue;
      std::string_view rest = text.substr(at + label.size());
      std::size_t colon = starts_with(rest, "：") ? 3 : starts_with(rest, ":") ? 1 : 0;
      if (colon == 0) continue;
      hits.push_back({at, at + label.size() + colon, &field});
      break;
    }
    if (!hits.empty() && hits.back().at == at) {
      i = hits.back().value;
      continue;
    }
    next_cp(text, i);
  }
  if (hits.empty() || hits.front().at != 0) return false;
  if (fields) {
    fields->clear();
    for (std::size_t k = 0; k < hits.size(); ++k) {
      std::size_t end = k + 1 < hits.size() ? hits[k + 1].at : text.size();
      fields->emplace_back(*hits[k].field,
                           std::string(trim(text.substr(hits[k].value, end - hits[k].value))));
    }
  }
  return true;
}

bool looks_like_issuer(std::string_view text, const Rules& rules) {
  if (!edge_in(text, rules.issuer_suffix_ends, true)) return false;
  std::size_t n = cp_count(text);
  if (n < 3 || n > 40) return false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_cp(text, i);
    if (!(is_han(c) || c == U'、' || c == U'（' || c == U'）' || c == ' ' || c == U'“' ||
          c == U'”'))
      return false;
  }
  for (const std::string& suf : rules.issuer_suffixes)
    if (ends_with(text, suf) && text.size() > suf.size()) return true;
  return false;
}

namespace {

template <typename Item>
std::vector<Item> split_agencies_as(std::string_view text) {
  std::vector<Item> out;
  for_each_agency(text, [&](std::string_view item) { out.emplace_back(item); });
  return out;
}

}  // namespace

std::vector<std::string> split_agencies(std::string_view text) {
  return split_agencies_as<std::string>(text);
}

std::vector<std::string_view> split_agency_views(std::string_view text) {
  return split_agencies_as<std::string_view>(text);
}

bool looks_like_recipients(std::string_view text, const Rules& rules) {
  if (!(ends_with(text, "：") || ends_with(text, ":"))) return false;
  if (cp_count(text) > 160 || text.find("。") != std::string_view::npos) return false;
  std::vector<std::string> items = split_agencies(text);
  if (items.empty()) return false;
  int agencies = 0;
  for (const std::string& item : items) {
    // An agency name is short and cites nothing: a sentence glued to the list is not one.
    if (cp_count(item) > 40 || item.find("《") != std::string::npos ||
        item.find("〔") != std::string::npos)
      return false;
    for (const std::string& suf : rules.issuer_suffixes) {
      if (ends_with(item, suf)) {
        ++agencies;
        break;
      }
    }
  }
  // Most items must name agencies; a sentence ending in ： ("主要包括：") names none.
  return agencies * 10 >= static_cast<int>(items.size()) * 7;
}

bool ends_with_doc_kind(std::string_view text, const Rules& rules, std::string* kind) {
  if (!edge_in(text, rules.doc_kind_ends, true)) return false;
  for (const auto& [ending, k] : rules.doc_kinds) {
    if (ends_with(text, ending)) {
      if (kind) *kind = k;
      return true;
    }
  }
  return false;
}

PageFurniture::PageFurniture(const Rules& rules) : patterns_(rules.page_furniture) {
  // One alternation, so that a line is scanned once whatever the number of patterns.
  std::string all;
  for (const std::string& p : rules.page_furniture) {
    if (!all.empty()) all += '|';
    all += "(?:" + p + ")";
  }
  if (all.empty()) return;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  pattern_ = std::make_unique<RE2>(all, options);
  if (!pattern_->ok()) pattern_.reset();
}
PageFurniture::~PageFurniture() = default;

bool PageFurniture::matches(std::string_view text) const {
  if (!pattern_ || text.size() > 120) return false;
  // Page furniture is never a sentence (data/page_furniture.txt says so).
  for (std::string_view p : {"，", "。", "；"})
    if (text.find(p) != std::string_view::npos) return false;
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), *pattern_);
}

bool ends_sentence(std::string_view text) {
  char32_t last = last_cp(text);
  if (is_terminal_punct(last)) return true;
  if (last == U'”' || last == '"') {  // 。” closes a quotation that ends a sentence
    std::size_t i = text.size();
    prev_cp(text, i);
    return i > 0 && is_terminal_punct(prev_cp(text, i));
  }
  if (last != U'）' && last != ')') return false;
  // A closing note in brackets ends its paragraph: （牵头单位：区财政局）, （另注：…）,
  // （责任部门：各镇（街）政府（办事处））. Find the bracket that the last one closes.
  int depth = 0;
  std::size_t i = text.size();
  while (i > 0) {
    char32_t c = prev_cp(text, i);
    if (c == U'）' || c == ')') ++depth;
    if ((c == U'（' || c == '(') && --depth == 0) break;
  }
  if (depth != 0) return false;
  std::string_view note = text.substr(i);
  return note.find("：") != std::string_view::npos || note.find(':') != std::string_view::npos;
}

std::string strip_issuer_prefix(std::string_view title, const Rules& rules, std::string* issuer) {
  static constexpr std::string_view kStarts[] = {"关于", "印发", "转发", "批转"};
  // The earliest position where an agency name ends and a title verb begins.
  for (std::size_t i = 0; i < title.size();) {
    std::size_t at = i;
    next_cp(title, i);
    if (at == 0) continue;
    std::string_view rest = title.substr(at);
    bool verb = false;
    for (std::string_view s : kStarts) verb = verb || starts_with(rest, s);
    if (!verb) continue;
    std::string_view name = title.substr(0, at);
    if (looks_like_issuer(name, rules)) {
      if (issuer) *issuer = std::string(name);
      return std::string(rest);
    }
    // Joint issuers are written "A B 关于"; an unrecognised name is left in the title.
  }
  return std::string(title);
}

}  // namespace duban::detail
