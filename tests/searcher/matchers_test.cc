// Tests for the matchers (searcher/matcher.h, boolean_matchers.h,
// leaf_matchers.h, frequency_sources.h, matcher_builder.h):
//  * the boolean operators over scripted child matchers: ids, summed
//    scores, Seek semantics (never backwards, the end is sticky), and a
//    randomized comparison with set operations;
//  * PhraseSource over real postings, with gaps and repeated words;
//  * the leaves scoring fractional (sloppy) frequencies unrounded;
//  * every leaf and operator built by BuildMatcher over real segments, walked
//    with a random mix of Next and Seek and compared, id by id and score by
//    score, with the brute-force Model of search_test_util.h.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/boolean_matchers.h"
#include "searcher/frequency_sources.h"
#include "searcher/index_reader.h"
#include "searcher/leaf_matchers.h"
#include "searcher/matcher.h"
#include "searcher/matcher_builder.h"
#include "searcher/query_parser.h"
#include "searcher/resolved_query.h"
#include "tests/searcher/search_test_util.h"

namespace syndex {
namespace {

using search_testing::Doc;
using search_testing::Model;
using search_testing::ModelHit;
using search_testing::OracleQuery;
using search_testing::ScratchDir;

using Entries = std::vector<std::pair<uint32_t, Score>>;

// A matcher that yields a scripted list of (id, score).
class ListMatcher final : public Matcher {
 public:
  explicit ListMatcher(Entries entries, uint64_t cost = kDefaultCost)
      : entries_(std::move(entries)), cost_(cost == kDefaultCost ? entries_.size() : cost) {}
  uint32_t id() const override { return at_ < entries_.size() ? entries_[at_].first : kEndId; }
  void Next() override {
    if (at_ < entries_.size()) ++at_;
  }
  void Seek(uint32_t target) override {
    while (at_ < entries_.size() && entries_[at_].first < target) ++at_;
  }
  Score score() override {
    EXPECT_LT(at_, entries_.size()) << "score() at the end";
    return at_ < entries_.size() ? entries_[at_].second : -1;
  }
  uint64_t cost() const override { return cost_; }
  Score max_score() const override {
    Score max = 0;
    for (const auto& [id, score] : entries_) max = std::max(max, score);
    return max;
  }

