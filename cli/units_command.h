// cli/units_command.h: `duban units [--json] [--rules DIR] FILE...`
//
// The units (单位) that the tasks of the documents name, with how many tasks each has (in all
// and as lead unit), and apart from them the names that the unit registry does not know, so
// that a jurisdiction can add them to its units.tsv (duban --rules DIR).
#ifndef DUBAN_CLI_UNITS_COMMAND_H_
#define DUBAN_CLI_UNITS_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "adapters/export/ledger_export.h"
#include "duban/units.h"

namespace duban::cli {

struct UnitsArgs {
  bool json = false;
  std::string rules_dir;  // empty: builtin rules
  std::vector<std::string> files;
};

//! A unit name and the number of tasks that name it.
struct UnitCount {
  std::string name;
  std::size_t tasks = 0;  // tasks that name the unit (once per task)
  std::size_t lead = 0;   // of those, tasks that name it as lead unit (牵头)
};

struct UnitCounts {
  std::vector<UnitCount> known;    // canonical names the registry knows
  std::vector<UnitCount> unknown;  // names it does not know, as they appear in tasks
};

//! Counts the units of `rows` by canonical name. Both lists are sorted by task count, then lead
//! count, descending; ties keep the order of first appearance.
UnitCounts count_units(const std::vector<exporter::LedgerRow>& rows, const UnitRegistry& registry);

//! Adds the `units` subcommand to `app`; parsing the command line fills `args`.
CLI::App* add_units_command(CLI::App& app, UnitsArgs& args);

//! Runs `duban units`: the lists to `out`, warnings and errors to `err`. Returns the exit
//! code: 0, or 1 if any file or the rules directory could not be read (no output then).
int run_units(const UnitsArgs& args, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_UNITS_COMMAND_H_
