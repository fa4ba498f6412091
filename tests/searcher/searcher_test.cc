// Tests for searcher/searcher.h on small indexes built from hand-written
// documents: BM25 scores worked out by hand for both units, ordering and
// ties, k, AND / OR / NOT, phrases (with a repeated word), "de-escalate" as a
// phrase, prefixes, fields, words that analyze to nothing; then random
// queries over random corpora (one segment, many flushed segments merged, and
// several segments) checked against the brute-force Model of
// search_test_util.h: the matching set, the match count, the scores and the
// top-k order.
#include "searcher/searcher.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;
using search_testing::Model;
using search_testing::ModelHit;
using search_testing::OracleQuery;
using search_testing::ScratchDir;

constexpr double kScoreTolerance = 1e-4;

// The BM25 parameters these tests pin, for which the expected scores were
// worked out by hand: k1 = 0.9, b = 0.4.
constexpr Bm25Params kHandParams{0.9, 0.4};

double Bm25(double idf, double tf, double length, double average) {
  return idf * tf * 1.9 / (tf + 0.9 * (0.6 + 0.4 * length / average));
}

// An index of `docs` (one segment) and a searcher over it.
class SmallIndex {
 public:
  explicit SmallIndex(const std::vector<RawDocument>& docs) {
    const absl::Status written = search_testing::WriteIndex(dir_.path(), docs);
    EXPECT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    EXPECT_TRUE(index.ok()) << index.status();
    if (index.ok()) index_ = std::move(*index);
    searcher_ = std::make_unique<Searcher>(index_.get());
  }

  absl::StatusOr<SearchResults> Search(std::string_view query, size_t k = 10,
                                       Unit unit = Unit::kPassage) {
    SearchOptions options;
    options.bm25 = kHandParams;
    options.k = k;
    options.unit = unit;
    options.proximity.weight = 0;  // these tests check BM25 itself
    return searcher_->Search(query, options);
  }

  // The hits as unit ids (all in segment 0), or {999} on error.
  std::vector<uint32_t> Units(std::string_view query, size_t k = 10, Unit unit = Unit::kPassage) {
    auto results = Search(query, k, unit);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status();
    if (!results.ok()) return {999};
    std::vector<uint32_t> units;
    for (const Hit& hit : results->hits) {
      EXPECT_EQ(hit.segment, 0u);
      units.push_back(hit.unit);
    }
    return units;
  }

  std::vector<float> Scores(std::string_view query, size_t k = 10, Unit unit = Unit::kPassage) {
    auto results = Search(query, k, unit);
    EXPECT_TRUE(results.ok()) << query << ": " << results.status();
    std::vector<float> scores;
    if (results.ok()) {
      for (const Hit& hit : results->hits) scores.push_back(hit.score);
    }
    return scores;
  }

  const IndexReader& index() const { return *index_; }

 private:
  ScratchDir dir_;
  std::unique_ptr<IndexReader> index_;
  std::unique_ptr<Searcher> searcher_;
};

void ExpectScores(const std::vector<float>& got, const std::vector<double>& expected) {
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expected[i], kScoreTolerance) << i;
}

// ------------------------------------------------------------ hand-computed

// Three one-passage documents: "cat dog" (2 tokens), "cat cat bird" (3),
// "fish" (1). N = 3 units in both units, 6 tokens, average length 2.
std::vector<RawDocument> CatDogFish() {
  return {Doc("d0", "", "cat dog"), Doc("d1", "", "cat cat bird"), Doc("d2", "", "fish")};
}

// idf(cat) = ln(1 + 1.5 / 2.5) = ln 1.6; idf(dog) = idf(fish) = ln(1 + 2.5 / 1.5) = ln(8/3).
const double kIdfCat = std::log(1.6);
const double kIdfRare = std::log(8.0 / 3.0);

