// Merging segments must give the same segment as building one from all
// their documents in input order: same dictionary, same postings (after
// renumbering), same tables and stored text.
#include "indexer/segment_merger.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/segment_builder.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using testing::BuildSegment;
using testing::Corpus;
using testing::LoadSeedCorpus;
using testing_internal::ScratchDir;

// ---- Comparing two segments --------------------------------------------------

void ExpectSameTermInfo(const TermInfo& a, const TermInfo& b) {
  EXPECT_EQ(a.doc_freq, b.doc_freq);
  EXPECT_EQ(a.document_count, b.document_count);
  EXPECT_EQ(a.total_freq, b.total_freq);
  EXPECT_EQ(a.max_tf, b.max_tf);
  EXPECT_EQ(a.min_length, b.min_length);
  EXPECT_EQ(a.postings_size, b.postings_size);
  EXPECT_EQ(a.positions_size, b.positions_size);
}

void ExpectSamePostings(const Segment& a, const TermInfo& a_info, const Segment& b,
                        const TermInfo& b_info, bool positions) {
  PostingsCursor x = a.Cursor(a_info);
  PostingsCursor y = b.Cursor(b_info);
  for (; x.id() != kEndId || y.id() != kEndId; x.Next(), y.Next()) {
    ASSERT_EQ(x.id(), y.id());
    EXPECT_EQ(x.tf(), y.tf()) << "id " << x.id();
    EXPECT_EQ(x.block_max_tf(), y.block_max_tf()) << "id " << x.id();
    EXPECT_EQ(x.block_last_id(), y.block_last_id()) << "id " << x.id();
    if (!positions) continue;
    std::span<const Position> px = x.Positions(), py = y.Positions();
    EXPECT_TRUE(std::equal(px.begin(), px.end(), py.begin(), py.end())) << "id " << x.id();
  }
  EXPECT_FALSE(x.corrupt() || y.corrupt());
}

void ExpectSameDictionaryAndPostings(const Segment& a, const Segment& b) {
  ASSERT_EQ(a.dictionary().size(), b.dictionary().size());
  for (size_t i = 0; i < a.dictionary().size(); ++i) {
    const DictionaryEntry x = a.dictionary().Entry(i);
    const DictionaryEntry y = b.dictionary().Entry(i);
    SCOPED_TRACE(std::string("term ") + std::string(x.term));
    ASSERT_EQ(x.field, y.field) << "entry " << i;
    ASSERT_EQ(x.term, y.term) << "entry " << i;
    ExpectSameTermInfo(x.info, y.info);
    ExpectSamePostings(a, x.info, b, y.info, x.field == format::Field::kBody);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

void ExpectSamePassages(const PassageTable& a, const PassageTable& b) {
  ASSERT_EQ(a.size(), b.size());
  for (PassageId p = 0; p < a.size(); ++p) {
    const PassageRecord x = a.Get(p), y = b.Get(p);
    EXPECT_EQ(x.doc, y.doc) << "passage " << p;
    EXPECT_EQ(x.start, y.start) << "passage " << p;
    EXPECT_EQ(x.end, y.end) << "passage " << p;
    EXPECT_EQ(x.length, y.length) << "passage " << p;
    EXPECT_EQ(x.flags, y.flags) << "passage " << p;
  }
}

void ExpectSameDocuments(const DocumentTable& a, const DocumentTable& b) {
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a.outlet_count(), b.outlet_count());
  for (DocId d = 0; d < a.size(); ++d) {
    const DocumentRecord x = a.Get(d), y = b.Get(d);
    EXPECT_EQ(x.first_passage, y.first_passage) << "document " << d;
    EXPECT_EQ(x.passage_count, y.passage_count) << "document " << d;
    EXPECT_EQ(x.length, y.length) << "document " << d;
    EXPECT_EQ(a.OutletName(x.outlet), b.OutletName(y.outlet)) << "document " << d;
    const DocumentMeta mx = a.Meta(d), my = b.Meta(d);
    EXPECT_EQ(mx.id, my.id) << "document " << d;
    EXPECT_EQ(mx.title, my.title) << "document " << d;
    EXPECT_EQ(mx.date, my.date) << "document " << d;
    EXPECT_EQ(mx.url, my.url) << "document " << d;
  }
}

void ExpectSameStoredText(const StoredText& a, const StoredText& b) {
  ASSERT_EQ(a.size(), b.size());
  for (DocId d = 0; d < a.size(); ++d) {
    auto x = a.Get(d);
    auto y = b.Get(d);
    ASSERT_TRUE(x.ok() && y.ok()) << x.status() << " " << y.status();
    EXPECT_TRUE(*x == *y) << "document " << d;
  }
}

void ExpectSameSegment(const Segment& merged, const Segment& single) {
  EXPECT_EQ(merged.info().doc_count, single.info().doc_count);
  EXPECT_EQ(merged.info().passage_count, single.info().passage_count);
  EXPECT_EQ(merged.info().token_count, single.info().token_count);
  ExpectSameDictionaryAndPostings(merged, single);
  ExpectSamePassages(merged.passages(), single.passages());
  ExpectSameDocuments(merged.documents(), single.documents());
  ExpectSameStoredText(merged.stored_text(), single.stored_text());
}

// ---- Fixture -----------------------------------------------------------------

class SegmentMergerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { corpus_ = new Corpus(LoadSeedCorpus(10)); }
  static void TearDownTestSuite() {
    delete corpus_;
    corpus_ = nullptr;
  }

  // Builds one segment per group, merges them in order, and checks the
  // result against one segment built from the groups' documents in order.
  void ExpectMergeEqualsSingleBuild(const std::vector<Corpus>& groups) {
    std::vector<std::unique_ptr<Segment>> inputs;
    std::vector<const Segment*> pointers;
    Corpus all;
    for (const Corpus& group : groups) {
      auto segment = BuildSegment(dir_.path(), NextName(), group);
      ASSERT_TRUE(segment.ok()) << segment.status();
      pointers.push_back(segment->get());
      inputs.push_back(std::move(*segment));
      all.Append(group);
    }
    auto merged_info = MergeSegments(pointers, dir_.path(), "merged");
    ASSERT_TRUE(merged_info.ok()) << merged_info.status();
    EXPECT_EQ(merged_info->name, "merged");
    auto merged = Segment::Open(dir_.path(), *merged_info);
    ASSERT_TRUE(merged.ok()) << merged.status();
    EXPECT_TRUE((*merged)->Verify().ok()) << (*merged)->Verify();
    auto single = BuildSegment(dir_.path(), NextName(), all);
    ASSERT_TRUE(single.ok()) << single.status();
    ExpectSameSegment(**merged, **single);

    uint32_t input_blocks = 0;
    for (const Segment* s : pointers) input_blocks += s->stored_text().block_count();
    EXPECT_EQ((*merged)->stored_text().block_count(), input_blocks)
        << "stored blocks are copied, not recompressed";
  }

  std::string NextName() { return StrCat("seg", ++segments_); }
  const Corpus& corpus() const { return *corpus_; }

  static Corpus* corpus_;
  ScratchDir dir_;
  int segments_ = 0;
};

