#include "searcher/phrasing_class.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace syndex {
namespace {

using Positions = std::vector<std::vector<Position>>;

Positions ByTerm(size_t terms, std::span<const Occurrence> occurrences) {
  Positions positions(terms);
  for (const Occurrence& o : occurrences) positions[o.term].push_back(o.position);
  return positions;
}

bool Has(const std::vector<Position>& positions, int64_t p) {
  return p >= 0 && std::binary_search(positions.begin(), positions.end(), Position(p));
}

// Where every word of the phrase sits at its offset from the first.
std::vector<Position> PhraseStarts(const PhrasingPattern& pattern, const Positions& positions) {
  std::vector<Position> starts;
  const PhrasingPattern::Word& first = pattern.words[0];
  for (Position p : positions[first.term_index]) {
    const bool all = std::all_of(pattern.words.begin() + 1, pattern.words.end(), [&](auto& w) {
      return Has(positions[w.term_index], int64_t{p} + w.offset - first.offset);
    });
    if (all) starts.push_back(p);
  }
  return starts;
}

std::vector<const PhrasingPattern::Word*> ContentWords(const PhrasingPattern& pattern) {
  std::vector<const PhrasingPattern::Word*> content;
  for (const auto& w : pattern.words) {
    if (w.content) content.push_back(&w);
  }
  return content;
}

// The fewest words inserted among the content words taken in phrase order
// (each at a later position than the one before), or -1 if they never
// occur in that order. Fewer positions than the phrase spans (a stopword
// left out) count as none inserted.
int64_t FewestInsertedInOrder(const std::vector<const PhrasingPattern::Word*>& content,
                              const Positions& positions) {
  int64_t best = -1;
  const int64_t phrase_span = int64_t{content.back()->offset} - content.front()->offset;
  for (Position start : positions[content.front()->term_index]) {
    Position at = start;
    bool chained = true;
    for (size_t i = 1; i < content.size() && chained; ++i) {
      const auto& next = positions[content[i]->term_index];
      auto it = std::upper_bound(next.begin(), next.end(), at);
      chained = it != next.end();
      if (chained) at = *it;
    }
    if (!chained) break;  // later starts cannot chain either
    const int64_t inserted = std::max<int64_t>(0, int64_t{at} - start - phrase_span);
    if (best < 0 || inserted < best) best = inserted;
  }
  return best;
}

// The smallest span (last position - first) of a window holding every
// distinct content term, over the occurrences sorted by position.
int64_t SmallestWindow(const std::vector<const PhrasingPattern::Word*>& content,
                       std::span<const Occurrence> occurrences, size_t terms) {
  std::vector<bool> wanted(terms, false);
  size_t distinct = 0;
  for (const auto* w : content) {
    if (!wanted[w->term_index]) ++distinct, wanted[w->term_index] = true;
  }
  std::vector<uint32_t> in_window(terms, 0);
  size_t covered = 0, left = 0;
  int64_t best = std::numeric_limits<int64_t>::max();
  for (size_t right = 0; right < occurrences.size(); ++right) {
    const uint32_t t = occurrences[right].term;
    if (!wanted[t]) continue;
    if (in_window[t]++ == 0) ++covered;
    for (; covered == distinct; ++left) {
      const uint32_t lt = occurrences[left].term;
      if (!wanted[lt]) continue;
      best = std::min<int64_t>(best, occurrences[right].position - occurrences[left].position);
      if (--in_window[lt] == 0) --covered;
    }
  }
  return best;
}

// Coverage and whether every content word is there itself.
double Coverage(const PhrasingPattern& pattern, const PhrasingParams& params,
                const std::vector<bool>& present, bool* all_own, bool* any_own) {
  std::vector<bool> by_synonym(pattern.words.size(), false);
  for (const auto& s : pattern.synonyms) {
    if (present[s.term_index]) by_synonym[s.of_word] = true;
  }
  double coverage = 0;
  *all_own = true;
  *any_own = false;
  for (size_t i = 0; i < pattern.words.size(); ++i) {
    const auto& w = pattern.words[i];
    if (!w.content) continue;
    const bool own = present[w.term_index];
    *all_own &= own;
    *any_own |= own;
    coverage += own ? 1.0 : by_synonym[i] ? params.synonym_weight : 0.0;
  }
  return coverage;
}

// The class of a passage holding every content word.
PassagePhrasing ClassifyComplete(const PhrasingPattern& pattern, const PhrasingParams& params,
                                 std::span<const Occurrence> occurrences) {
  const Positions positions = ByTerm(pattern.terms.size(), occurrences);
  PassagePhrasing result;
  result.phrase_starts = PhraseStarts(pattern, positions);
  if (!result.phrase_starts.empty()) {
    result.phrasing_class = PhrasingClass::kInflected;
    return result;
  }
  const auto content = ContentWords(pattern);
  const int64_t inserted = FewestInsertedInOrder(content, positions);
  if (inserted >= 0 && inserted <= params.max_gap) {
    result.phrasing_class = PhrasingClass::kGapped;
    return result;
  }
  // Out of order, the stopwords' places may be taken by other words.
  const int64_t free_words =
      int64_t(content.size()) - 1 + int64_t(pattern.words.size() - content.size()) + params.max_gap;
  const bool near = SmallestWindow(content, occurrences, pattern.terms.size()) <= free_words;
  result.phrasing_class = near ? PhrasingClass::kReordered : PhrasingClass::kPartial;
  return result;
}

}  // namespace

