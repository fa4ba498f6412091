#include "indexer/index_commit.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "common/document_deletions.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/io_error.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

constexpr std::string_view kSegmentPrefix = "seg";

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

// Whether `name` (after its last '.') has the extension of a segment file
// or of a deletion file.
bool HasIndexExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view extension = name.substr(dot);
  if (extension == format::Extension(format::FileKind::kDeletions)) return true;
  return std::any_of(std::begin(format::kSegmentFileKinds), std::end(format::kSegmentFileKinds),
                     [&](format::FileKind kind) { return extension == format::Extension(kind); });
}

}  // namespace

std::vector<const Segment*> CommittedIndex::segment_pointers() const {
  std::vector<const Segment*> pointers;
  for (const auto& s : segments) pointers.push_back(s.get());
  return pointers;
}

uint64_t CommittedIndex::live_documents() const {
  uint64_t documents = 0;
  for (const SegmentInfo& s : manifest.segments) documents += s.live_doc_count();
  return documents;
}

absl::StatusOr<CommittedIndex> OpenCommitted(const std::string& dir) {
  CommittedIndex index;
  ASSIGN_OR_RETURN(index.manifest, ReadManifest(dir));
  for (const SegmentInfo& info : index.manifest.segments) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir, info));
    index.segments.push_back(std::move(segment));
  }
  return index;
}

absl::StatusOr<SegmentNamer> SegmentNamer::ForDirectory(const std::string& dir) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(dir));
  uint32_t max = 0;
  for (const std::string& name : names) max = std::max(max, SegmentNumber(name));
  return SegmentNamer(max + 1);
}

std::string SegmentNamer::Next() {
  char name[32];
  std::snprintf(name, sizeof name, "%.*s%06u", static_cast<int>(kSegmentPrefix.size()),
                kSegmentPrefix.data(), next_++);
  return name;
}

absl::Status CommitManifest(const std::string& dir, const Manifest& manifest,
                            const WarningSink& warn) {
  RETURN_IF_ERROR(SyncDirectory(dir));
  RETURN_IF_ERROR(
      ReplaceFile(dir, format::kManifestName, format::kManifestTempName, EncodeManifest(manifest)));
  // From here on generation `manifest.generation` is the index's commit.
  if (absl::Status synced = SyncDirectory(dir); !synced.ok()) {
    return absl::Status(synced.code(),
                        StrCat("generation ", manifest.generation,
                               " is committed and searchable, but may not survive a crash: ",
                               synced.message(), "; the files of the previous commit are kept"));
  }
  if (absl::Status removed = RemoveUnreferencedFiles(dir, manifest); !removed.ok() && warn) {
    warn(StrCat("generation ", manifest.generation, " is committed, but a file of an earlier one ",
                "is left behind (the next commit removes it): ", removed.message()));
  }
  return absl::OkStatus();
}

absl::Status RemoveUnreferencedFiles(const std::string& dir, const Manifest& manifest) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, ListDirectory(dir));
  absl::flat_hash_set<std::string> live;
  for (const SegmentInfo& s : manifest.segments) {
    for (format::FileKind kind : format::kSegmentFileKinds) {
      live.insert(StrCat(s.name, format::Extension(kind)));
    }
    if (s.deleted_count > 0) live.insert(DeletionsFileName(s.name, s.deletions_generation));
  }
  // Every file is tried: one that cannot go must not keep the rest.
  absl::Status first_failure;
  int failures = 0;
  for (const std::string& name : names) {
    const bool ours = SegmentNumber(name) > 0 && HasIndexExtension(name);
    const bool unreferenced = (ours && !live.contains(name)) || name == format::kManifestTempName;
    if (!unreferenced) continue;
    const std::string path = StrCat(dir, "/", name);
    if (::unlink(path.c_str()) == 0 || errno == ENOENT) continue;
    if (failures++ == 0) first_failure = ErrnoError("cannot remove", path);
  }
  if (failures <= 1) return first_failure;
  return absl::Status(first_failure.code(),
                      StrCat(first_failure.message(), " (and ", failures - 1, " more files)"));
}

absl::Status MakeIndexDirectory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return absl::OkStatus();
  return ErrnoError("cannot create index directory", dir);
}

}  // namespace syndex
