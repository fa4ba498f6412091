#include "common/stored_text.h"

#include <zstd.h>

#include <algorithm>

#include "common/coding.h"
#include "common/format.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

absl::StatusOr<std::unique_ptr<StoredText>> StoredText::Open(std::unique_ptr<MappedFile> file) {
  std::unique_ptr<StoredText> stored(new StoredText(std::move(file)));
  const MappedFile& f = *stored->file_;
  std::string_view body = f.body();
  if (body.size() < format::kStoredTextSuffixSize) return f.Corruption(0, "stored text truncated");
  const char* suffix = body.data() + body.size() - format::kStoredTextSuffixSize;
  stored->entry_count_ = DecodeFixed32(suffix);
  stored->block_count_ = DecodeFixed32(suffix + 4);
  const uint64_t table = uint64_t{stored->block_count_} * format::kStoredBlockRecordSize;
  if (table + format::kStoredTextSuffixSize > body.size()) {
    return f.Corruption(body.size() - 4, "block count does not fit");
  }
  const size_t table_offset = body.size() - format::kStoredTextSuffixSize - table;
  stored->records_ = body.data() + table_offset;
  stored->blocks_ = body.substr(0, table_offset);
  for (uint32_t b = 0; b < stored->block_count_; ++b) {
    if (!stored->BlockRecordValid(b)) {
      return f.Corruption(table_offset + size_t{b} * format::kStoredBlockRecordSize,
                          StrCat("stored text block ", b, " record is malformed"));
    }
  }
  if (stored->entry_count_ > 0 && stored->block_count_ == 0) {
    return f.Corruption(0, "entries but no blocks");
  }
  return stored;
}

bool StoredText::BlockRecordValid(uint32_t b) const {
  const BlockRecord r = Block(b);
  const bool first_entry_ascends =
      b == 0 ? r.first_entry == 0 : r.first_entry > Block(b - 1).first_entry;
  const char* reserved = records_ + size_t{b} * format::kStoredBlockRecordSize + 20;
  return r.offset <= blocks_.size() && r.compressed_size <= blocks_.size() - r.offset &&
         r.first_entry < entry_count_ && first_entry_ascends && DecodeFixed32(reserved) == 0;
}

size_t StoredText::RecordOffset(uint32_t block) const {
  return blocks_.size() + size_t{block} * format::kStoredBlockRecordSize;
}

StoredText::BlockRecord StoredText::Block(uint32_t index) const {
  const char* p = records_ + size_t{index} * format::kStoredBlockRecordSize;
  return {DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed64(p + 8), DecodeFixed32(p + 16)};
}

std::string_view StoredText::CompressedBlock(uint32_t index) const {
  const BlockRecord r = Block(index);
  return blocks_.substr(r.offset, r.compressed_size);
}

uint32_t StoredText::BlockEnd(uint32_t block) const {
  return block + 1 < block_count_ ? Block(block + 1).first_entry : entry_count_;
}

uint32_t StoredText::BlockOf(uint32_t entry) const {
  uint32_t lo = 0, hi = block_count_;  // last block with first_entry <= entry
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Block(mid).first_entry <= entry)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

absl::StatusOr<std::string> StoredText::Decompress(uint32_t block) const {
  const BlockRecord r = Block(block);
  const std::string_view compressed = CompressedBlock(block);
  // Check the frame's own size before allocating what the record claims.
  if (ZSTD_getFrameContentSize(compressed.data(), compressed.size()) != r.raw_size) {
    return file_->Corruption(
        RecordOffset(block),
        StrCat("stored text block ", block, " does not decompress to the size its record gives"));
  }
  std::string raw(r.raw_size, '\0');
  const size_t n = ZSTD_decompress(raw.data(), raw.size(), compressed.data(), compressed.size());
  if (ZSTD_isError(n) || n != r.raw_size) {
    return file_->Corruption(RecordOffset(block),
                             StrCat("stored text block ", block, " does not decompress"));
  }
  return raw;
}

