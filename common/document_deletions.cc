#include "common/document_deletions.h"

#include <bit>

#include "common/coding.h"
#include "common/format.h"
#include "common/str_cat.h"

namespace syndex {

bool DocumentDeletions::Delete(DocId doc) {
  uint64_t& word = words_[doc >> 6];
  const uint64_t bit = uint64_t{1} << (doc & 63);
  if (word & bit) return false;
  word |= bit;
  ++deleted_count_;
  return true;
}

void DocumentDeletions::DeleteAll(const DocumentDeletions& other) {
  deleted_count_ = 0;
  for (size_t i = 0; i < words_.size(); ++i) {
    words_[i] |= other.words_[i];
    deleted_count_ += static_cast<uint32_t>(std::popcount(words_[i]));
  }
}

std::string EncodeDeletions(const DocumentDeletions& deletions) {
  std::string body;
  PutFixed32(&body, deletions.doc_count());
  PutFixed32(&body, deletions.deleted_count());
  const size_t bytes = (size_t{deletions.doc_count()} + 7) / 8;
  body.resize(format::kDeletionsPrefixSize + bytes, '\0');
  char* bitmap = body.data() + format::kDeletionsPrefixSize;
  for (DocId d = 0; d < deletions.doc_count(); ++d) {
    if (deletions.Contains(d)) bitmap[d / 8] = static_cast<char>(bitmap[d / 8] | (1 << (d % 8)));
  }
  return body;
}

absl::StatusOr<DocumentDeletions> DecodeDeletions(const MappedFile& file, uint32_t doc_count) {
  const std::string_view body = file.body();
  if (body.size() < format::kDeletionsPrefixSize) {
    return file.Corruption(0, "deletions truncated");
  }
  const uint32_t count = DecodeFixed32(body.data());
  const uint32_t deleted = DecodeFixed32(body.data() + 4);
  if (count != doc_count) {
    return file.Corruption(
        0, StrCat("deletions for ", count, " documents, the segment has ", doc_count));
  }
  const size_t bytes = (size_t{count} + 7) / 8;
  if (body.size() != format::kDeletionsPrefixSize + bytes) {
    return file.Corruption(format::kDeletionsPrefixSize,
                           StrCat("bitmap of ", body.size() - format::kDeletionsPrefixSize,
                                  " bytes, expected ", bytes));
  }
  DocumentDeletions deletions(doc_count);
  const auto* bitmap =
      reinterpret_cast<const unsigned char*>(body.data() + format::kDeletionsPrefixSize);
  for (size_t i = 0; i < bytes; ++i) {
    for (uint32_t bit = 0; bit < 8; ++bit) {
      if (!((bitmap[i] >> bit) & 1)) continue;
      const uint64_t doc = i * 8 + bit;
      if (doc >= doc_count) {
        return file.Corruption(
            format::kDeletionsPrefixSize + i,
            StrCat("deleted document ", doc, " beyond the segment's ", doc_count));
      }
      deletions.Delete(static_cast<DocId>(doc));
    }
  }
  if (deletions.deleted_count() != deleted) {
    return file.Corruption(
        4, StrCat("deleted_count ", deleted, ", the bitmap holds ", deletions.deleted_count()));
  }
  return deletions;
}

std::string DeletionsFileName(std::string_view segment, uint64_t generation) {
  return StrCat(segment, ".", generation, format::Extension(format::FileKind::kDeletions));
}

}  // namespace syndex
