#include "common/passage_table.h"

#include "common/coding.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

std::string EncodePassageTable(const PassageTableContents& contents) {
  std::string out;
  out.reserve(format::kPassagePrefixSize + contents.records.size() * format::kPassageRecordSize +
              contents.groups.size() * format::kGroupRecordSize +
              contents.members.size() * format::kGroupMemberSize);
  PutFixed32(&out, static_cast<uint32_t>(contents.records.size()));
  PutFixed32(&out, static_cast<uint32_t>(contents.groups.size()));
  PutFixed32(&out, static_cast<uint32_t>(contents.members.size()));
  PutFixed32(&out, 0);
  for (const PassageRecord& r : contents.records) {
    PutFixed32(&out, r.doc);
    PutFixed32(&out, r.start);
    PutFixed32(&out, r.end);
    PutFixed16(&out, r.length);
    out.push_back(static_cast<char>(r.flags));
    out.push_back(static_cast<char>(r.line_words));
    PutFixed32(&out, r.group);
  }
  for (const PassageGroup& g : contents.groups) {
    PutFixed32(&out, g.first_member);
    PutFixed32(&out, g.member_count);
    PutFixed32(&out, g.outlet_count);
  }
  for (const GroupMember& m : contents.members) {
    PutFixed32(&out, m.passage);
    PutFixed32(&out, m.content);
  }
  return out;
}

absl::StatusOr<std::unique_ptr<PassageTable>> PassageTable::Open(std::unique_ptr<MappedFile> file) {
  std::unique_ptr<PassageTable> table(new PassageTable(std::move(file)));
  const MappedFile& f = *table->file_;
  std::string_view body = f.body();
  if (body.size() < format::kPassagePrefixSize) return f.Corruption(0, "passage table truncated");
  table->count_ = DecodeFixed32(body.data());
  table->group_count_ = DecodeFixed32(body.data() + 4);
  table->member_count_ = DecodeFixed32(body.data() + 8);
  if (DecodeFixed32(body.data() + 12) != 0) return f.Corruption(12, "reserved bytes not zero");
  const uint64_t records = uint64_t{table->count_} * format::kPassageRecordSize;
  const uint64_t groups = uint64_t{table->group_count_} * format::kGroupRecordSize;
  const uint64_t members = uint64_t{table->member_count_} * format::kGroupMemberSize;
  const uint64_t expected = format::kPassagePrefixSize + records + groups + members;
  if (expected != body.size()) {
    return f.Corruption(0, StrCat(table->count_, " passages, ", table->group_count_, " groups and ",
                                  table->member_count_, " members need ", expected,
                                  " bytes, body has ", body.size()));
  }
  table->records_ = body.data() + format::kPassagePrefixSize;
  table->groups_ = table->records_ + records;
  table->members_ = table->groups_ + groups;
  table->FillColumns();
  return table;
}

void PassageTable::FillColumns() {
  lengths_.resize(count_);
  boilerplate_.assign((size_t{count_} + 63) / 64, 0);
  for (PassageId id = 0; id < count_; ++id) {
    const char* p = records_ + size_t{id} * format::kPassageRecordSize;
    lengths_[id] = DecodeFixed16(p + 12);
    if (static_cast<uint8_t>(p[14]) & format::kPassageBoilerplate) {
      boilerplate_[id >> 6] |= uint64_t{1} << (id & 63);
    }
  }
}

PassageRecord PassageTable::Get(PassageId id) const {
  const char* p = records_ + size_t{id} * format::kPassageRecordSize;
  PassageRecord r;
  r.doc = DecodeFixed32(p);
  r.start = DecodeFixed32(p + 4);
  r.end = DecodeFixed32(p + 8);
  r.length = DecodeFixed16(p + 12);
  r.flags = static_cast<uint8_t>(p[14]);
  r.line_words = static_cast<uint8_t>(p[15]);
  r.group = DecodeFixed32(p + 16);
  return r;
}

PassageGroup PassageTable::Group(uint32_t group) const {
  const char* p = groups_ + size_t{group} * format::kGroupRecordSize;
  return {DecodeFixed32(p), DecodeFixed32(p + 4), DecodeFixed32(p + 8)};
}

