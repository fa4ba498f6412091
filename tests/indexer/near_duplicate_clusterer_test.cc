#include "indexer/near_duplicate_clusterer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/analyzer.h"
#include "common/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "indexer/minhash.h"

namespace syndex {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Terms(std::string_view text) { return Analyzer().Terms(text); }

// 100 words.
constexpr char kCouncil[] =
    "The city council voted on Tuesday night to approve a revised budget that "
    "restores funding for the public library and two neighborhood parks, after "
    "weeks of protests by residents who packed the chamber at every meeting. The "
    "mayor, who had proposed the cuts in March, said she would sign the measure "
    "but warned that the city still faces a shortfall of four million "
    "dollars next year. Council members from the east side said the vote showed "
    "that residents could change decisions made at city hall, and they promised "
    "to hold hearings on the transit plan before the summer recess begins.";
// kCouncil with "library" changed to "museum".
constexpr char kCouncilEdited[] =
    "The city council voted on Tuesday night to approve a revised budget that "
    "restores funding for the public museum and two neighborhood parks, after "
    "weeks of protests by residents who packed the chamber at every meeting. The "
    "mayor, who had proposed the cuts in March, said she would sign the measure "
    "but warned that the city still faces a shortfall of four million "
    "dollars next year. Council members from the east side said the vote showed "
    "that residents could change decisions made at city hall, and they promised "
    "to hold hearings on the transit plan before the summer recess begins.";
constexpr char kStorm[] =
    "A powerful storm swept across the coast early on Sunday, knocking out power "
    "to thousands of homes and forcing the closure of the main highway for several "
    "hours while crews cleared fallen trees. Forecasters said more rain was "
    "expected through the week and urged drivers to avoid flooded roads.";

MinHashSignature SignatureOf(std::string_view text) {
  return MinHasher(MinHashOptions{}).Signature(Terms(text));
}

// Checks that every text's cluster id is the smallest id of its cluster.
void ExpectSmallestIds(const std::vector<uint32_t>& cluster_of) {
  for (uint32_t id = 0; id < cluster_of.size(); ++id) {
    ASSERT_LE(cluster_of[id], id) << "text " << id;
    ASSERT_EQ(cluster_of[cluster_of[id]], cluster_of[id]) << "text " << id;
  }
}

TEST(NearDuplicateClusterer, OneWordChangedClustersUnrelatedDoesNot) {
  ASSERT_EQ(Terms(kCouncil).size(), 100u);
  // One word changed removes 3 of 98 shingles and adds 3: J = 95/101.
  EXPECT_NEAR(ExactJaccard(Terms(kCouncil), Terms(kCouncilEdited), 3), 95.0 / 101, 1e-9);

  NearDuplicateClusterer clusterer(ClusterOptions{});
  EXPECT_EQ(clusterer.Add(SignatureOf(kCouncil)), 0u);
  EXPECT_EQ(clusterer.Add(SignatureOf(kCouncilEdited)), 1u);
  EXPECT_EQ(clusterer.Add(SignatureOf(kStorm)), 2u);
  EXPECT_EQ(clusterer.size(), 3u);
  EXPECT_THAT(clusterer.Cluster(), ElementsAre(0, 0, 2));
  EXPECT_GE(clusterer.stats().confirmed_comparisons, 1u);
}

TEST(NearDuplicateClusterer, ClusterIdIsTheSmallestMember) {
  NearDuplicateClusterer clusterer(ClusterOptions{});
  clusterer.Add(SignatureOf(kStorm));
  clusterer.Add(SignatureOf(kCouncilEdited));
  clusterer.Add(SignatureOf(kCouncil));
  EXPECT_THAT(clusterer.Cluster(), ElementsAre(0, 1, 1));
}

TEST(NearDuplicateClusterer, ExactDuplicatesJoinOneCluster) {
  NearDuplicateClusterer clusterer(ClusterOptions{});
  for (int i = 0; i < 3; ++i) {
    clusterer.Add(SignatureOf(kStorm));
    clusterer.Add(SignatureOf(StrCat("Unrelated text number ", i, " about ", i * 7, " apples.")));
  }
  clusterer.Add(SignatureOf(kStorm));
  EXPECT_THAT(clusterer.Cluster(), ElementsAre(0, 1, 0, 3, 0, 5, 0));
}

TEST(NearDuplicateClusterer, NoTexts) {
  NearDuplicateClusterer clusterer(ClusterOptions{});
  EXPECT_TRUE(clusterer.Cluster().empty());
}

TEST(NearDuplicateClusterer, EmptySignaturesNeverCluster) {
  NearDuplicateClusterer clusterer(ClusterOptions{});
  clusterer.Add({});
  clusterer.Add({});
  clusterer.Add(SignatureOf(kStorm));
  clusterer.Add(SignatureOf(kStorm));
  clusterer.Add({});
  EXPECT_THAT(clusterer.Cluster(), ElementsAre(0, 1, 2, 2, 4));

  NearDuplicateClusterer only_empty(ClusterOptions{});
  only_empty.Add({});
  only_empty.Add({});
  EXPECT_THAT(only_empty.Cluster(), ElementsAre(0, 1));
}

// Hand-made signatures: b differs from a in bins [0, 12), c from b in bins
// [12, 24). a~b and b~c agree on 52 of 64 bins (0.81), a and c on only 40
// (0.625, below 0.7): a and c are in one cluster through b alone. Bins
// [24, 64) agree in all three, so every pair shares a band whatever the
// banding.
TEST(NearDuplicateClusterer, ClustersAreTransitive) {
  MinHashSignature a(64), b, c;
  for (uint32_t i = 0; i < 64; ++i) a[i] = 1000 + 2 * i;
  b = a;
  for (uint32_t i = 0; i < 12; ++i) b[i] = 5000 + 2 * i;
  c = b;
  for (uint32_t i = 12; i < 24; ++i) c[i] = 9000 + 2 * i;
  ASSERT_DOUBLE_EQ(EstimateJaccard(a, b), 52.0 / 64);
  ASSERT_DOUBLE_EQ(EstimateJaccard(b, c), 52.0 / 64);
  ASSERT_DOUBLE_EQ(EstimateJaccard(a, c), 40.0 / 64);
  const MinHashSignature unrelated(64, 7);

  // Whatever the order of Add, a and c meet through b.
  std::vector<MinHashSignature> abc = {a, b, c};
  std::vector<int> order = {0, 1, 2};
  do {
    NearDuplicateClusterer clusterer(ClusterOptions{.threshold = 0.7});
    clusterer.Add(unrelated);
    for (int i : order) clusterer.Add(abc[i]);
    EXPECT_THAT(clusterer.Cluster(), ElementsAre(0, 1, 1, 1))
        << "order " << order[0] << order[1] << order[2];
  } while (std::next_permutation(order.begin(), order.end()));

  // Above b's similarity to either, nothing joins.
  NearDuplicateClusterer strict(ClusterOptions{.threshold = 0.85});
  strict.Add(a);
  strict.Add(b);
  strict.Add(c);
  EXPECT_THAT(strict.Cluster(), ElementsAre(0, 1, 2));
  EXPECT_EQ(strict.stats().confirmed_comparisons, 0u);
}

// The banding is the one docs/DEDUP.md and the clusterer's header describe:
// as many whole bands of r rows as the bins hold (b = floor(bins / r), the
// bins left over are not banded), with the most rows r for which a pair at
// the threshold shares a band with probability >= 0.98 (so the fewest pairs
// below the threshold become candidates).
TEST(NearDuplicateClusterer, BandsAreTheWholeBandsOfTheMostRowsThatKeepRecall) {
  constexpr double kCandidateProbability = 0.98;
  auto probability = [](double t, double rows, double bands) {
    return 1 - std::pow(1 - std::pow(t, rows), bands);
  };
  for (uint32_t bins : {16u, 32u, 64u, 100u, 128u}) {
    for (double threshold : {0.5, 0.6, 0.7, 0.8, 0.9}) {
      NearDuplicateClusterer clusterer(ClusterOptions{.threshold = threshold});
      clusterer.Add(MinHashSignature(bins, 1));
      clusterer.Add(MinHashSignature(bins, 2));
      clusterer.Cluster();
      const ClusterStats& stats = clusterer.stats();
      SCOPED_TRACE(StrCat("bins ", bins, " threshold ", threshold, ": ", stats.bands, " bands of ",
                          stats.rows, " rows"));
      ASSERT_GT(stats.rows, 0u);
      EXPECT_EQ(stats.bands, bins / stats.rows);
      EXPECT_GE(probability(threshold, stats.rows, stats.bands), kCandidateProbability);
      for (uint32_t rows = stats.rows + 1; rows <= bins; ++rows) {
        EXPECT_LT(probability(threshold, rows, bins / rows), kCandidateProbability)
            << rows << " rows would also do";
      }
    }
  }
  // Documents: 64 bins at the default 0.7 give 16 bands of 4 rows; passages:
  // 32 bins give 10 bands of 3 rows (2 bins unbanded).
  NearDuplicateClusterer documents(ClusterOptions{});
  documents.Add(MinHashSignature(64, 1));
  documents.Cluster();
  EXPECT_EQ(documents.stats().bands, 16u);
  EXPECT_EQ(documents.stats().rows, 4u);
  NearDuplicateClusterer passages(ClusterOptions{});
  passages.Add(MinHashSignature(32, 1));
  passages.Cluster();
  EXPECT_EQ(passages.stats().bands, 10u);
  EXPECT_EQ(passages.stats().rows, 3u);
}

// Many generated pairs of texts (made-up vocabulary, so that different pairs
// share nothing), each pair a text and a copy with random word substitutions,
// insertions and deletions. With 64 bins the estimate's standard error at
// J = t + 0.15 is at most 0.06, so a pair that far above the threshold is
// estimated below it with probability under 0.1%, and one at t - 0.25
// estimated above it well under 0.01%; LSH banding loses at most 2% of pairs
// at the threshold itself and far fewer this far above.
class NearDuplicateClustererThreshold : public ::testing::TestWithParam<double> {};

TEST_P(NearDuplicateClustererThreshold, FarAboveClusterFarBelowDoNot) {
  const double threshold = GetParam();
  MinHasher hasher(MinHashOptions{});
  NearDuplicateClusterer clusterer(ClusterOptions{.threshold = threshold});
  std::mt19937 rng(7 + static_cast<int>(threshold * 100));
  auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  constexpr int kPairs = 3000;
  std::vector<double> exact(kPairs);
  int next_word = 0;
  auto new_word = [&next_word] { return StrCat("w", next_word++); };
  for (int pair = 0; pair < kPairs; ++pair) {
    std::vector<std::string> a;
    const int length = uniform(30, 300);
    for (int i = 0; i < length; ++i) a.push_back(new_word());
    std::vector<std::string> b = a;
    // Up to half of the words edited, skewed towards few edits so that both
    // ends of [0.1, 1] get many pairs.
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    const int edits = static_cast<int>(0.5 * u * u * length);
    for (int e = 0; e < edits; ++e) {
      const int at = uniform(0, static_cast<int>(b.size()) - 1);
      switch (uniform(0, 2)) {
        case 0:
          b[at] = new_word();
          break;
        case 1:
          b.insert(b.begin() + at, new_word());
          break;
        default:
          if (b.size() > 5) b.erase(b.begin() + at);
          break;
      }
    }
    exact[pair] = ExactJaccard(a, b, 3);
    EXPECT_EQ(clusterer.Add(hasher.Signature(a)), 2u * pair);
    clusterer.Add(hasher.Signature(b));
  }
  const std::vector<uint32_t> cluster_of = clusterer.Cluster();
  ASSERT_EQ(cluster_of.size(), 2u * kPairs);
  ExpectSmallestIds(cluster_of);
  int above = 0, above_missed = 0, below = 0, below_joined = 0, other_joins = 0;
  for (int pair = 0; pair < kPairs; ++pair) {
    const bool joined = cluster_of[2 * pair + 1] == 2u * pair;
    // Joined to an earlier pair, or (the copy) to a later one.
    if (cluster_of[2 * pair] != 2u * pair || cluster_of[2 * pair + 1] < 2u * pair) ++other_joins;
    if (exact[pair] >= threshold + 0.15) {
      ++above;
      above_missed += !joined;
    } else if (exact[pair] <= threshold - 0.25) {
      ++below;
      below_joined += joined;
    }
  }
  std::printf(
      "threshold %.2f: %d pairs with J >= t+0.15, %d not clustered; %d with J <= t-0.25, "
      "%d clustered\n",
      threshold, above, above_missed, below, below_joined);
  EXPECT_EQ(other_joins, 0) << "texts of different pairs share no word";
  if (threshold + 0.15 <= 1) {
    EXPECT_GE(above, 200);
  }
  EXPECT_GE(below, 200);
  // A tiny miss rate: 0.5% of either side (expected: about 0.1% and 0).
  EXPECT_LE(above_missed * 200, above) << above_missed << " of " << above << " missed";
  EXPECT_LE(below_joined * 200, below) << below_joined << " of " << below << " joined";
}

INSTANTIATE_TEST_SUITE_P(NearDuplicateClusterer, NearDuplicateClustererThreshold,
                         ::testing::Values(0.5, 0.6, 0.7, 0.8, 0.9),
                         [](const ::testing::TestParamInfo<double>& info) {
                           return StrCat("t", static_cast<int>(std::lround(info.param * 100)));
                         });

}  // namespace
}  // namespace syndex
