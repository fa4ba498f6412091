// Merging segments must give the same segment as merging one segment built
// from all their documents in input order: same dictionary, same postings
// (after renumbering), same tables, sketches and stored text. Both sides go
// through PlanDedup, which decides copies across segments, boilerplate and
// near-duplicate clusters over all the documents, so everything it decides
// must come out the same however the documents were split into segments.
// (A raw builder segment is not the reference: it has no boilerplate flags
// and no near-duplicate clusters; MergingOneSegmentKeepsWhatTheBuilderWrote
// checks what a merge must leave as the builder wrote it.)
#include "indexer/segment_merger.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/segment_builder.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using testing::AnalyzeDocuments;
using testing::BuildMergedSegment;
using testing::BuildSegment;
using testing::Corpus;
using testing::LoadSeedCorpus;
using testing::NormalizeSpace;
using testing::SourceText;
using testing_internal::ScratchDir;

// ---- Comparing two segments --------------------------------------------------

void ExpectSameTermInfo(const TermInfo& a, const TermInfo& b) {
  EXPECT_EQ(a.doc_freq, b.doc_freq);
  EXPECT_EQ(a.document_count, b.document_count);
  EXPECT_EQ(a.content_freq, b.content_freq);
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
    const BlockImpacts ix = x.block_impacts(), iy = y.block_impacts();
    EXPECT_EQ(std::tie(ix.low.tf, ix.low.length, ix.high.tf, ix.high.length),
              std::tie(iy.low.tf, iy.low.length, iy.high.tf, iy.high.length))
        << "id " << x.id();
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

// Which parts of the passage records to compare.
enum class Dedup { kCompare, kIgnore };

void ExpectSamePassages(const PassageTable& a, const PassageTable& b, Dedup dedup) {
  ASSERT_EQ(a.size(), b.size());
  // Boilerplate flags and groups are decided by the merge alone.
  const uint8_t flags =
      dedup == Dedup::kCompare ? 0xff : static_cast<uint8_t>(~format::kPassageBoilerplate);
  for (PassageId p = 0; p < a.size(); ++p) {
    const PassageRecord x = a.Get(p), y = b.Get(p);
    EXPECT_EQ(x.doc, y.doc) << "passage " << p;
    EXPECT_EQ(x.start, y.start) << "passage " << p;
    EXPECT_EQ(x.end, y.end) << "passage " << p;
    EXPECT_EQ(x.length, y.length) << "passage " << p;
    EXPECT_EQ(x.flags & flags, y.flags & flags) << "passage " << p;
    EXPECT_EQ(x.line_words, y.line_words) << "passage " << p;
    EXPECT_EQ(a.ContentOf(p), b.ContentOf(p)) << "passage " << p;
    if (dedup == Dedup::kCompare) {
      EXPECT_EQ(x.group, y.group) << "passage " << p;
    }
  }
  if (dedup == Dedup::kIgnore) return;
  ASSERT_EQ(a.group_count(), b.group_count());
  ASSERT_EQ(a.member_count(), b.member_count());
  for (uint32_t g = 0; g < a.group_count(); ++g) {
    EXPECT_EQ(a.Group(g).first_member, b.Group(g).first_member) << "group " << g;
    EXPECT_EQ(a.Group(g).member_count, b.Group(g).member_count) << "group " << g;
    EXPECT_EQ(a.Group(g).outlet_count, b.Group(g).outlet_count) << "group " << g;
  }
  for (uint32_t m = 0; m < a.member_count(); ++m) {
    EXPECT_EQ(a.Member(m).passage, b.Member(m).passage) << "member " << m;
    EXPECT_EQ(a.Member(m).content, b.Member(m).content) << "member " << m;
  }
}

void ExpectSameDocuments(const DocumentTable& a, const DocumentTable& b, Dedup dedup) {
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
    if (dedup == Dedup::kIgnore) continue;
    EXPECT_EQ(x.canonical, y.canonical) << "document " << d;
    EXPECT_EQ(x.cluster, y.cluster) << "document " << d;
    EXPECT_EQ(x.next_in_cluster, y.next_in_cluster) << "document " << d;
  }
}

