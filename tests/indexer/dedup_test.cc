// Deduplication end to end (docs/DEDUP.md), on small indexes of real news
// text whose duplicates are known by construction: paragraphs of the seed
// corpus (corpus/, five reports of the Biden-Putin call of 12 February 2022)
// shared between made-up articles, edited, or repeated as an outlet's
// chrome; and slices of ../shared/news where a test needs more articles
// than the seed has.
//
//  * builder: a paragraph carried twice is stored once and counted once;
//  * merge: copies across flushed segments, their stored text dropped;
//  * near duplicates: an edited paragraph, an edited article, the threshold;
//  * boilerplate: edge chrome, repetition within an outlet and its share;
//  * `indexer stats`: every dedup figure of a small committed index.
//
// Every segment built here must pass Segment::Verify.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/format.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "indexer/dedup_plan.h"
#include "indexer/document_source.h"
#include "indexer/index_stats.h"
#include "indexer/index_writer.h"
#include "indexer/minhash.h"
#include "indexer/segment_merger.h"
#include "tests/testing/documents.h"
#include "tests/testing/files.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using testing::AnalyzeDocuments;
using testing::BuildMergedSegment;
using testing::BuildSegment;
using testing::Corpus;
using testing::NormalizeSpace;
using testing::PassageText;
using testing::ScratchDir;
using testing::SourceText;

// ---- Real text -----------------------------------------------------------------