std::string_view PhrasingClassName(PhrasingClass phrasing_class) {
  switch (phrasing_class) {
    case PhrasingClass::kExact:
      return "exact";
    case PhrasingClass::kInflected:
      return "inflected";
    case PhrasingClass::kGapped:
      return "gapped";
    case PhrasingClass::kReordered:
      return "reordered";
    case PhrasingClass::kPartial:
      return "partial";
    case PhrasingClass::kSynonymOnly:
      return "synonym-only";
    case PhrasingClass::kNone:
      break;
  }
  return "none";
}

bool NeedsPositions(const PhrasingPattern& pattern, const std::vector<bool>& present) {
  return std::all_of(pattern.words.begin(), pattern.words.end(),
                     [&](const auto& w) { return !w.content || present[w.term_index]; });
}

PassagePhrasing ClassifyPassage(const PhrasingPattern& pattern, const PhrasingParams& params,
                                const std::vector<bool>& present,
                                std::span<const Occurrence> occurrences) {
  bool all_own = false, any_own = false;
  const double coverage = Coverage(pattern, params, present, &all_own, &any_own);
  PassagePhrasing result;
  if (all_own)
    result = ClassifyComplete(pattern, params, occurrences);
  else if (any_own)
    result.phrasing_class = PhrasingClass::kPartial;
  else if (coverage > 0)
    result.phrasing_class = PhrasingClass::kSynonymOnly;
  result.coverage = coverage;
  return result;
}

uint32_t PhrasingTier(PhrasingClass phrasing_class, double coverage) {
  const double scaled = std::clamp(std::round(coverage * 100), 0.0, 65535.0);
  return uint32_t{static_cast<uint8_t>(phrasing_class)} << 16 | static_cast<uint32_t>(scaled);
}

uint32_t BestPossibleTier(const PhrasingPattern& pattern) {
  const auto content = std::count_if(pattern.words.begin(), pattern.words.end(),
                                     [](const auto& w) { return w.content; });
  return PhrasingTier(PhrasingClass::kExact, static_cast<double>(content));
}

uint32_t PhrasingTierBound::Of(double coverage) const {
  // A hair of slack for sums of weights that should reach full coverage.
  if (coverage >= full_coverage - 1e-9) return best_tier;
  return PhrasingTier(PhrasingClass::kPartial, coverage);
}

PhrasingTierBound TierBoundOf(const PhrasingPattern& pattern) {
  PhrasingTierBound bound;
  for (const auto& w : pattern.words) bound.full_coverage += w.content ? 1 : 0;
  bound.best_tier = BestPossibleTier(pattern);
  return bound;
}

double PhrasingCoverageOf(const PhrasingPattern& pattern, const PhrasingParams& params,
                          uint32_t term) {
  double coverage = 0;
  for (size_t i = 0; i < pattern.words.size(); ++i) {
    const auto& w = pattern.words[i];
    if (!w.content) continue;
    if (w.term_index == term) {
      coverage += 1;
      continue;
    }
    const bool synonym =
        std::any_of(pattern.synonyms.begin(), pattern.synonyms.end(),
                    [&](auto& s) { return s.of_word == i && s.term_index == term; });
    if (synonym) coverage += params.synonym_weight;
  }
  return coverage;
}

PhrasingClass ClassOfTier(uint32_t tier) { return static_cast<PhrasingClass>(tier >> 16); }

double CoverageOfTier(uint32_t tier) { return (tier & 0xFFFF) / 100.0; }

}  // namespace syndex
