#include "common/segment.h"

#include <algorithm>

#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

std::string Segment::FilePath(const std::string& dir, std::string_view name,
                              format::FileKind kind) {
  return StrCat(dir, "/", name, format::Extension(kind));
}

absl::StatusOr<std::unique_ptr<Segment>> Segment::Open(const std::string& dir,
                                                       const SegmentInfo& info,
                                                       MappedFile::OpenOptions options) {
  using format::FileKind;
  auto open = [&](FileKind kind) {
    return MappedFile::Open(FilePath(dir, info.name, kind), kind, options);
  };
  std::unique_ptr<Segment> segment(new Segment());
  segment->info_ = info;
  ASSIGN_OR_RETURN(auto dict_file, open(FileKind::kDictionary));
  ASSIGN_OR_RETURN(segment->dictionary_, TermDictionary::Open(std::move(dict_file)));
  ASSIGN_OR_RETURN(segment->postings_, open(FileKind::kPostings));
  ASSIGN_OR_RETURN(segment->positions_, open(FileKind::kPositions));
  ASSIGN_OR_RETURN(auto passage_file, open(FileKind::kPassages));
  ASSIGN_OR_RETURN(segment->passages_, PassageTable::Open(std::move(passage_file)));
  ASSIGN_OR_RETURN(auto document_file, open(FileKind::kDocuments));
  ASSIGN_OR_RETURN(segment->documents_, DocumentTable::Open(std::move(document_file)));
  ASSIGN_OR_RETURN(auto text_file, open(FileKind::kStoredText));
  ASSIGN_OR_RETURN(segment->stored_text_, StoredText::Open(std::move(text_file)));
  ASSIGN_OR_RETURN(auto sketch_file, open(FileKind::kSketches));
  ASSIGN_OR_RETURN(segment->sketches_, SketchTable::Open(std::move(sketch_file)));
  RETURN_IF_ERROR(segment->CheckCounts());
  RETURN_IF_ERROR(segment->CheckReferences());
  if (!options.verify_checksum) RETURN_IF_ERROR(segment->CheckTables());
  RETURN_IF_ERROR(segment->OpenDeletions(dir, options));
  return segment;
}

absl::Status Segment::OpenDeletions(const std::string& dir, MappedFile::OpenOptions options) {
  if (info_.deleted_count == 0) return absl::OkStatus();
  ASSIGN_OR_RETURN(
      deletions_file_,
      MappedFile::Open(StrCat(dir, "/", DeletionsFileName(info_.name, info_.deletions_generation)),
                       format::FileKind::kDeletions, options));
  ASSIGN_OR_RETURN(deletions_, DecodeDeletions(*deletions_file_, info_.doc_count));
  if (deletions_.deleted_count() != info_.deleted_count) {
    return deletions_file_->Corruption(
        4, StrCat(deletions_.deleted_count(), " documents deleted, the manifest says ",
                  info_.deleted_count));
  }
  // Searching asks about passages, many times a query: a bit each.
  deleted_passages_.assign((size_t{passages_->size()} + 63) / 64, 0);
  for (DocId d = 0; d < documents_->size(); ++d) {
    if (!deletions_.Contains(d)) continue;
    const DocumentRecord r = documents_->Get(d);
    for (PassageId p = r.first_passage; p < r.first_passage + r.passage_count; ++p) {
      if (p < passages_->size()) deleted_passages_[p >> 6] |= uint64_t{1} << (p & 63);
    }
  }
  return absl::OkStatus();
}

absl::Status Segment::CheckTables() const {
  RETURN_IF_ERROR(passages_->Verify(documents_->size()));
  RETURN_IF_ERROR(documents_->Verify(passages_->size()));
  return VerifyPassageDocuments();
}

absl::Status Segment::VerifyPassageDocuments() const {
  for (DocId d = 0; d < documents_->size(); ++d) {
    const DocumentRecord r = documents_->Get(d);
    for (PassageId p = r.first_passage; p < r.first_passage + r.passage_count; ++p) {
      if (passages_->Get(p).doc != d) {
        return passages_->file().Corruption(
            format::kPassagePrefixSize + size_t{p} * format::kPassageRecordSize,
            StrCat("passage ", p, " names document ", passages_->Get(p).doc, ", but document ", d,
                   " holds it"));
      }
    }
  }
  return absl::OkStatus();
}

