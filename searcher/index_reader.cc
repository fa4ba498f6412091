#include "searcher/index_reader.h"

#include "common/status_macros.h"

namespace syndex {
namespace {

// How often Open reads the manifest again when a commit deleted a segment
// file between reading the manifest and opening the file. Each retry
// means another commit landed meanwhile; a few in a row would take a writer
// committing without pause.
constexpr int kOpenAttempts = 5;

}  // namespace

absl::StatusOr<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& dir,
                                                               Options options) {
  for (int attempt = 1;; ++attempt) {
    std::optional<uint64_t> generation;
    absl::StatusOr<std::unique_ptr<IndexReader>> reader = OpenOnce(dir, options, &generation);
    if (reader.ok() || !absl::IsNotFound(reader.status()) || !generation ||
        attempt == kOpenAttempts) {
      return reader;
    }
    // A missing segment file is a commit racing this open only if the
    // manifest changed since; otherwise the index is damaged, and reading
    // it again would not help.
    const absl::StatusOr<Manifest> now = ReadManifest(dir);
    if (!now.ok() || now->generation == *generation) return reader;
  }
}

absl::StatusOr<std::unique_ptr<IndexReader>> IndexReader::OpenOnce(
    const std::string& dir, Options options, std::optional<uint64_t>* generation) {
  std::unique_ptr<IndexReader> reader(new IndexReader());
  reader->dir_ = dir;
  ASSIGN_OR_RETURN(reader->manifest_, ReadManifest(dir));
  *generation = reader->manifest_.generation;
  MappedFile::OpenOptions file_options;
  file_options.verify_checksum = options.verify_checksums;
  for (const SegmentInfo& info : reader->manifest_.segments) {
    ASSIGN_OR_RETURN(auto segment, Segment::Open(dir, info, file_options));
    reader->stats_.documents += info.doc_count;
    reader->stats_.passages += info.passage_count;
    reader->stats_.tokens += info.token_count;
    reader->stats_.contents += info.content_count;
    reader->stats_.content_tokens += info.content_token_count;
    reader->segments_.push_back(std::move(segment));
  }
  return reader;
}

IndexReader::TermStats IndexReader::Stats(format::Field field, std::string_view term) const {
  TermStats stats;
  for (const auto& segment : segments_) {
    if (auto info = segment->dictionary().Find(field, term)) {
      stats.postings += info->doc_freq;
      stats.documents += info->document_count;
      stats.contents += info->content_freq;
    }
  }
  return stats;
}

}  // namespace syndex
