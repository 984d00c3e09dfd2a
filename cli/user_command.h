// cli/user_command.h: `duban user add --db D --name N --role admin|unit|viewer [--unit U]`
//
// Creates an account. The password is the first line of standard input (at least 8 bytes);
// on a terminal it is asked for without echo. A unit user needs --unit, which is stored under
// its canonical name (the unit registry, data/units.tsv or --rules DIR).
#ifndef DUBAN_CLI_USER_COMMAND_H_
#define DUBAN_CLI_USER_COMMAND_H_

#include <CLI/CLI.hpp>
#include <istream>
#include <ostream>
#include <string>

namespace duban::cli {

struct UserAddArgs {
  std::string db = "duban.db";
  std::string name;
  std::string role;
  std::string unit;
  std::string rules_dir;
};

//! Adds `user` with its subcommand `add`; returns the `add` subcommand.
CLI::App* add_user_command(CLI::App& app, UserAddArgs& args);

//! Runs `duban user add`. Returns 0, or 1 with a message in Chinese (bad password, unknown
//! role, unit missing, name taken, database error).
int run_user_add(const UserAddArgs& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_USER_COMMAND_H_
