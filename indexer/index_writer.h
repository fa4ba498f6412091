// File: indexer/index_writer.h
//
// Builds an index directory: documents are analyzed and buffered in a
// SegmentBuilder; when the buffer reaches its share of the memory budget it
// is written out as a segment; Commit merges the new segments into one
// (deduplicating across all of them, so even a single flushed segment is
// merged to get its near-duplicate clusters and boilerplate) and atomically
// replaces the manifest, then deletes files no manifest names.
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

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "common/manifest.h"
#include "common/passage_splitter.h"
#include "indexer/dedup_plan.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/raw_document.h"
#include "indexer/segment_builder.h"

namespace syndex {

struct IndexWriterOptions {
  // Memory the build may use, in bytes (peak resident size). The in-memory
  // segment is flushed when it holds 60% of this; the rest covers the
  // allocator's slack and the program, and merges read through mmap with
  // pages released as they go. Default: 256 MiB.
  size_t memory_budget = size_t{256} << 20;
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

  // Analyzes and buffers one document; may write a segment.
  [[nodiscard]] absl::Status Add(const RawDocument& doc);
  // Writes the last segment, merges the new segments into one, commits the
  // manifest and removes unreferenced files. REQUIRES: called once, last.
  [[nodiscard]] absl::Status Commit();

  const IndexWriterStats& stats() const { return stats_; }

 private:
  IndexWriter(std::string dir, IndexWriterOptions options, int lock_fd, uint32_t next_segment);
  absl::Status Flush();
  absl::StatusOr<SegmentInfo> MergeFlushed();
  std::string NextSegmentName();
  // The buffer gets 60% of the budget: measured peak RSS is about 1.4x the
  // buffer (allocator slack, hash table growth, the program itself).
  size_t flush_threshold() const { return options_.memory_budget / 10 * 6; }

  std::string dir_;
  IndexWriterOptions options_;
  int lock_fd_;
  uint32_t next_segment_;
  DocumentAnalyzer analyzer_;
  AnalyzedDocument analyzed_;
  std::unique_ptr<SegmentBuilder> builder_;
  std::vector<SegmentInfo> flushed_;
  absl::flat_hash_set<std::string> ids_;
  IndexWriterStats stats_;
};

// Deletes the files in `dir` that belong to no segment of `manifest`
// (leftovers of an interrupted write or of replaced segments).
[[nodiscard]] absl::Status RemoveUnreferencedFiles(const std::string& dir,
                                                   const Manifest& manifest);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_WRITER_H_
