// File: common/manifest.h
//
// The manifest names the segments that make up the index at one commit.
// It is the only file ever replaced in place, and it is replaced atomically
// (WriteFileAtomically), so a reader sees either the previous commit or the
// next, never a mix; segment files it does not name are garbage from an
// unfinished write and are deleted by the next writer.
//
// Example:
//   ASSIGN_OR_RETURN(Manifest m, ReadManifest(dir));
//   for (const SegmentInfo& s : m.segments) Open(dir + "/" + s.name);
#ifndef SYNDEX_COMMON_MANIFEST_H_
#define SYNDEX_COMMON_MANIFEST_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace syndex {

struct SegmentInfo {
  std::string name;  // file stem: the segment's files are name + extension
  uint32_t doc_count = 0;
  uint32_t passage_count = 0;
  uint64_t token_count = 0;  // body tokens in all passages
  // Passages that are not copies (distinct texts) and their tokens: the
  // collection BM25 ranks passages in (docs/DEDUP.md).
  uint32_t content_count = 0;
  uint64_t content_token_count = 0;
  // Documents deleted since the segment was written (all counts above
  // still include them), and the commit that wrote the deletion file
  // naming them, DeletionsFileName(name, deletions_generation). No file if
  // deleted_count is 0.
  uint32_t deleted_count = 0;
  uint64_t deletions_generation = 0;

  uint32_t live_doc_count() const { return doc_count - deleted_count; }

  friend bool operator==(const SegmentInfo&, const SegmentInfo&) = default;
};

struct Manifest {
  uint64_t generation = 0;  // 0 at the first commit, then one more at each
  std::vector<SegmentInfo> segments;

  friend bool operator==(const Manifest&, const Manifest&) = default;
};

// Reads `dir`/MANIFEST. NotFound (saying there is no index there) if the
// directory or the manifest is missing; DataLoss if it is damaged.
[[nodiscard]] absl::StatusOr<Manifest> ReadManifest(const std::string& dir);

// Atomically replaces `dir`/MANIFEST by `manifest`.
[[nodiscard]] absl::Status WriteManifest(const std::string& dir, const Manifest& manifest);

// The encoded file (header, body, footer), exposed for tests.
std::string EncodeManifest(const Manifest& manifest);

}  // namespace syndex

#endif  // SYNDEX_COMMON_MANIFEST_H_