void ExpectSameStoredText(const StoredText& a, const StoredText& b) {
  ASSERT_EQ(a.size(), b.size());
  for (PassageId p = 0; p < a.size(); ++p) {
    auto x = a.Get(p);
    auto y = b.Get(p);
    ASSERT_TRUE(x.ok() && y.ok()) << x.status() << " " << y.status();
    EXPECT_TRUE(*x == *y) << "passage " << p;
  }
}

void ExpectSameSketches(const SketchTable& a, const SketchTable& b) {
  ASSERT_EQ(a.passage_count(), b.passage_count());
  ASSERT_EQ(a.document_count(), b.document_count());
  ASSERT_EQ(a.signed_count(), b.signed_count());
  EXPECT_EQ(a.document_bins(), b.document_bins());
  EXPECT_EQ(a.passage_bins(), b.passage_bins());
  for (PassageId p = 0; p < a.passage_count(); ++p) {
    EXPECT_EQ(a.ContentHash(p), b.ContentHash(p)) << "passage " << p;
  }
  for (DocId d = 0; d < a.document_count(); ++d) {
    EXPECT_EQ(a.DocumentSketch(d), b.DocumentSketch(d)) << "document " << d;
  }
  for (uint32_t i = 0; i < a.signed_count(); ++i) {
    EXPECT_EQ(a.SignedPassage(i), b.SignedPassage(i)) << "signed " << i;
    EXPECT_EQ(a.PassageSketch(i), b.PassageSketch(i)) << "signed " << i;
  }
}

void ExpectSameSegment(const Segment& merged, const Segment& single, Dedup dedup) {
  EXPECT_EQ(merged.info().doc_count, single.info().doc_count);
  EXPECT_EQ(merged.info().passage_count, single.info().passage_count);
  EXPECT_EQ(merged.info().token_count, single.info().token_count);
  EXPECT_EQ(merged.info().content_count, single.info().content_count);
  EXPECT_EQ(merged.info().content_token_count, single.info().content_token_count);
  ExpectSameDictionaryAndPostings(merged, single);
  ExpectSamePassages(merged.passages(), single.passages(), dedup);
  ExpectSameDocuments(merged.documents(), single.documents(), dedup);
  ExpectSameStoredText(merged.stored_text(), single.stored_text());
  ExpectSameSketches(merged.sketches(), single.sketches());
}

struct BlockCounts {
  uint32_t input = 0;      // stored-text blocks of all the inputs
  uint32_t rewritten = 0;  // of those, holding a passage the merge made a copy
};

