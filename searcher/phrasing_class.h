// File: searcher/phrasing_class.h
//
// How closely a passage phrases a phrasings query (`~"swift and severe
// costs"`, docs/QUERY.md), from the positions of the phrase's words and of
// their synonyms in it. Classes, closest first:
//
//   exact       the phrase, word for word ("swift and severe costs")
//   inflected   the phrase with other forms of its words ("severe cost")
//   gapped      every content word, in order, at most max_gap words
//               inserted ("swift and very severe costs", "swift, severe costs")
//   reordered   every content word within a window, out of order
//               ("costs, swift and severe")
//   partial     some content words, or all of them scattered; ranked by
//               coverage ("severe costs" before "severe sanctions")
//   synonym-only  none of the words, only synonyms ("serious consequences")
//
// Content words are the phrase's words that are not stopwords
// (searcher/phrasing_stopwords.h); a phrase of stopwords only has all of
// its words as content. Coverage counts each content word 1 when the
// passage holds it and synonym_weight when it holds only a synonym of it.
// Exact and inflected differ in the text's word forms, which positions do
// not show: ClassifyPassage reports both as kInflected with the positions
// where the phrase starts, and the caller checks the text
// (searcher/segment_phrasings.h).
#ifndef SYNDEX_SEARCHER_PHRASING_CLASS_H_
#define SYNDEX_SEARCHER_PHRASING_CLASS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/types.h"
#include "searcher/unit_positions.h"

namespace syndex {

// Higher is closer, so classes compare as ranks.
enum class PhrasingClass : uint8_t {
  kNone = 0,  // the unit matched through another part of the query
  kSynonymOnly,
  kPartial,
  kReordered,
  kGapped,
  kInflected,
  kExact,
};

// "exact", "inflected", "gapped", "reordered", "partial", "synonym-only", "none".
std::string_view PhrasingClassName(PhrasingClass phrasing_class);

// A phrasings query, resolved against the index.
struct PhrasingPattern {
  struct Word {
    std::string term;         // analyzed (stemmed), as indexed
    std::string normalized;   // as typed, normalized but not stemmed
    Position offset = 0;      // position in the phrase
    bool content = true;      // counts for coverage (not a stopword)
    uint32_t term_index = 0;  // into terms
  };
  struct Synonym {
    std::string term;      // analyzed
    std::string word;      // as written in the synonym file
    uint32_t of_word = 0;  // the phrase word it stands for (index into words)
    uint32_t term_index = 0;
  };
  std::vector<Word> words;
  std::vector<Synonym> synonyms;
  // The distinct terms to look up: the words' and then the synonyms'.
  std::vector<std::string> terms;
};

struct PhrasingParams {
  // Gapped and reordered phrasings: at most this many words inserted
  // among the content words. Default: 3.
  uint32_t max_gap = 3;
  // What a content word found only through a synonym adds to coverage,
  // and how much a synonym's BM25 counts. Default: 0.5.
  double synonym_weight = 0.5;
};

struct PassagePhrasing {
  PhrasingClass phrasing_class = PhrasingClass::kNone;
  double coverage = 0;
  // kInflected: where the phrase starts (position of its first word).
  std::vector<Position> phrase_starts;
};

// Classifies one passage. `occurrences`: the occurrences in that passage of
// the pattern's terms (term = index into pattern.terms), sorted by position.
// `present[t]`: the passage holds pattern.terms[t] (may come from postings
// alone; occurrences may then be empty, which is enough to decide partial
// and synonym-only classes).
PassagePhrasing ClassifyPassage(const PhrasingPattern& pattern, const PhrasingParams& params,
                                const std::vector<bool>& present,
                                std::span<const Occurrence> occurrences);

// True when a passage holding `present` terms needs its positions to be
// classified: it holds every content word, so it may be better than
// partial.
bool NeedsPositions(const PhrasingPattern& pattern, const std::vector<bool>& present);

// The rank of a phrasing: class first, then coverage; higher is better.
uint32_t PhrasingTier(PhrasingClass phrasing_class, double coverage);
// The highest tier any passage can reach for `pattern`: exact, with every
// content word.
uint32_t BestPossibleTier(const PhrasingPattern& pattern);
// The best tier a unit can have when its coverage is at most `coverage`:
// a unit short of full coverage lacks a content word of its own and is at
// best partial; with full coverage it may be exact. For pruning: the
// coverage a unit can reach follows from which terms it holds
// (PhrasingCoverageOf), before its positions are read.
struct PhrasingTierBound {
  double full_coverage = 0;  // the number of content words
  uint32_t best_tier = 0;    // BestPossibleTier of the pattern
  uint32_t Of(double coverage) const;
};
PhrasingTierBound TierBoundOf(const PhrasingPattern& pattern);
// What holding pattern.terms[term] adds to a unit's coverage at most: 1
// for each content word it is, synonym_weight for each it is a synonym of.
// Summed over the terms a unit holds, it bounds the unit's coverage.
double PhrasingCoverageOf(const PhrasingPattern& pattern, const PhrasingParams& params,
                          uint32_t term);
// The class and coverage (to 0.01) of a tier.
PhrasingClass ClassOfTier(uint32_t tier);
double CoverageOfTier(uint32_t tier);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_PHRASING_CLASS_H_
