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

#include "common/file_writer.h"
#include "common/format.h"
#include "common/io_error.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
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
      preparer_(std::make_unique<ParallelPreparer>(
          ParallelPreparerOptions{.threads = std::max(options_.threads, 1u),
                                  .max_pending_bytes = preparing_budget(),
                                  .passages = options_.passages})),
      flusher_(/*background=*/options_.threads > 1) {}

IndexWriter::~IndexWriter() {
  // A segment still being written is finished before the lock is released
  // (and left unreferenced, for the next writer to delete).
  flusher_.Wait().IgnoreError();
  ::close(lock_fd_);  // releases the flock
}

std::string IndexWriter::NextSegmentName() {
  char name[32];
  std::snprintf(name, sizeof name, "%.*s%06u", static_cast<int>(kSegmentPrefix.size()),
                kSegmentPrefix.data(), next_segment_++);
  return name;
}

absl::Status IndexWriter::Add(const RawDocument& doc) {
  RETURN_IF_ERROR(status_);
  if (preparer_ == nullptr) return absl::FailedPreconditionError("Add after Commit");
  preparer_->Push(doc);
  return Drain(/*all=*/false);
}

absl::Status IndexWriter::Drain(bool all) {
  // Documents already prepared are added at once, which keeps the builder
  // busy while workers prepare the next ones.
  while (status_.ok() && !preparer_->empty() &&
         (all || preparer_->full() || preparer_->FrontReady())) {
    status_ = AddPrepared(preparer_->Front());
    preparer_->Pop();
  }
  // A segment being written in the background holds earlier documents: its
  // error, if any, is the one a build on one thread would have met first.
  if (!status_.ok() && flusher_.busy()) {
    if (absl::Status earlier = flusher_.Wait(); !earlier.ok()) status_ = earlier;
  }
  return status_;
}

absl::Status IndexWriter::AddPrepared(const PreparedEntry& entry) {
  const RawDocument& doc = entry.raw;
  const PreparedDocument& prepared = entry.prepared;
  auto warn = [&](std::string_view message) {
    ++stats_.skipped;
    if (options_.warn) options_.warn(StrCat(doc.origin, ": ", message));
  };
  if (ids_.contains(doc.id)) {
    warn(StrCat("duplicate document id \"", doc.id, "\"; kept the first"));
    return absl::OkStatus();
  }
  if (prepared.passages.empty()) {
    warn("no words to index; skipped");
    return absl::OkStatus();
  }
  ids_.insert(doc.id);
  if (builder_ == nullptr) {
    ASSIGN_OR_RETURN(builder_, SegmentBuilder::Create(dir_, NextSegmentName()));
  }
  RETURN_IF_ERROR(builder_->Add(doc, prepared));
  // Hashing and sketching were done while preparing: on the build's path
  // only if this thread prepared the document.
  stats_.dedup_work_seconds += prepared.dedup_seconds;
  if (entry.prepared_by_consumer) stats_.dedup_seconds += prepared.dedup_seconds;
  ++stats_.documents;
  stats_.input_bytes += doc.text.size();
  const size_t buffered = builder_->memory_usage();
  if (buffered >= flush_threshold()) return Flush();
  // The segment being written in the background gives its memory back as it
  // goes; until it has given enough, this one waits.
  if (flusher_.busy() && buffered + flusher_.memory_usage() >= flush_threshold()) {
    return flusher_.Wait();
  }
  return absl::OkStatus();
}

absl::Status IndexWriter::Flush(uint32_t threads) {
  if (builder_ == nullptr) return absl::OkStatus();
  ++stats_.segments_flushed;
  return flusher_.Flush(std::move(builder_), threads);
}

absl::StatusOr<SegmentInfo> IndexWriter::MergeFlushed() {
  std::vector<std::unique_ptr<Segment>> segments;
  std::vector<const Segment*> inputs;
  for (const SegmentInfo& info : flusher_.flushed()) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir_, info));
    inputs.push_back(segment.get());
    segments.push_back(std::move(segment));
  }
  MergeStats merge;
  ScopedTimer timer(&stats_.merge_seconds);
  stats_.segments_merged = inputs.size();
  ASSIGN_OR_RETURN(SegmentInfo merged,
                   MergeSegments(inputs, dir_, NextSegmentName(), options_.dedup, &merge));
  stats_.dedup_seconds += merge.dedup_seconds();
  stats_.dedup_commit_seconds += merge.dedup_seconds();
  stats_.dedup_work_seconds += merge.dedup_work_seconds();
  return merged;
}

absl::Status IndexWriter::Commit() {
  RETURN_IF_ERROR(Drain(/*all=*/true));
  ScopedTimer timer(&stats_.commit_seconds);
  // Neither the workers nor the ids are needed any more: their memory is
  // the merge's.
  preparer_.reset();
  ids_ = {};
  RETURN_IF_ERROR(Flush(options_.threads));  // nothing else runs now
  RETURN_IF_ERROR(flusher_.Wait());
  stats_.dedup_seconds += flusher_.dedup_seconds();
  stats_.dedup_work_seconds += flusher_.dedup_seconds();
  Manifest manifest;
  auto previous = ReadManifest(dir_);
  if (previous.ok()) manifest.generation = previous->generation + 1;
  if (!flusher_.flushed().empty()) {
    ASSIGN_OR_RETURN(SegmentInfo merged, MergeFlushed());
    manifest.segments.push_back(std::move(merged));
  }
  // The new segment files' directory entries must be durable before the
  // manifest that names them is.
  RETURN_IF_ERROR(SyncDirectory(dir_));
  RETURN_IF_ERROR(WriteManifest(dir_, manifest));
  return RemoveUnreferencedFiles(dir_, manifest);
}

}  // namespace syndex
