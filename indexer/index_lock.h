// File: indexer/index_lock.h
//
// One writer at a time: every command that changes an index (build, add,
// delete, compact) holds an exclusive flock on DIR/LOCK while it works.
// The kernel releases a flock when its process dies, however it dies, so a
// lock is never stale: a LOCK file left behind by a killed writer holds
// nothing, and the next writer takes it at once. The holder writes its
// process id into the file, so that a refused writer can say who holds it.
// Readers never lock: they read committed files only.
//
// Example:
//   ASSIGN_OR_RETURN(IndexLock lock, IndexLock::Acquire(dir));
//   ... write segments, commit ...
//   // the lock is released when `lock` is destroyed
#ifndef SYNDEX_INDEXER_INDEX_LOCK_H_
#define SYNDEX_INDEXER_INDEX_LOCK_H_

#include <string>

#include "absl/status/statusor.h"

namespace syndex {

// Move-only.
class IndexLock {
 public:
  // Takes the lock of the index directory `dir` (which must exist), or
  // fails at once with FailedPrecondition naming the process that holds it.
  [[nodiscard]] static absl::StatusOr<IndexLock> Acquire(const std::string& dir);

  IndexLock(IndexLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  IndexLock& operator=(IndexLock&& other) noexcept;
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;
  ~IndexLock();

 private:
  explicit IndexLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_INDEX_LOCK_H_