TEST(Searcher, TermScoresByHand) {
  SmallIndex index(CatDogFish());
  // d1: tf 2, len 3 → ln1.6 * 3.8 / (2 + 1.08) = 0.579875; d0: tf 1, len 2 → ln 1.6.
  EXPECT_EQ(index.Units("cat"), (std::vector<uint32_t>{1, 0}));
  ExpectScores(index.Scores("cat"), {Bm25(kIdfCat, 2, 3, 2), Bm25(kIdfCat, 1, 2, 2)});
  ExpectScores(index.Scores("cat"), {0.579875, 0.470004});
  auto results = index.Search("cat");
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->matches, 2u);
}

TEST(Searcher, DocumentUnitScoresByHandForOnePassageDocuments) {
  // One passage per document: the same N, df and lengths, so the same scores.
  SmallIndex index(CatDogFish());
  EXPECT_EQ(index.Units("cat", 10, Unit::kDocument), (std::vector<uint32_t>{1, 0}));
  ExpectScores(index.Scores("cat", 10, Unit::kDocument), {0.579875, 0.470004});
}

TEST(Searcher, OrSumsTheMatchingWords) {
  SmallIndex index(CatDogFish());
  // fish in d2: tf 1, len 1 → ln(8/3) * 1.9 / (1 + 0.72) = 1.083474.
  EXPECT_EQ(index.Units("cat OR fish"), (std::vector<uint32_t>{2, 1, 0}));
  ExpectScores(index.Scores("cat OR fish"),
               {Bm25(kIdfRare, 1, 1, 2), Bm25(kIdfCat, 2, 3, 2), Bm25(kIdfCat, 1, 2, 2)});
  // Juxtaposition is OR by default; d0 has both words: ln 1.6 + ln(8/3).
  EXPECT_EQ(index.Units("cat dog"), (std::vector<uint32_t>{0, 1}));
  ExpectScores(index.Scores("cat dog"), {kIdfCat + kIdfRare, Bm25(kIdfCat, 2, 3, 2)});
}

TEST(Searcher, AndNeedsEveryWord) {
  SmallIndex index(CatDogFish());
  EXPECT_EQ(index.Units("cat AND dog"), (std::vector<uint32_t>{0}));
  ExpectScores(index.Scores("cat AND dog"), {kIdfCat + kIdfRare});
  EXPECT_EQ(index.Units("cat AND fish"), (std::vector<uint32_t>{}));
}

TEST(Searcher, AndDefaultOperator) {
  SmallIndex index(CatDogFish());
  SearchOptions options;
  options.bm25 = kHandParams;
  options.parse.default_operator = ParseOptions::DefaultOperator::kAnd;
  Searcher searcher(&index.index());
  auto results = searcher.Search("cat dog", options);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].unit, 0u);
  EXPECT_EQ(results->matches, 1u);
}

TEST(Searcher, NotExcludesAndKeepsThePositiveScore) {
  SmallIndex index(CatDogFish());
  EXPECT_EQ(index.Units("cat -dog"), (std::vector<uint32_t>{1}));
  ExpectScores(index.Scores("cat -dog"), {Bm25(kIdfCat, 2, 3, 2)});
  EXPECT_EQ(index.Units("cat NOT bird"), (std::vector<uint32_t>{0}));
  EXPECT_EQ(index.Units("cat -zebra"), (std::vector<uint32_t>{1, 0}));
}

TEST(Searcher, UnknownWordMatchesNothing) {
  SmallIndex index(CatDogFish());
  auto results = index.Search("zebra");
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_TRUE(results->hits.empty());
  EXPECT_EQ(results->matches, 0u);
}

TEST(Searcher, KLargerThanTheMatches) {
  SmallIndex index(CatDogFish());
  auto results = index.Search("cat OR fish", 1000);
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->hits.size(), 3u);
  EXPECT_EQ(results->matches, 3u);
}

TEST(Searcher, KOneKeepsTheBestAndCountsAll) {
  SmallIndex index(CatDogFish());
  auto results = index.Search("cat OR fish", 1);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 1u);
  EXPECT_EQ(results->hits[0].unit, 2u);
  EXPECT_NEAR(results->hits[0].score, 1.083474, kScoreTolerance);
  EXPECT_EQ(results->matches, 3u);
}

