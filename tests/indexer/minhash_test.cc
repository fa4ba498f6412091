#include "indexer/minhash.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/analyzer.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/raw_document.h"
#include "tests/testing/documents.h"

namespace syndex {
namespace {

// The analyzed terms of `text`, as the indexer feeds them to the hasher.
std::vector<std::string> Terms(std::string_view text) { return Analyzer().Terms(text); }

// `count` distinct made-up words starting with `prefix`.
std::vector<std::string> Vocabulary(std::string_view prefix, int count) {
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) words.push_back(StrCat(prefix, i));
  return words;
}

// Every term of the seed corpus (corpus/), article after article: about 5,000
// terms of real news prose.
std::vector<std::string> SeedTerms() {
  std::vector<std::string> terms;
  for (const RawDocument& doc : testing::SeedDocuments(/*copies=*/1)) {
    std::vector<std::string> t = Terms(doc.text);
    terms.insert(terms.end(), t.begin(), t.end());
  }
  return terms;
}

TEST(MinHash, SignatureHasOneEntryPerBin) {
  const std::vector<std::string> terms = Terms("Officials said the bridge would reopen on Monday.");
  for (uint32_t bins : {1u, 16u, 64u, 100u, 256u}) {
    MinHasher hasher(MinHashOptions{.bins = bins});
    EXPECT_EQ(hasher.Signature(terms).size(), bins) << "bins " << bins;
  }
  // A single shingle still fills every bin (densification).
  MinHasher hasher(MinHashOptions{});
  EXPECT_EQ(hasher.Signature(Terms("bridge")).size(), 64u);
}

TEST(MinHash, IdenticalTextsEstimateOne) {
  MinHasher hasher(MinHashOptions{});
  const std::vector<std::string> terms = SeedTerms();
  ASSERT_GT(terms.size(), 1000u);
  const std::span<const std::string> paragraph(terms.data(), 120);
  EXPECT_EQ(EstimateJaccard(hasher.Signature(paragraph), hasher.Signature(paragraph)), 1.0);
  EXPECT_EQ(ExactJaccard(paragraph, paragraph, 3), 1.0);
  // Case, punctuation and inflection are not edits once analyzed.
  EXPECT_EQ(EstimateJaccard(hasher.Signature(Terms("The Senate passed the bills on Friday.")),
                            hasher.Signature(Terms("the senate PASSES the bill, on friday"))),
            1.0);
}

TEST(MinHash, DisjointVocabulariesEstimateNearZero) {
  MinHasher hasher(MinHashOptions{});
  const std::vector<std::string> a = Vocabulary("alpha", 300);
  const std::vector<std::string> b = Vocabulary("beta", 300);
  EXPECT_EQ(ExactJaccard(a, b, 3), 0.0);
  // Agreement needs two 31-bit values to be equal: one bin in 64 would
  // already be a collision far beyond chance.
  EXPECT_LT(EstimateJaccard(hasher.Signature(a), hasher.Signature(b)), 1.0 / 64 + 1e-9);
}

TEST(MinHash, ExactJaccardCountsShingleSets) {
  const std::vector<std::string> a = {"a", "b", "c", "d"};  // {abc, bcd}
  const std::vector<std::string> b = {"a", "b", "c", "e"};  // {abc, bce}
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b, 3), 1.0 / 3);
  EXPECT_DOUBLE_EQ(ExactJaccard(a, b, 1), 3.0 / 5);  // {a,b,c,d} vs {a,b,c,e}
  // A set: repeated shingles count once.
  const std::vector<std::string> x5 = {"x", "x", "x", "x", "x"};
  const std::vector<std::string> x3 = {"x", "x", "x"};
  EXPECT_EQ(ExactJaccard(x5, x3, 3), 1.0);
}

TEST(MinHash, ShingleKeepsTermBoundaries) {
  // "ab c" and "a bc" are different shingles although their letters agree.
  MinHasher hasher(MinHashOptions{.bins = 64, .shingle_words = 2});
  const std::vector<std::string> a = {"ab", "c"};
  const std::vector<std::string> b = {"a", "bc"};
  EXPECT_EQ(ExactJaccard(a, b, 2), 0.0);
  EXPECT_LT(EstimateJaccard(hasher.Signature(a), hasher.Signature(b)), 1.0 / 64 + 1e-9);
}

