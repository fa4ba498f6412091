// File: indexer/segment_builder.h
//
// Accumulates analyzed documents in memory and writes them out as one
// immutable segment. Postings are appended to per-term byte buffers as
// documents arrive (delta-encoded varints, as Lucene's in-memory buffers
// do), so memory grows with the compressed size of the postings; the stored
// text is compressed and streamed to its file at once.
//
// Deduplication starts here (docs/DEDUP.md): a passage whose text equals an
// earlier one of the segment is a copy (indexed, so every occurrence
// matches, but its text is not stored again and ranking statistics count it
// once), and the builder records what a merge needs to find copies and
// near-duplicates across segments: every passage's content hash, its
// longest line and whether it ends like a sentence, and MinHash sketches of
// documents and of long distinct passages, computed from term hashes taken
// once per distinct term.
//
// Call order: Create, then Add any number of times (watching
// memory_usage() to decide when to stop), then Finish exactly once.
//
// Example:
//   ASSIGN_OR_RETURN(auto builder, SegmentBuilder::Create(dir, "seg000001"));
//   RETURN_IF_ERROR(builder->Add(raw, analyzed));
//   ASSIGN_OR_RETURN(SegmentInfo info, builder->Finish());
#ifndef SYNDEX_INDEXER_SEGMENT_BUILDER_H_
#define SYNDEX_INDEXER_SEGMENT_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "common/document_table.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/passage_table.h"
#include "common/postings_encoder.h"
#include "common/sketch_table.h"
#include "common/stored_text.h"
#include "common/types.h"
#include "indexer/document_analyzer.h"
#include "indexer/minhash.h"
#include "indexer/raw_document.h"

namespace syndex {

// Not thread-safe.
class SegmentBuilder {
 public:
  // Starts segment `name` in `dir` (creating its stored-text file).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<SegmentBuilder>> Create(
      const std::string& dir, const std::string& name);

  // Adds one document. REQUIRES: analyzed.passages is not empty.
  [[nodiscard]] absl::Status Add(const RawDocument& raw, const AnalyzedDocument& analyzed);

  // Approximate bytes of memory held.
  size_t memory_usage() const;
  uint32_t doc_count() const { return documents_.size(); }
  // Seconds spent on deduplication work so far (hashing texts, sketches).
  double dedup_seconds() const { return dedup_seconds_; }

  // Writes every file of the segment, durable on return.
  [[nodiscard]] absl::StatusOr<SegmentInfo> Finish();

 private:
  // One term's postings as they arrive: varint (id delta, tf) pairs and,
  // for body terms, varint position deltas.
  struct TermBuffer {
    std::string postings;
    std::string positions;
    uint32_t last_id = 0;
    uint32_t doc_freq = 0;
    uint32_t content_freq = 0;
    uint32_t last_doc = kEndId;
    uint32_t document_count = 0;
  };

  SegmentBuilder(std::string dir, std::string name, std::unique_ptr<FileWriter> text_file);
  TermBuffer& BufferFor(format::Field field, std::string_view term);
  uint32_t TermId(format::Field field, std::string_view term);
  // Adds one passage's postings; fills passage_term_hashes_.
  void AddPassageTerms(DocId doc, PassageId id, const std::vector<Token>& tokens, bool is_copy);
  // Records passage `id` and its dedup facts; returns whether it is a copy.
  bool AddPassage(DocId doc, PassageId id, const AnalyzedPassage& p, std::string_view source);
  // Adds the current passage's shingles to its document's and, if it is a
  // long distinct text, records its sketch.
  void SketchPassage(PassageId id, bool is_title, bool is_copy);
  void SketchDocument();
  void AddFieldTerms(format::Field field, DocId doc, const std::vector<std::string>& terms);
  void FeedEncoder(const TermBuffer& buffer, format::Field field, PostingsEncoder* encoder) const;
  absl::Status WritePostings();
  absl::Status WriteTables();
  // The passage records with their groups (moves them out).
  PassageTableContents GroupedPassages();
  uint32_t UnitLength(format::Field field, uint32_t id) const;

  std::string dir_;
  std::string name_;
  std::unique_ptr<FileWriter> text_file_;
  StoredTextEncoder stored_text_;
  DocumentTableEncoder documents_;
  std::vector<PassageRecord> passages_;
  absl::flat_hash_map<std::string, uint32_t> term_ids_;  // field byte + term
  std::vector<TermBuffer> terms_;
  std::vector<uint64_t> term_hashes_;  // by term id: TermHash of the term
  // Dedup: the first passage of each text, each passage's content, the
  // sketches, and scratch for the current passage and document.
  absl::flat_hash_map<uint64_t, PassageId> content_ids_;
  std::vector<PassageId> content_of_;
  SketchTableContents sketches_;
  MinHasher passage_hasher_;
  MinHasher document_hasher_;
  std::vector<uint64_t> passage_term_hashes_;
  std::vector<uint64_t> document_shingles_;
  std::vector<uint64_t> title_shingles_;
  uint32_t content_count_ = 0;
  uint64_t content_token_count_ = 0;
  double dedup_seconds_ = 0;
  size_t postings_bytes_ = 0;  // sum of the term buffers' sizes
  uint64_t token_count_ = 0;
  // Scratch for AddPassageTerms: (term id, position) of each token.
  std::vector<std::pair<uint32_t, Position>> occurrences_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_BUILDER_H_
