// Damages the files of a real index one way at a time (truncation, flipped
// bits, zeroed ranges, missing files) and checks that VerifyIndex fails with
// a message naming the damaged file; each case restores the file after.
// Then damage behind a checksum made right, which Segment::Open must catch.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/coding.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/footer_checksum.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using format::FileKind;
using testing::Mentions;
using testing::ReadAllDocuments;
using testing::ReadFile;
using testing::WriteFile;
using testing_internal::ScratchDir;

// Puts a file's original bytes back when it goes out of scope, so that a
// failed expectation in one case does not spoil the next.
class RestoreOnExit {
 public:
  explicit RestoreOnExit(std::string path) : path_(std::move(path)), bytes_(ReadFile(path_)) {}
  ~RestoreOnExit() { WriteFile(path_, bytes_); }
  const std::string& original() const { return bytes_; }

 private:
  std::string path_;
  std::string bytes_;
};

// Offsets spread over a file of `size` bytes: the header fields, the start
// of the body, quarters, the footer's checksum and magic, the last byte.
std::vector<size_t> SpreadOffsets(size_t size) {
  constexpr size_t kHeader = format::kHeaderSize;
  // Header: magic, kind, version, reserved, its last byte; then the body's start.
  std::vector<size_t> offsets = {0, 3, 4, 6, 8, kHeader - 1, kHeader, kHeader + 1};
  offsets.insert(offsets.end(), {size / 4, size / 2, 3 * size / 4});
  // Footer: checksum, magic, last byte.
  offsets.insert(offsets.end(), {size - format::kFooterSize, size - 8, size - 1});
  std::mt19937 rng(static_cast<uint32_t>(size));
  for (int i = 0; i < 8; ++i) offsets.push_back(rng() % size);
  return offsets;
}

class CorruptionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    auto source = OpenDocumentSource(SYNDEX_SOURCE_DIR "/corpus", nullptr);
    ASSERT_TRUE(source.ok()) << source.status();
    auto docs = ReadAllDocuments(**source);
    ASSERT_TRUE(docs.ok()) << docs.status();
    auto writer = IndexWriter::Create(dir_->path(), IndexWriterOptions{});
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const RawDocument& doc : *docs) ASSERT_TRUE((*writer)->Add(doc).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(VerifyIndex(index()).ok())
        << "the index was left damaged: " << VerifyIndex(index());
    auto manifest = ReadManifest(index());
    ASSERT_TRUE(manifest.ok()) << manifest.status();
    ASSERT_EQ(manifest->segments.size(), 1u);
    segment_ = manifest->segments[0];
  }

  static const std::string& index() { return dir_->path(); }
  std::string PathOf(FileKind kind) const {
    return Segment::FilePath(index(), segment_.name, kind);
  }
  std::string manifest_path() const { return index() + "/" + std::string(format::kManifestName); }

  // Writes `bytes` to the segment's file of `kind` with its checksum made
  // right, opens the segment and returns the status of the open.
  absl::Status OpenWithRecomputedChecksum(FileKind kind, std::string bytes) const {
    testing::RecomputeFooterChecksum(&bytes);
    WriteFile(PathOf(kind), bytes);
    return Segment::Open(index(), segment_).status();
  }

  // VerifyIndex must fail with DataLoss or FailedPrecondition naming `path`.
  static void ExpectDamageReported(const std::string& path, const std::string& what) {
    const absl::Status status = VerifyIndex(index());
    EXPECT_TRUE(absl::IsDataLoss(status) || absl::IsFailedPrecondition(status))
        << what << ": " << status;
    EXPECT_TRUE(Mentions(status, path)) << what << ": " << status;
  }

  static ScratchDir* dir_;
  SegmentInfo segment_;
};

ScratchDir* CorruptionTest::dir_ = nullptr;

TEST_F(CorruptionTest, TruncatedFilesAreReported) {
  for (FileKind kind : format::kSegmentFileKinds) {
    const std::string path = PathOf(kind);
    RestoreOnExit restore(path);
    const size_t size = restore.original().size();
    for (size_t length : {size_t{0}, size_t{1}, format::kHeaderSize, format::kHeaderSize + 1,
                          size / 2, size - format::kFooterSize, size - 1}) {
      WriteFile(path, std::string_view(restore.original()).substr(0, length));
      ExpectDamageReported(path, StrCat("truncated to ", length));
    }
  }
}

