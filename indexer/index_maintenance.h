// File: indexer/index_maintenance.h
//
// `indexer delete` and `indexer compact`: changing a committed index
// without adding to it. Each holds the index's lock and ends in one atomic
// commit (index_commit.h), so a reader sees the index before or after,
// never between, and a killed command leaves the last commit intact.
//
//  * DeleteDocuments marks articles deleted: for each segment that loses
//    one, a new deletion file (docs/FORMAT.md, "Deletions") names all of
//    the segment's deleted documents, and the new manifest points at it.
//    Nothing else is rewritten, so a delete costs little; readers skip the
//    deleted articles and their passages from then on.
//  * CompactIndex merges every segment into one and leaves the deleted
//    articles out, deciding deduplication again over the articles left.
//
// Example:
//   ASSIGN_OR_RETURN(DeleteResult deleted, DeleteDocuments(dir, {"a1", "a7"}));
//   ASSIGN_OR_RETURN(CompactResult compacted, CompactIndex(dir, CompactOptions{}));
#ifndef SYNDEX_INDEXER_INDEX_MAINTENANCE_H_
#define SYNDEX_INDEXER_INDEX_MAINTENANCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "indexer/document_source.h"
#include "indexer/segment_merger.h"

namespace syndex {

struct DeleteResult {
  uint64_t deleted = 0;          // articles deleted by this call
  uint64_t already_deleted = 0;  // ids of articles deleted before
  // Ids the index has no article for, at most the first 10 kept.
  uint64_t not_found = 0;
  std::vector<std::string> not_found_examples;
  // The commit made, or the last one if nothing was deleted.
  uint64_t generation = 0;
};

// Deletes the articles with the given ids (as the input gave them). An id
// the index does not hold is counted, not an error. Commits only if an
// article was deleted.
// `warn` receives what the commit could not clean up (CommitManifest).
[[nodiscard]] absl::StatusOr<DeleteResult> DeleteDocuments(const std::string& dir,
                                                           const std::vector<std::string>& ids,
                                                           const WarningSink& warn = {});

struct CompactResult {
  bool changed = false;  // false if the index was one segment without deletions
  uint64_t segments_before = 0;
  uint64_t documents_dropped = 0;  // deleted articles left out
  uint64_t documents = 0;          // in the compacted index
  uint64_t generation = 0;
  MergeStats merge;
};

struct CompactOptions {
  // As for building (IndexWriterOptions).
  DedupOptions dedup;
  uint32_t threads = 1;
  size_t memory_budget = size_t{256} << 20;
  // Receives what the commit could not clean up (CommitManifest).
  WarningSink warn;
};

// Merges the index's segments into one without its deleted articles.
[[nodiscard]] absl::StatusOr<CompactResult> CompactIndex(const std::string& dir,
                                                         const CompactOptions& options);

// Reads a file of article ids, one a line; blank lines and surrounding
// spaces and tabs are ignored. NotFound / an I/O error naming the file.
[[nodiscard]] absl::StatusOr<std::vector<std::string>> ReadIdFile(const std::string& path);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_MAINTENANCE_H_
