#include "indexer/segment_builder.h"

#include <algorithm>

#include "common/coding.h"
#include "common/postings_encoder.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/term_dictionary.h"

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
      stored_text_(text_file_.get()) {}

SegmentBuilder::TermBuffer& SegmentBuilder::BufferFor(format::Field field, std::string_view term) {
  auto [it, inserted] =
      term_ids_.try_emplace(TermKey(field, term), static_cast<uint32_t>(terms_.size()));
  if (inserted) terms_.emplace_back();
  return terms_[it->second];
}

void SegmentBuilder::AddPassageTerms(DocId doc, PassageId id, const std::vector<Token>& tokens) {
  occurrences_.clear();
  for (const Token& token : tokens) {
    auto [it, inserted] = term_ids_.try_emplace(TermKey(format::Field::kBody, token.term),
                                                static_cast<uint32_t>(terms_.size()));
    if (inserted) terms_.emplace_back();
    occurrences_.emplace_back(it->second, token.position);
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
    ++buffer.document_count;
    postings_bytes_ += buffer.postings.capacity() - before;
    i = j;
  }
}

absl::Status SegmentBuilder::Add(const RawDocument& raw, const AnalyzedDocument& analyzed) {
  const DocId doc = documents_.size();
  DocumentRecord record;
  record.first_passage = static_cast<PassageId>(passages_.size());
  record.passage_count = static_cast<uint32_t>(analyzed.passages.size());
  record.length = analyzed.length;
  for (const AnalyzedPassage& p : analyzed.passages) {
    const PassageId id = static_cast<PassageId>(passages_.size());
    passages_.push_back({doc, p.start, p.end, static_cast<uint16_t>(p.tokens.size()),
                         static_cast<uint16_t>(p.is_title ? format::kPassageIsTitle : 0)});
    AddPassageTerms(doc, id, p.tokens);
  }
  AddFieldTerms(format::Field::kTitle, doc, analyzed.title_terms);
  AddFieldTerms(format::Field::kOutlet, doc, analyzed.outlet_terms);
  documents_.Add(record, {raw.id, raw.title, raw.date, raw.url}, raw.outlet);
  token_count_ += analyzed.length;
  return stored_text_.Add(raw.text);
}

size_t SegmentBuilder::memory_usage() const {
  return postings_bytes_ + terms_.capacity() * sizeof(TermBuffer) +
         term_ids_.capacity() * kPerTermOverhead + passages_.capacity() * sizeof(PassageRecord) +
         documents_.memory_usage() + format::kStoredBlockTargetBytes * 3;
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

absl::Status SegmentBuilder::WriteTables() {
  using format::FileKind;
  ASSIGN_OR_RETURN(
      auto passage_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPassages), FileKind::kPassages));
  std::string bytes = EncodePassageTablePrefix(static_cast<uint32_t>(passages_.size()));
  for (const PassageRecord& r : passages_) AppendPassageRecord(r, &bytes);
  RETURN_IF_ERROR(passage_file->Append(bytes));
  RETURN_IF_ERROR(passage_file->Finish());
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
  info.passage_count = static_cast<uint32_t>(passages_.size());
  info.token_count = token_count_;
  return info;
}

}  // namespace syndex
