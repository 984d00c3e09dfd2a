// cli/tasks_command.h: `duban tasks [--json|--csv|--xlsx FILE] [--unit NAME]...
// [--due-from YYYY-MM-DD] [--due-to YYYY-MM-DD] [--rules DIR] FILE...`
//
// The task ledger (工作台账) of all documents in the files, filtered by unit and due date,
// as a table on the terminal, JSON, CSV or an Excel workbook (adapters/export/ledger_export.h).
// Also the helpers that `duban units` shares: loading rules, collecting tasks.
#ifndef DUBAN_CLI_TASKS_COMMAND_H_
#define DUBAN_CLI_TASKS_COMMAND_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/export/ledger_export.h"
#include "duban/document.h"
#include "duban/rules.h"

namespace duban::cli {

struct TasksArgs {
  bool json = false;
  bool csv = false;
  std::string xlsx;                // output workbook; empty: none
  std::vector<std::string> units;  // --unit, as given: a task matches if it has any of them
  std::string due_from;            // YYYY-MM-DD, or empty
  std::string due_to;              // YYYY-MM-DD, or empty
  std::string rules_dir;           // empty: builtin rules
  std::vector<std::string> files;
};

//! Adds the `tasks` subcommand to `app`; parsing the command line fills `args` (and rejects
//! malformed dates).
CLI::App* add_tasks_command(CLI::App& app, TasksArgs& args);

//! Runs `duban tasks`: the ledger to `out` (or to args.xlsx), warnings and errors to `err`.
//! Returns the exit code: 0; 1 if any file, the rules directory or the workbook could not be
//! read or written (nothing is written to `out` then); 2 for a usage error.
int run_tasks(const TasksArgs& args, std::ostream& out, std::ostream& err);

//! "2024-09-30" -> the date, if it is one (exactly YYYY-MM-DD, a real calendar day).
std::optional<Date> parse_iso_date(std::string_view text);

//! Parses every file and appends one row per task, in source order. Files that cannot be
//! read are reported on `err` (as `duban parse` does) and skipped; returns false if there
//! was any. Parser warnings go to `err` as well.
bool collect_tasks(const std::vector<std::string>& files, const Rules& rules,
                   std::vector<exporter::LedgerRow>& rows, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_TASKS_COMMAND_H_
