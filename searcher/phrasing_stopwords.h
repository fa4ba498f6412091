// File: searcher/phrasing_stopwords.h
//
// The function words of a phrasings query (`~"swift and severe costs"`):
// they count for the order and adjacency of a phrasing, not for how much
// of the phrase a passage covers, so "swift, severe costs" covers the whole
// phrase. The index keeps every word (stopwords included), so exact phrases
// with them still match; this list only shapes phrasing classes.
#ifndef SYNDEX_SEARCHER_PHRASING_STOPWORDS_H_
#define SYNDEX_SEARCHER_PHRASING_STOPWORDS_H_

#include <string_view>

namespace syndex {

// True for English function words (articles, conjunctions, prepositions,
// pronouns, auxiliaries). `normalized_word`: case-folded, not stemmed.
bool IsPhrasingStopword(std::string_view normalized_word);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_PHRASING_STOPWORDS_H_
