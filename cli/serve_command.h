// cli/serve_command.h: `duban serve --db D [--host 127.0.0.1] [--port 8080] [--trust-proxy]`
//
// Runs the HTTP service (JSON API under /api/v1/ and the web interface) until SIGINT or
// SIGTERM. Prints the address; when the database has no user yet, prints how to create the
// administrator.
#ifndef DUBAN_CLI_SERVE_COMMAND_H_
#define DUBAN_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace duban::cli {

struct ServeArgs {
  std::string db = "duban.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  bool trust_proxy = false;
  int threads = 8;
};

CLI::App* add_serve_command(CLI::App& app, ServeArgs& args);

//! Serves until a signal stops it. Returns 0 after a clean stop, 1 if the database cannot be
//! opened or the address cannot be bound.
int run_serve(const ServeArgs& args, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_SERVE_COMMAND_H_
