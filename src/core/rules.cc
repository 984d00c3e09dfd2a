// Parsing of the rule data files described in include/duban/rules.h.
#include "duban/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "core/builtin_rules.h"
#include "core/classify.h"
#include "core/numerals.h"
#include "core/utf8.h"

namespace duban {
namespace {

// Calls fn(line_number, fields) for each non-blank, non-comment line split on tabs.
template <typename Fn>
void for_each_record(const RuleSource& src, Fn fn) {
  std::size_t pos = 0;
  int line_no = 0;
  while (pos <= src.text.size()) {
    std::size_t nl = src.text.find('\n', pos);
    if (nl == std::string::npos) nl = src.text.size();
    std::string line = src.text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      fields.push_back(
          line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    fn(line_no, fields);
  }
}

[[noreturn]] void fail(const RuleSource& src, int line, const std::string& what) {
  throw RuleError(src.name + ":" + std::to_string(line) + ": " + what);
}

void load_pairs(const RuleSource& src, std::vector<std::pair<std::string, std::string>>& out) {
  out.clear();
  for_each_record(src, [&](int line, const std::vector<std::string>& f) {
    if (f.size() != 2 || f[0].empty() || f[1].empty())
      fail(src, line, "expected two non-empty tab-separated fields");
    out.emplace_back(f[0], f[1]);
  });
}

void load_list(const RuleSource& src, std::vector<std::string>& out) {
  out.clear();
  for_each_record(src, [&](int line, const std::vector<std::string>& f) {
    if (f.size() != 1 || f[0].empty()) fail(src, line, "expected one value per line");
    out.push_back(f[0]);
  });
}

void load_patterns(const RuleSource& src, std::vector<std::string>& out) {
  out.clear();
  for_each_record(src, [&](int line, const std::vector<std::string>& f) {
    if (f.size() != 1 || f[0].empty()) fail(src, line, "expected one pattern per line");
    RE2 re(f[0], RE2::Quiet);
    if (!re.ok()) fail(src, line, re.error());
    out.push_back(f[0]);
  });
}

// Longest first so that 实施意见 wins over 意见 and 人民政府办公室 over 办公室.
template <typename T, typename Key>
void sort_longest_first(std::vector<T>& v, Key key) {
  std::stable_sort(v.begin(), v.end(),
                   [&](const T& a, const T& b) { return key(a).size() > key(b).size(); });
}

// The first or last UTF-8 character of each string, concatenated.
template <typename Range, typename Key>
std::string edge_chars(const Range& items, Key key, bool last) {
  std::string out;
  for (const auto& item : items) {
    std::string_view s = key(item);
    if (s.empty()) continue;
    std::size_t i = last ? s.size() : 0;
    if (last) {
      detail::prev_cp(s, i);
      out.append(s.substr(i));
    } else {
      detail::next_cp(s, i);
      out.append(s.substr(0, i));
    }
  }
  return out;
}

Rules build(const std::vector<RuleSource>& sources, const Rules* fallback) {
  Rules r;
  if (fallback) r = *fallback;
  for (const RuleSource& s : sources) {
    if (s.name == "glyph_fixes.tsv") {
      load_pairs(s, r.glyph_fixes);
    } else if (s.name == "doc_kinds.tsv") {
      load_pairs(s, r.doc_kinds);
    } else if (s.name == "issuer_suffixes.txt") {
      load_list(s, r.issuer_suffixes);
    } else if (s.name == "page_furniture.txt") {
      load_patterns(s, r.page_furniture);
    } else if (s.name == "collective_units.txt") {
      load_list(s, r.collective_units);
    } else if (s.name == "units.tsv") {
      r.units.clear();
      for_each_record(s, [&](int line, const std::vector<std::string>& f) {
        for (const std::string& name : f)
          if (name.empty()) fail(s, line, "empty unit name");
        r.units.push_back(f);
      });
    } else if (s.name == "duty_phrases.tsv") {
      r.duty_phrases.clear();
      for_each_record(s, [&](int line, const std::vector<std::string>& f) {
        if (f.size() != 3) fail(s, line, "expected kind, phrase and role");
        if (f[0] != "label" && f[0] != "verb" && f[0] != "column" && f[0] != "modal" &&
            f[0] != "mark" && f[0] != "with" && f[0] != "prefix" && f[0] != "closing" &&
            f[0] != "manner" && f[0] != "heading")
          fail(s, line,
               "kind must be label, verb, closing, column, modal, mark, prefix, with, manner or "
               "heading");
        if (f[2] != "lead" && f[2] != "responsible" && f[2] != "cooperate" && f[2] != "ignore" &&
            f[2] != "deadline" && f[2] != "detail" && f[2] != "host")
          fail(s, line,
               "role must be lead, host, responsible, cooperate, ignore, deadline or detail");
        if (f[2] == "deadline" && f[0] != "label" && f[0] != "column")
          fail(s, line, "only a label or a column can be a deadline");
        if (f[2] == "detail" && f[0] != "column") fail(s, line, "only a column can be a detail");
        if (f[1].empty()) fail(s, line, "empty phrase");
        r.duty_phrases.push_back({f[0], f[1], f[2]});
      });
    } else if (s.name == "holidays.tsv") {
      r.calendar.clear();
      r.calendar_years = {0, 0};
      for_each_record(s, [&](int line, const std::vector<std::string>& f) {
        if (f.size() < 2 || f.size() > 3) fail(s, line, "expected date, holiday|workday, name");
        auto d = detail::parse_loose_date(f[0]);
        if (!d || f[0].size() != 10) fail(s, line, "date must be YYYY-MM-DD");
        if (f[1] != "holiday" && f[1] != "workday") fail(s, line, "expected holiday or workday");
        if (!r.calendar.emplace(*d, f[1] == "workday").second) fail(s, line, "date listed twice");
        if (r.calendar_years.first == 0 || d->year < r.calendar_years.first)
          r.calendar_years.first = d->year;
        r.calendar_years.second = std::max(r.calendar_years.second, d->year);
      });
    } else if (s.name == "place_units.tsv") {
      load_pairs(s, r.place_units);
      for (const auto& [kind, word] : r.place_units)
        if (kind != "level" && kind != "government" && kind != "place" && kind != "word" &&
            kind != "start")
          throw RuleError(s.name + ": " + word +
                          ": kind must be level, government, place, word or start");
    } else if (s.name == "metadata_labels.tsv") {
      load_pairs(s, r.metadata_labels);
      static constexpr std::string_view kFields[] = {
          "title", "doc_number", "issuer", "date", "effective_from", "effective_until", "ignore"};
      for (const auto& [label, field] : r.metadata_labels)
        if (std::find(std::begin(kFields), std::end(kFields), field) == std::end(kFields))
          throw RuleError(s.name + ": label " + label + ": unknown field " + field);
    } else {
      throw RuleError(s.name + ": not a known rule file");
    }
  }
  std::stable_sort(
      r.duty_phrases.begin(), r.duty_phrases.end(),
      [](const DutyPhrase& a, const DutyPhrase& b) { return a.phrase.size() > b.phrase.size(); });
  sort_longest_first(r.doc_kinds, [](const auto& p) -> const std::string& { return p.first; });
  sort_longest_first(r.collective_units,
                     [](const std::string& s) -> const std::string& { return s; });
  sort_longest_first(r.place_units, [](const auto& p) -> const std::string& { return p.second; });
  sort_longest_first(r.issuer_suffixes,
                     [](const std::string& s) -> const std::string& { return s; });
  r.compile();
  return r;
}

}  // namespace

void Rules::compile() {
  compiled_furniture = std::make_shared<const detail::PageFurniture>(*this);
  auto view = [](const std::string& s) -> std::string_view { return s; };
  auto first = [](const auto& p) -> std::string_view { return p.first; };
  issuer_suffix_ends = edge_chars(issuer_suffixes, view, true);
  doc_kind_ends = edge_chars(doc_kinds, first, true);
  metadata_label_starts = edge_chars(metadata_labels, first, false);
  unit_name_ends = issuer_suffix_ends + edge_chars(collective_units, view, true);
  for (const auto& names : units) unit_name_ends += edge_chars(names, view, true);
}

const Rules& Rules::builtin() {
  static const Rules rules = build(detail::builtin_rule_sources(), nullptr);
  return rules;
}

Rules Rules::from_sources(const std::vector<RuleSource>& sources) {
  return build(sources, &builtin());
}

}  // namespace duban
