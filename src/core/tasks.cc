#include "core/tasks.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <set>

#include "core/citations.h"
#include "core/classify.h"
#include "core/deadline.h"
#include "core/targets.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

// Bounds that keep hostile input linear: an item is read up to this many bytes, and up to
// this many labels and verbs (real items have a handful).
constexpr std::size_t kMaxItemBytes = 1 << 20;
constexpr std::size_t kMaxPhrases = 64;

struct Span {
  std::size_t begin, end;
};

// The first three bytes at s[i] as one integer (a CJK character in UTF-8).
std::uint32_t pack3(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return 0;
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + 1])) << 8 |
         static_cast<unsigned char>(s[i + 2]);
}

void add_unit(std::vector<std::string>& to, const std::string& u) {
  if (std::find(to.begin(), to.end(), u) == to.end()) to.push_back(u);
}

void add_units(std::vector<std::string>& to, const std::vector<std::string>& units) {
  for (const std::string& u : units) add_unit(to, u);
}

// The same from a list that is not needed afterwards: its names are moved, not copied.
void add_units(std::vector<std::string>& to, std::vector<std::string>&& units) {
  for (std::string& u : units)
    if (std::find(to.begin(), to.end(), u) == to.end()) to.push_back(std::move(u));
}

void take(Duties& d, std::string_view role, const std::vector<std::string>& units) {
  if (role == "ignore" || units.empty()) return;
  if (role == "lead") add_units(d.lead, units);
  add_units(d.all, units);
}

// Units that are not needed afterwards (split_units' result) are moved into d.all.
void take(Duties& d, std::string_view role, std::vector<std::string>&& units) {
  if (role == "ignore" || units.empty()) return;
  if (role == "lead") add_units(d.lead, units);
  for (std::string& u : units)
    if (std::find(d.all.begin(), d.all.end(), u) == d.all.end()) d.all.push_back(std::move(u));
}

// One unit: take(d, role, {u}) without building a vector.
void take_one(Duties& d, std::string_view role, const std::string& u) {
  if (role == "ignore") return;
  if (role == "lead") add_unit(d.lead, u);
  add_unit(d.all, u);
}

// Where a labelled list ends: at 。, a line end, the bracket that was open before the label
// closes, or the next label.
std::size_t list_end(std::string_view text, std::size_t from, std::size_t limit) {
  int depth = 0;
  for (std::size_t i = from; i < limit;) {
    std::size_t at = i;
    char32_t c = next_cp(text, i);
    if (c == U'（' || c == '(') ++depth;
    if (c == U'）' || c == ')') {
      if (depth == 0) return at;
      --depth;
    }
    if (c == U'。' || c == '\n') return at;
  }
  return limit;
}

// Notes after one unit of a list ("市商务局（牵头），市财政局"): the unit before each note takes
// the note's role, and the notes are cut out of the list.
std::string_view take_marks(std::string_view list, const Rules& rules,
                            const duban::UnitRegistry& registry, Duties& d, std::string& out) {
  if (!contains_cp3(list, "（") && list.find('(') == std::string_view::npos) return list;
  out.assign(list);
  for (const DutyPhrase& m : rules.duty_phrases) {
    if (m.kind != "mark") continue;
    for (std::size_t at = out.find(m.phrase); at != std::string::npos; at = out.find(m.phrase)) {
      std::size_t from = 0;
      for (std::string_view sep : {"、", "，", "；", ",", ";", "：", ":"}) {
        std::size_t k = std::string_view(out).substr(0, at).rfind(sep);
        if (k != std::string::npos) from = std::max(from, k + sep.size());
      }
      take(d, m.role, split_units(std::string_view(out).substr(from, at - from), rules, registry));
      out.erase(at, m.phrase.size());
    }
  }
  return out;
}

}  // namespace

