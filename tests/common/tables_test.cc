// Round trips and structural checks of the fixed-record tables of a
// segment: the passage table (.psg), the document table (.doc), the stored
// text (.txt) and the dedup sketches (.dup).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/coding.h"
#include "common/document_table.h"
#include "common/file_writer.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/passage_table.h"
#include "common/sketch_table.h"
#include "common/stored_text.h"
#include "common/str_cat.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using format::FileKind;
using testing::Mentions;
using testing::ScratchDir;

// Writes `body` as a file of `kind` at `path` and maps it.
std::unique_ptr<MappedFile> WriteAndMap(const std::string& path, FileKind kind,
                                        std::string_view body) {
  auto writer = FileWriter::Create(path, kind);
  EXPECT_TRUE(writer.ok()) << writer.status();
  if (!writer.ok()) return nullptr;
  EXPECT_TRUE((*writer)->Append(body).ok());
  EXPECT_TRUE((*writer)->Finish().ok());
  auto file = MappedFile::Open(path, kind);
  EXPECT_TRUE(file.ok()) << file.status();
  return file.ok() ? std::move(*file) : nullptr;
}

// ---- Passage table ----------------------------------------------------------

class PassageTableTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::unique_ptr<PassageTable>> Open(const std::vector<PassageRecord>& records) {
    return OpenBody(EncodePassageTable({records, {}, {}}));
  }
  absl::StatusOr<std::unique_ptr<PassageTable>> OpenBody(std::string_view body) {
    return PassageTable::Open(WriteAndMap(path(), FileKind::kPassages, body));
  }
  std::string path() const { return dir_.PathOf("t.psg"); }
  ScratchDir dir_{"syndex_tables"};
};

const std::vector<PassageRecord>& SamplePassages() {
  static const std::vector<PassageRecord> records = {
      {0, 0, 40, 7, format::kPassageIsTitle},  // a title passage
      {0, 0, 120, 20, 0},
      {0, 122, 300, 31, 0},
      {2, 0, 65535, UINT16_MAX, 0},  // document 1 has no passages in this table
      {2, 70000, 70000, 0, 0},
  };
  return records;
}

TEST_F(PassageTableTest, RecordsRoundTrip) {
  auto table = Open(SamplePassages());
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ((*table)->size(), SamplePassages().size());
  for (uint32_t i = 0; i < (*table)->size(); ++i) {
    const PassageRecord got = (*table)->Get(i);
    const PassageRecord& want = SamplePassages()[i];
    EXPECT_EQ(got.doc, want.doc) << i;
    EXPECT_EQ(got.start, want.start) << i;
    EXPECT_EQ(got.end, want.end) << i;
    EXPECT_EQ(got.length, want.length) << i;
    EXPECT_EQ(got.flags, want.flags) << i;
  }
  EXPECT_TRUE((*table)->Get(0).is_title());
  EXPECT_FALSE((*table)->Get(1).is_title());
  EXPECT_TRUE((*table)->Verify(/*doc_count=*/3).ok()) << (*table)->Verify(3);
}

TEST_F(PassageTableTest, EncodingIsFixedWidth) {
  PassageRecord r{1, 2, 3, 4, 5};
  r.line_words = 6;
  const std::string bytes = EncodePassageTable({{r}, {}, {}});
  ASSERT_EQ(bytes.size(), format::kPassagePrefixSize + format::kPassageRecordSize);
  EXPECT_EQ(bytes.substr(0, format::kPassagePrefixSize),
            std::string_view("\1\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(bytes.substr(format::kPassagePrefixSize),
            std::string_view("\1\0\0\0\2\0\0\0\3\0\0\0\4\0\5\6\xff\xff\xff\xff", 20));
}

// Passage 1 copies passage 0; passage 2 is a near-duplicate of them (its
// own text); passage 3 is alone.
PassageTableContents SampleGroups() {
  PassageTableContents c;
  c.records = {
      {0, 0, 10, 2, 0}, {1, 0, 10, 2, format::kPassageIsCopy}, {1, 12, 30, 3, 0}, {2, 0, 5, 1, 0}};
  c.records[0].group = c.records[1].group = c.records[2].group = 0;
  c.groups = {{0, 3, 2}};
  c.members = {{0, 0}, {1, 0}, {2, 2}};
  return c;
}

TEST_F(PassageTableTest, GroupsRoundTripAndResolveContents) {
  auto table = OpenBody(EncodePassageTable(SampleGroups()));
  ASSERT_TRUE(table.ok()) << table.status();
  const PassageTable& t = **table;
  EXPECT_TRUE(t.Verify(3).ok()) << t.Verify(3);
  ASSERT_EQ(t.group_count(), 1u);
  EXPECT_EQ(t.Group(0).outlet_count, 2u);
  const std::vector<GroupMember> members = t.Members(0);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[1].passage, 1u);
  EXPECT_EQ(members[1].content, 0u);
  EXPECT_EQ(t.ContentOf(0), 0u);
  EXPECT_EQ(t.ContentOf(1), 0u) << "a copy's text is its content's";
  EXPECT_EQ(t.ContentOf(2), 2u);
  EXPECT_EQ(t.ContentOf(3), 3u);
  EXPECT_TRUE(t.Get(1).is_copy());
  EXPECT_EQ(t.Get(3).group, format::kNoGroup);
  EXPECT_TRUE(t.Members(format::kNoGroup).empty());
}