// Every block of every input that holds no passage the merge made a copy
// (a distinct text in its input, a copy in the merged segment) is in the
// merged file byte for byte, with its entries renumbered.
BlockCounts ExpectUntouchedBlocksCopied(const std::vector<const Segment*>& inputs,
                                        const Segment& merged) {
  const StoredText& out = merged.stored_text();
  std::map<uint32_t, uint32_t> block_at;  // first entry -> merged block
  for (uint32_t b = 0; b < out.block_count(); ++b) block_at[out.Block(b).first_entry] = b;
  BlockCounts counts;
  PassageId base = 0;
  for (const Segment* s : inputs) {
    const StoredText& in = s->stored_text();
    counts.input += in.block_count();
    for (uint32_t b = 0; b < in.block_count(); ++b) {
      bool new_copies = false;
      for (uint32_t e = in.Block(b).first_entry; e < in.BlockEnd(b); ++e) {
        new_copies |= !s->passages().Get(e).is_copy() && merged.passages().Get(base + e).is_copy();
      }
      if (new_copies) {
        ++counts.rewritten;
        continue;
      }
      auto it = block_at.find(base + in.Block(b).first_entry);
      EXPECT_NE(it, block_at.end()) << s->info().name << " block " << b << " was not copied";
      if (it == block_at.end()) continue;
      EXPECT_EQ(out.CompressedBlock(it->second), in.CompressedBlock(b))
          << s->info().name << " block " << b << " was recompressed";
      EXPECT_EQ(out.BlockEnd(it->second), base + in.BlockEnd(b));
    }
    base += s->passages().size();
  }
  return counts;
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
  // result against the merge of one segment built from the groups'
  // documents in order. Returns the inputs' blocks of stored text and how
  // many held passages the merge made copies (the others must be copied
  // verbatim).
  BlockCounts ExpectMergeEqualsMergeOfOneBuild(const std::vector<Corpus>& groups) {
    std::vector<std::unique_ptr<Segment>> inputs;
    std::vector<const Segment*> pointers;
    Corpus all;
    for (const Corpus& group : groups) {
      auto segment = BuildSegment(dir_.path(), NextName(), group);
      EXPECT_TRUE(segment.ok()) << segment.status();
      if (!segment.ok()) return {};
      pointers.push_back(segment->get());
      inputs.push_back(std::move(*segment));
      all.Append(group);
    }
    MergeStats stats;
    auto merged_info = MergeSegments(pointers, dir_.path(), "merged", MergeOptions{}, &stats);
    EXPECT_TRUE(merged_info.ok()) << merged_info.status();
    if (!merged_info.ok()) return {};
    EXPECT_EQ(merged_info->name, "merged");
    auto merged = Segment::Open(dir_.path(), *merged_info);
    EXPECT_TRUE(merged.ok()) << merged.status();
    if (!merged.ok()) return {};
    EXPECT_TRUE((*merged)->Verify().ok()) << (*merged)->Verify();
    auto single = BuildMergedSegment(dir_.path(), NextName(), all, DedupOptions{});
    EXPECT_TRUE(single.ok()) << single.status();
    if (!single.ok()) return {};
    EXPECT_TRUE((*single)->Verify().ok()) << (*single)->Verify();
    ExpectSameSegment(**merged, **single, Dedup::kCompare);
    const BlockCounts blocks = ExpectUntouchedBlocksCopied(pointers, **merged);
    EXPECT_EQ(stats.blocks_rewritten, blocks.rewritten);
    EXPECT_EQ(stats.blocks_copied + stats.blocks_rewritten, blocks.input);
    return blocks;
  }

  std::string NextName() { return StrCat("seg", ++segments_); }
  const Corpus& corpus() const { return *corpus_; }

  static Corpus* corpus_;
  ScratchDir dir_;
  int segments_ = 0;
};

Corpus* SegmentMergerTest::corpus_ = nullptr;

// The seed corpus ten times over: every document from the sixth on is an
// exact copy of an earlier one, in the same segment or in an earlier one.
TEST_F(SegmentMergerTest, ThreeSegmentsEqualOneBuild) {
  ASSERT_EQ(corpus().raw.size(), 50u);
  const BlockCounts blocks = ExpectMergeEqualsMergeOfOneBuild(
      {corpus().Slice(0, 17), corpus().Slice(17, 30), corpus().Slice(30, 50)});
  EXPECT_GT(blocks.rewritten, 0u) << "segments 2 and 3 hold only copies of segment 1's texts";
}

TEST_F(SegmentMergerTest, InputOrderDecidesNumbering) {
  ExpectMergeEqualsMergeOfOneBuild({corpus().Slice(25, 50), corpus().Slice(0, 25)});
}

TEST_F(SegmentMergerTest, ManySmallSegments) {
  std::vector<Corpus> groups;
  for (size_t d = 0; d < 12; ++d) groups.push_back(corpus().Slice(d, d + 1));
  ExpectMergeEqualsMergeOfOneBuild(groups);
}

TEST_F(SegmentMergerTest, OneSegmentIsCopied) {
  const BlockCounts blocks = ExpectMergeEqualsMergeOfOneBuild({corpus().Slice(0, 20)});
  EXPECT_GT(blocks.input, 0u);
  EXPECT_EQ(blocks.rewritten, 0u) << "one segment has no copies it does not know of";
}

TEST_F(SegmentMergerTest, EmptySegmentsAddNothing) {
  ExpectMergeEqualsMergeOfOneBuild(
      {Corpus{}, corpus().Slice(0, 5), Corpus{}, corpus().Slice(5, 8)});
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
  ExpectMergeEqualsMergeOfOneBuild({corpus().Slice(0, 7), corpus().Slice(7, 50)});
}

