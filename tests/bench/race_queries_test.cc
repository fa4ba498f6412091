// Tests of the race's deterministic query sets (bench/e2e/query_sets.h),
// their syndex and FTS5 spellings (bench/e2e/query_syntax.h) and its
// percentiles (bench/e2e/percentile.h). No timing is asserted.
#include <algorithm>
#include <string>
#include <vector>

#include "bench/e2e/percentile.h"
#include "bench/e2e/query_sets.h"
#include "bench/e2e/query_syntax.h"
#include "gtest/gtest.h"

namespace syndex::race {
namespace {

std::vector<double> OneToHundred() {
  std::vector<double> values;
  for (int i = 100; i >= 1; --i) values.push_back(i);  // unsorted on purpose
  return values;
}

TEST(Percentile, NearestRank) {
  const std::vector<double> values = OneToHundred();
  EXPECT_EQ(NearestRankPercentile(values, 0.50), 50);  // ceil(50) = 50th
  EXPECT_EQ(NearestRankPercentile(values, 0.95), 95);
  EXPECT_EQ(NearestRankPercentile(values, 0.99), 99);
  EXPECT_EQ(NearestRankPercentile(values, 1.0), 100);
  EXPECT_EQ(NearestRankPercentile(values, 0.0), 1);     // at least the first
  EXPECT_EQ(NearestRankPercentile(values, 0.07), 7);    // 0.07 * 100 = 7.000000000000001
  EXPECT_EQ(NearestRankPercentile(values, 0.505), 51);  // ceil(50.5)
}

TEST(Percentile, SmallAndEdgeSets) {
  EXPECT_EQ(NearestRankPercentile({}, 0.5), 0);
  EXPECT_EQ(NearestRankPercentile({7}, 0.99), 7);
  EXPECT_EQ(NearestRankPercentile({3, 1, 2}, 0.5), 2);     // ceil(1.5) = 2nd
  EXPECT_EQ(NearestRankPercentile({4, 1, 3, 2}, 0.5), 2);  // ceil(2) = 2nd, no interpolation
  EXPECT_EQ(NearestRankPercentile({4, 1, 3, 2}, 0.99), 4);
  EXPECT_EQ(NearestRankPercentile({4, 1, 3, 2}, 2.0), 4);  // clamped to 1
  EXPECT_EQ(NearestRankPercentile({4, 1, 3, 2}, -1.0), 1);
}

TEST(Percentile, Summary) {
  const LatencySummary s = SummarizeLatencies({0.004, 0.001, 0.002, 0.003});
  EXPECT_EQ(s.count, 4u);
  EXPECT_EQ(s.p50, 0.002);
  EXPECT_EQ(s.p95, 0.004);  // ceil(3.8) = 4th
  EXPECT_EQ(s.p99, 0.004);
  EXPECT_DOUBLE_EQ(s.mean, 0.0025);
  EXPECT_DOUBLE_EQ(s.qps, 400);
  const LatencySummary none = SummarizeLatencies({});
  EXPECT_EQ(none.count, 0u);
  EXPECT_EQ(none.qps, 0);
}

TEST(Percentile, Median) {
  EXPECT_EQ(Median({}), 0);
  EXPECT_EQ(Median({5, 1, 3}), 3);
  EXPECT_EQ(Median({4, 1, 3, 2}), 3);  // the upper middle
}

TEST(QuerySets, PlainWords) {
  EXPECT_TRUE(IsPlainWord("climate"));
  EXPECT_TRUE(IsPlainWord("2020"));
  EXPECT_TRUE(IsPlainWord("covid19"));
  EXPECT_FALSE(IsPlainWord(""));
  EXPECT_FALSE(IsPlainWord("u.s."));
  EXPECT_FALSE(IsPlainWord("trump's"));
  EXPECT_FALSE(IsPlainWord("1,000"));
  EXPECT_FALSE(IsPlainWord("Climate"));  // NormalizedWords folds case first
  EXPECT_FALSE(IsPlainWord("caf\xC3\xA9"));
}

// A small corpus with plenty to draw from: headlines of 4+ plain words,
// bodies of two paragraphs, punctuation and non-plain words included.
std::vector<CorpusArticle> SmallCorpus() {
  return {
      {"Senate Passes Sweeping Climate Bill After Long Debate",
       "The Senate passed a sweeping climate bill on Tuesday. Supporters called it historic.\n\n"
       "Critics said the U.S. plan would raise energy prices for rural families."},
      {"Storm Knocks Out Power Across Florida Coast",
       "A powerful storm knocked out power to millions of homes along the Florida coast.\n\n"
       "Utility crews expect repairs to take several days, officials said."},
      {"Court Blocks New Voting Rules in Texas",
       "A federal court blocked new voting rules in Texas, siding with civil rights groups.\n\n"
       "The state's attorney general vowed to appeal the ruling quickly."},
      {"Markets Rally as Inflation Cools",
       "Stock markets rallied sharply after inflation cooled for a third straight month.\n\n"
       "Investors now expect the central bank to pause interest rate increases."},
  };
}

std::string Joined(const WordQuery& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

TEST(QuerySets, SameInputsSameQueries) {
  QuerySetOptions options;
  options.per_class = 40;
  const auto a = GenerateQuerySets(SmallCorpus(), options);
  const auto b = GenerateQuerySets(SmallCorpus(), options);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  for (QueryClass c : kAllQueryClasses) {
    EXPECT_EQ(a->of(c), b->of(c)) << QueryClassName(c);
    EXPECT_EQ(a->of(c).size(), 40u) << QueryClassName(c);
  }
  options.seed += 1000;
  const auto other = GenerateQuerySets(SmallCorpus(), options);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(a->of(QueryClass::kPhrase2), other->of(QueryClass::kPhrase2));
}

TEST(QuerySets, ClassesHaveTheirShapes) {
  QuerySetOptions options;
  options.per_class = 60;
  const auto sets = GenerateQuerySets(SmallCorpus(), options);
  ASSERT_TRUE(sets.ok()) << sets.status();
  EXPECT_EQ(sets->of(QueryClass::kOr), sets->of(QueryClass::kAnd));
  for (const WordQuery& q : sets->of(QueryClass::kOr)) {
    EXPECT_GE(q.size(), 1u);
    EXPECT_LE(q.size(), 3u);
    for (const std::string& w : q) {
      EXPECT_TRUE(IsPlainWord(w)) << w;
      EXPECT_NE(w, "as") << "a function word was drawn as a keyword";
      EXPECT_NE(w, "in");
      EXPECT_EQ(std::count(q.begin(), q.end(), w), 1) << Joined(q);
    }
  }
  for (const WordQuery& q : sets->of(QueryClass::kLongOr)) EXPECT_GE(q.size(), 4u);
  // Every drawn length occurs, up to 3.
  std::vector<size_t> lengths;
  for (const WordQuery& q : sets->of(QueryClass::kOr)) lengths.push_back(q.size());
  for (size_t n = 1; n <= 3; ++n) EXPECT_NE(std::count(lengths.begin(), lengths.end(), n), 0);
}

TEST(QuerySets, PhrasesAreConsecutiveWordsOfOneParagraph) {
  QuerySetOptions options;
  options.per_class = 50;
  const auto sets = GenerateQuerySets(SmallCorpus(), options);
  ASSERT_TRUE(sets.ok()) << sets.status();
  // The paragraphs, normalized by hand (lower case, punctuation dropped).
  const std::vector<std::string> paragraphs = {
      " the senate passed a sweeping climate bill on tuesday supporters called it historic ",
      " critics said the u.s. plan would raise energy prices for rural families ",
      " a powerful storm knocked out power to millions of homes along the florida coast ",
      " utility crews expect repairs to take several days officials said ",
      " a federal court blocked new voting rules in texas siding with civil rights groups ",
      " the state's attorney general vowed to appeal the ruling quickly ",
      " stock markets rallied sharply after inflation cooled for a third straight month ",
      " investors now expect the central bank to pause interest rate increases "};
  const QueryClass classes[] = {QueryClass::kPhrase2, QueryClass::kPhrase3, QueryClass::kPhrase4};
  for (size_t length = 2; length <= 4; ++length) {
    for (const WordQuery& q : sets->of(classes[length - 2])) {
      ASSERT_EQ(q.size(), length);
      const std::string phrase = " " + Joined(q) + " ";
      EXPECT_TRUE(std::any_of(paragraphs.begin(), paragraphs.end(),
                              [&](const std::string& p) { return p.find(phrase) != p.npos; }))
          << "'" << Joined(q) << "' is not in one paragraph";
      EXPECT_NE(q.front(), "the") << Joined(q);
      EXPECT_NE(q.back(), "the") << Joined(q);
      EXPECT_NE(q.back(), "a") << Joined(q);
      for (const std::string& w : q) EXPECT_TRUE(IsPlainWord(w)) << Joined(q);
    }
  }
  // Phrasings alternate the 3- and 4-word phrases.
  const auto& phrasings = sets->of(QueryClass::kPhrasings);
  ASSERT_EQ(phrasings.size(), 50u);
  for (size_t i = 0; i < phrasings.size(); ++i) {
    const auto& source = sets->of(i % 2 == 0 ? QueryClass::kPhrase3 : QueryClass::kPhrase4);
    EXPECT_EQ(phrasings[i], source[i / 2]) << i;
  }
}

TEST(QuerySets, OnlyChoiceIsDrawn) {
  // One article: one content word in the title ("Obama"; the rest are
  // function words or not plain), and one phrase of each length whose ends
  // are plain content words ("with" is a function word, "obama's" not plain).
  const std::vector<CorpusArticle> corpus = {
      {"Obama and the U.S. of it, as is", "he said: obama's of the in kept faith with voters"}};
  QuerySetOptions options;
  options.per_class = 5;
  options.min_headline_words = 1;
  const auto sets = GenerateQuerySets(corpus, options);
  ASSERT_TRUE(sets.ok()) << sets.status();
  for (const WordQuery& q : sets->of(QueryClass::kOr)) EXPECT_EQ(q, WordQuery({"obama"}));
  // Distinct plain words of the headline, function words kept.
  for (const WordQuery& q : sets->of(QueryClass::kLongOr)) {
    EXPECT_EQ(q, WordQuery({"obama", "and", "the", "of", "it", "as", "is"}));
  }
  for (const WordQuery& q : sets->of(QueryClass::kPhrase2)) {
    EXPECT_EQ(q, WordQuery({"kept", "faith"}));
  }
  for (const WordQuery& q : sets->of(QueryClass::kPhrase3)) {
    EXPECT_EQ(q, WordQuery({"faith", "with", "voters"}));
  }
  for (const WordQuery& q : sets->of(QueryClass::kPhrase4)) {
    EXPECT_EQ(q, WordQuery({"kept", "faith", "with", "voters"}));
  }
}

TEST(QuerySets, TooLittleToDrawFrom) {
  QuerySetOptions options;
  options.per_class = 3;
  // Titles of function words only: no keyword can be drawn.
  const auto none = GenerateQuerySets({{"of the and", "climate change matters"}}, options);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(GenerateQuerySets({}, options).status().code(), absl::StatusCode::kFailedPrecondition);
  options.per_class = 0;
  EXPECT_EQ(GenerateQuerySets(SmallCorpus(), options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(QuerySyntax, Syndex) {
  const WordQuery words = {"swift", "and", "severe"};
  EXPECT_EQ(SyndexQueryText(QueryClass::kOr, words), "swift and severe");
  EXPECT_EQ(SyndexQueryText(QueryClass::kAnd, words), "swift and severe");
  EXPECT_TRUE(SyndexUsesAndDefault(QueryClass::kAnd));
  EXPECT_FALSE(SyndexUsesAndDefault(QueryClass::kOr));
  EXPECT_EQ(SyndexQueryText(QueryClass::kPhrase3, words), "\"swift and severe\"");
  EXPECT_EQ(SyndexQueryText(QueryClass::kPhrasings, words), "~\"swift and severe\"");
  // A batch file line has no AND default to lean on.
  EXPECT_EQ(SyndexBatchLine(QueryClass::kAnd, words), "swift AND and AND severe");
  EXPECT_EQ(SyndexBatchLine(QueryClass::kOr, words), "swift and severe");
  EXPECT_EQ(SyndexBatchLine(QueryClass::kPhrase3, words), "\"swift and severe\"");
}

TEST(QuerySyntax, Fts5QuotesEveryTerm) {
  const WordQuery words = {"swift", "and", "not"};
  EXPECT_EQ(Fts5QueryText(QueryClass::kOr, words), "\"swift\" OR \"and\" OR \"not\"");
  EXPECT_EQ(Fts5QueryText(QueryClass::kLongOr, words), "\"swift\" OR \"and\" OR \"not\"");
  EXPECT_EQ(Fts5QueryText(QueryClass::kAnd, words), "\"swift\" AND \"and\" AND \"not\"");
  EXPECT_EQ(Fts5QueryText(QueryClass::kPhrase3, words), "\"swift and not\"");
  EXPECT_EQ(Fts5QueryText(QueryClass::kOr, {"one"}), "\"one\"");
  EXPECT_FALSE(Fts5QueryText(QueryClass::kPhrasings, words).has_value());
}

}  // namespace
}  // namespace syndex::race
