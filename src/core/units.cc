#include "core/units.h"

#include <algorithm>

#include "core/classify.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

constexpr std::string_view kLevels[] = {"区", "县", "市", "旗", "镇"};

// Words that say which group a collective name means.
constexpr std::string_view kGroupWords[] = {"各", "有关", "相关", "直", "所属", "成员", "主管"};

// "A、B等" is A and B; "A、B等相关部门单位" is A, B and the group 相关部门单位 (`tail`).
std::string_view strip_etc(std::string_view s, std::string_view* tail = nullptr) {
  std::size_t deng = s.rfind("等");
  if (deng != std::string_view::npos && deng > 0) {
    std::string_view rest = s.substr(deng + 3);
    if (rest.empty() || rest.find("相关") != std::string_view::npos ||
        rest.find("有关") != std::string_view::npos || rest == "部门" || rest == "单位" ||
        rest == "部门单位") {
      if (tail) *tail = rest;
      return s.substr(0, deng);
    }
  }
  return s;
}

}  // namespace

}  // namespace duban::detail

namespace duban {

UnitRegistry::UnitRegistry(const Rules& rules) : collective_ends(rules.collective_units) {
  for (const std::vector<std::string>& names : rules.units) {
    if (names.empty()) continue;
    for (const std::string& n : names) canonical_.emplace(n, names.front());
  }
  for (const auto& [name, canonical] : canonical_) {
    if (last_char_slot(name) < 0)
      any_last_ = true;
    else
      last_chars_.set(static_cast<std::size_t>(last_char_slot(name)));
  }
  for (const auto& [kind, word] : rules.place_units) {
    std::string_view w = word;
    if (kind == "level") places_.levels.push_back(w);
    if (kind == "government") places_.governments.push_back(w);
    if (kind == "place") places_.places.push_back(w);
    if (kind == "word") places_.words.push_back(w);
    if (kind == "start") places_.starts.push_back(w);
    const int slot = kind == "start" ? first_char_slot(w) : last_char_slot(w);
    if (slot < 0) {
      places_.odd = true;
    } else if (kind == "start") {
      places_.start_firsts.set(static_cast<std::size_t>(slot));
    } else if (kind == "government" || kind == "place") {
      places_.suffix_ends.set(static_cast<std::size_t>(slot));
    }
  }
}

int UnitRegistry::first_char_slot(std::string_view name) {
  if (name.size() < 3) return -1;
  const auto* b = reinterpret_cast<const unsigned char*>(name.data());
  if ((b[0] & 0xF0) != 0xE0 || (b[1] & 0xC0) != 0x80 || (b[2] & 0xC0) != 0x80) return -1;
  return (b[1] & 0x3F) << 6 | (b[2] & 0x3F);
}

// The low twelve bits of the last character when it is a well-formed three-byte one, else -1.
int UnitRegistry::last_char_slot(std::string_view name) {
  if (name.size() < 3) return -1;
  const auto* b = reinterpret_cast<const unsigned char*>(name.data() + name.size() - 3);
  if ((b[0] & 0xF0) != 0xE0 || (b[1] & 0xC0) != 0x80 || (b[2] & 0xC0) != 0x80) return -1;
  return (b[1] & 0x3F) << 6 | (b[2] & 0x3F);
}

const std::string* UnitRegistry::lookup(std::string_view name, std::string_view* prefix) const {
  if (!any_last_) {
    const int slot = last_char_slot(name);
    if (slot < 0 || !last_chars_.test(static_cast<std::size_t>(slot))) return nullptr;
  }
  auto it = canonical_.find(name);
  if (it != canonical_.end()) {
    *prefix = {};
    return &it->second;
  }
  for (std::string_view level : detail::kLevels) {
    if (!detail::at_start(name, level)) continue;
    it = canonical_.find(name.substr(level.size()));
    if (it != canonical_.end()) {
      *prefix = level;
      return &it->second;
    }
  }
  return nullptr;
}

std::string UnitRegistry::canonical(std::string_view printed) const {
  std::string_view prefix;
  const std::string* c = lookup(printed, &prefix);
  if (!c) return std::string(printed);
  return std::string(prefix) + *c;
}

bool UnitRegistry::known(std::string_view printed) const {
  std::string_view prefix;
  return lookup(printed, &prefix) != nullptr;
}

bool UnitRegistry::collective(std::string_view name) const {
  // "各镇（街道）": the name before the bracket may say it.
  if (detail::at_end(name, "）")) {
    std::size_t open = name.find("（");
    if (open != std::string_view::npos && open > 0 && collective(name.substr(0, open))) return true;
  }
  for (const std::string& end : collective_ends)
    if (detail::at_end(name, end))
      for (std::string_view w : detail::kGroupWords)
        if (name.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace duban

namespace duban::detail {

bool names_a_group(std::string_view name, const Rules& rules, const UnitRegistry& registry);

// One place's government or office (data/place_units.tsv): "河口县人民政府", "台山市政府",
// "三星镇", "站前街道"; not a group ("各县政府", "镇街道": towns and streets), nor a long
// phrase ending in 镇.
bool names_one_place(std::string_view name, const UnitRegistry& registry) {
  const UnitRegistry::PlaceWords& pw = registry.places();
  if (!pw.odd) {  // most names end in 局, 委, 办 …: one lookup
    const int slot = UnitRegistry::last_char_slot(name);
    if (slot < 0 || !pw.suffix_ends.test(static_cast<std::size_t>(slot))) return false;
  }
  for (std::string_view w : kGroupWords)
    if (name.find(w) != std::string_view::npos) return false;
  for (std::string_view w : pw.words)
    if (at_end(name, w)) return false;
  for (std::string_view place : pw.places) {
    if (!at_end(name, place)) continue;
    std::string_view before = name.substr(0, name.size() - place.size());
    const std::size_t chars = cp_count(before);
    bool has_level = false;
    for (std::string_view level : pw.levels) has_level |= before.find(level) != before.npos;
    if (chars >= 2 && chars <= 6 && !has_level) return true;
  }
  for (std::string_view government : pw.governments) {
    if (!at_end(name, government)) continue;
    std::string_view before = name.substr(0, name.size() - government.size());
    const std::size_t chars = cp_count(before);
    if (chars < 2 || chars > 10) continue;
    for (std::string_view level : pw.levels)
      if (at_end(before, level) && before.size() > level.size()) return true;
  }
  return false;
}

bool looks_like_unit(std::string_view name, const Rules& rules, const UnitRegistry& registry) {
  if (name.empty() || cp_count(name) > 30) return false;
  if (registry.known(name)) return true;
  if (at_end(name, "科") || at_end(name, "股")) return false;  // a section inside a bureau
  for (std::size_t i = 0; i < name.size();) {
    char32_t c = next_cp(name, i);
    if (!(is_han(c) || c == U'（' || c == U'）' || c == U'、' || c == U'〈' || c == U'〉' ||
          c == U'〔' || c == U'〕' || c == U'“' || c == U'”'))
      return false;
  }
  // "区政府办公室（区大数据局）", "区文化和旅游局（区图书馆）": the name before the bracket.
  if (at_end(name, "）")) {
    std::size_t open = name.rfind("（");
    if (open != std::string_view::npos && open > 0)
      return looks_like_unit(name.substr(0, open), rules, registry);
  }
  if (names_one_place(name, registry)) return true;
  for (const std::string& end : rules.collective_units) {
    if (!at_end(name, end)) continue;
    // "加快培育商贸龙头企业": a word, not a group of units; "督促各企业": a verb before a group.
    return names_a_group(name, rules, registry);
  }
  return looks_like_issuer(name, rules);
}

// A group says which group, and what stands before its group word is a level or a unit:
// "各镇（街道）", "有关单位", "区直有关部门", "市级各有关部门", "全区各部门", "区政府各部门",
// "区疫情防控指挥部成员单位"; not "督促各企业", "鼓励有关单位" (a clause's verb before the group).
bool names_a_group(std::string_view name, const Rules& rules, const UnitRegistry& registry) {
  std::size_t first = std::string_view::npos;
  for (std::string_view w : kGroupWords) first = std::min(first, name.find(w));
  if (first == std::string_view::npos) return false;
  std::string_view before = name.substr(0, first);
  if (at_start(before, "全") || at_start(before, "本")) before.remove_prefix(3);
  if (at_end(before, "级")) before.remove_suffix(3);
  if (before.empty()) return true;
  for (std::string_view level : registry.places().levels)
    if (before == level) return true;
  // An agency's own name ("区政府" of 区政府各部门, "区安委会" of 区安委会各成员单位), not a
  // group again: it ends as unit names end.
  if (registry.known(before) || looks_like_issuer(before, rules)) return true;
  std::size_t last = before.size();
  prev_cp(before, last);
  return rules.unit_name_ends.find(before.substr(last)) != std::string_view::npos;
}

namespace {

bool starts_a_unit(std::string_view s, const UnitRegistry& registry) {
  const UnitRegistry::PlaceWords& pw = registry.places();
  if (!pw.odd) {
    const int slot = UnitRegistry::first_char_slot(s);
    if (slot < 0 || !pw.start_firsts.test(static_cast<std::size_t>(slot))) return false;
  }
  for (std::string_view w : pw.starts)
    if (at_start(s, w)) return true;
  return false;
}

// Names printed with spaces between them, which normalization joined ("区财政局 区住建局"
// reads 区财政局区住建局): split where a name of three characters or more that reads as an
// agency ends and a unit's first word (place_units.tsv start) begins, left to right, the
// shortest name first. A group that names no places is the body's before it ("区政府各部门",
// "安委会各成员单位"), and "市公安局交警支队" is one name: nothing starts at 交.
bool split_run_together(std::string_view name, const Rules& rules, const UnitRegistry& registry,
                        std::vector<std::string>& out) {
  constexpr std::size_t kMinBytes = 9;  // three characters
  if (name.size() < 2 * kMinBytes || name.size() > 40 * 3) return false;
  // Cheap test first: a unit's first word inside the name, after a character that ends
  // agency names.
  bool boundary = false;
  for (std::size_t p = kMinBytes; p + kMinBytes <= name.size() && !boundary;) {
    if (starts_a_unit(name.substr(p), registry)) {
      std::size_t q = p;
      prev_cp(name, q);
      boundary = rules.issuer_suffix_ends.find(name.substr(q, p - q)) != std::string::npos;
    }
    next_cp(name, p);
  }
  if (!boundary) return false;
  std::vector<std::string_view> pieces;
  for (std::size_t pos = 0; pos < name.size();) {
    std::size_t end = 0;
    for (std::size_t e = pos; e < name.size() && end == 0;) {
      next_cp(name, e);
      if (e - pos < kMinBytes) continue;
      std::string_view piece = name.substr(pos, e - pos), rest = name.substr(e);
      if (rest.empty()) {
        if (looks_like_unit(piece, rules, registry)) end = e;
        continue;
      }
      if (!starts_a_unit(rest, registry)) continue;
      // "区政府各部门", "旗安委会各成员单位": the group is the body's own unless it names
      // places ("区住建局各乡镇（街道）").
      bool own_group = at_start(rest, "各") || at_start(rest, "有关");
      for (std::string_view level : registry.places().levels)
        if (rest.find(level) != std::string_view::npos) own_group = false;
      if (!own_group && (registry.known(piece) || looks_like_issuer(piece, rules))) end = e;
    }
    if (end == 0) return false;
    pieces.push_back(name.substr(pos, end - pos));
    pos = end;
  }
  if (pieces.size() < 2) return false;
  for (std::string_view p : pieces) out.emplace_back(p);
  return true;
}

}  // namespace

const std::vector<std::string>* UnitItemCache::find(std::string_view item) const {
  auto it = units_.find(item);
  return it == units_.end() ? nullptr : &it->second;
}

void UnitItemCache::put(std::string_view item, std::vector<std::string> units) {
  units_.emplace(std::string(item), std::move(units));
}

namespace {

// Items longer than this are read each time: they are rarely repeated, and the cache would
// come to hold much of the document.
constexpr std::size_t kMaxCachedItem = 128;

std::vector<std::string> split_units_with(std::string_view list, const Rules& rules,
                                          const UnitRegistry& registry, UnitItemCache* cache) {
  std::vector<std::string> out;
  std::string_view group;
  std::string full;  // a name with its half-width brackets written full-width
  const std::string_view items = strip_etc(trim(list), &group);
  auto read_one = [&](std::string_view item) {
    // Half-width brackets are written full-width in names: 各乡镇人民政府(街道办事处).
    std::string_view bare = trim(strip_etc(item));
    std::string_view name = bare;
    if (bare.find('(') != std::string_view::npos || bare.find(')') != std::string_view::npos) {
      full.clear();
      for (char ch : bare) {
        if (ch == '(')
          full += "（";
        else if (ch == ')')
          full += "）";
        else
          full += ch;
      }
      name = full;
    }
    // "由区商务局": a leading 由 is not part of the name.
    if (at_start(name, "由")) name.remove_prefix(3);
    if (name.empty()) return;
    if (split_run_together(name, rules, registry, out)) return;
    // "区财政局和区发改局": 和/及/与 between two units ("区发展和改革局" is one).
    bool split = false;
    // Two names of at most 30 characters each (looks_like_unit's bound): a longer item is
    // not tried at every 和, which would read it again each time.
    const bool short_enough = name.size() <= 2 * 30 * 3 + 3;
    for (std::string_view conj : {"和", "及", "与"}) {
      if (!short_enough || !contains_cp3(name, conj)) continue;
      for (std::size_t at = name.find(conj); !split && at != std::string_view::npos;
           at = name.find(conj, at + conj.size())) {
        std::string_view a = name.substr(0, at), b = name.substr(at + conj.size());
        if (looks_like_unit(a, rules, registry) && looks_like_unit(b, rules, registry)) {
          out.emplace_back(a);
          out.emplace_back(b);
          split = true;
        }
      }
    }
    if (!split && looks_like_unit(name, rules, registry)) out.emplace_back(name);
    // "区政府各部门单位（特别是…的区政府部门：区发展和改革局、区财政局…）", "…区政府部门
    // （区发展和改革局、区教育和体育局…）": the units listed in a bracket are named too.
    std::size_t open = name.find("（");
    if (open != std::string_view::npos && at_end(name, "）")) {
      std::string_view inner = name.substr(open + 3, name.size() - open - 6);
      std::size_t colon = inner.find("：");
      bool labelled = colon != std::string_view::npos;
      if (labelled) inner = inner.substr(colon + 3);
      std::vector<std::string> listed = split_units_with(inner, rules, registry, cache);
      if (labelled || listed.size() >= 2)
        for (std::string& u : listed) out.push_back(std::move(u));
    }
  };
  // An item's units depend on the item alone: what was read once is looked up.
  auto one = [&](std::string_view item) {
    if (!cache || item.size() > kMaxCachedItem) return read_one(item);
    if (const std::vector<std::string>* units = cache->find(item)) {
      out.insert(out.end(), units->begin(), units->end());
      return;
    }
    const std::size_t from = out.size();
    read_one(item);
    cache->put(
        item, std::vector<std::string>(out.begin() + static_cast<std::ptrdiff_t>(from), out.end()));
  };
  // "各县、市、区政府" is one group whose levels are listed with 、: "各县" and the bare levels
  // after it are held until a level with the rest of the name ("区政府") closes the series.
  auto is_level = [](std::string_view s) {
    for (std::string_view level : kLevels)
      if (s == level) return true;
    return false;
  };
  std::size_t series = std::string_view::npos;  // where a held series starts in items
  std::vector<std::string_view> held;
  auto release = [&]() {
    for (std::string_view h : held) one(h);
    held.clear();
    series = std::string_view::npos;
  };
  for_each_agency(items, [&](std::string_view item) {
    const std::size_t at = static_cast<std::size_t>(item.data() - items.data());
    if (at_start(item, "各") && is_level(item.substr(3))) {
      release();
      series = at;
      held.push_back(item);
      return;
    }
    if (series != std::string_view::npos && is_level(item)) {  // "市"
      held.push_back(item);
      return;
    }
    if (series != std::string_view::npos && held.size() >= 2 && is_level(item.substr(0, 3))) {
      held.clear();  // "区政府" closes "各县、市、区政府"
      one(items.substr(series, at + item.size() - series));
      series = std::string_view::npos;
      return;
    }
    release();
    one(item);
  });
  release();
  if (!group.empty() && looks_like_unit(group, rules, registry)) out.emplace_back(group);
  return out;
}

}  // namespace

std::vector<std::string> split_units(std::string_view list, const Rules& rules,
                                     const UnitRegistry& registry) {
  return split_units_with(list, rules, registry, nullptr);
}

std::vector<std::string> split_units(std::string_view list, const Rules& rules,
                                     const UnitRegistry& registry, UnitItemCache& cache) {
  return split_units_with(list, rules, registry, &cache);
}

}  // namespace duban::detail