 private:
  static constexpr uint64_t kDefaultCost = ~uint64_t{0};
  Entries entries_;
  uint64_t cost_;
  size_t at_ = 0;
};

std::unique_ptr<Matcher> List(Entries entries, uint64_t cost = ~uint64_t{0}) {
  return std::make_unique<ListMatcher>(std::move(entries), cost);
}

template <typename... M>
std::vector<std::unique_ptr<Matcher>> Children(M... matchers) {
  std::vector<std::unique_ptr<Matcher>> children;
  (children.push_back(std::move(matchers)), ...);
  return children;
}

// Walks `m` to the end with Next, collecting (id, score).
Entries Drain(Matcher& m) {
  Entries out;
  for (; m.id() != kEndId; m.Next()) out.emplace_back(m.id(), m.score());
  return out;
}

// ------------------------------------------------------------ boolean operators

TEST(Matchers, OrYieldsTheUnionWithSummedScores) {
  OrMatcher m(Children(List({{1, 1}, {3, 1}, {5, 1}}), List({{3, 2}, {4, 2}})));
  EXPECT_EQ(Drain(m), (Entries{{1, 1}, {3, 3}, {4, 2}, {5, 1}}));
  EXPECT_EQ(m.cost(), 5u);
}

// Slack is what the collector may add for each matching child (the
// proximity bonus of that child's term): with a threshold of 4, unit 3
// (score 1 + 1, slack 1 + 1) and unit 4 (3, slack 1) may still reach it
// and must be kept, unit 5 (score 1, slack 1) cannot and is skipped;
// scores stay the children's. Unit 1 was current when the threshold came.
TEST(Matchers, OrSlackKeepsUnitsTheBonusMayLift) {
  OrMatcher with_slack(Children(List({{1, 1}, {3, 1}, {5, 1}}), List({{3, 1}, {4, 3}})),
                       std::nullopt, {1.0, 1.0});
  EXPECT_EQ(with_slack.max_score(), 4);
  with_slack.SetMinCompetitiveScore(4);
  EXPECT_EQ(Drain(with_slack), (Entries{{1, 1}, {3, 2}, {4, 3}}));
  // Without slack, units 3 and 4 cannot reach 4 and are skipped too.
  OrMatcher without(Children(List({{1, 1}, {3, 1}, {5, 1}}), List({{3, 1}, {4, 3}})));
  without.SetMinCompetitiveScore(4);
  EXPECT_EQ(Drain(without), (Entries{{1, 1}}));
}

TEST(Matchers, OrOfEmptyChildrenIsAtTheEnd) {
  OrMatcher m(Children(List({}), List({})));
  EXPECT_EQ(m.id(), kEndId);
  m.Next();
  m.Seek(3);
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, OrSeek) {
  OrMatcher m(Children(List({{1, 1}, {6, 1}, {9, 1}}), List({{2, 2}, {4, 2}, {9, 2}})));
  EXPECT_EQ(m.id(), 1u);
  m.Seek(3);
  EXPECT_EQ(m.id(), 4u);
  EXPECT_EQ(m.score(), 2);
  m.Seek(2);  // backwards: nothing
  EXPECT_EQ(m.id(), 4u);
  m.Seek(4);  // the current id: nothing
  EXPECT_EQ(m.id(), 4u);
  m.Seek(9);
  EXPECT_EQ(m.id(), 9u);
  EXPECT_EQ(m.score(), 3);
  m.Seek(10);
  EXPECT_EQ(m.id(), kEndId);
  m.Seek(1);
  m.Next();
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, AndYieldsTheIntersectionWithSummedScores) {
  AndMatcher m(Children(List({{1, 1}, {3, 1}, {5, 1}, {7, 1}}),
                        List({{3, 2}, {4, 2}, {7, 2}, {9, 2}}), List({{0, 4}, {3, 4}, {7, 4}})));
  EXPECT_EQ(Drain(m), (Entries{{3, 7}, {7, 7}}));
}

TEST(Matchers, AndResultDoesNotDependOnCosts) {
  for (uint64_t a : {1, 5, 100}) {
    for (uint64_t b : {1, 5, 100}) {
      AndMatcher m(Children(List({{1, 1}, {3, 1}, {8, 1}}, a), List({{3, 2}, {8, 2}, {9, 2}}, b)));
      EXPECT_EQ(Drain(m), (Entries{{3, 3}, {8, 3}})) << a << " " << b;
    }
  }
}

TEST(Matchers, AndCostIsTheRarestChilds) {
  AndMatcher m(Children(List({{1, 1}}, 50), List({{1, 1}}, 7), List({{1, 1}}, 20)));
  EXPECT_EQ(m.cost(), 7u);
}

TEST(Matchers, AndSeek) {
  AndMatcher m(Children(List({{1, 1}, {3, 1}, {5, 1}, {7, 1}}), List({{1, 2}, {5, 2}, {7, 2}})));
  EXPECT_EQ(m.id(), 1u);
  m.Seek(2);
  EXPECT_EQ(m.id(), 5u);
  m.Seek(5);
  EXPECT_EQ(m.id(), 5u);
  m.Seek(6);
  EXPECT_EQ(m.id(), 7u);
  EXPECT_EQ(m.score(), 3);
  m.Seek(8);
  EXPECT_EQ(m.id(), kEndId);
  m.Next();
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, AndWithAnEmptyChildIsEmpty) {
  AndMatcher m(Children(List({{1, 1}, {2, 1}}), std::make_unique<EmptyMatcher>()));
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, AndNotSubtractsAndKeepsThePositiveScore) {
  AndNotMatcher m(List({{1, 1}, {3, 2}, {5, 3}, {7, 4}}), List({{3, 9}, {4, 9}, {7, 9}}));
  EXPECT_EQ(Drain(m), (Entries{{1, 1}, {5, 3}}));
}

TEST(Matchers, AndNotSkipsALeadingRunOfExcluded) {
  AndNotMatcher m(List({{1, 1}, {2, 2}, {3, 3}, {9, 4}}), List({{0, 1}, {1, 1}, {2, 1}, {3, 1}}));
  EXPECT_EQ(m.id(), 9u);
  EXPECT_EQ(m.cost(), 4u);
}

TEST(Matchers, AndNotEverythingExcluded) {
  AndNotMatcher m(List({{1, 1}, {2, 2}}), List({{1, 1}, {2, 1}}));
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, AndNotSeek) {
  AndNotMatcher m(List({{1, 1}, {3, 2}, {5, 3}, {7, 4}, {8, 5}}), List({{5, 9}, {7, 9}}));
  m.Seek(4);
  EXPECT_EQ(m.id(), 8u);
  m.Seek(2);
  EXPECT_EQ(m.id(), 8u);
  m.Next();
  EXPECT_EQ(m.id(), kEndId);
}

TEST(Matchers, AndNotWithEmptyNegative) {
  AndNotMatcher m(List({{1, 1}, {2, 2}}), std::make_unique<EmptyMatcher>());
  EXPECT_EQ(Drain(m), (Entries{{1, 1}, {2, 2}}));
}

TEST(Matchers, EmptyMatcher) {
  EmptyMatcher m;
  EXPECT_EQ(m.id(), kEndId);
  m.Next();
  m.Seek(5);
  EXPECT_EQ(m.id(), kEndId);
  EXPECT_EQ(m.cost(), 0u);
}

// A random tree of operators over random id lists, compared with the same
// expression computed on sets; each list scores 1 << its index, so the
// expected score (a sum of distinct powers of two) says which leaves
// contributed.
struct SetExpr {
  enum Kind { kLeaf, kOr, kAnd, kAndNot } kind = kLeaf;
  std::vector<uint32_t> ids;  // leaf
  Score weight = 0;           // leaf
  std::vector<SetExpr> children;

