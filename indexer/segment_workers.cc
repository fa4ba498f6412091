#include "indexer/segment_workers.h"

#include <malloc.h>

#include <algorithm>
#include <utility>

#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/document_analyzer.h"
#include "indexer/segment_builder.h"

namespace syndex {

absl::Status SegmentWorkers::AddDocuments(DocumentAnalyzer* analyzer, SegmentBuilder* builder,
                                          DocumentRun* run, RunCounts* counts) {
  AnalyzedDocument analyzed;
  const bool noted = !run->text_passages.empty();
  for (size_t d = 0; d < run->documents.size(); ++d) {
    RawDocument& raw = run->documents[d];
    if (noted) {
      analyzer->Analyze(raw, run->text_passages[d], &analyzed);
    } else {
      analyzer->Analyze(raw, &analyzed);
    }
    if (analyzed.passages.empty()) {  // the caller broke its promise
      return absl::InternalError(
          StrCat(raw.origin, ": a document without words reached ", run->segment_name));
    }
    RETURN_IF_ERROR(builder->Add(raw, analyzed));
    ++counts->documents;
    counts->text_bytes += raw.text.size();
    raw = RawDocument();  // the builder has what it needs: the text's memory goes now
  }
  run->documents = {};
  run->text_passages = {};
  return absl::OkStatus();
}

absl::StatusOr<SegmentInfo> SegmentWorkers::BuildSegment(const SegmentWorkersOptions& options,
                                                         DocumentAnalyzer* analyzer,
                                                         DocumentRun* run, RunCounts* counts) {
  ASSIGN_OR_RETURN(auto builder, SegmentBuilder::Create(options.dir, run->segment_name));
  builder->SetTextsStoredBefore(&run->texts_stored_before);
  analyzer->SetTermIds(builder->term_ids());  // a token's one hash lookup gives its id too
  const absl::Status added = AddDocuments(analyzer, builder.get(), run, counts);
  analyzer->SetTermIds(nullptr);  // the builder and its ids go, whatever happened
  RETURN_IF_ERROR(added);
  absl::StatusOr<SegmentInfo> info = builder->Finish();
  counts->dedup_seconds = builder->dedup_seconds();
  return info;
}

SegmentWorkers::SegmentWorkers(SegmentWorkersOptions options) : options_(std::move(options)) {
  if (options_.threads <= 1) return;
  for (uint32_t t = 0; t < options_.threads; ++t) workers_.emplace_back([this] { WorkerLoop(); });
}

SegmentWorkers::~SegmentWorkers() { StopWorkers(); }

void SegmentWorkers::StopWorkers() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
  inline_analyzer_.reset();
  ::malloc_trim(0);  // the analyzers' caches, freed on the workers' threads
}

void SegmentWorkers::Build(Job* job, DocumentAnalyzer* analyzer) const {
  job->result = BuildSegment(options_, analyzer, &job->run, &job->counts);
  ::malloc_trim(0);  // the builder's memory goes back, so that RSS tracks the budget
}

void SegmentWorkers::WorkerLoop() {
  DocumentAnalyzer analyzer(options_.passages);
  std::unique_lock lock(mu_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || claimed_ < jobs_.size(); });
    if (stopping_) return;
    Job* job = jobs_[claimed_++].get();
    if (!status_.ok()) {  // an earlier run failed: this one would be dropped
      job->result = status_;
      job->done = true;
      changed_.notify_all();
      continue;
    }
    lock.unlock();
    Build(job, &analyzer);
    lock.lock();
    job->done = true;
    changed_.notify_all();
  }
}

void SegmentWorkers::CollectDone() {
  while (!jobs_.empty() && jobs_.front()->done) {
    Record(*jobs_.front());
    jobs_.pop_front();
    --claimed_;
  }
}

void SegmentWorkers::Record(Job& job) {
  if (!status_.ok()) return;
  if (!job.result.ok()) {
    status_ = job.result.status();
    return;
  }
  built_.push_back(*std::move(job.result));
  built_counts_.documents += job.counts.documents;
  built_counts_.text_bytes += job.counts.text_bytes;
  built_counts_.dedup_seconds += job.counts.dedup_seconds;
}

bool SegmentWorkers::HasRoom() const {
  return jobs_.size() < std::max<size_t>(options_.max_runs_in_flight, 1);
}

absl::Status SegmentWorkers::Submit(DocumentRun run) {
  auto job = std::make_unique<Job>();
  job->run = std::move(run);
  std::unique_lock lock(mu_);
  CollectDone();
  if (!status_.ok()) return status_;
  if (workers_.empty()) {  // nothing is in flight: the run is built and recorded here
    if (inline_analyzer_ == nullptr) {
      inline_analyzer_ = std::make_unique<DocumentAnalyzer>(options_.passages);
    }
    Build(job.get(), inline_analyzer_.get());
    Record(*job);
    return status_;
  }
  // Waiting for room, collect as the front runs finish: an error stops
  // the queueing at once.
  while (!HasRoom() && status_.ok()) {
    changed_.wait(lock, [this] { return jobs_.front()->done; });
    CollectDone();
  }
  if (!status_.ok()) return status_;
  jobs_.push_back(std::move(job));
  changed_.notify_all();
  return absl::OkStatus();
}

absl::Status SegmentWorkers::Finish() {
  absl::Status status;
  {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [this] {
      return std::all_of(jobs_.begin(), jobs_.end(),
                         [](const std::unique_ptr<Job>& job) { return job->done; });
    });
    CollectDone();
    status = status_;
  }
  StopWorkers();
  return status;
}

}  // namespace syndex
