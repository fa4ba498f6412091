#include "searcher/batch_runner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/strings/str_format.h"
#include "searcher/latency_summary.h"

namespace syndex {
namespace {

// Queries claimed but not yet handed over (answered and held, or being
// answered), per worker thread: enough that a query many times slower than
// the rest does not idle the other threads, few enough that a batch's
// results are never all held in memory.
constexpr size_t kHeldAnswersPerThread = 16;

using Clock = std::chrono::steady_clock;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

QueryOutcome Answer(SearchSession* session, const QueryLine& query) {
  QueryOutcome outcome;
  const Clock::time_point start = Clock::now();
  outcome.status = session->Run(query.id, query.text, &outcome.output);
  outcome.latency_ms = MillisecondsSince(start);
  if (!outcome.status.ok()) outcome.output.clear();
  return outcome;
}

// Records `outcome` in *stats and hands it to `handle`; returns the
// handler's verdict (go on or stop).
bool HandOver(const QueryLine& query, const QueryOutcome& outcome, const OutcomeHandler& handle,
              BatchStats* stats) {
  stats->latencies_ms.push_back(outcome.latency_ms);
  if (!outcome.status.ok()) ++stats->failed;
  return handle(query, outcome);
}

// The outcomes of a batch in the making. Workers claim queries in input
// order and file their outcomes; the delivering thread takes them in input
// order. Thread-safe.
class Outcomes {
 public:
  Outcomes(size_t queries, size_t max_held) : slots_(queries), max_held_(max_held) {}

  // The index of the next query to answer, or nullopt when none is left or
  // the batch has stopped. Waits while `max_held` queries claimed are not
  // yet taken, which bounds the answers held.
  std::optional<size_t> Claim() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] { return MayClaim(); });
    if (stopped_ || next_ == slots_.size()) return std::nullopt;
    return next_++;
  }

  // Files the outcome of query `i` (REQUIRES: claimed, not yet filed).
  void File(size_t i, QueryOutcome outcome) {
    {
      std::lock_guard lock(mu_);
      slots_[i].outcome = std::move(outcome);
      slots_[i].filed = true;
    }
    changed_.notify_all();
  }

  // Waits for the outcome of query `i` and takes it. REQUIRES: `i` is the
  // number of outcomes taken so far.
  QueryOutcome Take(size_t i) {
    QueryOutcome outcome;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [this, i] { return slots_[i].filed; });
      ++taken_;
      outcome = std::move(slots_[i].outcome);
    }
    changed_.notify_all();  // a worker may claim again
    return outcome;
  }

  // No query is claimed from now on.
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopped_ = true;
    }
    changed_.notify_all();
  }

 private:
  struct Slot {
    QueryOutcome outcome;
    bool filed = false;
  };

  // REQUIRES: mu_ held.
  bool MayClaim() const { return stopped_ || next_ == slots_.size() || next_ < taken_ + max_held_; }

  // Guards the members below it. A std::mutex rather than absl::Mutex: the
  // Abseil that Debian ships is not built for ThreadSanitizer, which then
  // cannot see absl::Mutex order the hand-offs, and reports each as a race
  // (docs/RELIABILITY.md, Sanitizers).
  std::mutex mu_;
  // Signalled when an outcome is filed or taken, and at a stop.
  std::condition_variable changed_;
  std::vector<Slot> slots_;  // one per query; never resized
  const size_t max_held_;
  size_t next_ = 0;   // queries claimed
  size_t taken_ = 0;  // outcomes taken
  bool stopped_ = false;
};

// One worker: answers the queries it claims with a session of its own.
void AnswerClaimed(const IndexReader* index, const SessionSettings& settings,
                   const std::vector<QueryLine>& queries, Outcomes* outcomes) {
  SearchSession session(index, settings);
  while (const std::optional<size_t> i = outcomes->Claim()) {
    outcomes->File(*i, Answer(&session, queries[*i]));
  }
}

void RunOnThisThread(const IndexReader* index, const SessionSettings& settings,
                     const std::vector<QueryLine>& queries, const OutcomeHandler& handle,
                     BatchStats* stats) {
  SearchSession session(index, settings);
  for (const QueryLine& query : queries) {
    if (!HandOver(query, Answer(&session, query), handle, stats)) return;
  }
}

void RunOnWorkers(const IndexReader* index, const SessionSettings& settings,
                  const std::vector<QueryLine>& queries, const OutcomeHandler& handle,
                  BatchStats* stats) {
  Outcomes outcomes(queries.size(), kHeldAnswersPerThread * stats->threads);
  std::vector<std::thread> workers;
  for (size_t t = 0; t < stats->threads; ++t) {
    workers.emplace_back(AnswerClaimed, index, std::cref(settings), std::cref(queries), &outcomes);
  }
  for (size_t i = 0; i < queries.size(); ++i) {
    if (!HandOver(queries[i], outcomes.Take(i), handle, stats)) {
      outcomes.Stop();
      break;
    }
  }
  // After a stop, each worker finishes the query it is answering, if any.
  for (std::thread& worker : workers) worker.join();
}

}  // namespace

BatchStats RunBatch(const IndexReader* index, const SessionSettings& settings,
                    const std::vector<QueryLine>& queries, const BatchOptions& options,
                    const OutcomeHandler& handle) {
  const Clock::time_point start = Clock::now();
  BatchStats stats;
  stats.threads = std::clamp<size_t>(queries.size(), 1, std::max<size_t>(options.threads, 1));
  stats.latencies_ms.reserve(queries.size());
  if (stats.threads == 1) {
    RunOnThisThread(index, settings, queries, handle, &stats);
  } else {
    RunOnWorkers(index, settings, queries, handle, &stats);
  }
  stats.wall_seconds = MillisecondsSince(start) / 1000;
  return stats;
}

std::string TimingsReport(const BatchStats& stats) {
  const LatencySummary latency = SummarizeLatencies(stats.latencies_ms);
  return absl::StrFormat(
      "searcher: timings: %d %s (%d failed), %d %s, %.3f s, %.1f queries/s\n"
      "searcher: timings: latency ms: p50 %.3f, p95 %.3f, p99 %.3f, mean %.3f, max %.3f\n",
      stats.queries(), stats.queries() == 1 ? "query" : "queries", stats.failed, stats.threads,
      stats.threads == 1 ? "thread" : "threads", stats.wall_seconds, stats.queries_per_second(),
      latency.p50, latency.p95, latency.p99, latency.mean, latency.max);
}

}  // namespace syndex
