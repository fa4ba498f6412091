#include "common/passage_table.h"

#include "common/coding.h"
#include "common/str_cat.h"

namespace syndex {

void AppendPassageRecord(const PassageRecord& record, std::string* out) {
  PutFixed32(out, record.doc);
  PutFixed32(out, record.start);
  PutFixed32(out, record.end);
  PutFixed16(out, record.length);
  PutFixed16(out, record.flags);
}

std::string EncodePassageTablePrefix(uint32_t count) {
  std::string prefix;
  PutFixed32(&prefix, count);
  PutFixed32(&prefix, 0);
  return prefix;
}

absl::StatusOr<std::unique_ptr<PassageTable>> PassageTable::Open(std::unique_ptr<MappedFile> file) {
  std::unique_ptr<PassageTable> table(new PassageTable(std::move(file)));
  const MappedFile& f = *table->file_;
  std::string_view body = f.body();
  if (body.size() < format::kPassagePrefixSize) return f.Corruption(0, "passage table truncated");
  table->count_ = DecodeFixed32(body.data());
  if (DecodeFixed32(body.data() + 4) != 0) return f.Corruption(4, "reserved bytes not zero");
  const uint64_t expected =
      format::kPassagePrefixSize + uint64_t{table->count_} * format::kPassageRecordSize;
  if (expected != body.size()) {
    return f.Corruption(0, StrCat("passage count ", table->count_, " needs ", expected,
                                  " bytes, body has ", body.size()));
  }
  table->records_ = body.data() + format::kPassagePrefixSize;
  return table;
}

PassageRecord PassageTable::Get(PassageId id) const {
  const char* p = records_ + size_t{id} * format::kPassageRecordSize;
  return {DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed32(p + 8), DecodeFixed16(p + 12),
          DecodeFixed16(p + 14)};
}

absl::Status PassageTable::Verify(uint32_t doc_count) const {
  DocId previous = 0;
  for (uint32_t i = 0; i < count_; ++i) {
    const PassageRecord r = Get(i);
    const size_t offset = format::kPassagePrefixSize + size_t{i} * format::kPassageRecordSize;
    if (r.doc >= doc_count || r.doc < previous) {
      return file_->Corruption(offset, StrCat("passage ", i, ": bad document ", r.doc));
    }
    if (r.start > r.end || (r.flags & ~format::kPassageKnownFlags) != 0) {
      return file_->Corruption(offset, StrCat("passage ", i, ": malformed record"));
    }
    previous = r.doc;
  }
  return absl::OkStatus();
}

}  // namespace syndex
