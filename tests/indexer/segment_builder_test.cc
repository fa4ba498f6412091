// Builds segments from the seed corpus (corpus/) and checks every file of
// them against an inverted index computed here by brute force from the
// analyzer's output, and against the copies found here by comparing the
// passages' texts (format v2: a passage whose text, up to white space, an
// earlier passage of the segment has is a copy).
#include "indexer/segment_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/format.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "common/word_pairs.h"
#include "indexer/boilerplate_detector.h"
#include "indexer/content_hash.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "tests/indexer/input_test_util.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex {
namespace {

using format::Field;
using testing::BuildSegment;
using testing::Corpus;
using testing::LoadSeedCorpus;
using testing::NormalizeSpace;
using testing::PassageText;
using testing::SourceText;
using testing_internal::ScratchDir;

// ---- The brute-force inverted index ----------------------------------------

struct ExpectedPosting {
  uint32_t id = 0;  // passage id (body) or document id (title, outlet)
  TermFreq tf = 0;
  std::vector<Position> positions;  // body only
  uint32_t length = 0;              // passage length (body only)
};

struct ExpectedTerm {
  std::vector<ExpectedPosting> postings;
  std::set<DocId> documents;
  uint32_t content_freq = 0;  // postings of passages that are not copies
};

using TermKey = std::pair<Field, std::string>;
using InvertedIndex = std::map<TermKey, ExpectedTerm>;

// Adds one occurrence of `key` in unit `id` of document `doc`.
ExpectedPosting& Occurrence(InvertedIndex& index, Field field, const std::string& term, uint32_t id,
                            DocId doc) {
  ExpectedTerm& t = index[{field, term}];
  if (t.postings.empty() || t.postings.back().id != id) t.postings.push_back({id, 0, {}, 0});
  t.documents.insert(doc);
  ++t.postings.back().tf;
  return t.postings.back();
}

// For every passage of `corpus` in order, the first passage whose text
// (title or body range) is the same up to white space: itself unless it is
// a copy.
std::vector<PassageId> BruteForceContents(const Corpus& corpus) {
  std::map<std::string, PassageId> first;
  std::vector<PassageId> contents;
  for (DocId doc = 0; doc < corpus.analyzed.size(); ++doc) {
    for (const AnalyzedPassage& p : corpus.analyzed[doc].passages) {
      const PassageId id = static_cast<PassageId>(contents.size());
      contents.push_back(
          first.try_emplace(NormalizeSpace(SourceText(corpus, doc, p)), id).first->second);
    }
  }
  return contents;
}

InvertedIndex BruteForceIndex(const Corpus& corpus) {
  const std::vector<PassageId> contents = BruteForceContents(corpus);
  InvertedIndex index;
  PassageId passage = 0;
  for (DocId doc = 0; doc < corpus.analyzed.size(); ++doc) {
    const AnalyzedDocument& a = corpus.analyzed[doc];
    for (const AnalyzedPassage& p : a.passages) {
      std::set<TermKey> terms;
      const auto occurs = [&](Field field, const std::string& term, Position position) {
        ExpectedPosting& posting = Occurrence(index, field, term, passage, doc);
        posting.positions.push_back(position);
        posting.length = static_cast<uint32_t>(p.tokens.size());
        terms.insert({field, term});
      };
      for (size_t i = 0; i < p.tokens.size(); ++i) {
        const Token& token = p.tokens[i];
        occurs(Field::kBody, token.term, token.position);
        // Two adjacent pair words (common/word_pairs.h) make a pair too.
        if (i + 1 < p.tokens.size() && p.tokens[i + 1].position == token.position + 1 &&
            IsPairWord(token.term) && IsPairWord(p.tokens[i + 1].term)) {
          occurs(Field::kWordPairs, token.term + " " + p.tokens[i + 1].term, token.position);
        }
      }
      if (contents[passage] == passage) {
        for (const TermKey& key : terms) ++index[key].content_freq;
      }
      ++passage;
    }
    for (const std::string& term : a.title_terms) Occurrence(index, Field::kTitle, term, doc, doc);
    for (const std::string& term : a.outlet_terms)
      Occurrence(index, Field::kOutlet, term, doc, doc);
  }
  for (auto& [key, term] : index) {
    for (ExpectedPosting& p : term.postings) std::sort(p.positions.begin(), p.positions.end());
    // Title and outlet postings are of documents: every one counts.
    if (!format::IsPassageField(key.first)) {
      term.content_freq = static_cast<uint32_t>(term.postings.size());
    }
  }
  return index;
}

// Checks the dictionary statistics and the postings of one term.
void ExpectTerm(const Segment& segment, const TermKey& key, const ExpectedTerm& expected) {
  SCOPED_TRACE(StrCat("term ", static_cast<int>(key.first), ":", key.second));
  std::optional<TermInfo> info = segment.dictionary().Find(key.first, key.second);
  ASSERT_TRUE(info.has_value());
  uint64_t total = 0;
  TermFreq max_tf = 0;
  uint32_t min_length = UINT32_MAX;
  for (const ExpectedPosting& p : expected.postings) {
    total += p.tf;
    max_tf = std::max(max_tf, p.tf);
    min_length = std::min(min_length, p.length);
  }
  EXPECT_EQ(info->doc_freq, expected.postings.size());
  EXPECT_EQ(info->content_freq, expected.content_freq);
  EXPECT_EQ(info->document_count, expected.documents.size());
  EXPECT_EQ(info->total_freq, total);
  EXPECT_EQ(info->max_tf, max_tf);
  EXPECT_EQ(info->min_length, min_length);
  PostingsCursor cursor = segment.Cursor(*info);
  for (const ExpectedPosting& want : expected.postings) {
    ASSERT_EQ(cursor.id(), want.id);
    EXPECT_EQ(cursor.tf(), want.tf) << "id " << want.id;
    const bool passages = format::IsPassageField(key.first);
    const uint32_t length = passages ? segment.passages().LengthOf(want.id) : 0;
    EXPECT_TRUE(cursor.block_impacts().Covers(cursor.tf(), length)) << "id " << want.id;
    if (passages) {
      std::span<const Position> got = cursor.Positions();
      EXPECT_EQ(std::vector<Position>(got.begin(), got.end()), want.positions) << "id " << want.id;
    }
    cursor.Next();
  }
  EXPECT_EQ(cursor.id(), kEndId);
  EXPECT_FALSE(cursor.corrupt());
}

// The single-word term the analyzer makes of `word`.
std::string TermOf(std::string_view word) {
  Analyzer analyzer;
  std::vector<Token> tokens;
  analyzer.Analyze(word, 0, &tokens);
  EXPECT_EQ(tokens.size(), 1u) << word;
  return tokens.empty() ? "" : tokens[0].term;
}

std::vector<uint32_t> PostingIds(const Segment& segment, Field field, const std::string& term) {
  std::vector<uint32_t> ids;
  std::optional<TermInfo> info = segment.dictionary().Find(field, term);
  if (!info) return ids;
  for (PostingsCursor c = segment.Cursor(*info); c.id() != kEndId; c.Next()) ids.push_back(c.id());
  return ids;
}

// ---- Fixture: one segment of the seed corpus, and one of 30 copies of it -----

class SegmentBuilderTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    corpus_ = LoadSeedCorpus(GetParam());
    ASSERT_EQ(corpus_.raw.size(), 5u * GetParam());
    auto segment = BuildSegment(dir_.path(), "seg000001", corpus_, /*expect_doc_count=*/true);
    ASSERT_TRUE(segment.ok()) << segment.status();
    segment_ = std::move(*segment);
    index_ = BruteForceIndex(corpus_);
    contents_ = BruteForceContents(corpus_);
  }

  // Calls visit(doc, id, analyzed passage) for every passage in order.
  template <typename Visit>
  void ForEachPassage(Visit visit) const {
    PassageId id = 0;
    for (DocId doc = 0; doc < corpus_.analyzed.size(); ++doc) {
      for (const AnalyzedPassage& p : corpus_.analyzed[doc].passages) visit(doc, id++, p);
    }
  }

  ScratchDir dir_;
  Corpus corpus_;
  std::unique_ptr<Segment> segment_;
  InvertedIndex index_;
  std::vector<PassageId> contents_;  // by brute force
};