absl::Status StoredText::ReadBlock(uint32_t block, std::string* raw,
                                   std::vector<std::string_view>* entries) const {
  ASSIGN_OR_RETURN(*raw, Decompress(block));
  entries->clear();
  ByteReader in(*raw);
  std::string_view text;
  for (uint32_t e = Block(block).first_entry; e < BlockEnd(block); ++e) {
    if (!in.ReadLengthPrefixed(&text)) {
      return file_->Corruption(RecordOffset(block),
                               StrCat("stored text block ", block, " lacks entry ", e));
    }
    entries->push_back(text);
  }
  if (!in.empty()) {
    return file_->Corruption(RecordOffset(block),
                             StrCat("stored text block ", block, " has extra bytes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> StoredText::Get(uint32_t entry) const {
  if (entry >= entry_count_) return absl::OutOfRangeError(StrCat("no stored entry ", entry));
  const uint32_t block = BlockOf(entry);
  std::string raw;
  std::vector<std::string_view> entries;
  RETURN_IF_ERROR(ReadBlock(block, &raw, &entries));
  return std::string(entries[entry - Block(block).first_entry]);
}

absl::Status StoredText::Verify() const {
  std::string raw;
  std::vector<std::string_view> entries;
  for (uint32_t b = 0; b < block_count_; ++b) RETURN_IF_ERROR(ReadBlock(b, &raw, &entries));
  return absl::OkStatus();
}

StoredTextEncoder::StoredTextEncoder(FileWriter* out) : out_(out), context_(ZSTD_createCCtx()) {}

StoredTextEncoder::~StoredTextEncoder() { ZSTD_freeCCtx(context_); }

absl::Status StoredTextEncoder::Add(std::string_view text) {
  PutLengthPrefixed(&open_block_, text);
  ++open_block_entries_;
  if (open_block_.size() >= format::kStoredBlockTargetBytes) return CloseBlock();
  return absl::OkStatus();
}

absl::Status StoredTextEncoder::CloseBlock() {
  if (open_block_entries_ == 0) return absl::OkStatus();
  StoredText::BlockRecord record;
  record.first_entry = entry_count_;
  record.raw_size = static_cast<uint32_t>(open_block_.size());
  record.offset = out_->body_size();
  if (context_ == nullptr) {
    return absl::ResourceExhaustedError("cannot compress stored text: no memory for zstd");
  }
  compressed_.resize(ZSTD_compressBound(open_block_.size()));
  const size_t n = ZSTD_compressCCtx(context_, compressed_.data(), compressed_.size(),
                                     open_block_.data(), open_block_.size(), format::kZstdLevel);
  // Compression into a buffer of ZSTD_compressBound bytes cannot fail,
  // except for want of memory for the context.
  if (ZSTD_isError(n)) {
    return absl::ResourceExhaustedError(
        StrCat("cannot compress stored text: ", ZSTD_getErrorName(n)));
  }
  record.compressed_size = static_cast<uint32_t>(n);
  RETURN_IF_ERROR(out_->Append(std::string_view(compressed_.data(), n)));
  blocks_.push_back(record);
  entry_count_ += open_block_entries_;
  open_block_entries_ = 0;
  open_block_.clear();
  return absl::OkStatus();
}

absl::Status StoredTextEncoder::AppendBlock(const StoredText& source, uint32_t block) {
  RETURN_IF_ERROR(CloseBlock());
  StoredText::BlockRecord record = source.Block(block);
  const uint32_t entries = source.BlockEnd(block) - record.first_entry;
  record.first_entry = entry_count_;
  record.offset = out_->body_size();
  RETURN_IF_ERROR(out_->Append(source.CompressedBlock(block)));
  blocks_.push_back(record);
  entry_count_ += entries;
  return absl::OkStatus();
}

absl::Status StoredTextEncoder::Finish() {
  RETURN_IF_ERROR(CloseBlock());
  std::string tail;
  for (const StoredText::BlockRecord& r : blocks_) {
    PutFixed32(&tail, r.first_entry);
    PutFixed32(&tail, r.raw_size);
    PutFixed64(&tail, r.offset);
    PutFixed32(&tail, r.compressed_size);
    PutFixed32(&tail, 0);
  }
  PutFixed32(&tail, entry_count_);
  PutFixed32(&tail, static_cast<uint32_t>(blocks_.size()));
  return out_->Append(tail);
}

}  // namespace syndex