TEST(Searcher, KZeroOnlyCounts) {
  SmallIndex index(CatDogFish());
  auto results = index.Search("cat OR fish", 0);
  ASSERT_TRUE(results.ok());
  EXPECT_TRUE(results->hits.empty());
  EXPECT_EQ(results->matches, 3u);
}

TEST(Searcher, TiesKeepIndexOrder) {
  SmallIndex index({Doc("a", "", "swift costs"), Doc("b", "", "other words"),
                    Doc("c", "", "swift fees"), Doc("d", "", "swift prices")});
  EXPECT_EQ(index.Units("swift"), (std::vector<uint32_t>{0, 2, 3}));
  EXPECT_EQ(index.Units("swift", 2), (std::vector<uint32_t>{0, 2}));
  const std::vector<float> scores = index.Scores("swift");
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_EQ(scores[0], scores[1]);
  EXPECT_EQ(scores[1], scores[2]);
}

TEST(Searcher, CustomBm25Params) {
  SmallIndex index(CatDogFish());
  SearchOptions options;
  options.bm25 = kHandParams;
  options.bm25 = {1.2, 0.0};  // no length normalization
  Searcher searcher(&index.index());
  auto results = searcher.Search("cat", options);
  ASSERT_TRUE(results.ok());
  ASSERT_EQ(results->hits.size(), 2u);
  // d1: ln1.6 * 2 * 2.2 / 3.2; d0: ln1.6 * 2.2 / 2.2.
  EXPECT_NEAR(results->hits[0].score, kIdfCat * 4.4 / 3.2, kScoreTolerance);
  EXPECT_NEAR(results->hits[1].score, kIdfCat, kScoreTolerance);
}

// Two multi-paragraph documents and a short one: "cat dog" + "cat",
// "cat cat cat fish", "bird". 3 documents, 4 passages, 8 tokens.
std::vector<RawDocument> Paragraphs() {
  return {Doc("d0", "", "cat dog.\n\ncat."), Doc("d1", "", "cat cat cat fish."),
          Doc("d2", "", "bird.")};
}

TEST(Searcher, PassageUnitRanksParagraphs) {
  // N = 4, df = 3: idf = ln(1 + 1.5 / 3.5) = ln(10/7); average length 2.
  SmallIndex index(Paragraphs());
  const double idf = std::log(10.0 / 7.0);
  EXPECT_EQ(index.Units("cat"), (std::vector<uint32_t>{2, 1, 0}));
  ExpectScores(index.Scores("cat"), {Bm25(idf, 3, 4, 2), Bm25(idf, 1, 1, 2), Bm25(idf, 1, 2, 2)});
  ExpectScores(index.Scores("cat"), {0.477239, 0.394001, 0.356675});
}

TEST(Searcher, DocumentUnitSumsFrequenciesOverPassages) {
  // N = 3 documents, df = 2: idf = ln 1.6; average length 8/3. d0 has tf 2
  // over its two passages and length 3; d1 tf 3, length 4.
  SmallIndex index(Paragraphs());
  EXPECT_EQ(index.Units("cat", 10, Unit::kDocument), (std::vector<uint32_t>{1, 0}));
  ExpectScores(index.Scores("cat", 10, Unit::kDocument),
               {Bm25(kIdfCat, 3, 4, 8.0 / 3), Bm25(kIdfCat, 2, 3, 8.0 / 3)});
  ExpectScores(index.Scores("cat", 10, Unit::kDocument), {0.656623, 0.606456});
}

TEST(Searcher, DocumentUnitAndAcrossPassages) {
  // "dog" and "cat." are different paragraphs of d0, which still has both.
  SmallIndex index(Paragraphs());
  EXPECT_EQ(index.Units("dog AND cat", 10, Unit::kDocument), (std::vector<uint32_t>{0}));
  EXPECT_EQ(index.Units("fish AND dog", 10, Unit::kDocument), (std::vector<uint32_t>{}));
  EXPECT_EQ(index.Units("cat -dog", 10, Unit::kDocument), (std::vector<uint32_t>{1}));
}

