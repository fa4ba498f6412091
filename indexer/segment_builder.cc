#include "indexer/segment_builder.h"

#include <algorithm>

#include "common/coding.h"
#include "common/postings_encoder.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/term_dictionary.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/content_hash.h"
#include "indexer/passage_groups.h"
#include "indexer/scoped_timer.h"

namespace syndex {
namespace {

// Memory a term costs in the hash map beyond its TermBuffer: the slot, the
// key string's heap copy when it is long, allocation overhead.
constexpr size_t kPerTermOverhead = 64;

std::string TermKey(format::Field field, std::string_view term) {
  std::string key(1, static_cast<char>(field));
  key.append(term);
  return key;
}

MinHashOptions SketchOptions(uint32_t bins) {
  MinHashOptions options;
  options.bins = bins;
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SegmentBuilder>> SegmentBuilder::Create(const std::string& dir,
                                                                       const std::string& name) {
  ASSIGN_OR_RETURN(auto text_file,
                   FileWriter::Create(Segment::FilePath(dir, name, format::FileKind::kStoredText),
                                      format::FileKind::kStoredText));
  return std::unique_ptr<SegmentBuilder>(new SegmentBuilder(dir, name, std::move(text_file)));
}

SegmentBuilder::SegmentBuilder(std::string dir, std::string name,
                               std::unique_ptr<FileWriter> text_file)
    : dir_(std::move(dir)),
      name_(std::move(name)),
      text_file_(std::move(text_file)),
      stored_text_(text_file_.get()),
      passage_hasher_(SketchOptions(format::kPassageSketchBins)),
      document_hasher_(SketchOptions(format::kDocumentSketchBins)) {}

uint32_t SegmentBuilder::TermId(format::Field field, std::string_view term) {
  auto [it, inserted] =
      term_ids_.try_emplace(TermKey(field, term), static_cast<uint32_t>(terms_.size()));
  if (inserted) {
    terms_.emplace_back();
    term_hashes_.push_back(TermHash(term));  // once per distinct term, not per token
  }
  return it->second;
}

SegmentBuilder::TermBuffer& SegmentBuilder::BufferFor(format::Field field, std::string_view term) {
  return terms_[TermId(field, term)];
}

void SegmentBuilder::AddPassageTerms(DocId doc, PassageId id, const std::vector<Token>& tokens,
                                     bool is_copy) {
  occurrences_.clear();
  passage_term_hashes_.clear();
  for (const Token& token : tokens) {
    const uint32_t term = TermId(format::Field::kBody, token.term);
    occurrences_.emplace_back(term, token.position);
    passage_term_hashes_.push_back(term_hashes_[term]);
  }
  std::sort(occurrences_.begin(), occurrences_.end());
  for (size_t i = 0; i < occurrences_.size();) {
    const uint32_t term = occurrences_[i].first;
    TermBuffer& buffer = terms_[term];
    const size_t before = buffer.postings.capacity() + buffer.positions.capacity();
    size_t j = i;
    Position previous = 0;
    for (; j < occurrences_.size() && occurrences_[j].first == term; ++j) {
      PutVarint32(&buffer.positions, occurrences_[j].second - previous);
      previous = occurrences_[j].second;
    }
    PutVarint32(&buffer.postings, id - buffer.last_id);
    PutVarint32(&buffer.postings, static_cast<uint32_t>(j - i));
    buffer.last_id = id;
    ++buffer.doc_freq;
    buffer.content_freq += !is_copy;
    if (buffer.last_doc != doc) ++buffer.document_count;
    buffer.last_doc = doc;
    postings_bytes_ += buffer.postings.capacity() + buffer.positions.capacity() - before;
    i = j;
  }
}

void SegmentBuilder::AddFieldTerms(format::Field field, DocId doc,
                                   const std::vector<std::string>& terms) {
  std::vector<std::string_view> sorted(terms.begin(), terms.end());
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    TermBuffer& buffer = BufferFor(field, sorted[i]);
    const size_t before = buffer.postings.capacity();
    PutVarint32(&buffer.postings, doc - buffer.last_id);
    PutVarint32(&buffer.postings, static_cast<uint32_t>(j - i));
    buffer.last_id = doc;
    ++buffer.doc_freq;
    ++buffer.content_freq;
    ++buffer.document_count;
    postings_bytes_ += buffer.postings.capacity() - before;
    i = j;
  }
}

bool SegmentBuilder::AddPassage(DocId doc, PassageId id, const AnalyzedPassage& p,
                                std::string_view source) {
  const std::string_view text = source.substr(p.start, p.end - p.start);
  const uint64_t hash = ContentHash(text);
  const auto [it, inserted] = content_ids_.try_emplace(hash, id);
  content_of_.push_back(it->second);
  sketches_.content_hashes.push_back(hash);
  PassageRecord record;
  record.doc = doc;
  record.start = p.start;
  record.end = p.end;
  record.length = static_cast<uint16_t>(p.tokens.size());
  record.line_words = static_cast<uint8_t>(std::min<uint32_t>(LongestLineWords(p, source), 255));
  if (p.is_title) record.flags |= format::kPassageIsTitle;
  if (EndsLikeSentence(text)) record.flags |= format::kPassageEndsSentence;
  passages_.push_back(record);
  if (inserted) {
    ++content_count_;
    content_token_count_ += p.tokens.size();
  }
  return !inserted;
}

void SegmentBuilder::SketchPassage(PassageId id, bool is_title, bool is_copy) {
  std::vector<uint64_t>& document_shingles = is_title ? title_shingles_ : document_shingles_;
  const size_t first = document_shingles.size();
  passage_hasher_.AppendShingles(passage_term_hashes_, &document_shingles);
  if (is_title || is_copy || passage_term_hashes_.size() < format::kMinSketchWords) return;
  sketches_.signed_passages.push_back(id);
  sketches_.passage_sketches.append(ToSketch(passage_hasher_.SignatureOfShingles(
      std::span<const uint64_t>(document_shingles).subspan(first))));
}

void SegmentBuilder::SketchDocument() {
  // A document is the union of its passages' shingles; a document of a
  // title alone is sketched from its title.
  const std::vector<uint64_t>& shingles =
      document_shingles_.empty() ? title_shingles_ : document_shingles_;
  std::string sketch = ToSketch(document_hasher_.SignatureOfShingles(shingles));
  sketch.resize(format::kDocumentSketchBins, '\0');
  sketches_.document_sketches.append(sketch);
}

absl::Status SegmentBuilder::Add(const RawDocument& raw, const AnalyzedDocument& analyzed) {
  const DocId doc = documents_.size();
  DocumentRecord record;
  record.first_passage = static_cast<PassageId>(passages_.size());
  record.passage_count = static_cast<uint32_t>(analyzed.passages.size());
  record.length = analyzed.length;
  document_shingles_.clear();
  title_shingles_.clear();
  for (const AnalyzedPassage& p : analyzed.passages) {
    const PassageId id = static_cast<PassageId>(passages_.size());
    const std::string_view source = p.is_title ? raw.title : raw.text;
    bool is_copy;
    {
      ScopedTimer timer(&dedup_seconds_);
      is_copy = AddPassage(doc, id, p, source);
    }
    // A copy's text is its content's; a title is kept with the document.
    const bool stored = !is_copy && !p.is_title;
    RETURN_IF_ERROR(stored_text_.Add(stored ? source.substr(p.start, p.end - p.start) : ""));
    AddPassageTerms(doc, id, p.tokens, is_copy);
    ScopedTimer timer(&dedup_seconds_);
    SketchPassage(id, p.is_title, is_copy);
  }
  {
    ScopedTimer timer(&dedup_seconds_);
    SketchDocument();
  }
  AddFieldTerms(format::Field::kTitle, doc, analyzed.title_terms);
  AddFieldTerms(format::Field::kOutlet, doc, analyzed.outlet_terms);
  documents_.Add(record, {raw.id, raw.title, raw.date, raw.url}, raw.outlet);
  token_count_ += analyzed.length;
  return absl::OkStatus();
}

size_t SegmentBuilder::memory_usage() const {
  const size_t dedup = content_ids_.capacity() * (sizeof(uint64_t) + sizeof(PassageId) + 1) +
                       content_of_.capacity() * sizeof(PassageId) +
                       sketches_.content_hashes.capacity() * sizeof(uint64_t) +
                       sketches_.document_sketches.capacity() +
                       sketches_.signed_passages.capacity() * sizeof(PassageId) +
                       sketches_.passage_sketches.capacity();
  return postings_bytes_ + terms_.capacity() * (sizeof(TermBuffer) + sizeof(uint64_t)) +
         term_ids_.capacity() * kPerTermOverhead + passages_.capacity() * sizeof(PassageRecord) +
         documents_.memory_usage() + dedup + format::kStoredBlockTargetBytes * 3;
}

uint32_t SegmentBuilder::UnitLength(format::Field field, uint32_t id) const {
  if (field == format::Field::kBody) return passages_[id].length;
  return 0;  // field postings are not length-normalized
}

void SegmentBuilder::FeedEncoder(const TermBuffer& buffer, format::Field field,
                                 PostingsEncoder* encoder) const {
  const bool body = field == format::Field::kBody;
  ByteReader postings(buffer.postings), positions(buffer.positions);
  std::vector<Position> term_positions;
  uint32_t id = 0;
  for (uint32_t n = 0; n < buffer.doc_freq; ++n) {
    uint32_t delta, tf;
    postings.ReadVarint32(&delta);  // our own bytes: cannot be short
    postings.ReadVarint32(&tf);
    id += delta;
    term_positions.clear();
    Position position = 0;
    for (uint32_t k = 0; body && k < tf; ++k) {
      uint32_t gap;
      positions.ReadVarint32(&gap);
      term_positions.push_back(position += gap);
    }
    encoder->Add(id, tf, term_positions, UnitLength(field, id));
  }
}

absl::Status SegmentBuilder::WritePostings() {
  std::vector<std::pair<std::string_view, uint32_t>> sorted;
  sorted.reserve(term_ids_.size());
  for (const auto& [key, id] : term_ids_) sorted.emplace_back(key, id);
  std::sort(sorted.begin(), sorted.end());
  using format::FileKind;
  ASSIGN_OR_RETURN(
      auto postings_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPostings), FileKind::kPostings));
  ASSIGN_OR_RETURN(auto positions_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPositions),
                                      FileKind::kPositions));
  TermDictionaryEncoder dictionary;
  std::string postings, positions;
  for (const auto& [key, id] : sorted) {
    const auto field = static_cast<format::Field>(key[0]);
    const bool body = field == format::Field::kBody;
    PostingsEncoder encoder(body);
    FeedEncoder(terms_[id], field, &encoder);
    postings.clear();
    positions.clear();
    TermInfo info = encoder.Finish(&postings, &positions);
    info.document_count = terms_[id].document_count;
    info.content_freq = terms_[id].content_freq;
    info.postings_offset = postings_file->body_size();
    info.positions_offset = positions_file->body_size();
    RETURN_IF_ERROR(postings_file->Append(postings));
    RETURN_IF_ERROR(positions_file->Append(positions));
    dictionary.Add(field, key.substr(1), info);
    terms_[id] = TermBuffer();  // release memory as we go
  }
  RETURN_IF_ERROR(postings_file->Finish());
  RETURN_IF_ERROR(positions_file->Finish());
  ASSIGN_OR_RETURN(auto dict_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kDictionary),
                                      FileKind::kDictionary));
  RETURN_IF_ERROR(dict_file->Append(dictionary.Finish()));
  return dict_file->Finish();
}

