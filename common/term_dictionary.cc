#include "common/term_dictionary.h"

#include "common/coding.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

// Compares (field, term) keys as the byte strings field-byte + term.
int CompareKeys(format::Field a_field, std::string_view a, format::Field b_field,
                std::string_view b) {
  if (a_field != b_field) return a_field < b_field ? -1 : 1;
  return a.compare(b);
}

bool ReadInfo(ByteReader* in, TermInfo* info) {
  return in->ReadVarint32(&info->doc_freq) && in->ReadVarint32(&info->document_count) &&
         in->ReadVarint32(&info->content_freq) &&
         in->ReadVarint64(&info->total_freq) && in->ReadVarint32(&info->max_tf) &&
         in->ReadVarint32(&info->min_length) && in->ReadVarint64(&info->postings_offset) &&
         in->ReadVarint64(&info->postings_size) && in->ReadVarint64(&info->positions_offset) &&
         in->ReadVarint64(&info->positions_size);
}

}  // namespace

absl::StatusOr<std::unique_ptr<TermDictionary>> TermDictionary::Open(
    std::unique_ptr<MappedFile> file) {
  std::unique_ptr<TermDictionary> dict(new TermDictionary(std::move(file)));
  const MappedFile& f = *dict->file_;
  std::string_view body = f.body();
  if (body.size() < format::kDictionaryPrefixSize) return f.Corruption(0, "dictionary truncated");
  dict->term_count_ = DecodeFixed32(body.data());
  if (DecodeFixed32(body.data() + 4) != 0) return f.Corruption(4, "reserved bytes not zero");
  const uint64_t table_bytes = uint64_t{dict->term_count_} * 4;
  if (format::kDictionaryPrefixSize + table_bytes > body.size()) {
    return f.Corruption(0, StrCat("term count ", dict->term_count_, " does not fit"));
  }
  dict->offsets_ = body.data() + format::kDictionaryPrefixSize;
  dict->entries_ = body.substr(format::kDictionaryPrefixSize + table_bytes);
  return dict;
}

TermDictionary::TermDictionary(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}

std::string_view TermDictionary::Slot(size_t index) const {
  const uint32_t begin = DecodeFixed32(offsets_ + 4 * index);
  const uint32_t end = index + 1 < term_count_ ? DecodeFixed32(offsets_ + 4 * (index + 1))
                                               : static_cast<uint32_t>(entries_.size());
  if (begin > end || end > entries_.size()) return {};
  return entries_.substr(begin, end - begin);
}

bool TermDictionary::DecodeEntry(size_t index, DictionaryEntry* entry) const {
  ByteReader in(Slot(index));
  std::string_view key;
  if (!in.ReadLengthPrefixed(&key) || key.empty() || !ReadInfo(&in, &entry->info)) return false;
  if (static_cast<uint8_t>(key[0]) >= format::kFieldCount) return false;
  entry->field = static_cast<format::Field>(key[0]);
  entry->term = key.substr(1);
  return in.empty();
}

DictionaryEntry TermDictionary::Entry(size_t index) const {
  DictionaryEntry entry;
  if (!DecodeEntry(index, &entry)) return DictionaryEntry{};
  return entry;
}

size_t TermDictionary::LowerBound(format::Field field, std::string_view term) const {
  size_t lo = 0, hi = term_count_;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const DictionaryEntry e = Entry(mid);
    if (CompareKeys(e.field, e.term, field, term) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

std::optional<TermInfo> TermDictionary::Find(format::Field field, std::string_view term) const {
  const size_t index = LowerBound(field, term);
  if (index == term_count_) return std::nullopt;
  const DictionaryEntry e = Entry(index);
  if (e.field != field || e.term != term) return std::nullopt;
  return e.info;
}

absl::Status TermDictionary::Verify() const {
  DictionaryEntry previous;
  for (size_t i = 0; i < term_count_; ++i) {
    const size_t offset = format::kDictionaryPrefixSize + 4 * i;
    DictionaryEntry entry;
    if (!DecodeEntry(i, &entry)) {
      return file_->Corruption(offset, StrCat("dictionary entry ", i, " does not decode"));
    }
    if (i > 0 && CompareKeys(previous.field, previous.term, entry.field, entry.term) >= 0) {
      return file_->Corruption(offset, StrCat("dictionary entry ", i, " out of order"));
    }
    if (entry.info.doc_freq == 0 || entry.info.document_count == 0 ||
        entry.info.document_count > entry.info.doc_freq || entry.info.content_freq == 0 ||
        entry.info.content_freq > entry.info.doc_freq ||
        entry.term.size() > format::kMaxTermBytes) {
      return file_->Corruption(offset, StrCat("dictionary entry ", i, " is malformed"));
    }
    previous = entry;
  }
  return absl::OkStatus();
}

void TermDictionaryEncoder::Add(format::Field field, std::string_view term, const TermInfo& info) {
  offsets_.push_back(static_cast<uint32_t>(entries_.size()));
  std::string key(1, static_cast<char>(field));
  key.append(term);
  PutLengthPrefixed(&entries_, key);
  PutVarint32(&entries_, info.doc_freq);
  PutVarint32(&entries_, info.document_count);
  PutVarint32(&entries_, info.content_freq);
  PutVarint64(&entries_, info.total_freq);
  PutVarint32(&entries_, info.max_tf);
  PutVarint32(&entries_, info.min_length);
  PutVarint64(&entries_, info.postings_offset);
  PutVarint64(&entries_, info.postings_size);
  PutVarint64(&entries_, info.positions_offset);
  PutVarint64(&entries_, info.positions_size);
}

std::string TermDictionaryEncoder::Finish() const {
  std::string body;
  PutFixed32(&body, static_cast<uint32_t>(offsets_.size()));
  PutFixed32(&body, 0);
  for (uint32_t offset : offsets_) PutFixed32(&body, offset);
  body.append(entries_);
  return body;
}

}  // namespace syndex
