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

}  // namespace syndex::format