uint32_t Segment::GroupOutletCount(uint32_t group) const {
  if (!has_deletions()) return passages_->Group(group).outlet_count;
  // As the merge counts them (passage_groups.h): documents without an
  // outlet count as one outlet together.
  std::vector<uint32_t> outlets;
  for (const GroupMember& m : passages_->Members(group)) {
    if (IsPassageDeleted(m.passage)) continue;
    outlets.push_back(documents_->Get(passages_->Get(m.passage).doc).outlet);
  }
  std::sort(outlets.begin(), outlets.end());
  return static_cast<uint32_t>(std::unique(outlets.begin(), outlets.end()) - outlets.begin());
}

absl::Status Segment::CheckCounts() const {
  if (passages_->size() != info_.passage_count || documents_->size() != info_.doc_count ||
      stored_text_->size() != info_.passage_count ||
      sketches_->passage_count() != info_.passage_count ||
      sketches_->document_count() != info_.doc_count) {
    return absl::DataLossError(StrCat(
        "segment ", info_.name, ": files disagree with the manifest (documents: manifest ",
        info_.doc_count, ", table ", documents_->size(), ", sketches ", sketches_->document_count(),
        "; passages: manifest ", info_.passage_count, ", table ", passages_->size(), ", text ",
        stored_text_->size(), ", sketches ", sketches_->passage_count(), ")"));
  }
  return absl::OkStatus();
}

absl::Status Segment::CheckReferences() const {
  const uint32_t passage_count = passages_->size();
  const uint32_t doc_count = documents_->size();
  PassageId next = 0;
  for (DocId d = 0; d < doc_count; ++d) {
    const DocumentRecord r = documents_->Get(d);
    auto fail = [&](std::string_view what) {
      return documents_->file().Corruption(
          format::kDocumentPrefixSize + size_t{d} * format::kDocumentRecordSize,
          StrCat("document ", d, ": ", what));
    };
    if (r.first_passage != next || r.passage_count == 0 ||
        r.passage_count > passage_count - next) {
      return fail("passages not contiguous or beyond the passage table");
    }
    if (r.canonical >= doc_count || r.cluster >= doc_count ||
        (r.next_in_cluster != format::kNoDocument &&
         (r.next_in_cluster <= d || r.next_in_cluster >= doc_count))) {
      return fail("duplicate links out of range");
    }
    for (PassageId p = next; p < next + r.passage_count; ++p) {
      const PassageRecord passage = passages_->Get(p);
      if (passage.doc != d ||
          (passage.group != format::kNoGroup && passage.group >= passages_->group_count())) {
        return passages_->file().Corruption(
            format::kPassagePrefixSize + size_t{p} * format::kPassageRecordSize,
            StrCat("passage ", p, ": document ", passage.doc, " (it is in document ", d,
                   ") or group ", passage.group, " out of place"));
      }
    }
    next += r.passage_count;
  }
  if (next != passage_count) {
    return documents_->file().Corruption(
        0, StrCat("documents cover ", next, " passages, the passage table has ", passage_count));
  }
  const uint32_t member_count = passages_->member_count();
  for (uint32_t g = 0; g < passages_->group_count(); ++g) {
    const PassageGroup group = passages_->Group(g);
    if (group.first_member > member_count || group.member_count > member_count - group.first_member) {
      return passages_->file().Corruption(
          format::kPassagePrefixSize + size_t{passage_count} * format::kPassageRecordSize +
              size_t{g} * format::kGroupRecordSize,
          StrCat("passage group ", g, ": members out of range"));
    }
  }
  for (uint32_t i = 0; i < member_count; ++i) {
    const GroupMember m = passages_->Member(i);
    if (m.passage >= passage_count || m.content >= passage_count) {
      return passages_->file().Corruption(
          format::kPassagePrefixSize + size_t{passage_count} * format::kPassageRecordSize +
              size_t{passages_->group_count()} * format::kGroupRecordSize +
              size_t{i} * format::kGroupMemberSize,
          StrCat("group member ", i, ": passage out of range"));
    }
  }
  return absl::OkStatus();
}

absl::Status Segment::VerifyContents() const {
  uint32_t contents = 0;
  uint64_t tokens = 0;
  for (PassageId p = 0; p < passages_->size(); ++p) {
    const PassageRecord r = passages_->Get(p);
    if (r.is_copy()) continue;
    ++contents;
    tokens += r.length;
  }
  if (contents != info_.content_count || tokens != info_.content_token_count) {
    return absl::DataLossError(StrCat(
        "segment ", info_.name, ": ", contents, " distinct passages of ", tokens,
        " tokens, the manifest says ", info_.content_count, " of ", info_.content_token_count));
  }
  return absl::OkStatus();
}