  std::unique_ptr<Matcher> Build() const {
    if (kind == kLeaf) {
      Entries entries;
      for (uint32_t id : ids) entries.emplace_back(id, weight);
      return List(std::move(entries));
    }
    std::vector<std::unique_ptr<Matcher>> built;
    for (const SetExpr& c : children) built.push_back(c.Build());
    if (kind == kOr) return std::make_unique<OrMatcher>(std::move(built));
    if (kind == kAnd) return std::make_unique<AndMatcher>(std::move(built));
    return std::make_unique<AndNotMatcher>(std::move(built[0]), std::move(built[1]));
  }

  // The score at `id`, or nullopt if it does not match.
  std::optional<Score> Eval(uint32_t id) const {
    switch (kind) {
      case kLeaf:
        if (std::binary_search(ids.begin(), ids.end(), id)) return weight;
        return std::nullopt;
      case kOr: {
        std::optional<Score> sum;
        for (const SetExpr& c : children) {
          if (auto s = c.Eval(id)) sum = sum.value_or(0) + *s;
        }
        return sum;
      }
      case kAnd: {
        Score sum = 0;
        for (const SetExpr& c : children) {
          auto s = c.Eval(id);
          if (!s) return std::nullopt;
          sum += *s;
        }
        return sum;
      }
      case kAndNot:
        if (children[1].Eval(id)) return std::nullopt;
        return children[0].Eval(id);
    }
    return std::nullopt;
  }
};

SetExpr RandomSetExpr(std::mt19937* rng, int depth, int* leaves) {
  SetExpr e;
  if (depth == 0 || (*rng)() % 3 == 0) {
    const int density = 1 + (*rng)() % 60;
    for (uint32_t id = 0; id < 200; ++id) {
      if (static_cast<int>((*rng)() % 100) < density) e.ids.push_back(id);
    }
    e.weight = static_cast<Score>(1 << ((*leaves)++ % 20));
    return e;
  }
  const int roll = (*rng)() % 3;
  e.kind = roll == 0 ? SetExpr::kOr : roll == 1 ? SetExpr::kAnd : SetExpr::kAndNot;
  const int n = e.kind == SetExpr::kAndNot ? 2 : 2 + (*rng)() % 3;
  for (int i = 0; i < n; ++i) e.children.push_back(RandomSetExpr(rng, depth - 1, leaves));
  return e;
}

TEST(Matchers, RandomOperatorTreesMatchSetOperations) {
  std::mt19937 rng(99);
  for (int round = 0; round < 500; ++round) {
    int leaves = 0;
    const SetExpr expr = RandomSetExpr(&rng, 3, &leaves);
    Entries expected;
    for (uint32_t id = 0; id < 200; ++id) {
      if (auto s = expr.Eval(id)) expected.emplace_back(id, *s);
    }
    std::unique_ptr<Matcher> walked = expr.Build();
    ASSERT_EQ(Drain(*walked), expected) << "round " << round;
    // Seek walk: random forward (and some backward) targets.
    std::unique_ptr<Matcher> sought = expr.Build();
    while (sought->id() != kEndId) {
      const uint32_t current = sought->id();
      const uint32_t target = static_cast<uint32_t>(
          std::max<int64_t>(0, int64_t{current} + static_cast<int64_t>(rng() % 12) - 3));
      sought->Seek(target);
      const uint32_t want_from = std::max(current, target);
      auto it = std::lower_bound(expected.begin(), expected.end(), want_from,
                                 [](const auto& e, uint32_t id) { return e.first < id; });
      const uint32_t want = it == expected.end() ? kEndId : it->first;
      ASSERT_EQ(sought->id(), want)
          << "round " << round << " seek " << target << " from " << current;
      if (want != kEndId) {
        ASSERT_EQ(sought->score(), it->second);
        sought->Next();
        ++it;
        ASSERT_EQ(sought->id(), it == expected.end() ? kEndId : it->first);
      }
    }
  }
}

// ------------------------------------------------------------ over an index

class IndexFixture {
 public:
  explicit IndexFixture(std::vector<std::vector<RawDocument>> groups) : model_(groups) {
    const absl::Status written = search_testing::WriteSegmentedIndex(dir_.path(), groups);
    EXPECT_TRUE(written.ok()) << written;
    auto index = IndexReader::Open(dir_.path());
    EXPECT_TRUE(index.ok()) << index.status();
    if (index.ok()) index_ = std::move(*index);
  }

