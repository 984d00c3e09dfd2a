#include "core/tasks.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <set>
#include <unordered_map>

#include "core/citations.h"
#include "core/classify.h"
#include "core/deadline.h"
#include "core/targets.h"
#include "core/utf8.h"

namespace duban::detail {

// split_units' results by list. Documents name the same lists again and again (a unit
// column's cells, one 责任单位 item after another, the same bureaus in every document of a
// gazette), and reading a list costs thousands of instructions, a lookup about a hundred. Longer
// lists are read each time: they rarely recur, and the table would come to hold much of the
// document.
class UnitCache {
 public:
  // Valid until the next call for a list longer than kMaxBytes, else for the cache's life.
  const std::vector<std::string>& get(std::string_view list, const Rules& rules,
                                      const duban::UnitRegistry& registry) {
    if (list.size() > kMaxBytes) return long_ = split_units(list, rules, registry, items_);
    auto it = by_list_.find(list);
    if (it == by_list_.end())
      it = by_list_.emplace(std::string(list), split_units(list, rules, registry, items_)).first;
    return it->second;
  }

 private:
  static constexpr std::size_t kMaxBytes = 256;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> by_list_;
  std::vector<std::string> long_;
  UnitItemCache items_;  // the items of lists not seen whole before
};

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

// Real tasks name a few dozen units at most; the bound keeps a hostile list of thousands of
// distinct names from costing a search of all the others for each.
constexpr std::size_t kMaxUnits = 256;

void add_unit(std::vector<std::string>& to, const std::string& u) {
  if (to.size() < kMaxUnits && std::find(to.begin(), to.end(), u) == to.end()) to.push_back(u);
}

void add_units(std::vector<std::string>& to, const std::vector<std::string>& units) {
  for (const std::string& u : units) add_unit(to, u);
}

// Roles that name no units: people (牵头领导) and due dates (完成时限).
bool names_units(std::string_view role) { return role != "ignore" && role != "deadline"; }

// One unit, into d.all and for a lead role into d.lead: a lead unit is always in d.all, also
// when the task is full.
template <typename Name>
void take_one(Duties& d, std::string_view role, Name&& u) {
  if (!names_units(role)) return;
  const bool lead = role == "lead";
  if (std::find(d.all.begin(), d.all.end(), u) == d.all.end()) {
    if (d.all.size() >= kMaxUnits) return;
    if (lead) add_unit(d.lead, u);
    if (role == "host") add_unit(d.host, u);
    d.all.push_back(std::forward<Name>(u));
    return;
  }
  if (lead) add_unit(d.lead, u);
  if (role == "host") add_unit(d.host, u);
}

void take(Duties& d, std::string_view role, const std::vector<std::string>& units) {
  for (const std::string& u : units) take_one(d, role, u);
}

// Units that are not needed afterwards (split_units' result) are moved into d.all.
void take(Duties& d, std::string_view role, std::vector<std::string>&& units) {
  for (std::string& u : units) take_one(d, role, std::move(u));
}

// Does a clause end here: nothing, or punctuation that closes a clause or a note, follows?
bool ends_clause(std::string_view after) {
  if (after.empty() || after[0] == '\n' || after[0] == ')' || after[0] == ',' || after[0] == ';' ||
      after[0] == ']' || after[0] == ' ')
    return true;
  for (std::string_view p : {"）", "，", "。", "；", "、", "】", "〕", "］"})
    if (at_start(after, p)) return true;
  return false;
}

// Brackets a note of units may be in: （…） (…) and, in web copies and some provinces'
// documents, […] ［…］ 【…】 〔…〕.
bool opens_note(char32_t c) {
  return c == U'（' || c == '(' || c == '[' || c == U'［' || c == U'【' || c == U'〔';
}
bool closes_note(char32_t c) {
  return c == U'）' || c == ')' || c == ']' || c == U'］' || c == U'】' || c == U'〕';
}

// Does a label of a few Chinese characters and a colon start at `from` ("督导单位：",
// "联系人：")? Labels the rules do not know still end the list before them.
bool label_follows(std::string_view text, std::size_t from, std::size_t limit) {
  constexpr int kMaxLabelChars = 8;
  std::size_t i = from;
  for (int n = 0; i < limit && n <= kMaxLabelChars; ++n) {
    char32_t c = next_cp(text, i);
    if (c == U'：' || c == ':') return n >= 2;
    if (!is_han(c)) return false;
  }
  return false;
}

// The units of every item of a list ("A、B，C"), read as a clause that names units: whether
// each item names one, and whether one of them is an agency rather than a group.
struct ItemUnits {
  std::vector<std::string> units;
  bool all_units = true, one_agency = false;
  // Units and nothing else, one of them an agency: "区财政局、各镇（街道）", not "各部门".
  bool only_units_with_an_agency() const { return all_units && one_agency; }
};

ItemUnits units_of_items(std::string_view list, const Rules& rules,
                         const duban::UnitRegistry& registry, UnitCache& cache) {
  ItemUnits r;
  for_each_agency(list, [&](std::string_view item) {
    const std::vector<std::string>& u = cache.get(item, rules, registry);
    if (u.empty()) r.all_units = false;
    for (const std::string& x : u) r.one_agency = r.one_agency || !registry.collective(x);
    r.units.insert(r.units.end(), u.begin(), u.end());
  });
  return r;
}

// Every unit of `from` into `to`, the lead ones as leads.
void take_all(Duties& to, const Duties& from) {
  for (const std::string& u : from.lead) take_one(to, "lead", u);
  for (const std::string& u : from.all) take_one(to, "responsible", u);
}

// A note that ends a sentence and holds units and nothing else, without a label or a verb:
// "…增长8%以上。（市发展改革委，各县〔市、区〕政府）", "（市政府国资委）". Its units are
// responsible. A group alone ("（各有关单位）") or a name inside a sentence ("中国（许昌）
// 国际发制品交易会", "区政府办公室（区大数据局）负责") assigns nothing here.
void take_bare_notes(std::string_view text, const Rules& rules, const duban::UnitRegistry& registry,
                     UnitCache& cache, Duties& d) {
  if (!contains_cp3(text, "（") && text.find('(') == std::string_view::npos) return;
  // Only brackets matter: the other Chinese characters are skipped without decoding.
  static const PairTable brackets = pair_table([](char32_t c) { return c == U'（' || c == U'）'; });
  int depth = 0;
  std::size_t open = 0;
  for (std::size_t i = 0; i < text.size();) {
    i = skip_unmarked_cp3(text, i, text.size(), brackets);
    if (i >= text.size()) break;
    std::size_t at = i;
    char32_t c = next_cp(text, i);
    if (c == U'（' || c == '(') {
      if (depth++ == 0) open = i;
      continue;
    }
    if ((c != U'）' && c != ')') || depth == 0 || --depth > 0) continue;
    std::size_t k = i;
    const char32_t next = k < text.size() ? next_cp(text, k) : U'。';
    if (next != U'。' && next != U'；' && next != ';' && next != '\n') continue;
    ItemUnits note = units_of_items(text.substr(open, at - open), rules, registry, cache);
    if (note.only_units_with_an_agency()) take(d, "responsible", std::move(note.units));
  }
}

// Where a labelled list ends: at 。, a line end, the bracket that was open before the label
// closes, or the next label, known or not ("；协同单位：").
std::size_t list_end(std::string_view text, std::size_t from, std::size_t limit) {
  int depth = 0;
  for (std::size_t i = from; i < limit;) {
    std::size_t at = i;
    char32_t c = next_cp(text, i);
    if (opens_note(c)) ++depth;
    if (closes_note(c)) {
      if (depth == 0) return at;
      --depth;
    }
    if (c == U'。' || c == '\n') return at;
    if ((c == U'；' || c == ';' || c == U'，' || c == ',' || c == ' ' || c == U'\u3000') &&
        label_follows(text, i, limit))
      return at;
  }
  return limit;
}

}  // namespace

