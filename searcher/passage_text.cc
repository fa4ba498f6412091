#include "searcher/passage_text.h"

#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

absl::StatusOr<std::string_view> PassageTextReader::Text(PassageId passage) {
  const PassageRecord record = segment_.passages().Get(passage);
  if (record.is_title()) return TitleRange(passage);
  // A body passage may repeat a title: its content then holds no entry.
  const PassageId content = segment_.passages().ContentOf(passage);
  if (segment_.passages().Get(content).is_title()) return TitleRange(content);
  return Entry(content);
}

std::string_view PassageTextReader::TitleRange(PassageId passage) const {
  const PassageRecord record = segment_.passages().Get(passage);
  const std::string_view title = segment_.documents().Meta(record.doc).title;
  if (record.start > record.end || record.end > title.size()) return {};
  return title.substr(record.start, record.end - record.start);
}

absl::StatusOr<std::string_view> PassageTextReader::Entry(uint32_t entry) {
  const StoredText& stored = segment_.stored_text();
  if (entry >= stored.size()) {
    return absl::DataLossError(StrCat(stored.file().path(), ": no stored text for passage ", entry,
                                      " (", stored.size(), " entries)"));
  }
  const uint32_t index = BlockOf(entry);
  auto cached = cache_.begin();
  while (cached != cache_.end() && cached->index != index) ++cached;
  if (cached == cache_.end()) {
    if (cache_.size() == kCachedBlocks) cache_.pop_back();
    // Read in place: the entries view the block's own string, which a move
    // could relocate (short strings live inside the object).
    Block& block = cache_.emplace_front();
    block.index = index;
    if (absl::Status read = stored.ReadBlock(index, &block.raw, &block.entries); !read.ok()) {
      cache_.pop_front();
      return read;
    }
    ++blocks_read_;
    cached = cache_.begin();
  }
  return cached->entries[entry - stored.Block(index).first_entry];
}

uint32_t PassageTextReader::BlockOf(uint32_t entry) const {
  const StoredText& stored = segment_.stored_text();
  uint32_t lo = 0, hi = stored.block_count();
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (stored.BlockEnd(mid) > entry) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

}  // namespace syndex
