// File: common/word_pairs.h
//
// Word pairs: postings for two common words next to each other, so that a
// phrase of common words reads one short list instead of intersecting the
// two longest of the index and comparing their positions (as Lucene's
// CommonGrams and Xapian's "bigrams" do). On AllSides, "of the" alone is in
// most passages that hold "of" and "the"; its pair list is its answer.
//
// The indexer writes, for every two adjacent tokens of a passage that are
// both pair words, the term PairTerm(first, second) in field kWordPairs at
// the first one's position (docs/FORMAT.md, "Word pairs"). The searcher
// reads an exact phrase's adjacent pair words from those postings; scores
// do not change, since the phrase is weighted by its words.
//
// The list is part of the index format: a change needs a new version.
//
// Example:
//   if (IsPairWord(a) && IsPairWord(b)) AddPosting(Field::kWordPairs, PairTerm(a, b), p);
#ifndef SYNDEX_COMMON_WORD_PAIRS_H_
#define SYNDEX_COMMON_WORD_PAIRS_H_

#include <span>
#include <string>
#include <string_view>

namespace syndex {

// The pair words, as the analyzer indexes them (normalized and stemmed;
// each is its own stem): the commonest words of English news.
std::span<const std::string_view> PairWords();

// Whether `term` (an analyzed term) is a pair word.
bool IsPairWord(std::string_view term);

// The kWordPairs term of `first` followed by `second`: "first second". No
// analyzed term holds a space, so pair terms cannot meet word terms.
std::string PairTerm(std::string_view first, std::string_view second);

}  // namespace syndex

#endif  // SYNDEX_COMMON_WORD_PAIRS_H_
