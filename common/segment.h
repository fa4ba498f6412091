// File: common/segment.h
//
// One immutable segment of the index, opened read-only: its term
// dictionary, postings, positions, passage and document tables, stored
// text and dedup sketches, each a memory-mapped file checked when opened.
//
// Example:
//   ASSIGN_OR_RETURN(auto segment, Segment::Open(dir, info));
//   auto term = segment->dictionary().Find(format::Field::kBody, "sever");
#ifndef SYNDEX_COMMON_SEGMENT_H_
#define SYNDEX_COMMON_SEGMENT_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/document_table.h"
#include "common/manifest.h"
#include "common/mapped_file.h"
#include "common/passage_table.h"
#include "common/postings_cursor.h"
#include "common/sketch_table.h"
#include "common/stored_text.h"
#include "common/term_dictionary.h"

namespace syndex {

// Immutable; safe for concurrent readers.
class Segment {
 public:
  // Opens every file of segment `info` in `dir`, checks each envelope (and
  // checksum unless options say not to) and that the files agree with each
  // other and with `info` on counts. Without checksums, the passage and
  // document tables are also checked as Verify checks them (a pass over
  // both, less than the checksums' pass over every file), since every
  // reader follows their links from one table to the other: damage there
  // would otherwise send a search out of the tables or round in a loop.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Segment>> Open(
      const std::string& dir, const SegmentInfo& info, MappedFile::OpenOptions options);
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<Segment>> Open(const std::string& dir,
                                                                     const SegmentInfo& info) {
    return Open(dir, info, MappedFile::OpenOptions());
  }

  const SegmentInfo& info() const { return info_; }
  const TermDictionary& dictionary() const { return *dictionary_; }
  const PassageTable& passages() const { return *passages_; }
  const DocumentTable& documents() const { return *documents_; }
  const StoredText& stored_text() const { return *stored_text_; }
  const SketchTable& sketches() const { return *sketches_; }
  std::string_view postings_bytes() const { return postings_->body(); }
  std::string_view positions_bytes() const { return positions_->body(); }
  const MappedFile& postings_file() const { return *postings_; }
  const MappedFile& positions_file() const { return *positions_; }

  PostingsCursor Cursor(const TermInfo& term) const {
    return PostingsCursor(term, postings_bytes(), positions_bytes());
  }
  // The same, for a term of `field`, whose ids must be below the segment's
  // passage count (passage fields) or document count: a list that holds a
  // larger id is corrupt() (see PostingsCursor).
  PostingsCursor Cursor(const TermInfo& term, format::Field field) const {
    return PostingsCursor(term, postings_bytes(), positions_bytes(),
                          format::IsPassageField(field) ? passages_->size() : documents_->size());
  }

  // Releases the resident pages of every file (see MappedFile).
  void ReleaseMemory() const;

  // Full structural check of every file, beyond what Open checks: every
  // dictionary entry, every postings list (ids ascending and in range,
  // positions within their passage), every record and stored block.
  [[nodiscard]] absl::Status Verify() const;

  // Path of this segment's file of `kind`.
  static std::string FilePath(const std::string& dir, std::string_view name, format::FileKind kind);

 private:
  Segment() = default;
  absl::Status CheckCounts() const;
  // The passage and document tables' records and links (see Open).
  absl::Status CheckTables() const;
  // Every passage's record names the document whose range holds it.
  absl::Status VerifyPassageDocuments() const;
  // Content counts and token sums of the passage table agree with info_.
  absl::Status VerifyContents() const;
  // Every block decodes, and copies and titles have empty entries.
  absl::Status VerifyStoredText() const;
  absl::Status VerifyPostings(const DictionaryEntry& entry, size_t index) const;

  SegmentInfo info_;
  std::unique_ptr<TermDictionary> dictionary_;
  std::unique_ptr<MappedFile> postings_;
  std::unique_ptr<MappedFile> positions_;
  std::unique_ptr<PassageTable> passages_;
  std::unique_ptr<DocumentTable> documents_;
  std::unique_ptr<StoredText> stored_text_;
  std::unique_ptr<SketchTable> sketches_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_SEGMENT_H_