TEST(Searcher, PhraseDoesNotSpanPassages) {
  // d0 ends its first paragraph with "dog" and starts the second with "cat".
  SmallIndex index(Paragraphs());
  EXPECT_EQ(index.Units("\"dog cat\""), (std::vector<uint32_t>{}));
  EXPECT_EQ(index.Units("\"dog cat\"", 10, Unit::kDocument), (std::vector<uint32_t>{}));
  EXPECT_EQ(index.Units("\"cat dog\"", 10, Unit::kDocument), (std::vector<uint32_t>{0}));
}

// ------------------------------------------------------------ phrases

TEST(Searcher, PhraseWithARepeatedWord) {
  // "the cat the" occurs once in p0 and p1, twice in p3 (at 0 and 2), not in
  // p2 or p4. N = 5, 18 tokens (average 3.6); "the" and "cat" are in every
  // passage: idf = ln(1 + 0.5 / 5.5) = ln(12/11), three times for the phrase.
  SmallIndex index({Doc("p0", "", "the cat the dog"), Doc("p1", "", "the the cat the"),
                    Doc("p2", "", "cat the"), Doc("p3", "", "the cat the cat the"),
                    Doc("p4", "", "the cat sat")});
  const double idf = 3 * std::log(12.0 / 11.0);
  EXPECT_EQ(index.Units("\"the cat the\""), (std::vector<uint32_t>{3, 0, 1}));
  ExpectScores(index.Scores("\"the cat the\""),
               {Bm25(idf, 2, 5, 3.6), Bm25(idf, 1, 4, 3.6), Bm25(idf, 1, 4, 3.6)});
  // p3: 0.261034 * 3.8 / (2 + 1.04) = 0.326293.
  ExpectScores(index.Scores("\"the cat the\"", 1), {0.326293});
  auto results = index.Search("\"the cat the\"");
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->matches, 3u);
}

TEST(Searcher, PhraseMatchesStemmedForms) {
  SmallIndex index({Doc("a", "", "impose severe costs"), Doc("b", "", "costs severe"),
                    Doc("c", "", "severe and costs")});
  // "severe cost" matches "severe costs", adjacent and in order only.
  EXPECT_EQ(index.Units("\"severe cost\""), (std::vector<uint32_t>{0}));
  EXPECT_EQ(index.Units("\"Severe COSTS\""), (std::vector<uint32_t>{0}));
}

TEST(Searcher, HyphenatedWordIsAPhrase) {
  SmallIndex index({Doc("0", "", "they will de-escalate now"), Doc("1", "", "de escalate"),
                    Doc("2", "", "escalate de"), Doc("3", "", "de and escalate"),
                    Doc("4", "", "a de-escalation plan"), Doc("5", "", "escalate")});
  auto word = index.Search("de-escalate", 100);
  auto phrase = index.Search("\"de escalate\"", 100);
  ASSERT_TRUE(word.ok()) << word.status();
  ASSERT_TRUE(phrase.ok()) << phrase.status();
  EXPECT_EQ(word->matches, phrase->matches);
  ASSERT_EQ(word->hits.size(), phrase->hits.size());
  std::set<uint32_t> units;
  for (size_t i = 0; i < word->hits.size(); ++i) {
    EXPECT_EQ(word->hits[i].unit, phrase->hits[i].unit);
    EXPECT_FLOAT_EQ(word->hits[i].score, phrase->hits[i].score);
    units.insert(word->hits[i].unit);
  }
  EXPECT_TRUE(units.contains(0));
  EXPECT_TRUE(units.contains(1));
  EXPECT_FALSE(units.contains(2));
  EXPECT_FALSE(units.contains(3));
  EXPECT_FALSE(units.contains(5));
  EXPECT_EQ(word->query.root.kind, ResolvedNode::Kind::kPhrase);
}

