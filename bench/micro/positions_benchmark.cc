// Positions decoding: PostingsCursor::Positions(), the reader of the .pos
// stream (varint32 deltas, docs/FORMAT.md) that phrase, proximity and
// phrasings matching call on each candidate passage.
//
//   BM_PositionsDecode/rank:R/stride:S
//
// The positions are real: the first 1 MiB of AllSides articles
// (micro_support.h) is split into passages and analyzed by the indexer's
// DocumentAnalyzer, and the term of rank R by passage count (0 = the most
// common, "the" in English news) gets its postings list with positions
// encoded by PostingsEncoder, as the segment writer does. The cursor walks
// the list and asks for the positions of every S-th posting: S = 1 decodes
// them all; S = 8 makes the cursor skip the positions of the postings in
// between (SkipPositionsTo), as a phrase does when only some passages hold
// all its terms. Reported: the list's positions per second (returned or
// skipped, since skipping reads every varint too), so that the two strides
// compare as the cost of one walk over the list; the label gives the term,
// its postings and its positions. The positions are compared with
// the analyzer's once, before timing.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "bench/micro/micro_support.h"
#include "common/bit_packing.h"
#include "common/postings_cursor.h"
#include "common/postings_encoder.h"
#include "indexer/document_analyzer.h"

namespace syndex {
namespace {

constexpr size_t kSampleBytes = size_t{1} << 20;

// One term's postings in the sample: per passage holding it, its positions.
struct TermPostings {
  std::string term;
  std::vector<uint32_t> passages;
  std::vector<std::vector<Position>> positions;
  std::vector<uint32_t> lengths;
};

struct EncodedTerm {
  TermPostings postings;
  std::string post, pos;  // the list's .post and .pos bytes
  TermInfo info;
  uint64_t position_count = 0;
};

// Every term of the sample's passages, numbered as the segment builder
// numbers passages (documents in order, passages in text order).
std::vector<TermPostings> AnalyzeSample() {
  const NewsSample& sample = LoadNewsSample(kSampleBytes);
  DocumentAnalyzer analyzer{PassageOptions{}};
  AnalyzedDocument analyzed;
  absl::flat_hash_map<std::string, size_t> index;
  std::vector<TermPostings> terms;
  uint32_t passage = 0;
  for (const RawDocument& doc : sample.documents) {
    analyzer.Analyze(doc, &analyzed);
    for (const AnalyzedPassage& p : analyzed.passages) {
      for (const Token& token : p.tokens) {
        auto [it, inserted] = index.try_emplace(token.term, terms.size());
        if (inserted) terms.push_back({token.term, {}, {}, {}});
        TermPostings& t = terms[it->second];
        if (t.passages.empty() || t.passages.back() != passage) {
          t.passages.push_back(passage);
          t.positions.emplace_back();
          t.lengths.push_back(static_cast<uint32_t>(p.tokens.size()));
        }
        t.positions.back().push_back(token.position);
      }
      ++passage;
    }
  }
  // By passage count, most first; ties by term, for a stable choice.
  std::sort(terms.begin(), terms.end(), [](const TermPostings& a, const TermPostings& b) {
    if (a.passages.size() != b.passages.size()) return a.passages.size() > b.passages.size();
    return a.term < b.term;
  });
  return terms;
}

const EncodedTerm& TermOfRank(size_t rank) {
  static auto* cache = new std::map<size_t, EncodedTerm>();
  static const auto* terms = new std::vector<TermPostings>(AnalyzeSample());
  auto it = cache->find(rank);
  if (it != cache->end()) return it->second;
  CheckOrDie(rank < terms->size(), "positions: the sample has too few terms");
  EncodedTerm e;
  e.postings = (*terms)[rank];
  PostingsEncoder encoder(/*with_positions=*/true);
  const TermPostings& t = e.postings;
  for (size_t i = 0; i < t.passages.size(); ++i) {
    encoder.Add(t.passages[i], static_cast<TermFreq>(t.positions[i].size()), t.positions[i],
                t.lengths[i]);
    e.position_count += t.positions[i].size();
  }
  e.info = encoder.Finish(&e.post, &e.pos);
  e.post.append(kUnpackSlack, '\0');
  return cache->emplace(rank, std::move(e)).first->second;
}

void CheckPositions(const EncodedTerm& e) {
  PostingsCursor cursor(e.info, e.post, e.pos);
  size_t i = 0;
  for (; cursor.id() != kEndId; cursor.Next(), ++i) {
    const std::span<const Position> decoded = cursor.Positions();
    CheckOrDie(i < e.postings.passages.size() && cursor.id() == e.postings.passages[i] &&
                   std::equal(decoded.begin(), decoded.end(), e.postings.positions[i].begin(),
                              e.postings.positions[i].end()),
               "positions: decoded positions differ from the analyzer's");
  }
  CheckOrDie(i == e.postings.passages.size() && !cursor.corrupt(),
             "positions: the list decoded short");
}

void BM_PositionsDecode(benchmark::State& state) {
  const EncodedTerm& e = TermOfRank(static_cast<size_t>(state.range(0)));
  const uint32_t stride = static_cast<uint32_t>(state.range(1));
  CheckPositions(e);
  for (auto _ : state) {
    uint64_t sum = 0;
    PostingsCursor cursor(e.info, e.post, e.pos);
    for (uint32_t i = 0; cursor.id() != kEndId; cursor.Next(), ++i) {
      if (i % stride != 0) continue;
      for (Position p : cursor.Positions()) sum += p;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * e.position_count));
  state.SetLabel(LoadNewsSample(kSampleBytes).label + " \"" + e.postings.term + "\", " +
                 std::to_string(e.info.doc_freq) + " postings, " +
                 std::to_string(e.position_count) + " positions");
}
BENCHMARK(BM_PositionsDecode)->ArgNames({"rank", "stride"})->ArgsProduct({{0, 30, 300}, {1, 8}});

}  // namespace
}  // namespace syndex