GroupMember PassageTable::Member(uint32_t index) const {
  const char* p = members_ + size_t{index} * format::kGroupMemberSize;
  return {DecodeFixed32(p), DecodeFixed32(p + 4)};
}

std::vector<GroupMember> PassageTable::Members(uint32_t group) const {
  std::vector<GroupMember> members;
  if (group >= group_count_) return members;
  const PassageGroup g = Group(group);
  members.reserve(g.member_count);
  for (uint32_t i = 0; i < g.member_count; ++i) members.push_back(Member(g.first_member + i));
  return members;
}

PassageId PassageTable::ContentOf(PassageId id) const {
  const PassageRecord r = Get(id);
  if (!r.is_copy() || r.group >= group_count_) return id;
  const PassageGroup g = Group(r.group);
  uint32_t lo = g.first_member, hi = g.first_member + g.member_count;  // binary search
  while (lo < hi) {
    const uint32_t mid = lo + (hi - lo) / 2;
    if (Member(mid).passage < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < g.first_member + g.member_count && Member(lo).passage == id ? Member(lo).content : id;
}

size_t PassageTable::GroupOffset(uint32_t group) const {
  return format::kPassagePrefixSize + size_t{count_} * format::kPassageRecordSize +
         size_t{group} * format::kGroupRecordSize;
}

absl::Status PassageTable::VerifyGroup(uint32_t group) const {
  const PassageGroup g = Group(group);
  auto fail = [&](std::string_view what) {
    return file_->Corruption(GroupOffset(group), StrCat("passage group ", group, ": ", what));
  };
  if (g.member_count < 2 || g.first_member > member_count_ ||
      g.member_count > member_count_ - g.first_member || g.outlet_count > g.member_count) {
    return fail("members out of range");
  }
  for (uint32_t i = 0; i < g.member_count; ++i) {
    const GroupMember m = Member(g.first_member + i);
    if (m.passage >= count_ || m.content >= count_ ||
        (i > 0 && m.passage <= Member(g.first_member + i - 1).passage)) {
      return fail(StrCat("member ", i, " out of order or range"));
    }
    const PassageRecord r = Get(m.passage);
    if (r.group != group || m.content > m.passage || Get(m.content).is_copy() ||
        Get(m.content).group != group || r.is_copy() != (m.content != m.passage)) {
      return fail(StrCat("member ", i, " (passage ", m.passage, ") disagrees with its record"));
    }
  }
  return absl::OkStatus();
}

absl::Status PassageTable::Verify(uint32_t doc_count) const {
  DocId previous = 0;
  std::vector<uint32_t> group_sizes(group_count_, 0);
  for (uint32_t i = 0; i < count_; ++i) {
    const PassageRecord r = Get(i);
    const size_t offset = format::kPassagePrefixSize + size_t{i} * format::kPassageRecordSize;
    if (r.doc >= doc_count || r.doc < previous) {
      return file_->Corruption(offset, StrCat("passage ", i, ": bad document ", r.doc));
    }
    const bool copy_without_group = r.is_copy() && r.group == format::kNoGroup;
    if (r.start > r.end || (r.flags & ~format::kPassageKnownFlags) != 0 || copy_without_group ||
        (r.group != format::kNoGroup && r.group >= group_count_)) {
      return file_->Corruption(offset, StrCat("passage ", i, ": malformed record"));
    }
    if (r.group != format::kNoGroup) ++group_sizes[r.group];
    previous = r.doc;
  }
  uint64_t members = 0;
  for (uint32_t g = 0; g < group_count_; ++g) {
    RETURN_IF_ERROR(VerifyGroup(g));
    if (group_sizes[g] != Group(g).member_count) {
      return file_->Corruption(
          GroupOffset(g), StrCat("passage group ", g, " has ", Group(g).member_count, " members, ",
                                 group_sizes[g], " passages name it"));
    }
    members += Group(g).member_count;
  }
  if (members != member_count_) {
    return file_->Corruption(8, "group sizes do not add up to the member count");
  }
  return absl::OkStatus();
}

}  // namespace syndex
