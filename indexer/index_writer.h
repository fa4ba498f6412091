// File: indexer/index_writer.h
//
// Builds an index directory: documents are analyzed and prepared (on
// `threads` threads, parallel_preparer.h) and buffered, in input order, in a
// SegmentBuilder; when the buffer reaches its share of the memory budget it
// is written out as a segment; Commit merges the new segments into one
// (deduplicating across all of them, so even a single flushed segment is
// merged to get its near-duplicate clusters and boilerplate) and atomically
// replaces the manifest, then deletes files no manifest names.
//
// The index does not depend on the number of threads: documents reach the
// builder in the order they were added, and a segment is flushed at the
// same document whatever the threads, so the files are the same byte for
// byte.
//
// One writer at a time: Create takes an exclusive lock on DIR/LOCK (flock,
// released by the kernel if the process dies, so a lock is never stale).
// Until Commit returns, readers keep seeing the previous commit; if the
// process is killed, the previous commit stays intact.
//
// Example:
//   ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(dir, IndexWriterOptions{}));
//   RETURN_IF_ERROR(writer->Add(raw));
//   RETURN_IF_ERROR(writer->Commit());
#ifndef SYNDEX_INDEXER_INDEX_WRITER_H_
#define SYNDEX_INDEXER_INDEX_WRITER_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "common/manifest.h"
#include "common/passage_splitter.h"
#include "indexer/dedup_plan.h"
#include "indexer/document_source.h"
#include "indexer/parallel_preparer.h"
#include "indexer/raw_document.h"
#include "indexer/segment_builder.h"
#include "indexer/segment_flusher.h"

namespace syndex {

struct IndexWriterOptions {
  // Memory the build may use, in bytes (peak resident size). Documents
  // being prepared may hold 1/32 of it, and the in-memory segment is
  // flushed when it holds 60% of it less that; the rest covers the
  // allocator's slack and the program, and merges read through mmap with
  // pages released as they go. Default: 256 MiB.
  size_t memory_budget = size_t{256} << 20;
  // Threads analyzing and preparing documents, counting the caller's, which
  // also builds the segment. Does not change the index. Default: one per
  // core (std::thread::hardware_concurrency()).
  uint32_t threads = std::max(1u, std::thread::hardware_concurrency());
  PassageOptions passages;
  // Near-duplicate threshold and boilerplate rules (docs/DEDUP.md).
  DedupOptions dedup;
  // Receives warnings (skipped duplicates, ...). Default: none.
  WarningSink warn;
};

struct IndexWriterStats {
  uint64_t documents = 0;  // added
  uint64_t skipped = 0;    // not added (duplicate id, no words)
  uint64_t segments_flushed = 0;
  uint64_t input_bytes = 0;         // bytes of text added
  double dedup_seconds = 0;         // of the build's time, spent deduplicating...
  double dedup_commit_seconds = 0;  // ...of which in the commit's merge
  // Dedup's processor time, counting also the commit's clustering on a
  // second thread, overlapped with merging postings (MergeStats).
  double dedup_work_seconds = 0;
  // Of the build's time, spent in Commit: the last segment written, then
  // the merge of the flushed segments into one.
  double commit_seconds = 0;
  double merge_seconds = 0;  // ...of which merging
  uint64_t segments_merged = 0;
};

// Not thread-safe.
class IndexWriter {
 public:
  // Opens `dir` for building a new index, creating the directory if needed.
  // An index already there stays readable until Commit replaces it.
  // FailedPrecondition if another writer holds the lock.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<IndexWriter>> Create(
      const std::string& dir, IndexWriterOptions options);
  ~IndexWriter();

  // Takes one document in: analyzes and buffers it, perhaps later and on
  // another thread; may write a segment. A document is skipped, with a
  // warning, if its id was added before or it has no words. An error (of
  // this document or of one added before it) is returned by this call or a
  // later one, the same whatever the threads; after an error, every call
  // returns it. An exception thrown preparing a document on a worker is
  // rethrown here, as it would be with one thread.
  [[nodiscard]] absl::Status Add(const RawDocument& doc);
  // Buffers the documents still being prepared, writes the last segment,
  // merges the new segments into one, commits the manifest and removes
  // unreferenced files. REQUIRES: called once, last.
  [[nodiscard]] absl::Status Commit();

  const IndexWriterStats& stats() const { return stats_; }

 private:
  IndexWriter(std::string dir, IndexWriterOptions options, int lock_fd, uint32_t next_segment);
  // Adds the documents prepared, in order; if `all`, waits for every one,
  // else only while the preparer is full.
  absl::Status Drain(bool all);
  // Buffers one prepared document (or skips it); may write a segment.
  absl::Status AddPrepared(const PreparedEntry& entry);
  // Writes the buffered segment, its postings encoded on `threads`.
  absl::Status Flush(uint32_t threads = 1);
  absl::StatusOr<SegmentInfo> MergeFlushed();
  std::string NextSegmentName();
  // Documents being prepared may hold this much; it does not depend on the
  // threads, so neither does the flush threshold.
  size_t preparing_budget() const { return options_.memory_budget / 32; }
  // The buffer gets 60% of the budget, less what documents being prepared
  // may hold: while documents are added, measured peak RSS is about 1.2x
  // the buffer (allocator slack, hash table growth, the program itself);
  // the commit's merge needs memory in proportion to the passages instead.
  size_t flush_threshold() const { return options_.memory_budget / 10 * 6 - preparing_budget(); }

  std::string dir_;
  IndexWriterOptions options_;
  int lock_fd_;
  uint32_t next_segment_;
  // Until Commit, which gives its memory to the merge.
  std::unique_ptr<ParallelPreparer> preparer_;
  // The first error: every call returns it after.
  absl::Status status_;
  std::unique_ptr<SegmentBuilder> builder_;
  // In the background if threads > 1: the builder's flush points do not
  // depend on it, only how long it waits for memory.
  SegmentFlusher flusher_;
  absl::flat_hash_set<std::string> ids_;
  IndexWriterStats stats_;
};

// Deletes the files in `dir` that belong to no segment of `manifest`
// (leftovers of an interrupted write or of replaced segments).
[[nodiscard]] absl::Status RemoveUnreferencedFiles(const std::string& dir,
                                                   const Manifest& manifest);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_WRITER_H_