// Duty phrases by their first character (UTF-8 bytes packed in an integer), so that each
// character of the text costs one small lookup. Built once per parse (LedgerIndex).
struct DutyIndex {
  enum Kind : unsigned char { kMark, kLabel, kModal, kVerb };
  struct Entry {
    std::uint32_t first;
    // The phrase's first eight bytes and which of them it has: many phrases share their first
    // characters (责任单位, 责任部门 …), and are told apart by one load.
    std::uint64_t head, head_mask;
    std::uint16_t slot;  // the low twelve bits of the first character's code point
    const DutyPhrase* phrase;
    Kind kind;
    bool closing;  // a verb that assigns only at the end of a clause ("…按职责分工推进）")
  };
  static std::uint16_t slot_of(std::uint32_t key) {
    return static_cast<std::uint16_t>((key >> 8 & 0x3Fu) << 6 | (key & 0x3Fu));
  }
  // Sorted by slot and first character, longest phrase first among those of one character.
  std::vector<Entry> by_first;
  // Where each slot's entries start in by_first, plus one (0: none): no search per character.
  std::array<std::uint32_t, 4096> slot_begin{};
  std::vector<const DutyPhrase*> withs;      // "会同": both sides are units
  std::vector<const DutyPhrase*> labels;     // "责任单位" (before a colon)
  std::vector<const DutyPhrase*> prefixes;   // "★" before the lead unit of a list
  std::vector<const DutyPhrase*> marks;      // prefixes and notes ("（牵头）"), longest first
  std::array<bool, 256> mark_first_bytes{};  // a one-load test before trying the marks
  std::vector<const DutyPhrase*> headings;  // "牵头工作" of "一、县发改局牵头工作（5项）"
  std::vector<const DutyPhrase*> columns;  // "责任单位" in a table's header, in the rules' order
  // Words between a unit list and its verb ("分别", "按职责分工": A、B按职责分工负责), longest
  // first, and their last characters (a one-lookup test before trying them).
  std::vector<std::string_view> manners;
  CharSet manner_ends;
  // The low twelve bits of each first character's code point: a one-load filter.
  std::array<unsigned char, 4096> may_start{};
  // The same indexed by a character's last two bytes as they stand (b1 | b2 << 8, one load on a
  // little-endian machine), so that the scan masks nothing.
  std::array<unsigned char, 65536> may_start_pair{};
  CharSet name_ends;  // the three-byte characters of rules.unit_name_ends
  CharSet list_ends;  // the same and ） 等 ”: what a unit list may end with
  std::string_view name_ends_text;

