#include "indexer/prepared_document.h"

#include <algorithm>
#include <span>

#include "common/coding.h"
#include "common/format.h"
#include "common/word_pairs.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/content_hash.h"
#include "indexer/scoped_timer.h"

namespace syndex {
namespace {

MinHashOptions SketchOptions(uint32_t bins) {
  MinHashOptions options;
  options.bins = bins;
  return options;
}

template <typename T>
size_t CapacityBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

// Appends `term` to the document's term bytes and returns its entry.
PreparedTerm NewTerm(std::string_view term, uint32_t tf, PreparedDocument* doc) {
  PreparedTerm t;
  t.term_start = static_cast<uint32_t>(doc->term_bytes.size());
  t.term_size = static_cast<uint32_t>(term.size());
  t.tf = tf;
  doc->term_bytes.append(term);
  return t;
}

}  // namespace

void PreparedDocument::Clear() {
  passages.clear();
  terms.clear();
  title_terms.clear();
  outlet_terms.clear();
  term_bytes.clear();
  position_bytes.clear();
  passage_sketches.clear();
  document_sketch.clear();
  length = 0;
  dedup_seconds = 0;
}

size_t PreparedDocument::memory_usage() const {
  return sizeof(*this) + CapacityBytes(passages) + CapacityBytes(terms) +
         CapacityBytes(title_terms) + CapacityBytes(outlet_terms) + term_bytes.capacity() +
         position_bytes.capacity() + passage_sketches.capacity() + document_sketch.capacity();
}

DocumentPreparer::DocumentPreparer(TermIds* term_ids)
    : term_ids_(term_ids),
      passage_hasher_(SketchOptions(format::kPassageSketchBins)),
      document_hasher_(SketchOptions(format::kDocumentSketchBins)) {}

void DocumentPreparer::Prepare(const RawDocument& raw, const AnalyzedDocument& analyzed,
                               PreparedDocument* out) {
  out->Clear();
  out->length = analyzed.length;
  for (const AnalyzedPassage& p : analyzed.passages) {
    PreparedPassage& passage = out->passages.emplace_back();
    passage.start = p.start;
    passage.end = p.end;
    passage.is_title = p.is_title;
    passage.length = static_cast<uint16_t>(p.tokens.size());
    passage.first_term = static_cast<uint32_t>(out->terms.size());
    AddPassageTerms(p.tokens, out);
    passage.term_count = static_cast<uint32_t>(out->terms.size()) - passage.first_term;
    FindWordPairs(p.tokens);
    AddPassageTerms(pair_tokens_, out);
    passage.pair_count =
        static_cast<uint32_t>(out->terms.size()) - passage.first_term - passage.term_count;
  }
  AddFieldTerms(analyzed.title_terms, &out->title_terms, out);
  AddFieldTerms(analyzed.outlet_terms, &out->outlet_terms, out);
  ScopedTimer timer(&out->dedup_seconds);
  AddDedupFacts(raw, analyzed, out);
}

// The distinct terms of a passage in order of first occurrence, each with
// its positions as the varint gaps the builder stores.
void DocumentPreparer::AddPassageTerms(const std::vector<Token>& tokens, PreparedDocument* out) {
  if (++stamp_ == 0) {  // wrapped around: stamps of long ago would look current
    std::fill(stamp_of_.begin(), stamp_of_.end(), 0);
    stamp_ = 1;
  }
  slots_.clear();
  next_token_.resize(tokens.size());
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const uint32_t id = IdOf(tokens[i]);
    if (id >= stamp_of_.size()) {
      stamp_of_.resize(term_ids_->size(), 0);
      slot_of_.resize(term_ids_->size());
    }
    if (stamp_of_[id] != stamp_) {
      stamp_of_[id] = stamp_;
      slot_of_[id] = static_cast<uint32_t>(slots_.size());
      slots_.push_back({i, i, 0, id});
    } else {
      Slot& slot = slots_[slot_of_[id]];
      next_token_[slot.last] = i;
      slot.last = i;
    }
    ++slots_[slot_of_[id]].tf;
  }
  for (const Slot& slot : slots_) {
    PreparedTerm term = NewTerm(tokens[slot.first].term, slot.tf, out);
    term.term_id = slot.term_id;
    term.positions_start = static_cast<uint32_t>(out->position_bytes.size());
    Position previous = 0;
    for (uint32_t i = slot.first, n = 0; n < slot.tf; i = next_token_[i], ++n) {
      PutVarint32(&out->position_bytes, tokens[i].position - previous);
      previous = tokens[i].position;
    }
    term.positions_size = static_cast<uint32_t>(out->position_bytes.size()) - term.positions_start;
    out->terms.push_back(term);
  }
}

