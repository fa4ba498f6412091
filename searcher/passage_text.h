// File: searcher/passage_text.h
//
// The texts of passages of one segment, for display. A title passage's text
// is a range of its document's title; any other passage's text is the
// stored-text entry of its content (the passage holding its text: itself,
// or for a copy the earlier passage it repeats). Stored text is compressed
// in blocks, so the reader keeps the last few blocks it decompressed: the
// passages of one document, or the contents of one group read in id order,
// cost one decompression a block rather than one an entry.
//
// Example:
//   PassageTextReader texts(segment);
//   ASSIGN_OR_RETURN(std::string_view text, texts.Text(passage));
#ifndef SYNDEX_SEARCHER_PASSAGE_TEXT_H_
#define SYNDEX_SEARCHER_PASSAGE_TEXT_H_

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "common/segment.h"
#include "common/types.h"

namespace syndex {

// Not thread-safe; cheap to create (one per result is fine).
class PassageTextReader {
 public:
  explicit PassageTextReader(const Segment& segment) : segment_(segment) {}

  // The text of passage `passage` (REQUIRES: below passages().size()),
  // valid until the next call. Empty if a title range lies outside the
  // title; DataLoss if the stored text is damaged.
  [[nodiscard]] absl::StatusOr<std::string_view> Text(PassageId passage);

  // Blocks decompressed so far (for tests).
  size_t blocks_read() const { return blocks_read_; }

 private:
  struct Block {
    uint32_t index = 0;
    std::string raw;
    std::vector<std::string_view> entries;  // views into raw
  };
  // How many decompressed blocks are kept (about 64 KiB each).
  static constexpr size_t kCachedBlocks = 4;

  std::string_view TitleRange(PassageId passage) const;
  absl::StatusOr<std::string_view> Entry(uint32_t entry);
  // The block holding `entry`: the first whose entries end after it.
  uint32_t BlockOf(uint32_t entry) const;

  const Segment& segment_;
  std::deque<Block> cache_;  // the most recently decompressed first
  size_t blocks_read_ = 0;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_PASSAGE_TEXT_H_
