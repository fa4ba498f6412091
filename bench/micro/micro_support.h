// File: bench/micro/micro_support.h
//
// What the micro-benchmarks share: a sample of real news text, a fixed
// seed, and a check that ends the benchmark program when a decoder's output
// differs from its input (verified once, outside the timed loops, so that a
// fast but wrong codec cannot report a figure).
//
// Example:
//   const NewsSample& sample = LoadNewsSample(512 << 10);
//   state.SetLabel(sample.label);
//   for (const RawDocument& doc : sample.documents) Use(doc.text);
//   CheckOrDie(decoded == input, "postings: decoded ids differ from the input");
#ifndef SYNDEX_BENCH_MICRO_MICRO_SUPPORT_H_
#define SYNDEX_BENCH_MICRO_MICRO_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/raw_document.h"

namespace syndex {

// Every random input of the micro-benchmarks comes from std::mt19937_64
// seeded with this, so that runs decode the same bytes.
inline constexpr uint64_t kBenchSeed = 20240611;

// Prints "syndex_microbench: <what>" to stderr and aborts unless `ok`.
void CheckOrDie(bool ok, std::string_view what);

// The first articles of the AllSides corpus, in file order.
struct NewsSample {
  std::vector<RawDocument> documents;
  size_t text_bytes = 0;  // of the documents' texts
  // Where the text came from, for benchmark labels: "allsides" or
  // "corpus/ (allsides absent)".
  std::string label;
};

// The first articles of ../shared/news/allsides/articles.jsonl.zst (beside
// the source tree) whose texts add up to at least `min_bytes`, read through
// the indexer's JSONL reader; if that file is absent, every article of the
// repository's corpus/ (about 30 KB), which the label says. Read once per
// distinct `min_bytes` and kept for the life of the program. Aborts if
// neither can be read.
const NewsSample& LoadNewsSample(size_t min_bytes);

}  // namespace syndex

#endif  // SYNDEX_BENCH_MICRO_MICRO_SUPPORT_H_
