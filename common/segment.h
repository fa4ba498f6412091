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
#include "common/document_deletions.h"
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
  // checksum unless options say not to), that the files agree with each
  // other and with `info` on counts, and that the passage and document
  // tables' references to each other's rows are in range (CheckReferences).
  // Without checksums, the passage and document tables are also checked as
  // Verify checks them (CheckTables). DataLoss naming the file for damage,
  // NotFound for a missing file, FailedPrecondition for a format version out
  // of range.
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

  // Deleted documents (info().deleted_count of them, from the deletion file
  // the manifest names). A deleted document and its passages stay in every
  // file until a merge drops them; readers skip them.
  bool has_deletions() const { return deletions_file_ != nullptr; }
  // Empty (doc_count 0) if the segment has no deletions.
  const DocumentDeletions& deletions() const { return deletions_; }
  bool IsDeleted(DocId doc) const { return has_deletions() && deletions_.Contains(doc); }
  bool IsPassageDeleted(PassageId passage) const {
    return has_deletions() && ((deleted_passages_[passage >> 6] >> (passage & 63)) & 1);
  }
  // The deletion file, or null.
  const MappedFile* deletions_file() const { return deletions_file_.get(); }
  // The distinct outlets carrying passage group `group`'s live members: the
  // group's outlet_count, counted again if the segment has deletions.
  // REQUIRES: group < passages().group_count().
  uint32_t GroupOutletCount(uint32_t group) const;
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
  absl::Status OpenDeletions(const std::string& dir, MappedFile::OpenOptions options);
  // The passage and document tables' records and links (see Open).
  absl::Status CheckTables() const;
  // Every passage's record names the document whose range holds it.
  absl::Status VerifyPassageDocuments() const;
  // What readers of the passage and document tables follow without a
  // check, so that a damaged segment that still opens (without checksums,
  // or with checksums made right after the damage) cannot lead them past
  // a table's end or round a loop: each document's passages are the next
  // ones after the previous document's, together exactly the passage
  // table, and each of them names the document; duplicate links, groups
  // and group members are in range, and cluster chains ascend. One
  // sequential pass over each table; Verify checks the rest.
  absl::Status CheckReferences() const;
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
  std::unique_ptr<MappedFile> deletions_file_;
  DocumentDeletions deletions_;
  std::vector<uint64_t> deleted_passages_;  // a bit a passage, if any deletions
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_SEGMENT_H_
