#include "searcher/proximity.h"

#include <algorithm>

#include "searcher/matcher_builder.h"

namespace syndex {

ProximityScorer::ProximityScorer(std::vector<double> idfs, ProximityParams params, Bm25Params bm25,
                                 double average_length)
    : idfs_(std::move(idfs)),
      params_(params),
      bm25_(bm25),
      inverse_average_(average_length > 0 ? 1 / average_length : 0),
      accumulators_(idfs_.size()) {}

template <typename Visit>
void ProximityScorer::ForEachPair(std::span<const Occurrence> occurrences, Visit visit) const {
  for (size_t i = 1; i < occurrences.size(); ++i) {
    const Occurrence& a = occurrences[i - 1];
    const Occurrence& b = occurrences[i];
    if (a.passage != b.passage || a.term == b.term) continue;
    const uint32_t distance = b.position - a.position;
    if (distance == 0 || distance > params_.max_distance) continue;
    visit(a, b, distance);
  }
}

Score ProximityScorer::Bonus(std::span<const Occurrence> occurrences, uint32_t length) const {
  std::fill(accumulators_.begin(), accumulators_.end(), 0.0);
  bool any = false;
  ForEachPair(occurrences, [&](const Occurrence& a, const Occurrence& b, uint32_t distance) {
    const double closeness = 1.0 / (double(distance) * distance);
    accumulators_[a.term] += idfs_[b.term] * closeness;
    accumulators_[b.term] += idfs_[a.term] * closeness;
    any = true;
  });
  if (!any) return 0;
  const double k1 = bm25_.k1;
  const double norm = k1 * (1 - bm25_.b + bm25_.b * length * inverse_average_);
  double bonus = 0;
  for (size_t t = 0; t < idfs_.size(); ++t) {
    const double acc = accumulators_[t];
    if (acc > 0) bonus += std::min(1.0, idfs_[t]) * acc * (k1 + 1) / (acc + norm);
  }
  return static_cast<Score>(params_.weight * bonus);
}

Score ProximityScorer::BonusBound(std::span<const uint32_t> frequencies, uint32_t length) const {
  constexpr double kUnknown = UnitPositions::kUnknownFrequency;
  double all_tf = 0;
  size_t present = 0;
  for (uint32_t f : frequencies) all_tf += f, present += f > 0;
  if (present < 2) return 0;
  const double k1 = bm25_.k1;
  const double norm = k1 * (1 - bm25_.b + bm25_.b * length * inverse_average_);
  double bound = 0;
  for (size_t t = 0; t < idfs_.size(); ++t) {
    if (frequencies[t] == 0) continue;
    double neighbour_idf = 0;
    for (size_t u = 0; u < idfs_.size(); ++u) {
      if (u != t && frequencies[u] > 0) neighbour_idf = std::max(neighbour_idf, idfs_[u]);
    }
    const double tf = frequencies[t];
    // Two neighbours per occurrence, and n occurrences make n - 1 pairs.
    const double pairs = std::min(2 * std::min(tf, all_tf - tf), all_tf - 1);
    const double saturated =
        tf >= kUnknown || all_tf - tf >= kUnknown
            ? k1 + 1
            : pairs * neighbour_idf * (k1 + 1) / (pairs * neighbour_idf + norm);
    bound += std::min(1.0, idfs_[t]) * saturated;
  }
  // A hair of slack: the bonus sums its pairs one by one, the bound
  // multiplies, and the two may round apart.
  return static_cast<Score>(params_.weight * bound * (1 + 1e-9));
}

std::vector<double> ProximityScorer::BonusShares() const {
  std::vector<double> shares(idfs_.size(), 0.0);
  if (!enabled()) return shares;
  for (size_t t = 0; t < idfs_.size(); ++t) {
    // The same hair of slack as BonusBound's.
    shares[t] = params_.weight * std::min(1.0, idfs_[t]) * (bm25_.k1 + 1) * (1 + 1e-9);
  }
  return shares;
}

std::vector<ProximityPair> ProximityScorer::Pairs(std::span<const Occurrence> occurrences) const {
  std::vector<ProximityPair> pairs;
  ForEachPair(occurrences, [&](const Occurrence& a, const Occurrence& b, uint32_t) {
    pairs.push_back({a, b});
  });
  return pairs;
}

namespace {

std::vector<PostingsCursor> CursorsOf(std::span<const ProximityTerm> terms,
                                      const Segment& segment) {
  std::vector<PostingsCursor> cursors;
  for (const ProximityTerm& t : terms) {
    cursors.push_back(CursorFor(segment, format::Field::kBody, t.term));
  }
  return cursors;
}

std::vector<double> IdfsOf(std::span<const ProximityTerm> terms) {
  std::vector<double> idfs;
  for (const ProximityTerm& t : terms) idfs.push_back(t.idf);
  return idfs;
}

}  // namespace

SegmentProximity::SegmentProximity(std::span<const ProximityTerm> terms, const Segment& segment,
                                   Unit unit, bool skip_boilerplate, ProximityParams params,
                                   Bm25Params bm25, double average_length)
    : segment_(segment),
      unit_(unit),
      positions_(CursorsOf(terms, segment), unit, &segment, skip_boilerplate),
      scorer_(IdfsOf(terms), params, bm25, average_length) {}

uint32_t SegmentProximity::LengthOf(uint32_t id) const {
  return unit_ == Unit::kPassage ? segment_.passages().LengthOf(id)
                                 : segment_.documents().Get(id).length;
}

size_t SegmentProximity::MoveTo(uint32_t id) {
  if (!moved_ || id != current_) {
    current_terms_ = positions_.MoveTo(id);
    current_ = id;
    moved_ = true;
    gathered_ = false;
  }
  return current_terms_;
}

std::span<const Occurrence> SegmentProximity::Occurrences() {
  if (!gathered_) positions_.Gather(), gathered_ = true;
  return positions_.occurrences();
}

Score SegmentProximity::Bonus(uint32_t id) {
  if (MoveTo(id) < 2) return 0;
  return scorer_.Bonus(Occurrences(), LengthOf(id));
}

Score SegmentProximity::BonusBound(uint32_t id) {
  if (MoveTo(id) < 2) return 0;
  frequencies_.resize(positions_.term_count());
  for (uint32_t t = 0; t < frequencies_.size(); ++t) frequencies_[t] = positions_.FrequencyBound(t);
  return scorer_.BonusBound(frequencies_, LengthOf(id));
}

std::vector<ProximityPair> SegmentProximity::Pairs(uint32_t id) {
  if (MoveTo(id) < 2) return {};
  return scorer_.Pairs(Occurrences());
}

}  // namespace syndex
