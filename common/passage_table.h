// File: common/passage_table.h
//
// The passage table of one segment (.psg): for each passage, its document,
// its byte range in the document's text (or title), its length in tokens
// and its flags. Fixed-width records, so a lookup is one multiplication.
//
// Example:
//   PassageRecord p = table->Get(passage_id);
//   std::string_view text = doc_text.substr(p.start, p.end - p.start);
#ifndef SYNDEX_COMMON_PASSAGE_TABLE_H_
#define SYNDEX_COMMON_PASSAGE_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/types.h"

namespace syndex {

struct PassageRecord {
  DocId doc = 0;
  uint32_t start = 0;   // byte range [start, end) in the text, or in the
  uint32_t end = 0;     // title if flags has format::kPassageIsTitle
  uint16_t length = 0;  // tokens
  uint16_t flags = 0;

  bool is_title() const { return (flags & format::kPassageIsTitle) != 0; }
};

// Appends the fixed-width encoding of `record` to *out.
void AppendPassageRecord(const PassageRecord& record, std::string* out);
// The body prefix of a table of `count` passages.
std::string EncodePassageTablePrefix(uint32_t count);

// Immutable; safe for concurrent readers.
class PassageTable {
 public:
  // Checks the record area has exactly the announced size.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PassageTable>> Open(
      std::unique_ptr<MappedFile> file);

  uint32_t size() const { return count_; }
  // REQUIRES: id < size().
  PassageRecord Get(PassageId id) const;

  // Checks every record: document ids non-decreasing and below doc_count,
  // start <= end, no unknown flags.
  [[nodiscard]] absl::Status Verify(uint32_t doc_count) const;
  const MappedFile& file() const { return *file_; }

 private:
  explicit PassageTable(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}
  std::unique_ptr<MappedFile> file_;
  uint32_t count_ = 0;
  const char* records_ = nullptr;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_PASSAGE_TABLE_H_