TEST_P(SegmentBuilderTest, SegmentVerifies) {
  EXPECT_TRUE(segment_->Verify().ok()) << segment_->Verify();
}

TEST_P(SegmentBuilderTest, InfoCountsDocumentsPassagesAndTokens) {
  uint32_t passages = 0;
  uint64_t tokens = 0;
  for (const AnalyzedDocument& a : corpus_.analyzed) {
    passages += a.passages.size();
    for (const AnalyzedPassage& p : a.passages) tokens += p.tokens.size();
  }
  EXPECT_EQ(segment_->info().name, "seg000001");
  EXPECT_EQ(segment_->info().doc_count, corpus_.raw.size());
  EXPECT_EQ(segment_->info().passage_count, passages);
  EXPECT_EQ(segment_->info().token_count, tokens);
  EXPECT_EQ(segment_->passages().size(), passages);
  EXPECT_EQ(segment_->documents().size(), corpus_.raw.size());
  uint32_t contents = 0;
  uint64_t content_tokens = 0;
  ForEachPassage([&](DocId, PassageId id, const AnalyzedPassage& p) {
    if (contents_[id] != id) return;
    ++contents;
    content_tokens += p.tokens.size();
  });
  EXPECT_EQ(segment_->info().content_count, contents);
  EXPECT_EQ(segment_->info().content_token_count, content_tokens);
  if (GetParam() > 1) {
    EXPECT_LE(contents, passages / GetParam()) << "the repeated copies add no content";
  }
}

