// Internal: every entity of a text, for `duban entities` (cli/entities_command.h).
//
// Types, each from its own reader:
//   "money", "percent"  core/amounts.h (value in yuan or the percent number; ranges as min/max)
//   "date"              core/numerals.h find_date (a valid 年月日 date)
//   "deadline"          the deadline module, through EntityOptions::find_deadlines (see below)
//   "doc_number"        core/doc_number.h find_doc_numbers (words that run into the 机关代字,
//                       such as 根据 in 根据鲁政发〔2021〕5号, are not part of it)
//   "unit"              a name of a unit (单位) ending in one of Rules::issuer_suffixes, read as
//                       described at find_unit_names
//   "target"            core/targets.h (the entity's text is the clause)
//
// The deadline hook: core/entities knows nothing of the deadline module. The caller passes a
// function that returns the deadlines of a text with their offsets, for example (core/deadline.h
// reads one deadline per text, without offsets):
//
//   options.find_deadlines = [&](std::string_view text) {
//     std::vector<EntityDeadline> out;
//     if (auto d = find_deadline(text, doc_date, rules)) {
//       std::size_t at = text.find(d->text);
//       if (at != std::string_view::npos) out.push_back({*d, at, at + d->text.size()});
//     }
//     return out;
//   };
//
// Without it there are no "deadline" entities.
#ifndef DUBAN_CORE_ENTITIES_H_
#define DUBAN_CORE_ENTITIES_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/amounts.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::detail {

//! A deadline as the hook reports it: begin and end are byte offsets into the text it got.
struct EntityDeadline {
  Deadline deadline;
  std::size_t begin = 0;
  std::size_t end = 0;
};

using DeadlineFinder = std::function<std::vector<EntityDeadline>(std::string_view text)>;
//! Decides whether a candidate name is a unit (e.g. core/units.h looks_like_unit).
using UnitFilter = std::function<bool(std::string_view name)>;

struct EntityOptions {
  const Rules* rules = nullptr;   // nullptr: Rules::builtin()
  std::optional<int> doc_year;    // for targets: 今年 / 年内, and past figures (targets.h)
  DeadlineFinder find_deadlines;  // empty: no "deadline" entities
  UnitFilter is_unit;             // empty: the simple reading of find_unit_names
};

struct Entity {
  std::string type;       // "money", "percent", "date", "deadline", "doc_number", "unit", "target"
  std::size_t begin = 0;  // byte offsets into the text
  std::size_t end = 0;
  std::string text;                     // as printed; a target's clause
  std::optional<Amount> amount;         // money, percent
  std::optional<Date> date;             // date
  std::optional<Deadline> deadline;     // deadline
  std::optional<DocNumber> doc_number;  // doc_number
  std::optional<Target> target;         // target
};

//! Every entity of `text`, ordered by where it starts (then by the type order above).
std::vector<Entity> find_entities(std::string_view text, const EntityOptions& options = {});

struct UnitName {
  std::string name;
  std::size_t begin = 0;
  std::size_t end = 0;
};

//! Names of units (单位): a run of Han characters ending in an issuer suffix (区财政局,
//! 区政府办公室, 临沂市兰山区人民政府), started after punctuation or after a word that comes
//! before a name (由, 请, 向, 和, 牵头, 会同, 负责 …), at most 24 characters.
//! Without `filter`, a name is kept when it ends in a suffix of three or more characters
//! (人民政府, 办公室, 委员会, 分公司) or begins with a level (区, 县, 市, 省, 镇, 乡, 街道, 国家)
//! or is in the unit registry (Rules::units: 财政局, 发改局; also after a place name:
//! 兰山区财政局); a name of a group (单位, 部门, 企业, 镇, 街道, 机构 …) must say which one (各,
//! 有关, 相关, 所属, 区直) in at most 12 characters.
std::vector<UnitName> find_unit_names(std::string_view text, const Rules& rules,
                                      const UnitFilter& filter = {});

}  // namespace duban::detail

#endif  // DUBAN_CORE_ENTITIES_H_
