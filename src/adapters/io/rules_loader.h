// adapters/io/rules_loader.h: rule overrides from a directory (see include/duban/rules.h).
#ifndef DUBAN_ADAPTERS_IO_RULES_LOADER_H_
#define DUBAN_ADAPTERS_IO_RULES_LOADER_H_

#include <array>
#include <string>
#include <string_view>

#include "duban/rules.h"

namespace duban::io {

//! The rule data files a directory may hold (the files of data/, see duban/rules.h).
inline constexpr auto& kRuleFileNames = duban::kRuleFileNames;

//! Reads whichever of the rule files `dir` holds (any encoding TextReader accepts; an
//! empty file is an empty rule list) and returns Rules::from_sources() of them: files that
//! are absent keep the builtin rules. Throws InputError if `dir` is not a readable directory,
//! holds none of the files, or a file cannot be read; RuleError (message starting with
//! the file's path) on malformed rule data.
Rules load_rules_dir(const std::string& dir);

}  // namespace duban::io

#endif  // DUBAN_ADAPTERS_IO_RULES_LOADER_H_
