// cli/ingest_command.h: `duban ingest [--db D] [--rules DIR] FILE...`
//
// Parses each file with the ledger and stores its documents and tasks (adapters/storage),
// one transaction per file: a file is stored whole or not at all. A file stored before (same
// bytes) adds nothing; a document stored before (same text) is counted as unchanged; a
// document whose 文号 (or issuer and title) is stored with other text becomes its new version.
// Ends with a summary in Chinese on standard output; a progress bar on standard error when
// that is a terminal and there are several files.
#ifndef DUBAN_CLI_INGEST_COMMAND_H_
#define DUBAN_CLI_INGEST_COMMAND_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace duban::cli {

struct IngestArgs {
  std::string db = "duban.db";  // SQLite file or postgresql:// URL
  std::string rules_dir;
  bool progress = false;  // forced on (tests); otherwise only on a terminal
  std::vector<std::string> files;
};

CLI::App* add_ingest_command(CLI::App& app, IngestArgs& args);

//! Exit code: 0; 1 if the database could not be opened or any file could not be read or
//! stored (the other files are still stored).
int run_ingest(const IngestArgs& args, std::ostream& out, std::ostream& err);

}  // namespace duban::cli

#endif  // DUBAN_CLI_INGEST_COMMAND_H_
