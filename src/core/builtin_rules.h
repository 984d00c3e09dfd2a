// Internal: the rule data files compiled into the binary (tools/embed_rules.cmake).
#ifndef DUBAN_CORE_BUILTIN_RULES_H_
#define DUBAN_CORE_BUILTIN_RULES_H_

#include <vector>

#include "duban/rules.h"

namespace duban::detail {
const std::vector<RuleSource>& builtin_rule_sources();
}  // namespace duban::detail

#endif  // DUBAN_CORE_BUILTIN_RULES_H_