// Duty phrases by their first character (UTF-8 bytes packed in an integer), so that each
// character of the text costs one small lookup. Built once per parse (LedgerIndex).
struct DutyIndex {
  enum Kind : unsigned char { kMark, kLabel, kModal, kVerb };
  struct Entry {
    std::uint32_t first;
    std::uint16_t slot;  // the low twelve bits of the first character's code point
    const DutyPhrase* phrase;
    Kind kind;
  };
  static std::uint16_t slot_of(std::uint32_t key) {
    return static_cast<std::uint16_t>((key >> 8 & 0x3Fu) << 6 | (key & 0x3Fu));
  }
  // Sorted by slot and first character, longest phrase first among those of one character.
  std::vector<Entry> by_first;
  // Where each slot's entries start in by_first, plus one (0: none): no search per character.
  std::array<std::uint32_t, 4096> slot_begin{};
  std::vector<const DutyPhrase*> withs;   // "会同": both sides are units
  std::vector<const DutyPhrase*> labels;  // "责任单位" (before a colon)
  // The low twelve bits of each first character's code point: a one-load filter.
  std::array<unsigned char, 4096> may_start{};
  // The same indexed by a character's last two bytes as they stand (b1 | b2 << 8, one load on a
  // little-endian machine), so that the scan masks nothing.
  std::array<unsigned char, 65536> may_start_pair{};
  CharSet name_ends;  // the three-byte characters of rules.unit_name_ends
  std::string_view name_ends_text;

  explicit DutyIndex(const Rules& rules) : name_ends_text(rules.unit_name_ends) {
    for (const DutyPhrase& p : rules.duty_phrases) {
      if (p.kind == "with") withs.push_back(&p);
      if (p.kind == "label") labels.push_back(&p);
      if (p.kind == "column" || p.kind == "with" || p.phrase.size() < 3) continue;
      const std::uint32_t key = pack3(p.phrase, 0);
      const Kind kind = p.kind == "mark"    ? kMark
                        : p.kind == "label" ? kLabel
                        : p.kind == "modal" ? kModal
                                            : kVerb;
      by_first.push_back({key, slot_of(key), &p, kind});
      may_start[slot_of(key)] = 1;
    }
    std::stable_sort(by_first.begin(), by_first.end(), [](const auto& a, const auto& b) {
      return a.slot != b.slot ? a.slot < b.slot : a.first < b.first;
    });
    for (std::size_t k = by_first.size(); k-- > 0;)
      slot_begin[by_first[k].slot] = static_cast<std::uint32_t>(k + 1);
    // By rows of 64 (b1's low bits, for one b2): may_start transposed, then copied four times
    // per b2, once for each of b1's top two bits.
    std::array<unsigned char, 4096> by_b2{};
    for (std::size_t k = 0; k < 4096; ++k) by_b2[(k & 0x3F) << 6 | k >> 6] = may_start[k];
    for (std::size_t b2 = 0; b2 < 256; ++b2)
      for (std::size_t top = 0; top < 4; ++top)
        std::memcpy(&may_start_pair[b2 << 8 | top << 6], &by_b2[(b2 & 0x3F) << 6], 64);
    for (std::size_t i = 0; i < name_ends_text.size();) {
      std::size_t k = i;
      char32_t c = next_cp(name_ends_text, k);
      if (k - i == 3) name_ends.add(c);
      i = k;
    }
  }

  // Can `before` end with a unit name ("…区财政局", "…各镇（街道）", "…等")? A cheap test that
  // spares reading the prose before the many verbs that follow no unit.
  bool could_end_unit(std::string_view before) const {
    if (before.empty()) return false;
    if (name_ends_text.empty()) return true;  // rules edited by hand and not compiled
    std::size_t i = before.size();
    prev_cp(before, i);
    std::string_view last = before.substr(i);
    if (last == "）" || last == "等" || last == "”") return true;
    // A well-formed three-byte character is in the table; anything else is searched for.
    std::size_t k = 0;
    if (last.size() == 3 && (next_cp(last, k), k == 3)) return name_ends.has(first_cp3(last));
    return name_ends_text.find(last) != std::string_view::npos;
  }
};

LedgerIndex::LedgerIndex(const Rules& rules) : duties_(std::make_unique<DutyIndex>(rules)) {}
LedgerIndex::~LedgerIndex() = default;

