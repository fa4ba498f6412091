// File: bench/e2e/fts5_engine.h
//
// SQLite FTS5 in the race (race_engine.h). The index is one database file
// holding one table,
//   CREATE VIRTUAL TABLE t USING fts5(title, body, content='',
//                                     tokenize='porter unicode61')
// contentless (content=''), so it stores no text, only the full-text index
// (with positions) and each row's column sizes for bm25(). Every article is
// one row (rowid = its ordinal from 1), inserted in one transaction with a
// prepared statement; after the commit, INSERT INTO t(t) VALUES('optimize')
// merges the index into one b-tree segment. SQLite's settings are its
// defaults otherwise (page size 4096, rollback journal, 2 MB page cache).
// 'optimize' leaves the merged-away segments in the file as free pages;
// MeasureFts5Index() reports them, and the race counts the rest as FTS5's
// index bytes, what VACUUM would leave.
//
// A query is SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 10
// (rank is bm25() with FTS5's defaults, k1 1.2 b 0.75), a prepared
// statement bound to the query text of query_syntax.h and stepped to the
// end. Phrasings: not supported.
//
// Example:
//   ASSIGN_OR_RETURN(BuildOutcome built, BuildFts5Index(settings));
//   ASSIGN_OR_RETURN(auto runner, OpenFts5Runner(settings.index_path));
#ifndef SYNDEX_BENCH_E2E_FTS5_ENGINE_H_
#define SYNDEX_BENCH_E2E_FTS5_ENGINE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "bench/e2e/race_engine.h"

namespace syndex::race {

[[nodiscard]] absl::StatusOr<BuildOutcome> BuildFts5Index(const BuildSettings& settings);
[[nodiscard]] absl::StatusOr<std::unique_ptr<QueryRunner>> OpenFts5Runner(const std::string& path);
// The bytes of free pages in the database file at `path`
// (freelist_count * page_size).
[[nodiscard]] absl::StatusOr<uint64_t> Fts5FreeBytes(const std::string& path);

}  // namespace syndex::race

#endif  // SYNDEX_BENCH_E2E_FTS5_ENGINE_H_