  explicit DutyIndex(const Rules& rules) : name_ends_text(rules.unit_name_ends) {
    for (const DutyPhrase& p : rules.duty_phrases) {
      if (p.kind == "with") withs.push_back(&p);
      if (p.kind == "label") labels.push_back(&p);
      if (p.kind == "prefix") prefixes.push_back(&p);
      if (p.kind == "prefix" || p.kind == "mark") {
        marks.push_back(&p);
        // An empty mark would match anywhere: every byte may start one.
        if (p.phrase.empty())
          mark_first_bytes.fill(true);
        else
          mark_first_bytes[static_cast<unsigned char>(p.phrase[0])] = true;
      }
      if (p.kind == "heading") headings.push_back(&p);
      if (p.kind == "column") columns.push_back(&p);
      if (p.kind == "manner" && !p.phrase.empty()) {
        manners.push_back(p.phrase);
        std::size_t k = p.phrase.size();
        manner_ends.add(prev_cp(p.phrase, k));
      }
      if (p.kind == "column" || p.kind == "with" || p.kind == "prefix" || p.kind == "manner" ||
          p.kind == "heading" || p.phrase.size() < 3)
        continue;
      const std::uint32_t key = pack3(p.phrase, 0);
      const Kind kind = p.kind == "mark"    ? kMark
                        : p.kind == "label" ? kLabel
                        : p.kind == "modal" ? kModal
                                            : kVerb;
      std::uint64_t head = 0, mask = 0;
      const std::size_t n = std::min<std::size_t>(8, p.phrase.size());
      std::memcpy(&head, p.phrase.data(), n);
      std::memset(&mask, 0xFF, n);
      by_first.push_back({key, head, mask, slot_of(key), &p, kind, p.kind == "closing"});
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
    list_ends = name_ends;
    list_ends.add(U"）等”");
  }

  // Where a unit list before a verb at `end` ends: manner words between them are stepped
  // back over ("A、B要按职责分工负责" ends before 要), no further back than `floor`.
  std::size_t unit_list_end(std::string_view text, std::size_t end, std::size_t floor) const {
    for (int round = 0; round < 4 && end > floor; ++round) {
      std::size_t k = end;
      if (!manner_ends.has(prev_cp(text, k))) break;
      std::string_view head = text.substr(0, end);
      bool stepped = false;
      for (std::string_view m : manners)
        if (end - floor >= m.size() && at_end(head, m)) {
          end -= m.size();
          stepped = true;
          break;
        }
      if (!stepped) break;
    }
    return end;
  }

  // Can `before` end with a unit name ("…区财政局", "…各镇（街道）", "…等")? A cheap test that
  // spares reading the prose before the many verbs that follow no unit.
  bool could_end_unit(std::string_view before) const {
    if (before.empty()) return false;
    if (name_ends_text.empty()) return true;  // rules edited by hand and not compiled
    // Mostly a Chinese character (lead byte E1-EF, never overlong): one table lookup.
    if (const std::size_t n = before.size(); n >= 3) {
      const auto* b = reinterpret_cast<const unsigned char*>(before.data() + n - 3);
      if (b[0] - 0xE1u <= 0xEu && (b[1] & 0xC0) == 0x80 && (b[2] & 0xC0) == 0x80)
        return list_ends.has(first_cp3(before.substr(n - 3)));
    }
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

namespace {

// Notes after one unit of a list ("市商务局（牵头），市财政局") and marks before one
// ("★区发改委、区统计局"): that unit takes the note's role, and the notes are cut out of the
// list. One pass: each item is read once, whatever the number of notes.
std::string_view take_marks(std::string_view list, const Rules& rules,
                            const duban::UnitRegistry& registry, const DutyIndex& index,
                            UnitCache& cache, Duties& d, std::string& out) {
  const bool notes = contains_cp3(list, "（") || list.find('(') != std::string_view::npos;
  bool prefixed = false;
  for (const DutyPhrase* m : index.prefixes) prefixed |= list.find(m->phrase) != list.npos;
  if (!notes && !prefixed) return list;
  out.clear();
  out.reserve(list.size());
  std::size_t item = 0;                 // where the current item starts in `out`
  const DutyPhrase* pending = nullptr;  // a mark seen before the current item
  auto take_item = [&](const DutyPhrase& m) {
    take(d, m.role, cache.get(std::string_view(out).substr(item), rules, registry));
  };
  for (std::size_t i = 0; i < list.size();) {
    const std::string_view rest = list.substr(i);
    const DutyPhrase* mark = nullptr;
    if (index.mark_first_bytes[static_cast<unsigned char>(rest[0])])
      for (const DutyPhrase* m : index.marks)
        if (at_start(rest, m->phrase)) {
          mark = m;
          break;
        }
    if (mark) {
      if (mark->kind == "prefix") {
        pending = mark;
      } else {
        take_item(*mark);
      }
      i += mark->phrase.size();
      continue;
    }
    std::size_t next = i;
    const char32_t c = next_cp(list, next);
    const bool separator =
        c == U'、' || c == U'，' || c == U'；' || c == ',' || c == ';' || c == U'：' || c == ':';
    if (separator && pending) {
      take_item(*pending);
      pending = nullptr;
    }
    out.append(list.substr(i, next - i));
    if (separator) item = out.size();
    i = next;
  }
  if (pending) take_item(*pending);
  return out;
}

}  // namespace

// What find_duties collects, kept from call to call (and, in a LedgerIndex, from document to
// document) so that its vectors are allocated once.
struct DutyScratch {
  struct Label {
    std::size_t at, list;
    const DutyPhrase* phrase;
  };
  struct Verb {
    std::size_t at, end;
    const DutyPhrase* phrase;
    bool modal;
    bool closing;
  };
  std::vector<Label> labels;
  std::vector<Verb> verbs;
  std::vector<Span> masked;
  std::string marks;  // take_marks' copy of a list with notes cut out
  UnitCache units;
};

LedgerIndex::LedgerIndex(const Rules& rules)
    : duties_(std::make_unique<DutyIndex>(rules)), scratch_(std::make_unique<DutyScratch>()) {}
LedgerIndex::~LedgerIndex() = default;

namespace {

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
  UnitCache& cache = scratch.units;
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
      if (at + 8 <= n) {
        std::uint64_t here;
        std::memcpy(&here, bytes + at, 8);
        if ((here & it->head_mask) != it->head) continue;
        if (p->phrase.size() > 8 && !at_start(text.substr(at), p->phrase)) continue;
      } else if (!at_start(text.substr(at), p->phrase)) {
        continue;
      }
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
        if (it->closing && !ends_clause(after)) continue;
        verbs.push_back({at, at + p->phrase.size(), p, it->kind == DutyIndex::kModal, it->closing});
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
    if (labels[k].phrase->role == "deadline") {  // "完成时限：2023年6月": the first one
      if (d.deadline.empty()) d.deadline = trim(text.substr(labels[k].list, end - labels[k].list));
      masked.push_back({labels[k].at, end});
      continue;
    }
    // Verbs inside the list give the units before them their role: "责任单位：A、B牵头，C、D"
    // (A and B lead), "责任单位：A、B按职责分工负责" (the verb is not a unit's name).
    // Only the run of units right before the verb is its: in "牵头单位：A；持续推进，…" A
    // stays the label's.
    std::size_t from = labels[k].list;
    for (const Verb& v : verbs) {
      if (v.at <= from || v.at >= end || v.modal) continue;
      std::string_view part = text.substr(from, index.unit_list_end(text, v.at, from) - from);
      std::vector<std::string_view> items = split_agency_views(part);
      std::size_t run = items.size();
      while (run > 0 && !cache.get(items[run - 1], rules, registry).empty()) --run;
      if (run == items.size()) continue;  // no unit right before it: prose in the list
      const std::size_t run_at = static_cast<std::size_t>(items[run].data() - text.data());
      take(d, labels[k].phrase->role,
           cache.get(take_marks(text.substr(from, run_at - from), rules, registry, index, cache, d,
                                marks_buf),
                     rules, registry));
      take(d, v.phrase->role,
           cache.get(
               take_marks(text.substr(run_at, part.data() + part.size() - text.data() - run_at),
                          rules, registry, index, cache, d, marks_buf),
               rules, registry));
      from = v.end;
    }
    std::string_view list =
        take_marks(text.substr(from, end - from), rules, registry, index, cache, d, marks_buf);
    take(d, labels[k].phrase->role, cache.get(list, rules, registry));
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
      std::vector<std::string> a = cache.get(item.substr(0, at), rules, registry);
      const std::vector<std::string>& b =
          cache.get(item.substr(at + w.phrase.size()), rules, registry);
      if (a.empty() || b.empty()) continue;
      if (w.role == "lead") add_units(leads, a);
      a.insert(a.end(), b.begin(), b.end());
      return a;
    }
    return cache.get(item, rules, registry);
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
    const std::size_t unit_end = modal ? v.at : index.unit_list_end(text, v.at, floor);
    if (unit_end >= 3 && (bytes[unit_end - 3] & 0xF0) == 0xE0 &&
        (bytes[unit_end - 2] & 0xC0) == 0x80 && (bytes[unit_end - 1] & 0xC0) == 0x80 &&
        !index.could_end_unit(text.substr(unit_end - 3, 3))) {
      if (!modal) floor = v.end;
      continue;
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
      if (closes_note(c)) ++depth;
      if (opens_note(c)) {
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
      ItemUnits clause = units_of_items(before, rules, registry, cache);
      if (!clause.only_units_with_an_agency()) continue;
      floor = v.end;
      take(d, v.phrase->role, std::move(clause.units));
      continue;
    }
    // "A、B等部门要按职责分工落实": manner words stand between the units and the verb.
    before = unit_end > start ? text.substr(start, unit_end - start) : std::string_view();
    floor = v.end;
    // Most verbs follow prose ("认真落实"): a unit list ends in a name's last character.
    if (!index.could_end_unit(before)) continue;
    // The longest run of units that ends right at the verb; "由" opens it.
    Duties marked;
    std::string_view cleaned = take_marks(before, rules, registry, index, cache, marked, marks_buf);
    std::vector<std::string_view> items = split_agency_views(cleaned);
    std::vector<std::string> run, leads;
    for (std::size_t k = items.size(); k-- > 0;) {
      std::vector<std::string> u = with_units(items[k], leads);
      if (u.empty()) break;
      run.insert(run.begin(), std::make_move_iterator(u.begin()), std::make_move_iterator(u.end()));
      if (at_start(items[k], "由")) break;
    }
    // A closing verb is also prose ("有关部门应认真组织实施"): a group alone assigns nothing.
    if (v.closing && std::all_of(run.begin(), run.end(),
                                 [&](const std::string& u) { return registry.collective(u); }))
      continue;
    // "A、B等按职责分工落实": split_agencies leaves "B等"; split_units drops 等.
    take(d, v.phrase->role, run);
    if (v.phrase->role != "cooperate") take(d, "lead", leads);
    for (const std::string& u : marked.lead)
      if (std::find(run.begin(), run.end(), u) != run.end()) take_one(d, "lead", u);
  }
  // "牵头单位：A；主办单位：B": A leads and B carries it out; "B主办，C协办": B leads.
  if (d.lead.empty())
    for (const std::string& u : d.host) add_unit(d.lead, u);
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
  DutyScratch& scratch;
  std::string own_buf{};                 // walk's item text, one buffer for every node
  std::string marks_buf{};               // a unit cell with notes cut out
  std::vector<std::string> canon_buf{};  // add's canonical names of a task's units
  // The duties closing_label_of read in the items of a list, which walk reads next.
  std::unordered_map<const OutlineNode*, Duties> read_ahead{};

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
    std::vector<std::string>& canon = canon_buf;
    canon.clear();
    for (const std::string& u : duties.all) canon.push_back(registry.canonical(u));
    // Lead units are in duties.all: their canonical names are looked up once.
    for (const std::string& u : duties.lead) {
      auto at = std::find(duties.all.begin(), duties.all.end(), u);
      std::string c = at != duties.all.end()
                          ? canon[static_cast<std::size_t>(at - duties.all.begin())]
                          : registry.canonical(u);
      if (std::find(t.lead_units.begin(), t.lead_units.end(), c) == t.lead_units.end())
        t.lead_units.push_back(std::move(c));
    }
    t.units.reserve(duties.all.size());
    t.units_as_printed.reserve(duties.all.size());
    for (std::size_t k = 0; k < duties.all.size(); ++k) {
      if (std::find(t.units.begin(), t.units.end(), canon[k]) == t.units.end()) {
        t.units.push_back(std::move(canon[k]));
        t.units_as_printed.push_back(std::move(duties.all[k]));
      }
    }
    std::optional<Date> date = doc.date;
    if (deadline_text.empty()) deadline_text = duties.deadline;
    if (!deadline_text.empty()) t.deadline = find_due_field(deadline_text, date, rules);
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
    // "（责任单位：…）" on its own line closes a list as "责任单位：…" does.
    std::size_t first = 0;
    if (!p.empty() && opens_note(next_cp(p, first))) p.remove_prefix(first);
    for (const DutyPhrase* d : duty_index.labels)
      if (at_start(p, d->phrase) &&
          (at_start(p.substr(d->phrase.size()), "：") || at_start(p.substr(d->phrase.size()), ":")))
        return true;
    return false;
  }

  static std::string own_text(const OutlineNode& node) {
    std::string buf;
    return std::string(own_text(node, buf));  // a view of the node, or of buf
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

  // Does any list under node end with a duty label that lift_closing_labels moves?
  bool has_closing_label(const OutlineNode& node) {
    for (const OutlineNode& child : node.children)
      if (has_closing_label(child)) return true;
    return closing_label_of(node) != std::string::npos;
  }

  // Where the closing label of node's list starts in its last item's text, when it closes
  // the whole list: the last item has no items of its own, the others name no units, and a
  // note joined to the item's sentence follows a list of two items or more (not one item's
  // own note). npos otherwise.
  std::size_t closing_label_of(const OutlineNode& node) {
    if (node.children.empty() || !node.children.back().children.empty()) return std::string::npos;
    const std::string& text = node.children.back().text;
    const std::size_t at = closing_label(text);
    if (at == std::string::npos || (text[at] != '\n' && node.children.size() < 2))
      return std::string::npos;
    for (std::size_t k = 0; k + 1 < node.children.size(); ++k) {
      const OutlineNode& child = node.children[k];
      auto [it, added] = read_ahead.try_emplace(&child);
      if (added) it->second = duties_in(own_text(child, own_buf));
      if (!it->second.empty()) return std::string::npos;
    }
    return at;
  }

  // Where a closing duty label starts in the text of a list's last item: a line of its own
  // ("\n责任部门：…"), or a bracketed note after the item's last sentence that reflow joined
  // to it ("…达到90%以上。（责任单位：A、B）"); npos if there is none.
  std::size_t closing_label(std::string_view text) const {
    std::size_t nl = last_newline(text);
    if (nl != std::string::npos && is_label_paragraph(text.substr(nl + 1))) return nl;
    // The whole text when the item's sentence is its run-in title.
    std::size_t stop = text.rfind("。");
    const std::size_t from = stop == std::string::npos ? 0 : stop + 3;
    if (from >= text.size()) return std::string::npos;
    std::string_view tail = text.substr(from);
    std::size_t first = 0, last = tail.size();
    const bool bracketed = opens_note(next_cp(tail, first)) && closes_note(prev_cp(tail, last));
    if (!bracketed || tail.find("。") != std::string_view::npos || !is_label_paragraph(tail))
      return std::string::npos;
    return from;
  }

  // A line "责任部门：…" (or a note "（责任单位：…）") after the last item of a list closes the
  // whole list: it belongs to the heading above the items, unless an item names units of its
  // own.
  void lift_closing_labels(OutlineNode& node) {
    for (OutlineNode& child : node.children) lift_closing_labels(child);
    const std::size_t at = closing_label_of(node);
    if (at == std::string::npos) return;
    OutlineNode& last = node.children.back();
    const bool own_line = last.text[at] == '\n';
    std::string closing = last.text.substr(own_line ? at + 1 : at);
    last.text.erase(at);
    std::string items;  // the list itself, so that the task says what is to be done
    for (const OutlineNode& child : node.children) items += "\n" + child.label + own_text(child);
    node.text += items + "\n" + closing;
    node.lines.end = std::max(node.lines.end, last.lines.end);
  }

  // "一、县发展和改革局牵头工作（5项）": a heading that names whose items follow it (a
  // heading phrase of duty_phrases.tsv after units and nothing else). Empty if it is not one.
  Duties heading_duties(const OutlineNode& node) {
    Duties d;
    if (node.children.empty() || duty_index.headings.empty()) return d;
    std::string_view title = trim(node.title);
    // A count of the items below: "（5项）".
    if (at_end(title, "项）") || at_end(title, "项)")) {
      const std::size_t open = title.rfind(at_end(title, "）") ? "（" : "(");
      if (open != std::string_view::npos) title = trim(title.substr(0, open));
    }
    for (const DutyPhrase* h : duty_index.headings) {
      if (!at_end(title, h->phrase)) continue;
      std::string_view names = title.substr(0, title.size() - h->phrase.size());
      if (names.empty()) return d;
      ItemUnits named = units_of_items(names, rules, registry, scratch.units);
      if (named.all_units) take(d, h->role, std::move(named.units));
      return d;
    }
    return d;
  }

  // `inherited`: the units of a heading above that names whose items follow; every item
  // without items of its own under it is their task.
  void walk(const OutlineNode& node, std::vector<std::string>& path, const Duties* inherited) {
    Duties heading = heading_duties(node);
    if (!heading.empty()) {
      if (inherited) take_all(heading, *inherited);  // a heading under another: both
      path.push_back(node.label + node.title);
      for (const OutlineNode& child : node.children) walk(child, path, &heading);
      path.pop_back();
      return;
    }
    std::string_view own = own_text(node, own_buf);
    Duties duties;
    if (auto it = read_ahead.find(&node); it != read_ahead.end())
      duties = std::move(it->second);
    else
      duties = duties_in(own);
    // An outline item's closing note may name its units bare (not a table cell's bracket:
    // "区政府办公室（区大数据局）" is one unit there).
    if (duties.empty()) take_bare_notes(own, rules, registry, scratch.units, duties);
    if (inherited && node.children.empty()) {
      Duties both = *inherited;
      take_all(both, duties);
      both.deadline = std::move(duties.deadline);
      duties = std::move(both);
    }
    if (!duties.empty()) add(path, std::string(own), std::move(duties), {}, node.lines);
    if (node.children.empty()) return;
    path.push_back(node.label + node.title);
    for (const OutlineNode& child : node.children) walk(child, path, inherited);
    path.pop_back();
  }

  // Columns: units (by duty phrase), deadline, and the item's text (the column before the
  // first unit column); earlier text columns give the path.
  void table(const Table& t) {
    std::vector<std::pair<std::size_t, std::string_view>> unit_cols;  // column, role
    std::optional<std::size_t> deadline_col;
    std::optional<std::size_t> people_col;          // 牵头领导, 责任人: names of people
    std::vector<bool> detail_col(t.header.size());  // 具体措施: details the column before it
    for (std::size_t c = 0; c < t.header.size(); ++c) {
      const std::string& h = t.header[c];
      for (const DutyPhrase* column : duty_index.columns) {
        const DutyPhrase& p = *column;
        if (h.find(p.phrase) == std::string::npos) continue;
        if (p.role == "ignore")
          people_col = people_col ? std::min(*people_col, c) : c;
        else if (p.role == "deadline")
          deadline_col = c;
        else if (p.role == "detail")
          detail_col[c] = true;
        else
          unit_cols.emplace_back(c, p.role);
        break;
      }
    }
    if (unit_cols.empty() || unit_cols.front().first == 0) return;
    // The item is the column before the units and the people named with them.
    std::size_t first_duty = unit_cols.front().first;
    if (people_col && *people_col > 0) first_duty = std::min(first_duty, *people_col);
    const std::size_t text_col = first_duty - 1;
    std::string_view section;  // a section row ("一、着力推进创新驱动发展") heads the rows below
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r].size() == 1) {
        section = trim(t.rows[r][0]);
        continue;
      }
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
               split_units_lines(take_marks(row[c], rules, registry, duty_index, scratch.units,
                                            duties, marks_buf)));
        take_all(duties, in_cell);
      }
      if (duties.empty()) continue;
      // The item is the cell before the units; a cell that says nothing ("—", "无") gives way
      // to the one before it.
      std::size_t item = text_col;
      while (item > 1 && is_blank_cell(row[item])) --item;
      // "重点任务 | 具体措施": the task is the column before the measures and the measures.
      const bool detailed =
          item > 1 && item < detail_col.size() && detail_col[item] && !is_blank_cell(row[item - 1]);
      std::vector<std::string> path;
      if (!section.empty()) path.emplace_back(section);
      for (std::size_t c = 1; c < (detailed ? item - 1 : item); ++c)
        if (!row[c].empty()) path.push_back(row[c]);
      std::string_view deadline =
          deadline_col && *deadline_col < row.size() ? std::string_view(row[*deadline_col]) : "";
      add(std::move(path), detailed ? row[item - 1] + "：" + row[item] : row[item],
          std::move(duties), deadline, r < t.row_lines.size() ? t.row_lines[r] : t.lines);
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
      add_units(out, scratch.units.get(cell.substr(pos, nl - pos), rules, registry));
      pos = nl + 1;
    }
    return out;
  }
};

}  // namespace

void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry) {
  LedgerIndex index(rules);
  extract_ledger(doc, rules, registry, index);
}

void extract_ledger(Document& doc, const Rules& rules, const duban::UnitRegistry& registry,
                    LedgerIndex& index) {
  std::string id_base = doc.doc_number ? doc.doc_number->text : doc.title.value_or("文件");
  Ledger ledger{doc, rules, registry, std::move(id_base), index.duties(), index.scratch()};
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
  for (const OutlineNode& node : *outline) ledger.walk(node, path, nullptr);
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