TEST_P(SegmentBuilderTest, DictionaryHoldsExactlyTheTermsInOrder) {
  const TermDictionary& dict = segment_->dictionary();
  ASSERT_EQ(dict.size(), index_.size());
  size_t i = 0;
  for (const auto& [key, term] : index_) {
    const DictionaryEntry e = dict.Entry(i++);
    ASSERT_EQ(e.field, key.first) << "entry " << i - 1;
    ASSERT_EQ(e.term, key.second) << "entry " << i - 1;
  }
}

TEST_P(SegmentBuilderTest, EveryTermHasTheBruteForcePostings) {
  for (const auto& [key, term] : index_) {
    ExpectTerm(*segment_, key, term);
    if (HasFatalFailure()) return;
  }
}

TEST_P(SegmentBuilderTest, PassageTableFollowsTheAnalyzer) {
  PassageId count = 0;
  ForEachPassage([&](DocId doc, PassageId id, const AnalyzedPassage& p) {
    SCOPED_TRACE(StrCat("passage ", id));
    const PassageRecord r = segment_->passages().Get(id);
    const std::string_view source = p.is_title ? corpus_.raw[doc].title : corpus_.raw[doc].text;
    EXPECT_EQ(r.doc, doc);
    EXPECT_EQ(r.start, p.start);
    EXPECT_EQ(r.end, p.end);
    EXPECT_EQ(r.length, p.tokens.size());
    EXPECT_EQ(r.is_title(), p.is_title);
    EXPECT_EQ((r.flags & format::kPassageEndsSentence) != 0,
              EndsLikeSentence(SourceText(corpus_, doc, p)));
    EXPECT_EQ(r.line_words, std::min<uint32_t>(LongestLineWords(p, source), 255));
    EXPECT_EQ(r.is_copy(), contents_[id] != id);
    EXPECT_EQ(segment_->passages().ContentOf(id), contents_[id]);
    EXPECT_FALSE(r.is_boilerplate()) << "boilerplate is decided when merging";
    ++count;
  });
  EXPECT_EQ(count, segment_->passages().size());
}

// Within one segment, groups are exactly the texts carried by two or more
// passages; near-duplicate clusters come with the merge.
TEST_P(SegmentBuilderTest, CopiesAreGroupedWithEveryOccurrence) {
  std::map<PassageId, std::vector<GroupMember>> occurrences;  // by content
  std::map<PassageId, std::set<std::string>> outlets;
  ForEachPassage([&](DocId doc, PassageId id, const AnalyzedPassage&) {
    occurrences[contents_[id]].push_back({id, contents_[id]});
    outlets[contents_[id]].insert(corpus_.raw[doc].outlet);
  });
  const PassageTable& table = segment_->passages();
  uint32_t groups = 0;
  for (const auto& [content, members] : occurrences) {
    SCOPED_TRACE(StrCat("content ", content));
    const uint32_t group = table.Get(content).group;
    if (members.size() == 1) {
      EXPECT_EQ(group, format::kNoGroup);
      continue;
    }
    ++groups;
    ASSERT_LT(group, table.group_count());
    const std::vector<GroupMember> got = table.Members(group);
    ASSERT_EQ(got.size(), members.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].passage, members[i].passage);
      EXPECT_EQ(got[i].content, members[i].content);
      EXPECT_EQ(table.Get(got[i].passage).group, group);
    }
    EXPECT_EQ(table.Group(group).outlet_count, outlets[content].size());
  }
  EXPECT_EQ(table.group_count(), groups);
  if (GetParam() > 1) {
    EXPECT_GT(groups, 0u);
  }
}

