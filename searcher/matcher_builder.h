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

#include "common/segment.h"
#include "searcher/matcher.h"
#include "searcher/resolved_query.h"

namespace syndex {

// The returned matcher reads `segment`, which must outlive it.
// `skip_boilerplate`: with --unit doc, boilerplate passages add nothing to
// their document (with passages, the caller drops them as results).
std::unique_ptr<Matcher> BuildMatcher(const ResolvedNode& node, const Segment& segment, Unit unit,
                                      bool skip_boilerplate = false);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_MATCHER_BUILDER_H_