TEST_F(PassageTableTest, VerifyRejectsGroupsThatDisagreeWithRecords) {
  PassageTableContents content_is_a_copy = SampleGroups();
  content_is_a_copy.members[2].content = 1;
  PassageTableContents wrong_group = SampleGroups();
  wrong_group.records[3].group = 0;  // not among the members
  PassageTableContents copy_alone = SampleGroups();
  copy_alone.records[3].flags = format::kPassageIsCopy;
  PassageTableContents unordered = SampleGroups();
  std::swap(unordered.members[0], unordered.members[1]);
  for (const PassageTableContents& c : {content_is_a_copy, wrong_group, copy_alone, unordered}) {
    auto table = OpenBody(EncodePassageTable(c));
    ASSERT_TRUE(table.ok()) << table.status();
    const absl::Status status = (*table)->Verify(3);
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_TRUE(Mentions(status, path())) << status;
  }
}

TEST_F(PassageTableTest, EmptyTable) {
  auto table = Open({});
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ((*table)->size(), 0u);
  EXPECT_TRUE((*table)->Verify(0).ok());
}

TEST_F(PassageTableTest, VerifyRejectsDocumentOutOfRange) {
  auto table = Open(SamplePassages());
  ASSERT_TRUE(table.ok());
  const absl::Status status = (*table)->Verify(/*doc_count=*/2);  // passage 3 is in doc 2
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path())) << status;
  EXPECT_TRUE(Mentions(status, "passage 3")) << status;
}

TEST_F(PassageTableTest, VerifyRejectsDecreasingDocuments) {
  auto table = Open({{1, 0, 5, 1, 0}, {0, 0, 5, 1, 0}});
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(absl::IsDataLoss((*table)->Verify(2)));
}

TEST_F(PassageTableTest, VerifyRejectsReversedRange) {
  auto table = Open({{0, 10, 9, 1, 0}});
  ASSERT_TRUE(table.ok());
  const absl::Status status = (*table)->Verify(1);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "malformed")) << status;
}

TEST_F(PassageTableTest, VerifyRejectsUnknownFlags) {
  auto table = Open({{0, 0, 9, 1, 1u << 7}});
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(absl::IsDataLoss((*table)->Verify(1)));
}

TEST_F(PassageTableTest, OpenRejectsWrongSizes) {
  std::string body = EncodePassageTable({{{0, 0, 1, 1, 0}, {0, 0, 1, 1, 0}}, {}, {}});
  auto short_table = OpenBody(body.substr(0, body.size() - 1));  // one byte short
  EXPECT_TRUE(absl::IsDataLoss(short_table.status())) << short_table.status();
  EXPECT_TRUE(Mentions(short_table.status(), path())) << short_table.status();

  body += "x";  // one byte too many
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(body).status()));
  EXPECT_TRUE(absl::IsDataLoss(OpenBody("1234567").status()));

  std::string reserved;
  PutFixed32(&reserved, 0);
  PutFixed32(&reserved, 1);
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(reserved).status()));
}

// ---- Document table ---------------------------------------------------------

struct SampleDocument {
  DocumentRecord record;
  DocumentMeta meta;
  std::string_view outlet;
};

const std::vector<SampleDocument>& SampleDocuments() {
  static const std::vector<SampleDocument> docs = {
      {{0, 2, 50, 0, 0}, {"a1", "First title", "2022-02-12", "https://a.example/1"}, "Reuters"},
      {{2, 1, 7, 0, 0}, {"a2", "", "", ""}, ""},
      {{3, 3, 90, 0, 0}, {"a3", "Third", "2022-02-13", ""}, "Al Jazeera"},
      {{6, 1, 12, 0, 0}, {"a4", "Fourth", "", "u"}, "Reuters"},
  };
  return docs;
}

class DocumentTableTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::unique_ptr<DocumentTable>> Open(const std::vector<SampleDocument>& docs) {
    DocumentTableEncoder encoder;
    for (const SampleDocument& d : docs) encoder.Add(d.record, d.meta, d.outlet);
    EXPECT_EQ(encoder.size(), docs.size());
    return OpenBody(encoder.Finish());
  }
  absl::StatusOr<std::unique_ptr<DocumentTable>> OpenBody(std::string_view body) {
    return DocumentTable::Open(WriteAndMap(path(), FileKind::kDocuments, body));
  }
  std::string path() const { return dir_.PathOf("t.doc"); }
  ScratchDir dir_{"syndex_tables"};
};

TEST_F(DocumentTableTest, RecordsAndMetadataRoundTrip) {
  auto table = Open(SampleDocuments());
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ((*table)->size(), 4u);
  for (DocId d = 0; d < 4; ++d) {
    const SampleDocument& want = SampleDocuments()[d];
    const DocumentRecord got = (*table)->Get(d);
    EXPECT_EQ(got.first_passage, want.record.first_passage) << d;
    EXPECT_EQ(got.passage_count, want.record.passage_count) << d;
    EXPECT_EQ(got.length, want.record.length) << d;
    const DocumentMeta meta = (*table)->Meta(d);
    EXPECT_EQ(meta.id, want.meta.id);
    EXPECT_EQ(meta.title, want.meta.title);
    EXPECT_EQ(meta.date, want.meta.date);
    EXPECT_EQ(meta.url, want.meta.url);
    EXPECT_EQ((*table)->OutletName(got.outlet), want.outlet) << d;
  }
  EXPECT_TRUE((*table)->Verify(/*passage_count=*/7).ok()) << (*table)->Verify(7);
}