absl::Status Segment::VerifyPostings(const DictionaryEntry& entry, size_t index) const {
  const bool body = format::IsPassageField(entry.field);
  const uint32_t id_limit = body ? passages_->size() : documents_->size();
  // Names the entry, and where it says the list is, so that damage in
  // .post or .pos is located to the list.
  auto fail = [&](std::string_view what) {
    const TermInfo& t = entry.info;
    std::string where = StrCat("; the list: ", postings_->path(), ": bytes [",
                               format::kHeaderSize + t.postings_offset, ", ",
                               format::kHeaderSize + t.postings_offset + t.postings_size, ")");
    if (t.positions_size > 0) {
      StrAppend(&where, "; its positions: ", positions_->path(), ": bytes [",
                format::kHeaderSize + t.positions_offset, ", ",
                format::kHeaderSize + t.positions_offset + t.positions_size, ")");
    }
    return dictionary_->file().Corruption(
        format::kDictionaryPrefixSize + 4 * index,
        StrCat("postings of term ", index, " (", entry.term, "): ", what, where));
  };
  if (body != (entry.info.positions_size > 0)) return fail("positions present in the wrong field");
  PostingsCursor cursor = Cursor(entry.info);
  uint32_t count = 0, contents = 0;
  uint64_t total = 0;
  uint32_t previous = 0;
  for (; cursor.id() != kEndId; cursor.Next(), ++count) {
    if (cursor.id() >= id_limit || (count > 0 && cursor.id() <= previous)) {
      return fail(StrCat("id ", cursor.id(), " out of order or range"));
    }
    if (cursor.tf() > entry.info.max_tf) return fail("term frequency above the recorded maximum");
    total += cursor.tf();
    previous = cursor.id();
    // Title and outlet postings are written with unit length 0.
    const PassageRecord record = body ? passages_->Get(cursor.id()) : PassageRecord{};
    const uint32_t length = record.length;
    if (!cursor.block_impacts().Covers(cursor.tf(), length)) {
      return fail(StrCat("unit ", cursor.id(), " (tf ", cursor.tf(), ", length ", length,
                         ") outside its block's impacts"));
    }
    if (!body) {
      ++contents;
      continue;
    }
    contents += !record.is_copy();
    const std::span<const Position> positions = cursor.Positions();
    for (size_t k = 0; k < positions.size(); ++k) {
      if (positions[k] >= length || (k > 0 && positions[k] <= positions[k - 1])) {
        return fail(StrCat("position ", positions[k], " out of order or beyond the passage"));
      }
    }
  }
  if (cursor.corrupt()) return fail("bytes do not decode");
  if (count != entry.info.doc_freq || total != entry.info.total_freq ||
      contents != entry.info.content_freq) {
    return fail("counts disagree with the dictionary");
  }
  return absl::OkStatus();
}

void Segment::ReleaseMemory() const {
  dictionary_->file().ReleaseMemory();
  postings_->ReleaseMemory();
  positions_->ReleaseMemory();
  passages_->file().ReleaseMemory();
  documents_->file().ReleaseMemory();
  stored_text_->file().ReleaseMemory();
  sketches_->file().ReleaseMemory();
}

absl::Status Segment::Verify() const {
  RETURN_IF_ERROR(CheckCounts());
  RETURN_IF_ERROR(dictionary_->Verify());
  for (size_t i = 0; i < dictionary_->size(); ++i) {
    RETURN_IF_ERROR(VerifyPostings(dictionary_->Entry(i), i));
  }
  RETURN_IF_ERROR(CheckTables());
  RETURN_IF_ERROR(VerifyContents());
  RETURN_IF_ERROR(sketches_->Verify());
  return VerifyStoredText();
}

absl::Status Segment::VerifyStoredText() const {
  std::string raw;
  std::vector<std::string_view> entries;
  for (uint32_t b = 0; b < stored_text_->block_count(); ++b) {
    RETURN_IF_ERROR(stored_text_->ReadBlock(b, &raw, &entries));
    const PassageId first = stored_text_->Block(b).first_entry;
    for (uint32_t k = 0; k < entries.size(); ++k) {
      const PassageRecord r = passages_->Get(first + k);
      if ((r.is_copy() || r.is_title()) && !entries[k].empty()) {
        return absl::DataLossError(
            StrCat(Segment::FilePath("", info_.name, format::FileKind::kStoredText).substr(1),
                   ": stored text block ", b, " holds text for passage ", first + k,
                   ", whose text is stored elsewhere"));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace syndex