namespace {

// What find_duties collects, kept from call to call so that its vectors are allocated once.
struct DutyScratch {
  struct Label {
    std::size_t at, list;
    const DutyPhrase* phrase;
  };
  struct Verb {
    std::size_t at, end;
    const DutyPhrase* phrase;
    bool modal;
  };
  std::vector<Label> labels;
  std::vector<Verb> verbs;
  std::vector<Span> masked;
  std::string marks;  // take_marks' copy of a list with notes cut out
};

Duties find_duties(std::string_view text, const Rules& rules, const duban::UnitRegistry& registry,
                   const DutyIndex& index, DutyScratch& scratch);

}  // namespace

Duties find_duties(std::string_view text, const Rules& rules, const duban::UnitRegistry& registry) {
  DutyScratch scratch;
  return find_duties(text, rules, registry, DutyIndex(rules), scratch);
}

namespace {

// From bytes[i], past the three-byte sequences (lead E0-EF) whose last two bytes `may_start`
// does not mark; where one no longer fits before n, or at anything else. A pointer of its own,
// so that the loop carries nothing else.
std::size_t skip_plain(const unsigned char* bytes, std::size_t i, std::size_t n,
                       const unsigned char* may_start) {
  if (i + 3 > n) return i;
  const unsigned char* p = bytes + i;
  const unsigned char* const last = bytes + n - 3;
  while (p <= last && p[0] - 0xE0u < 0x10u && !may_start[p[1] | p[2] << 8]) p += 3;
  return static_cast<std::size_t>(p - bytes);
}

Duties find_duties(std::string_view text, const Rules& rules, const duban::UnitRegistry& registry,
                   const DutyIndex& index, DutyScratch& scratch) {
  Duties d;
  if (text.size() > kMaxItemBytes) text = text.substr(0, kMaxItemBytes);
  // One pass over the text finds every duty phrase (labels "牵头单位：", verbs "牵头"); phrases
  // are tried longest first at each position.
  using Label = DutyScratch::Label;
  using Verb = DutyScratch::Verb;
  std::vector<Label>& labels = scratch.labels;
  std::vector<Verb>& verbs = scratch.verbs;
  labels.clear();
  verbs.clear();
  std::size_t label_end = 0;  // end of the last label's colon: verbs inside it are not verbs
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const unsigned char* may_start = index.may_start_pair.data();
  for (std::size_t i = 0; i + 3 <= n;) {
    // Runs of three-byte sequences (lead E0-EF) that start no phrase: a phrase's first
    // character has other low bits. Malformed ones are stepped over whole, as below.
    i = skip_plain(bytes, i, n, may_start);
    if (i + 3 > n) break;
    const unsigned char lead = bytes[i];
    if (lead < 0xE0) {  // ASCII, two-byte characters, stray continuation bytes
      ++i;
      continue;
    }
    const std::size_t at = i;
    const std::uint32_t key =
        std::uint32_t{lead} << 16 | std::uint32_t{bytes[i + 1]} << 8 | std::uint32_t{bytes[i + 2]};
    i += lead < 0xF0 ? 3 : 4;
    const std::uint16_t slot = DutyIndex::slot_of(key);
    const std::size_t first_entry = index.slot_begin[slot];
    if (first_entry == 0) continue;
    for (auto it = index.by_first.begin() + static_cast<std::ptrdiff_t>(first_entry - 1);
         it != index.by_first.end() && it->slot == slot; ++it) {
      if (it->first != key) continue;
      const DutyPhrase* p = it->phrase;
      if (!at_start(text.substr(at), p->phrase)) continue;
      std::string_view after = text.substr(at + p->phrase.size());
      if (it->kind == DutyIndex::kMark) {  // a note such as （牵头）: read with its list
        i = at + p->phrase.size();
      } else if (it->kind == DutyIndex::kLabel) {
        std::size_t colon = at_start(after, "：") ? 3 : at_start(after, ":") ? 1 : 0;
        if (colon == 0) continue;
        labels.push_back({at, at + p->phrase.size() + colon, p});
        label_end = i = at + p->phrase.size() + colon;
      } else {
        if (at < label_end || at_start(after, "单位") || at_start(after, "部门")) continue;
        verbs.push_back({at, at + p->phrase.size(), p, it->kind == DutyIndex::kModal});
        i = at + p->phrase.size();
      }
      break;
    }
    if (labels.size() + verbs.size() >= 2 * kMaxPhrases) break;
  }
  std::sort(labels.begin(), labels.end(),
            [](const Label& a, const Label& b) { return a.at < b.at; });
  std::vector<Span>& masked = scratch.masked;
  masked.clear();
  std::string& marks_buf = scratch.marks;
  for (std::size_t k = 0; k < labels.size(); ++k) {
    std::size_t limit = k + 1 < labels.size() ? labels[k + 1].at : text.size();
    std::size_t end = list_end(text, labels[k].list, limit);
    std::string_view list = take_marks(text.substr(labels[k].list, end - labels[k].list), rules,
                                       registry, d, marks_buf);
    take(d, labels[k].phrase->role, split_units(list, rules, registry));
    masked.push_back({labels[k].at, end});
  }

  // Verbs: the units right before "牵头", "负责", "配合" …, outside the labelled lists.
  std::erase_if(verbs, [&](const Verb& v) {
    for (const Span& m : masked)
      if (v.at >= m.begin && v.at < m.end) return true;
    return false;
  });
  std::sort(verbs.begin(), verbs.end(), [](const Verb& a, const Verb& b) { return a.at < b.at; });
  // "由区住建局会同区自然资源局": both units, the first leading.
  auto with_units = [&](std::string_view item, std::vector<std::string>& leads) {
    for (const DutyPhrase* with : index.withs) {
      const DutyPhrase& w = *with;
      std::size_t at = item.find(w.phrase);
      if (at == std::string_view::npos) continue;
      std::vector<std::string> a = split_units(item.substr(0, at), rules, registry);
      std::vector<std::string> b = split_units(item.substr(at + w.phrase.size()), rules, registry);
      if (a.empty() || b.empty()) continue;
      if (w.role == "lead") add_units(leads, a);
      a.insert(a.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
      return a;
    }
    return split_units(item, rules, registry);
  };
  std::size_t floor = 0;  // a verb's units start after the previous verb or label list
  for (std::size_t vi = 0; vi < verbs.size(); ++vi) {
    const Verb& v = verbs[vi];
    const bool modal = v.modal;
    // "区商务局要牵头": the verb after the modal word reads the units.
    if (modal && vi + 1 < verbs.size() && verbs[vi + 1].at == v.end) continue;
    // Most verbs follow prose ("认真落实"): when the character right before the verb (a
    // three-byte one, as the walk below reads it) can end neither a unit name nor a modal
    // word, the clause names no units here, and is not walked.
    if (v.at >= 3 && (bytes[v.at - 3] & 0xF0) == 0xE0 && (bytes[v.at - 2] & 0xC0) == 0x80 &&
        (bytes[v.at - 1] & 0xC0) == 0x80) {
      const std::string_view last = text.substr(v.at - 3, 3);
      bool modal_end = false;
      if (!modal)
        for (std::string_view m : {"要", "当", "应", "须", "将", "同", "体"})
          modal_end |= last == m;
      if (!modal_end && !index.could_end_unit(last)) {
        if (!modal) floor = v.end;
        continue;
      }
    }
    std::size_t from = floor;
    for (const Span& m : masked)
      if (m.end <= v.at) from = std::max(from, m.end);
    // Back from the verb to the nearest 。 ； ： or line break, or the bracket that the verb's
    // note is in: "…等。（区城乡水务局牵头，…）".
    std::size_t start = v.at;
    int depth = 0;
    while (start > from) {
      std::size_t k = start;
      char32_t c;
      // Three-byte characters (all of CJK) decoded in place: this walk covers most prose.
      if (k >= 3 && (bytes[k - 3] & 0xF0) == 0xE0 && (bytes[k - 2] & 0xC0) == 0x80 &&
          (bytes[k - 1] & 0xC0) == 0x80) {
        k -= 3;
        c = first_cp3(text.substr(k, 3));
      } else {
        c = prev_cp(text, k);
      }
      if (k < from || c == U'。' || c == U'；' || c == U'：' || c == '\n') break;
      if (c == U'）' || c == ')') ++depth;
      if (c == U'（' || c == '(') {
        if (depth == 0) break;
        --depth;
      }
      start = k;
    }
    std::string_view before = text.substr(start, v.at - start);
    if (modal) {
      // Only a clause that names units and nothing else: "区财政局、区自然资源局要做好…",
      // not "各部门要…" (a group alone assigns nothing) nor "区应急管理局" (应 in a name).
      std::size_t comma = before.rfind("，");
      if (comma != std::string_view::npos) before.remove_prefix(comma + 3);
      if (before.empty() || !index.could_end_unit(before)) continue;
      std::vector<std::string_view> items = split_agency_views(before);
      std::vector<std::string> units;
      bool all_units = true, one_agency = false;
      for (std::string_view item : items) {
        std::vector<std::string> u = split_units(item, rules, registry);
        if (u.empty()) all_units = false;
        for (const std::string& x : u) one_agency = one_agency || !registry.collective(x);
        units.insert(units.end(), std::make_move_iterator(u.begin()),
                     std::make_move_iterator(u.end()));
      }
      if (!all_units || !one_agency) continue;
      floor = v.end;
      take(d, v.phrase->role, std::move(units));
      continue;
    }
    // "A、B等部门要按职责分工落实": a modal word may stand between the units and the verb.
    for (std::string_view word : {"要", "应当", "应", "须", "将", "共同", "具体"})
      if (at_end(before, word)) before.remove_suffix(word.size());
    floor = v.end;
    // Most verbs follow prose ("认真落实"): a unit list ends in a name's last character.
    if (!index.could_end_unit(before)) continue;
    // The longest run of units that ends right at the verb; "由" opens it.
    Duties marked;
    std::string_view cleaned = take_marks(before, rules, registry, marked, marks_buf);
    std::vector<std::string_view> items = split_agency_views(cleaned);
    std::vector<std::string> run, leads;
    for (std::size_t k = items.size(); k-- > 0;) {
      std::vector<std::string> u = with_units(items[k], leads);
      if (u.empty()) break;
      run.insert(run.begin(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
      if (at_start(items[k], "由")) break;
    }
    // "A、B等按职责分工落实": split_agencies leaves "B等"; split_units drops 等.
    take(d, v.phrase->role, run);
    if (v.phrase->role != "cooperate") take(d, "lead", leads);
    for (const std::string& u : marked.lead)
      if (std::find(run.begin(), run.end(), u) != run.end()) take_one(d, "lead", u);
  }
  // Lead units first (in their order), then the others as printed; every lead unit is in
  // d.all, so this only moves d.all's names.
  std::size_t front = 0;
  for (const std::string& l : d.lead) {
    auto it = std::find(d.all.begin() + static_cast<std::ptrdiff_t>(front), d.all.end(), l);
    if (it == d.all.end()) continue;
    std::rotate(d.all.begin() + static_cast<std::ptrdiff_t>(front), it, it + 1);
    ++front;
  }
  return d;
}

struct Ledger {
  Document& doc;
  const Rules& rules;
  const duban::UnitRegistry& registry;
  std::string id_base;
  const DutyIndex& duty_index;
  DutyScratch scratch{};
  std::string own_buf{};    // walk's item text, one buffer for every node
  std::string marks_buf{};  // a unit cell with notes cut out

  Duties duties_in(std::string_view text) {
    return find_duties(text, rules, registry, duty_index, scratch);
  }

  // In running text, "每年遴选", "定期研究" and "持续推进…" say how often or how, not by when:
  // a recurring deadline needs a due point (每年1月5日前, 每季度末), and an open-ended one
  // must stand on its own ("（长期坚持）", "…，长期坚持。"). A 完成时限 column is taken whole.
  static bool states_deadline(std::string_view text, const Deadline& d) {
    if (d.kind == "recurring") {
      // "每日巡查", "每天" say how often; "每日18时前", "每月5日" say by when.
      if (d.text == "每日" || d.text == "每天" || d.text == "每个工作日" || d.text == "每工作日")
        return false;
      for (std::string_view due : {"前", "内", "底", "末", "止", "日"})
        if (at_end(d.text, due)) return true;
      return false;
    }
    if (d.kind != "open") return true;
    for (std::size_t at = text.find(d.text); at != std::string_view::npos;
         at = text.find(d.text, at + d.text.size())) {
      std::string_view before = text.substr(0, at), after = text.substr(at + d.text.size());
      bool opens = before.empty() || at_end(before, "（") || at_end(before, "，") ||
                   at_end(before, "；") || at_end(before, "：") || at_end(before, "。") ||
                   at_end(before, "\n");
      bool closes = after.empty() || at_start(after, "）") || at_start(after, "。") ||
                    at_start(after, "；") || at_start(after, "\n");
      if (opens && closes) return true;
    }
    return false;
  }

  std::vector<Target> targets_in(std::string_view text) const {
    std::optional<int> year;
    if (doc.date) year = doc.date->year;
    return find_targets(text, year);
  }

  // `duties` is taken apart: its printed names become the task's.
  void add(std::vector<std::string> path, std::string text, Duties&& duties,
           std::string_view deadline_text, LineRange lines) {
    Task t;
    const std::string number = std::to_string(doc.tasks.size() + 1);
    t.id.reserve(id_base.size() + 1 + number.size());
    t.id.append(id_base).append("#").append(number);
    t.path = std::move(path);
    t.text = std::move(text);
    t.units.reserve(duties.all.size());
    t.units_as_printed.reserve(duties.all.size());
    for (std::string& u : duties.all) {
      std::string c = registry.canonical(u);
      if (std::find(t.units.begin(), t.units.end(), c) == t.units.end()) {
        t.units.push_back(std::move(c));
        t.units_as_printed.push_back(std::move(u));
      }
    }
    for (const std::string& u : duties.lead) {
      std::string c = registry.canonical(u);
      if (std::find(t.lead_units.begin(), t.lead_units.end(), c) == t.lead_units.end())
        t.lead_units.push_back(std::move(c));
    }
    std::optional<Date> date = doc.date;
    if (!deadline_text.empty()) t.deadline = find_deadline(deadline_text, date, rules);
    if (!t.deadline) {
      t.deadline = find_deadline(t.text, date, rules);
      if (t.deadline && !states_deadline(t.text, *t.deadline)) t.deadline.reset();
    }
    t.targets = targets_in(t.text);
    t.lines = lines;
    doc.tasks.push_back(std::move(t));
  }

  // Does the paragraph start with a duty label ("责任部门：…")?
  bool is_label_paragraph(std::string_view p) const {
    for (const DutyPhrase* d : duty_index.labels)
      if (at_start(p, d->phrase) &&
          (at_start(p.substr(d->phrase.size()), "：") || at_start(p.substr(d->phrase.size()), ":")))
        return true;
    return false;
  }

  static std::string own_text(const OutlineNode& node) {
    std::string own;
    own_text(node, own);
    return own;
  }

  // The node's title and text as one item, in `buf` (reused from node to node); a view of
  // the node itself when it has only one of them.
  static std::string_view own_text(const OutlineNode& node, std::string& buf) {
    if (node.text.empty()) return node.title;
    if (node.title.empty()) return node.text;
    buf.assign(node.title);
    buf += "。";
    buf += node.text;
    return buf;
  }

  // The last line break of a text (npos if none), found by memrchr: items are long and mostly
  // one line, which string::rfind would read back byte by byte.
  static std::size_t last_newline(std::string_view text) {
    const void* nl = memrchr(text.data(), '\n', text.size());
    return nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data())
              : std::string::npos;
  }

  // Does any list under node end with a duty label line (what lift_closing_labels moves)?
  bool has_closing_label(const OutlineNode& node) const {
    for (const OutlineNode& child : node.children)
      if (has_closing_label(child)) return true;
    if (node.children.empty()) return false;
    const std::string& text = node.children.back().text;
    std::size_t nl = last_newline(text);
    return nl != std::string::npos && is_label_paragraph(std::string_view(text).substr(nl + 1));
  }

  // A line "责任部门：…" after the last item of a list closes the whole list: it belongs to
  // the heading above the items, unless an item names units of its own.
  void lift_closing_labels(OutlineNode& node) {
    for (OutlineNode& child : node.children) lift_closing_labels(child);
    if (node.children.empty()) return;
    OutlineNode& last = node.children.back();
    std::size_t nl = last_newline(last.text);
    if (nl == std::string::npos || !is_label_paragraph(std::string_view(last.text).substr(nl + 1)))
      return;
    for (std::size_t k = 0; k + 1 < node.children.size(); ++k)
      if (!duties_in(own_text(node.children[k])).empty()) return;
    if (!last.children.empty()) return;
    std::string closing = last.text.substr(nl + 1);
    last.text.erase(nl);
    std::string items;  // the list itself, so that the task says what is to be done
    for (const OutlineNode& child : node.children) items += "\n" + child.label + own_text(child);
    node.text += items + "\n" + closing;
    node.lines.end = std::max(node.lines.end, last.lines.end);
  }

  void walk(const OutlineNode& node, std::vector<std::string>& path) {
    std::string_view own = own_text(node, own_buf);
    Duties duties = duties_in(own);
    if (!duties.empty()) add(path, std::string(own), std::move(duties), {}, node.lines);
    if (node.children.empty()) return;
    path.push_back(node.label + node.title);
    for (const OutlineNode& child : node.children) walk(child, path);
    path.pop_back();
  }

  // Columns: units (by duty phrase), deadline, and the item's text (the column before the
  // first unit column); earlier text columns give the path.
  void table(const Table& t) {
    std::vector<std::pair<std::size_t, std::string_view>> unit_cols;  // column, role
    std::optional<std::size_t> deadline_col;
    std::optional<std::size_t> people_col;  // 牵头领导, 责任人: names of people
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      const std::string& h = t.header[c];
      for (const DutyPhrase& p : rules.duty_phrases) {
        if (p.kind != "column" || h.find(p.phrase) == std::string::npos) continue;
        if (p.role == "ignore")
          people_col = people_col ? std::min(*people_col, c) : c;
        else
          unit_cols.emplace_back(c, p.role);
        break;
      }
      if (h.find("时限") != std::string::npos || h.find("时间") != std::string::npos ||
          h.find("完成时") != std::string::npos)
        deadline_col = c;
    }
    if (unit_cols.empty() || unit_cols.front().first == 0) return;
    // The item is the column before the units and the people named with them.
    std::size_t first_duty = unit_cols.front().first;
    if (people_col && *people_col > 0) first_duty = std::min(first_duty, *people_col);
    const std::size_t text_col = first_duty - 1;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      // A row with fewer cells than the header lost a merged column on its page: its cells
      // are aligned to the header's last columns, the first (序号) staying first.
      std::vector<std::string> padded;  // copied only when cells are to be inserted
      const std::vector<std::string>* cells = &t.rows[r];
      if (cells->size() < t.header.size() && cells->size() >= 2) {
        padded = *cells;
        padded.insert(padded.begin() + 1, t.header.size() - padded.size(), std::string());
        cells = &padded;
      }
      const std::vector<std::string>& row = *cells;
      if (row.size() <= unit_cols.front().first) continue;
      Duties duties;
      for (const auto& [c, role] : unit_cols) {
        if (c >= row.size()) continue;
        Duties in_cell = duties_in(row[c]);
        if (in_cell.empty())
          take(duties, role,
               split_units_lines(take_marks(row[c], rules, registry, duties, marks_buf)));
        for (const std::string& u : in_cell.lead) take_one(duties, "lead", u);
        for (const std::string& u : in_cell.all) take_one(duties, "responsible", u);
      }
      if (duties.empty()) continue;
      // The item is the cell before the units; a cell that says nothing ("—", "无") gives way
      // to the one before it.
      std::size_t item = text_col;
      while (item > 1 && is_blank_cell(row[item])) --item;
      std::vector<std::string> path;
      for (std::size_t c = 1; c < item; ++c)
        if (!row[c].empty()) path.push_back(row[c]);
      std::string_view deadline =
          deadline_col && *deadline_col < row.size() ? std::string_view(row[*deadline_col]) : "";
      add(std::move(path), row[item], std::move(duties), deadline,
          r < t.row_lines.size() ? t.row_lines[r] : t.lines);
    }
  }

  static bool is_blank_cell(std::string_view cell) {
    cell = trim(cell);
    return cell.empty() || cell == "—" || cell == "-" || cell == "——" || cell == "无" ||
           cell == "/" || cell == "／";
  }

  // A unit cell lists one unit per line, with sections and phone numbers between
  // ("区财政局\n经济建设科\n7878011"): every line is tried as a list.
  std::vector<std::string> split_units_lines(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= cell.size()) {
      std::size_t nl = cell.find('\n', pos);
      if (nl == std::string_view::npos) nl = cell.size();
      add_units(out, split_units(cell.substr(pos, nl - pos), rules, registry));
      pos = nl + 1;
    }
    return out;
  }
};

}  // namespace