TEST_F(DocumentTableTest, OutletsAreInternedInOrderOfFirstUse) {
  auto table = Open(SampleDocuments());
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ((*table)->outlet_count(), 2u);
  EXPECT_EQ((*table)->Get(0).outlet, 0u);
  EXPECT_EQ((*table)->Get(1).outlet, format::kNoOutlet);
  EXPECT_EQ((*table)->Get(2).outlet, 1u);
  EXPECT_EQ((*table)->Get(3).outlet, 0u);
  EXPECT_EQ((*table)->OutletName(0), "Reuters");
  EXPECT_EQ((*table)->OutletName(1), "Al Jazeera");
  EXPECT_EQ((*table)->OutletName(2), "");
  EXPECT_EQ((*table)->OutletName(format::kNoOutlet), "");
}

TEST_F(DocumentTableTest, EncoderSetsStringOffsetsAndOutletItself) {
  DocumentTableEncoder encoder;
  DocumentRecord record{0, 1, 3, /*outlet=*/77, /*strings_offset=*/999};
  encoder.Add(record, {"x", "", "", ""}, "");
  encoder.Add({1, 1, 3, 77, 999}, {"y", "", "", ""}, "");
  auto table = OpenBody(encoder.Finish());
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ((*table)->Get(0).strings_offset, 0u);
  EXPECT_EQ((*table)->Get(1).strings_offset, 5u);  // four length bytes + "x"
  EXPECT_EQ((*table)->Get(0).outlet, format::kNoOutlet);
  EXPECT_EQ((*table)->Meta(1).id, "y");
}

TEST_F(DocumentTableTest, MemoryUsageGrowsWithDocuments) {
  DocumentTableEncoder encoder;
  const size_t empty = encoder.memory_usage();
  for (int i = 0; i < 100; ++i) {
    encoder.Add({}, {StrCat("id", i), std::string(100, 't'), "", ""}, "Outlet");
  }
  EXPECT_GE(encoder.memory_usage(), empty + 100 * (100 + sizeof(DocumentRecord)));
}

TEST_F(DocumentTableTest, VerifyRejectsPassageCountMismatch) {
  auto table = Open(SampleDocuments());
  ASSERT_TRUE(table.ok());
  const absl::Status status = (*table)->Verify(8);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path())) << status;
  EXPECT_TRUE(Mentions(status, "cover 7 passages")) << status;
}

TEST_F(DocumentTableTest, VerifyRejectsGapsBetweenPassageRanges) {
  std::vector<SampleDocument> docs = SampleDocuments();
  docs[2].record.first_passage = 4;
  auto table = Open(docs);
  ASSERT_TRUE(table.ok());
  const absl::Status status = (*table)->Verify(8);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "document 2: passages not contiguous")) << status;
}

TEST_F(DocumentTableTest, VerifyRejectsDocumentWithoutPassages) {
  std::vector<SampleDocument> docs = SampleDocuments();
  docs[3].record.passage_count = 0;
  auto table = Open(docs);
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(absl::IsDataLoss((*table)->Verify(6)));
}

TEST_F(DocumentTableTest, VerifyRejectsEmptyId) {
  std::vector<SampleDocument> docs = SampleDocuments();
  docs[1].meta.id = "";
  auto table = Open(docs);
  ASSERT_TRUE(table.ok());
  const absl::Status status = (*table)->Verify(7);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "document 1: metadata")) << status;
}

// A body announcing `doc_count` records, none of which are there, and a
// string area of `strings_size` bytes; `tail` follows the prefix.
std::string RawDocumentBody(uint32_t doc_count, uint64_t strings_size, std::string_view tail) {
  std::string body;
  PutFixed32(&body, doc_count);
  PutFixed32(&body, 0);
  PutFixed64(&body, strings_size);
  body.append(tail);
  return body;
}

// Two one-passage documents whose duplicate links are given; both have
// the same valid metadata strings.
std::string TwoLinkedDocuments(DocId canonical1, DocId cluster1, DocId next0) {
  std::string strings;
  for (std::string_view s : {"id", "t", "d", "u"}) PutLengthPrefixed(&strings, s);
  std::string tail;
  for (DocId d = 0; d < 2; ++d) {
    for (uint32_t v : {d, 1u, 1u, format::kNoOutlet}) PutFixed32(&tail, v);
    PutFixed64(&tail, 0);
    PutFixed32(&tail, d == 0 ? 0 : canonical1);
    PutFixed32(&tail, d == 0 ? 0 : cluster1);
    PutFixed32(&tail, d == 0 ? next0 : format::kNoDocument);
    PutFixed32(&tail, 0);
  }
  tail += strings;
  return RawDocumentBody(2, strings.size(), tail);
}

TEST_F(DocumentTableTest, VerifyFollowsClusterChainsAndCanonicals) {
  auto linked = OpenBody(TwoLinkedDocuments(0, 0, 1));
  ASSERT_TRUE(linked.ok()) << linked.status();
  EXPECT_TRUE((*linked)->Verify(2).ok()) << (*linked)->Verify(2);
  EXPECT_EQ((*linked)->ClusterOf(1), (std::vector<DocId>{0, 1}));
  // Document 1 names cluster 0, but the chain from 0 never reaches it.
  auto unchained = OpenBody(TwoLinkedDocuments(1, 0, format::kNoDocument));
  ASSERT_TRUE(unchained.ok()) << unchained.status();
  const absl::Status status = (*unchained)->Verify(2);
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, "document 1")) << status;
}

