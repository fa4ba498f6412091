// File: indexer/index_commit.h
//
// What every command that changes an index shares (docs/FORMAT.md, "Commit
// protocol"): reading the last commit, naming new segment files, and
// committing a new manifest, after which files no manifest names are
// deleted. A writer holds the index's lock (index_lock.h) throughout.
//
// Example:
//   ASSIGN_OR_RETURN(CommittedIndex index, OpenCommitted(dir));
//   ASSIGN_OR_RETURN(SegmentNamer names, SegmentNamer::ForDirectory(dir));
//   ... write segment names.Next() ...
//   RETURN_IF_ERROR(CommitManifest(dir, NextManifest(index.manifest, {merged})));
#ifndef SYNDEX_INDEXER_INDEX_COMMIT_H_
#define SYNDEX_INDEXER_INDEX_COMMIT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "indexer/document_source.h"

namespace syndex {

// The last commit of an index, its segments opened (checksums verified:
// a writer must not copy damaged bytes into a new segment).
struct CommittedIndex {
  Manifest manifest;
  std::vector<std::unique_ptr<Segment>> segments;

  std::vector<const Segment*> segment_pointers() const;
  uint64_t live_documents() const;
};

// NotFound if `dir` holds no index; DataLoss naming a damaged file.
[[nodiscard]] absl::StatusOr<CommittedIndex> OpenCommitted(const std::string& dir);

// Names new segments "seg000001", "seg000002", ... after the highest number
// any file in the directory has, so that a new segment never reuses the
// name of a file a reader or a killed writer may still have.
class SegmentNamer {
 public:
  [[nodiscard]] static absl::StatusOr<SegmentNamer> ForDirectory(const std::string& dir);
  std::string Next();

 private:
  explicit SegmentNamer(uint32_t next) : next_(next) {}
  uint32_t next_;
};

// Makes `manifest` the index's commit: the directory is fsynced (so the
// new files' entries are durable before a manifest names them), the
// manifest replaced atomically, the directory fsynced again (so the
// rename is durable), and unreferenced files deleted.
//
// An error before the rename leaves the previous commit current. Once the
// rename is done the commit stands, so a later failure says so:
//  - the second fsync failing is an error whose message says that
//    `manifest` is current but may not survive a crash; the previous
//    commit's files are then kept, so that it can still be opened if the
//    rename is lost;
//  - a file that cannot be deleted is only a warning to `warn` (no
//    manifest names it; the next commit deletes it), and OK is returned.
[[nodiscard]] absl::Status CommitManifest(const std::string& dir, const Manifest& manifest,
                                          const WarningSink& warn);

// Deletes the files in `dir` that belong to no segment of `manifest`
// (leftovers of an interrupted write, replaced segments, deletion files of
// earlier commits) and MANIFEST.tmp. Tries every file; the error names the
// first that could not be deleted and how many more there were.
[[nodiscard]] absl::Status RemoveUnreferencedFiles(const std::string& dir,
                                                   const Manifest& manifest);

// Creates the directory `dir` unless it exists.
[[nodiscard]] absl::Status MakeIndexDirectory(const std::string& dir);

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_COMMIT_H_
