// File: common/sketch_table.h
//
// The dedup sketches of one segment (.dup): a hash of every passage's text
// and MinHash sketches of documents and of long distinct passages. They let
// a merge find texts shared across segments, and near-duplicates among all
// of them, without decompressing or re-analyzing any text (docs/DEDUP.md).
//
// Example:
//   uint64_t hash = sketches->ContentHash(passage);
//   std::string_view sketch = sketches->DocumentSketch(doc);
#ifndef SYNDEX_COMMON_SKETCH_TABLE_H_
#define SYNDEX_COMMON_SKETCH_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/types.h"

namespace syndex {

// Everything a sketch table holds, for writing one.
struct SketchTableContents {
  std::vector<uint64_t> content_hashes;  // one a passage
  uint8_t document_bins = format::kDocumentSketchBins;
  uint8_t passage_bins = format::kPassageSketchBins;
  std::string document_sketches;          // document_bins bytes a document
  std::vector<PassageId> signed_passages;  // ascending
  std::string passage_sketches;           // passage_bins bytes each
};

std::string EncodeSketchTable(const SketchTableContents& contents);

// Immutable; safe for concurrent readers.
class SketchTable {
 public:
  // Checks that the areas have exactly the announced sizes.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<SketchTable>> Open(
      std::unique_ptr<MappedFile> file);

  uint32_t passage_count() const { return passage_count_; }
  uint32_t document_count() const { return document_count_; }
  uint32_t signed_count() const { return signed_count_; }
  uint8_t document_bins() const { return document_bins_; }
  uint8_t passage_bins() const { return passage_bins_; }

  // REQUIRES: passage < passage_count().
  uint64_t ContentHash(PassageId passage) const;
  // REQUIRES: doc < document_count().
  std::string_view DocumentSketch(DocId doc) const;
  // The i-th signed passage and its sketch. REQUIRES: i < signed_count().
  PassageId SignedPassage(uint32_t i) const;
  std::string_view PassageSketch(uint32_t i) const;

  // Checks the signed passages ascend below passage_count().
  [[nodiscard]] absl::Status Verify() const;
  const MappedFile& file() const { return *file_; }

 private:
  explicit SketchTable(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}

  std::unique_ptr<MappedFile> file_;
  uint32_t passage_count_ = 0;
  uint32_t document_count_ = 0;
  uint32_t signed_count_ = 0;
  uint8_t document_bins_ = 0;
  uint8_t passage_bins_ = 0;
  const char* hashes_ = nullptr;
  const char* document_sketches_ = nullptr;
  const char* signed_ids_ = nullptr;
  const char* passage_sketches_ = nullptr;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_SKETCH_TABLE_H_
