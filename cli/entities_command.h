// cli/entities_command.h: `duban entities [--year YEAR]` — the entities of text read on stdin.
//
// Reads UTF-8 text on standard input (at most 64 MiB), normalizes it line by line
// (core/normalize.h normalize_text; tab-separated cells one by one) and prints one JSON object
// per entity per line (JSON Lines), in input order:
//   {"type":"money","text":"最高不超过500万元","value":5000000,"unit":"元","comparator":"<=","line":3}
//   money / percent: "value" (yuan / the percent number) or, for a range, "min" and "max";
//                    "unit" ("元", "%", "个百分点"); "per" (2万元/户 -> "户"), "comparator"
//                    and "implied_unit" (元 implied by context) when they apply
//   date:            "date" (ISO)
//   deadline:        "date" (ISO or null), "kind" — only when a deadline finder is wired in
//   doc_number:      "doc_number" (normalized), "agency", "year", "serial"
//   unit:            nothing more
//   target:          "metric", "comparator", "value", "unit", "baseline_year", "year" (null
//                    when absent); "text" is the clause
//   and always "type", "text" and "line" (1-based input line).
#ifndef DUBAN_CLI_ENTITIES_COMMAND_H_
#define DUBAN_CLI_ENTITIES_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>

#include "core/entities.h"

namespace duban::cli {

//! The most `duban entities` reads from standard input.
inline constexpr std::size_t kEntitiesMaxInput = std::size_t{64} << 20;

struct EntitiesArgs {
  std::optional<int> year;                    // --year: the document's year (targets)
  std::size_t max_bytes = kEntitiesMaxInput;  // hidden --max-bytes, for tests
  detail::DeadlineFinder find_deadlines;      // empty: no deadline entities (see entities.h)
};

//! Adds the `entities` subcommand to `app`; parsing the command line fills `args`.
CLI::App* add_entities_command(CLI::App& app, EntitiesArgs& args);

//! Runs `duban entities` on `in`: JSON lines to `out`, errors to `err`. Returns the exit code:
//! 0, or 1 if the input is over the limit or cannot be read (nothing is printed then).
int run_entities(const EntitiesArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_ENTITIES_COMMAND_H_
