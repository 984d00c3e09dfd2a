// One steady-state parse of the corpus (the four samples concatenated, as parse_bench's
// corpus()), for counting instructions under callgrind: everything built on first use
// (regular expressions, character tables, the builtin rules) is built by a warm-up parse
// first, and only measured_parse is meant to be collected:
//   valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*measured_parse*'
//            build/bench/ledger_cost [--no-ledger] [REPEAT]
// Parse time is measured_parse with the ledger minus extract_ledger (or a run with
// --no-ledger); extraction is extract_ledger. REPEAT (default 1) parses that many times, for
// sampling profilers and `perf stat`, which need more than one parse to see anything.
// `--ratio N` times N parses without and N with the ledger, alternating (so that load from
// other processes falls on both alike), in CPU time of this thread, and prints the medians
// and the minima, and the ratio extraction / parse.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

double cpu_ms() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int ratio(const std::string& text, long n) {
  duban::ParseOptions parse_only, with_ledger;
  parse_only.ledger = false;
  std::vector<double> p, l;
  for (long i = 0; i < n; ++i) {
    double t0 = cpu_ms();
    measured_parse(text, parse_only);
    double t1 = cpu_ms();
    measured_parse(text, with_ledger);
    double t2 = cpu_ms();
    p.push_back(t1 - t0);
    l.push_back(t2 - t1);
  }
  const double mp = median(p), ml = median(l);
  std::printf("medians: parse %.3f ms, parse+ledger %.3f ms, extraction %.3f ms, ratio %.3f\n", mp,
              ml, ml - mp, (ml - mp) / mp);
  // The fastest runs: the least disturbed by other processes on a shared machine.
  const double fp = *std::min_element(p.begin(), p.end()),
               fl = *std::min_element(l.begin(), l.end());
  std::printf("minima:  parse %.3f ms, parse+ledger %.3f ms, extraction %.3f ms, ratio %.3f\n", fp,
              fl, fl - fp, (fl - fp) / fp);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  duban::ParseOptions options;
  int arg = 1;
  if (argc == 3 && std::strcmp(argv[1], "--ratio") == 0) {
    const std::string text = corpus();
    measured_parse(text, options);  // warm-up
    return ratio(text, std::max(1L, std::strtol(argv[2], nullptr, 10)));
  }
  if (arg < argc && std::strcmp(argv[arg], "--no-ledger") == 0) {
    options.ledger = false;
    ++arg;
  }
  const long repeat = arg < argc ? std::strtol(argv[arg], nullptr, 10) : 1;
  const std::string text = corpus();
  duban::ParseOptions warm;  // with the ledger, so that extraction's tables are built too
  duban::parse(text, duban::Rules::builtin(), warm);
  std::size_t tasks = 0;
  for (long i = 0; i < repeat; ++i) tasks = measured_parse(text, options);
  std::printf("%zu bytes, %zu tasks\n", text.size(), tasks);
  return 0;
}