TEST_P(SegmentBuilderTest, StoredTextHoldsEachDistinctTextOnce) {
  const StoredText& stored = segment_->stored_text();
  ASSERT_EQ(stored.size(), segment_->passages().size()) << "one entry a passage";
  uint64_t stored_bytes = 0, text_bytes = 0;
  ForEachPassage([&](DocId doc, PassageId id, const AnalyzedPassage& p) {
    SCOPED_TRACE(StrCat("passage ", id));
    const std::string_view source = SourceText(corpus_, doc, p);
    auto entry = stored.Get(id);
    ASSERT_TRUE(entry.ok()) << entry.status();
    if (p.is_title || contents_[id] != id) {
      EXPECT_EQ(*entry, "") << "titles are in .doc, copies are their content's";
    } else {
      EXPECT_TRUE(*entry == source);
    }
    auto text = PassageText(*segment_, id);
    ASSERT_TRUE(text.ok()) << text.status();
    EXPECT_EQ(NormalizeSpace(*text), NormalizeSpace(source));
    if (p.is_title) {
      EXPECT_EQ(*text, source);
    }
    stored_bytes += entry->size();
    if (!p.is_title) text_bytes += source.size();
  });
  EXPECT_TRUE(stored.Verify().ok()) << stored.Verify();
  if (GetParam() > 1) {
    EXPECT_LE(stored_bytes * GetParam(), text_bytes);
  }
}

TEST_P(SegmentBuilderTest, SketchesHoldHashesAndSignTheLongDistinctPassages) {
  const SketchTable& sketches = segment_->sketches();
  ASSERT_EQ(sketches.passage_count(), segment_->passages().size());
  EXPECT_EQ(sketches.document_count(), corpus_.raw.size());
  EXPECT_EQ(sketches.document_bins(), format::kDocumentSketchBins);
  EXPECT_EQ(sketches.passage_bins(), format::kPassageSketchBins);
  std::vector<PassageId> signed_passages;
  ForEachPassage([&](DocId doc, PassageId id, const AnalyzedPassage& p) {
    const std::string_view source = SourceText(corpus_, doc, p);
    EXPECT_EQ(sketches.ContentHash(id), ContentHash(source)) << "passage " << id;
    EXPECT_EQ(sketches.ContentHash(id), sketches.ContentHash(contents_[id])) << "passage " << id;
    if (!p.is_title && contents_[id] == id && p.tokens.size() >= format::kMinSketchWords) {
      signed_passages.push_back(id);
    }
  });
  ASSERT_EQ(sketches.signed_count(), signed_passages.size());
  for (uint32_t i = 0; i < sketches.signed_count(); ++i) {
    EXPECT_EQ(sketches.SignedPassage(i), signed_passages[i]) << i;
    EXPECT_EQ(sketches.PassageSketch(i).size(), format::kPassageSketchBins);
  }
  // Distinct texts have distinct hashes (a 64-bit collision among a few
  // hundred texts would be a bug, not bad luck).
  std::map<uint64_t, PassageId> content_of_hash;
  for (PassageId id = 0; id < sketches.passage_count(); ++id) {
    EXPECT_EQ(content_of_hash.try_emplace(sketches.ContentHash(id), contents_[id]).first->second,
              contents_[id])
        << "passage " << id;
  }
  // Exact copies of a document have the same sketch.
  if (GetParam() > 1) {
    EXPECT_EQ(sketches.DocumentSketch(5), sketches.DocumentSketch(0));
  }
  EXPECT_NE(sketches.DocumentSketch(1), sketches.DocumentSketch(0));
}

TEST_P(SegmentBuilderTest, DocumentTableKeepsTheInput) {
  const DocumentTable& docs = segment_->documents();
  PassageId first = 0;
  for (DocId d = 0; d < corpus_.raw.size(); ++d) {
    const RawDocument& raw = corpus_.raw[d];
    const DocumentRecord r = docs.Get(d);
    EXPECT_EQ(r.first_passage, first);
    EXPECT_EQ(r.passage_count, corpus_.analyzed[d].passages.size());
    EXPECT_EQ(r.length, corpus_.analyzed[d].length);
    EXPECT_EQ(docs.OutletName(r.outlet), raw.outlet);
    const DocumentMeta meta = docs.Meta(d);
    EXPECT_EQ(meta.id, raw.id);
    EXPECT_EQ(meta.title, raw.title);
    EXPECT_EQ(meta.date, raw.date);
    EXPECT_EQ(meta.url, raw.url);
    // Duplicate documents are found when merging; a built segment has none.
    EXPECT_EQ(r.canonical, d);
    EXPECT_EQ(r.cluster, d);
    EXPECT_EQ(r.next_in_cluster, format::kNoDocument);
    first += r.passage_count;
  }
  EXPECT_EQ(docs.outlet_count(), 5u);  // five outlets in corpus/meta.jsonl
}

