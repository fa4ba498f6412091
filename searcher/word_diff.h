// File: searcher/word_diff.h
//
// A word-level diff of two texts, for showing how a near-duplicate passage
// (a variant) differs from the one a result shows. Words are the runs of
// non-space characters, compared exactly (case and punctuation count, as a
// reader sees them); the diff follows a longest common subsequence of the
// words and is rendered like `git diff --word-diff=plain`: words only in
// `from` as [-...-], words only in `to` as {+...+}, each run of changed
// words merged into one removal followed by one insertion, and white space
// folded to single spaces.
//
// Example:
//   WordDiff("impose swift and severe costs on Russia", "impose severe costs on Moscow")
//   // "impose [-swift and-] severe costs on [-Russia-]{+Moscow+}"
#ifndef SYNDEX_SEARCHER_WORD_DIFF_H_
#define SYNDEX_SEARCHER_WORD_DIFF_H_

#include <string>
#include <string_view>

namespace syndex {

// The words of `to`, marked where they differ from those of `from`. Equal
// texts (up to white space) give `to`'s words unmarked. Texts too long for
// the quadratic comparison (about a million word pairs once their common
// start and end are set aside) show their differing middles as one removal
// and one insertion.
std::string WordDiff(std::string_view from, std::string_view to);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_WORD_DIFF_H_