TEST_F(DocumentTableTest, OpenRejectsSizesThatDoNotAddUp) {
  auto short_body = OpenBody("0123456789");
  EXPECT_TRUE(absl::IsDataLoss(short_body.status())) << short_body.status();
  auto missing_records = OpenBody(RawDocumentBody(2, 0, ""));
  EXPECT_TRUE(absl::IsDataLoss(missing_records.status())) << missing_records.status();
  EXPECT_TRUE(Mentions(missing_records.status(), path())) << missing_records.status();
  auto strings_too_long = OpenBody(RawDocumentBody(0, 5, "abcd"));
  EXPECT_TRUE(absl::IsDataLoss(strings_too_long.status()));
}

TEST_F(DocumentTableTest, OpenRejectsStringAreaSizeThatWrapsAround) {
  // 1000 records announced, 24 bytes present; the string area's size is
  // chosen so that the sizes add up to the body's size modulo 2^64.
  const std::string tail(24, '\0');
  const uint64_t body_size = format::kDocumentPrefixSize + tail.size();
  const uint64_t records = format::kDocumentPrefixSize + 1000 * format::kDocumentRecordSize;
  auto table = OpenBody(RawDocumentBody(1000, body_size - records, tail));
  EXPECT_TRUE(absl::IsDataLoss(table.status())) << table.status();
}

TEST_F(DocumentTableTest, MetaOfUndecodableStringsIsEmpty) {
  // One record whose strings offset points past the string area.
  std::string tail;
  for (uint32_t v : {0u, 1u, 1u, format::kNoOutlet}) PutFixed32(&tail, v);
  PutFixed64(&tail, 100);
  for (uint32_t v : {0u, 0u, format::kNoDocument, 0u}) PutFixed32(&tail, v);
  tail += "\x01x";  // a 2-byte string area
  auto table = OpenBody(RawDocumentBody(1, 2, tail));
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ((*table)->Meta(0).id, "");
  EXPECT_TRUE(absl::IsDataLoss((*table)->Verify(1)));
}

// ---- Document table: duplicate links ----------------------------------------

// Five one-passage documents: 2 is an exact copy of 0, and {0, 2, 4} and
// {1, 3} are near-duplicate clusters.
std::string LinkedDocuments() {
  DocumentTableEncoder encoder;
  for (DocId d = 0; d < 5; ++d) encoder.Add({d, 1, 10, 0, 0}, {StrCat("d", d), "", "", ""}, "");
  encoder.SetDuplicates(2, /*canonical=*/0, /*cluster=*/0);
  encoder.SetDuplicates(3, 3, 1);
  encoder.SetDuplicates(4, 4, 0);
  return encoder.Finish();
}

// `body` with the u32 field at `field_offset` of record `doc` set to `value`.
std::string PatchRecord(std::string body, DocId doc, size_t field_offset, uint32_t value) {
  std::string bytes;
  PutFixed32(&bytes, value);
  body.replace(format::kDocumentPrefixSize + doc * format::kDocumentRecordSize + field_offset, 4,
               bytes);
  return body;
}
constexpr size_t kCanonicalField = 24, kClusterField = 28, kNextField = 32, kReservedField = 36;

TEST_F(DocumentTableTest, DocumentsAreTheirOwnDuplicatesUntilSet) {
  auto table = Open(SampleDocuments());
  ASSERT_TRUE(table.ok()) << table.status();
  for (DocId d = 0; d < (*table)->size(); ++d) {
    const DocumentRecord r = (*table)->Get(d);
    EXPECT_EQ(r.canonical, d);
    EXPECT_EQ(r.cluster, d);
    EXPECT_EQ(r.next_in_cluster, format::kNoDocument);
    EXPECT_EQ((*table)->ClusterOf(d), std::vector<DocId>{d});
  }
}

TEST_F(DocumentTableTest, SetDuplicatesLinksEachClusterInOrder) {
  auto table = OpenBody(LinkedDocuments());
  ASSERT_TRUE(table.ok()) << table.status();
  const DocumentTable& t = **table;
  EXPECT_TRUE(t.Verify(5).ok()) << t.Verify(5);
  const DocId canonical[] = {0, 1, 0, 3, 4};
  const DocId cluster[] = {0, 1, 0, 1, 0};
  const DocId next[] = {2, 3, 4, format::kNoDocument, format::kNoDocument};
  for (DocId d = 0; d < 5; ++d) {
    const DocumentRecord r = t.Get(d);
    EXPECT_EQ(r.canonical, canonical[d]) << d;
    EXPECT_EQ(r.cluster, cluster[d]) << d;
    EXPECT_EQ(r.next_in_cluster, next[d]) << d;
  }
  for (DocId d : {0u, 2u, 4u}) EXPECT_EQ(t.ClusterOf(d), (std::vector<DocId>{0, 2, 4})) << d;
  for (DocId d : {1u, 3u}) EXPECT_EQ(t.ClusterOf(d), (std::vector<DocId>{1, 3})) << d;
}

