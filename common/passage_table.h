// File: common/passage_table.h
//
// The passage table of one segment (.psg). A passage is one occurrence of a
// text in a document: its document, its byte range in the document's text
// (or title), its length in tokens and its flags. Passages whose texts are
// equal (copies) or near-duplicates form a *group*: the table lists each
// group's members with the passage holding each member's text (its
// content), and how many outlets carried the group. Fixed-width records,
// so a lookup is one multiplication.
//
// Scoring reads a passage's length and boilerplate flag for every posting
// it scores, in passage order but far apart: through the 20-byte records
// that is a cache miss a posting. Open() therefore copies the two into
// dense columns (2 bytes and 1 bit a passage, 2 MB for a million
// passages) that stay in cache; LengthOf() and IsBoilerplate() read them.
//
// Example:
//   PassageRecord p = table->Get(passage_id);
//   for (GroupMember m : table->Members(p.group)) Use(m.passage, m.content);
#ifndef SYNDEX_COMMON_PASSAGE_TABLE_H_
#define SYNDEX_COMMON_PASSAGE_TABLE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/types.h"

namespace syndex {

struct PassageRecord {
  DocId doc = 0;
  uint32_t start = 0;      // byte range [start, end) in the text, or in the
  uint32_t end = 0;        // title if flags has format::kPassageIsTitle
  uint16_t length = 0;     // tokens
  uint8_t flags = 0;       // format::kPassage*
  uint8_t line_words = 0;  // tokens on its longest line, at most 255
  uint32_t group = format::kNoGroup;

  bool is_title() const { return (flags & format::kPassageIsTitle) != 0; }
  bool is_copy() const { return (flags & format::kPassageIsCopy) != 0; }
  bool is_boilerplate() const { return (flags & format::kPassageBoilerplate) != 0; }
};

struct PassageGroup {
  uint32_t first_member = 0;  // index of its first member
  uint32_t member_count = 0;
  uint32_t outlet_count = 0;  // distinct outlets among its members' documents
};

struct GroupMember {
  PassageId passage = 0;
  PassageId content = 0;  // the passage whose entry holds the text
};

// Everything a passage table holds, for writing one.
struct PassageTableContents {
  std::vector<PassageRecord> records;
  std::vector<PassageGroup> groups;
  std::vector<GroupMember> members;
};

// The encoded body of a table.
std::string EncodePassageTable(const PassageTableContents& contents);

// Immutable; safe for concurrent readers.
class PassageTable {
 public:
  // Checks the three areas have exactly the announced sizes.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PassageTable>> Open(
      std::unique_ptr<MappedFile> file);

  uint32_t size() const { return count_; }
  // REQUIRES: id < size().
  PassageRecord Get(PassageId id) const;
  // Get(id).length and Get(id).is_boilerplate(), from the dense columns.
  // REQUIRES: id < size().
  uint16_t LengthOf(PassageId id) const { return lengths_[id]; }
  bool IsBoilerplate(PassageId id) const { return (boilerplate_[id >> 6] >> (id & 63)) & 1; }

  uint32_t group_count() const { return group_count_; }
  uint32_t member_count() const { return member_count_; }
  // REQUIRES: group < group_count().
  PassageGroup Group(uint32_t group) const;
  // REQUIRES: index < member_count().
  GroupMember Member(uint32_t index) const;
  // The members of `group`, by passage. Empty for format::kNoGroup.
  std::vector<GroupMember> Members(uint32_t group) const;

  // The passage holding the text of passage `id`: itself unless it is a
  // copy. REQUIRES: id < size(); the table verified.
  PassageId ContentOf(PassageId id) const;

  // Checks every record (document ids non-decreasing and below doc_count,
  // start <= end, no unknown flags, groups in range) and every group (members
  // in range, ascending, each naming its group, contents that are not copies;
  // as many members as records naming the group).
  [[nodiscard]] absl::Status Verify(uint32_t doc_count) const;
  const MappedFile& file() const { return *file_; }

 private:
  explicit PassageTable(std::unique_ptr<MappedFile> file) : file_(std::move(file)) {}
  absl::Status VerifyGroup(uint32_t group) const;
  size_t GroupOffset(uint32_t group) const;
  void FillColumns();

  std::unique_ptr<MappedFile> file_;
  uint32_t count_ = 0;
  uint32_t group_count_ = 0;
  uint32_t member_count_ = 0;
  const char* records_ = nullptr;
  const char* groups_ = nullptr;
  const char* members_ = nullptr;
  std::vector<uint16_t> lengths_;      // by passage
  std::vector<uint64_t> boilerplate_;  // bit id of word id / 64
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_PASSAGE_TABLE_H_
