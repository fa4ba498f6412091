// File: searcher/resolved_query.h
//
// A query made ready to run against one index: every word analyzed exactly
// as the indexer analyzed text (so "Costs" looks up "cost"), prefixes
// expanded to the terms the index holds, and each term given its BM25
// weight from collection-wide statistics. The same ResolvedQuery then runs
// on every segment, so scores are comparable across segments.
//
// Example:
//   ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(text, {}));
//   ASSIGN_OR_RETURN(ResolvedQuery q, ResolveQuery(parsed, index, options, &analyzer));
#ifndef SYNDEX_SEARCHER_RESOLVED_QUERY_H_
#define SYNDEX_SEARCHER_RESOLVED_QUERY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "common/format.h"
#include "searcher/bm25.h"
#include "searcher/index_reader.h"
#include "searcher/phrasing_class.h"
#include "searcher/query.h"
#include "searcher/synonym_map.h"
#include "searcher/unit.h"

namespace syndex {

struct ResolvedTerm {
  format::Field field = format::Field::kBody;
  std::string term;  // analyzed (normalized and stemmed)
};

struct ResolvedNode {
  enum class Kind {
    kTerm,    // terms.size() == 1
    kPhrase,  // body terms at relative positions (offsets), within `slop`
    kNear,    // body terms within `slop` words of each other, any order
    kAnd,
    kOr,
    kAndNot,   // children[0] and not children[1]
    kNothing,  // matches nothing (a prefix no term starts with)
  };
  Kind kind = Kind::kNothing;
  std::vector<ResolvedTerm> terms;
  std::vector<Position> offsets;  // kPhrase: position of terms[i] from the first
  uint32_t slop = 0;              // kPhrase and kNear (docs/QUERY.md)
  TermWeight weight;              // kTerm, kPhrase and kNear
  std::vector<ResolvedNode> children;
  // The OR of a phrasings query's terms: how a unit's tier follows from
  // its coverage, and (in each child) what the child's term adds to the
  // coverage at most, so that pruning can tell which units cannot reach
  // the k-th result's tier (searcher/boolean_matchers.h).
  std::optional<PhrasingTierBound> phrasing_tiers;
  double coverage = 0;

  std::string DebugString() const;
};

// What to highlight for one query word or phrase: body terms at relative
// positions (one term at offset 0 for a word).
struct HighlightPattern {
  std::vector<std::string> terms;
  std::vector<Position> offsets;
};

// A query word that proximity scoring looks for: a body term the user typed
// (alone or in a phrase; not a prefix's expansions), not under a NOT.
struct ProximityTerm {
  std::string term;
  double idf = 0;
};

struct ResolvedQuery {
  ResolvedNode root;
  // Distinct, in query order.
  std::vector<ProximityTerm> proximity_terms;
  // The phrasings queries (~"..."), in query order. Each also appears in
  // `root` as the OR of its content words and their synonyms.
  std::vector<PhrasingPattern> phrasings;
  // The query's words and phrases not under a NOT, for highlighting: a
  // phrase's words are highlighted only where the whole phrase occurs.
  std::vector<HighlightPattern> highlights;
};

struct ResolveOptions {
  Unit unit = Unit::kPassage;
  Bm25Params bm25;
  // A prefix expands to at most this many terms, the most frequent first.
  // Default: 128.
  size_t max_prefix_expansions = 128;
  // Synonyms for phrasings queries; none if null.
  const SynonymMap* synonyms = nullptr;
  // synonym_weight scales a synonym's BM25 weight.
  PhrasingParams phrasings;
};

// InvalidArgument (with the column) if the query has no searchable word,
// e.g. it is only punctuation, or its positive part is.
[[nodiscard]] absl::StatusOr<ResolvedQuery> ResolveQuery(const QueryNode& query,
                                                         const IndexReader& index,
                                                         const ResolveOptions& options,
                                                         Analyzer* analyzer);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_RESOLVED_QUERY_H_
