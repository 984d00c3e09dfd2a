// Internal: reading unit names in text (the registry is public: duban/units.h).
#ifndef DUBAN_CORE_UNITS_H_
#define DUBAN_CORE_UNITS_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "duban/rules.h"
#include "duban/units.h"

namespace duban::detail {

//! Does a short name read as a unit: an agency (区财政局, 周村邮政分公司), a collective
//! (各镇（街道）, 区政府有关部门单位, 各镇政府), a 科室 is not a unit of its own.
bool looks_like_unit(std::string_view name, const Rules& rules,
                     const duban::UnitRegistry& registry);

//! Splits a printed list of units ("区发展改革局、区财政局，各镇（街道）等") into names: on
//! 、，,；; and 和/及/与 between two units; a trailing 等 or 等相关部门 is dropped. Names that
//! do not read as units (科室, phone numbers, words) are left out.
std::vector<std::string> split_units(std::string_view list, const Rules& rules,
                                     const duban::UnitRegistry& registry);

//! What split_units read from single items ("区财政局", "各镇（街道）等"), kept by a caller
//! that splits many lists naming the same units (a document's ledger): an item read before
//! costs a lookup instead of the tests of looks_like_unit. For one rules and registry only.
class UnitItemCache {
 public:
  //! The units of an item read before, or nullptr.
  const std::vector<std::string>* find(std::string_view item) const;
  void put(std::string_view item, std::vector<std::string> units);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> units_;
};

//! The same, reading each item through `cache`.
std::vector<std::string> split_units(std::string_view list, const Rules& rules,
                                     const duban::UnitRegistry& registry, UnitItemCache& cache);

}  // namespace duban::detail

#endif  // DUBAN_CORE_UNITS_H_
