// One steady-state parse of the corpus (the four samples concatenated, as parse_bench's
// corpus()), for counting instructions under callgrind: everything built on first use
// (regular expressions, character tables, the builtin rules) is built by a warm-up parse
// first, and only measured_parse is meant to be collected:
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_parse*'
//            build/bench/ledger_cost [--no-ledger]
// Parse time is measured_parse with the ledger minus extract_ledger (or a run with
// --no-ledger); extraction is extract_ledger.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "duban/parse.h"

namespace {

const char* const kSamples[] = {"shanting-2024-equipment-renewal-etc.txt",
                                "zhoucun-2024-coops-disclosure-tasklist.txt",
                                "lanshan-gazette-2021-04.txt", "shanting-gazette-2021-04.txt"};

std::string corpus() {
  std::string all;
  for (const char* s : kSamples) {
    std::ifstream in(std::string(DUBAN_SAMPLES_DIR) + "/" + s, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    all += ss.str();
    if (!all.empty() && all.back() != '\n') all += '\n';
  }
  return all;
}

[[gnu::noinline]] std::size_t measured_parse(const std::string& text,
                                             const duban::ParseOptions& options) {
  duban::ParseResult r = duban::parse(text, duban::Rules::builtin(), options);
  std::size_t tasks = 0;
  for (const duban::Document& d : r.documents) tasks += d.tasks.size();
  return tasks;
}

}  // namespace

int main(int argc, char** argv) {
  duban::ParseOptions options;
  options.ledger = !(argc > 1 && std::strcmp(argv[1], "--no-ledger") == 0);
  const std::string text = corpus();
  duban::ParseOptions warm;  // with the ledger, so that extraction's tables are built too
  duban::parse(text, duban::Rules::builtin(), warm);
  std::size_t tasks = measured_parse(text, options);
  std::printf("%zu bytes, %zu tasks\n", text.size(), tasks);
  return 0;
}