  ResolvedQuery Resolve(std::string_view text, Unit unit) {
    absl::StatusOr<QueryNode> parsed = ParseQuery(text, {});
    EXPECT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    ResolveOptions options;
    options.unit = unit;
    absl::StatusOr<ResolvedQuery> resolved =
        ResolveQuery(parsed.ok() ? *parsed : QueryNode{}, *index_, options, &analyzer_);
    EXPECT_TRUE(resolved.ok()) << text << ": " << resolved.status();
    return resolved.ok() ? *resolved : ResolvedQuery{};
  }

  const Segment& segment(size_t s) const { return *index_->segments()[s]; }
  const IndexReader& index() const { return *index_; }
  Model& model() { return model_; }

 private:
  ScratchDir dir_;
  Model model_;
  std::unique_ptr<IndexReader> index_;
  Analyzer analyzer_;
};

TEST(Matchers, PhraseSourceWithAGap) {
  // cat ? cat: offsets {0, 2}.
  IndexFixture f({{Doc("0", "", "cat dog cat"), Doc("1", "", "cat cat"),
                   Doc("2", "", "cat a cat b cat"), Doc("3", "", "dog")}});
  const Segment& s = f.segment(0);
  const auto cat = s.dictionary().Find(format::Field::kBody, "cat");
  ASSERT_TRUE(cat.has_value());
  PhraseSource phrase({s.Cursor(*cat), s.Cursor(*cat)}, {0, 2});
  EXPECT_EQ(phrase.cost(), 3u);
  std::vector<std::pair<uint32_t, Frequency>> got;
  for (; phrase.id() != kEndId; phrase.Next()) got.emplace_back(phrase.id(), phrase.frequency());
  EXPECT_EQ(got, (std::vector<std::pair<uint32_t, Frequency>>{{0, 1.0f}, {2, 2.0f}}));
}

TEST(Matchers, PhraseSourceSeek) {
  IndexFixture f({{Doc("0", "", "swift costs"), Doc("1", "", "costs swift"),
                   Doc("2", "", "swift costs swift costs"), Doc("3", "", "swift and costs"),
                   Doc("4", "", "swift costs")}});
  const Segment& s = f.segment(0);
  const auto swift = s.dictionary().Find(format::Field::kBody, "swift");
  const auto costs = s.dictionary().Find(format::Field::kBody, "cost");
  ASSERT_TRUE(swift && costs);
  PhraseSource phrase({s.Cursor(*swift), s.Cursor(*costs)}, {0, 1});
  EXPECT_EQ(phrase.id(), 0u);
  EXPECT_EQ(phrase.frequency(), 1.0f);
  phrase.Seek(1);  // 1 has both words but not the phrase
  EXPECT_EQ(phrase.id(), 2u);
  EXPECT_EQ(phrase.frequency(), 2.0f);
  phrase.Seek(0);
  EXPECT_EQ(phrase.id(), 2u);
  phrase.Seek(3);
  EXPECT_EQ(phrase.id(), 4u);
  phrase.Next();
  EXPECT_EQ(phrase.id(), kEndId);
  phrase.Seek(100);
  EXPECT_EQ(phrase.id(), kEndId);
}

TEST(Matchers, PhraseWithAMissingTermMatchesNothing) {
  IndexFixture f({{Doc("0", "", "swift costs")}});
  const Segment& s = f.segment(0);
  const auto swift = s.dictionary().Find(format::Field::kBody, "swift");
  ASSERT_TRUE(swift.has_value());
  PhraseSource phrase({s.Cursor(*swift), PostingsCursor()}, {0, 1});
  EXPECT_EQ(phrase.id(), kEndId);
}

TEST(Matchers, DocumentLeafSeekPastTheLastDocument) {
  IndexFixture f({{Doc("0", "", "cat"), Doc("1", "", "dog.\n\ncat"), Doc("2", "", "cat cat")}});
  const ResolvedQuery q = f.Resolve("cat", Unit::kDocument);
  std::unique_ptr<Matcher> m = BuildMatcher(q.root, f.segment(0), Unit::kDocument);
  EXPECT_EQ(m->id(), 0u);
  m->Seek(1);
  EXPECT_EQ(m->id(), 1u);
  m->Seek(3);
  EXPECT_EQ(m->id(), kEndId);
  m->Next();
  EXPECT_EQ(m->id(), kEndId);
}

// A frequency source that yields a scripted list of (passage, frequency).
class ListSource final : public FrequencySource {
 public:
  explicit ListSource(std::vector<std::pair<uint32_t, Frequency>> entries)
      : entries_(std::move(entries)) {}
  uint32_t id() const override { return at_ < entries_.size() ? entries_[at_].first : kEndId; }
  void Next() override {
    if (at_ < entries_.size()) ++at_;
  }
  void Seek(uint32_t target) override {
    while (at_ < entries_.size() && entries_[at_].first < target) ++at_;
  }
  Frequency frequency() override { return entries_[at_].second; }
  uint64_t cost() const override { return entries_.size(); }

