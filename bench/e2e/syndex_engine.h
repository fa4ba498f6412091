// File: bench/e2e/syndex_engine.h
//
// syndex in the race (race_engine.h). The build is `indexer build`'s:
// IndexWriter with its default options (positions, passages, deduplication
// and boilerplate detection all on) and the memory budget of --memory-mb.
// Queries run as `searcher` runs them by default: IndexReader::Open with
// checksums verified, SearchOptions' defaults (k = 10, passages as the
// unit, copies and near-duplicates grouped into one result, boilerplate
// not ranked, BM25 k1 1.5 b 0.6, proximity 0.3) and the built-in news
// synonyms for phrasings; the and class with the AND default operator.
//
// Example:
//   ASSIGN_OR_RETURN(BuildOutcome built, BuildSyndexIndex(settings));
//   ASSIGN_OR_RETURN(auto runner, OpenSyndexRunner(settings.index_path));
#ifndef SYNDEX_BENCH_E2E_SYNDEX_ENGINE_H_
#define SYNDEX_BENCH_E2E_SYNDEX_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "bench/e2e/race_engine.h"

namespace syndex::race {

[[nodiscard]] absl::StatusOr<BuildOutcome> BuildSyndexIndex(const BuildSettings& settings);
[[nodiscard]] absl::StatusOr<std::unique_ptr<QueryRunner>> OpenSyndexRunner(const std::string& dir);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_SYNDEX_ENGINE_H_