TEST_F(DocumentTableTest, VerifyRejectsBadDuplicateLinks) {
  const std::string good = LinkedDocuments();
  struct Case {
    std::string what;
    std::string body;
    DocId flagged;  // the document Verify reports
  };
  const Case cases[] = {
      {"canonical after the document", PatchRecord(good, 1, kCanonicalField, 2), 1},
      {"canonical beyond the table", PatchRecord(good, 4, kCanonicalField, 9), 4},
      {"cluster after the document", PatchRecord(good, 1, kClusterField, 3), 1},
      {"cluster whose first document is in another",
       PatchRecord(PatchRecord(good, 4, kClusterField, 3), 2, kNextField, format::kNoDocument), 4},
      {"next pointing backwards", PatchRecord(good, 2, kNextField, 1), 2},
      {"next pointing at itself", PatchRecord(good, 2, kNextField, 2), 2},
      {"next beyond the table", PatchRecord(good, 2, kNextField, 5), 2},
      {"next in another cluster", PatchRecord(good, 0, kNextField, 3), 0},
      {"reserved field not zero", PatchRecord(good, 3, kReservedField, 1), 3},
  };
  for (const Case& c : cases) {
    auto table = OpenBody(c.body);
    ASSERT_TRUE(table.ok()) << c.what << ": " << table.status();
    const absl::Status status = (*table)->Verify(5);
    EXPECT_TRUE(absl::IsDataLoss(status)) << c.what << ": " << status;
    EXPECT_TRUE(Mentions(status, StrCat("document ", c.flagged, ": bad duplicate links")))
        << c.what << ": " << status;
    EXPECT_TRUE(Mentions(status, path())) << c.what << ": " << status;
  }
}

// An unverified table may link in a circle; ClusterOf must still end.
TEST_F(DocumentTableTest, ClusterOfAnUnverifiedCycleEnds) {
  auto table =
      OpenBody(PatchRecord(PatchRecord(LinkedDocuments(), 4, kNextField, 0), 3, kNextField, 1));
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_LE((*table)->ClusterOf(0).size(), 5u);
  EXPECT_LE((*table)->ClusterOf(3).size(), 5u);
  EXPECT_TRUE(absl::IsDataLoss((*table)->Verify(5)));
}

// ---- Stored text ------------------------------------------------------------

// `count` distinct texts of `size` random letters each.
std::vector<std::string> RandomTexts(size_t count, size_t size, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> texts(count, std::string(size, ' '));
  for (std::string& t : texts) {
    for (char& c : t) c = static_cast<char>('a' + rng() % 26);
  }
  return texts;
}

class StoredTextTest : public ::testing::Test {
 protected:
  // Writes a stored-text file at `name` by calling `fill` on an encoder.
  template <typename Fill>
  std::unique_ptr<StoredText> Write(std::string_view name, Fill fill) {
    const std::string path = dir_.PathOf(name);
    auto writer = FileWriter::Create(path, FileKind::kStoredText);
    EXPECT_TRUE(writer.ok());
    StoredTextEncoder encoder(writer->get());
    fill(encoder);
    EXPECT_TRUE(encoder.Finish().ok());
    EXPECT_TRUE((*writer)->Finish().ok());
    auto file = MappedFile::Open(path, FileKind::kStoredText);
    EXPECT_TRUE(file.ok()) << file.status();
    auto stored = StoredText::Open(std::move(*file));
    EXPECT_TRUE(stored.ok()) << stored.status();
    return stored.ok() ? std::move(*stored) : nullptr;
  }
  std::unique_ptr<StoredText> WriteTexts(std::string_view name,
                                         const std::vector<std::string>& texts) {
    return Write(name, [&](StoredTextEncoder& encoder) {
      for (const std::string& t : texts) ASSERT_TRUE(encoder.Add(t).ok());
    });
  }
  absl::StatusOr<std::unique_ptr<StoredText>> OpenBody(std::string_view body) {
    return StoredText::Open(WriteAndMap(path(), FileKind::kStoredText, body));
  }
  std::string path() const { return dir_.PathOf("raw.txt"); }

  static void ExpectTexts(const StoredText& stored, const std::vector<std::string>& texts) {
    ASSERT_EQ(stored.size(), texts.size());
    for (DocId d = 0; d < texts.size(); ++d) {
      auto text = stored.Get(d);
      ASSERT_TRUE(text.ok()) << text.status();
      EXPECT_TRUE(*text == texts[d]) << "document " << d;
    }
    EXPECT_TRUE(stored.Verify().ok()) << stored.Verify();
  }

  ScratchDir dir_{"syndex_tables"};
};

TEST_F(StoredTextTest, SmallTextsRoundTripInOneBlock) {
  const std::vector<std::string> texts = {"first article", "", "third, with ünïcödé"};
  auto stored = WriteTexts("small.txt", texts);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->block_count(), 1u);
  EXPECT_EQ(stored->Block(0).first_entry, 0u);
  EXPECT_EQ(stored->Block(0).raw_size, 1 + 13 + 1 + 1 + 23u);  // ü, ï, ö, é: 2 bytes each
  ExpectTexts(*stored, texts);
}

TEST_F(StoredTextTest, BlocksCloseAtTheTargetSize) {
  // Each text costs 10002 raw bytes (2-byte varint length), so a block
  // reaches kStoredBlockTargetBytes with its 7th document.
  static_assert(format::kStoredBlockTargetBytes == 65536);
  const std::vector<std::string> texts = RandomTexts(20, 10000, 1);
  auto stored = WriteTexts("blocks.txt", texts);
  ASSERT_NE(stored, nullptr);
  ASSERT_EQ(stored->block_count(), 3u);
  EXPECT_EQ(stored->Block(0).first_entry, 0u);
  EXPECT_EQ(stored->Block(1).first_entry, 7u);
  EXPECT_EQ(stored->Block(2).first_entry, 14u);
  EXPECT_EQ(stored->Block(0).raw_size, 7 * 10002u);
  EXPECT_EQ(stored->Block(2).raw_size, 6 * 10002u);
  EXPECT_EQ(stored->Block(1).offset, stored->Block(0).offset + stored->Block(0).compressed_size);
  ExpectTexts(*stored, texts);
}

