// duban: command line entry point. Subcommands live in their own files (parse_command.cc,
// tasks_command.cc, units_command.cc, ingest_command.cc …).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/entities_command.h"
#include "cli/ingest_command.h"
#include "cli/parse_command.h"
#include "cli/serve_command.h"
#include "cli/tasks_command.h"
#include "cli/units_command.h"
#include "cli/user_command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"duban：解析中国政府公文（发文字号、发文机关、标题、成文日期、提纲等）", "duban"};
  app.set_version_flag("--version", "duban " DUBAN_VERSION);
  app.require_subcommand(1);
  duban::cli::ParseArgs parse_args;
  CLI::App* parse = duban::cli::add_parse_command(app, parse_args);
  duban::cli::TasksArgs tasks_args;
  CLI::App* tasks = duban::cli::add_tasks_command(app, tasks_args);
  duban::cli::UnitsArgs units_args;
  CLI::App* units = duban::cli::add_units_command(app, units_args);
  duban::cli::EntitiesArgs entities_args;
  CLI::App* entities = duban::cli::add_entities_command(app, entities_args);
  duban::cli::IngestArgs ingest_args;
  CLI::App* ingest = duban::cli::add_ingest_command(app, ingest_args);
  duban::cli::ServeArgs serve_args;
  CLI::App* serve = duban::cli::add_serve_command(app, serve_args);
  duban::cli::UserAddArgs user_add_args;
  CLI::App* user_add = duban::cli::add_user_command(app, user_add_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "duban: 错误: " << e.what() << "（用法见 duban --help）\n";
    return 2;
  }
  if (parse->parsed()) return duban::cli::run_parse(parse_args, std::cout, std::cerr);
  if (tasks->parsed()) return duban::cli::run_tasks(tasks_args, std::cout, std::cerr);
  if (units->parsed()) return duban::cli::run_units(units_args, std::cout, std::cerr);
  if (entities->parsed())
    return duban::cli::run_entities(entities_args, std::cin, std::cout, std::cerr);
  if (ingest->parsed()) return duban::cli::run_ingest(ingest_args, std::cout, std::cerr);
  if (serve->parsed()) return duban::cli::run_serve(serve_args, std::cout, std::cerr);
  if (user_add->parsed())
    return duban::cli::run_user_add(user_add_args, std::cin, std::cout, std::cerr);
  return 0;
}