TEST(MinHash, TextShorterThanAShingleIsOneShingle) {
  MinHasher hasher(MinHashOptions{.bins = 64, .shingle_words = 3});
  const std::vector<std::string> big_dog = {"big", "dog"};
  const std::vector<std::string> red_cat = {"red", "cat"};
  EXPECT_EQ(ExactJaccard(big_dog, red_cat, 3), 0.0);
  EXPECT_EQ(ExactJaccard(big_dog, big_dog, 3), 1.0);
  const MinHashSignature big_dog_signature = hasher.Signature(big_dog);
  ASSERT_EQ(big_dog_signature.size(), 64u);
  EXPECT_EQ(EstimateJaccard(big_dog_signature, hasher.Signature(red_cat)), 0.0);
  EXPECT_EQ(EstimateJaccard(big_dog_signature, hasher.Signature(big_dog)), 1.0);
  // The whole text is the shingle: a 2-word text is not a shingle of a
  // longer text that starts with the same words.
  const std::vector<std::string> big_dog_barks = {"big", "dog", "barks"};
  EXPECT_EQ(ExactJaccard(big_dog, big_dog_barks, 3), 0.0);
  EXPECT_EQ(EstimateJaccard(big_dog_signature, hasher.Signature(big_dog_barks)), 0.0);
  // A text of exactly shingle_words terms is one shingle too.
  EXPECT_EQ(EstimateJaccard(hasher.Signature(big_dog_barks), hasher.Signature(big_dog_barks)), 1.0);
}

TEST(MinHash, EmptyTextHasEmptySignature) {
  MinHasher hasher(MinHashOptions{});
  const std::vector<std::string> none;
  const MinHashSignature empty = hasher.Signature(none);
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(hasher.Signature(Terms(" -- ... !? ")).empty());
  const MinHashSignature some = hasher.Signature(Terms("a short text"));
  EXPECT_EQ(EstimateJaccard(empty, empty), 0.0);
  EXPECT_EQ(EstimateJaccard(empty, some), 0.0);
  EXPECT_EQ(EstimateJaccard(some, empty), 0.0);
}

TEST(MinHash, SignaturesOfDifferentSizesEstimateZero) {
  const std::vector<std::string> terms = Terms("Officials said the bridge would reopen on Monday.");
  const MinHashSignature s64 = MinHasher(MinHashOptions{.bins = 64}).Signature(terms);
  const MinHashSignature s32 = MinHasher(MinHashOptions{.bins = 32}).Signature(terms);
  EXPECT_EQ(EstimateJaccard(s64, s32), 0.0);
}

TEST(MinHash, WordOrderMatters) {
  const std::vector<std::string> forward =
      Terms("the quick brown fox jumps over the lazy dog near the old mill by the river");
  std::vector<std::string> backward(forward.rbegin(), forward.rend());
  MinHasher shingles3(MinHashOptions{});
  EXPECT_EQ(ExactJaccard(forward, backward, 3), 0.0);
  EXPECT_LT(EstimateJaccard(shingles3.Signature(forward), shingles3.Signature(backward)), 0.1);
  // With one-word shingles a text is a bag of words, and order is lost.
  MinHasher shingles1(MinHashOptions{.bins = 64, .shingle_words = 1});
  EXPECT_EQ(ExactJaccard(forward, backward, 1), 1.0);
  EXPECT_EQ(EstimateJaccard(shingles1.Signature(forward), shingles1.Signature(backward)), 1.0);
}

TEST(MinHash, DeterministicAcrossInstances) {
  const std::vector<std::string> terms = SeedTerms();
  const MinHashSignature first = MinHasher(MinHashOptions{}).Signature(terms);
  const MinHashSignature second = MinHasher(MinHashOptions{}).Signature(terms);
  EXPECT_EQ(first, second);
  // And the options matter: another shingle width gives another signature.
  EXPECT_NE(first, MinHasher(MinHashOptions{.bins = 64, .shingle_words = 2}).Signature(terms));
}

// Errors of the 64-bin estimate against the exact similarity.
struct EstimateErrors {
  int pairs = 0;
  double sum_abs = 0, sum_signed = 0, max_abs = 0;
  int beyond_3_sigma = 0;  // |error| > 3 sigma(J) + 1/64 (the estimate's step)
  std::vector<double> exacts;

  double mean_abs() const { return sum_abs / pairs; }
  double mean_signed() const { return sum_signed / pairs; }
  double exact_quantile(double q) {
    std::sort(exacts.begin(), exacts.end());
    return exacts[static_cast<size_t>(q * (exacts.size() - 1))];
  }
  int exacts_in(double lo, double hi) const {  // [lo, hi]
    return static_cast<int>(
        std::count_if(exacts.begin(), exacts.end(), [&](double j) { return lo <= j && j <= hi; }));
  }
};