TEST_F(StoredTextTest, DocumentLargerThanABlock) {
  std::vector<std::string> texts = RandomTexts(3, 100, 2);
  texts[1] = RandomTexts(1, 300000, 3)[0];
  auto stored = WriteTexts("large.txt", texts);
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->block_count(), 2u);  // [0, 1] then [2]
  ExpectTexts(*stored, texts);
}

TEST_F(StoredTextTest, EmptyStoredText) {
  auto stored = WriteTexts("empty.txt", {});
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->size(), 0u);
  EXPECT_EQ(stored->block_count(), 0u);
  EXPECT_TRUE(stored->Verify().ok());
  EXPECT_TRUE(absl::IsOutOfRange(stored->Get(0).status()));
}

TEST_F(StoredTextTest, GetBeyondTheLastDocumentIsOutOfRange) {
  auto stored = WriteTexts("two.txt", {"a", "b"});
  ASSERT_NE(stored, nullptr);
  EXPECT_TRUE(absl::IsOutOfRange(stored->Get(2).status()));
  EXPECT_TRUE(absl::IsOutOfRange(stored->Get(kEndId).status()));
}

// Appends every block of `source`, as a merge does for blocks without copies.
absl::Status AppendAllBlocks(const StoredText& source, StoredTextEncoder* encoder) {
  for (uint32_t b = 0; b < source.block_count(); ++b) {
    if (absl::Status s = encoder->AppendBlock(source, b); !s.ok()) return s;
  }
  return absl::OkStatus();
}

TEST_F(StoredTextTest, AppendBlocksRenumbersDocumentsAndCopiesBytes) {
  const std::vector<std::string> small = {"s-a", "s-b", ""};
  const std::vector<std::string> big = RandomTexts(20, 10000, 4);
  auto source_small = WriteTexts("small.txt", small);
  auto source_big = WriteTexts("big.txt", big);
  ASSERT_NE(source_small, nullptr);
  ASSERT_NE(source_big, nullptr);
  auto merged = Write("merged.txt", [&](StoredTextEncoder& encoder) {
    ASSERT_TRUE(encoder.Add("t0").ok());
    ASSERT_TRUE(encoder.Add("t1").ok());
    ASSERT_TRUE(AppendAllBlocks(*source_small, &encoder).ok());
    ASSERT_TRUE(encoder.Add("t2").ok());
    ASSERT_TRUE(AppendAllBlocks(*source_big, &encoder).ok());
    ASSERT_TRUE(encoder.Add("t3").ok());
  });
  ASSERT_NE(merged, nullptr);

  std::vector<std::string> expected = {"t0", "t1"};
  expected.insert(expected.end(), small.begin(), small.end());
  expected.push_back("t2");
  expected.insert(expected.end(), big.begin(), big.end());
  expected.push_back("t3");
  ExpectTexts(*merged, expected);

  // Blocks: {t0,t1} | small's | {t2} | big's three | {t3}.
  const std::vector<DocId> first_entries = {0, 2, 5, 6, 13, 20, 26};
  ASSERT_EQ(merged->block_count(), first_entries.size());
  for (uint32_t b = 0; b < first_entries.size(); ++b) {
    EXPECT_EQ(merged->Block(b).first_entry, first_entries[b]) << "block " << b;
  }
  EXPECT_EQ(merged->CompressedBlock(1), source_small->CompressedBlock(0));
  for (uint32_t b = 0; b < 3; ++b) {
    EXPECT_EQ(merged->CompressedBlock(3 + b), source_big->CompressedBlock(b)) << b;
  }
}

TEST_F(StoredTextTest, AppendBlocksOfEmptySourceAddsNothing) {
  auto empty = WriteTexts("empty.txt", {});
  ASSERT_NE(empty, nullptr);
  auto merged = Write("merged.txt", [&](StoredTextEncoder& encoder) {
    ASSERT_TRUE(AppendAllBlocks(*empty, &encoder).ok());
    ASSERT_TRUE(encoder.Add("only").ok());
    ASSERT_TRUE(AppendAllBlocks(*empty, &encoder).ok());
  });
  ASSERT_NE(merged, nullptr);
  ExpectTexts(*merged, {"only"});
  EXPECT_EQ(merged->block_count(), 1u);
}

// A stored-text body with `blocks` as the block area and one record.
std::string RawStoredBody(std::string_view blocks, const StoredText::BlockRecord& r,
                          uint32_t reserved, uint32_t doc_count) {
  std::string body(blocks);
  PutFixed32(&body, r.first_entry);
  PutFixed32(&body, r.raw_size);
  PutFixed64(&body, r.offset);
  PutFixed32(&body, r.compressed_size);
  PutFixed32(&body, reserved);
  PutFixed32(&body, doc_count);
  PutFixed32(&body, 1);
  return body;
}

TEST_F(StoredTextTest, OpenRejectsMalformedBlockTables) {
  const std::string truncated = "1234567";
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(truncated).status()));

  std::string no_room;  // 1 block announced, no record
  PutFixed32(&no_room, 1);
  PutFixed32(&no_room, 1);
  auto status = OpenBody(no_room).status();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_TRUE(Mentions(status, path())) << status;

  std::string no_blocks;  // documents but no blocks
  PutFixed32(&no_blocks, 3);
  PutFixed32(&no_blocks, 0);
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(no_blocks).status()));

  // A block reaching past the block area, and one whose first document is
  // not a document of the file.
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(RawStoredBody("abc", {0, 3, 1, 3}, 0, 1)).status()));
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(RawStoredBody("abc", {1, 3, 0, 3}, 0, 1)).status()));
}

