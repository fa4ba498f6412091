#include "searcher/searcher.h"

#include <cmath>

#include "absl/container/flat_hash_set.h"

#include "common/status_macros.h"
#include "searcher/matcher_builder.h"
#include "searcher/top_k.h"

namespace syndex {
namespace {

// The group a hit collapses into: its passage group (copies and
// near-duplicates) or its document cluster, or the hit itself.
uint64_t GroupKey(const Segment& segment, uint32_t s, uint32_t unit, const SearchOptions& options) {
  constexpr uint64_t kGroupTag = uint64_t{1} << 63;
  const uint64_t base = uint64_t{s} << 32;
  if (!options.group) return base | unit;
  if (options.unit == Unit::kDocument) return base | segment.documents().Get(unit).cluster;
  const uint32_t group = segment.passages().Get(unit).group;
  return group == format::kNoGroup ? base | unit : kGroupTag | base | group;
}

// How many distinct outlets carried the hit's group (1 if it is alone).
uint32_t OutletsCarrying(const Segment& segment, uint32_t unit, Unit unit_kind) {
  if (unit_kind == Unit::kPassage) {
    const uint32_t group = segment.passages().Get(unit).group;
    return group == format::kNoGroup ? 1 : segment.passages().Group(group).outlet_count;
  }
  absl::flat_hash_set<uint32_t> outlets;
  for (DocId d : segment.documents().ClusterOf(unit)) {
    outlets.insert(segment.documents().Get(d).outlet);
  }
  return static_cast<uint32_t>(outlets.size());
}

}  // namespace

absl::StatusOr<SearchResults> Searcher::Search(std::string_view query,
                                               const SearchOptions& options) {
  ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(query, options.parse));
  ResolveOptions resolve;
  resolve.unit = options.unit;
  resolve.bm25 = options.bm25;
  SearchResults results;
  ASSIGN_OR_RETURN(results.query, ResolveQuery(parsed, *index_, resolve, &analyzer_));
  GroupedTopK top(options.k);
  for (uint32_t s = 0; s < index_->segments().size(); ++s) {
    Collect(results.query, s, options, &top, &results.matches);
  }
  results.hits = top.Take();
  return results;
}

void Searcher::Collect(const ResolvedQuery& query, uint32_t s, const SearchOptions& options,
                       GroupedTopK* top, uint64_t* matches) const {
  const Segment& segment = *index_->segments()[s];
  const bool skip_boilerplate = !options.include_boilerplate;
  const bool passages = options.unit == Unit::kPassage;
  std::unique_ptr<Matcher> matcher =
      BuildMatcher(query.root, segment, options.unit, skip_boilerplate);
  for (; matcher->id() != kEndId; matcher->Next()) {
    const uint32_t unit = matcher->id();
    if (passages && skip_boilerplate && segment.passages().Get(unit).is_boilerplate()) continue;
    ++*matches;
    Score score = matcher->score();
    if (options.outlet_weight > 0) {
      score *= static_cast<Score>(
          1 + options.outlet_weight * std::log(OutletsCarrying(segment, unit, options.unit)));
    }
    top->Offer({s, unit, score}, GroupKey(segment, s, unit, options));
  }
}

}  // namespace syndex
