#include "indexer/near_duplicate_clusterer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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

// A pair is confirmed exactly when the share of agreeing bins reaches the
// threshold, for bin counts that are and are not multiples of 8 (the
// comparison reads eight bins at a time). The disagreeing bins are the last
// ones, so band 0 (bins [0, rows)) makes the pair a candidate.
TEST(NearDuplicateClusterer, ConfirmsExactlyAtTheShareOfAgreeingBins) {
  for (uint32_t bins : {5u, 8u, 13u, 32u, 37u, 64u}) {
    for (uint32_t changed = 1; changed < bins; ++changed) {
      const double threshold = static_cast<double>(bins - changed) / bins;
      NearDuplicateClusterer probe(ClusterOptions{.threshold = threshold});
      probe.Add(MinHashSignature(bins, 2));
      probe.Cluster();
      if (bins - changed < probe.stats().rows) continue;  // band 0 would not agree
      MinHashSignature a(bins), b(bins);
      for (uint32_t i = 0; i < bins; ++i) {
        a[i] = 2 * i;
        b[i] = i < bins - changed ? a[i] : a[i] + 2 * (i + 1);  // low 8 bits differ
      }
      SCOPED_TRACE(StrCat(bins, " bins, ", changed, " changed"));
      NearDuplicateClusterer at(ClusterOptions{.threshold = threshold});
      at.Add(a);
      at.Add(b);
      EXPECT_EQ(at.Cluster()[1], 0u);
      NearDuplicateClusterer above(ClusterOptions{.threshold = threshold + 0.5 / bins});
      above.Add(a);
      above.Add(b);
      EXPECT_EQ(above.Cluster()[1], 1u);
    }
  }
}

// Hand-made signatures: b differs from a in bins [0, 12), c from b in bins
// [12, 24). a~b and b~c agree on 52 of 64 bins (0.81), a and c on only 40
// (0.625, below 0.7). Bins [24, 64) agree in all three, so every pair
// shares a band whatever the banding. A cluster is centred: a and c share
// one only as members of b's, whatever the order they come in, and b, like
// both, is never alone.
TEST(NearDuplicateClusterer, ClustersAreCentred) {
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

  std::vector<MinHashSignature> abc = {a, b, c};
  std::vector<int> order = {0, 1, 2};
  do {
    SCOPED_TRACE(StrCat("order ", order[0], order[1], order[2]));
    NearDuplicateClusterer clusterer(ClusterOptions{.threshold = 0.7});
    clusterer.Add(unrelated);
    uint32_t id_of[3];
    for (int i : order) id_of[i] = clusterer.Add(abc[i]);
    const std::vector<uint32_t> cluster = clusterer.Cluster();
    EXPECT_EQ(cluster[0], 0u);
    if (cluster[id_of[0]] == cluster[id_of[2]]) {
      EXPECT_EQ(cluster[id_of[1]], cluster[id_of[0]]);
    }
    EXPECT_TRUE(cluster[id_of[1]] == cluster[id_of[0]] || cluster[id_of[1]] == cluster[id_of[2]]);
  } while (std::next_permutation(order.begin(), order.end()));

  // Above b's similarity to either, nothing joins.
  NearDuplicateClusterer strict(ClusterOptions{.threshold = 0.85});
  strict.Add(a);
  strict.Add(b);
  strict.Add(c);
  EXPECT_THAT(strict.Cluster(), ElementsAre(0, 1, 2));
  EXPECT_EQ(strict.stats().confirmed_comparisons, 0u);
}

// A chain of texts, each differing from the one before in 12 more of 64
// bins: neighbours agree on 0.81 of their bins, texts two apart on 0.625,
// under the threshold of 0.7. Union-find would make the chain one cluster
// whose ends share nothing; centred clusters hold a text and at most its
// two neighbours.
TEST(NearDuplicateClusterer, ChainsDoNotBecomeOneCluster) {
  constexpr uint32_t kLinks = 5;
  std::vector<MinHashSignature> chain(1, MinHashSignature(64));
  for (uint32_t i = 0; i < 64; ++i) chain[0][i] = 1000 + 2 * i;
  for (uint32_t link = 1; link < kLinks; ++link) {
    chain.push_back(chain.back());
    for (uint32_t i = 12 * (link - 1); i < 12 * link; ++i) chain.back()[i] = 100000 * link + 2 * i;
  }
  ASSERT_DOUBLE_EQ(EstimateJaccard(chain[0], chain[1]), 52.0 / 64);
  ASSERT_DOUBLE_EQ(EstimateJaccard(chain[0], chain[2]), 40.0 / 64);
  NearDuplicateClusterer clusterer(ClusterOptions{.threshold = 0.7});
  for (const MinHashSignature& s : chain) clusterer.Add(s);
  const std::vector<uint32_t> cluster = clusterer.Cluster();
  std::map<uint32_t, std::vector<uint32_t>> members;
  for (uint32_t i = 0; i < kLinks; ++i) members[cluster[i]].push_back(i);
  for (const auto& [id, texts] : members) {
    EXPECT_LE(texts.back() - texts.front(), 2u)
        << "cluster " << id << " spans more than a centre and its neighbours";
  }
  EXPECT_LT(members.size(), size_t{kLinks});  // some neighbours did join
}

