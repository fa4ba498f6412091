// File: common/document_deletions.h
//
// The deleted documents of one segment (tombstones). Segments are
// immutable, so deleting an article does not touch its segment: the commit
// that deletes it writes a new deletion file for the segment
// ("seg000002.7.del", made at generation 7) naming every document deleted
// so far, and the manifest points the segment at it. Readers skip deleted
// documents and their passages; the next merge (`indexer add`, `indexer
// compact`) leaves them out for good.
//
// Example:
//   DocumentDeletions deleted(segment.documents().size());
//   deleted.Delete(3);
//   RETURN_IF_ERROR(WriteDeletions(path, deleted));
//   ASSIGN_OR_RETURN(DocumentDeletions again, ReadDeletions(path, doc_count, options));
#ifndef SYNDEX_COMMON_DOCUMENT_DELETIONS_H_
#define SYNDEX_COMMON_DOCUMENT_DELETIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/mapped_file.h"
#include "common/types.h"

namespace syndex {

// A set of document ids below a segment's document count. Copyable.
class DocumentDeletions {
 public:
  DocumentDeletions() = default;
  explicit DocumentDeletions(uint32_t doc_count)
      : doc_count_(doc_count), words_((doc_count + 63) / 64, 0) {}

  uint32_t doc_count() const { return doc_count_; }
  uint32_t deleted_count() const { return deleted_count_; }
  bool empty() const { return deleted_count_ == 0; }

  // REQUIRES: doc < doc_count().
  bool Contains(DocId doc) const { return (words_[doc >> 6] >> (doc & 63)) & 1; }
  // Returns whether `doc` was live before. REQUIRES: doc < doc_count().
  bool Delete(DocId doc);
  // Deletes every document `other` deletes. REQUIRES: same doc_count().
  void DeleteAll(const DocumentDeletions& other);

  friend bool operator==(const DocumentDeletions&, const DocumentDeletions&) = default;

 private:
  uint32_t doc_count_ = 0;
  uint32_t deleted_count_ = 0;
  std::vector<uint64_t> words_;
};

// The body of a deletion file (docs/FORMAT.md, "Deletions").
std::string EncodeDeletions(const DocumentDeletions& deletions);

// Decodes the body of the deletion file `file`, which must be for a
// segment of `doc_count` documents. DataLoss naming the file and offset if
// the counts disagree with the segment or with the bitmap, or bits past
// doc_count are set.
[[nodiscard]] absl::StatusOr<DocumentDeletions> DecodeDeletions(const MappedFile& file,
                                                                uint32_t doc_count);

// The deletion file name of segment `segment` written at `generation`.
std::string DeletionsFileName(std::string_view segment, uint64_t generation);

}  // namespace syndex

#endif  // SYNDEX_COMMON_DOCUMENT_DELETIONS_H_