TEST_F(StoredTextTest, OpenRejectsBlockOffsetThatWrapsAround) {
  const std::string body = RawStoredBody("abc", {0, 3, UINT64_MAX, 1}, 0, 1);
  auto stored = OpenBody(body);
  EXPECT_TRUE(absl::IsDataLoss(stored.status())) << stored.status();
}

TEST_F(StoredTextTest, OpenRejectsNonzeroReserved) {
  auto good = WriteTexts("good.txt", {"text"});
  ASSERT_NE(good, nullptr);
  const StoredText::BlockRecord r = good->Block(0);
  const std::string blocks(good->CompressedBlock(0));
  ASSERT_TRUE(OpenBody(RawStoredBody(blocks, r, 0, 1)).ok());
  auto stored = OpenBody(RawStoredBody(blocks, r, 1, 1));
  EXPECT_TRUE(absl::IsDataLoss(stored.status())) << stored.status();
}

TEST_F(StoredTextTest, BlockThatDoesNotDecompressIsDataLoss) {
  auto good = WriteTexts("good.txt", {"text one", "text two"});
  ASSERT_NE(good, nullptr);
  std::string blocks(good->CompressedBlock(0));
  blocks[0] ^= 0x55;  // the zstd frame's magic number
  auto stored = OpenBody(RawStoredBody(blocks, good->Block(0), 0, 2));
  ASSERT_TRUE(stored.ok()) << stored.status();
  const absl::Status get = (*stored)->Get(1).status();
  EXPECT_TRUE(absl::IsDataLoss(get)) << get;
  EXPECT_TRUE(Mentions(get, path())) << get;
  EXPECT_TRUE(Mentions(get, "does not decompress")) << get;
  EXPECT_TRUE(absl::IsDataLoss((*stored)->Verify()));
}

TEST_F(StoredTextTest, VerifyFindsMissingAndExtraDocuments) {
  auto good = WriteTexts("good.txt", {"text one", "text two"});
  ASSERT_NE(good, nullptr);
  const std::string blocks(good->CompressedBlock(0));
  // The suffix claims 3 documents; the block holds 2.
  auto more = OpenBody(RawStoredBody(blocks, good->Block(0), 0, 3));
  ASSERT_TRUE(more.ok()) << more.status();
  EXPECT_TRUE(Mentions((*more)->Verify(), "lacks entry 2")) << (*more)->Verify();
  EXPECT_TRUE(absl::IsDataLoss((*more)->Get(2).status()));
  // The suffix claims 1 document; the block holds 2.
  auto fewer = OpenBody(RawStoredBody(blocks, good->Block(0), 0, 1));
  ASSERT_TRUE(fewer.ok()) << fewer.status();
  EXPECT_TRUE(Mentions((*fewer)->Verify(), "extra bytes")) << (*fewer)->Verify();
}

TEST_F(StoredTextTest, WrongRawSizeIsDataLoss) {
  auto good = WriteTexts("good.txt", {"text one"});
  ASSERT_NE(good, nullptr);
  StoredText::BlockRecord r = good->Block(0);
  r.raw_size += 1;
  auto stored = OpenBody(RawStoredBody(std::string(good->CompressedBlock(0)), r, 0, 1));
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(absl::IsDataLoss((*stored)->Get(0).status()));
}

// ---- Sketch table -----------------------------------------------------------

// Three passages (0 and 2 signed), two documents, sketches of the format's
// widths, each filled with one letter so that they can be told apart.
SketchTableContents SampleSketches() {
  SketchTableContents c;
  c.content_hashes = {0x0102030405060708ULL, 7, 0x0102030405060708ULL};
  c.document_sketches =
      std::string(format::kDocumentSketchBins, 'a') + std::string(format::kDocumentSketchBins, 'w');
  c.signed_passages = {0, 2};
  c.passage_sketches =
      std::string(format::kPassageSketchBins, 'P') + std::string(format::kPassageSketchBins, 'R');
  return c;
}

class SketchTableTest : public ::testing::Test {
 protected:
  absl::StatusOr<std::unique_ptr<SketchTable>> OpenBody(std::string_view body) {
    return SketchTable::Open(WriteAndMap(path(), FileKind::kSketches, body));
  }
  std::string path() const { return dir_.PathOf("t.dup"); }
  ScratchDir dir_{"syndex_tables"};
};

TEST_F(SketchTableTest, ContentsRoundTrip) {
  auto table = OpenBody(EncodeSketchTable(SampleSketches()));
  ASSERT_TRUE(table.ok()) << table.status();
  const SketchTable& t = **table;
  EXPECT_TRUE(t.Verify().ok()) << t.Verify();
  ASSERT_EQ(t.passage_count(), 3u);
  ASSERT_EQ(t.document_count(), 2u);
  ASSERT_EQ(t.signed_count(), 2u);
  EXPECT_EQ(t.document_bins(), format::kDocumentSketchBins);
  EXPECT_EQ(t.passage_bins(), format::kPassageSketchBins);
  EXPECT_EQ(t.ContentHash(0), 0x0102030405060708ULL);
  EXPECT_EQ(t.ContentHash(1), 7u);
  EXPECT_EQ(t.ContentHash(2), t.ContentHash(0));
  EXPECT_EQ(t.DocumentSketch(0), std::string(format::kDocumentSketchBins, 'a'));
  EXPECT_EQ(t.DocumentSketch(1), std::string(format::kDocumentSketchBins, 'w'));
  EXPECT_EQ(t.SignedPassage(0), 0u);
  EXPECT_EQ(t.SignedPassage(1), 2u);
  EXPECT_EQ(t.PassageSketch(0), std::string(format::kPassageSketchBins, 'P'));
  EXPECT_EQ(t.PassageSketch(1), std::string(format::kPassageSketchBins, 'R'));
}

