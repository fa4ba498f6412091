#include "common/sketch_table.h"

#include "common/coding.h"
#include "common/str_cat.h"

namespace syndex {

std::string EncodeSketchTable(const SketchTableContents& c) {
  std::string out;
  const uint32_t documents = c.document_bins ? c.document_sketches.size() / c.document_bins : 0;
  PutFixed32(&out, static_cast<uint32_t>(c.content_hashes.size()));
  PutFixed32(&out, documents);
  PutFixed32(&out, static_cast<uint32_t>(c.signed_passages.size()));
  out.push_back(static_cast<char>(c.document_bins));
  out.push_back(static_cast<char>(c.passage_bins));
  PutFixed16(&out, 0);
  for (uint64_t h : c.content_hashes) PutFixed64(&out, h);
  out.append(c.document_sketches);
  for (PassageId p : c.signed_passages) PutFixed32(&out, p);
  out.append(c.passage_sketches);
  return out;
}

absl::StatusOr<std::unique_ptr<SketchTable>> SketchTable::Open(std::unique_ptr<MappedFile> file) {
  std::unique_ptr<SketchTable> t(new SketchTable(std::move(file)));
  const MappedFile& f = *t->file_;
  const std::string_view body = f.body();
  if (body.size() < format::kSketchPrefixSize) return f.Corruption(0, "sketch table truncated");
  t->passage_count_ = DecodeFixed32(body.data());
  t->document_count_ = DecodeFixed32(body.data() + 4);
  t->signed_count_ = DecodeFixed32(body.data() + 8);
  t->document_bins_ = static_cast<uint8_t>(body[12]);
  t->passage_bins_ = static_cast<uint8_t>(body[13]);
  if (DecodeFixed16(body.data() + 14) != 0) return f.Corruption(14, "reserved bytes not zero");
  if (t->document_bins_ != format::kDocumentSketchBins ||
      t->passage_bins_ != format::kPassageSketchBins) {
    return f.Corruption(12, StrCat("sketches of ", t->document_bins_, " and ", t->passage_bins_,
                                   " bins, expected ", format::kDocumentSketchBins, " and ",
                                   format::kPassageSketchBins));
  }
  const uint64_t hashes = uint64_t{t->passage_count_} * 8;
  const uint64_t documents = uint64_t{t->document_count_} * t->document_bins_;
  const uint64_t signed_ids = uint64_t{t->signed_count_} * 4;
  const uint64_t sketches = uint64_t{t->signed_count_} * t->passage_bins_;
  const uint64_t expected = format::kSketchPrefixSize + hashes + documents + signed_ids + sketches;
  if (expected != body.size()) {
    return f.Corruption(0, StrCat("sketch table sizes add up to ", expected, " bytes, body has ",
                                  body.size()));
  }
  t->hashes_ = body.data() + format::kSketchPrefixSize;
  t->document_sketches_ = t->hashes_ + hashes;
  t->signed_ids_ = t->document_sketches_ + documents;
  t->passage_sketches_ = t->signed_ids_ + signed_ids;
  return t;
}

uint64_t SketchTable::ContentHash(PassageId passage) const {
  return DecodeFixed64(hashes_ + size_t{passage} * 8);
}

std::string_view SketchTable::DocumentSketch(DocId doc) const {
  return {document_sketches_ + size_t{doc} * document_bins_, document_bins_};
}

PassageId SketchTable::SignedPassage(uint32_t i) const {
  return DecodeFixed32(signed_ids_ + size_t{i} * 4);
}

std::string_view SketchTable::PassageSketch(uint32_t i) const {
  return {passage_sketches_ + size_t{i} * passage_bins_, passage_bins_};
}

absl::Status SketchTable::Verify() const {
  for (uint32_t i = 0; i < signed_count_; ++i) {
    const PassageId p = SignedPassage(i);
    if (p >= passage_count_ || (i > 0 && p <= SignedPassage(i - 1))) {
      const size_t offset = signed_ids_ - file_->body().data() + size_t{i} * 4;
      return file_->Corruption(offset, StrCat("signed passage ", i, " out of order or range"));
    }
  }
  return absl::OkStatus();
}

}  // namespace syndex