 private:
  std::vector<std::pair<uint32_t, Frequency>> entries_;
  size_t at_ = 0;
};

TEST(Matchers, LeavesScoreFractionalFrequencies) {
  // Passages: d0 = 0, 1, 2; d1 = 3, 4 (no titles). Sloppy matches give
  // fractions, which the leaves must pass to BM25 unrounded: a document's
  // frequency is the sum over its passages, 1/2 + 1/3 and 1 + 1/4.
  IndexFixture f({{Doc("0", "", "a b.\n\nc.\n\nd e f."), Doc("1", "", "g.\n\nh i.")}});
  const Segment& s = f.segment(0);
  ASSERT_EQ(s.passages().size(), 5u);
  const std::vector<std::pair<uint32_t, Frequency>> entries = {
      {0, 1.0f / 2}, {2, 1.0f / 3}, {3, 1.0f}, {4, 1.0f / 4}};
  const TermWeight weight = Bm25(Bm25Params{}, 5, 2.0).Weight(2);

  DocumentLeaf documents(std::make_unique<ListSource>(entries), weight, &s);
  EXPECT_EQ(documents.id(), 0u);
  const Frequency first = 1.0f / 2 + 1.0f / 3;
  EXPECT_FLOAT_EQ(documents.score(), weight.Of(first, s.documents().Get(0).length));
  EXPECT_NE(documents.score(), weight.Of(1, s.documents().Get(0).length));  // not rounded
  documents.Next();
  EXPECT_EQ(documents.id(), 1u);
  EXPECT_FLOAT_EQ(documents.score(), weight.Of(1.25f, s.documents().Get(1).length));

  PassageLeaf passages(std::make_unique<ListSource>(entries), weight, &s.passages());
  EXPECT_FLOAT_EQ(passages.score(), weight.Of(0.5f, s.passages().Get(0).length));
  EXPECT_LT(passages.score(), weight.Of(1, s.passages().Get(0).length));
}

// Given a threshold, a passage leaf yields exactly the units scoring at
// least that much, with the scores it gives without one: whole blocks
// below it are passed by their impacts, the rest unit by unit (a phrase's
// by its words' tfs before its positions). The words are in 600 passages
// (five blocks) of lengths and counts that vary; "swift costs" is in 400.
class LeafThreshold : public ::testing::TestWithParam<std::string> {};

TEST_P(LeafThreshold, YieldsOnlyUnitsReachingIt) {
  std::vector<RawDocument> docs;
  for (int i = 0; i < 600; ++i) {
    std::string body;
    for (int r = 0; r <= i % 3; ++r) body += i % 3 == 0 ? "swift then costs " : "swift costs ";
    for (int w = 0; w < (i * 7) % 23; ++w) body += "filler ";
    docs.push_back(Doc(std::to_string(i), "", body + "end."));
  }
  IndexFixture f({docs});
  const ResolvedQuery q = f.Resolve(GetParam(), Unit::kPassage);
  std::unique_ptr<Matcher> all = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  const Entries every = Drain(*all);
  ASSERT_EQ(every.size(), GetParam() == "swift" ? 600u : 400u);
  std::vector<Score> scores;
  for (const auto& [id, score] : every) scores.push_back(score);
  std::sort(scores.begin(), scores.end());
  for (const double quantile : {0.1, 0.5, 0.9, 0.99}) {
    const Score threshold = scores[static_cast<size_t>(quantile * (scores.size() - 1))];
    Entries expected;
    for (const auto& entry : every) {
      if (entry.second >= threshold) expected.push_back(entry);
    }
    std::unique_ptr<Matcher> pruned = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
    pruned->SetMinCompetitiveScore(threshold);
    pruned->Next();  // the first unit was current before the threshold came
    Entries got = Drain(*pruned);
    if (every[0].second >= threshold) got.insert(got.begin(), every[0]);
    EXPECT_EQ(got, expected) << "threshold " << threshold;
  }
}

INSTANTIATE_TEST_SUITE_P(TermAndPhrase, LeafThreshold,
                         ::testing::Values("swift", "\"swift costs\""),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param == "swift" ? "Term" : "Phrase";
                         });

TEST(Matchers, FieldLeafPassagesOfADocument) {
  // d0: title passage 0 + passages 1, 2, 3; d1: title passage 4 + 5; d2: 6 + 7.
  IndexFixture f({{Doc("0", "Swift costs", "a.\n\nb.\n\nc."), Doc("1", "Other", "d."),
                   Doc("2", "Swift again", "e.")}});
  const ResolvedQuery q = f.Resolve("title:swift", Unit::kPassage);
  std::unique_ptr<Matcher> m = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  EXPECT_EQ(m->id(), 0u);
  m->Seek(2);  // inside the same document
  EXPECT_EQ(m->id(), 2u);
  m->Seek(5);  // a passage of d1, which does not match: on to d2
  EXPECT_EQ(m->id(), 6u);
  m->Next();
  EXPECT_EQ(m->id(), 7u);
  m->Next();
  EXPECT_EQ(m->id(), kEndId);
  // Cost: 2 documents * 8 passages / 3 documents.
  std::unique_ptr<Matcher> fresh = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  EXPECT_EQ(fresh->cost(), 5u);
  std::unique_ptr<Matcher> docs =
      BuildMatcher(f.Resolve("title:swift", Unit::kDocument).root, f.segment(0), Unit::kDocument);
  EXPECT_EQ(Drain(*docs).size(), 2u);
}

TEST(Matchers, FieldLeafSeekIntoTheMiddleOfAMatchingDocument) {
  IndexFixture f({{Doc("0", "Other", "a."), Doc("1", "Swift costs", "b.\n\nc.\n\nd.")}});
  // d0: passages 0, 1; d1: passages 2 (title), 3, 4, 5.
  const ResolvedQuery q = f.Resolve("title:swift", Unit::kPassage);
  std::unique_ptr<Matcher> m = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  EXPECT_EQ(m->id(), 2u);
  std::unique_ptr<Matcher> sought = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  sought->Seek(1);
  EXPECT_EQ(sought->id(), 2u);
  std::unique_ptr<Matcher> middle = BuildMatcher(q.root, f.segment(0), Unit::kPassage);
  middle->Seek(4);
  EXPECT_EQ(middle->id(), 4u);
  middle->Next();
  EXPECT_EQ(middle->id(), 5u);
  middle->Seek(6);
  EXPECT_EQ(middle->id(), kEndId);
}

TEST(Matchers, PhrasePartsPairAdjacentPairWords) {
  ResolvedNode node;
  node.kind = ResolvedNode::Kind::kPhrase;
  const auto parts_of = [&](std::vector<std::string> words, std::vector<Position> offsets) {
    node.terms.clear();
    for (std::string& w : words) node.terms.push_back({format::Field::kBody, std::move(w)});
    node.offsets = std::move(offsets);
    std::vector<std::string> out;
    for (const PhrasePart& part : PhraseParts(node)) {
      out.push_back(StrCat(part.field == format::Field::kWordPairs ? "pair:" : "", part.term, "@",
                           part.offset));
    }
    return out;
  };
  using Parts = std::vector<std::string>;
  EXPECT_EQ(parts_of({"of", "the"}, {0, 1}), (Parts{"pair:of the@0"}));
  EXPECT_EQ(parts_of({"said", "in", "a", "statement"}, {0, 1, 2, 3}),
            (Parts{"pair:said in@0", "pair:in a@1", "statement@3"}));
  EXPECT_EQ(parts_of({"swift", "and", "sever"}, {0, 1, 2}), (Parts{"swift@0", "and@1", "sever@2"}));
  EXPECT_EQ(parts_of({"the", "white", "hous"}, {0, 1, 2}), (Parts{"the@0", "white@1", "hous@2"}));
  // Not adjacent (a word between them was dropped): no pair.
  EXPECT_EQ(parts_of({"of", "the"}, {0, 2}), (Parts{"of@0", "the@2"}));
}

// Walks `m` with Next, expecting exactly the (unit, score) pairs of
// `expected`, in order.
void ExpectNextWalk(Matcher& m, const std::vector<std::pair<uint32_t, double>>& expected) {
  size_t i = 0;
  for (; m.id() != kEndId; m.Next(), ++i) {
    ASSERT_LT(i, expected.size()) << "extra id " << m.id();
    ASSERT_EQ(m.id(), expected[i].first);
    ASSERT_NEAR(m.score(), expected[i].second, 1e-4) << m.id();
  }
  ASSERT_EQ(i, expected.size());
}

// Phrases of common words read from word pairs find the same passages
// with the same scores as the brute-force model, which reads words.
TEST(Matchers, PhrasesOfPairWordsMatchTheModel) {
  const std::vector<std::string> words = {"of", "the", "one", "in", "a", "said", "house"};
  std::mt19937 rng(4242);
  std::vector<RawDocument> docs;
  for (int d = 0; d < 40; ++d) {
    std::string text;
    for (int p = 0; p < 3; ++p) {
      if (p > 0) text += "\n\n";
      for (int w = 0; w < 12; ++w) text += words[rng() % words.size()] + " ";
      text += "end.";
    }
    docs.push_back(Doc(std::to_string(d), "", text));
  }
  IndexFixture f({docs});
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> phrase(2 + rng() % 3);
    for (std::string& w : phrase) w = words[rng() % words.size()];
    const OracleQuery q = OracleQuery::Phrase(phrase);
    SCOPED_TRACE(q.ToString());
    const std::unique_ptr<Matcher> m =
        BuildMatcher(f.Resolve(q.ToString(), Unit::kPassage).root, f.segment(0), Unit::kPassage);
    std::vector<std::pair<uint32_t, double>> expected;
    for (const ModelHit& h : f.model().Evaluate(q, Unit::kPassage, Bm25Params{})) {
      expected.emplace_back(h.unit, h.score);
    }
    ASSERT_NO_FATAL_FAILURE(ExpectNextWalk(*m, expected));
  }
}

