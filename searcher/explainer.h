// File: searcher/explainer.h
//
// Explains one hit of a search (--explain): recomputes its score part by
// part, the way Searcher scored it, so the parts add up to the score shown.
//   * each leaf of the query (a term, phrase, NEAR group or field word) that
//     matches the unit, with its frequency, idf and the unit's length;
//   * the proximity bonus, with the pairs of words that earned it;
//   * the outlet multiplier (--outlet-weight);
//   * for a phrasings query, the phrasing class and coverage;
//   * every occurrence of a query word (and synonym) in the unit, as the
//     text writes it.
//
// Example:
//   ASSIGN_OR_RETURN(Explanation e, ExplainHit(index, results.query, hit, options, &analyzer));
#ifndef SYNDEX_SEARCHER_EXPLAINER_H_
#define SYNDEX_SEARCHER_EXPLAINER_H_

#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "searcher/explanation.h"
#include "searcher/hit.h"
#include "searcher/index_reader.h"
#include "searcher/resolved_query.h"
#include "searcher/searcher.h"

namespace syndex {

// `query` and `options` must be those of the search that returned `hit`.
// DataLoss if the unit's stored text is damaged.
[[nodiscard]] absl::StatusOr<Explanation> ExplainHit(const IndexReader& index,
                                                     const ResolvedQuery& query, const Hit& hit,
                                                     const SearchOptions& options,
                                                     Analyzer* analyzer);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_EXPLAINER_H_