// Within a budget too small for both at once, the merge decides clusters
// before merging postings instead of beside them: the files must not change.
TEST_F(SegmentMergerTest, ClustersDecidedFirstWithinATightBudgetGiveTheSameFiles) {
  std::vector<std::unique_ptr<Segment>> inputs;
  std::vector<const Segment*> pointers;
  for (auto [begin, end] : {std::pair{0, 17}, {17, 30}, {30, 50}}) {
    auto segment = BuildSegment(dir_.path(), NextName(), corpus().Slice(begin, end));
    ASSERT_TRUE(segment.ok()) << segment.status();
    pointers.push_back(segment->get());
    inputs.push_back(std::move(*segment));
  }
  EXPECT_TRUE(MayClusterBesidePostings(pointers, 0)) << "0 is no limit";
  EXPECT_TRUE(MayClusterBesidePostings(pointers, size_t{1} << 30));
  EXPECT_FALSE(MayClusterBesidePostings(pointers, 1 << 10));
  MergeStats beside, first;
  auto unlimited = MergeSegments(pointers, dir_.path(), "beside", MergeOptions{}, &beside);
  ASSERT_TRUE(unlimited.ok()) << unlimited.status();
  auto tight = MergeSegments(
      pointers, dir_.path(), "first",
      MergeOptions{
          .dedup = DedupOptions{}, .threads = 1, .memory_budget = 1 << 10, .deletions = {}},
      &first);
  ASSERT_TRUE(tight.ok()) << tight.status();
  EXPECT_TRUE(beside.clusters_beside_postings);
  EXPECT_FALSE(first.clusters_beside_postings);
  for (format::FileKind kind : format::kSegmentFileKinds) {
    SCOPED_TRACE(format::Extension(kind));
    const std::string expected = testing::ReadFile(Segment::FilePath(dir_.path(), "beside", kind));
    EXPECT_FALSE(expected.empty());
    EXPECT_TRUE(testing::ReadFile(Segment::FilePath(dir_.path(), "first", kind)) == expected);
  }
  auto merged = Segment::Open(dir_.path(), *tight);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_TRUE((*merged)->Verify().ok()) << (*merged)->Verify();
}

// Merging one segment (as Commit does) adds boilerplate flags, groups of
// near duplicates and document clusters, and must leave everything else as
// the builder wrote it.
TEST_F(SegmentMergerTest, MergingOneSegmentKeepsWhatTheBuilderWrote) {
  const Corpus c = corpus().Slice(0, 20);
  auto built = BuildSegment(dir_.path(), NextName(), c);
  ASSERT_TRUE(built.ok()) << built.status();
  auto info = MergeSegments({built->get()}, dir_.path(), NextName(), MergeOptions{});
  ASSERT_TRUE(info.ok()) << info.status();
  auto merged = Segment::Open(dir_.path(), *info);
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_TRUE((*merged)->Verify().ok()) << (*merged)->Verify();
  ExpectSameSegment(**merged, **built, Dedup::kIgnore);
  // The seed corpus has edge chrome ("[ad_1]", "Source link") and its
  // copies are exact duplicate documents: the merge found both.
  uint32_t boilerplate = 0;
  for (PassageId p = 0; p < (*merged)->passages().size(); ++p) {
    boilerplate += (*merged)->passages().Get(p).is_boilerplate();
  }
  EXPECT_GT(boilerplate, 0u);
  EXPECT_EQ((*merged)->documents().Get(5).canonical, 0u);
}

