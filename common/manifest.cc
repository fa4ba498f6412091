#include "common/manifest.h"

#include <sys/stat.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "common/checksum.h"
#include "common/coding.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

// Whether `name` can be a segment's: letters, digits, '_' and '-', as the
// writer's "seg000001". A damaged name must not reach a path: a '/' or
// ".." would leave the index directory, a NUL would cut the path short.
bool IsSegmentName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

}  // namespace

std::string EncodeManifest(const Manifest& manifest) {
  std::string file = EncodeFileHeader(format::FileKind::kManifest);
  PutFixed64(&file, manifest.generation);
  PutFixed32(&file, static_cast<uint32_t>(manifest.segments.size()));
  for (const SegmentInfo& s : manifest.segments) {
    PutLengthPrefixed(&file, s.name);
    PutFixed32(&file, s.doc_count);
    PutFixed32(&file, s.passage_count);
    PutFixed64(&file, s.token_count);
    PutFixed32(&file, s.content_count);
    PutFixed64(&file, s.content_token_count);
    PutFixed32(&file, s.deleted_count);
    PutFixed64(&file, s.deletions_generation);
  }
  file.append(EncodeFileFooter(Checksum64(file)));
  return file;
}

absl::StatusOr<Manifest> ReadManifest(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return absl::NotFoundError(StrCat(dir, ": no such index directory"));
  }
  const std::string path = StrCat(dir, "/", format::kManifestName);
  auto file = MappedFile::Open(path, format::FileKind::kManifest);
  if (absl::IsNotFound(file.status())) {
    return absl::NotFoundError(
        StrCat(dir, ": not a syndex index (no ", format::kManifestName, ")"));
  }
  RETURN_IF_ERROR(file.status());
  ByteReader in((*file)->body());
  Manifest manifest;
  uint32_t count;
  if (!in.ReadFixed64(&manifest.generation) || !in.ReadFixed32(&count)) {
    return (*file)->Corruption(0, "manifest truncated");
  }
  // A version-5 manifest's records end at content_token_count.
  const bool with_deletions = (*file)->version() >= format::kFirstVersionWithDeletions;
  for (uint32_t i = 0; i < count; ++i) {
    SegmentInfo s;
    std::string_view name;
    if (!in.ReadLengthPrefixed(&name) || !in.ReadFixed32(&s.doc_count) ||
        !in.ReadFixed32(&s.passage_count) || !in.ReadFixed64(&s.token_count) ||
        !in.ReadFixed32(&s.content_count) || !in.ReadFixed64(&s.content_token_count) ||
        (with_deletions &&
         (!in.ReadFixed32(&s.deleted_count) || !in.ReadFixed64(&s.deletions_generation))) ||
        s.content_count > s.passage_count || s.content_token_count > s.token_count ||
        !IsSegmentName(name) || s.deleted_count > s.doc_count ||
        (s.deleted_count == 0) != (s.deletions_generation == 0) ||
        s.deletions_generation > manifest.generation) {
      return (*file)->Corruption(0, StrCat("manifest segment ", i, " is malformed"));
    }
    s.name = std::string(name);
    manifest.segments.push_back(std::move(s));
  }
  if (!in.empty()) return (*file)->Corruption(0, "manifest has trailing bytes");
  return manifest;
}

absl::Status WriteManifest(const std::string& dir, const Manifest& manifest) {
  return WriteFileAtomically(dir, format::kManifestName, format::kManifestTempName,
                             EncodeManifest(manifest));
}

}  // namespace syndex