void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry) {
  extract_ledger(doc, rules, registry, LedgerIndex(rules));
}

void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry,
                    const LedgerIndex& index) {
  std::string id_base = doc.doc_number ? doc.doc_number->text : doc.title.value_or("文件");
  Ledger ledger{doc, rules, registry, std::move(id_base), index.duties()};
  std::vector<std::string> path;
  // Lifting labels changes the outline the tasks are read from, not the document's: a copy,
  // made only when some list has such a label.
  std::vector<OutlineNode> lifted;
  const std::vector<OutlineNode>* outline = &doc.outline;
  if (std::any_of(doc.outline.begin(), doc.outline.end(),
                  [&](const OutlineNode& n) { return ledger.has_closing_label(n); })) {
    lifted = doc.outline;
    for (OutlineNode& node : lifted) ledger.lift_closing_labels(node);
    outline = &lifted;
  }
  for (const OutlineNode& node : *outline) ledger.walk(node, path);
  for (const Table& t : doc.tables) ledger.table(t);

  // The document's targets: those of its tasks, and those of paragraphs no task covers
  // (each paragraph is read for targets once).
  for (const Task& t : doc.tasks)
    doc.targets.insert(doc.targets.end(), t.targets.begin(), t.targets.end());
  // Is a paragraph inside some task's lines? Tasks sorted by first line, with the furthest
  // last line reached so far: the paragraph is covered when a task starting at or before it
  // reaches its end.
  std::vector<std::pair<int, int>> spans;  // start, furthest end up to here
  spans.reserve(doc.tasks.size());
  for (const Task& t : doc.tasks) spans.emplace_back(t.lines.start, t.lines.end);
  std::sort(spans.begin(), spans.end());
  for (std::size_t k = 1; k < spans.size(); ++k)
    spans[k].second = std::max(spans[k].second, spans[k - 1].second);
  auto in_task = [&](const LineRange& r) {
    auto it = std::upper_bound(spans.begin(), spans.end(), std::pair{r.start, INT_MAX});
    return it != spans.begin() && std::prev(it)->second >= r.end;
  };
  std::set<std::string> seen;
  for (const Paragraph& p : doc.body) {
    if (!in_task(p.lines))
      for (Target& t : ledger.targets_in(p.text)) doc.targets.push_back(std::move(t));
    // A citation has 《》 or a 文号 (…号).
    if (!contains_either_cp3(p.text, "《", "号")) continue;
    for (Citation& c : find_citations(p.text)) {
      std::string key = c.title.value_or("") + "|" + c.doc_number.value_or("");
      if (!seen.insert(key).second) continue;
      c.line = p.lines.start;
      doc.citations.push_back(std::move(c));
    }
  }
}

}  // namespace duban::detail
