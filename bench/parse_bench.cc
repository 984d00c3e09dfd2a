// Parse throughput (Google Benchmark).
//   BM_ParseSample/N      the core pipeline (with the ledger) on one corpus file in memory
//   BM_ParseCorpus        the four corpus files concatenated, in memory, without the ledger
//   BM_ParseAndExtractCorpus  the same with tasks, units, deadlines, targets, citations
//   BM_ParseFile/MB:100/ledger:0|1  the whole `duban parse` path on a 100 MB file made by
//                         concatenating the corpus: reading, encoding validation, chunked
//                         parsing (8 MiB chunks), documents handed out one at a time; without
//                         and with the task ledger
// Run: build/bench/parse_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/io/parse_driver.h"
#include "duban/parse.h"

namespace {

const char* const kSamples[] = {"shanting-2024-equipment-renewal-etc.txt",
                                "zhoucun-2024-coops-disclosure-tasklist.txt",
                                "lanshan-gazette-2021-04.txt", "shanting-gazette-2021-04.txt"};

std::string read_sample(const std::string& name) {
  std::ifstream in(std::string(DUBAN_SAMPLES_DIR) + "/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string corpus() {
  std::string all;
  for (const char* s : kSamples) {
    all += read_sample(s);
    if (!all.empty() && all.back() != '\n') all += '\n';
  }
  return all;
}

void parse_in_memory(benchmark::State& state, const std::string& text, bool ledger = true) {
  const duban::Rules& rules = duban::Rules::builtin();
  duban::ParseOptions options;
  options.ledger = ledger;
  std::size_t docs = 0;
  for (auto _ : state) {
    duban::ParseResult r = duban::parse(text, rules, options);
    docs = r.documents.size();
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["documents"] = static_cast<double>(docs);
}

void BM_ParseSample(benchmark::State& state) {
  const std::string text = read_sample(kSamples[state.range(0)]);
  state.SetLabel(kSamples[state.range(0)]);
  parse_in_memory(state, text);
}
BENCHMARK(BM_ParseSample)->DenseRange(0, 3)->Unit(benchmark::kMillisecond);

// Parsing alone (documents, elements, outline, tables) and with the task ledger (tasks,
// units, deadlines, targets, citations).
void BM_ParseCorpus(benchmark::State& state) { parse_in_memory(state, corpus(), false); }
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);
void BM_ParseAndExtractCorpus(benchmark::State& state) { parse_in_memory(state, corpus(), true); }
BENCHMARK(BM_ParseAndExtractCorpus)->Unit(benchmark::kMillisecond);

// The whole `duban parse` path on a file made by concatenating the corpus; range(1) = 1 adds
// the ledger (as `duban parse` does), 0 parses documents only.
void BM_ParseFile(benchmark::State& state) {
  const std::size_t target = static_cast<std::size_t>(state.range(0)) << 20;
  const bool ledger = state.range(1) != 0;
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("duban-bench-" + std::to_string(state.range(0)) + "mb.txt");
  {
    const std::string one = corpus();
    std::ofstream out(path, std::ios::binary);
    for (std::size_t written = 0; written < target; written += one.size()) out << one;
  }
  const std::uintmax_t bytes = std::filesystem::file_size(path);
  const duban::Rules& rules = duban::Rules::builtin();
  duban::io::ParseFileOptions options;
  options.parse = [ledger](std::string_view text, const duban::Rules& r, duban::ParseOptions o) {
    o.ledger = ledger;
    return duban::parse(text, r, o);
  };
  std::size_t docs = 0;
  for (auto _ : state) {
    docs = 0;
    duban::io::Source source;
    std::vector<duban::Warning> warnings;
    duban::io::parse_file(
        path.string(), rules, source, [&](duban::Document&&) { ++docs; }, warnings, options);
  }
  std::filesystem::remove(path);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["documents"] = static_cast<double>(docs);
}
BENCHMARK(BM_ParseFile)
    ->Args({100, 0})
    ->Args({100, 1})
    ->ArgNames({"MB", "ledger"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