TEST_F(CorruptionTest, FlippedBitsAreReported) {
  for (FileKind kind : format::kSegmentFileKinds) {
    const std::string path = PathOf(kind);
    RestoreOnExit restore(path);
    for (size_t offset : SpreadOffsets(restore.original().size())) {
      for (int bit : {0, 7}) {
        std::string damaged = restore.original();
        damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << bit));
        WriteFile(path, damaged);
        ExpectDamageReported(path, StrCat("bit ", bit, " of byte ", offset));
      }
    }
  }
}

TEST_F(CorruptionTest, ZeroedRangesAreReported) {
  for (FileKind kind : format::kSegmentFileKinds) {
    const std::string path = PathOf(kind);
    RestoreOnExit restore(path);
    const size_t size = restore.original().size();
    const std::pair<size_t, size_t> ranges[] = {
        {0, format::kHeaderSize},                                                 // header
        {format::kHeaderSize, std::min<size_t>(64, size - format::kHeaderSize)},  // body start
        {size / 2 - 8, 16},                                                       // middle
        {size - format::kFooterSize, format::kFooterSize},                        // footer
    };
    for (const auto& [begin, length] : ranges) {
      std::string damaged = restore.original();
      std::fill_n(damaged.begin() + begin, length, '\0');
      if (damaged == restore.original()) continue;  // the range held only zeros
      WriteFile(path, damaged);
      ExpectDamageReported(path, StrCat("zeroed ", length, " bytes at ", begin));
    }
  }
}

TEST_F(CorruptionTest, FileOfAnotherKindIsReported) {
  const std::string path = PathOf(FileKind::kDocuments);
  RestoreOnExit restore(path);
  WriteFile(path, ReadFile(PathOf(FileKind::kPassages)));
  ExpectDamageReported(path, ".psg copied over .doc");
  EXPECT_TRUE(Mentions(VerifyIndex(index()), "document table"));
}

TEST_F(CorruptionTest, MissingSegmentFileIsNotFound) {
  for (FileKind kind : format::kSegmentFileKinds) {
    const std::string path = PathOf(kind);
    RestoreOnExit restore(path);
    std::filesystem::remove(path);
    const absl::Status status = VerifyIndex(index());
    EXPECT_TRUE(absl::IsNotFound(status)) << status;
    EXPECT_TRUE(Mentions(status, path)) << status;
  }
}

TEST_F(CorruptionTest, CorruptedManifestIsReported) {
  RestoreOnExit restore(manifest_path());
  const std::string& original = restore.original();
  for (size_t offset :
       {size_t{0}, size_t{8}, format::kHeaderSize, original.size() / 2, original.size() - 1}) {
    std::string damaged = original;
    damaged[offset] ^= 0x04;
    WriteFile(manifest_path(), damaged);
    ExpectDamageReported(manifest_path(), StrCat("manifest byte ", offset));
  }
  WriteFile(manifest_path(), std::string_view(original).substr(0, original.size() - 3));
  ExpectDamageReported(manifest_path(), "manifest truncated");
}

TEST_F(CorruptionTest, ManifestNamingAMissingSegmentIsNotFound) {
  RestoreOnExit restore(manifest_path());
  Manifest manifest;
  manifest.segments.push_back({"seg999999", 1, 1, 1});
  ASSERT_TRUE(WriteManifest(index(), manifest).ok());
  const absl::Status status = VerifyIndex(index());
  EXPECT_TRUE(absl::IsNotFound(status)) << status;
  EXPECT_TRUE(Mentions(status, "seg999999")) << status;
}

TEST_F(CorruptionTest, ManifestCountsThatDisagreeWithTheFilesAreDataLoss) {
  RestoreOnExit restore(manifest_path());
  Manifest manifest;
  SegmentInfo wrong = segment_;
  wrong.doc_count += 1;
  manifest.segments.push_back(wrong);
  ASSERT_TRUE(WriteManifest(index(), manifest).ok());
  const absl::Status status = VerifyIndex(index());
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, segment_.name)) << status;
}

