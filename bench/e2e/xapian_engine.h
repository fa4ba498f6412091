// File: bench/e2e/xapian_engine.h
//
// Xapian in the race (race_engine.h), used the usual way: a glass database
// on disk; one Xapian::Document per article, its title and body indexed by
// a Xapian::TermGenerator with Xapian::Stem("english") and its default
// strategy STEM_SOME (each word unstemmed with its positions, plus its
// stem prefixed "Z" without positions; words starting with a digit are
// not stemmed), a term position skipped between title and body, and the
// article's id as document data; one commit at the end, flushing at
// Xapian's default threshold (every 10,000 documents) meanwhile.
//
// Queries are Xapian::Query objects built from the words directly, as
// Xapian::QueryParser with STEM_SOME would build them, without parsing
// text: or and long-or are OP_OR and and is OP_AND of the stemmed terms
// ("Z" + stem; the word itself if it starts with a digit); a phrase is
// OP_PHRASE of the unstemmed words (the terms that carry positions), with
// a window of its length. Ranked by Xapian::BM25Weight(k1 1.5, k2 0, k3 1,
// b 0.6, min_normlen 0.5): its defaults with syndex's k1 and b, as in
// bench/eval/xapian_beir_run.cc. The top 10 documents by get_mset(0, 10).
// Phrasings: not supported.
//
// This is the only file of the race that includes <xapian.h>: every
// Xapian::Error is caught here and returned as an absl::Status.
//
// Example:
//   ASSIGN_OR_RETURN(BuildOutcome built, BuildXapianIndex(settings));
//   ASSIGN_OR_RETURN(auto runner, OpenXapianRunner(settings.index_path));
#ifndef SYNDEX_BENCH_E2E_XAPIAN_ENGINE_H_
#define SYNDEX_BENCH_E2E_XAPIAN_ENGINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "bench/e2e/race_engine.h"

namespace syndex::race {

[[nodiscard]] absl::StatusOr<BuildOutcome> BuildXapianIndex(const BuildSettings& settings);
[[nodiscard]] absl::StatusOr<std::unique_ptr<QueryRunner>> OpenXapianRunner(const std::string& dir);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_XAPIAN_ENGINE_H_
