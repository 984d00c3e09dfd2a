// cli/parse_command.h: `duban parse [--json] [--rules DIR] FILE...`
#ifndef DUBAN_CLI_PARSE_COMMAND_H_
#define DUBAN_CLI_PARSE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "adapters/io/parse_driver.h"

namespace duban::cli {

struct ParseArgs {
  bool json = false;
  bool no_ledger = false;  // --no-ledger: documents only, no tasks/targets/citations
  std::string rules_dir;   // empty: builtin rules
  std::vector<std::string> files;
  std::size_t chunk_bytes = io::kDefaultChunkBytes;  // hidden --chunk-bytes, for tests
};

//! Adds the `parse` subcommand to `app`; parsing the command line fills `args`.
CLI::App* add_parse_command(CLI::App& app, ParseArgs& args);

//! Runs `duban parse`: results to `out`, warnings and errors to `err`. Returns the exit code:
//! 0, or 1 if any file (or the rules directory) could not be read.
int run_parse(const ParseArgs& args, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_PARSE_COMMAND_H_
