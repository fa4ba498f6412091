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
// documents and of long distinct passages. All of these but the copies are
// facts of one document, which the builder's DocumentPreparer works out
// (prepared_document.h); the builder keeps what depends on the segment.
//
// Call order: Create, then Add any number of times (watching
// memory_usage() to decide when to stop), then Finish exactly once.
//
// Example:
//   ASSIGN_OR_RETURN(auto builder, SegmentBuilder::Create(dir, "seg000001"));
//   analyzer.SetTermIds(builder->term_ids());  // optional: saves hashing terms
//   analyzer.Analyze(raw, &analyzed);
//   RETURN_IF_ERROR(builder->Add(raw, analyzed));
//   ASSIGN_OR_RETURN(SegmentInfo info, builder->Finish());
#ifndef SYNDEX_INDEXER_SEGMENT_BUILDER_H_
#define SYNDEX_INDEXER_SEGMENT_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
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
#include "indexer/prepared_document.h"
#include "indexer/raw_document.h"

namespace syndex {

// Not thread-safe. Finish may run on another thread than Add.
class SegmentBuilder {
 public:
  // Starts segment `name` in `dir` (creating its stored-text file).
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<SegmentBuilder>> Create(
      const std::string& dir, const std::string& name);

  // Adds one document, analyzed from `raw`. The segment depends only on
  // the documents added and their order. REQUIRES: analyzed.passages is not
  // empty.
  [[nodiscard]] absl::Status Add(const RawDocument& raw, const AnalyzedDocument& analyzed);

  // Texts (content hashes) that an earlier segment of the same build
  // stores: a passage with one of them is indexed, but its text is left out
  // as a copy's is, since the commit's merge will find it to be one.
  // `hashes` must outlive the builder. Default: none.
  void SetTextsStoredBefore(const absl::flat_hash_set<uint64_t>* hashes) {
    texts_stored_before_ = hashes;
  }

  // The ids that documents' passage terms are given, for the analyzer of
  // the documents added (DocumentAnalyzer::SetTermIds): a token's id then
  // finds its term's postings buffer without hashing the term again.
  TermIds* term_ids() { return &term_ids_; }

  // Approximate bytes of memory held. Not while Finish runs.
  size_t memory_usage() const;
  uint32_t doc_count() const { return documents_.size(); }
  // Seconds spent on deduplication work so far: finding copies and, in the
  // Add that prepares, hashing texts and sketching.
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
  // Add, once the document is prepared (by preparer_, whose term ids are
  // term_ids_'s).
  [[nodiscard]] absl::Status Add(const RawDocument& raw, const PreparedDocument& prepared);
  // The buffer of a title or outlet term.
  TermBuffer& BufferFor(format::Field field, std::string_view term);
  // The buffer of a body or word-pair term, by its id in term_ids_.
  TermBuffer& BufferFor(format::Field field, uint32_t term_id);
  // body_buffers_ or pair_buffers_. REQUIRES: a passage field.
  std::vector<uint32_t>& BuffersById(format::Field field) {
    return field == format::Field::kBody ? body_buffers_ : pair_buffers_;
  }
  const std::vector<uint32_t>& BuffersById(format::Field field) const {
    return field == format::Field::kBody ? body_buffers_ : pair_buffers_;
  }
  // Adds one passage's postings: its words' and its word pairs'.
  void AddPassageTerms(DocId doc, PassageId id, const PreparedDocument& prepared,
                       const PreparedPassage& p, bool is_copy);
  // Records passage `id` and its dedup facts; returns whether it is a copy.
  bool AddPassage(DocId doc, PassageId id, const PreparedPassage& p);
  void AddFieldTerms(format::Field field, DocId doc, const PreparedDocument& prepared,
                     const std::vector<PreparedTerm>& terms);
  void FeedEncoder(const TermBuffer& buffer, format::Field field, PostingsEncoder* encoder) const;
  // (field byte + term, term id), in dictionary order.
  struct SortedTerm {
    format::Field field;
    std::string_view term;
    uint32_t buffer;  // in terms_
  };
  using SortedTerms = std::vector<SortedTerm>;
  struct EncodedTerms;
  static constexpr uint64_t kBatchBytes = 1 << 20;
  static constexpr size_t kBatchTerms = 1024;
  // Encodes the lists of sorted[begin, end).
  EncodedTerms EncodeTerms(const SortedTerms& sorted, size_t begin, size_t end) const;
  absl::Status WritePostings();
  absl::Status WriteTables();
  // The passage records with their groups (moves them out).
  PassageTableContents GroupedPassages();
  uint32_t UnitLength(format::Field field, uint32_t id) const;
  bool StoredBefore(uint64_t content_hash) const;
  size_t SketchBytes() const;

  std::string dir_;
  std::string name_;
  std::unique_ptr<FileWriter> text_file_;
  StoredTextEncoder stored_text_;
  DocumentTableEncoder documents_;
  std::vector<PassageRecord> passages_;
  // Postings buffers, in terms_: body and word-pair terms' by their id in
  // term_ids_ (kNoBuffer: none yet), title and outlet terms' by field byte
  // + term.
  static constexpr uint32_t kNoBuffer = UINT32_MAX;
  TermIds term_ids_;
  std::vector<uint32_t> body_buffers_;
  std::vector<uint32_t> pair_buffers_;
  absl::flat_hash_map<std::string, uint32_t> field_buffers_;
  std::vector<TermBuffer> terms_;
  std::string key_;  // scratch for field_buffers_ lookups
  // Dedup: the first passage of each text, each passage's content, the
  // sketches.
  absl::flat_hash_map<uint64_t, PassageId> content_ids_;
  const absl::flat_hash_set<uint64_t>* texts_stored_before_ = nullptr;
  std::vector<PassageId> content_of_;
  SketchTableContents sketches_;
  // For Add(raw, analyzed).
  DocumentPreparer preparer_;
  PreparedDocument prepared_;
  uint32_t content_count_ = 0;
  uint64_t content_token_count_ = 0;
  double dedup_seconds_ = 0;
  size_t postings_bytes_ = 0;  // sum of the term buffers' sizes
  uint64_t token_count_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SEGMENT_BUILDER_H_
