// File: common/document_table.h
//
// The document table of one segment (.doc): for each article, its passages,
// its length in tokens, its outlet, and its metadata strings (id, title,
// date, url); plus the segment's table of outlet names.
//
// Example:
//   DocumentRecord d = docs->Get(doc_id);
//   DocumentMeta meta = docs->Meta(doc_id);
//   std::string_view outlet = docs->OutletName(d.outlet);
#ifndef SYNDEX_COMMON_DOCUMENT_TABLE_H_
#define SYNDEX_COMMON_DOCUMENT_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/types.h"

namespace syndex {

struct DocumentRecord {
  PassageId first_passage = 0;
  uint32_t passage_count = 0;
  uint32_t length = 0;          // tokens in all passages
  uint32_t outlet = 0;          // index into the outlet table, or kNoOutlet
  uint64_t strings_offset = 0;  // into the string area
  // Duplicates (docs/DEDUP.md): the first document with exactly the same
  // passages (itself if none), the smallest document of its near-duplicate
  // cluster (itself if alone), and the next document of that cluster.
  DocId canonical = 0;
  DocId cluster = 0;
  DocId next_in_cluster = format::kNoDocument;
};

// Views into the mapped file, valid while the table lives.
struct DocumentMeta {
  std::string_view id, title, date, url;
};

// Immutable; safe for concurrent readers.
class DocumentTable {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<DocumentTable>> Open(
      std::unique_ptr<MappedFile> file);

  uint32_t size() const { return doc_count_; }
  uint32_t outlet_count() const { return outlet_count_; }
  // REQUIRES: doc < size().
  DocumentRecord Get(DocId doc) const;
  // Empty strings if the record's strings do not decode (Verify reports it).
  DocumentMeta Meta(DocId doc) const;
  // "" for format::kNoOutlet or an out-of-range index.
  std::string_view OutletName(uint32_t outlet) const;

  // The documents of `doc`'s near-duplicate cluster, in id order.
  std::vector<DocId> ClusterOf(DocId doc) const;

  // Checks records (passages contiguous and covering [0, passage_count),
  // outlets in range, duplicate links pointing backwards and within the
  // table) and that every string decodes.
  [[nodiscard]] absl::Status Verify(uint32_t passage_count) const;
  const MappedFile& file() const { return *file_; }

 private:
  explicit DocumentTable(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}
  std::unique_ptr<MappedFile> file_;
  uint32_t doc_count_ = 0;
  uint32_t outlet_count_ = 0;
  const char* records_ = nullptr;
  const char* outlet_offsets_ = nullptr;
  std::string_view strings_;
};

// Builds a document table body in memory. Not thread-safe.
class DocumentTableEncoder {
 public:
  // Adds the next document; outlets are interned by exact name ("" = none).
  // It is its own canonical document and cluster until SetDuplicates.
  void Add(const DocumentRecord& record, const DocumentMeta& meta, std::string_view outlet);
  // Records document `doc`'s exact duplicate and near-duplicate cluster
  // (both <= doc); Finish links each cluster's documents in order.
  void SetDuplicates(DocId doc, DocId canonical, DocId cluster);
  // The outlet index of every document added (format::kNoOutlet if none).
  std::vector<uint32_t> OutletOfEachDocument() const;
  std::string Finish() const;
  uint32_t size() const { return static_cast<uint32_t>(records_.size()); }
  // Bytes held, for the indexer's memory accounting.
  size_t memory_usage() const;

 private:
  std::vector<DocumentRecord> records_;
  std::string strings_;
  absl::flat_hash_map<std::string, uint32_t> outlet_ids_;
  std::vector<std::string> outlets_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_DOCUMENT_TABLE_H_