// `pairs` pairs of real news prose (windows of `pool` of min_length to
// max_length terms) whose overlap is controlled: the second text keeps a
// prefix of the first (of a long one, every third time without 3 of its
// terms) and continues with text from elsewhere in the pool. Their target
// similarities are spread uniformly over [0, 1].
EstimateErrors MeasureEstimates(const std::vector<std::string>& pool, size_t min_length,
                                size_t max_length, int pairs, uint32_t seed) {
  MinHasher hasher(MinHashOptions{.bins = 64, .shingle_words = 3});
  std::mt19937 rng(seed);
  auto uniform = [&rng](size_t lo, size_t hi) {  // [lo, hi]
    return std::uniform_int_distribution<size_t>(lo, hi)(rng);
  };
  EstimateErrors errors;
  for (int pair = 0; pair < pairs; ++pair) {
    const size_t length = uniform(min_length, max_length);
    const size_t start = uniform(0, pool.size() - length);
    std::vector<std::string> a(pool.begin() + start, pool.begin() + start + length);
    // Keeping a prefix of k terms shares k - 2 of the L - 2 shingles of
    // each text: J = (k - 2) / (2L - 2 - k). Choose k so that J is uniform.
    const double target = std::uniform_real_distribution<double>(0, 1)(rng);
    const size_t kept =
        std::min<size_t>(length, std::lround((2 + target * (2.0 * length - 2)) / (1 + target)));
    std::vector<std::string> b(a.begin(), a.begin() + kept);
    if (pair % 3 == 1 && kept > 40) b.erase(b.begin() + kept / 3, b.begin() + kept / 3 + 3);
    const size_t other = uniform(0, pool.size() - length);
    b.insert(b.end(), pool.begin() + other, pool.begin() + other + (length - kept));
    const double exact = ExactJaccard(a, b, 3);
    const double error = EstimateJaccard(hasher.Signature(a), hasher.Signature(b)) - exact;
    ++errors.pairs;
    errors.sum_abs += std::abs(error);
    errors.sum_signed += error;
    errors.max_abs = std::max(errors.max_abs, std::abs(error));
    if (std::abs(error) > 3 * std::sqrt(exact * (1 - exact) / 64) + 1.0 / 64) {
      ++errors.beyond_3_sigma;
    }
    errors.exacts.push_back(exact);
  }
  return errors;
}

// The estimate from 64 bins against the exact similarity, on 200 pairs of
// sentences (10 to 40 terms: fewer shingles than bins, so most bins are
// filled by densification) and 200 pairs of paragraphs (60 to 250 terms).
//
// Bound: each of 64 bins agrees with probability J, so the estimate has
// standard error sigma(J) = sqrt(J(1-J)/64) <= 0.0625 (at J = 0.5); the mean
// absolute error of a normal estimate is sqrt(2/pi) sigma <= 0.05, and about
// 0.04 for J uniform over [0, 1]. A single error of 0.25 is 4 sigma, expected
// about once in 16,000 pairs. Densification must not weaken this for short
// texts: rotation densification (a run of empty bins copying the next full
// one) gave a mean error of 0.065 and errors up to 0.29 on these sentences.
// Robustness, over 300 other seeds: paragraphs never broke a bound (worst
// mean 0.042, worst max 0.22); sentences broke the mean bound once (0.0505)
// and the max bound 7 times (worst 0.28).
TEST(MinHash, EstimateTracksExactJaccard) {
  const std::vector<std::string> pool = SeedTerms();
  ASSERT_GT(pool.size(), 3000u);
  EstimateErrors sentences = MeasureEstimates(pool, 10, 40, 200, 20240617);
  EstimateErrors paragraphs = MeasureEstimates(pool, 60, 250, 200, 20240618);
  for (EstimateErrors* e : {&sentences, &paragraphs}) {
    const char* what = e == &sentences ? "sentences" : "paragraphs";
    std::printf(
        "MinHash 64 bins, %d pairs of %s (exact J quartiles %.2f %.2f %.2f): mean |error| "
        "%.4f, mean error %+.4f, max |error| %.4f, beyond 3 sigma %d\n",
        e->pairs, what, e->exact_quantile(0.25), e->exact_quantile(0.5), e->exact_quantile(0.75),
        e->mean_abs(), e->mean_signed(), e->max_abs, e->beyond_3_sigma);
    RecordProperty(StrCat(what, "_mean_abs_error"), StrCat(e->mean_abs()));
    RecordProperty(StrCat(what, "_max_abs_error"), StrCat(e->max_abs));
    SCOPED_TRACE(what);
    // The pairs span the range of similarities, or the check is weak.
    EXPECT_GE(e->exacts_in(0, 0.3), e->pairs / 5);
    EXPECT_GE(e->exacts_in(0.3, 0.7), e->pairs / 5);
    EXPECT_GE(e->exacts_in(0.7, 1), e->pairs / 5);
    EXPECT_LT(e->mean_abs(), 0.05);
    EXPECT_LT(e->max_abs, 0.25);
    // Unbiased: the mean signed error has a standard error of about
    // 0.05 / sqrt(200) = 0.0035, so 0.02 is more than 5 of them.
    EXPECT_LT(std::abs(e->mean_signed()), 0.02);
    // Beyond 3 sigma should be 0.3% of pairs for a binomial estimate; allow
    // 3% (6 pairs), as exact J of a short text is coarse.
    EXPECT_LE(e->beyond_3_sigma, 6);
  }
}

}  // namespace
}  // namespace syndex
