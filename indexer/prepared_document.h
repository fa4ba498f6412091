// File: indexer/prepared_document.h
//
// Everything the segment builder needs of one document that does not depend
// on any other document, computed ahead of it, on any thread: each passage's
// distinct terms with their term frequencies and positions (already encoded
// as the builder stores them), the terms of the title and outlet fields, and
// the dedup facts of docs/DEDUP.md (each passage's content hash, longest line
// and sentence ending, and the MinHash sketches of the document and of its
// long passages). What is left to the builder depends on the segment: term
// ids, postings, which passages are copies, and the stored text.
//
// Preparing documents on several threads and adding them to one builder in
// input order gives the same segment as preparing them on one thread.
//
// Example:
//   analyzer.Analyze(raw, &analyzed);  // a DocumentAnalyzer
//   DocumentPreparer preparer;
//   PreparedDocument prepared;
//   preparer.Prepare(raw, analyzed, &prepared);
//   if (!prepared.passages.empty()) RETURN_IF_ERROR(builder->Add(raw, prepared));
#ifndef SYNDEX_INDEXER_PREPARED_DOCUMENT_H_
#define SYNDEX_INDEXER_PREPARED_DOCUMENT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/term_ids.h"
#include "indexer/document_analyzer.h"
#include "indexer/minhash.h"
#include "indexer/raw_document.h"

namespace syndex {

// One distinct term of a passage or of a field. Its bytes are in
// PreparedDocument::term_bytes and its positions in position_bytes.
struct PreparedTerm {
  uint32_t term_start = 0;  // in term_bytes
  uint32_t term_size = 0;
  uint32_t term_id = kNoTermId;  // in the preparer's TermIds; passage terms only
  uint32_t tf = 0;               // occurrences in the passage or field
  uint32_t positions_start = 0;  // in position_bytes; body terms only
  uint32_t positions_size = 0;   // the tf positions as varint gaps from 0
};

struct PreparedPassage {
  uint32_t start = 0;  // byte range in the text (or title, if is_title)
  uint32_t end = 0;
  bool is_title = false;
  uint16_t length = 0;        // tokens, at most format::kMaxPassageLength
  uint64_t content_hash = 0;  // ContentHash of the text (content_hash.h)
  uint8_t line_words = 0;     // LongestLineWords, at most 255
  bool ends_sentence = false;
  // Whether it is long enough, and not a title, to be signed if it is a
  // distinct text; its sketch is then next in passage_sketches.
  bool signable = false;
  uint32_t first_term = 0;  // its distinct terms: terms[first_term, +term_count)
  uint32_t term_count = 0;
  // Its word pairs (common/word_pairs.h), which follow its terms:
  // terms[first_term + term_count, +pair_count).
  uint32_t pair_count = 0;
};

struct PreparedDocument {
  std::vector<PreparedPassage> passages;  // as AnalyzedDocument's; empty: no words
  std::vector<PreparedTerm> terms;        // the passages' distinct terms
  std::vector<PreparedTerm> title_terms;  // distinct, with their counts
  std::vector<PreparedTerm> outlet_terms;
  std::string term_bytes;
  std::string position_bytes;
  // format::kPassageSketchBins bytes for each signable passage, in order.
  std::string passage_sketches;
  std::string document_sketch;  // format::kDocumentSketchBins bytes
  uint32_t length = 0;          // tokens in all passages
  double dedup_seconds = 0;     // spent on the dedup facts

  std::string_view Term(const PreparedTerm& t) const {
    return std::string_view(term_bytes).substr(t.term_start, t.term_size);
  }
  std::string_view Positions(const PreparedTerm& t) const {
    return std::string_view(position_bytes).substr(t.positions_start, t.positions_size);
  }
  void Clear();
  // Bytes of memory held, counting the capacity kept for reuse.
  size_t memory_usage() const;
};

// Not thread-safe (keeps scratch between documents); use one per thread.
class DocumentPreparer {
 public:
  // Passage terms get their ids in `term_ids`, which must outlive the
  // preparer: the tokens' own (Token::term_id) if the analyzer was given
  // the same TermIds, else interned here.
  explicit DocumentPreparer(TermIds* term_ids);

  // Fills *out (reusing its buffers) from `raw` and its analysis. A
  // document without passages gets none; the caller skips it.
  void Prepare(const RawDocument& raw, const AnalyzedDocument& analyzed, PreparedDocument* out);

  // Bytes of memory held by the scratch kept between documents.
  size_t memory_usage() const;

 private:
  void AddPassageTerms(const std::vector<Token>& tokens, PreparedDocument* out);
  // The word pairs of `tokens` into pair_tokens_.
  void FindWordPairs(const std::vector<Token>& tokens);
  void AddFieldTerms(const std::vector<std::string>& terms, std::vector<PreparedTerm>* out,
                     PreparedDocument* doc);
  void AddDedupFacts(const RawDocument& raw, const AnalyzedDocument& analyzed,
                     PreparedDocument* out);

  // The token's term id, interning its term if the analyzer gave none.
  uint32_t IdOf(const Token& token) {
    return token.term_id != kNoTermId ? token.term_id : term_ids_->Intern(token.term);
  }
  // Whether the term is one of the pair words (common/word_pairs.h),
  // remembered by id.
  bool IsPairTerm(const Token& token);

  TermIds* term_ids_;
  MinHasher passage_hasher_;
  MinHasher document_hasher_;
  // Scratch for grouping a passage's tokens by term: the distinct terms in
  // order of first occurrence, and each token's next one with the same
  // term. A term's slot is slot_of_[id], valid if stamp_of_[id] is the
  // current grouping's stamp_: no clearing between passages.
  struct Slot {
    uint32_t first = 0;  // token
    uint32_t last = 0;
    uint32_t tf = 0;
    uint32_t term_id = 0;
  };
  std::vector<uint32_t> slot_of_;
  std::vector<uint32_t> stamp_of_;
  uint32_t stamp_ = 0;
  std::vector<Slot> slots_;
  std::vector<uint32_t> next_token_;
  // By term id: 1 a pair word, 0 not, -1 not asked yet.
  std::vector<int8_t> pair_word_of_;
  std::vector<std::string_view> field_terms_;
  std::vector<Token> pair_tokens_;
  // Scratch for the sketches.
  std::vector<uint64_t> term_hashes_;
  std::vector<uint64_t> document_shingles_;
  std::vector<uint64_t> title_shingles_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_PREPARED_DOCUMENT_H_