INSTANTIATE_TEST_SUITE_P(Copies, SegmentBuilderTest, ::testing::Values(1, 30),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return StrCat("x", info.param);
                         });

// ---- Known facts of the seed corpus (corpus/meta.jsonl) ---------------------

class SeedCorpusSegment : public ::testing::Test {
 protected:
  void SetUp() override {
    corpus_ = LoadSeedCorpus(1);
    auto segment = BuildSegment(dir_.path(), "seg000001", corpus_, /*expect_doc_count=*/true);
    ASSERT_TRUE(segment.ok()) << segment.status();
    segment_ = std::move(*segment);
  }
  ScratchDir dir_;
  Corpus corpus_;
  std::unique_ptr<Segment> segment_;
};

TEST_F(SeedCorpusSegment, TitleTermsPointAtTheirDocuments) {
  // Titles: 0 "...Biden-Putin...", 1 "US says Putin...", 2 none,
  // 3 "Biden and Putin warn...", 4 "Biden holds ... with Putin ...".
  EXPECT_EQ(PostingIds(*segment_, Field::kTitle, TermOf("Putin")),
            (std::vector<uint32_t>{0, 1, 3, 4}));
  EXPECT_EQ(PostingIds(*segment_, Field::kTitle, TermOf("Biden")),
            (std::vector<uint32_t>{0, 3, 4}));
  EXPECT_EQ(PostingIds(*segment_, Field::kTitle, TermOf("warn")), (std::vector<uint32_t>{3, 4}));
}

TEST_F(SeedCorpusSegment, OutletTermsPointAtTheirDocuments) {
  EXPECT_EQ(PostingIds(*segment_, Field::kOutlet, TermOf("Jazeera")), std::vector<uint32_t>{0});
  EXPECT_EQ(PostingIds(*segment_, Field::kOutlet, TermOf("The")), (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(PostingIds(*segment_, Field::kOutlet, TermOf("Bloomberg")), std::vector<uint32_t>{2});
  EXPECT_TRUE(PostingIds(*segment_, Field::kOutlet, TermOf("Reuters")).empty());
  std::optional<TermInfo> the = segment_->dictionary().Find(Field::kOutlet, TermOf("The"));
  ASSERT_TRUE(the.has_value());
  EXPECT_EQ(the->document_count, 2u);
  EXPECT_EQ(the->total_freq, 2u);
  EXPECT_EQ(the->positions_size, 0u);  // only body terms have positions
}

TEST_F(SeedCorpusSegment, BodyTermCountsDistinctDocuments) {
  // "Putin" occurs in several passages of every article.
  std::optional<TermInfo> putin = segment_->dictionary().Find(Field::kBody, TermOf("Putin"));
  ASSERT_TRUE(putin.has_value());
  EXPECT_EQ(putin->document_count, 5u);
  EXPECT_GT(putin->doc_freq, 5u);
  EXPECT_GT(putin->positions_size, 0u);
}

TEST(SegmentBuilder, EmptySegmentOpensAndVerifies) {
  ScratchDir dir;
  auto segment = BuildSegment(dir.path(), "seg000001", Corpus{}, /*expect_doc_count=*/true);
  ASSERT_TRUE(segment.ok()) << segment.status();
  EXPECT_EQ((*segment)->info().doc_count, 0u);
  EXPECT_EQ((*segment)->dictionary().size(), 0u);
  EXPECT_TRUE((*segment)->Verify().ok()) << (*segment)->Verify();
}

TEST(SegmentBuilder, CreateInMissingDirectoryFails) {
  ScratchDir dir;
  auto builder = SegmentBuilder::Create(dir.PathOf("missing"), "seg000001");
  EXPECT_TRUE(absl::IsNotFound(builder.status())) << builder.status();
}

TEST(SegmentBuilder, MemoryUsageGrowsWithDocuments) {
  ScratchDir dir;
  const Corpus corpus = LoadSeedCorpus(2);
  auto builder = SegmentBuilder::Create(dir.path(), "seg000001");
  ASSERT_TRUE(builder.ok());
  size_t previous = (*builder)->memory_usage();
  for (size_t d = 0; d < corpus.raw.size(); ++d) {
    ASSERT_TRUE((*builder)->Add(corpus.raw[d], corpus.analyzed[d]).ok());
    EXPECT_GE((*builder)->memory_usage(), previous);
    previous = (*builder)->memory_usage();
  }
  EXPECT_GT(previous, format::kStoredBlockTargetBytes * 3);
}

}  // namespace
}  // namespace syndex
