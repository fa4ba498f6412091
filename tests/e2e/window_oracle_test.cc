// Xapian as an oracle for WindowSource (searcher/window_source.h): sloppy
// phrases and NEAR, passage by passage, on real news text.
//
// The first kArticles Reuters-21578 articles (titles dropped, so every
// passage is body text) are analyzed once with DocumentAnalyzer. The
// analysis is built into a syndex segment (SegmentBuilder) and, passage by
// passage, into an in-memory Xapian database: Xapian document p + 1 holds
// passage p's analyzed terms at position + 1, so both sides index the very
// same terms at the same relative positions.
//
// Xapian's window (matcher/nearpostlist.cc, phrasepostlist.cc; the API docs
// say the terms must occur "within the specified window size"): a choice of
// one position per term, all distinct, with last - first < window; OP_PHRASE
// also wants the positions in query order. With k words:
//  * "w1 .. wk"~slop (offsets 0..k-1): any in-order choice with
//    last - first < slop + k has starts s_i = p_i - i that never decrease
//    (p_{i+1} >= p_i + 1), so spread = (p_k - p_1) - (k - 1) <= slop: we
//    match. Any of our matches has p_i = s_i + i, so
//    last - first <= spread + k - 1 < slop + k: OP_NEAR matches. Hence
//      OP_PHRASE(slop + k)  ⊆  ours  ⊆  OP_NEAR(slop + k),
//    both strict in general (a swap is ours but not a phrase; "b x a" is
//    NEAR(3) for "a b" but costs 3 as a phrase).
//  * w1 NEAR/n .. wk (offsets 0, free spread k - 1): the k distinct
//    positions lie in [first, last], so the words between them number
//    (last - first + 1) - k; at most n is last - first < n + k. So ours
//    equals OP_NEAR(n + k) exactly.
// Patterns are 2-4 words drawn from one passage, mostly close together
// (so that something matches) and sometimes shuffled or far apart; a word
// may repeat. Xapian is reached directly here, not through
// xapian_adapter.h, whose OracleQuery has no window; every call still
// catches Xapian::Error and reports it through XapianErrorToStatus (E4).
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "searcher/window_source.h"
#include "tests/e2e/xapian_adapter.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/segment_fixtures.h"

namespace syndex::e2e {
namespace {

constexpr const char* kCorpus = SYNDEX_SOURCE_DIR "/../shared/news/reuters21578/articles.jsonl.zst";
constexpr size_t kArticles = 1000;
constexpr uint64_t kSeed = 20240917;  // SYNDEX_ORACLE_SEED=n tries other patterns
constexpr int kPatterns = 1000;       // of each kind
constexpr int kMaxReported = 10;

using PassageSet = std::set<uint32_t>;

uint64_t Seed() {
  const char* seed = std::getenv("SYNDEX_ORACLE_SEED");
  return seed != nullptr ? std::strtoull(seed, nullptr, 10) : kSeed;
}

// An in-memory Xapian database with one document per passage.
class PassageOracle {
 public:
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<PassageOracle>> Create() {
    try {
      return std::unique_ptr<PassageOracle>(
          new PassageOracle(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)));
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot create an in-memory Xapian database");
    }
  }

  // Adds the next passage: Xapian docid = passage id + 1.
  [[nodiscard]] absl::Status Add(const std::vector<Token>& tokens) {
    try {
      Xapian::Document doc;
      for (const Token& token : tokens) doc.add_posting(token.term, token.position + 1);
      db_.add_document(doc);
      return absl::OkStatus();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot add a passage");
    }
  }

