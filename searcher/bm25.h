// File: searcher/bm25.h
//
// Okapi BM25, the ranking function of syndex (docs/QUERY.md, "Ranking"):
//
//   score(t, u) = idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(u) / avglen))
//   idf(t)      = ln(1 + (N - df + 0.5) / (df + 0.5))
//
// where u is the ranked unit (a passage, or a document with --unit doc),
// N the number of units and df the units containing t. This idf (Lucene's)
// is never negative, unlike Robertson's original, so a very common word
// adds a little instead of subtracting.
//
// Example:
//   Bm25 bm25(Bm25Params{}, /*units=*/1000, /*average_length=*/42.0);
//   TermWeight w = bm25.Weight(/*doc_freq=*/17);
//   Score s = w.Of(/*tf=*/2, /*length=*/50);  // tf may be fractional: 1.5f
#ifndef SYNDEX_SEARCHER_BM25_H_
#define SYNDEX_SEARCHER_BM25_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "common/block_impacts.h"
#include "common/types.h"

namespace syndex {

struct Bm25Params {
  // Term-frequency saturation. Default: 1.5, with b = 0.6 the setting
  // that did best across SciFact, CISI, NPL and MRPC (docs/EVALUATION.md).
  double k1 = 1.5;
  // Length normalization, 0 (none) to 1 (full). Default: 0.6.
  double b = 0.6;
};

// The per-term constants of BM25, precomputed once per query.
class TermWeight {
 public:
  TermWeight() = default;
  TermWeight(double idf, double k1, double b, double average_length, double boost)
      : idf_(idf * boost),
        k1_(k1),
        b_(b),
        inverse_average_(average_length > 0 ? 1 / average_length : 0) {}

  // The score of a unit of `length` where the term occurs `tf` times. A
  // fractional tf (a sloppy match, searcher/window_source.h) is fine: the
  // formula is continuous in tf, and a whole tf gives the integer's score.
  Score Of(float tf, uint32_t length) const {
    const double norm = k1_ * (1 - b_ + b_ * length * inverse_average_);
    return static_cast<Score>(idf_ * tf * (k1_ + 1) / (tf + norm));
  }
  // An upper bound of Of(tf, length) over tf <= max_tf and length >=
  // min_length: the score grows with tf and falls with length. An infinite
  // max_tf gives BM25's saturation bound, idf * (k1 + 1).
  Score UpperBound(float max_tf, uint32_t min_length) const {
    if (std::isinf(max_tf)) return static_cast<Score>(idf_ * (k1_ + 1));
    return Of(max_tf, min_length);
  }
  // An upper bound of the score of every posting `impacts` covers.
  Score UpperBound(const BlockImpacts& impacts) const {
    return std::max(UpperBound(impacts.low), UpperBound(impacts.high));
  }
  Score UpperBound(const Impact& impact) const {
    return impact.tf == kUnboundedTf
               ? UpperBound(std::numeric_limits<float>::infinity(), impact.length)
               : Of(static_cast<float>(impact.tf), impact.length);
  }
  // The longest unit in which `tf` occurrences still score `min` (> 0) or
  // more: Of(tf, length) >= min for every length up to it, and no longer
  // one. Infinite when length does not count (b or k1 is 0) and tf
  // reaches min; negative when no length does.
  double LongestUnitReaching(float tf, Score min) const {
    const double per_token = k1_ * b_ * inverse_average_;
    const double room = idf_ * tf * (k1_ + 1) / min - tf - k1_ * (1 - b_);
    if (per_token <= 0) return room >= 0 ? std::numeric_limits<double>::infinity() : -1;
    return room / per_token;
  }
  double idf() const { return idf_; }
  // The weight of a phrase: its words' idfs summed, as Lucene does.
  TermWeight PlusIdf(const TermWeight& other) const {
    TermWeight sum = *this;
    sum.idf_ += other.idf_;
    return sum;
  }

 private:
  double idf_ = 0, k1_ = 0, b_ = 0, inverse_average_ = 0;
};

class Bm25 {
 public:
  Bm25(Bm25Params params, uint64_t units, double average_length)
      : params_(params), units_(units), average_length_(average_length) {}

  double Idf(uint64_t doc_freq) const {
    const double n = static_cast<double>(units_), df = static_cast<double>(doc_freq);
    return std::log(1 + (n - df + 0.5) / (df + 0.5));
  }
  // `boost` scales the term's contribution (1 for the user's own words).
  TermWeight Weight(uint64_t doc_freq, double boost = 1.0) const {
    return TermWeight(Idf(doc_freq), params_.k1, params_.b, average_length_, boost);
  }
  const Bm25Params& params() const { return params_; }

 private:
  Bm25Params params_;
  uint64_t units_;
  double average_length_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_BM25_H_
