// File: searcher/proximity.h
//
// The proximity part of a multi-word query's score: BM25TP (Büttcher,
// Clarke and Lushman, "Term proximity scoring for ad-hoc retrieval on very
// large text collections", SIGIR 2006), which rewards query words that
// occur close together in the ranked unit:
//
//   for each two consecutive occurrences (in one passage) of different
//   query terms a and b, at distance d <= max_distance positions:
//     acc(a) += idf(b) / d^2      acc(b) += idf(a) / d^2
//   bonus = weight * sum over terms t of
//           min(1, idf(t)) * acc(t) * (k1 + 1) / (acc(t) + K)
//   K = k1 * (1 - b + b * length / average_length)
//
// acc(t) saturates like a term frequency, so one tight pair counts most
// and further pairs add less; a rare neighbour counts more than a common
// one. Adjacent words (d = 1) count fully, words two apart a quarter.
// The bonus is added to the BM25 score (docs/QUERY.md, "Ranking").
//
// Example:
//   ProximityScorer proximity({2.1, 0.7}, params, bm25, average_length);
//   if (positions.MoveTo(unit) >= 2) {
//     positions.Gather();
//     score += proximity.Bonus(positions.occurrences(), length);
//   }
#ifndef SYNDEX_SEARCHER_PROXIMITY_H_
#define SYNDEX_SEARCHER_PROXIMITY_H_

#include <cstdint>
#include <span>
#include <vector>

#include "common/segment.h"
#include "common/types.h"
#include "searcher/bm25.h"
#include "searcher/resolved_query.h"
#include "searcher/unit_positions.h"

namespace syndex {

struct ProximityParams {
  // Scales the bonus; 0 turns proximity off. Default: 0.3, chosen by the
  // measurements in docs/EVALUATION.md.
  double weight = 0.3;
  // Occurrences further apart than this many positions do not count.
  // Default: 10.
  uint32_t max_distance = 10;
};

// One pair of neighbouring occurrences that earned a bonus, for --explain.
struct ProximityPair {
  Occurrence first, second;
};

class ProximityScorer {
 public:
  // `idfs[t]`: the idf of term t, in the order of the UnitPositions' terms.
  ProximityScorer(std::vector<double> idfs, ProximityParams params, Bm25Params bm25,
                  double average_length);

  // The bonus of a unit of `length` tokens whose query-term occurrences
  // (sorted by passage and position) are `occurrences`.
  Score Bonus(std::span<const Occurrence> occurrences, uint32_t length) const;

  // An upper bound of Bonus for a unit of `length` tokens in which term t
  // occurs at most `frequencies[t]` times (0: absent;
  // UnitPositions::kUnknownFrequency: unknown), so that a collector can
  // skip units that cannot enter its results without reading their
  // positions. An occurrence has at most two neighbours, each of idf at
  // most the largest other present term's, and n occurrences make n - 1
  // neighbouring pairs, so acc(t) <= min(2 * min(tf(t), the others' tf),
  // n - 1) * that idf.
  Score BonusBound(std::span<const uint32_t> frequencies, uint32_t length) const;

  // An upper bound of Bonus for any unit, split by term: a term adds to
  // the bonus only in units that hold it, and at most weight * (k1 + 1) *
  // min(1, idf(t)), so a unit's bonus is at most the sum of its present
  // terms' shares. All 0 when disabled. Pruning charges each share to the
  // term's own postings (searcher.cc, ChargeBonus).
  std::vector<double> BonusShares() const;

  // The pairs that count, in order (for --explain).
  std::vector<ProximityPair> Pairs(std::span<const Occurrence> occurrences) const;

  bool enabled() const { return params_.weight > 0 && idfs_.size() >= 2; }

 private:
  // Calls visit(a, b, d) for each two consecutive occurrences of different
  // terms in one passage at distance d <= max_distance.
  template <typename Visit>
  void ForEachPair(std::span<const Occurrence> occurrences, Visit visit) const;

  std::vector<double> idfs_;
  ProximityParams params_;
  Bm25Params bm25_;
  double inverse_average_;
  mutable std::vector<double> accumulators_;  // scratch, one per term
};

// ProximityScorer applied to the units of one segment, in increasing id
// order: finds the query terms' positions in each unit and scores them.
// Not thread-safe; the segment must outlive it.
class SegmentProximity {
 public:
  // `terms`: the query's proximity terms (ResolvedQuery::proximity_terms).
  SegmentProximity(std::span<const ProximityTerm> terms, const Segment& segment, Unit unit,
                   bool skip_boilerplate, ProximityParams params, Bm25Params bm25,
                   double average_length);

  // The bonus of unit `id` (REQUIRES: ids increase from call to call).
  Score Bonus(uint32_t id);
  // An upper bound of Bonus(id), from postings alone (same order
  // requirement; Bonus(id) may follow for the same id).
  Score BonusBound(uint32_t id);
  // ProximityScorer::BonusShares, in the order of the constructor's terms.
  std::vector<double> BonusShares() const { return scorer_.BonusShares(); }
  // The pairs that earn unit `id` its bonus (same order requirement).
  std::vector<ProximityPair> Pairs(uint32_t id);
  bool enabled() const { return scorer_.enabled(); }
  const UnitPositions& positions() const { return positions_; }

 private:
  uint32_t LengthOf(uint32_t id) const;
  // Moves the positions to unit `id` once, however often it is asked for;
  // returns how many of the terms the unit holds.
  size_t MoveTo(uint32_t id);
  // Gathers the current unit's occurrences once.
  std::span<const Occurrence> Occurrences();

  const Segment& segment_;
  Unit unit_;
  UnitPositions positions_;
  ProximityScorer scorer_;
  bool moved_ = false;  // positions_ has moved to current_
  uint32_t current_ = 0;
  size_t current_terms_ = 0;
  bool gathered_ = false;              // positions_ holds current_'s occurrences
  std::vector<uint32_t> frequencies_;  // scratch for BonusBound
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_PROXIMITY_H_