bool DocumentPreparer::IsPairTerm(const Token& token) {
  if (token.term_id == kNoTermId) return IsPairWord(token.term);
  if (token.term_id >= pair_word_of_.size()) pair_word_of_.resize(term_ids_->size(), -1);
  int8_t& known = pair_word_of_[token.term_id];
  if (known < 0) known = IsPairWord(token.term) ? 1 : 0;
  return known == 1;
}

void DocumentPreparer::FindWordPairs(const std::vector<Token>& tokens) {
  pair_tokens_.clear();
  bool second_is_pair_word = !tokens.empty() && IsPairTerm(tokens[0]);
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    const Token& first = tokens[i];
    const Token& second = tokens[i + 1];
    const bool first_is_pair_word = second_is_pair_word;
    second_is_pair_word = IsPairTerm(second);
    if (!first_is_pair_word || !second_is_pair_word || second.position != first.position + 1) {
      continue;
    }
    Token& pair = pair_tokens_.emplace_back();
    pair.term = PairTerm(first.term, second.term);
    pair.position = first.position;
  }
}

void DocumentPreparer::AddFieldTerms(const std::vector<std::string>& terms,
                                     std::vector<PreparedTerm>* out, PreparedDocument* doc) {
  field_terms_.assign(terms.begin(), terms.end());
  std::sort(field_terms_.begin(), field_terms_.end());
  for (size_t i = 0; i < field_terms_.size();) {
    size_t j = i;
    while (j < field_terms_.size() && field_terms_[j] == field_terms_[i]) ++j;
    out->push_back(NewTerm(field_terms_[i], static_cast<uint32_t>(j - i), doc));
    i = j;
  }
}

// Content hashes, lines, sentence endings and sketches (docs/DEDUP.md). A
// document's sketch is of the union of its passages' shingles, or of its
// title's when it has no other passage; passages are signed from the same
// shingles, hashed once.
void DocumentPreparer::AddDedupFacts(const RawDocument& raw, const AnalyzedDocument& analyzed,
                                     PreparedDocument* out) {
  document_shingles_.clear();
  title_shingles_.clear();
  for (size_t i = 0; i < analyzed.passages.size(); ++i) {
    const AnalyzedPassage& p = analyzed.passages[i];
    PreparedPassage& passage = out->passages[i];
    const std::string_view source = p.is_title ? raw.title : raw.text;
    const std::string_view text = source.substr(p.start, p.end - p.start);
    passage.content_hash = p.content_hash ? *p.content_hash : ContentHash(text);
    passage.line_words = static_cast<uint8_t>(std::min<uint32_t>(LongestLineWords(p, source), 255));
    passage.ends_sentence = EndsLikeSentence(text);
    term_hashes_.clear();
    for (const Token& token : p.tokens) term_hashes_.push_back(TermHash(token.term));
    std::vector<uint64_t>& shingles = p.is_title ? title_shingles_ : document_shingles_;
    const size_t first = shingles.size();
    passage_hasher_.AppendShingles(term_hashes_, &shingles);
    passage.signable = !p.is_title && p.tokens.size() >= format::kMinSketchWords;
    if (passage.signable) {
      out->passage_sketches.append(ToSketch(
          passage_hasher_.SignatureOfShingles(std::span<const uint64_t>(shingles).subspan(first))));
    }
  }
  const std::vector<uint64_t>& shingles =
      document_shingles_.empty() ? title_shingles_ : document_shingles_;
  out->document_sketch = ToSketch(document_hasher_.SignatureOfShingles(shingles));
  out->document_sketch.resize(format::kDocumentSketchBins, '\0');
}

size_t DocumentPreparer::memory_usage() const {
  return sizeof(*this) + CapacityBytes(slot_of_) + CapacityBytes(stamp_of_) +
         CapacityBytes(pair_word_of_) + CapacityBytes(slots_) + CapacityBytes(next_token_) +
         CapacityBytes(field_terms_) + CapacityBytes(term_hashes_) +
         CapacityBytes(document_shingles_) + CapacityBytes(title_shingles_) +
         CapacityBytes(pair_tokens_);  // pair terms fit in SSO
}

}  // namespace syndex
