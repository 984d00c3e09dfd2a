// duban: command line entry point. Subcommands live in their own files (parse_command.cc).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/parse_command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app{"duban：解析中国政府公文（发文字号、发文机关、标题、成文日期、提纲等）", "duban"};
  app.set_version_flag("--version", "duban " DUBAN_VERSION);
  app.require_subcommand(1);
  duban::cli::ParseArgs parse_args;
  CLI::App* parse = duban::cli::add_parse_command(app, parse_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "duban: 错误: " << e.what() << "（用法见 duban --help）\n";
    return 2;
  }
  if (parse->parsed()) return duban::cli::run_parse(parse_args, std::cout, std::cerr);
  return 0;
}
