// File: searcher/index_follower.h
//
// Follows an index's commits for a long-lived reader (the interactive
// prompt): between two queries, Refresh checks the manifest's generation
// and, if a writer committed since, opens the new commit. Each query runs
// on one snapshot from start to end (index_reader.h); a new commit is
// only picked up between queries.
//
// Example:
//   ASSIGN_OR_RETURN(IndexFollower follower, IndexFollower::Open(dir, options));
//   ASSIGN_OR_RETURN(bool changed, follower.Refresh());
//   if (changed) session.SwitchIndex(&follower.current());
#ifndef SYNDEX_SEARCHER_INDEX_FOLLOWER_H_
#define SYNDEX_SEARCHER_INDEX_FOLLOWER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "searcher/index_reader.h"

namespace syndex {

// Not thread-safe.
class IndexFollower {
 public:
  // Opens the index's last commit.
  [[nodiscard]] static absl::StatusOr<IndexFollower> Open(const std::string& dir,
                                                          IndexReader::Options options);
  // Follows `reader`'s index from the commit `reader` holds.
  IndexFollower(std::unique_ptr<IndexReader> reader, IndexReader::Options options)
      : current_(std::move(reader)), options_(options) {}

  // The snapshot to search. Valid until a Refresh that returns true.
  const IndexReader& current() const { return *current_; }

  // Opens the index's last commit if it is not current(): true if it did.
  // On error (the new commit is damaged, or the index is gone) current()
  // stays the snapshot it was.
  [[nodiscard]] absl::StatusOr<bool> Refresh();

 private:
  std::unique_ptr<IndexReader> current_;
  IndexReader::Options options_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_INDEX_FOLLOWER_H_
