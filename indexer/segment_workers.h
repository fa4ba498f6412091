// File: indexer/segment_workers.h
//
// Builds segments from runs of documents on worker threads: each worker
// analyzes, prepares and inverts a whole run in a SegmentBuilder of its own
// and writes it out, as Lucene gives each indexing thread a segment of its
// own. No thread waits on another while documents are added, and each
// builder's term table stays small enough to stay in cache.
//
// The caller cuts the input into runs at points that depend only on the
// documents (IndexWriter: every so many bytes of text) and names each run's
// segment in order, so the segments, and the index merged from them, are
// the same byte for byte whatever the threads.
//
// Example:
//   SegmentWorkers workers({.dir = dir, .threads = 2, .max_runs_in_flight = 3});
//   RETURN_IF_ERROR(workers.Submit(std::move(run)));  // may wait for room
//   ...
//   RETURN_IF_ERROR(workers.Finish());
//   for (const SegmentInfo& info : workers.built()) ...
#ifndef SYNDEX_INDEXER_SEGMENT_WORKERS_H_
#define SYNDEX_INDEXER_SEGMENT_WORKERS_H_

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/manifest.h"
#include "common/passage_splitter.h"
#include "indexer/document_analyzer.h"
#include "indexer/raw_document.h"

namespace syndex {

class SegmentBuilder;

// Consecutive documents that become one segment.
struct DocumentRun {
  std::string segment_name;
  // Each has at least one word in its title or text (Analyzer::HasTerm).
  std::vector<RawDocument> documents;
  // For each document, its text passages (SplitTextPassages with the
  // workers' PassageOptions), or none at all for every document: then the
  // workers split and hash the texts themselves.
  std::vector<std::vector<TextPassage>> text_passages;
  // Content hashes (content_hash.h) of this run's text passages that an
  // earlier run of the build holds too: their text is not stored again
  // (SegmentBuilder::SetTextsStoredBefore).
  absl::flat_hash_set<uint64_t> texts_stored_before;
};

struct SegmentWorkersOptions {
  std::string dir;  // where segments are written
  // Threads building segments. With one or none, Submit builds each run on
  // the caller's thread.
  uint32_t threads = 1;
  // Runs submitted and not yet written, at most: Submit waits for room. It
  // bounds the memory held, about three runs' text for a run being built
  // and one for a run waiting. At least 1.
  size_t max_runs_in_flight = 2;
  PassageOptions passages;
};

// Submit, Finish and the accessors must be called from one thread; the
// workers are internal.
class SegmentWorkers {
 public:
  explicit SegmentWorkers(SegmentWorkersOptions options);
  // Stops the workers after the runs they are building; runs not started
  // are dropped (their segments, unreferenced, are left to be deleted).
  ~SegmentWorkers();
  SegmentWorkers(const SegmentWorkers&) = delete;
  SegmentWorkers& operator=(const SegmentWorkers&) = delete;

  // Queues `run` to be built, waiting while max_runs_in_flight runs are
  // queued or being built. Returns the first error, in run order, of the
  // runs written so far with every run before them; after an error, queues
  // nothing more and returns that error.
  [[nodiscard]] absl::Status Submit(DocumentRun run);
  // Waits for every run, then stops the workers, whose analyzers' caches
  // would otherwise hold memory through the merge that follows (tens of
  // MB on AllSides). Returns the first error in run order; the same runs
  // give the same error whatever the threads. Call once, last.
  [[nodiscard]] absl::Status Finish();

  // The segments written without error before the first error, in run
  // order; documents and dedup seconds count those segments only.
  const std::vector<SegmentInfo>& built() const { return built_; }
  uint64_t documents() const { return built_counts_.documents; }
  uint64_t text_bytes() const { return built_counts_.text_bytes; }  // of their documents
  // Seconds the builders spent on dedup work (SegmentBuilder::dedup_seconds).
  double dedup_seconds() const { return built_counts_.dedup_seconds; }

 private:
  // What building a run counts, beside its segment.
  struct RunCounts {
    uint64_t documents = 0;
    uint64_t text_bytes = 0;
    double dedup_seconds = 0;
  };
  // A run and, once built, its result.
  struct Job {
    DocumentRun run;
    bool done = false;
    absl::StatusOr<SegmentInfo> result;
    RunCounts counts;
  };

  // Analyzes `run` with `analyzer`, inverts and writes it, then frees its
  // documents. The analyzer gives term ids only while the run is built.
  static absl::StatusOr<SegmentInfo> BuildSegment(const SegmentWorkersOptions& options,
                                                  DocumentAnalyzer* analyzer, DocumentRun* run,
                                                  RunCounts* counts);

  // BuildSegment's loop: adds the run's documents to `builder`.
  static absl::Status AddDocuments(DocumentAnalyzer* analyzer, SegmentBuilder* builder,
                                   DocumentRun* run, RunCounts* counts);

  // Analyzes, inverts and writes job->run; fills job's result. Each thread
  // keeps its analyzer from run to run, so that its stem cache stays warm
  // (a cold one per run made 459,000 of a build's 841,000 stemmer calls).
  void Build(Job* job, DocumentAnalyzer* analyzer) const;
  void WorkerLoop();
  // Records the finished jobs at the front, in order, and drops them.
  void CollectDone();
  // Adds a built run to built_, or its error to status_ if none came first.
  void Record(Job& job);
  bool HasRoom() const;
  // Has the workers return after their runs and joins them.
  void StopWorkers();

  const SegmentWorkersOptions options_;
  std::vector<std::thread> workers_;
  // The analyzer of runs built on the caller's thread (no workers).
  std::unique_ptr<DocumentAnalyzer> inline_analyzer_;

  // Guards the members below it, up to built_. A std::mutex rather than
  // absl::Mutex: the Abseil that Debian ships is not built for
  // ThreadSanitizer, which then cannot see absl::Mutex order the workers'
  // hand-offs, and reports every one as a race (docs/RELIABILITY.md).
  // CollectDone, Record and HasRoom are called with it held.
  std::mutex mu_;
  // Signalled when a job is queued or done, or the workers are to stop.
  std::condition_variable changed_;
  // The runs submitted and not collected, in run order; jobs_[claimed_..]
  // wait for a worker.
  std::deque<std::unique_ptr<Job>> jobs_;
  size_t claimed_ = 0;
  bool stopping_ = false;
  absl::Status status_;

  // Collected on the caller's thread (under mu_, read without it there).
  std::vector<SegmentInfo> built_;
  RunCounts built_counts_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_WORKERS_H_
