// File: common/stored_text.h
//
// The stored text of one segment (.txt), for snippets: one entry a passage
// (empty for copies and titles, whose text is stored elsewhere; see
// format.h). Entries are concatenated into blocks of about
// format::kStoredBlockTargetBytes and each block is compressed with zstd on
// its own, so fetching one entry decompresses one block. The block table
// follows the blocks, so the file is written in one streaming pass.
//
// Example:
//   ASSIGN_OR_RETURN(std::string text, stored->Get(passage));
#ifndef SYNDEX_COMMON_STORED_TEXT_H_
#define SYNDEX_COMMON_STORED_TEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/file_writer.h"
#include "common/mapped_file.h"
#include "common/types.h"

struct ZSTD_CCtx_s;

namespace syndex {

// Immutable; safe for concurrent readers.
class StoredText {
 public:
  struct BlockRecord {
    uint32_t first_entry = 0;
    uint32_t raw_size = 0;
    uint64_t offset = 0;
    uint32_t compressed_size = 0;
  };

  [[nodiscard]] static absl::StatusOr<std::unique_ptr<StoredText>> Open(
      std::unique_ptr<MappedFile> file);

  uint32_t size() const { return entry_count_; }
  uint32_t block_count() const { return block_count_; }
  BlockRecord Block(uint32_t index) const;
  // The compressed bytes of a block (for copying blocks when merging).
  std::string_view CompressedBlock(uint32_t index) const;

  // Entry `entry`. DataLoss naming the file and block if it does not
  // decompress or decode.
  [[nodiscard]] absl::StatusOr<std::string> Get(uint32_t entry) const;
  // Every entry of block `block`, in order, as views into *raw.
  [[nodiscard]] absl::Status ReadBlock(uint32_t block, std::string* raw,
                                       std::vector<std::string_view>* entries) const;
  // The entries of block `block`: [Block(block).first_entry, this).
  uint32_t BlockEnd(uint32_t block) const;
  // Decompresses every block and checks entry counts and sizes.
  [[nodiscard]] absl::Status Verify() const;
  const MappedFile& file() const { return *file_; }

 private:
  explicit StoredText(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}
  absl::StatusOr<std::string> Decompress(uint32_t block) const;
  bool BlockRecordValid(uint32_t block) const;
  // Body offset of a block's record, for error messages.
  size_t RecordOffset(uint32_t block) const;
  uint32_t BlockOf(uint32_t entry) const;

  std::unique_ptr<MappedFile> file_;
  uint32_t entry_count_ = 0;
  uint32_t block_count_ = 0;
  const char* records_ = nullptr;
  std::string_view blocks_;
};

// Writes a stored-text body to a FileWriter as blocks fill, so memory stays
// at one open block plus the block table. Not thread-safe.
class StoredTextEncoder {
 public:
  // `out` must outlive the encoder; the encoder writes the whole body.
  explicit StoredTextEncoder(FileWriter* out);
  ~StoredTextEncoder();
  StoredTextEncoder(const StoredTextEncoder&) = delete;
  StoredTextEncoder& operator=(const StoredTextEncoder&) = delete;

  [[nodiscard]] absl::Status Add(std::string_view text);
  // Appends block `block` of another segment unchanged, numbering its
  // entries after those added so far (closes the open block first).
  [[nodiscard]] absl::Status AppendBlock(const StoredText& source, uint32_t block);
  // Writes the block table and suffix. The caller then finishes the file.
  [[nodiscard]] absl::Status Finish();

 private:
  absl::Status CloseBlock();

  FileWriter* out_;
  uint32_t entry_count_ = 0;
  uint32_t open_block_entries_ = 0;
  std::string open_block_;
  std::string compressed_;  // scratch
  std::vector<StoredText::BlockRecord> blocks_;
  // One compression context for all blocks: ZSTD_compress makes and
  // initializes a new one for each (a tenth of compressing a 64 KiB block).
  ZSTD_CCtx_s* context_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_STORED_TEXT_H_
