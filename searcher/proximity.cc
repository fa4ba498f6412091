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
  return unit_ == Unit::kPassage ? segment_.passages().Get(id).length
                                 : segment_.documents().Get(id).length;
}

Score SegmentProximity::Bonus(uint32_t id) {
  if (positions_.MoveTo(id) < 2) return 0;
  positions_.Gather();
  return scorer_.Bonus(positions_.occurrences(), LengthOf(id));
}

std::vector<ProximityPair> SegmentProximity::Pairs(uint32_t id) {
  if (positions_.MoveTo(id) < 2) return {};
  positions_.Gather();
  return scorer_.Pairs(positions_.occurrences());
}

}  // namespace syndex
