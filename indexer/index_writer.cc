#include "indexer/index_writer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

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

constexpr std::string_view kLockName = "LOCK";
constexpr std::string_view kSegmentPrefix = "seg";

absl::StatusOr<int> Lock(const std::string& dir) {
  const std::string path = StrCat(dir, "/", kLockName);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("cannot open lock file", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return absl::FailedPreconditionError(
        StrCat(dir, ": another indexer is writing to this index (", path, " is locked)"));
  }
  return fd;
}

// Lists the names in `dir`.
absl::StatusOr<std::vector<std::string>> ListDirectory(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return ErrnoError("cannot list", dir);
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(d)) names.emplace_back(e->d_name);
  ::closedir(d);
  return names;
}

// The number in a segment file name "seg000123.ext", or 0.
uint32_t SegmentNumber(std::string_view name) {
  if (name.substr(0, kSegmentPrefix.size()) != kSegmentPrefix) return 0;
  uint32_t n = 0;
  for (char c : name.substr(kSegmentPrefix.size())) {
    if (c < '0' || c > '9') break;
    n = n * 10 + static_cast<uint32_t>(c - '0');
  }
  return n;
}

// Whether `name` ends in the extension of a segment file kind.
bool HasSegmentExtension(std::string_view name) {
  const size_t dot = name.find('.');
  if (dot == std::string_view::npos) return false;
  for (format::FileKind kind : format::kSegmentFileKinds) {
    if (name.substr(dot) == format::Extension(kind)) return true;
  }
  return false;
}

absl::StatusOr<uint32_t> NextSegmentNumber(const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(dir));
  uint32_t max = 0;
  for (const std::string& name : names) max = std::max(max, SegmentNumber(name));
  return max + 1;
}

// Has glibc's malloc give every allocation of a MiB or more back to the
// system when it is freed. By default the threshold rises to the size of
// the largest block freed (up to 32 MiB), so once a segment's buffers were
// freed, the merge's large tables came from the heap, which they fragmented
// and which was never given back: peak RSS was 60 MB above what was in use.
void ReturnLargeBlocksToTheSystem() {
  static std::once_flag once;
  std::call_once(once, [] { ::mallopt(M_MMAP_THRESHOLD, 1 << 20); });
}

absl::Status MakeDirectory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return absl::OkStatus();
  return ErrnoError("cannot create index directory", dir);
}

}  // namespace

absl::Status RemoveUnreferencedFiles(const std::string& dir, const Manifest& manifest) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(dir));
  absl::flat_hash_set<std::string> live;
  for (const SegmentInfo& s : manifest.segments) live.insert(s.name);
  for (const std::string& name : names) {
    const bool is_segment_file = SegmentNumber(name) > 0 && HasSegmentExtension(name);
    const std::string stem = name.substr(0, name.find('.'));
    if ((is_segment_file && !live.contains(stem)) || name == format::kManifestTempName) {
      const std::string path = StrCat(dir, "/", name);
      if (::unlink(path.c_str()) != 0 && errno != ENOENT) return ErrnoError("cannot remove", path);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<IndexWriter>> IndexWriter::Create(const std::string& dir,
                                                                 IndexWriterOptions options) {
  RETURN_IF_ERROR(MakeDirectory(dir));
  ASSIGN_OR_RETURN(int lock_fd, Lock(dir));
  ReturnLargeBlocksToTheSystem();
  auto next = NextSegmentNumber(dir);
  if (!next.ok()) {
    ::close(lock_fd);
    return next.status();
  }
  return std::unique_ptr<IndexWriter>(new IndexWriter(dir, std::move(options), lock_fd, *next));
}

IndexWriter::IndexWriter(std::string dir, IndexWriterOptions options, int lock_fd,
                         uint32_t next_segment)
    : dir_(std::move(dir)),
      options_(std::move(options)),
      lock_fd_(lock_fd),
      next_segment_(next_segment),
      workers_(std::make_unique<SegmentWorkers>(
          SegmentWorkersOptions{.dir = dir_,
                                .threads = options_.threads,
                                .max_runs_in_flight = max_runs_in_flight(),
                                .passages = options_.passages})) {}

IndexWriter::~IndexWriter() {
  // Segments still being written are finished before the lock is released
  // (and left unreferenced, for the next writer to delete).
  workers_.reset();
  ::close(lock_fd_);  // releases the flock
}

size_t IndexWriter::max_runs_in_flight() const {
  const size_t fit = options_.memory_budget / 10 * 6 / (3 * std::max<size_t>(run_bytes(), 1));
  return std::clamp<size_t>(fit, 1, size_t{options_.threads} + 1);
}

std::string IndexWriter::NextSegmentName() {
  char name[32];
  std::snprintf(name, sizeof name, "%.*s%06u", static_cast<int>(kSegmentPrefix.size()),
                kSegmentPrefix.data(), next_segment_++);
  return name;
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
  run_.segment_name = NextSegmentName();
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
                             .memory_budget = options_.memory_budget};
  ASSIGN_OR_RETURN(SegmentInfo merged,
                   MergeSegments(inputs, dir_, NextSegmentName(), options, &merge));
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
  Manifest manifest;
  auto previous = ReadManifest(dir_);
  if (previous.ok()) manifest.generation = previous->generation + 1;
  if (!workers_->built().empty()) {
    ASSIGN_OR_RETURN(SegmentInfo merged, MergeBuilt());
    manifest.segments.push_back(std::move(merged));
  }
  workers_.reset();
  // The new segment files' directory entries must be durable before the
  // manifest that names them is.
  RETURN_IF_ERROR(SyncDirectory(dir_));
  RETURN_IF_ERROR(WriteManifest(dir_, manifest));
  return RemoveUnreferencedFiles(dir_, manifest);
}

}  // namespace syndex
