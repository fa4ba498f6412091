#include "searcher/index_follower.h"

#include "common/status_macros.h"

namespace syndex {

absl::StatusOr<IndexFollower> IndexFollower::Open(const std::string& dir,
                                                  IndexReader::Options options) {
  ASSIGN_OR_RETURN(std::unique_ptr<IndexReader> reader, IndexReader::Open(dir, options));
  return IndexFollower(std::move(reader), options);
}

absl::StatusOr<bool> IndexFollower::Refresh() {
  // The manifest is a few hundred bytes: reading it costs microseconds.
  ASSIGN_OR_RETURN(const Manifest manifest, ReadManifest(current_->dir()));
  if (manifest.generation == current_->manifest().generation) return false;
  ASSIGN_OR_RETURN(current_, IndexReader::Open(current_->dir(), options_));
  return true;
}

}  // namespace syndex
