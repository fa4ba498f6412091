#include "indexer/segment_builder.h"

#include <algorithm>
#include <cassert>

#include "common/coding.h"
#include "common/postings_encoder.h"
#include "common/segment.h"
#include "common/status_macros.h"
#include "common/term_dictionary.h"
#include "indexer/ordered_batches.h"  // CutBatches
#include "indexer/passage_groups.h"
#include "indexer/scoped_timer.h"

namespace syndex {
namespace {

// Memory a term costs in the hash map beyond its TermBuffer: the slot, the
// key string's heap copy when it is long, allocation overhead.
constexpr size_t kPerTermOverhead = 64;

// Memory a passage's content hash costs in the hash map of copies.
constexpr size_t kContentIdBytes = sizeof(uint64_t) + sizeof(PassageId) + 1;

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
      preparer_(&term_ids_) {}

SegmentBuilder::TermBuffer& SegmentBuilder::BufferFor(format::Field field, std::string_view term) {
  key_.assign(1, static_cast<char>(field));
  key_.append(term);
  const auto [it, inserted] =
      field_buffers_.try_emplace(key_, static_cast<uint32_t>(terms_.size()));
  if (inserted) terms_.emplace_back();
  return terms_[it->second];
}

SegmentBuilder::TermBuffer& SegmentBuilder::BufferFor(format::Field field, uint32_t term_id) {
  std::vector<uint32_t>& buffers = BuffersById(field);
  if (term_id >= buffers.size()) buffers.resize(term_ids_.size(), kNoBuffer);
  uint32_t& buffer = buffers[term_id];
  if (buffer == kNoBuffer) {
    buffer = static_cast<uint32_t>(terms_.size());
    terms_.emplace_back();
  }
  return terms_[buffer];
}

void SegmentBuilder::AddPassageTerms(DocId doc, PassageId id, const PreparedDocument& prepared,
                                     const PreparedPassage& p, bool is_copy) {
  const uint32_t pairs_begin = p.first_term + p.term_count;
  for (uint32_t t = p.first_term; t < pairs_begin + p.pair_count; ++t) {
    const PreparedTerm& term = prepared.terms[t];
    const format::Field field = t < pairs_begin ? format::Field::kBody : format::Field::kWordPairs;
    TermBuffer& buffer = BufferFor(field, term.term_id);
    const size_t before = buffer.postings.capacity() + buffer.positions.capacity();
    buffer.positions.append(prepared.Positions(term));
    PutVarint32(&buffer.postings, id - buffer.last_id);
    PutVarint32(&buffer.postings, term.tf);
    buffer.last_id = id;
    ++buffer.doc_freq;
    buffer.content_freq += !is_copy;
    if (buffer.last_doc != doc) ++buffer.document_count;
    buffer.last_doc = doc;
    postings_bytes_ += buffer.postings.capacity() + buffer.positions.capacity() - before;
  }
}

void SegmentBuilder::AddFieldTerms(format::Field field, DocId doc, const PreparedDocument& prepared,
                                   const std::vector<PreparedTerm>& terms) {
  for (const PreparedTerm& term : terms) {
    TermBuffer& buffer = BufferFor(field, prepared.Term(term));
    const size_t before = buffer.postings.capacity();
    PutVarint32(&buffer.postings, doc - buffer.last_id);
    PutVarint32(&buffer.postings, term.tf);
    buffer.last_id = doc;
    ++buffer.doc_freq;
    ++buffer.content_freq;
    ++buffer.document_count;
    postings_bytes_ += buffer.postings.capacity() - before;
  }
}

bool SegmentBuilder::AddPassage(DocId doc, PassageId id, const PreparedPassage& p) {
  const auto [it, inserted] = content_ids_.try_emplace(p.content_hash, id);
  content_of_.push_back(it->second);
  sketches_.content_hashes.push_back(p.content_hash);
  PassageRecord record;
  record.doc = doc;
  record.start = p.start;
  record.end = p.end;
  record.length = p.length;
  record.line_words = p.line_words;
  if (p.is_title) record.flags |= format::kPassageIsTitle;
  if (p.ends_sentence) record.flags |= format::kPassageEndsSentence;
  passages_.push_back(record);
  if (inserted) {
    ++content_count_;
    content_token_count_ += p.length;
  }
  return !inserted;
}

absl::Status SegmentBuilder::Add(const RawDocument& raw, const AnalyzedDocument& analyzed) {
  preparer_.Prepare(raw, analyzed, &prepared_);
  dedup_seconds_ += prepared_.dedup_seconds;
  return Add(raw, prepared_);
}

absl::Status SegmentBuilder::Add(const RawDocument& raw, const PreparedDocument& prepared) {
  const DocId doc = documents_.size();
  DocumentRecord record;
  record.first_passage = static_cast<PassageId>(passages_.size());
  record.passage_count = static_cast<uint32_t>(prepared.passages.size());
  record.length = prepared.length;
  size_t next_sketch = 0;  // in prepared.passage_sketches
  for (const PreparedPassage& p : prepared.passages) {
    const PassageId id = static_cast<PassageId>(passages_.size());
    bool is_copy;
    {
      ScopedTimer timer(&dedup_seconds_);
      is_copy = AddPassage(doc, id, p);
    }
    // A copy's text is its content's; a title is kept with the document.
    const std::string_view source = p.is_title ? raw.title : raw.text;
    const bool stored = !is_copy && !p.is_title && !StoredBefore(p.content_hash);
    RETURN_IF_ERROR(stored_text_.Add(stored ? source.substr(p.start, p.end - p.start) : ""));
    AddPassageTerms(doc, id, prepared, p, is_copy);
    if (!p.signable) continue;
    // Only distinct texts are signed: a copy is clustered with its content.
    if (!is_copy) {
      sketches_.signed_passages.push_back(id);
      sketches_.passage_sketches.append(prepared.passage_sketches, next_sketch,
                                        format::kPassageSketchBins);
    }
    next_sketch += format::kPassageSketchBins;
  }
  sketches_.document_sketches.append(prepared.document_sketch);
  AddFieldTerms(format::Field::kTitle, doc, prepared, prepared.title_terms);
  AddFieldTerms(format::Field::kOutlet, doc, prepared, prepared.outlet_terms);
  documents_.Add(record, {raw.id, raw.title, raw.date, raw.url}, raw.outlet);
  token_count_ += prepared.length;
  return absl::OkStatus();
}

bool SegmentBuilder::StoredBefore(uint64_t content_hash) const {
  return texts_stored_before_ != nullptr && texts_stored_before_->contains(content_hash);
}

size_t SegmentBuilder::SketchBytes() const {
  return sketches_.content_hashes.capacity() * sizeof(uint64_t) +
         sketches_.document_sketches.capacity() +
         sketches_.signed_passages.capacity() * sizeof(PassageId) +
         sketches_.passage_sketches.capacity();
}

size_t SegmentBuilder::memory_usage() const {
  const size_t dedup = content_ids_.capacity() * kContentIdBytes +
                       content_of_.capacity() * sizeof(PassageId) + SketchBytes();
  return postings_bytes_ + terms_.capacity() * sizeof(TermBuffer) +
         field_buffers_.capacity() * kPerTermOverhead + term_ids_.memory_usage() +
         (body_buffers_.capacity() + pair_buffers_.capacity()) * sizeof(uint32_t) +
         passages_.capacity() * sizeof(PassageRecord) + documents_.memory_usage() + dedup +
         format::kStoredBlockTargetBytes * 3;
}

uint32_t SegmentBuilder::UnitLength(format::Field field, uint32_t id) const {
  if (format::IsPassageField(field)) return passages_[id].length;
  return 0;  // field postings are not length-normalized
}

void SegmentBuilder::FeedEncoder(const TermBuffer& buffer, format::Field field,
                                 PostingsEncoder* encoder) const {
  const bool body = format::IsPassageField(field);
  ByteReader postings(buffer.postings);
  // Positions arrive as the .pos format stores them (varint gaps from the
  // passage's start): each posting's bytes are copied, not decoded.
  const char* positions = buffer.positions.data();
  const char* positions_end = positions + buffer.positions.size();
  uint32_t id = 0;
  for (uint32_t n = 0; n < buffer.doc_freq; ++n) {
    uint32_t delta, tf;
    postings.ReadVarint32(&delta);  // our own bytes: cannot be short
    postings.ReadVarint32(&tf);
    id += delta;
    if (!body) {
      encoder->Add(id, tf, {}, UnitLength(field, id));
      continue;
    }
    const char* next = SkipVarints(positions, positions_end, tf);
    assert(next != nullptr);  // our own bytes: tf varints each
    encoder->AddEncoded(id, tf, {positions, static_cast<size_t>(next - positions)},
                        UnitLength(field, id));
    positions = next;
  }
}

// Terms encoded together, with offsets relative to their own bytes.
struct SegmentBuilder::EncodedTerms {
  std::string postings, positions;
  std::vector<TermInfo> infos;
};

SegmentBuilder::EncodedTerms SegmentBuilder::EncodeTerms(const SortedTerms& sorted, size_t begin,
                                                         size_t end) const {
  EncodedTerms out;
  // Reused from term to term (Finish resets them), keeping their buffers.
  PostingsEncoder with_positions(true), without_positions(false);
  for (size_t i = begin; i < end; ++i) {
    const format::Field field = sorted[i].field;
    const uint32_t id = sorted[i].buffer;
    PostingsEncoder& encoder = format::IsPassageField(field) ? with_positions : without_positions;
    FeedEncoder(terms_[id], field, &encoder);
    TermInfo info = encoder.Finish(&out.postings, &out.positions);
    info.document_count = terms_[id].document_count;
    info.content_freq = terms_[id].content_freq;
    out.infos.push_back(info);
  }
  return out;
}

absl::Status SegmentBuilder::WritePostings() {
  SortedTerms sorted;
  sorted.reserve(terms_.size());
  for (const auto& [key, buffer] : field_buffers_) {
    sorted.push_back({static_cast<format::Field>(key[0]), std::string_view(key).substr(1), buffer});
  }
  for (const format::Field field : {format::Field::kBody, format::Field::kWordPairs}) {
    const std::vector<uint32_t>& buffers = BuffersById(field);
    for (uint32_t id = 0; id < buffers.size(); ++id) {
      if (buffers[id] != kNoBuffer) sorted.push_back({field, term_ids_.TermOf(id), buffers[id]});
    }
  }
  // Dictionary order: by field, then by term's bytes.
  std::sort(sorted.begin(), sorted.end(), [](const SortedTerm& a, const SortedTerm& b) {
    if (a.field != b.field) return static_cast<uint8_t>(a.field) < static_cast<uint8_t>(b.field);
    return a.term < b.term;
  });
  using format::FileKind;
  ASSIGN_OR_RETURN(
      auto postings_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPostings), FileKind::kPostings));
  ASSIGN_OR_RETURN(auto positions_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kPositions),
                                      FileKind::kPositions));
  TermDictionaryEncoder dictionary;
  // Terms are encoded a batch of about kBatchBytes of buffered postings at
  // a time, each term's buffers freed once written, so that the encoded
  // bytes never hold much beside the buffers they replace.
  for (const auto& [begin, end] :
       CutBatches(sorted.size(), kBatchBytes, kBatchTerms, [&](size_t i) {
         const TermBuffer& buffer = terms_[sorted[i].buffer];
         return buffer.postings.size() + buffer.positions.size();
       })) {
    const EncodedTerms encoded = EncodeTerms(sorted, begin, end);
    const uint64_t postings_base = postings_file->body_size();
    const uint64_t positions_base = positions_file->body_size();
    RETURN_IF_ERROR(postings_file->Append(encoded.postings));
    RETURN_IF_ERROR(positions_file->Append(encoded.positions));
    for (size_t i = begin; i < end; ++i) {
      TermInfo info = encoded.infos[i - begin];
      info.postings_offset += postings_base;
      info.positions_offset += positions_base;
      dictionary.Add(sorted[i].field, sorted[i].term, info);
      terms_[sorted[i].buffer] = TermBuffer();
    }
  }
  RETURN_IF_ERROR(postings_file->Finish());
  RETURN_IF_ERROR(positions_file->Finish());
  ASSIGN_OR_RETURN(auto dict_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kDictionary),
                                      FileKind::kDictionary));
  RETURN_IF_ERROR(dict_file->Append(dictionary.Finish()));
  // The dictionary holds copies of the terms now.
  sorted = {};
  terms_ = {};
  field_buffers_ = {};
  body_buffers_ = {};
  pair_buffers_ = {};
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
  content_of_ = {};
  RETURN_IF_ERROR(passage_file->Finish());
  ASSIGN_OR_RETURN(
      auto sketch_file,
      FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kSketches), FileKind::kSketches));
  RETURN_IF_ERROR(sketch_file->Append(EncodeSketchTable(sketches_)));
  sketches_ = {};
  RETURN_IF_ERROR(sketch_file->Finish());
  ASSIGN_OR_RETURN(auto document_file,
                   FileWriter::Create(Segment::FilePath(dir_, name_, FileKind::kDocuments),
                                      FileKind::kDocuments));
  RETURN_IF_ERROR(document_file->Append(documents_.Finish()));
  documents_ = DocumentTableEncoder();
  RETURN_IF_ERROR(document_file->Finish());
  RETURN_IF_ERROR(stored_text_.Finish());
  return text_file_->Finish();
}

absl::StatusOr<SegmentInfo> SegmentBuilder::Finish() {
  SegmentInfo info;
  info.name = name_;
  info.doc_count = documents_.size();
  info.passage_count = static_cast<uint32_t>(content_of_.size());
  info.token_count = token_count_;
  info.content_count = content_count_;
  info.content_token_count = content_token_count_;
  // Copies are found: each buffer goes as soon as it is written.
  content_ids_ = {};
  RETURN_IF_ERROR(WritePostings());
  RETURN_IF_ERROR(WriteTables());
  return info;
}

}  // namespace syndex
