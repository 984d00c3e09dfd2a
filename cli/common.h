// cli/common.h: what every subcommand shares: its messages, the --rules and FILE options,
// loading rule overrides, and checking that standard output was written.
#ifndef DUBAN_CLI_COMMON_H_
#define DUBAN_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "duban/document.h"
#include "duban/rules.h"

namespace duban::cli {

//! "duban: 错误: FILE: reason".
void print_error(std::ostream& err, const std::string& file, const std::string& reason);
//! "duban: 警告: FILE:LINE: message", one line each.
void print_warnings(std::ostream& err, const std::string& file,
                    const std::vector<Warning>& warnings);

//! Adds `--rules DIR` and the required FILE... arguments.
void add_rules_and_files(CLI::App* cmd, std::string& rules_dir, std::vector<std::string>& files);

//! Loads rule overrides from `dir` into `loaded` (nothing when `dir` is empty); on bad input
//! prints the error and returns false.
bool load_rules(const std::string& dir, std::optional<Rules>& loaded, std::ostream& err);

//! Flushes `out`; returns 1 with a message if it could not be written, else `status`.
int finish_output(std::ostream& out, std::ostream& err, int status);

}  // namespace duban::cli

#endif  // DUBAN_CLI_COMMON_H_