// The banding is the one docs/DEDUP.md and the clusterer's header describe:
// the most rows r (at least 3) for which floor(bins / r) disjoint bands
// make a pair at the threshold a candidate with probability >= 0.98; then
// floor(bins / r) bands, or more (overlapping) until that probability is
// reached, at most one band a bin.
TEST(NearDuplicateClusterer, BandsAreTheMostRowsThatKeepRecallAndEnoughBands) {
  constexpr double kCandidateProbability = 0.98;
  auto probability = [](double t, double rows, double bands) {
    return 1 - std::pow(1 - std::pow(t, rows), bands);
  };
  for (uint32_t bins : {16u, 32u, 64u, 100u, 128u}) {
    for (double threshold : {0.3, 0.5, 0.6, 0.7, 0.8, 0.9}) {
      NearDuplicateClusterer clusterer(ClusterOptions{.threshold = threshold});
      clusterer.Add(MinHashSignature(bins, 1));
      clusterer.Add(MinHashSignature(bins, 2));
      clusterer.Cluster();
      const ClusterStats& stats = clusterer.stats();
      SCOPED_TRACE(StrCat("bins ", bins, " threshold ", threshold, ": ", stats.bands, " bands of ",
                          stats.rows, " rows"));
      ASSERT_GE(stats.rows, 3u);
      for (uint32_t rows = stats.rows + 1; rows <= bins; ++rows) {
        EXPECT_LT(probability(threshold, rows, bins / rows), kCandidateProbability)
            << rows << " rows would also do";
      }
      ASSERT_GE(stats.bands, bins / stats.rows);
      ASSERT_LE(stats.bands, bins);
      EXPECT_TRUE(stats.bands == bins ||
                  probability(threshold, stats.rows, stats.bands) >= kCandidateProbability);
      if (stats.bands > bins / stats.rows) {
        EXPECT_LT(probability(threshold, stats.rows, stats.bands - 1), kCandidateProbability)
            << "one band fewer would also do";
      }
    }
  }
  // Documents: 64 bins at 0.7 give 16 bands of 4 rows; passages: 32 bins at
  // 0.7 give 10 bands of 3 rows (2 bins unbanded), and at 0.5, 30
  // overlapping bands of 3 rows.
  const struct {
    uint32_t bins;
    double threshold;
    uint32_t bands, rows;
  } kDefaults[] = {{64, 0.7, 16, 4}, {32, 0.7, 10, 3}, {32, 0.5, 30, 3}};
  for (const auto& expected : kDefaults) {
    NearDuplicateClusterer clusterer(ClusterOptions{.threshold = expected.threshold});
    clusterer.Add(MinHashSignature(expected.bins, 1));
    clusterer.Cluster();
    EXPECT_EQ(clusterer.stats().bands, expected.bands)
        << expected.bins << " " << expected.threshold;
    EXPECT_EQ(clusterer.stats().rows, expected.rows) << expected.bins << " " << expected.threshold;
  }
}

// Overlapping bands find what disjoint ones of the same rows would miss: two
// sketches that agree only on bins 2, 3 and 4 share no disjoint band of 3
// rows (0-2, 3-5, ...) but share the overlapping band that starts at bin 2.
TEST(NearDuplicateClusterer, OverlappingBandsFindPairsThatStraddleDisjointOnes) {
  constexpr uint32_t kBins = 32;
  MinHashSignature a(kBins), b(kBins);
  for (uint32_t i = 0; i < kBins; ++i) {
    a[i] = 2 * i;
    b[i] = i >= 2 && i <= 4 ? 2 * i : 2 * i + 1000;
  }
  // 3 of 32 bins agree: only a threshold of 3/32 confirms the pair.
  NearDuplicateClusterer loose(ClusterOptions{.threshold = 3.0 / kBins});
  loose.Add(a);
  loose.Add(b);
  const std::vector<uint32_t> clusters = loose.Cluster();
  ASSERT_EQ(loose.stats().rows, 3u);
  ASSERT_EQ(loose.stats().bands, kBins);  // one band starting at every bin
  EXPECT_EQ(clusters[1], 0u);
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
