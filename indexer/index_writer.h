// File: indexer/index_writer.h
//
// Builds an index directory, or adds to one. Documents are cut into runs of about
// run_bytes() of text, in input order; each run becomes a segment, built
// (analyzed, prepared and inverted) on a worker thread of its own
// (segment_workers.h). Commit merges the new segments into one
// (deduplicating across all of them, so even a single segment is merged to
// get its near-duplicate clusters and boilerplate) and atomically replaces
// the manifest, then deletes files no manifest names.
//
// The index does not depend on the number of threads: runs are cut at the
// same documents and their segments named in the same order whatever the
// threads, so the files are the same byte for byte.
//
// Adding (CreateForAdd) merges the new segments with the index's
// committed ones, so the commit is the same single segment that building
// every document at once would give: deduplication and boilerplate are
// decided over the old articles and the new together. An added article
// whose id the index holds replaces it: the old one is left out of the
// merge. The price is that an add rewrites the whole index.
//
// One writer at a time: the writer holds the index's lock (index_lock.h)
// from Create to destruction. Until Commit returns, readers keep seeing the
// previous commit; if the process is killed, the previous commit stays
// intact.
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
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "common/manifest.h"
#include "common/passage_splitter.h"
#include "indexer/dedup_plan.h"
#include "indexer/document_source.h"
#include "indexer/index_commit.h"
#include "indexer/index_lock.h"
#include "indexer/raw_document.h"
#include "indexer/segment_workers.h"

namespace syndex {

struct IndexWriterOptions {
  // Memory the build may use, in bytes (peak resident size). A run of
  // documents holds 1/16 of it in text, and a run being built about three
  // times that; runs in flight are bounded to fit half the budget, the rest
  // covering the allocator's slack and the program. Merges read through
  // mmap with pages released as they go. Default: 256 MiB.
  size_t memory_budget = size_t{256} << 20;
  // Threads building segments, and then merging them. The caller's thread
  // reads the input and, with one thread, builds too. Does not change the
  // index. Default: one per core (std::thread::hardware_concurrency()).
  uint32_t threads = std::max(1u, std::thread::hardware_concurrency());
  PassageOptions passages;
  // Near-duplicate threshold and boilerplate rules (docs/DEDUP.md).
  DedupOptions dedup;
  // Receives warnings (skipped duplicates, ...). Default: none.
  WarningSink warn;
  // Receives what the commit could not clean up (CommitManifest); kept
  // apart from `warn` because it is about the index, not the input.
  WarningSink commit_warn;
};

struct IndexWriterStats {
  uint64_t documents = 0;         // added, in segments written so far
  uint64_t skipped = 0;           // not added (duplicate id, no words)
  uint64_t replaced = 0;          // of the index's articles, by one added with the same id
  uint64_t segments_flushed = 0;  // runs cut, each a segment
  uint64_t input_bytes = 0;       // bytes of text added, in segments written so far
  // Of the build's time, spent deduplicating (the workers' share counted as
  // their dedup work divided among them)...
  double dedup_seconds = 0;
  double dedup_commit_seconds = 0;  // ...of which in the commit's merge
  // Dedup's processor time, counting also the commit's clustering on a
  // second thread, overlapped with merging postings (MergeStats).
  double dedup_work_seconds = 0;
  // Of the build's time, spent in Commit: the last segment written, then
  // the merge of the flushed segments into one.
  double commit_seconds = 0;
  double merge_seconds = 0;  // ...of which merging
  uint64_t segments_merged = 0;
  // Stored text blocks the merge recompressed to drop a copy's text.
  uint64_t stored_blocks_rewritten = 0;
};

// Not thread-safe.
class IndexWriter {
 public:
  // Opens `dir` for building a new index, creating the directory if needed.
  // An index already there stays readable until Commit replaces it.
  // FailedPrecondition if another writer holds the lock.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<IndexWriter>> Create(
      const std::string& dir, IndexWriterOptions options);
  // Opens the index in `dir` for adding documents to it. NotFound if there
  // is none; FailedPrecondition if another writer holds the lock; DataLoss
  // if a file of its last commit is damaged.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<IndexWriter>> CreateForAdd(
      const std::string& dir, IndexWriterOptions options);
  ~IndexWriter();

  // Takes one document in, to be analyzed and indexed with its run, later
  // and perhaps on another thread. A document is skipped, with a warning,
  // if its id was added before by this writer or it has no words (an id
  // skipped for having no words is free again). When adding, a document
  // whose id the index holds replaces it. An error (of this document or of one added
  // before it) is returned by this call or a later one, the same whatever
  // the threads; after an error, every call returns it.
  [[nodiscard]] absl::Status Add(const RawDocument& doc);
  // Builds the last run, merges the new segments (and, when adding, the
  // index's) into one, commits the manifest and removes unreferenced
  // files. An add that changed nothing commits nothing. REQUIRES: called
  // once, last.
  [[nodiscard]] absl::Status Commit();

  const IndexWriterStats& stats() const { return stats_; }

 private:
  IndexWriter(std::string dir, IndexWriterOptions options, IndexLock lock, SegmentNamer names);
  // When adding: notes the index's articles by id, and the documents
  // already deleted.
  void NoteExisting(CommittedIndex existing);
  // When adding: deletes the index's article `id`, if it has one.
  void Replace(std::string_view id);
  // Splits `doc`'s text into passages and hashes them, for its run's
  // worker to use as they are (DocumentRun::text_passages). Texts an earlier
  // run holds are not stored again (DocumentRun::texts_stored_before), which
  // spares the commit's merge rewriting most stored text blocks.
  void NoteTexts(const RawDocument& doc);
  // Hands the run being filled to the workers.
  absl::Status SubmitRun();
  void CountWritten();
  absl::StatusOr<SegmentInfo> MergeBuilt();
  // A run is cut once its documents hold this much text (and titles and
  // the rest): it depends on the budget alone, never on the threads.
  size_t run_bytes() const { return options_.memory_budget / 16; }
  // A run being built peaks at about three times its text (the text, the
  // builder's buffers, the encoded postings), a run waiting at once: half
  // the budget holds the runs building, one waiting and one being filled.
  size_t max_runs_in_flight() const;

  std::string dir_;
  IndexWriterOptions options_;
  IndexLock lock_;
  SegmentNamer names_;
  // When adding: the index's last commit, the documents of each of its
  // segments to leave out of the merge (deleted before, or replaced now),
  // and where each live article is, by id (views into the mapped tables).
  std::optional<CommittedIndex> existing_;
  std::vector<DocumentDeletions> existing_deletions_;
  struct ArticleLocation {
    uint32_t segment;
    DocId doc;
  };
  absl::flat_hash_map<std::string_view, ArticleLocation> existing_ids_;
  // Tells documents without words before they reach a worker.
  Analyzer analyzer_;
  DocumentRun run_;        // being filled
  size_t run_filled_ = 0;  // bytes of run_'s documents
  // Until Commit, which gives their memory to the merge.
  std::unique_ptr<SegmentWorkers> workers_;
  // The first error: every call returns it after.
  absl::Status status_;
  absl::flat_hash_set<std::string> ids_;
  // Content hashes of the text passages of the runs handed over, and of
  // the run being filled (not yet in texts_stored_).
  absl::flat_hash_set<uint64_t> texts_stored_;
  std::vector<uint64_t> run_texts_;
  IndexWriterStats stats_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_WRITER_H_
