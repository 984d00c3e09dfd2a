// Entities of a text; see entities.h.
#include "core/entities.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/citations.h"
#include "core/numerals.h"
#include "core/targets.h"
#include "core/utf8.h"

namespace duban::detail {
namespace {

constexpr std::size_t kMaxNameChars = 24;

// Words after which a unit's name starts: 由区财政局牵头, 请区直各部门, 会同区发改局.
constexpr std::string_view kNameStops[] = {
    "会同", "牵头", "负责", "配合", "指导", "督促", "联合", "协调", "协助", "支持", "要求", "抄送",
    "主送", "印发", "报送", "提交", "组织", "由",   "请",   "向",   "对",   "经",   "和",   "与",
    "及",   "或",   "的",   "在",   "将",   "按",   "并",   "给",   "从",   "是",   "为",   "把",
    "被",   "至",   "到",   "等",   "其",   "报",   "送",   "交",   "同",   "以",   "于",   "即",
    "据",   "如",   "凡",   "了",   "着",   "让",   "使",   "要",   "时",   "应",   "须",   "听取",
    "通过", "开展", "加强", "推进", "落实", "做好", "强化", "构建", "提升", "结合", "制定", "建立",
    "完善", "推动", "明确", "纳入", "成立", "调整", "扩大", "增强", "突出", "畅通", "收集", "编制",
    "列席", "依托", "引导", "规范", "优化", "深化", "带动", "辐射", "发挥", "促进", "鼓励", "征求",
    "追加", "压实", "宣传", "整合", "实现", "检查", "统筹", "按照", "依照", "参照", "对照", "其他",
    "贯彻", "深入", "授权", "代表", "健全", "委托", "设立", "接入", "召开"};

// Two characters ending in a one-character suffix that make a word, not a name (承办, 格局).
constexpr std::string_view kNotNameEndings[] = {
    "承办", "主办", "协办", "督办", "举办", "创办", "兴办", "代办", "帮办", "包办",
    "申办", "领办", "通办", "交办", "查办", "快办", "难办", "好办", "格局", "布局",
    "大局", "全局", "结局", "开局", "当局", "时局", "政局", "变局", "新局", "大厅",
    "客厅", "餐厅", "展厅", "门厅", "前厅", "城镇", "乡镇", "集镇", "村镇"};

// Names of a group of units: only a unit when the name says which (各镇, 区直各部门).
constexpr std::string_view kCollective[] = {
    "单位", "部门", "企业", "镇",   "街道", "（街道）", "（街）", "（单位）", "机构",
    "院校", "学校", "高校", "机关", "团体", "组织",     "乡镇",   "社区"};
constexpr std::string_view kGroupWords[] = {"各", "有关", "相关", "所属", "区直", "市直", "县直"};
constexpr std::size_t kMaxCollectiveChars = 12;

// Words a name may start with that say its level.
constexpr std::string_view kLevels[] = {"区", "县",   "市",   "省",     "镇",   "乡",    "旗",
                                        "州", "街道", "国家", "国务院", "中共", "共青团"};
constexpr std::u32string_view kLevelChars = U"区县市省镇乡旗州";

// A suffix followed by one of these characters is part of another word (办理, 局面, 委托 …).
const std::unordered_map<std::string_view, std::u32string_view>& not_after_suffix() {
  static const std::unordered_map<std::string_view, std::u32string_view> m = {
      {"办", U"理法公事学好结件案证照实"},
      {"局", U"面势部限长"},
      {"委", U"托员屈婉"},
      {"中心", U"城区镇村工任环"},
      {"厅", U"堂"},
      {"政府", U"性"},
      {"工作部", U"署门分长"},
      {"组织部", U"署门分长"},
      {"宣传部", U"署门分长"},
      {"指挥部", U"署门分长"}};
  return m;
}

bool is_collective(std::string_view name) {
  for (std::string_view w : kCollective) {
    if (ends_with(name, w)) return true;
  }
  return false;
}

// Is the name, or its part after a level character (兰山区|财政局, 区|住房和城乡建设局), in the
// registry?
bool registry_knows(std::string_view name, const std::unordered_set<std::string_view>& registry) {
  if (registry.count(name)) return true;
  for (std::size_t i = 0; i < name.size();) {
    char32_t c = next_cp(name, i);
    if (kLevelChars.find(c) != std::u32string_view::npos && i < name.size() &&
        registry.count(name.substr(i)))
      return true;
  }
  return false;
}

bool default_is_unit(std::string_view name, std::string_view suffix,
                     const std::unordered_set<std::string_view>& registry) {
  if (registry_knows(name, registry)) return true;
  for (std::string_view w : kNotNameEndings) {
    if (ends_with(name, w)) return false;
  }
  if (is_collective(name)) {
    if (cp_count(name) > kMaxCollectiveChars) return false;
    for (std::string_view w : kGroupWords) {
      if (name.find(w) != std::string_view::npos) return true;
    }
    return false;
  }
  if (cp_count(suffix) >= 3) return true;  // 办公室, 委员会, 人民政府, 分公司 …
  for (std::string_view w : kLevels) {
    if (starts_with(name, w)) return true;
  }
  return false;
}

// kNameStops by their last character.
const std::unordered_map<char32_t, std::vector<std::string_view>>& stops_by_last() {
  static const auto m = [] {
    std::unordered_map<char32_t, std::vector<std::string_view>> by;
    for (std::string_view w : kNameStops) by[last_cp(w)].push_back(w);
    return by;
  }();
  return m;
}

// Where a name may start, kept for the last kWindow bytes of a forward pass: after any
// character that is not Han and after a stop word.
class NameStarts {
 public:
  static constexpr std::size_t kWindow = 512;

