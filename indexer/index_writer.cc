#include "indexer/index_writer.h"

#include <malloc.h>

#include <cstdio>
#include <mutex>
#include <utility>

#include "common/file_writer.h"
#include "common/format.h"
#include "common/io_error.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/content_hash.h"
#include "indexer/scoped_timer.h"
#include "indexer/segment_merger.h"

namespace syndex {
namespace {

// Has glibc's malloc give every allocation of a MiB or more back to the
// system when it is freed. By default the threshold rises to the size of
// the largest block freed (up to 32 MiB), so once a segment's buffers were
// freed, the merge's large tables came from the heap, which they fragmented
// and which was never given back: peak RSS was 60 MB above what was in use.
void ReturnLargeBlocksToTheSystem() {
  static std::once_flag once;
  std::call_once(once, [] { ::mallopt(M_MMAP_THRESHOLD, 1 << 20); });
}

}  // namespace

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Create(const std::string& dir,
                                                                 IndexWriterOptions options) {
  RETURN_IF_ERROR(MakeIndexDirectory(dir));
  ASSIGN_OR_RETURN(IndexLock lock, IndexLock::Acquire(dir));
  ReturnLargeBlocksToTheSystem();
  ASSIGN_OR_RETURN(SegmentNamer names, SegmentNamer::ForDirectory(dir));
  return std::unique_ptr<IndexWriter>(
      new IndexWriter(dir, std::move(options), std::move(lock), std::move(names)));
}

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::CreateForAdd(const std::string& dir,
                                                                       IndexWriterOptions options) {
  // Refused before the lock is taken, so that a mistyped directory is not
  // created.
  RETURN_IF_ERROR(ReadManifest(dir).status());
  ASSIGN_OR_RETURN(IndexLock lock, IndexLock::Acquire(dir));
  // Read again under the lock: another writer may have committed since.
  ASSIGN_OR_RETURN(CommittedIndex existing, OpenCommitted(dir));
  ReturnLargeBlocksToTheSystem();
  ASSIGN_OR_RETURN(SegmentNamer names, SegmentNamer::ForDirectory(dir));
  std::unique_ptr<IndexWriter> writer(
      new IndexWriter(dir, std::move(options), std::move(lock), std::move(names)));
  writer->NoteExisting(std::move(existing));
  return writer;
}

IndexWriter::IndexWriter(std::string dir, IndexWriterOptions options, IndexLock lock,
                         SegmentNamer names)
    : dir_(std::move(dir)),
      options_(std::move(options)),
      lock_(std::move(lock)),
      names_(std::move(names)),
      workers_(std::make_unique<SegmentWorkers>(
          SegmentWorkersOptions{.dir = dir_,
                                .threads = options_.threads,
                                .max_runs_in_flight = max_runs_in_flight(),
                                .passages = options_.passages})) {}

IndexWriter::~IndexWriter() {
  // Segments still being written are finished before the lock is released
  // (and left unreferenced, for the next writer to delete).
  workers_.reset();
}

void IndexWriter::NoteExisting(CommittedIndex existing) {
  existing_ = std::move(existing);
  for (uint32_t s = 0; s < existing_->segments.size(); ++s) {
    const Segment& segment = *existing_->segments[s];
    DocumentDeletions deleted(segment.documents().size());
    if (segment.has_deletions()) deleted.DeleteAll(segment.deletions());
    for (DocId d = 0; d < segment.documents().size(); ++d) {
      if (!deleted.Contains(d)) existing_ids_[segment.documents().Meta(d).id] = {s, d};
    }
    existing_deletions_.push_back(std::move(deleted));
  }
}

void IndexWriter::Replace(std::string_view id) {
  const auto it = existing_ids_.find(id);
  if (it == existing_ids_.end()) return;
  existing_deletions_[it->second.segment].Delete(it->second.doc);
  existing_ids_.erase(it);
  ++stats_.replaced;
}

size_t IndexWriter::max_runs_in_flight() const {
  const size_t fit = options_.memory_budget / 10 * 6 / (3 * std::max<size_t>(run_bytes(), 1));
  return std::clamp<size_t>(fit, 1, size_t{options_.threads} + 1);
}

absl::Status IndexWriter::Add(const RawDocument& doc) {
  RETURN_IF_ERROR(status_);
  if (workers_ == nullptr) return absl::FailedPreconditionError("Add after Commit");
  auto skip = [&](std::string_view message) {
    ++stats_.skipped;
    if (options_.warn) options_.warn(StrCat(doc.origin, ": ", message));
    return absl::OkStatus();
  };
  if (ids_.contains(doc.id)) {
    return skip(StrCat("duplicate document id \"", doc.id, "\"; kept the first"));
  }
  if (!analyzer_.HasTerm(doc.title) && !analyzer_.HasTerm(doc.text)) {
    return skip("no words to index; skipped");
  }
  ids_.insert(doc.id);
  if (existing_) Replace(doc.id);
  NoteTexts(doc);
  run_.documents.push_back(doc);
  run_filled_ += doc.id.size() + doc.title.size() + doc.text.size() + doc.outlet.size() +
                 doc.date.size() + doc.url.size() + doc.origin.size();
  if (run_filled_ < run_bytes()) return absl::OkStatus();
  return SubmitRun();
}

void IndexWriter::NoteTexts(const RawDocument& doc) {
  std::vector<TextPassage>& passages =
      run_.text_passages.emplace_back(SplitTextPassages(doc.text, options_.passages));
  for (const TextPassage& passage : passages) {
    if (texts_stored_.contains(passage.content_hash)) {
      run_.texts_stored_before.insert(passage.content_hash);
    } else {
      run_texts_.push_back(passage.content_hash);
    }
  }
}

absl::Status IndexWriter::SubmitRun() {
  if (run_.documents.empty()) return absl::OkStatus();
  texts_stored_.insert(run_texts_.begin(), run_texts_.end());
  run_texts_.clear();
  ++stats_.segments_flushed;
  run_.segment_name = names_.Next();
  status_ = workers_->Submit(std::exchange(run_, DocumentRun()));
  run_filled_ = 0;
  CountWritten();
  return status_;
}

void IndexWriter::CountWritten() {
  stats_.documents = workers_->documents();
  stats_.input_bytes = workers_->text_bytes();
}

absl::StatusOr<SegmentInfo> IndexWriter::MergeBuilt() {
  std::vector<std::unique_ptr<Segment>> segments;
  std::vector<const Segment*> inputs;
  std::vector<const DocumentDeletions*> deletions;
  if (existing_) {
    inputs = existing_->segment_pointers();
    for (const DocumentDeletions& d : existing_deletions_) deletions.push_back(&d);
  }
  for (const SegmentInfo& info : workers_->built()) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir_, info));
    inputs.push_back(segment.get());
    segments.push_back(std::move(segment));
  }
  MergeStats merge;
  ScopedTimer timer(&stats_.merge_seconds);
  stats_.segments_merged = inputs.size();
  const MergeOptions options{.dedup = options_.dedup,
                             .threads = options_.threads,
                             .memory_budget = options_.memory_budget,
                             .deletions = std::move(deletions)};
  ASSIGN_OR_RETURN(SegmentInfo merged, MergeSegments(inputs, dir_, names_.Next(), options, &merge));
  stats_.stored_blocks_rewritten = merge.blocks_rewritten;
  stats_.dedup_seconds += merge.dedup_seconds();
  stats_.dedup_commit_seconds += merge.dedup_seconds();
  stats_.dedup_work_seconds += merge.dedup_work_seconds();
  return merged;
}

