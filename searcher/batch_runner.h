// File: searcher/batch_runner.h
//
// Answers a batch of queries (`searcher --batch`) on several threads and
// hands each query's outcome back in input order, on the calling thread, so
// that what the caller writes is the same, byte for byte, whatever the
// number of threads. It also measures each query's latency and the batch's
// wall time, for `searcher --timings`.
//
// Each worker thread answers with a SearchSession of its own (a session, its
// Searcher and their Analyzer are not thread-safe). The workers share only
// what is immutable and documented as safe to read from several threads at
// once: the IndexReader (its segments are read-only memory maps), the
// SynonymMap of the settings, the settings themselves (each session copies
// them) and the queries.
//
// Example:
//   BatchOptions options;
//   options.threads = 4;
//   const BatchStats stats = RunBatch(index.get(), settings, queries, options,
//                                     [&](const QueryLine& query, const QueryOutcome& outcome) {
//                                       if (outcome.status.ok()) std::cout << outcome.output;
//                                       return true;  // go on
//                                     });
//   std::cerr << TimingsReport(stats);
#ifndef SYNDEX_SEARCHER_BATCH_RUNNER_H_
#define SYNDEX_SEARCHER_BATCH_RUNNER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "searcher/index_reader.h"
#include "searcher/query_file.h"
#include "searcher/search_session.h"

namespace syndex {

struct BatchOptions {
  // Threads that answer queries, each with its own SearchSession; never more
  // than there are queries. 1 answers them on the calling thread, one after
  // the other. REQUIRES: at least 1. Default: 1.
  size_t threads = 1;
};

// What answering one query came to.
struct QueryOutcome {
  // SearchSession::Run's: InvalidArgument for a bad query, DataLoss for a
  // damaged index.
  absl::Status status;
  // The query's results, formatted; empty unless `status` is OK.
  std::string output;
  // How long SearchSession::Run took: searching, presenting and formatting
  // the results (not writing them anywhere).
  double latency_ms = 0;
};

// Called once per query, in input order, on the thread that called
// RunBatch. Returns true to go on, false to stop the batch: no later query
// is handed over (and none is started).
using OutcomeHandler = std::function<bool(const QueryLine& query, const QueryOutcome& outcome)>;

// What a batch took.
struct BatchStats {
  // Threads that answered queries.
  size_t threads = 0;
  // The latency of each query handed over, in input order.
  std::vector<double> latencies_ms;
  // Queries handed over whose status was not OK.
  size_t failed = 0;
  // From the start of RunBatch until the last handler call returned: the
  // handler's time (such as writing the results) counts here.
  double wall_seconds = 0;

  size_t queries() const { return latencies_ms.size(); }
  // Queries handed over per second of wall time; 0 if no time passed.
  double queries_per_second() const {
    return wall_seconds > 0 ? static_cast<double>(queries()) / wall_seconds : 0;
  }
};

// RunBatch() answers `queries` against `index` with the settings
// `settings`, on options.threads threads, and calls `handle` with each
// outcome in input order; returns what it measured. Answers that arrive
// before an earlier, slower query's are held until it is handed over (at
// most a few per thread, after which the workers wait), so outcomes reach
// `handle` in order without the whole batch held in memory.
// REQUIRES: options.threads >= 1. `index` and settings.search.synonyms
// (which may be null) are only read, by every thread at once.
BatchStats RunBatch(const IndexReader* index, const SessionSettings& settings,
                    const std::vector<QueryLine>& queries, const BatchOptions& options,
                    const OutcomeHandler& handle);

// TimingsReport() returns the two lines `searcher --timings` prints (each
// ending with a newline): the number of queries (and of failed ones),
// threads, wall time and queries per second; then the p50, p95, p99, mean
// and maximum latency in milliseconds, three decimals each:
//   searcher: timings: 40 queries (1 failed), 3 threads, 0.052 s, 769.2 queries/s
//   searcher: timings: latency ms: p50 0.912, p95 3.104, p99 4.871, mean 1.210, max 5.002
std::string TimingsReport(const BatchStats& stats);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_BATCH_RUNNER_H_