// The line of seed file `file` that starts with `prefix` (in corpus/ a
// paragraph is one line); a missing one is a test failure.
std::string SeedParagraph(std::string_view file, std::string_view prefix) {
  const std::string text = testing::ReadSeed(file);
  const size_t start = text.find(StrCat("\n", prefix));
  if (start == std::string::npos) {
    ADD_FAILURE() << file << " has no paragraph starting \"" << prefix << "\"";
    return std::string(prefix);
  }
  const size_t end = text.find('\n', start + 1);
  return text.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

// `text` with its only occurrence of `from` replaced by `to`.
std::string ReplaceOnce(std::string text, std::string_view from, std::string_view to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << from << " occurs twice";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

constexpr std::string_view kAlJazeera = "000_ee24dc4fe73d1ef1.txt";
constexpr std::string_view kFinancialTimes = "001_3d5b00776bf0b082.txt";
constexpr std::string_view kBloomberg = "002_67a2dd574633ebd7.txt";
constexpr std::string_view kTheNational = "003_aa27b1c8d01db12e.txt";
constexpr std::string_view kIndependent = "004_7b0deed04a0dd729.txt";

// Paragraphs of the seed corpus, by what they say.
struct Paragraphs {
  // 37 words, "critical" the 25th.
  std::string kremlin = SeedParagraph(kAlJazeera, "The Kremlin said Putin told Biden");
  std::string troops = SeedParagraph(kAlJazeera, "Washington and its allies have warned");
  std::string biden_quote = SeedParagraph(kAlJazeera, "“If Russia undertakes");
  std::string any_day_now = SeedParagraph(kAlJazeera, "‘Any day now’");  // a sub-heading
  std::string ushakov = SeedParagraph(kFinancialTimes, "Yuri Ushakov");
  std::string psaki = SeedParagraph(kTheNational, "“President Biden urged");
  std::string fourth_time = SeedParagraph(kTheNational, "The conversation marked");
  std::string pentagon = SeedParagraph(kIndependent, "The United States has moved");
  std::string macron = SeedParagraph(kIndependent, "Emmanuel Macron, the French president, and");
  // Outlet chrome: The Independent's donation prompt, Bloomberg's
  // (republished) subscription prompt.
  std::string donation = SeedParagraph(kIndependent, "At such a critical moment");
  std::string misinformation = SeedParagraph(kBloomberg, "In a time of both misinformation");
  std::string subscribing = SeedParagraph(kBloomberg, "By subscribing");
  // A title of the seed (corpus/meta.jsonl, 003).
  std::string title = "Biden and Putin warn of breach if no resolution reached on Ukraine tension";

  // `kremlin` as another outlet might run it: one word of 37 changed.
  std::string KremlinEdited() const { return ReplaceOnce(kremlin, "critical", "crucial"); }
};

const Paragraphs& Text() {
  static const Paragraphs* paragraphs = new Paragraphs();
  return *paragraphs;
}

// An article of `outlet` whose text is `paragraphs` separated by blank lines.
RawDocument Article(std::string id, std::string outlet, const std::vector<std::string>& paragraphs,
                    std::string title = "") {
  RawDocument doc;
  doc.id = std::move(id);
  doc.outlet = std::move(outlet);
  doc.title = std::move(title);
  doc.date = "2022-02-12";
  doc.origin = doc.id;
  for (const std::string& p : paragraphs) StrAppend(&doc.text, doc.text.empty() ? "" : "\n\n", p);
  return doc;
}

std::vector<std::string> Terms(std::string_view text) {
  Analyzer analyzer;
  return analyzer.Terms(text);
}

// The single term the analyzer makes of `word`.
std::string TermOf(std::string_view word) {
  const std::vector<std::string> terms = Terms(word);
  EXPECT_EQ(terms.size(), 1u) << word;
  return terms.empty() ? "" : terms[0];
}

// ---- Reading segments ------------------------------------------------------------

// Opens-and-verifies in one step for the tests below.
std::unique_ptr<Segment> Verified(absl::StatusOr<std::unique_ptr<Segment>> segment) {
  EXPECT_TRUE(segment.ok()) << segment.status();
  if (!segment.ok()) return nullptr;
  const absl::Status verify = (*segment)->Verify();
  EXPECT_TRUE(verify.ok()) << verify;
  return std::move(*segment);
}

std::unique_ptr<Segment> Build(const std::string& dir, const std::string& name,
                               const std::vector<RawDocument>& docs) {
  return Verified(BuildSegment(dir, name, AnalyzeDocuments(docs)));
}

// Built and merged alone, as a commit does.
std::unique_ptr<Segment> BuildAndMerge(const std::string& dir, const std::string& name,
                                       const std::vector<RawDocument>& docs,
                                       const DedupOptions& options = {}) {
  return Verified(BuildMergedSegment(dir, name, AnalyzeDocuments(docs), options));
}

// The passage of document `doc` made from `text` of `raw` (its title or its
// body), found by its byte range, not by what the segment stores.
PassageId FindPassage(const Segment& segment, const std::vector<RawDocument>& docs, DocId doc,
                      std::string_view text) {
  const DocumentRecord d = segment.documents().Get(doc);
  for (PassageId p = d.first_passage; p < d.first_passage + d.passage_count; ++p) {
    const PassageRecord r = segment.passages().Get(p);
    const std::string_view source = r.is_title() ? docs[doc].title : docs[doc].text;
    if (r.end <= source.size() && source.substr(r.start, r.end - r.start) == text) return p;
  }
  ADD_FAILURE() << "document " << doc << " has no passage \"" << text.substr(0, 40) << "...\"";
  return 0;
}

// The members of passage `p`'s group as (passage, content) pairs.
std::vector<std::pair<PassageId, PassageId>> GroupOf(const Segment& segment, PassageId p) {
  std::vector<std::pair<PassageId, PassageId>> out;
  for (const GroupMember& m : segment.passages().Members(segment.passages().Get(p).group)) {
    out.emplace_back(m.passage, m.content);
  }
  return out;
}

uint32_t OutletsOfGroupOf(const Segment& segment, PassageId p) {
  return segment.passages().Group(segment.passages().Get(p).group).outlet_count;
}

std::optional<TermInfo> Body(const Segment& segment, std::string_view word) {
  return segment.dictionary().Find(format::Field::kBody, TermOf(word));
}

uint32_t TokenCount(std::string_view text) { return static_cast<uint32_t>(Terms(text).size()); }

// The agreement of two signed passages' stored sketches, for messages.
std::string SketchAgreement(const Segment& segment, PassageId a, PassageId b) {
  const SketchTable& sketches = segment.sketches();
  std::string_view x, y;
  for (uint32_t i = 0; i < sketches.signed_count(); ++i) {
    if (sketches.SignedPassage(i) == a) x = sketches.PassageSketch(i);
    if (sketches.SignedPassage(i) == b) y = sketches.PassageSketch(i);
  }
  if (x.empty() || y.empty() || x.size() != y.size()) return "(not both signed)";
  uint32_t equal = 0;
  for (size_t i = 0; i < x.size(); ++i) equal += x[i] == y[i];
  return StrCat("sketches agree on ", equal, " of ", x.size(), " bins");
}

// ---- Builder ---------------------------------------------------------------------

TEST(DedupBuilder, SharedParagraphIsStoredAndCountedOnce) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  const std::vector<RawDocument> docs = {
      Article("a", "Al Jazeera", {t.troops, t.kremlin}),
      Article("b", "Reuters", {t.ushakov, t.troops}),
  };
  auto segment = Build(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  const PassageTable& passages = segment->passages();
  const PassageId first = FindPassage(*segment, docs, 0, t.troops);
  const PassageId copy = FindPassage(*segment, docs, 1, t.troops);
  ASSERT_LT(first, copy);

  EXPECT_FALSE(passages.Get(first).is_copy());
  EXPECT_TRUE(passages.Get(copy).is_copy());
  EXPECT_EQ(passages.ContentOf(copy), first);
  EXPECT_EQ(passages.ContentOf(first), first);
  EXPECT_EQ(*segment->stored_text().Get(first), t.troops);
  EXPECT_EQ(*segment->stored_text().Get(copy), "") << "a copy's text is its content's";
  EXPECT_EQ(*PassageText(*segment, copy), t.troops);
  // The two occurrences form a group; the other passages stand alone.
  EXPECT_EQ(GroupOf(*segment, copy),
            (std::vector<std::pair<PassageId, PassageId>>{{first, first}, {copy, first}}));
  EXPECT_EQ(OutletsOfGroupOf(*segment, copy), 2u);
  EXPECT_EQ(passages.Get(FindPassage(*segment, docs, 0, t.kremlin)).group, format::kNoGroup);
  EXPECT_EQ(passages.group_count(), 1u);

  // Every occurrence is indexed; ranking statistics count the text once.
  const std::optional<TermInfo> massed = Body(*segment, "massed");
  ASSERT_TRUE(massed.has_value());
  EXPECT_EQ(massed->doc_freq, 2u);
  EXPECT_EQ(massed->document_count, 2u);
  EXPECT_EQ(massed->content_freq, 1u);
  const std::optional<TermInfo> kremlin = Body(*segment, "Kremlin");
  ASSERT_TRUE(kremlin.has_value());
  EXPECT_EQ(kremlin->doc_freq, 1u);
  EXPECT_EQ(kremlin->content_freq, 1u);

  const SegmentInfo& info = segment->info();
  EXPECT_EQ(info.passage_count, 4u);
  EXPECT_EQ(info.content_count, 3u);
  EXPECT_EQ(info.token_count,
            2 * TokenCount(t.troops) + TokenCount(t.kremlin) + TokenCount(t.ushakov));
  EXPECT_EQ(info.content_token_count,
            TokenCount(t.troops) + TokenCount(t.kremlin) + TokenCount(t.ushakov));
}

TEST(DedupBuilder, CopiesAreEqualUpToWhiteSpaceOnly) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  // The same paragraph wrapped over two lines (one paragraph: the text
  // has blank lines between paragraphs) with a double space; and with one
  // word's case changed, which is another text (case counts for copies, so
  // a copy's stored text is exactly its own up to spacing).
  const std::string wrapped =
      ReplaceOnce(ReplaceOnce(t.troops, " which has", "\nwhich has"), "near ", "near  ");
  const std::string recased = ReplaceOnce(t.troops, "Washington", "WASHINGTON");
  const std::vector<RawDocument> docs = {
      Article("a", "Al Jazeera", {t.troops}),
      Article("b", "Reuters", {wrapped, t.ushakov}),
      Article("c", "AP", {recased}),
  };
  auto segment = Build(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  const PassageId first = FindPassage(*segment, docs, 0, t.troops);
  const PassageId wrapped_id = FindPassage(*segment, docs, 1, wrapped);
  const PassageId recased_id = FindPassage(*segment, docs, 2, recased);
  EXPECT_TRUE(segment->passages().Get(wrapped_id).is_copy());
  EXPECT_EQ(segment->passages().ContentOf(wrapped_id), first);
  EXPECT_EQ(*PassageText(*segment, wrapped_id), t.troops);
  EXPECT_FALSE(segment->passages().Get(recased_id).is_copy());
  EXPECT_EQ(*segment->stored_text().Get(recased_id), recased);
  EXPECT_EQ(segment->info().content_count, 3u);
}

TEST(DedupBuilder, TitlesAreTextsLikeAnyOther) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  // b runs a's headline; c quotes it as a paragraph under its own.
  const std::vector<RawDocument> docs = {
      Article("a", "The National", {t.psaki, t.fourth_time}, t.title),
      Article("b", "Gulf News", {t.macron}, t.title),
      Article("c", "Reuters", {t.title, t.pentagon}, "Pentagon pulls Florida guardsmen out"),
  };
  auto segment = Build(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  const PassageTable& passages = segment->passages();
  const PassageId a_title = FindPassage(*segment, docs, 0, t.title);
  const PassageId b_title = FindPassage(*segment, docs, 1, t.title);
  const PassageId c_quote = FindPassage(*segment, docs, 2, t.title);
  ASSERT_TRUE(passages.Get(a_title).is_title());
  ASSERT_TRUE(passages.Get(b_title).is_title());
  ASSERT_FALSE(passages.Get(c_quote).is_title());

  EXPECT_FALSE(passages.Get(a_title).is_copy());
  EXPECT_EQ(*segment->stored_text().Get(a_title), "") << "a title is kept in .doc";
  EXPECT_EQ(*PassageText(*segment, a_title), t.title);
  EXPECT_TRUE(passages.Get(b_title).is_copy());
  EXPECT_EQ(passages.ContentOf(b_title), a_title);
  // A body passage whose content is a title: its text is that title's.
  EXPECT_TRUE(passages.Get(c_quote).is_copy());
  EXPECT_EQ(passages.ContentOf(c_quote), a_title);
  EXPECT_EQ(*segment->stored_text().Get(c_quote), "");
  EXPECT_EQ(*PassageText(*segment, c_quote), t.title);
  EXPECT_EQ(GroupOf(*segment, a_title).size(), 3u);

  // Body postings count the headline's text once; title postings are of
  // documents and count every document.
  const std::optional<TermInfo> body = Body(*segment, "breach");
  ASSERT_TRUE(body.has_value());
  EXPECT_EQ(body->doc_freq, 3u);
  EXPECT_EQ(body->content_freq, 1u);
  const std::optional<TermInfo> title =
      segment->dictionary().Find(format::Field::kTitle, TermOf("breach"));
  ASSERT_TRUE(title.has_value());
  EXPECT_EQ(title->doc_freq, 2u);
  EXPECT_EQ(title->content_freq, 2u);
}

// ---- Merge -----------------------------------------------------------------------

TEST(DedupMerge, ParagraphInTwoFlushedSegmentsBecomesOneContent) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  const std::vector<RawDocument> first_docs = {
      Article("a0", "Al Jazeera", {t.biden_quote, t.troops}),
      Article("a1", "Financial Times", {t.ushakov}),
  };
  const std::vector<RawDocument> second_docs = {
      Article("b0", "Reuters", {t.pentagon, t.troops}),
      Article("b1", "Reuters", {t.troops, t.macron}),
      Article("b2", "The Independent", {t.psaki, t.troops}),
      Article("b3", "Al Jazeera", {t.fourth_time, t.troops}),
  };
  auto first = Build(dir.path(), "seg1", first_docs);
  auto second = Build(dir.path(), "seg2", second_docs);
  ASSERT_TRUE(first && second);
  // Within its segment, b0's occurrence was the text's first.
  ASSERT_FALSE(second->passages().Get(FindPassage(*second, second_docs, 0, t.troops)).is_copy());

  MergeStats stats;
  auto info =
      MergeSegments({first.get(), second.get()}, dir.path(), "merged", MergeOptions{}, &stats);
  ASSERT_TRUE(info.ok()) << info.status();
  auto merged = Verified(Segment::Open(dir.path(), *info));
  ASSERT_NE(merged, nullptr);
  std::vector<RawDocument> all = first_docs;
  all.insert(all.end(), second_docs.begin(), second_docs.end());

  const PassageId content = FindPassage(*merged, all, 0, t.troops);
  EXPECT_FALSE(merged->passages().Get(content).is_copy());
  EXPECT_EQ(*merged->stored_text().Get(content), t.troops);
  std::vector<std::pair<PassageId, PassageId>> occurrences = {{content, content}};
  for (DocId d = 2; d < 6; ++d) {
    const PassageId p = FindPassage(*merged, all, d, t.troops);
    occurrences.emplace_back(p, content);
    EXPECT_TRUE(merged->passages().Get(p).is_copy()) << "document " << d;
    EXPECT_EQ(merged->passages().ContentOf(p), content) << "document " << d;
    EXPECT_EQ(*merged->stored_text().Get(p), "") << "document " << d << ": text not dropped";
    EXPECT_EQ(*PassageText(*merged, p), t.troops) << "document " << d;
  }
  EXPECT_EQ(GroupOf(*merged, content), occurrences);
  // Al Jazeera, Reuters (twice), The Independent, Al Jazeera again.
  EXPECT_EQ(OutletsOfGroupOf(*merged, content), 3u);
  EXPECT_GE(stats.blocks_rewritten, 1u);

  EXPECT_EQ(info->content_count, first->info().content_count + second->info().content_count - 1);
  const std::optional<TermInfo> massed = Body(*merged, "massed");
  ASSERT_TRUE(massed.has_value());
  EXPECT_EQ(massed->doc_freq, 5u);
  EXPECT_EQ(massed->document_count, 5u);
  EXPECT_EQ(massed->content_freq, 1u);
}

TEST(DedupMerge, CopiesAcrossSegmentsShrinkTheStoredText) {
  ScratchDir dir("syndex_dedup");
  const Corpus twice = testing::LoadSeedCorpus(2);  // the seed, then the seed again
  auto first = Verified(BuildSegment(dir.path(), "seg1", twice.Slice(0, 5)));
  auto second = Verified(BuildSegment(dir.path(), "seg2", twice.Slice(5, 10)));
  ASSERT_TRUE(first && second);
  auto info = MergeSegments({first.get(), second.get()}, dir.path(), "merged", MergeOptions{});
  ASSERT_TRUE(info.ok()) << info.status();
  auto merged = Verified(Segment::Open(dir.path(), *info));
  ASSERT_NE(merged, nullptr);

  const PassageId half = first->passages().size();
  ASSERT_EQ(merged->passages().size(), 2 * half);
  for (PassageId p = half; p < 2 * half; ++p) {
    ASSERT_TRUE(merged->passages().Get(p).is_copy()) << "passage " << p;
    EXPECT_EQ(*merged->stored_text().Get(p), "") << "passage " << p;
    EXPECT_EQ(NormalizeSpace(*PassageText(*merged, p)),
              NormalizeSpace(*PassageText(*merged, p - half)))
        << "passage " << p;
  }
  EXPECT_EQ(info->content_count, first->info().content_count);
  for (DocId d = 5; d < 10; ++d) {
    EXPECT_EQ(merged->documents().Get(d).canonical, d - 5) << "an exact duplicate of " << d - 5;
  }
  // The second segment's text is all gone: what is left of it is a block of
  // empty entries.
  const uint64_t first_size = first->stored_text().file().file_size();
  const uint64_t second_size = second->stored_text().file().file_size();
  const uint64_t merged_size = merged->stored_text().file().file_size();
  EXPECT_LT(merged_size, first_size + second_size / 4)
      << first_size << " + " << second_size << " bytes merged into " << merged_size;
}

// ---- Near duplicates ---------------------------------------------------------------

// Three articles: a carries the Kremlin paragraph, b an edited copy of it;
// c shares nothing with them.
std::vector<RawDocument> EditedParagraphArticles() {
  const Paragraphs& t = Text();
  return {
      Article("a", "Al Jazeera", {t.troops, t.kremlin}),
      Article("b", "Middle East Eye", {t.KremlinEdited(), t.pentagon}),
      Article("c", "Reuters", {t.macron, t.fourth_time}),
  };
}

TEST(DedupNearDuplicates, TheEditedParagraphIsFarAboveTheThreshold) {
  // The premise of the tests below, from the text alone: one word of 37
  // changes 3 of 35 shingles, so J = 32 / 38 = 0.84; with 32 bins the
  // estimate's standard error is 0.065, so the default threshold 0.7 is
  // 2.2 errors below and 0.99 (all 32 bins equal, chance about 0.84^32 =
  // 0.4%) far above.
  const double j = ExactJaccard(Terms(Text().kremlin), Terms(Text().KremlinEdited()), 3);
  EXPECT_NEAR(j, 32.0 / 38, 1e-9);
  EXPECT_EQ(TokenCount(Text().kremlin), 37u);
}

TEST(DedupNearDuplicates, EditedParagraphJoinsItsOriginalsGroup) {
  ScratchDir dir("syndex_dedup");
  const std::vector<RawDocument> docs = EditedParagraphArticles();
  auto segment = BuildAndMerge(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  const PassageTable& passages = segment->passages();
  const PassageId original = FindPassage(*segment, docs, 0, Text().kremlin);
  const PassageId edited = FindPassage(*segment, docs, 1, Text().KremlinEdited());
  EXPECT_FALSE(passages.Get(edited).is_copy()) << "an edited text is a text of its own";
  EXPECT_EQ(*segment->stored_text().Get(edited), Text().KremlinEdited());
  ASSERT_NE(passages.Get(original).group, format::kNoGroup)
      << SketchAgreement(*segment, original, edited);
  EXPECT_EQ(passages.Get(edited).group, passages.Get(original).group)
      << SketchAgreement(*segment, original, edited);
  // One group of two distinct contents, one occurrence each.
  EXPECT_EQ(GroupOf(*segment, original),
            (std::vector<std::pair<PassageId, PassageId>>{{original, original}, {edited, edited}}));
  EXPECT_EQ(OutletsOfGroupOf(*segment, original), 2u);
  EXPECT_EQ(passages.group_count(), 1u);
  for (const auto& [doc, text] : std::vector<std::pair<DocId, std::string>>{
           {0, Text().troops}, {1, Text().pentagon}, {2, Text().macron}, {2, Text().fourth_time}}) {
    EXPECT_EQ(passages.Get(FindPassage(*segment, docs, doc, text)).group, format::kNoGroup)
        << text.substr(0, 30);
  }
  // Two paragraphs of which one is near another's: not near-duplicate
  // articles.
  for (DocId d = 0; d < 3; ++d) EXPECT_EQ(segment->documents().Get(d).cluster, d);
}

TEST(DedupNearDuplicates, ThresholdOptionDecides) {
  ScratchDir dir("syndex_dedup");
  const std::vector<RawDocument> docs = EditedParagraphArticles();
  DedupOptions strict;
  strict.passages.threshold = 0.99;
  auto segment = BuildAndMerge(dir.path(), "strict", docs, strict);
  ASSERT_NE(segment, nullptr);
  const PassageId original = FindPassage(*segment, docs, 0, Text().kremlin);
  const PassageId edited = FindPassage(*segment, docs, 1, Text().KremlinEdited());
  EXPECT_EQ(segment->passages().Get(original).group, format::kNoGroup)
      << SketchAgreement(*segment, original, edited);
  EXPECT_EQ(segment->passages().Get(edited).group, format::kNoGroup);
  EXPECT_EQ(segment->passages().group_count(), 0u);

  // A loose threshold joins them as the default does.
  DedupOptions loose;
  loose.passages.threshold = 0.5;
  auto loose_segment = BuildAndMerge(dir.path(), "loose", docs, loose);
  ASSERT_NE(loose_segment, nullptr);
  EXPECT_NE(loose_segment->passages().Get(original).group, format::kNoGroup);
  EXPECT_EQ(loose_segment->passages().Get(original).group,
            loose_segment->passages().Get(edited).group);
}

// The seed's Al Jazeera article and a copy with the same one-word edit; the
// FT article and an exact copy of it run by another outlet; Bloomberg's.
std::vector<RawDocument> DuplicateArticles() {
  std::vector<RawDocument> seed = testing::SeedDocuments(1);
  RawDocument edited = seed[0];
  edited.id = "000-edited";
  edited.outlet = "Middle East Eye";
  edited.text = ReplaceOnce(edited.text, Text().kremlin, Text().KremlinEdited());
  RawDocument copy = seed[1];
  copy.id = "001-copy";
  copy.outlet = "Nikkei Asia";
  return {seed[0], edited, seed[1], copy, seed[2]};
}

TEST(DedupNearDuplicates, EditedArticleJoinsItsOriginalsCluster) {
  ScratchDir dir("syndex_dedup");
  const std::vector<RawDocument> docs = DuplicateArticles();
  auto segment = BuildAndMerge(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  const DocumentTable& documents = segment->documents();

  EXPECT_EQ(documents.Get(1).cluster, 0u);
  EXPECT_EQ(documents.Get(0).next_in_cluster, 1u);
  EXPECT_EQ(documents.ClusterOf(0), (std::vector<DocId>{0, 1}));
  EXPECT_EQ(documents.ClusterOf(1), (std::vector<DocId>{0, 1}));
  EXPECT_EQ(documents.Get(1).canonical, 1u) << "an edited article is not an exact duplicate";

  EXPECT_EQ(documents.Get(3).canonical, 2u) << "the copy's canonical is the FT original";
  EXPECT_EQ(documents.Get(3).cluster, 2u);
  EXPECT_EQ(documents.ClusterOf(3), (std::vector<DocId>{2, 3}));

  EXPECT_EQ(documents.Get(4).canonical, 4u);
  EXPECT_EQ(documents.ClusterOf(4), std::vector<DocId>{4});
  for (DocId d : {0u, 2u}) EXPECT_EQ(documents.Get(d).canonical, d);

  // Inside the edited article, the edited paragraph is a near duplicate of
  // the original's and every other passage a copy of the original's.
  const DocumentRecord original = documents.Get(0), edited = documents.Get(1);
  ASSERT_EQ(original.passage_count, edited.passage_count);
  const PassageId edited_kremlin = FindPassage(*segment, docs, 1, Text().KremlinEdited());
  for (uint32_t i = 0; i < edited.passage_count; ++i) {
    const PassageId p = edited.first_passage + i;
    if (p == edited_kremlin) {
      EXPECT_FALSE(segment->passages().Get(p).is_copy());
      EXPECT_EQ(segment->passages().Get(p).group,
                segment->passages().Get(original.first_passage + i).group);
    } else {
      EXPECT_EQ(segment->passages().ContentOf(p), original.first_passage + i) << "passage " << p;
    }
  }
}

// ---- Boilerplate ------------------------------------------------------------------

bool Has(const Segment& segment, PassageId p, uint8_t flag) {
  return (segment.passages().Get(p).flags & flag) != 0;
}

TEST(DedupBoilerplate, ShortUnpunctuatedEdgeLinesAreChrome) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  const std::vector<RawDocument> docs = {
      Article("a", "Bloomberg", {"[ad_1]", t.biden_quote, t.any_day_now, t.ushakov, "Source link"}),
      Article("b", "Al Jazeera", {t.psaki, t.fourth_time}),
  };
  auto segment = BuildAndMerge(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  EXPECT_TRUE(Has(*segment, FindPassage(*segment, docs, 0, "[ad_1]"), format::kPassageEdgeChrome));
  EXPECT_TRUE(
      Has(*segment, FindPassage(*segment, docs, 0, "Source link"), format::kPassageEdgeChrome));
  // A short sub-heading inside the article, and the sentences, are content.
  for (const std::string& text : {t.biden_quote, t.any_day_now, t.ushakov}) {
    EXPECT_FALSE(segment->passages().Get(FindPassage(*segment, docs, 0, text)).is_boilerplate())
        << text;
  }
  for (PassageId p = 0; p < segment->passages().size(); ++p) {
    EXPECT_FALSE(Has(*segment, p, format::kPassageRepeatedChrome)) << "passage " << p;
    if (segment->passages().Get(p).doc == 1) {
      EXPECT_FALSE(segment->passages().Get(p).is_boilerplate()) << "passage " << p;
    }
  }
}

TEST(DedupBoilerplate, PromptRepeatedInOneOutletIsChromeAQuoteAcrossOutletsIsNot) {
  ScratchDir dir("syndex_dedup");
  const Paragraphs& t = Text();
  // The Independent runs its donation prompt in three articles; three
  // outlets run the same Biden quote once each; a fourth outlet runs the
  // prompt twice.
  const std::vector<RawDocument> docs = {
      Article("i1", "The Independent", {t.pentagon, t.donation, t.macron}),
      Article("i2", "The Independent", {t.psaki, t.donation, t.fourth_time}),
      Article("i3", "The Independent", {t.ushakov, t.donation, t.kremlin}),
      Article("q1", "Al Jazeera", {t.biden_quote, t.troops}),
      Article("q2", "Reuters", {t.biden_quote, t.misinformation}),
      Article("q3", "Bloomberg", {t.subscribing, t.biden_quote}),
      Article("e1", "Evening Standard", {t.donation, t.any_day_now, t.troops}),
  };
  auto segment = BuildAndMerge(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  for (DocId d = 0; d < 3; ++d) {
    const PassageId p = FindPassage(*segment, docs, d, t.donation);
    EXPECT_TRUE(Has(*segment, p, format::kPassageRepeatedChrome)) << "document " << d;
    EXPECT_FALSE(Has(*segment, p, format::kPassageEdgeChrome)) << "document " << d;
  }
  for (DocId d = 3; d < 6; ++d) {
    EXPECT_FALSE(
        segment->passages().Get(FindPassage(*segment, docs, d, t.biden_quote)).is_boilerplate())
        << "document " << d;
  }
  // Boilerplate is a property of a text: where else it is carried, it is
  // chrome too (dedup_plan.h).
  EXPECT_TRUE(
      Has(*segment, FindPassage(*segment, docs, 6, t.donation), format::kPassageRepeatedChrome));
  // Nothing else is.
  uint32_t boilerplate = 0;
  for (PassageId p = 0; p < segment->passages().size(); ++p) {
    boilerplate += segment->passages().Get(p).is_boilerplate();
  }
  EXPECT_EQ(boilerplate, 4u);
}

// Three articles of an outlet are not enough when that is under 2% of its
// articles: of 200 BBC articles, a prompt in 3 is content, one in 4 chrome.
TEST(DedupBoilerplate, RepetitionMustReachTheOutletsShare) {
  const std::string path = testing::SharedDir() + "/news/bbc/articles.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  absl::StatusOr<std::vector<RawDocument>> read = testing::ReadDocuments(path, 200);
  ASSERT_TRUE(read.ok()) << read.status();
  std::vector<RawDocument> docs = std::move(*read);
  ASSERT_EQ(docs.size(), 200u);
  for (RawDocument& doc : docs) doc.outlet = "BBC";
  const std::string& three = Text().misinformation;
  const std::string& four = Text().subscribing;
  for (size_t d : {10, 70, 130}) StrAppend(&docs[d].text, "\n\n", three);
  for (size_t d : {20, 80, 140, 190}) StrAppend(&docs[d].text, "\n\n", four);

  ScratchDir dir("syndex_dedup");
  auto segment = BuildAndMerge(dir.path(), "seg", docs);
  ASSERT_NE(segment, nullptr);
  for (DocId d : {10, 70, 130}) {
    EXPECT_FALSE(segment->passages().Get(FindPassage(*segment, docs, d, three)).is_boilerplate())
        << "document " << d;
  }
  for (DocId d : {20, 80, 140, 190}) {
    EXPECT_TRUE(Has(*segment, FindPassage(*segment, docs, d, four), format::kPassageRepeatedChrome))
        << "document " << d;
  }
  // With the share lowered to 1%, three articles are enough.
  DedupOptions lenient;
  lenient.boilerplate.min_share = 0.01;
  auto lenient_segment = BuildAndMerge(dir.path(), "lenient", docs, lenient);
  ASSERT_NE(lenient_segment, nullptr);
  EXPECT_TRUE(Has(*lenient_segment, FindPassage(*lenient_segment, docs, 10, three),
                  format::kPassageRepeatedChrome));
}

// ---- indexer stats -----------------------------------------------------------------

// DuplicateArticles, then three Independent articles with its donation
// prompt in each. Known by construction:
//  * one exact duplicate article (the FT copy);
//  * two article clusters of two: Al Jazeera's and its edit, FT's and its copy;
//  * two passage clusters of two distinct texts: the Kremlin paragraph and
//    its edit, and the FT's headline and its "Read More: " line repeating it
//    near the end of the same article (corpus/001);
//  * edge chrome: FT's comment widget (in the original and the copy) and
//    Bloomberg's four lines (corpus/: tests/indexer/boilerplate_detector_test.cc);
//  * repeated chrome: the three donation prompts.
std::vector<RawDocument> StatsArticles() {
  const Paragraphs& t = Text();
  std::vector<RawDocument> docs = DuplicateArticles();
  docs.push_back(Article("i1", "The Independent", {t.pentagon, t.donation, t.macron},
                         "US pulls troops out of Ukraine"));
  docs.push_back(Article("i2", "The Independent", {t.psaki, t.donation, t.fourth_time},
                         "Biden urges Russia to de-escalate"));
  // The third runs the first's headline: a title copy, whose text was never
  // stored (titles are in .doc), so it saves no bytes.
  docs.push_back(
      Article("i3", "The Independent", {t.ushakov, t.donation}, "US pulls troops out of Ukraine"));
  return docs;
}

TEST(DedupStats, FiguresOfASmallIndex) {
  ScratchDir dir("syndex_dedup");
  const std::vector<RawDocument> docs = StatsArticles();
  {
    auto writer = IndexWriter::Create(dir.path(), IndexWriterOptions{});
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const RawDocument& doc : docs) ASSERT_TRUE((*writer)->Add(doc).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  EXPECT_TRUE(VerifyIndex(dir.path()).ok()) << VerifyIndex(dir.path());
  auto stats = ComputeIndexStats(dir.path());
  ASSERT_TRUE(stats.ok()) << stats.status();
  const DedupStats& d = stats->dedup;

  // Copies and the bytes they did not store, counted here from the texts.
  const Corpus corpus = AnalyzeDocuments(docs);
  std::set<std::string> seen;
  uint64_t copies = 0, unique = 0, copied_bytes = 0, title_copies = 0;
  for (DocId doc = 0; doc < corpus.raw.size(); ++doc) {
    for (const AnalyzedPassage& p : corpus.analyzed[doc].passages) {
      if (seen.insert(NormalizeSpace(SourceText(corpus, doc, p))).second) {
        ++unique;
        continue;
      }
      ++copies;
      if (p.is_title) {
        ++title_copies;
      } else {
        copied_bytes += p.end - p.start;
      }
    }
  }
  ASSERT_GT(copies, 30u) << "the copied articles should make most of the copies";
  ASSERT_GT(title_copies, 0u);
  EXPECT_EQ(stats->passages, copies + unique);
  EXPECT_EQ(d.duplicate_passages, copies);
  EXPECT_EQ(d.unique_passages, unique);
  EXPECT_EQ(d.bytes_saved, copied_bytes);

  EXPECT_EQ(d.duplicate_articles, 1u);
  EXPECT_EQ(d.near_duplicate_article_clusters, 2u);
  EXPECT_EQ(d.article_cluster_sizes, (std::map<std::string, uint64_t>{{"2", 2}}));
  EXPECT_EQ(d.near_duplicate_passage_clusters, 2u);
  EXPECT_EQ(d.passage_cluster_sizes, (std::map<std::string, uint64_t>{{"2", 2}}));
  EXPECT_EQ(d.edge_chrome_passages, 2u + 4u);
  EXPECT_EQ(d.repeated_chrome_passages, 3u);
  EXPECT_EQ(d.boilerplate_passages, 6u + 3u);

  const std::string text = FormatIndexStats(*stats, /*json=*/false);
  EXPECT_NE(text.find(StrCat("  bytes_saved: ", copied_bytes, "\n")), std::string::npos) << text;
  const std::string json = FormatIndexStats(*stats, /*json=*/true);
  EXPECT_NE(json.find("\"duplicate_articles\": 1,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"article_cluster_sizes\": {\"2\": 2}"), std::string::npos) << json;
}

// The writer passes its dedup options to the commit's merge.
TEST(DedupStats, WriterThresholdReachesTheMerge) {
  ScratchDir dir("syndex_dedup");
  IndexWriterOptions options;
  options.dedup.passages.threshold = 0.99;
  options.dedup.articles.threshold = 0.99;
  {
    auto writer = IndexWriter::Create(dir.path(), options);
    ASSERT_TRUE(writer.ok()) << writer.status();
    for (const RawDocument& doc : StatsArticles()) ASSERT_TRUE((*writer)->Add(doc).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto stats = ComputeIndexStats(dir.path());
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->dedup.near_duplicate_passage_clusters, 0u);
  EXPECT_TRUE(stats->dedup.passage_cluster_sizes.empty());
  // Exact duplicates have equal sketches, so they still cluster.
  EXPECT_GE(stats->dedup.near_duplicate_article_clusters, 1u);
  EXPECT_EQ(stats->dedup.duplicate_articles, 1u);
  EXPECT_TRUE(VerifyIndex(dir.path()).ok()) << VerifyIndex(dir.path());
}

}  // namespace
}  // namespace syndex
