// Search analyzer throughput (Google Benchmark).
//   BM_IndexTerms       index_terms over the four corpus files concatenated (bytes/s of input)
//   BM_PinyinTerms      pinyin_terms over the same text
//   BM_AnalyzeQuery     analyze_query on a short Han query
//   BM_Snippet          snippet() of one corpus file around a query
//   BM_PinyinTableBuild the one-time pinyin table (ICU Han-Latin over the BMP Han blocks)
// Run: build/bench/search_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

#include "search/analyzer.h"

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

const std::string& corpus() {
  static const std::string all = [] {
    std::string s;
    for (const char* f : kSamples) s += read_sample(f) + "\n";
    return s;
  }();
  return all;
}

const duban::search::Analyzer& analyzer() {
  static const duban::search::Analyzer a;
  a.pinyin_terms("营");  // build the pinyin table outside the timed loops
  return a;
}

void BM_IndexTerms(benchmark::State& state) {
  const auto& a = analyzer();
  for (auto _ : state) benchmark::DoNotOptimize(a.index_terms(corpus()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_IndexTerms)->Unit(benchmark::kMillisecond);

void BM_PinyinTerms(benchmark::State& state) {
  const auto& a = analyzer();
  for (auto _ : state) benchmark::DoNotOptimize(a.pinyin_terms(corpus()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus().size()));
}
BENCHMARK(BM_PinyinTerms)->Unit(benchmark::kMillisecond);

void BM_AnalyzeQuery(benchmark::State& state) {
  const auto& a = analyzer();
  for (auto _ : state) benchmark::DoNotOptimize(a.analyze_query("优化营商环境 2021"));
}
BENCHMARK(BM_AnalyzeQuery);

void BM_Snippet(benchmark::State& state) {
  static const std::string text = read_sample(kSamples[0]);
  const std::vector<std::string> hl{"设备更新", "2024"};
  for (auto _ : state) benchmark::DoNotOptimize(duban::search::snippet(text, hl, 120));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Snippet)->Unit(benchmark::kMicrosecond);

void BM_PinyinTableBuild(benchmark::State& state) {
  for (auto _ : state) {
    duban::search::Analyzer a;
    benchmark::DoNotOptimize(a.pinyin_terms("营"));
  }
}
BENCHMARK(BM_PinyinTableBuild)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