  // Called with every code point c of the text, `end` just past it.
  void advance(std::string_view text, char32_t c, std::size_t end) {
    bool start = !is_han(c);
    if (!start) {
      auto it = stops_by_last().find(c);
      if (it != stops_by_last().end()) {
        for (std::string_view w : it->second) {
          if (ends_at(text, 0, end, w)) {
            start = true;
            break;
          }
        }
      }
    }
    if (start) starts_.push_back(end);
    while (starts_.size() > 1 && starts_[1] + kWindow < end) starts_.pop_front();
  }

  // Where the name ending in a suffix that begins at sb starts; npos when the run of Han
  // characters before sb is longer than a name.
  std::size_t before(std::string_view text, std::size_t sb) const {
    auto it = std::upper_bound(starts_.begin(), starts_.end(), sb);
    if (it == starts_.begin()) return std::string_view::npos;
    std::size_t begin = *--it;
    if (sb - begin > kMaxNameChars * 4 || cp_count(text.substr(begin, sb - begin)) > kMaxNameChars)
      return std::string_view::npos;
    return begin;
  }

 private:
  std::deque<std::size_t> starts_{0};
};

int type_rank(std::string_view type) {
  static constexpr std::string_view kOrder[] = {"money",      "percent", "date",  "deadline",
                                                "doc_number", "unit",    "target"};
  for (int k = 0; k < 7; ++k) {
    if (kOrder[k] == type) return k;
  }
  return 7;
}

}  // namespace

std::vector<UnitName> find_unit_names(std::string_view text, const Rules& rules,
                                      const UnitFilter& filter) {
  // Suffixes by their last character, longest first (Rules keeps them longest first).
  std::unordered_map<char32_t, std::vector<std::string_view>> by_last;
  for (const std::string& s : rules.issuer_suffixes) {
    if (!s.empty()) by_last[last_cp(s)].push_back(s);
  }
  for (auto& [c, list] : by_last) {
    std::stable_sort(list.begin(), list.end(),
                     [](std::string_view a, std::string_view b) { return a.size() > b.size(); });
  }
  std::unordered_set<std::string_view> registry;
  for (const std::vector<std::string>& names : rules.units) {
    for (const std::string& n : names) registry.insert(n);
  }

  std::vector<UnitName> out;
  NameStarts starts;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = next_cp(text, i);
    starts.advance(text, c, i);
    auto it = by_last.find(c);
    if (it == by_last.end()) continue;
    const std::size_t e = i;
    std::string_view suffix;
    for (std::string_view s : it->second) {
      if (ends_at(text, 0, e, s)) {
        suffix = s;
        break;
      }
    }
    if (suffix.empty()) continue;
    auto na = not_after_suffix().find(suffix);
    if (na != not_after_suffix().end() && e < text.size()) {
      std::size_t k = e;
      if (na->second.find(next_cp(text, k)) != std::u32string_view::npos) continue;
    }
    const std::size_t sb = e - suffix.size();
    std::size_t begin = starts.before(text, sb);
    if (begin == std::string_view::npos || begin == sb) continue;
    // 和 / 与 / 及 inside a registered name: 区发展和改革局, 区住房和城乡建设局.
    for (std::string_view w : {"和", "与", "及"}) {
      if (!ends_at(text, 0, begin, w)) continue;
      std::size_t wider = starts.before(text, begin - w.size());
      if (wider != std::string_view::npos && wider < begin - w.size() &&
          registry_knows(text.substr(wider, e - wider), registry))
        begin = wider;
    }
    std::string_view name = text.substr(begin, e - begin);
    if (!(filter ? filter(name) : default_is_unit(name, suffix, registry))) continue;
    if (!out.empty() && begin < out.back().end) {
      // A longer reading of the last name (区政府 -> 区政府办公室, 各镇 -> 各镇（街道）, 区委 ->
      // 区委办公室) replaces it; a name overlapping it otherwise is dropped.
      if (begin > out.back().begin) continue;
      out.pop_back();
    }
    out.push_back(UnitName{std::string(name), begin, e});
  }
  return out;
}