// Without checksums, Segment::Open still checks the passage and document
// tables and their links: a passage whose record named the document before
// the one that holds it sent a search by documents round in a loop. Verify
// reports it too, after the checksum.
TEST_F(CorruptionTest, UncheckedOpenRefusesAPassageNamingAnotherDocument) {
  const std::string path = PathOf(FileKind::kPassages);
  RestoreOnExit restore(path);
  PassageId first_of_doc1;
  {
    auto segment = Segment::Open(index(), segment_);
    ASSERT_TRUE(segment.ok()) << segment.status();
    ASSERT_GT((*segment)->documents().size(), 1u);
    first_of_doc1 = (*segment)->documents().Get(1).first_passage;
  }
  std::string damaged = restore.original();
  const size_t doc_field = format::kHeaderSize + format::kPassagePrefixSize +
                           size_t{first_of_doc1} * format::kPassageRecordSize;
  std::fill_n(damaged.begin() + doc_field, 4, '\0');  // document 0
  WriteFile(path, damaged);
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  const absl::Status open = Segment::Open(index(), segment_, no_checksum).status();
  EXPECT_TRUE(absl::IsDataLoss(open)) << open;
  EXPECT_TRUE(Mentions(open, StrCat(path, ": offset ", doc_field))) << open;
  EXPECT_TRUE(Mentions(open, "document 0")) << open;
  const absl::Status verify = VerifyIndex(index());
  EXPECT_TRUE(Mentions(verify, "checksum mismatch")) << verify;
  EXPECT_TRUE(Mentions(verify, "document 0")) << verify;
}

// Without checksums only the structure protects the reader: damaged bytes
// must be reported or tolerated, never crash or hang (run under ASan).
TEST_F(CorruptionTest, StructuralChecksWithoutChecksumsNeverCrash) {
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  std::mt19937 rng(7);
  for (FileKind kind : format::kSegmentFileKinds) {
    const std::string path = PathOf(kind);
    RestoreOnExit restore(path);
    const std::string& original = restore.original();
    for (int round = 0; round < 40; ++round) {
      std::string damaged = original;
      const size_t offset = format::kHeaderSize +
                            rng() % (original.size() - format::kHeaderSize - format::kFooterSize);
      damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << (rng() % 8)));
      WriteFile(path, damaged);
      auto segment = Segment::Open(index(), segment_, no_checksum);
      const absl::Status status = segment.ok() ? (*segment)->Verify() : segment.status();
      EXPECT_TRUE(status.ok() || absl::IsDataLoss(status))
          << path << "@" << offset << ": " << status;
      if (!status.ok()) {
        EXPECT_TRUE(Mentions(status, segment_.name)) << status;
      }
    }
  }
}


// ---- Damage that passes the checksum ----------------------------------------
// Found by tests/fuzz/segment_fuzzer: fields of the passage and document
// tables that readers follow without a check, damaged in a file whose
// checksum was then made right (or that is opened without checksums).
// Segment::Open must refuse them (Segment::CheckReferences).

// A u32 field of a record, as a file offset: `prefix` and `record_size`
// from format.h.
size_t FieldOffset(size_t prefix, size_t record_size, size_t record, size_t field) {
  return format::kHeaderSize + prefix + record * record_size + field;
}

void PatchFixed32(std::string* file, size_t offset, uint32_t value) {
  std::string bytes;
  PutFixed32(&bytes, value);
  file->replace(offset, bytes.size(), bytes);
}

uint32_t Fixed32At(const std::string& file, size_t offset) {
  return DecodeFixed32(file.data() + offset);
}

// Moving the boundary between documents 0 and 1 in .doc alone leaves the
// first passage of document 1 in document 0's range while its record
// still names document 1. Searching by document then never got past that
// passage (a hang), and Verify did not notice: ranges stay contiguous and
// passage documents non-decreasing.
TEST_F(CorruptionTest, DocumentRangesThatDisagreeWithPassagesFailToOpen) {
  const std::string path = PathOf(FileKind::kDocuments);
  RestoreOnExit restore(path);
  std::string bytes = restore.original();
  const auto doc_field = [](size_t doc, size_t field) {
    return FieldOffset(format::kDocumentPrefixSize, format::kDocumentRecordSize, doc, field);
  };
  const uint32_t count0 = Fixed32At(bytes, doc_field(0, 4));
  const uint32_t first1 = Fixed32At(bytes, doc_field(1, 0));
  const uint32_t count1 = Fixed32At(bytes, doc_field(1, 4));
  ASSERT_GE(count1, 2u);
  PatchFixed32(&bytes, doc_field(0, 4), count0 + 1);
  PatchFixed32(&bytes, doc_field(1, 0), first1 + 1);
  PatchFixed32(&bytes, doc_field(1, 4), count1 - 1);
  const absl::Status status = OpenWithRecomputedChecksum(FileKind::kDocuments, bytes);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, StrCat("passage ", first1))) << status;
}