absl::Status IndexWriter::Commit() {
  RETURN_IF_ERROR(status_);
  if (workers_ == nullptr) return absl::FailedPreconditionError("Commit after Commit");
  ScopedTimer timer(&stats_.commit_seconds);
  RETURN_IF_ERROR(SubmitRun());
  status_ = workers_->Finish();
  CountWritten();
  RETURN_IF_ERROR(status_);
  stats_.dedup_work_seconds += workers_->dedup_seconds();
  stats_.dedup_seconds += workers_->dedup_seconds() / std::max(options_.threads, 1u);
  ids_ = {};  // their memory is the merge's
  texts_stored_ = {};
  existing_ids_ = {};
  // An add that neither added nor replaced anything leaves the commit as
  // it is.
  if (existing_ && workers_->built().empty() && stats_.replaced == 0) return absl::OkStatus();
  Manifest manifest;
  if (existing_) {
    manifest.generation = existing_->manifest.generation + 1;
  } else if (auto previous = ReadManifest(dir_); previous.ok()) {
    manifest.generation = previous->generation + 1;
  }
  if (!workers_->built().empty() || (existing_ && existing_->live_documents() > stats_.replaced)) {
    ASSIGN_OR_RETURN(SegmentInfo merged, MergeBuilt());
    manifest.segments.push_back(std::move(merged));
  }
  workers_.reset();
  return CommitManifest(dir_, manifest, options_.commit_warn);
}

}  // namespace syndex