PassageTableContents SegmentBuilder::GroupedPassages() {
  ScopedTimer timer(&dedup_seconds_);
  // Within one segment only exact copies are grouped; near-duplicate
  // clusters are found when segments are merged at commit.
  std::vector<PassageId> cluster_of(passages_.size());
  for (PassageId p = 0; p < cluster_of.size(); ++p) cluster_of[p] = p;
  PassageTableContents table;
  table.records = std::move(passages_);
  AssignGroups(content_of_, cluster_of, documents_.OutletOfEachDocument(), &table);
  return table;
}

absl::Status SegmentBuilder::WriteTables() {
  using format::FileKind;
  ASSIGN_OR_RETURN(
      auto passage_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPassages), FileKind::kPassages));
  RETURN_IF_ERROR(passage_file->Append(EncodePassageTable(GroupedPassages())));
  RETURN_IF_ERROR(passage_file->Finish());
  ASSIGN_OR_RETURN(
      auto sketch_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kSketches), FileKind::kSketches));
  RETURN_IF_ERROR(sketch_file->Append(EncodeSketchTable(sketches_)));
  RETURN_IF_ERROR(sketch_file->Finish());
  ASSIGN_OR_RETURN(auto document_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kDocuments),
                                      FileKind::kDocuments));
  RETURN_IF_ERROR(document_file->Append(documents_.Finish()));
  RETURN_IF_ERROR(document_file->Finish());
  RETURN_IF_ERROR(stored_text_.Finish());
  return text_file_->Finish();
}

absl::StatusOr<SegmentInfo> SegmentBuilder::Finish() {
  RETURN_IF_ERROR(WritePostings());
  RETURN_IF_ERROR(WriteTables());
  SegmentInfo info;
  info.name = name_;
  info.doc_count = documents_.size();
  info.passage_count = static_cast<uint32_t>(content_of_.size());
  info.token_count = token_count_;
  info.content_count = content_count_;
  info.content_token_count = content_token_count_;
  return info;
}

}  // namespace syndex
