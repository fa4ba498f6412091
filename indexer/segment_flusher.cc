#include "indexer/segment_flusher.h"

#include <malloc.h>

#include <algorithm>
#include <utility>

#include "common/status_macros.h"

namespace syndex {

SegmentFlusher::~SegmentFlusher() { Wait().IgnoreError(); }

absl::Status SegmentFlusher::Done(absl::StatusOr<SegmentInfo> result) {
  dedup_seconds_ += writing_->dedup_seconds();
  writing_.reset();
  ::malloc_trim(0);  // give the buffer's memory back, so RSS tracks the budget
  RETURN_IF_ERROR(result.status());
  flushed_.push_back(*std::move(result));
  return absl::OkStatus();
}

absl::Status SegmentFlusher::Flush(std::unique_ptr<SegmentBuilder> builder, uint32_t threads) {
  RETURN_IF_ERROR(Wait());
  writing_ = std::move(builder);
  if (!background_) return Done(writing_->Finish(threads));
  writing_bytes_ = writing_->memory_usage();
  thread_ = std::thread([this, threads] { result_ = writing_->Finish(threads); });
  return absl::OkStatus();
}

absl::Status SegmentFlusher::Wait() {
  if (!thread_.joinable()) return absl::OkStatus();
  thread_.join();
  return Done(std::move(result_));
}

size_t SegmentFlusher::memory_usage() const {
  if (writing_ == nullptr) return 0;
  return writing_bytes_ - std::min(writing_bytes_, writing_->released_bytes());
}

}  // namespace syndex
