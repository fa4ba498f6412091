#include "common/format.h"

namespace syndex::format {

std::string_view Extension(FileKind kind) {
  switch (kind) {
    case FileKind::kManifest:
      return "";
    case FileKind::kDictionary:
      return ".dict";
    case FileKind::kPostings:
      return ".post";
    case FileKind::kPositions:
      return ".pos";
    case FileKind::kPassages:
      return ".psg";
    case FileKind::kDocuments:
      return ".doc";
    case FileKind::kStoredText:
      return ".txt";
    case FileKind::kSketches:
      return ".dup";
    case FileKind::kDeletions:
      return ".del";
  }
  return ".unknown";
}

std::string_view KindName(FileKind kind) {
  switch (kind) {
    case FileKind::kManifest:
      return "manifest";
    case FileKind::kDictionary:
      return "term dictionary";
    case FileKind::kPostings:
      return "postings";
    case FileKind::kPositions:
      return "positions";
    case FileKind::kPassages:
      return "passage table";
    case FileKind::kDocuments:
      return "document table";
    case FileKind::kStoredText:
      return "stored text";
    case FileKind::kSketches:
      return "dedup sketches";
    case FileKind::kDeletions:
      return "deletions";
  }
  return "unknown";
}

uint64_t CoveredSize(uint64_t file_size) {
  // file_size = covered + 8 * chunks + 8 + kFooterSize, where chunks =
  // ChunkCount(covered) grows by one every kChecksumChunkSize bytes; so each
  // chunk adds kChecksumChunkSize + 8 bytes to the file, and the count is
  // the quotient rounded up.
  const uint64_t fixed = kChunkChecksumSize + kFooterSize;
  if (file_size < kHeaderSize + fixed + kChunkChecksumSize) return 0;
  const uint64_t rest = file_size - fixed;  // covered + 8 * chunks
  const uint64_t chunks = (rest + kChecksumChunkSize + kChunkChecksumSize - 1) /
                          (kChecksumChunkSize + kChunkChecksumSize);
  const uint64_t covered = rest - chunks * kChunkChecksumSize;
  if (covered < kHeaderSize || ChunkCount(covered) != chunks) return 0;
  return covered;
}

}  // namespace syndex::format