// A duplicate link past the table: the searcher's result view read the
// canonical document's record past the end of .doc.
TEST_F(CorruptionTest, DuplicateLinksOutOfRangeFailToOpen) {
  const std::string path = PathOf(FileKind::kDocuments);
  RestoreOnExit restore(path);
  for (size_t field : {24, 28, 32}) {  // canonical, cluster, next_in_cluster
    std::string bytes = restore.original();
    PatchFixed32(&bytes,
                 FieldOffset(format::kDocumentPrefixSize, format::kDocumentRecordSize, 0, field),
                 segment_.doc_count);
    const absl::Status status = OpenWithRecomputedChecksum(FileKind::kDocuments, bytes);
    EXPECT_TRUE(absl::IsDataLoss(status)) << "field " << field << ": " << status;
    EXPECT_TRUE(Mentions(status, "document 0: duplicate links")) << status;
  }
}

TEST_F(CorruptionTest, PassageGroupsAndMembersOutOfRangeFailToOpen) {
  const std::string path = PathOf(FileKind::kPassages);
  RestoreOnExit restore(path);
  const std::string& original = restore.original();
  const size_t body = format::kHeaderSize;
  const uint32_t group_count = Fixed32At(original, body + 4);
  const uint32_t member_count = Fixed32At(original, body + 8);
  ASSERT_GT(member_count, 0u) << "the seed corpus has copies";
  // Passage 0 names a group past the group records.
  std::string bad_group = original;
  PatchFixed32(&bad_group,
               FieldOffset(format::kPassagePrefixSize, format::kPassageRecordSize, 0, 16),
               group_count);
  absl::Status status = OpenWithRecomputedChecksum(FileKind::kPassages, bad_group);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "passage 0")) << status;
  // Group 0's members run past the member area.
  const size_t groups = format::kPassagePrefixSize +
                        size_t{segment_.passage_count} * format::kPassageRecordSize;
  std::string bad_members = original;
  PatchFixed32(&bad_members, FieldOffset(groups, format::kGroupRecordSize, 0, 4), member_count + 1);
  status = OpenWithRecomputedChecksum(FileKind::kPassages, bad_members);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "passage group 0")) << status;
  // The last member names a passage past the table.
  const size_t members = groups + size_t{group_count} * format::kGroupRecordSize;
  std::string bad_member = original;
  PatchFixed32(&bad_member, FieldOffset(members, format::kGroupMemberSize, member_count - 1, 0),
               segment_.passage_count);
  status = OpenWithRecomputedChecksum(FileKind::kPassages, bad_member);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, StrCat("group member ", member_count - 1))) << status;
}

// A title term's ids index the document table: read through a cursor for
// the title field, a list holding larger ids (here a body term's, which
// are passage ids) ends at the first of them instead of handing the
// searcher an id past the table. A damaged .post made the searcher read a
// passage's length past the passage table this way.
TEST_F(CorruptionTest, CursorsStopAtIdsPastTheirTable) {
  auto segment = Segment::Open(index(), segment_);
  ASSERT_TRUE(segment.ok()) << segment.status();
  const TermDictionary& dictionary = (*segment)->dictionary();
  const DocId doc_count = (*segment)->documents().size();
  bool tested = false;
  for (size_t i = 0; i < dictionary.size() && !tested; ++i) {
    const DictionaryEntry entry = dictionary.Entry(i);
    if (entry.field != format::Field::kBody) continue;
    PostingsCursor all = (*segment)->Cursor(entry.info, format::Field::kBody);
    uint32_t last = 0;
    for (; all.id() != kEndId; all.Next()) last = all.id();
    EXPECT_FALSE(all.corrupt());
    if (last < doc_count) continue;  // every id is a valid document id too
    PostingsCursor cursor = (*segment)->Cursor(entry.info, format::Field::kTitle);
    for (; cursor.id() != kEndId; cursor.Next()) EXPECT_LT(cursor.id(), doc_count);
    EXPECT_TRUE(cursor.corrupt()) << entry.term;
    tested = true;
  }
  EXPECT_TRUE(tested) << "no body term holds a passage id >= the document count";
}

}  // namespace
}  // namespace syndex