// Every matcher BuildMatcher makes, on every segment, walked with Next and
// with random Seeks, against the model.
class MatcherWalk : public ::testing::TestWithParam<Unit> {};

TEST_P(MatcherWalk, RandomQueriesOnEverySegment) {
  const Unit unit = GetParam();
  std::mt19937 rng(31337);
  IndexFixture f({search_testing::RandomDocuments(&rng, 30, "a"),
                  search_testing::RandomDocuments(&rng, 25, "b")});
  ASSERT_EQ(f.index().segments().size(), 2u);
  for (int round = 0; round < 300; ++round) {
    const OracleQuery q = search_testing::RandomQuery(&rng, 3);
    const std::string text = q.ToString();
    SCOPED_TRACE(text);
    const ResolvedQuery resolved = f.Resolve(text, unit);
    const std::vector<ModelHit> all = f.model().Evaluate(q, unit, Bm25Params{});
    for (uint32_t s = 0; s < 2; ++s) {
      std::vector<std::pair<uint32_t, double>> expected;
      for (const ModelHit& h : all) {
        if (h.segment == s) expected.emplace_back(h.unit, h.score);
      }
      // Next walk.
      std::unique_ptr<Matcher> walked = BuildMatcher(resolved.root, f.segment(s), unit);
      ASSERT_NO_FATAL_FAILURE(ExpectNextWalk(*walked, expected));
      // Seek walk.
      std::unique_ptr<Matcher> sought = BuildMatcher(resolved.root, f.segment(s), unit);
      while (sought->id() != kEndId) {
        const uint32_t current = sought->id();
        const uint32_t target = static_cast<uint32_t>(
            std::max<int64_t>(0, int64_t{current} + static_cast<int64_t>(rng() % 8) - 2));
        sought->Seek(target);
        const uint32_t from = std::max(current, target);
        auto it = std::lower_bound(expected.begin(), expected.end(), from,
                                   [](const auto& e, uint32_t id) { return e.first < id; });
        ASSERT_EQ(sought->id(), it == expected.end() ? kEndId : it->first)
            << "Seek(" << target << ") from " << current;
        if (it != expected.end()) {
          ASSERT_NEAR(sought->score(), it->second, 1e-4);
        }
      }
      sought->Seek(0);
      sought->Next();
      ASSERT_EQ(sought->id(), kEndId);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Units, MatcherWalk, ::testing::Values(Unit::kPassage, Unit::kDocument),
                         [](const ::testing::TestParamInfo<Unit>& info) {
                           return info.param == Unit::kPassage ? "Passages" : "Documents";
                         });

}  // namespace
}  // namespace syndex
