#include "indexer/parallel_preparer.h"

#include <algorithm>
#include <utility>

namespace syndex {
namespace {

// Memory a document takes while it is analyzed, per byte of its text: each
// token (a Token, 48 bytes, about every 6 bytes of text) until the document
// is prepared, then the prepared form (about 2 bytes a byte of text).
constexpr size_t kPreparingBytesPerTextByte = 10;
// Documents not popped, per thread: enough to keep every worker busy when
// documents vary in size; max_pending_bytes is the real bound.
constexpr size_t kJobsPerThread = 32;
// A popped job's buffers are kept for the next document unless they hold
// more than this (after an unusually large document).
constexpr size_t kMaxReusedJobBytes = 256 << 10;

size_t StringBytes(const std::string& s) { return sizeof(s) + s.capacity(); }

}  // namespace

struct ParallelPreparer::Job {
  PreparedEntry entry;  // owned by the thread that claimed it until done
  size_t bytes = 0;     // counted in pending_bytes_ (guarded by mu_)
  bool done = false;    // guarded by mu_
  std::exception_ptr error;
};

ParallelPreparer::ParallelPreparer(ParallelPreparerOptions options)
    : max_pending_bytes_(options.max_pending_bytes),
      max_jobs_(options.threads <= 1 ? 1 : kJobsPerThread * options.threads),
      own_(options.passages) {
  for (uint32_t t = 1; t < options.threads; ++t) {
    worker_preparers_.push_back(std::make_unique<Preparer>(options.passages));
  }
  for (const auto& preparer : worker_preparers_) {
    workers_.emplace_back(&ParallelPreparer::WorkerLoop, this, preparer.get());
  }
}

ParallelPreparer::~ParallelPreparer() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& worker : workers_) worker.join();
}

size_t ParallelPreparer::PreparedBytes(const PreparedEntry& entry) {
  const RawDocument& raw = entry.raw;
  return sizeof(Job) + StringBytes(raw.id) + StringBytes(raw.title) + StringBytes(raw.text) +
         StringBytes(raw.outlet) + StringBytes(raw.date) + StringBytes(raw.url) +
         StringBytes(raw.origin) + entry.prepared.memory_usage();
}

size_t ParallelPreparer::EstimatedBytes(const RawDocument& raw) {
  return (raw.text.size() + raw.title.size()) * kPreparingBytesPerTextByte;
}

void ParallelPreparer::Push(const RawDocument& raw) {
  std::unique_ptr<Job> job;
  if (free_.empty()) {
    job = std::make_unique<Job>();
  } else {
    job = std::move(free_.back());
    free_.pop_back();
    free_bytes_ -= job->bytes;
  }
  job->entry.raw = raw;  // reuses the buffers' capacity
  job->entry.prepared_by_consumer = false;
  job->done = false;
  job->error = nullptr;
  job->bytes = PreparedBytes(job->entry) + EstimatedBytes(raw);
  absl::MutexLock lock(&mu_);
  pending_bytes_ += job->bytes;
  jobs_.push_back(std::move(job));
}

bool ParallelPreparer::full() const {
  absl::MutexLock lock(&mu_);
  return jobs_.size() >= max_jobs_ || pending_bytes_ >= max_pending_bytes_;
}

bool ParallelPreparer::empty() const {
  absl::MutexLock lock(&mu_);
  return jobs_.empty();
}

bool ParallelPreparer::FrontDone() const { return !jobs_.empty() && jobs_.front()->done; }

bool ParallelPreparer::HasWork() const { return stopping_ || claimed_ < jobs_.size(); }

bool ParallelPreparer::FrontReady() const {
  absl::MutexLock lock(&mu_);
  return FrontDone();
}

void ParallelPreparer::Run(Job* job, Preparer* preparer, bool by_consumer) {
  PreparedEntry& entry = job->entry;
  std::exception_ptr error;
  try {
    preparer->analyzer.Analyze(entry.raw, &preparer->analyzed);
    preparer->preparer.Prepare(entry.raw, preparer->analyzed, &entry.prepared);
  } catch (...) {
    // Handed to the consumer, which rethrows it in input order, as if it
    // had prepared the document itself.
    error = std::current_exception();
  }
  preparer->analyzed.Clear();  // tokens are not kept between documents
  entry.prepared_by_consumer = by_consumer;
  const size_t bytes = PreparedBytes(entry);
  const size_t scratch = preparer->preparer.memory_usage() +
                         preparer->analyzed.passages.capacity() * sizeof(AnalyzedPassage);
  absl::MutexLock lock(&mu_);
  pending_bytes_ = pending_bytes_ - job->bytes + bytes;
  job->bytes = bytes;
  job->error = error;
  job->done = true;
  preparer->scratch_bytes = scratch;
}

ParallelPreparer::Job* ParallelPreparer::Claim() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(this, &ParallelPreparer::HasWork));
  if (stopping_) return nullptr;
  return jobs_[claimed_++].get();
}

void ParallelPreparer::WorkerLoop(Preparer* preparer) {
  while (Job* job = Claim()) Run(job, preparer, /*by_consumer=*/false);
}

const PreparedEntry& ParallelPreparer::Front() {
  Job* front;
  {
    absl::MutexLock lock(&mu_);
    while (!FrontDone()) {
      if (claimed_ < jobs_.size()) {
        // Rather than wait, prepare the next document no thread has taken.
        Job* job = jobs_[claimed_++].get();
        mu_.Unlock();
        Run(job, &own_, /*by_consumer=*/true);
        mu_.Lock();
        continue;
      }
      mu_.Await(absl::Condition(this, &ParallelPreparer::FrontDone));
    }
    front = jobs_.front().get();
  }
  if (front->error) std::rethrow_exception(front->error);
  return front->entry;
}

void ParallelPreparer::Pop() {
  std::unique_ptr<Job> job;
  size_t pending;
  {
    absl::MutexLock lock(&mu_);
    job = std::move(jobs_.front());
    jobs_.pop_front();
    --claimed_;
    pending_bytes_ -= job->bytes;
    pending = pending_bytes_;
  }
  // Buffers kept for reuse count against the bound too.
  if (job->bytes <= kMaxReusedJobBytes &&
      pending + free_bytes_ + job->bytes <= max_pending_bytes_) {
    free_bytes_ += job->bytes;
    free_.push_back(std::move(job));
  }
}

size_t ParallelPreparer::memory_usage() const {
  absl::MutexLock lock(&mu_);
  size_t bytes = pending_bytes_ + free_bytes_ + own_.scratch_bytes;
  for (const auto& preparer : worker_preparers_) bytes += preparer->scratch_bytes;
  return bytes;
}

}  // namespace syndex