TEST_F(SketchTableTest, EncodingFollowsTheFormat) {
  static_assert(format::kDocumentSketchBins == 64 && format::kPassageSketchBins == 32);
  const std::string bytes = EncodeSketchTable(SampleSketches());
  ASSERT_EQ(bytes.size(), format::kSketchPrefixSize + 3 * 8 + 2 * 64 + 2 * 4 + 2 * 32);
  // passage_count 3 | doc_count 2 | signed_count 2 | 64 | 32 | reserved.
  EXPECT_EQ(bytes.substr(0, format::kSketchPrefixSize),
            std::string_view("\3\0\0\0\2\0\0\0\2\0\0\0\x40\x20\0\0", 16));
  size_t at = format::kSketchPrefixSize;
  EXPECT_EQ(bytes.substr(at, 16),
            std::string_view("\x08\x07\x06\x05\x04\x03\x02\x01\x07\0\0\0\0\0\0\0", 16));
  at += 3 * 8;
  EXPECT_EQ(bytes.substr(at, 128), std::string(64, 'a') + std::string(64, 'w'));
  at += 128;
  EXPECT_EQ(bytes.substr(at, 8), std::string_view("\0\0\0\0\2\0\0\0", 8));
  at += 8;
  EXPECT_EQ(bytes.substr(at), std::string(32, 'P') + std::string(32, 'R'));
}

TEST_F(SketchTableTest, DefaultsAreTheFormatsWidths) {
  SketchTableContents c;
  EXPECT_EQ(c.document_bins, format::kDocumentSketchBins);
  EXPECT_EQ(c.passage_bins, format::kPassageSketchBins);
}

// Sketches of other widths could not be compared with those of other
// segments when merging.
TEST_F(SketchTableTest, OpenRejectsOtherWidths) {
  SketchTableContents narrow;
  narrow.content_hashes = {1, 2};
  narrow.document_bins = 4;
  narrow.passage_bins = 2;
  narrow.document_sketches = "abcd";
  narrow.signed_passages = {1};
  narrow.passage_sketches = "PQ";
  auto table = OpenBody(EncodeSketchTable(narrow));
  EXPECT_TRUE(absl::IsDataLoss(table.status())) << table.status();
  EXPECT_TRUE(Mentions(table.status(), path())) << table.status();
  EXPECT_TRUE(Mentions(table.status(), "bins")) << table.status();
}

TEST_F(SketchTableTest, EmptyTable) {
  auto table = OpenBody(EncodeSketchTable(SketchTableContents{}));
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ((*table)->passage_count(), 0u);
  EXPECT_EQ((*table)->document_count(), 0u);
  EXPECT_TRUE((*table)->Verify().ok());
}

TEST_F(SketchTableTest, OpenRejectsSizesThatDoNotAddUp) {
  const std::string body = EncodeSketchTable(SampleSketches());
  for (const std::string& damaged :
       {body.substr(0, body.size() - 1), body + "x", body.substr(0, format::kSketchPrefixSize - 1),
        std::string()}) {
    auto table = OpenBody(damaged);
    EXPECT_TRUE(absl::IsDataLoss(table.status())) << damaged.size() << ": " << table.status();
    EXPECT_TRUE(Mentions(table.status(), path())) << table.status();
  }
  // A passage count whose hashes would reach far past the body.
  std::string huge = body;
  huge[3] = '\x40';
  EXPECT_TRUE(absl::IsDataLoss(OpenBody(huge).status()));
}

TEST_F(SketchTableTest, OpenRejectsNonzeroReserved) {
  std::string body = EncodeSketchTable(SampleSketches());
  body[15] = 1;
  auto table = OpenBody(body);
  EXPECT_TRUE(absl::IsDataLoss(table.status())) << table.status();
  EXPECT_TRUE(Mentions(table.status(), "reserved")) << table.status();
}

TEST_F(SketchTableTest, VerifyRejectsSignedPassagesOutOfOrderOrRange) {
  SketchTableContents unordered = SampleSketches();
  unordered.signed_passages = {2, 0};
  SketchTableContents repeated = SampleSketches();
  repeated.signed_passages = {2, 2};
  SketchTableContents beyond = SampleSketches();
  beyond.signed_passages = {0, 3};
  for (const SketchTableContents& c : {unordered, repeated, beyond}) {
    auto table = OpenBody(EncodeSketchTable(c));
    ASSERT_TRUE(table.ok()) << table.status();
    const absl::Status status = (*table)->Verify();
    EXPECT_TRUE(absl::IsDataLoss(status)) << status;
    EXPECT_TRUE(Mentions(status, "signed passage 1")) << status;
    EXPECT_TRUE(Mentions(status, path())) << status;
  }
}

}  // namespace
}  // namespace syndex
