// duban/units.h: canonical names of units (单位) from the unit registry.
//
// Usage:
//   duban::UnitRegistry registry(duban::Rules::builtin());
//   registry.canonical("区发改局");   // "区发展和改革局"
//   registry.canonical("县卫计局");   // "县卫生健康局" (renamed in the 2019 reform)
//
// The registry is data (data/units.tsv, replaceable per jurisdiction). Its names carry no
// level prefix: a printed name's leading 区/县/市/旗/镇 is kept and put in front of the
// canonical name. A name the registry does not know is its own canonical name.
#ifndef DUBAN_UNITS_H_
#define DUBAN_UNITS_H_

#include <bitset>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "duban/rules.h"

namespace duban {

class UnitRegistry {
 public:
  explicit UnitRegistry(const Rules& rules);
  //! The canonical name of a unit as printed; the printed name when unknown.
  std::string canonical(std::string_view printed) const;
  //! Whether the registry knows the name (with or without its level prefix).
  bool known(std::string_view printed) const;
  //! Whether the name is a group of units rather than one agency (各镇（街道）, 区直有关部门,
  //! 各县（市、区）人民政府): it ends as a collective_units.txt entry and says which group.
  //! Such a name is a unit of the ledger but not one to add to the registry.
  bool collective(std::string_view printed) const;

  //! Rules::place_units by kind, with the characters that end or start them (by the low twelve
  //! bits of their code points, as last_char_slot), so that most names are tested with one
  //! lookup. For the unit readers (core/units.h).
  struct PlaceWords {
    std::vector<std::string_view> levels, governments, places, words, starts;
    std::bitset<4096> suffix_ends;   // last characters of governments and places
    std::bitset<4096> start_firsts;  // first characters of starts
    bool odd = false;                // a word not of three-byte characters: test every name
  };
  const PlaceWords& places() const { return places_; }
  //! The low twelve bits of the last (first) character of `name` when it is a well-formed
  //! three-byte character, else -1.
  static int last_char_slot(std::string_view name);
  static int first_char_slot(std::string_view name);

 private:
  const std::string* lookup(std::string_view name, std::string_view* prefix) const;
  // Looked up by string_view without building a string.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>>
      canonical_;                            // alias or canonical -> canonical
  std::vector<std::string> collective_ends;  // Rules::collective_units
  // The names' last characters, by the low twelve bits of their code points: most names read
  // in text end with none of them, and are turned away without hashing. `any_last` when some
  // name ends in a character that is not three bytes long (then nothing is turned away).
  std::bitset<4096> last_chars_;
  bool any_last_ = false;
  PlaceWords places_;
};

}  // namespace duban

#endif  // DUBAN_UNITS_H_
