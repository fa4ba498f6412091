// Postings lists through the real codec: PostingsEncoder writes a list in
// the .post format (docs/FORMAT.md) and PostingsCursor reads it back.
//
//   BM_PostingsEncode/<list>      Add every posting, then Finish
//   BM_PostingsDecode/<list>      a cursor over the whole list, Next by Next
//   BM_PostingsSeek/<list>/stride Seek to every stride-th posting's id (as
//                                 the rarer term of a conjunction leads)
//
// Each list has 131072 postings (1024 blocks); the id distances (gap + 1)
// follow the kind of term:
//   dense   uniform in 1..3: a word in most passages ("the", "said")
//   medium  geometric, mean 20: a topical word
//   sparse  geometric, mean 1000: a rare word or a name
// Term frequencies are 1 + geometric (60% are 1, mean 1.67), as in
// passages. Encode and decode report integers/s counting each posting's
// id and tf (two integers); Seek reports seeks/s. The decoded ids and tfs
// are compared with the input once, before timing.
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench/micro/micro_support.h"
#include "common/bit_packing.h"
#include "common/postings_cursor.h"
#include "common/postings_encoder.h"

namespace syndex {
namespace {

constexpr size_t kPostings = 1024 * format::kBlockSize;

enum class ListKind { kDense, kMedium, kSparse };

struct List {
  std::vector<uint32_t> ids;
  std::vector<TermFreq> tfs;
  std::vector<uint32_t> lengths;  // of the passages, for the block-max data
  std::string postings;           // the encoded list, then kUnpackSlack bytes
  TermInfo info;
};

uint32_t Distance(ListKind kind, std::mt19937_64& rng) {
  switch (kind) {
    case ListKind::kDense:
      return 1 + static_cast<uint32_t>(rng() % 3);
    case ListKind::kMedium:
      return 1 + std::geometric_distribution<uint32_t>(1.0 / 20)(rng);
    case ListKind::kSparse:
      return 1 + std::geometric_distribution<uint32_t>(1.0 / 1000)(rng);
  }
  return 1;
}

void Encode(List* list) {
  PostingsEncoder encoder(/*with_positions=*/false);
  for (size_t i = 0; i < list->ids.size(); ++i) {
    encoder.Add(list->ids[i], list->tfs[i], {}, list->lengths[i]);
  }
  std::string positions;
  list->postings.clear();
  list->info = encoder.Finish(&list->postings, &positions);
  list->postings.append(kUnpackSlack, '\0');  // as if another list followed
}

const List& ListOf(ListKind kind) {
  static auto* cache = new std::map<ListKind, List>();
  auto it = cache->find(kind);
  if (it != cache->end()) return it->second;
  std::mt19937_64 rng(kBenchSeed + static_cast<int>(kind));
  std::geometric_distribution<TermFreq> extra_tf(0.6);
  List list;
  uint32_t id = format::kNoPreviousId;
  for (size_t i = 0; i < kPostings; ++i) {
    list.ids.push_back(id += Distance(kind, rng));
    list.tfs.push_back(1 + extra_tf(rng));
    list.lengths.push_back(20 + static_cast<uint32_t>(rng() % 100));
  }
  Encode(&list);
  return cache->emplace(kind, std::move(list)).first->second;
}

void CheckDecode(const List& list) {
  PostingsCursor cursor(list.info, list.postings, {});
  size_t i = 0;
  for (; cursor.id() != kEndId; cursor.Next(), ++i) {
    CheckOrDie(i < list.ids.size() && cursor.id() == list.ids[i] && cursor.tf() == list.tfs[i],
               "postings: a decoded posting differs from the input");
  }
  CheckOrDie(i == list.ids.size() && !cursor.corrupt(), "postings: the list decoded short");
}

void BM_PostingsEncode(benchmark::State& state, ListKind kind) {
  const List& list = ListOf(kind);
  PostingsEncoder encoder(/*with_positions=*/false);
  std::string postings, positions;
  for (auto _ : state) {
    postings.clear();
    for (size_t i = 0; i < list.ids.size(); ++i) {
      encoder.Add(list.ids[i], list.tfs[i], {}, list.lengths[i]);
    }
    TermInfo info = encoder.Finish(&postings, &positions);
    benchmark::DoNotOptimize(info);
    benchmark::DoNotOptimize(postings.data());
  }
  CheckOrDie(postings + std::string(kUnpackSlack, '\0') == list.postings,
             "postings: encoding is not deterministic");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 2 * kPostings));
  state.counters["bits/posting"] = 8.0 * postings.size() / kPostings;
}

void BM_PostingsDecode(benchmark::State& state, ListKind kind) {
  const List& list = ListOf(kind);
  CheckDecode(list);
  for (auto _ : state) {
    uint64_t sum = 0;
    PostingsCursor cursor(list.info, list.postings, {});
    for (; cursor.id() != kEndId; cursor.Next()) sum += cursor.id() + cursor.tf();
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 2 * kPostings));
}

void BM_PostingsSeek(benchmark::State& state, ListKind kind) {
  const List& list = ListOf(kind);
  const size_t stride = static_cast<size_t>(state.range(0));
  std::vector<uint32_t> targets;
  for (size_t i = 0; i < list.ids.size(); i += stride) targets.push_back(list.ids[i]);
  {
    PostingsCursor cursor(list.info, list.postings, {});
    for (size_t t = 0; t < targets.size(); ++t) {
      cursor.Seek(targets[t]);
      CheckOrDie(cursor.id() == targets[t] && cursor.tf() == list.tfs[t * stride],
                 "postings: Seek landed on the wrong posting");
    }
  }
  for (auto _ : state) {
    uint64_t sum = 0;
    PostingsCursor cursor(list.info, list.postings, {});
    for (uint32_t target : targets) {
      cursor.Seek(target);
      sum += cursor.id() + cursor.tf();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * targets.size()));
  state.SetLabel("items = seeks");
}

BENCHMARK_CAPTURE(BM_PostingsEncode, dense, ListKind::kDense);
BENCHMARK_CAPTURE(BM_PostingsEncode, medium, ListKind::kMedium);
BENCHMARK_CAPTURE(BM_PostingsEncode, sparse, ListKind::kSparse);
BENCHMARK_CAPTURE(BM_PostingsDecode, dense, ListKind::kDense);
BENCHMARK_CAPTURE(BM_PostingsDecode, medium, ListKind::kMedium);
BENCHMARK_CAPTURE(BM_PostingsDecode, sparse, ListKind::kSparse);
BENCHMARK_CAPTURE(BM_PostingsSeek, dense, ListKind::kDense)->ArgName("stride")->Arg(50)->Arg(1000);
BENCHMARK_CAPTURE(BM_PostingsSeek, medium, ListKind::kMedium)
    ->ArgName("stride")
    ->Arg(50)
    ->Arg(1000);
BENCHMARK_CAPTURE(BM_PostingsSeek, sparse, ListKind::kSparse)
    ->ArgName("stride")
    ->Arg(50)
    ->Arg(1000);

}  // namespace
}  // namespace syndex
