// Analyzer throughput on real news text, in bytes of input text a second:
//
//   BM_Analyze          tokenize + normalize + stem (Analyzer::Analyze, what
//                       the indexer runs on every passage)
//   BM_NormalizedWords  tokenize + normalize, no stemming (what prefix
//                       queries use), to show the stemmer's share
//
// The text is the first 512 KiB of AllSides articles (micro_support.h); the
// label says when corpus/ stood in for it.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/micro/micro_support.h"
#include "common/analyzer.h"
#include "common/token.h"

namespace syndex {
namespace {

constexpr size_t kSampleBytes = size_t{512} << 10;

// Checked once: the analyzer stems ("severe costs" -> sever, cost) and the
// sample yields a plausible number of tokens (news English averages about
// six bytes a word).
void CheckAnalyzer(const NewsSample& sample) {
  Analyzer analyzer;
  const std::vector<std::string> terms = analyzer.Terms("Swift and severe costs");
  CheckOrDie(terms == std::vector<std::string>{"swift", "and", "sever", "cost"},
             "analyzer: \"Swift and severe costs\" did not give swift and sever cost");
  std::vector<Token> tokens;
  for (const RawDocument& doc : sample.documents) analyzer.Analyze(doc.text, 0, &tokens);
  CheckOrDie(tokens.size() > sample.text_bytes / 12, "analyzer: too few tokens in the sample");
}

void BM_Analyze(benchmark::State& state) {
  const NewsSample& sample = LoadNewsSample(kSampleBytes);
  CheckAnalyzer(sample);
  Analyzer analyzer;
  std::vector<Token> tokens;
  size_t token_count = 0;
  for (auto _ : state) {
    token_count = 0;
    for (const RawDocument& doc : sample.documents) {
      tokens.clear();
      analyzer.Analyze(doc.text, 0, &tokens);
      token_count += tokens.size();
      benchmark::DoNotOptimize(tokens.data());
    }
    benchmark::DoNotOptimize(token_count);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample.text_bytes));
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(token_count) * state.iterations(), benchmark::Counter::kIsRate);
  state.SetLabel(sample.label + ", " + std::to_string(sample.text_bytes >> 10) + " KiB");
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond);

void BM_NormalizedWords(benchmark::State& state) {
  const NewsSample& sample = LoadNewsSample(kSampleBytes);
  Analyzer analyzer;
  for (auto _ : state) {
    size_t words = 0;
    for (const RawDocument& doc : sample.documents) {
      std::vector<std::string> normalized = analyzer.NormalizedWords(doc.text);
      words += normalized.size();
      benchmark::DoNotOptimize(normalized.data());
    }
    benchmark::DoNotOptimize(words);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * sample.text_bytes));
  state.SetLabel(sample.label + ", " + std::to_string(sample.text_bytes >> 10) + " KiB");
}
BENCHMARK(BM_NormalizedWords)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace syndex