Corpus* SegmentMergerTest::corpus_ = nullptr;

TEST_F(SegmentMergerTest, ThreeSegmentsEqualOneBuild) {
  ASSERT_EQ(corpus().raw.size(), 50u);
  ExpectMergeEqualsSingleBuild(
      {corpus().Slice(0, 17), corpus().Slice(17, 30), corpus().Slice(30, 50)});
}

TEST_F(SegmentMergerTest, InputOrderDecidesNumbering) {
  ExpectMergeEqualsSingleBuild({corpus().Slice(25, 50), corpus().Slice(0, 25)});
}

TEST_F(SegmentMergerTest, ManySmallSegments) {
  std::vector<Corpus> groups;
  for (size_t d = 0; d < 12; ++d) groups.push_back(corpus().Slice(d, d + 1));
  ExpectMergeEqualsSingleBuild(groups);
}

TEST_F(SegmentMergerTest, OneSegmentIsCopied) {
  ExpectMergeEqualsSingleBuild({corpus().Slice(0, 20)});
}

TEST_F(SegmentMergerTest, EmptySegmentsAddNothing) {
  ExpectMergeEqualsSingleBuild({Corpus{}, corpus().Slice(0, 5), Corpus{}, corpus().Slice(5, 8)});
}

TEST_F(SegmentMergerTest, ListsLongerThanABlockAreReblocked) {
  // 50 documents: frequent body terms have hundreds of postings, split
  // over segments at points that are not multiples of the block size.
  auto whole = BuildSegment(dir_.path(), NextName(), corpus());
  ASSERT_TRUE(whole.ok());
  uint32_t longest = 0;
  for (size_t i = 0; i < (*whole)->dictionary().size(); ++i) {
    longest = std::max(longest, (*whole)->dictionary().Entry(i).info.doc_freq);
  }
  ASSERT_GT(longest, 3 * format::kBlockSize) << "the corpus is too small for this test";
  ExpectMergeEqualsSingleBuild({corpus().Slice(0, 7), corpus().Slice(7, 50)});
}

TEST_F(SegmentMergerTest, MergedSegmentInfoSumsInputs) {
  auto a = BuildSegment(dir_.path(), "a", corpus().Slice(0, 3));
  auto b = BuildSegment(dir_.path(), "b", corpus().Slice(3, 5));
  ASSERT_TRUE(a.ok() && b.ok());
  auto merged = MergeSegments({a->get(), b->get()}, dir_.path(), "ab");
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->doc_count, 5u);
  EXPECT_EQ(merged->passage_count, (*a)->info().passage_count + (*b)->info().passage_count);
  EXPECT_EQ(merged->token_count, (*a)->info().token_count + (*b)->info().token_count);
  // The inputs are unchanged and still verify.
  EXPECT_TRUE((*a)->Verify().ok());
  EXPECT_TRUE((*b)->Verify().ok());
}

TEST_F(SegmentMergerTest, MergeIntoMissingDirectoryFails) {
  auto a = BuildSegment(dir_.path(), "a", corpus().Slice(0, 2));
  ASSERT_TRUE(a.ok());
  auto merged = MergeSegments({a->get()}, dir_.PathOf("missing"), "x");
  EXPECT_TRUE(absl::IsNotFound(merged.status())) << merged.status();
}

}  // namespace
}  // namespace syndex