// Real articles, mostly distinct, so most blocks are copied verbatim; the
// BBC collection also holds some exact duplicate articles.
TEST_F(SegmentMergerTest, SharedNewsCorpusSplitThreeWays) {
  const std::string path = testing::SharedDir() + "/news/bbc/articles.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  absl::StatusOr<std::vector<RawDocument>> docs = testing::ReadDocuments(path, 600);
  ASSERT_TRUE(docs.ok()) << docs.status();
  ASSERT_EQ(docs->size(), 600u);
  const Corpus bbc = AnalyzeDocuments(std::move(*docs));
  const BlockCounts blocks = ExpectMergeEqualsMergeOfOneBuild(
      {bbc.Slice(0, 250), bbc.Slice(250, 420), bbc.Slice(420, 600)});
  EXPECT_GT(blocks.input, 10u);
  EXPECT_LT(blocks.rewritten * 2, blocks.input)
      << "most blocks of distinct articles hold no cross-segment copy";
}

TEST_F(SegmentMergerTest, MergedSegmentInfoSumsInputs) {
  auto a = BuildSegment(dir_.path(), "a", corpus().Slice(0, 3));
  auto b = BuildSegment(dir_.path(), "b", corpus().Slice(3, 5));
  ASSERT_TRUE(a.ok() && b.ok());
  auto merged = MergeSegments({a->get(), b->get()}, dir_.path(), "ab", MergeOptions{});
  ASSERT_TRUE(merged.ok()) << merged.status();
  EXPECT_EQ(merged->doc_count, 5u);
  EXPECT_EQ(merged->passage_count, (*a)->info().passage_count + (*b)->info().passage_count);
  EXPECT_EQ(merged->token_count, (*a)->info().token_count + (*b)->info().token_count);
  // Contents: the distinct texts of all five documents, counted here.
  const Corpus five = corpus().Slice(0, 5);
  std::set<std::string> texts;
  uint64_t content_tokens = 0;
  for (DocId d = 0; d < five.raw.size(); ++d) {
    for (const AnalyzedPassage& p : five.analyzed[d].passages) {
      if (texts.insert(NormalizeSpace(SourceText(five, d, p))).second) {
        content_tokens += p.tokens.size();
      }
    }
  }
  EXPECT_EQ(merged->content_count, texts.size());
  EXPECT_EQ(merged->content_token_count, content_tokens);
  // The inputs are unchanged and still verify.
  EXPECT_TRUE((*a)->Verify().ok());
  EXPECT_TRUE((*b)->Verify().ok());
}

// The merge copies positions as bytes: a list whose positions do not
// decode must stop it with an error naming the term, not be copied. The
// checksum would catch the damage first, so the input is opened without.
TEST_F(SegmentMergerTest, PositionsThatDoNotDecodeStopTheMerge) {
  auto built = BuildSegment(dir_.path(), "damaged", corpus().Slice(0, 3));
  ASSERT_TRUE(built.ok()) << built.status();
  const SegmentInfo info = (*built)->info();
  built->reset();
  // The body's last byte ends the last varint of the last body list: with
  // its high bit set, that varint runs past the list.
  const std::string path = Segment::FilePath(dir_.path(), "damaged", format::FileKind::kPositions);
  std::string bytes = testing::ReadFile(path);
  const uint64_t body_end = format::CoveredSize(bytes.size());  // the chunk table follows
  ASSERT_GT(body_end, format::kHeaderSize);
  bytes[body_end - 1] |= static_cast<char>(0x80);
  testing::WriteFile(path, bytes);
  MappedFile::OpenOptions no_checksum;
  no_checksum.verify_checksum = false;
  auto damaged = Segment::Open(dir_.path(), info, no_checksum);
  ASSERT_TRUE(damaged.ok()) << damaged.status();
  auto merged = MergeSegments({damaged->get()}, dir_.path(), "merged", MergeOptions{});
  EXPECT_TRUE(absl::IsDataLoss(merged.status())) << merged.status();
  EXPECT_NE(merged.status().message().find("do not decode"), std::string::npos) << merged.status();
}

TEST_F(SegmentMergerTest, MergeIntoMissingDirectoryFails) {
  auto a = BuildSegment(dir_.path(), "a", corpus().Slice(0, 2));
  ASSERT_TRUE(a.ok());
  auto merged = MergeSegments({a->get()}, dir_.PathOf("missing"), "x", MergeOptions{});
  EXPECT_TRUE(absl::IsNotFound(merged.status())) << merged.status();
}

}  // namespace
}  // namespace syndex