  // The passages matching `terms` under OP_PHRASE or OP_NEAR with `window`.
  [[nodiscard]] absl::StatusOr<PassageSet> Match(Xapian::Query::op op,
                                                 const std::vector<std::string>& terms,
                                                 uint32_t window) const {
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(op, terms.begin(), terms.end(), window));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      const Xapian::MSet mset = enquire.get_mset(0, db_.get_doccount());
      PassageSet passages;
      for (auto it = mset.begin(); it != mset.end(); ++it) passages.insert(*it - 1);
      return passages;
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot run a window query");
    }
  }

 private:
  explicit PassageOracle(Xapian::WritableDatabase db) : db_(std::move(db)) {}
  Xapian::WritableDatabase db_;
};

struct Fixture {
  testing::ScratchDir dir{"syndex_window_oracle"};
  std::unique_ptr<Segment> segment;
  std::unique_ptr<PassageOracle> xapian;
  std::vector<const AnalyzedPassage*> passages;  // by passage id
  testing::Corpus corpus;
};

// Reads the articles the way IndexWriter keeps them: the first of each id,
// and only those with words.
absl::StatusOr<testing::Corpus> ReadCorpus() {
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(kCorpus, [](std::string_view) {}));
  std::vector<RawDocument> docs;
  absl::flat_hash_set<std::string> ids;
  RawDocument raw;
  while (docs.size() < kArticles) {
    ASSIGN_OR_RETURN(bool more, source->Next(&raw));
    if (!more) break;
    raw.title.clear();
    if (ids.insert(raw.id).second) docs.push_back(raw);
  }
  testing::Corpus all = testing::AnalyzeDocuments(std::move(docs));
  testing::Corpus kept;
  for (size_t d = 0; d < all.raw.size(); ++d) {
    if (!all.analyzed[d].passages.empty()) kept.Append(all.Slice(d, d + 1));
  }
  return kept;
}

absl::Status Build(Fixture* f) {
  ASSIGN_OR_RETURN(f->corpus, ReadCorpus());
  ASSIGN_OR_RETURN(f->segment, testing::BuildSegment(f->dir.path(), "seg000001", f->corpus));
  ASSIGN_OR_RETURN(f->xapian, PassageOracle::Create());
  for (const AnalyzedDocument& doc : f->corpus.analyzed) {
    for (const AnalyzedPassage& p : doc.passages) {
      RETURN_IF_ERROR(f->xapian->Add(p.tokens));
      f->passages.push_back(&p);
    }
  }
  // Passage ids follow documents, then passages within each: check that
  // they line up with the Xapian documents before trusting any comparison.
  if (f->segment->passages().size() != f->passages.size()) {
    return absl::InternalError(StrCat("segment has ", f->segment->passages().size(),
                                      " passages, the analysis ", f->passages.size()));
  }
  for (PassageId p = 0; p < f->passages.size(); ++p) {
    if (f->segment->passages().Get(p).length != f->passages[p]->tokens.size()) {
      return absl::InternalError(StrCat("passage ", p, " has another length in the segment"));
    }
  }
  return absl::OkStatus();
}

struct Pattern {
  std::vector<std::string> terms;
  uint32_t n = 0;  // slop, or NEAR's n

  bool repeats_a_term() const {
    return std::set<std::string>(terms.begin(), terms.end()).size() < terms.size();
  }
};

class PatternGenerator {
 public:
  PatternGenerator(const std::vector<const AnalyzedPassage*>& passages, uint64_t seed)
      : passages_(passages), rng_(seed) {}

  // 2-4 terms of one passage: usually within a few positions of each other,
  // in text order or shuffled; sometimes anywhere in the passage; one time
  // in five, a word that occurs twice nearby is taken twice.
  Pattern Next() {
    const AnalyzedPassage& p = RandomPassage();
    Pattern pattern;
    pattern.n = static_cast<uint32_t>(Pick(6));
    std::vector<size_t> chosen;
    if (Pick(5) != 0 || !ChooseARepeat(p, &chosen)) ChooseNearby(p, &chosen);
    if (Pick(3) == 0) {
      std::shuffle(chosen.begin(), chosen.end(), rng_);
    } else {
      std::sort(chosen.begin(), chosen.end());
    }
    for (size_t i : chosen) pattern.terms.push_back(p.tokens[i].term);
    return pattern;
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }

  const AnalyzedPassage& RandomPassage() {
    const AnalyzedPassage* p;
    do p = passages_[Pick(passages_.size())];
    while (p->tokens.size() < 2);
    return *p;
  }

  // k = 2-4 distinct positions from a stretch of k to k + 4 tokens, or
  // (one time in four) from the whole passage.
  void ChooseNearby(const AnalyzedPassage& p, std::vector<size_t>* chosen) {
    const size_t size = p.tokens.size();
    const size_t k = std::min<size_t>(2 + Pick(3), size);
    const size_t span = Pick(4) == 0 ? size : std::min(size, k + Pick(5));
    const size_t first = Pick(size - span + 1);
    for (size_t i = first; i < first + span; ++i) chosen->push_back(i);
    std::shuffle(chosen->begin(), chosen->end(), rng_);
    chosen->resize(k);
  }

  // Two positions of one term at most 8 apart, and 0-2 other positions
  // from around them; false if the passage repeats no term that closely.
  bool ChooseARepeat(const AnalyzedPassage& p, std::vector<size_t>* chosen) {
    const std::vector<Token>& tokens = p.tokens;
    std::vector<std::pair<size_t, size_t>> repeats;
    for (size_t i = 0; i < tokens.size(); ++i) {
      for (size_t j = i + 1; j < tokens.size() && j <= i + 8; ++j) {
        if (tokens[i].term == tokens[j].term) repeats.emplace_back(i, j);
      }
    }
    if (repeats.empty()) return false;
    const auto [first, last] = repeats[Pick(repeats.size())];
    std::vector<size_t> others;
    for (size_t i = first >= 2 ? first - 2 : 0; i < std::min(tokens.size(), last + 3); ++i) {
      if (i != first && i != last) others.push_back(i);
    }
    std::shuffle(others.begin(), others.end(), rng_);
    others.resize(std::min(others.size(), Pick(3)));
    *chosen = {first, last};
    chosen->insert(chosen->end(), others.begin(), others.end());
    return true;
  }
  const std::vector<const AnalyzedPassage*>& passages_;
  std::mt19937_64 rng_;
};

PassageSet Ours(const Segment& segment, const Pattern& pattern, bool near) {
  std::vector<PostingsCursor> cursors;
  std::vector<Position> offsets;
  for (size_t i = 0; i < pattern.terms.size(); ++i) {
    const auto info = segment.dictionary().Find(format::Field::kBody, pattern.terms[i]);
    cursors.push_back(info ? segment.Cursor(*info) : PostingsCursor());
    offsets.push_back(near ? 0 : static_cast<Position>(i));
  }
  const WindowOptions options = near ? WindowOptions::Near(pattern.terms.size(), pattern.n)
                                     : WindowOptions::SloppyPhrase(pattern.n);
  WindowSource source(std::move(cursors), std::move(offsets), options);
  PassageSet out;
  for (; source.id() != kEndId; source.Next()) out.insert(source.id());
  return out;
}

std::string Describe(const Pattern& pattern, bool near) {
  std::string out = near ? "" : "\"";
  for (size_t i = 0; i < pattern.terms.size(); ++i) {
    StrAppend(&out, i == 0 ? "" : near ? StrCat(" NEAR/", pattern.n, " ") : " ", pattern.terms[i]);
  }
  return near ? out : StrCat(out, "\"~", pattern.n);
}

// Passages in `a` but not in `b`, a few of them, for a failure message.
std::string Missing(const PassageSet& a, const PassageSet& b) {
  std::string out;
  int shown = 0;
  for (uint32_t p : a) {
    if (b.count(p) == 0 && shown++ < 5) StrAppend(&out, " ", p);
  }
  return out;
}

class WindowOracleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fixture_ = new Fixture;
    const absl::Status built = Build(fixture_);
    if (!built.ok()) {
      delete fixture_;
      fixture_ = nullptr;
      GTEST_FAIL() << built;
    }
  }
  static void TearDownTestSuite() {
    delete fixture_;
    fixture_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(fixture_, nullptr) << "the corpus was not built"; }

  static Fixture* fixture_;
};
Fixture* WindowOracleTest::fixture_ = nullptr;

TEST_F(WindowOracleTest, SloppyPhraseLiesBetweenXapianPhraseAndNear) {
  const Fixture& f = *fixture_;
  PatternGenerator generator(f.passages, Seed());
  int failures = 0, repeated = 0;
  size_t phrase_total = 0, ours_total = 0, near_total = 0;
  for (int i = 0; i < kPatterns; ++i) {
    const Pattern pattern = generator.Next();
    const uint32_t window = pattern.n + static_cast<uint32_t>(pattern.terms.size());
    const auto phrase = f.xapian->Match(Xapian::Query::OP_PHRASE, pattern.terms, window);
    const auto near = f.xapian->Match(Xapian::Query::OP_NEAR, pattern.terms, window);
    ASSERT_TRUE(phrase.ok() && near.ok()) << phrase.status() << near.status();
    const PassageSet ours = Ours(*f.segment, pattern, /*near=*/false);
    const bool superset = std::includes(ours.begin(), ours.end(), phrase->begin(), phrase->end());
    const bool subset = std::includes(near->begin(), near->end(), ours.begin(), ours.end());
    if ((!superset || !subset) && failures++ < kMaxReported) {
      ADD_FAILURE() << Describe(pattern, false) << ": Xapian phrase only:" << Missing(*phrase, ours)
                    << "; ours beyond Xapian near:" << Missing(ours, *near);
    }
    repeated += pattern.repeats_a_term() && !ours.empty();
    phrase_total += phrase->size();
    ours_total += ours.size();
    near_total += near->size();
  }
  std::printf(
      "[window oracle] %zu passages, %d sloppy phrases (%d matching ones repeat a word): "
      "Xapian phrase %zu, ours %zu, Xapian near %zu passage matches\n",
      f.passages.size(), kPatterns, repeated, phrase_total, ours_total, near_total);
  EXPECT_EQ(failures, 0);
  // Not vacuous: many matches, and both inclusions strict somewhere.
  EXPECT_GT(phrase_total, 1000u);
  EXPECT_GT(ours_total, phrase_total);
  EXPECT_GT(near_total, ours_total);
  EXPECT_GT(repeated, 10);
}

TEST_F(WindowOracleTest, NearEqualsXapianNear) {
  const Fixture& f = *fixture_;
  PatternGenerator generator(f.passages, Seed() + 1);
  int failures = 0, repeated = 0;
  size_t total = 0;
  for (int i = 0; i < kPatterns; ++i) {
    const Pattern pattern = generator.Next();
    const uint32_t window = pattern.n + static_cast<uint32_t>(pattern.terms.size());
    const auto near = f.xapian->Match(Xapian::Query::OP_NEAR, pattern.terms, window);
    ASSERT_TRUE(near.ok()) << near.status();
    const PassageSet ours = Ours(*f.segment, pattern, /*near=*/true);
    if (ours != *near && failures++ < kMaxReported) {
      ADD_FAILURE() << Describe(pattern, true) << ": Xapian only:" << Missing(*near, ours)
                    << "; ours only:" << Missing(ours, *near);
    }
    repeated += pattern.repeats_a_term() && !ours.empty();
    total += ours.size();
  }
  std::printf(
      "[window oracle] %d NEAR patterns (%d matching ones repeat a word): %zu passage "
      "matches\n",
      kPatterns, repeated, total);
  EXPECT_EQ(failures, 0);
  EXPECT_GT(total, 1000u);
  EXPECT_GT(repeated, 10);
}

}  // namespace
}  // namespace syndex::e2e
