// File: indexer/segment_flusher.h
//
// Writes full segment builders out (SegmentBuilder::Finish), one at a time
// and in order, either at once or on a thread of its own while the caller
// fills the next builder. A segment being written in the background keeps
// part of its memory until Finish has released it; memory_usage() says how
// much, so that the caller can keep the two builders within its budget.
//
// Example:
//   SegmentFlusher flusher(/*background=*/true);
//   RETURN_IF_ERROR(flusher.Flush(std::move(builder)));  // returns at once
//   ...  // fill the next builder, watching flusher.memory_usage()
//   RETURN_IF_ERROR(flusher.Wait());
//   for (const SegmentInfo& info : flusher.flushed()) ...
#ifndef SYNDEX_INDEXER_SEGMENT_FLUSHER_H_
#define SYNDEX_INDEXER_SEGMENT_FLUSHER_H_

#include <memory>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/manifest.h"
#include "indexer/segment_builder.h"

namespace syndex {

// Not thread-safe: one caller; the thread writing in the background is
// internal.
class SegmentFlusher {
 public:
  explicit SegmentFlusher(bool background) : background_(background) {}
  // Waits for the segment being written, if any.
  ~SegmentFlusher();
  SegmentFlusher(const SegmentFlusher&) = delete;
  SegmentFlusher& operator=(const SegmentFlusher&) = delete;

  // Writes `builder`'s segment: at once, or, in the background, on a new
  // thread once the previous segment is written. Returns the error of
  // writing this segment or, in the background, of the previous one.
  // `threads` encode its postings (SegmentBuilder::Finish): one while
  // documents are still being added on the other cores, all of them for
  // the last segment, which the commit waits for.
  [[nodiscard]] absl::Status Flush(std::unique_ptr<SegmentBuilder> builder, uint32_t threads = 1);
  // Waits until no segment is being written; returns the error of the last
  // one, if it failed.
  [[nodiscard]] absl::Status Wait();
  // Bytes of memory the segment being written still holds; 0 if none.
  size_t memory_usage() const;
  bool busy() const { return writing_ != nullptr; }

  // The segments written so far, in the order of Flush.
  const std::vector<SegmentInfo>& flushed() const { return flushed_; }
  // Seconds the builders spent on dedup work (SegmentBuilder::dedup_seconds).
  double dedup_seconds() const { return dedup_seconds_; }

 private:
  // Records the end of writing_ (Finish's `result`) and frees it.
  absl::Status Done(absl::StatusOr<SegmentInfo> result);

  const bool background_;
  std::unique_ptr<SegmentBuilder> writing_;  // in the background
  size_t writing_bytes_ = 0;                 // its memory_usage() when it started
  std::thread thread_;
  absl::StatusOr<SegmentInfo> result_;  // of writing_; set by thread_
  std::vector<SegmentInfo> flushed_;
  double dedup_seconds_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_FLUSHER_H_