TEST(Searcher, SingleWordPhraseIsATerm) {
  SmallIndex index(CatDogFish());
  EXPECT_EQ(index.Units("\"cat\""), (std::vector<uint32_t>{1, 0}));
  ExpectScores(index.Scores("\"cat\""), {0.579875, 0.470004});
}

// ------------------------------------------------------------ prefixes

TEST(Searcher, PrefixExpandsToIndexTerms) {
  SmallIndex index({Doc("0", "", "cat"), Doc("1", "", "cattle graze"), Doc("2", "", "catalog item"),
                    Doc("3", "", "dog"), Doc("4", "", "concatenate"), Doc("5", "", "éléphant")});
  auto units = index.Units("cat*");
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<uint32_t>{0, 1, 2}));
  units = index.Units("CAT*");
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<uint32_t>{0, 1, 2}));
  // The prefix is normalized like text: "ÉLÉ" is "ele".
  EXPECT_EQ(index.Units("ÉLÉ*"), (std::vector<uint32_t>{5}));
  // Each passage scores as its own expansion: every df is 1, N = 6, so
  // idf = ln(1 + 5.5 / 1.5) = ln(14/3), and tf = 1.
  auto results = index.Search("cat*");
  ASSERT_TRUE(results.ok());
  EXPECT_EQ(results->matches, 3u);
  // The highlights hold every expansion.
  std::set<std::string> highlighted;
  for (const HighlightPattern& p : results->query.highlights) {
    ASSERT_EQ(p.terms.size(), 1u);
    highlighted.insert(p.terms[0]);
  }
  EXPECT_EQ(highlighted.size(), 3u);
  EXPECT_TRUE(highlighted.contains("cat"));
  // Lengths: "cat" 1, "cattle graze" 2, "catalog item" 2; 8 tokens / 6 passages.
  const double idf = std::log(14.0 / 3.0);
  for (const Hit& hit : results->hits) {
    EXPECT_NEAR(hit.score, Bm25(idf, 1, hit.unit == 0 ? 1 : 2, 8.0 / 6), kScoreTolerance)
        << hit.unit;
  }
}

TEST(Searcher, PrefixWithoutExpansionsMatchesNothing) {
  SmallIndex index(CatDogFish());
  auto results = index.Search("zz*");
  ASSERT_TRUE(results.ok()) << results.status();
  EXPECT_EQ(results->matches, 0u);
  EXPECT_EQ(index.Units("zz* OR fish"), (std::vector<uint32_t>{2}));
  EXPECT_EQ(index.Units("fish -zz*"), (std::vector<uint32_t>{2}));
  EXPECT_EQ(index.Units("fish AND zz*"), (std::vector<uint32_t>{}));
}

// ------------------------------------------------------------ fields

// d0: title passage 0 + passages 1, 2; d1: title passage 3 + passage 4;
// d2 (no title): passages 5, 6.
std::vector<RawDocument> WithFields() {
  return {Doc("d0", "Swift costs", "para one words.\n\npara two words.", "Reuters"),
          Doc("d1", "Other news", "swift reply.", "Al Jazeera"),
          Doc("d2", "", "nothing here.\n\nswift again.")};
}

TEST(Searcher, TitleFieldMatchesEveryPassageOfTheDocument) {
  SmallIndex index(WithFields());
  EXPECT_EQ(index.Units("title:swift"), (std::vector<uint32_t>{0, 1, 2}));
  // Fields: N = 3 documents, df 1, no length normalization, tf 1:
  // ln(8/3) * 1.9 / 1.9.
  ExpectScores(index.Scores("title:swift"), {kIdfRare, kIdfRare, kIdfRare});
  EXPECT_EQ(index.Units("title:swift", 10, Unit::kDocument), (std::vector<uint32_t>{0}));
  ExpectScores(index.Scores("title:swift", 10, Unit::kDocument), {kIdfRare});
}

