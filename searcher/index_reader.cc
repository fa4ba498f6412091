#include "searcher/index_reader.h"

#include "common/status_macros.h"

namespace syndex {

absl::StatusOr<std::unique_ptr<IndexReader>> IndexReader::Open(const std::string& dir,
                                                               Options options) {
  std::unique_ptr<IndexReader> reader(new IndexReader());
  reader->dir_ = dir;
  ASSIGN_OR_RETURN(reader->manifest_, ReadManifest(dir));
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