std::vector<Entity> find_entities(std::string_view text, const EntityOptions& options) {
  const Rules& rules = options.rules ? *options.rules : Rules::builtin();
  std::vector<Entity> out;
  auto add = [&](std::string type, std::size_t begin, std::size_t end) -> Entity& {
    Entity e;
    e.type = std::move(type);
    e.begin = begin;
    e.end = end;
    e.text = std::string(text.substr(begin, end - begin));
    out.push_back(std::move(e));
    return out.back();
  };
  for (Amount& a : find_amounts(text)) {
    Entity& e = add(a.kind == AmountKind::kMoney ? "money" : "percent", a.begin, a.end);
    e.amount = std::move(a);
  }
  for (std::size_t from = 0, at = 0, end = 0; from < text.size(); from = end) {
    std::optional<Date> d = find_date(text, from, &at, &end);
    if (!d || end <= from) break;
    add("date", at, end).date = *d;
  }
  if (options.find_deadlines) {
    for (EntityDeadline& d : options.find_deadlines(text)) {
      if (d.begin > d.end || d.end > text.size()) continue;
      add("deadline", d.begin, d.end).deadline = std::move(d.deadline);
    }
  }
  for (DocNumberMatch& m : find_doc_numbers(text)) {
    add("doc_number", m.begin, m.end).doc_number = std::move(m.number);
  }
  for (UnitName& u : find_unit_names(text, rules, options.is_unit)) add("unit", u.begin, u.end);
  for (TargetMatch& m : find_target_matches(text, options.doc_year)) {
    Entity e;
    e.type = "target";
    e.begin = m.begin;
    e.end = m.end;
    e.text = m.target.text;
    e.target = std::move(m.target);
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return type_rank(a.type) < type_rank(b.type);
  });
  return out;
}

}  // namespace duban::detail