TEST(Searcher, OutletField) {
  SmallIndex index(WithFields());
  EXPECT_EQ(index.Units("outlet:reuters"), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(index.Units("outlet:jazeera"), (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(index.Units("outlet:al"), (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(index.Units("outlet:\"al jazeera\"", 10, Unit::kDocument), (std::vector<uint32_t>{1}));
  EXPECT_EQ(index.Units("outlet:swift"), (std::vector<uint32_t>{}));
}

TEST(Searcher, BodyWordsAlsoMatchTheTitlePassage) {
  SmallIndex index(WithFields());
  auto units = index.Units("swift");
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<uint32_t>{0, 4, 6}));
}

TEST(Searcher, FieldCombinedWithBodyWords) {
  SmallIndex index(WithFields());
  // Passages of d0 without "para": only its title passage.
  EXPECT_EQ(index.Units("title:swift -para"), (std::vector<uint32_t>{0}));
  // Passages of d0 or d1.
  auto units = index.Units("title:(swift OR other)");
  std::sort(units.begin(), units.end());
  EXPECT_EQ(units, (std::vector<uint32_t>{0, 1, 2, 3, 4}));
  // d0's passages holding "two", scored as title:swift + two.
  EXPECT_EQ(index.Units("title:swift AND two"), (std::vector<uint32_t>{2}));
  EXPECT_EQ(index.Units("title:swift AND reply"), (std::vector<uint32_t>{}));
  EXPECT_EQ(index.Units("title:swift AND reply", 10, Unit::kDocument), (std::vector<uint32_t>{}));
  EXPECT_EQ(index.Units("outlet:jazeera AND swift", 10, Unit::kDocument),
            (std::vector<uint32_t>{1}));
}

// ------------------------------------------------------------ no words

TEST(Searcher, QueryOfOnlyPunctuationIsInvalid) {
  SmallIndex index(CatDogFish());
  for (std::string_view query : {"--", "…", "\"-- …\"", "(-- OR …)", "-- AND ++", "title:…"}) {
    auto results = index.Search(query);
    ASSERT_FALSE(results.ok()) << query;
    EXPECT_EQ(results.status().code(), absl::StatusCode::kInvalidArgument) << query;
    EXPECT_EQ(std::string(results.status().message()).rfind("column ", 0), 0u) << results.status();
  }
}

TEST(Searcher, WordsThatAnalyzeToNothingAreDropped) {
  SmallIndex index(CatDogFish());
  const std::vector<float> expected = index.Scores("cat");
  for (std::string_view query :
       {"cat --", "-- cat", "cat …", "cat AND --", "cat -…", "cat \"— …\"", "(cat OR ;;) AND —"}) {
    EXPECT_EQ(index.Units(query), (std::vector<uint32_t>{1, 0})) << query;
    EXPECT_EQ(index.Scores(query), expected) << query;
  }
}

TEST(Searcher, SyntaxErrorsAreInvalidArgument) {
  SmallIndex index(CatDogFish());
  for (std::string_view query : {"", "(cat", "cat AND", "NOT cat", "cat OR -dog", "\"cat"}) {
    auto results = index.Search(query);
    ASSERT_FALSE(results.ok()) << query;
    EXPECT_EQ(results.status().code(), absl::StatusCode::kInvalidArgument) << query;
  }
}

// ------------------------------------------------------------ random queries

enum class Layout { kOneSegment, kMergedFlushes, kThreeSegments };

std::string LayoutName(const ::testing::TestParamInfo<Layout>& info) {
  switch (info.param) {
    case Layout::kOneSegment:
      return "OneSegment";
    case Layout::kMergedFlushes:
      return "MergedFlushes";
    case Layout::kThreeSegments:
      return "ThreeSegments";
  }
  return "";
}

class SearcherRandom : public ::testing::TestWithParam<Layout> {
 protected:
  // An index of one layout and its model, built once for the suite.
  struct Built {
    ScratchDir dir;
    std::unique_ptr<IndexReader> index;
    std::unique_ptr<Model> model;
  };

  static void TearDownTestSuite() { built_.clear(); }

  void SetUp() override {
    std::unique_ptr<Built>& built = built_[GetParam()];
    if (built == nullptr) {
      auto fresh = std::make_unique<Built>();
      std::mt19937 rng(7);
      std::vector<std::vector<RawDocument>> groups;
      if (GetParam() == Layout::kThreeSegments) {
        groups = {search_testing::RandomDocuments(&rng, 20, "a"),
                  search_testing::RandomDocuments(&rng, 15, "b"),
                  search_testing::RandomDocuments(&rng, 25, "c")};
        const absl::Status written = search_testing::WriteSegmentedIndex(fresh->dir.path(), groups);
        ASSERT_TRUE(written.ok()) << written;
      } else {
        // A 1-byte budget flushes a segment per document; Commit merges them.
        groups = {search_testing::RandomDocuments(&rng, 60, "d")};
        const size_t budget = GetParam() == Layout::kMergedFlushes ? 1 : size_t{64} << 20;
        const absl::Status written =
            search_testing::WriteIndex(fresh->dir.path(), groups[0], budget);
        ASSERT_TRUE(written.ok()) << written;
      }
      auto index = IndexReader::Open(fresh->dir.path());
      ASSERT_TRUE(index.ok()) << index.status();
      fresh->index = std::move(*index);
      fresh->model = std::make_unique<Model>(groups);
      built = std::move(fresh);
    }
    index_ = built->index.get();
    model_ = built->model.get();
  }

  // Runs `q` and compares with the model: the match count, each hit's score,
  // the order of the hits, and that no better unit was left out.
  void Check(const OracleQuery& q, Unit unit, size_t k) {
    const std::string text = q.ToString();
    SCOPED_TRACE(
        StrCat(text, unit == Unit::kPassage ? " (passages" : " (documents", ", k=", k, ")"));
    Searcher searcher(index_);
    SearchOptions options;
    options.bm25 = kHandParams;
    options.unit = unit;
    options.k = k;
    // The model knows neither groups nor boilerplate nor proximity: every
    // occurrence ranks, by BM25 alone.
    options.group = false;
    options.include_boilerplate = true;
    options.proximity.weight = 0;
    options.exhaustive = true;
    auto results = searcher.Search(text, options);
    ASSERT_TRUE(results.ok()) << results.status();
    const std::vector<ModelHit> expected = model_->Evaluate(q, unit, options.bm25);
    EXPECT_TRUE(results->matches_exact);
    EXPECT_EQ(results->matches, expected.size());
    // Pruning (MaxScore, block-max) must give the very same hits, scores
    // to the bit; it may count fewer matches, and then says so.
    options.exhaustive = false;
    auto pruned = searcher.Search(text, options);
    ASSERT_TRUE(pruned.ok()) << pruned.status();
    ASSERT_EQ(pruned->hits.size(), results->hits.size());
    for (size_t i = 0; i < pruned->hits.size(); ++i) {
      EXPECT_TRUE(SameHit(pruned->hits[i], results->hits[i])) << "pruned hit " << i << " differs";
    }
    EXPECT_LE(pruned->matches, results->matches);
    if (pruned->matches_exact) {
      EXPECT_EQ(pruned->matches, results->matches);
    }
    ASSERT_EQ(results->hits.size(), std::min(k, expected.size()));
    std::map<std::pair<uint32_t, uint32_t>, double> scores;
    for (const ModelHit& e : expected) scores[{e.segment, e.unit}] = e.score;
    double lowest = 1e9;
    std::set<std::pair<uint32_t, uint32_t>> returned;
    for (size_t i = 0; i < results->hits.size(); ++i) {
      const Hit& hit = results->hits[i];
      const auto found = scores.find({hit.segment, hit.unit});
      ASSERT_NE(found, scores.end()) << "unexpected hit " << hit.segment << "/" << hit.unit;
      EXPECT_NEAR(hit.score, found->second, kScoreTolerance) << hit.segment << "/" << hit.unit;
      lowest = std::min(lowest, found->second);
      EXPECT_TRUE(returned.insert({hit.segment, hit.unit}).second) << "duplicate hit";
      if (i > 0) {
        const Hit& prev = results->hits[i - 1];
        EXPECT_TRUE(prev.score > hit.score ||
                    (prev.score == hit.score && std::make_pair(prev.segment, prev.unit) <
                                                    std::make_pair(hit.segment, hit.unit)))
            << "hits " << i - 1 << " and " << i << " out of order";
      }
    }
    for (const ModelHit& e : expected) {
      if (!returned.contains({e.segment, e.unit})) {
        EXPECT_LE(e.score, lowest + kScoreTolerance)
            << "left out " << e.segment << "/" << e.unit << " scoring " << e.score;
      }
    }
  }

  static inline std::map<Layout, std::unique_ptr<Built>> built_;
  const IndexReader* index_ = nullptr;
  Model* model_ = nullptr;
};

TEST_P(SearcherRandom, ModelMatchesTheIndexLayout) {
  // The model's passages must be the index's, or the comparisons mean nothing.
  uint64_t passages = 0, documents = 0;
  for (const auto& segment : index_->segments()) {
    passages += segment->passages().size();
    documents += segment->documents().size();
  }
  EXPECT_EQ(passages, model_->passages().size());
  EXPECT_EQ(documents, model_->docs().size());
  EXPECT_EQ(index_->stats().tokens, model_->tokens());
  for (const search_testing::ModelPassage& p : model_->passages()) {
    ASSERT_LT(p.segment, index_->segments().size());
    const Segment& segment = *index_->segments()[p.segment];
    ASSERT_LT(p.id, segment.passages().size());
    const PassageRecord record = segment.passages().Get(p.id);
    EXPECT_EQ(record.length, p.terms.size());
    EXPECT_EQ(record.doc, model_->docs()[p.doc].id);
  }
  if (GetParam() == Layout::kThreeSegments) {
    EXPECT_EQ(index_->segments().size(), 3u);
  }
}

TEST_P(SearcherRandom, RandomQueriesMatchTheModel) {
  std::mt19937 rng(1234);
  int with_matches = 0;
  for (int round = 0; round < 250; ++round) {
    const OracleQuery q = search_testing::RandomQuery(&rng, 3);
    for (Unit unit : {Unit::kPassage, Unit::kDocument}) {
      Check(q, unit, 1000);  // every match
      static const size_t kSmall[] = {1, 3, 10};
      Check(q, unit, kSmall[rng() % 3]);
      if (HasFatalFailure()) return;
      with_matches += !model_->Evaluate(q, unit, Bm25Params{}).empty();
    }
  }
  // The generator must exercise matching, not only empty results.
  EXPECT_GT(with_matches, 250);
}

TEST_P(SearcherRandom, EveryVocabularyWordAndField) {
  for (const std::string& word : search_testing::BodyVocabulary()) {
    for (Unit unit : {Unit::kPassage, Unit::kDocument}) {
      Check(OracleQuery::Word(word), unit, 1000);
      Check(OracleQuery::Word(word, QueryField::kTitle), unit, 1000);
      Check(OracleQuery::Prefix(word.substr(0, 2)), unit, 1000);
    }
  }
  for (const char* outlet : {"reuters", "al", "jazeera", "ap", "sun", "news"}) {
    Check(OracleQuery::Word(outlet, QueryField::kOutlet), Unit::kPassage, 1000);
    Check(OracleQuery::Word(outlet, QueryField::kOutlet), Unit::kDocument, 5);
  }
}

INSTANTIATE_TEST_SUITE_P(Layouts, SearcherRandom,
                         ::testing::Values(Layout::kOneSegment, Layout::kMergedFlushes,
                                           Layout::kThreeSegments),
                         LayoutName);

}  // namespace
}  // namespace syndex
