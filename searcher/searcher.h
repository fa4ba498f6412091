// File: searcher/searcher.h
//
// Runs queries against an open index and returns the top-k units
// (passages by default, or documents), best first.
//
// Example:
//   Searcher searcher(index.get());
//   SearchOptions options;
//   options.k = 10;
//   ASSIGN_OR_RETURN(SearchResults results, searcher.Search("\"severe costs\"", options));
//   for (const Hit& hit : results.hits) ...
#ifndef SYNDEX_SEARCHER_SEARCHER_H_
#define SYNDEX_SEARCHER_SEARCHER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "searcher/bm25.h"
#include "searcher/hit.h"
#include "searcher/index_reader.h"
#include "searcher/proximity.h"
#include "searcher/query_parser.h"
#include "searcher/resolved_query.h"

namespace syndex {

struct SearchOptions {
  // What to rank. Default: passages.
  Unit unit = Unit::kPassage;
  // How many results to return. Default: 10.
  size_t k = 10;
  // Collapse hits of one group (copies and near-duplicates of a passage, or
  // a near-duplicate cluster of documents) into one result, its best hit.
  // Default: true. False lists every matching occurrence.
  bool group = true;
  // Rank boilerplate passages (outlet chrome) too. Default: false.
  bool include_boilerplate = false;
  // Weight of the outlet count in ranking: a hit's score is multiplied by
  // 1 + outlet_weight * ln(outlets carrying its group). Default: 0 (off).
  double outlet_weight = 0;
  Bm25Params bm25;
  // Rewards query words close together (searcher/proximity.h); weight 0
  // turns it off.
  ProximityParams proximity;
  // Phrasings queries (~"..."): gaps allowed and the weight of synonyms.
  PhrasingParams phrasings;
  // Synonyms of phrasings queries; none if null. Must outlive the search.
  const SynonymMap* synonyms = nullptr;
  ParseOptions parse;
  // Score every matching unit instead of skipping those that cannot enter
  // the top k (MaxScore and block-max pruning, docs/QUERY.md "Speed"). The
  // results are the same; only SearchResults::matches becomes exact.
  // Default: false.
  bool exhaustive = false;
};

struct SearchResults {
  std::vector<Hit> hits;  // best first; ties broken by index order
  // Units matching the query (before grouping): all of them if
  // matches_exact, else those that pruning let through, a lower bound.
  uint64_t matches = 0;
  bool matches_exact = true;
  ResolvedQuery query;
};

// Not thread-safe (it owns an Analyzer): use one Searcher per thread. Many
// Searchers may share one IndexReader.
class Searcher {
 public:
  explicit Searcher(const IndexReader* index) : index_(index) {}

  // Parses, resolves and runs `query`. InvalidArgument with the column for
  // a malformed query.
  [[nodiscard]] absl::StatusOr<SearchResults> Search(std::string_view query,
                                                     const SearchOptions& options);

  const IndexReader& index() const { return *index_; }
  // Searches `index` from the next query on (a newer commit of the index).
  void set_index(const IndexReader* index) { index_ = index; }
  Analyzer* analyzer() { return &analyzer_; }

 private:
  // Runs the matcher of one segment, offering its hits to *top and
  // counting them in *results. DataLoss if a passage's text, read to
  // classify a phrasing, is damaged.
  absl::Status Collect(uint32_t segment, const SearchOptions& options, class GroupedTopK* top,
                       SearchResults* results);

  const IndexReader* index_;
  Analyzer analyzer_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SEARCHER_H_
