// Top-k collection: GroupedTopK (searcher/top_k.h), the collector every
// search offers its hits to, fed a stream of 2^20 hits.
//
//   BM_TopK/k:K/stream:S
//
// Streams (scores are BM25-like floats, uniform in [0, 20)):
//   0 random     every hit its own group (Searcher with --no-group)
//   1 grouped    random scores, groups of about 8 hits (copies of a
//                passage carried by several outlets), in random order
//   2 ascending  scores that only rise: every hit enters and evicts (the
//                worst case)
// Each iteration collects the whole stream into a new collector and takes
// the k results. Reported: hits offered per second. The results are
// compared once with a sort of every group's best hit.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench/micro/micro_support.h"
#include "searcher/hit.h"
#include "searcher/top_k.h"

namespace syndex {
namespace {

constexpr size_t kHits = size_t{1} << 20;

enum Stream { kRandom = 0, kGrouped = 1, kAscending = 2 };

struct HitStream {
  std::vector<Hit> hits;
  std::vector<uint64_t> groups;
};

const HitStream& StreamOf(int stream) {
  static auto* cache = new std::map<int, HitStream>();
  auto it = cache->find(stream);
  if (it != cache->end()) return it->second;
  std::mt19937_64 rng(kBenchSeed + stream);
  std::uniform_real_distribution<float> score(0, 20);
  HitStream s;
  for (uint32_t i = 0; i < kHits; ++i) {
    const Score value = stream == kAscending ? static_cast<Score>(i) : score(rng);
    s.hits.push_back({0, i, value, 0});
    s.groups.push_back(stream == kGrouped ? rng() % (kHits / 8) : i);
  }
  return cache->emplace(stream, std::move(s)).first->second;
}

// The k best of the groups' best hits, by sorting them all.
std::vector<Hit> Reference(const HitStream& s, size_t k) {
  absl::flat_hash_map<uint64_t, Hit> best;
  for (size_t i = 0; i < s.hits.size(); ++i) {
    auto [it, inserted] = best.try_emplace(s.groups[i], s.hits[i]);
    if (!inserted && Better(s.hits[i], it->second)) it->second = s.hits[i];
  }
  std::vector<Hit> all;
  for (const auto& [group, hit] : best) all.push_back(hit);
  std::sort(all.begin(), all.end(), Better);
  all.resize(std::min(k, all.size()));
  return all;
}

std::vector<Hit> Collect(const HitStream& s, size_t k) {
  GroupedTopK top(k);
  for (size_t i = 0; i < s.hits.size(); ++i) top.Offer(s.hits[i], s.groups[i]);
  return top.Take();
}

void BM_TopK(benchmark::State& state) {
  const size_t k = static_cast<size_t>(state.range(0));
  const HitStream& s = StreamOf(static_cast<int>(state.range(1)));
  const std::vector<Hit> expected = Reference(s, k), collected = Collect(s, k);
  CheckOrDie(
      std::equal(expected.begin(), expected.end(), collected.begin(), collected.end(), SameHit),
      "topk: the collected hits differ from the sorted reference");
  for (auto _ : state) {
    std::vector<Hit> hits = Collect(s, k);
    benchmark::DoNotOptimize(hits.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kHits));
}
BENCHMARK(BM_TopK)
    ->ArgNames({"k", "stream"})
    ->ArgsProduct({{10, 1000}, {kRandom, kGrouped, kAscending}})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace syndex
