// File: searcher/matcher_builder.h
//
// Builds the matcher tree of a resolved query over one segment.
//
// Example:
//   std::unique_ptr<Matcher> m = BuildMatcher(query.root, segment, Unit::kPassage);
//   for (; m->id() != kEndId; m->Next()) Collect(m->id(), m->score());
#ifndef SYNDEX_SEARCHER_MATCHER_BUILDER_H_
#define SYNDEX_SEARCHER_MATCHER_BUILDER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/segment.h"
#include "searcher/matcher.h"
#include "searcher/resolved_query.h"

namespace syndex {

// The returned matcher reads `segment`, which must outlive it.
// `skip_boilerplate`: with --unit doc, boilerplate passages add nothing to
// their document (with passages, the caller drops them as results).
// A cursor over the postings of `term` in `field`, or an empty one (at the
// end) if the segment does not hold it.
PostingsCursor CursorFor(const Segment& segment, format::Field field, std::string_view term);

// The frequency source of a body kTerm, kPhrase or kNear node: its
// passages and how often it occurs in each.
std::unique_ptr<FrequencySource> BuildBodySource(const ResolvedNode& node, const Segment& segment);

// The postings an exact phrase (a kPhrase node without slop) is read
// from: each two adjacent pair words (common/word_pairs.h) as their pair
// term, at the first's offset, and each other word alone; a word inside a
// pair is not read alone. "said in a statement" is read as "said in" at 0,
// "in a" at 1 and "statement" at 3: two short lists and a rare word
// instead of three of the longest lists.
struct PhrasePart {
  format::Field field;
  std::string term;
  Position offset;
};
std::vector<PhrasePart> PhraseParts(const ResolvedNode& node);

// `root_slack`, when `node` is an OR, is given to its OrMatcher (one per
// child, see OrMatcher): what the collector may add to a unit's score for
// each child it matches.
std::unique_ptr<Matcher> BuildMatcher(const ResolvedNode& node, const Segment& segment, Unit unit,
                                      bool skip_boilerplate = false,
                                      std::vector<double> root_slack = {});

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_MATCHER_BUILDER_H_
