// File: indexer/parallel_preparer.h
//
// Analyzes and prepares documents (document_analyzer.h, prepared_document.h)
// on worker threads and hands them back in the order they were pushed, so
// that a single-threaded consumer (the segment builder) sees exactly what
// it would have seen preparing them itself. The documents pushed and not
// yet popped are bounded in memory: the consumer takes them out whenever
// full() says so, waiting for the oldest if it is not prepared yet, and
// preparing later ones on its own thread in the meantime.
//
// With one thread there are no workers: the consumer's thread prepares each
// document when it asks for it.
//
// Example:
//   ParallelPreparerOptions options;
//   options.threads = 4;
//   ParallelPreparer preparer(options);
//   for (const RawDocument& raw : docs) {
//     preparer.Push(raw);
//     while (!preparer.empty() && (preparer.full() || preparer.FrontReady())) {
//       Consume(preparer.Front());
//       preparer.Pop();
//     }
//   }
//   while (!preparer.empty()) { Consume(preparer.Front()); preparer.Pop(); }
#ifndef SYNDEX_INDEXER_PARALLEL_PREPARER_H_
#define SYNDEX_INDEXER_PARALLEL_PREPARER_H_

#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "common/passage_splitter.h"
#include "indexer/document_analyzer.h"
#include "indexer/prepared_document.h"
#include "indexer/raw_document.h"

namespace syndex {

struct ParallelPreparerOptions {
  // Threads preparing documents, counting the consumer's: threads - 1
  // workers are started. Default: 1 (no workers).
  uint32_t threads = 1;
  // Memory the pushed documents not yet popped, and the buffers of popped
  // ones kept for reuse, may hold (as ParallelPreparer::memory_usage()
  // counts it, the threads' scratch aside); at least one document is always
  // let in. Default: 8 MiB.
  size_t max_pending_bytes = size_t{8} << 20;
  PassageOptions passages;
};

// One document: as pushed, and prepared.
struct PreparedEntry {
  RawDocument raw;
  PreparedDocument prepared;
  // Whether the consumer's thread prepared it (its time was then spent on
  // the consumer's path).
  bool prepared_by_consumer = false;
};

// Push, full, empty, FrontReady, Front and Pop must be called from one
// thread, the consumer's; the workers are internal.
class ParallelPreparer {
 public:
  explicit ParallelPreparer(ParallelPreparerOptions options);
  // Stops the workers after the documents they are preparing; documents
  // not popped are dropped.
  ~ParallelPreparer();
  ParallelPreparer(const ParallelPreparer&) = delete;
  ParallelPreparer& operator=(const ParallelPreparer&) = delete;

  // Appends a copy of `raw` to the documents to prepare.
  void Push(const RawDocument& raw);
  // Whether the documents not popped hold at least max_pending_bytes (or,
  // with no workers, whether there is one): the consumer should pop before
  // pushing more.
  bool full() const;
  bool empty() const;
  // Whether the oldest document not popped is prepared. REQUIRES: !empty().
  bool FrontReady() const;
  // The oldest document not popped, prepared; waits for it if a worker is
  // preparing it, and prepares others on this thread meanwhile. If its
  // preparation threw, rethrows that exception here. The entry stays valid
  // until Pop. REQUIRES: !empty().
  const PreparedEntry& Front();
  // Drops the oldest document. REQUIRES: Front() returned it.
  void Pop();

  // Bytes held by the documents not popped (those not prepared yet at an
  // estimate of what preparing them takes, which is most of it), by entries
  // kept for reuse, and by each thread's scratch.
  size_t memory_usage() const;

 private:
  struct Job;
  // What one thread needs to prepare documents.
  struct Preparer {
    explicit Preparer(const PassageOptions& options) : analyzer(options) {}
    DocumentAnalyzer analyzer;
    AnalyzedDocument analyzed;
    DocumentPreparer preparer;
    size_t scratch_bytes = 0;  // guarded by mu_: as of its last document
  };

  static size_t EstimatedBytes(const RawDocument& raw);
  static size_t PreparedBytes(const PreparedEntry& entry);
  // Prepares one claimed job and files it.
  void Run(Job* job, Preparer* preparer, bool by_consumer);
  // Claims the next job to prepare, or returns null (only when stopping).
  Job* Claim();
  void WorkerLoop(Preparer* preparer);
  bool HasWork() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  bool FrontDone() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const size_t max_pending_bytes_;
  const size_t max_jobs_;
  Preparer own_;  // the consumer's
  std::vector<std::unique_ptr<Preparer>> worker_preparers_;
  std::vector<std::thread> workers_;

  mutable absl::Mutex mu_;
  // The documents not popped, in push order; jobs_[claimed_..] are waiting
  // for a thread.
  std::deque<std::unique_ptr<Job>> jobs_ ABSL_GUARDED_BY(mu_);
  size_t claimed_ ABSL_GUARDED_BY(mu_) = 0;
  size_t pending_bytes_ ABSL_GUARDED_BY(mu_) = 0;  // the sum of their Job::bytes
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // Popped jobs whose buffers are reused (touched by the consumer only).
  std::vector<std::unique_ptr<Job>> free_;
  size_t free_bytes_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_PARALLEL_PREPARER_H_
