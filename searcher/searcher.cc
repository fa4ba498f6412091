#include "searcher/searcher.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "common/status_macros.h"
#include "searcher/matcher_builder.h"
#include "searcher/segment_phrasings.h"
#include "searcher/top_k.h"

namespace syndex {
namespace {

// What collecting a matching unit needs besides its score. Read only for
// a unit that may enter the results (or, with the outlet factor, for every
// scored unit), since its records are a cache miss apiece.
struct UnitFacts {
  uint64_t group_key = 0;  // hits with one key collapse into one result
  uint32_t outlets = 1;    // distinct outlets carrying its group
};

UnitFacts PassageFacts(const Segment& segment, uint32_t s, PassageId passage,
                       const SearchOptions& options) {
  constexpr uint64_t kGroupTag = uint64_t{1} << 63;
  const uint64_t base = uint64_t{s} << 32;
  const PassageRecord record = segment.passages().Get(passage);
  UnitFacts facts;
  const bool alone = record.group == format::kNoGroup;
  facts.group_key = !options.group || alone ? base | passage : kGroupTag | base | record.group;
  if (!alone) facts.outlets = segment.GroupOutletCount(record.group);
  return facts;
}

UnitFacts DocumentFacts(const Segment& segment, uint32_t s, DocId doc,
                        const SearchOptions& options) {
  const uint64_t base = uint64_t{s} << 32;
  UnitFacts facts;
  facts.group_key = base | (options.group ? segment.documents().Get(doc).cluster : doc);
  if (options.outlet_weight > 0) {  // walking the cluster costs; only when it counts
    absl::flat_hash_set<uint32_t> outlets;
    for (DocId d : segment.documents().ClusterOf(doc)) {
      if (!segment.IsDeleted(d)) outlets.insert(segment.documents().Get(d).outlet);
    }
    facts.outlets = static_cast<uint32_t>(outlets.size());
  }
  return facts;
}

UnitFacts FactsOf(const Segment& segment, uint32_t s, uint32_t unit, const SearchOptions& options) {
  return options.unit == Unit::kPassage ? PassageFacts(segment, s, unit, options)
                                        : DocumentFacts(segment, s, unit, options);
}

double AverageLength(const IndexReader& index, Unit unit) {
  return unit == Unit::kPassage ? index.stats().average_passage_length()
                                : index.stats().average_document_length();
}

// How the proximity bonus is bounded while pruning. A term's share of the
// bonus (ProximityScorer::BonusShares) is earned only by units holding the
// term, so when the root is an OR with that term as a child of its own,
// the share becomes the child's slack (OrMatcher) and is counted only for
// units the child matches. The shares of the other terms stay in
// `uncharged`, which every threshold must leave room for.
struct BonusCharges {
  std::vector<double> root_slack;  // per root child; empty unless the root is an OR
  Score uncharged = 0;
};
BonusCharges ChargeBonus(const ResolvedNode& root, std::span<const ProximityTerm> terms,
                         const std::vector<double>& shares) {
  BonusCharges charges;
  if (root.kind == ResolvedNode::Kind::kOr) charges.root_slack.assign(root.children.size(), 0.0);
  double uncharged = 0;
  for (size_t t = 0; t < terms.size(); ++t) {
    bool charged = false;
    for (size_t c = 0; c < charges.root_slack.size() && !charged; ++c) {
      const ResolvedNode& child = root.children[c];
      if (child.kind == ResolvedNode::Kind::kTerm && child.terms[0].field == format::Field::kBody &&
          child.terms[0].term == terms[t].term) {
        charges.root_slack[c] += shares[t];
        charged = true;
      }
    }
    if (!charged) uncharged += shares[t];
  }
  charges.uncharged = static_cast<Score>(uncharged * (1 + 1e-7));
  return charges;
}

// The best phrasing tier of `unit` over the query's phrasings patterns.
absl::StatusOr<uint32_t> PhrasingTierOf(
    uint32_t unit, Score score, uint32_t s, const GroupedTopK& top,
    const std::vector<std::unique_ptr<SegmentPhrasings>>& phrasings) {
  uint32_t tier = 0;
  for (const auto& p : phrasings) {
    UnitPhrasing phrasing = p->Bound(unit);
    // Reading the text to tell exact from inflected costs; it is worth it
    // only when being exact would bring the unit into the results.
    if (phrasing.may_be_exact && phrasing.best_tier() > tier &&
        top.MayEnter({s, unit, score, phrasing.best_tier()})) {
      ASSIGN_OR_RETURN(phrasing, p->Settle(phrasing));
    }
    tier = std::max(tier, phrasing.tier());
  }
  return tier;
}

// What a unit must beat to enter `top`: the k-th result's tier, and its
// score less the largest proximity bonus, lowered by a hair for rounding.
// Nothing (false) while the top k is not full.
struct Threshold {
  uint32_t tier = 0;
  Score score = 0;
};
bool CompetitiveThreshold(const GroupedTopK& top, Score max_bonus, Threshold* threshold) {
  Hit worst;
  if (!top.WorstKept(&worst)) return false;
  const double needed =
      double{worst.score} - max_bonus - 1e-5 * (std::fabs(double{worst.score}) + max_bonus);
  *threshold = {worst.tier, static_cast<Score>(std::max(needed, 0.0))};
  return true;
}

}  // namespace

absl::StatusOr<SearchResults> Searcher::Search(std::string_view query,
                                               const SearchOptions& options) {
  ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(query, options.parse));
  ResolveOptions resolve;
  resolve.unit = options.unit;
  resolve.bm25 = options.bm25;
  resolve.synonyms = options.synonyms;
  resolve.phrasings = options.phrasings;
  SearchResults results;
  ASSIGN_OR_RETURN(results.query, ResolveQuery(parsed, *index_, resolve, &analyzer_));
  GroupedTopK top(options.k);
  for (uint32_t s = 0; s < index_->segments().size(); ++s) {
    RETURN_IF_ERROR(Collect(s, options, &top, &results));
  }
  results.hits = top.Take();
  return results;
}

absl::Status Searcher::Collect(uint32_t s, const SearchOptions& options, GroupedTopK* top,
                               SearchResults* results) {
  const ResolvedQuery& query = results->query;
  const Segment& segment = *index_->segments()[s];
  const bool skip_boilerplate = !options.include_boilerplate;
  SegmentProximity proximity(query.proximity_terms, segment, options.unit, skip_boilerplate,
                             options.proximity, options.bm25, AverageLength(*index_, options.unit));
  BonusCharges charges = ChargeBonus(query.root, query.proximity_terms, proximity.BonusShares());
  std::unique_ptr<Matcher> matcher = BuildMatcher(query.root, segment, options.unit,
                                                  skip_boilerplate, std::move(charges.root_slack));
  std::vector<std::unique_ptr<SegmentPhrasings>> phrasings;
  uint32_t best_possible_tier = 0;
  for (const PhrasingPattern& pattern : query.phrasings) {
    phrasings.push_back(std::make_unique<SegmentPhrasings>(
        pattern, options.phrasings, segment, options.unit, skip_boilerplate, &analyzer_));
    best_possible_tier = std::max(best_possible_tier, BestPossibleTier(pattern));
  }
  // Pruning needs a bound of the final score; the outlet factor has none
  // short of reading every group, so it turns pruning off.
  const bool prune = !options.exhaustive && options.outlet_weight <= 0;
  // A phrasings query alone: its OR bounds its units' tiers. Any other
  // query with phrasings: scores count only once the k-th result has the
  // best tier there is, since until then a unit may enter on its tier.
  const bool tiered = query.phrasings.size() == 1 && query.root.phrasing_tiers.has_value();
  const Score max_bonus = charges.uncharged;
  Threshold last;
  const auto raise_threshold = [&] {
    Threshold now;
    if (!prune || !CompetitiveThreshold(*top, max_bonus, &now)) return;
    if (now.tier == last.tier && now.score <= last.score) return;
    if (tiered) {
      matcher->SetMinCompetitiveTier(now.tier, now.score);
    } else if (now.tier >= best_possible_tier && now.score > 0) {
      matcher->SetMinCompetitiveScore(now.score);
    } else {
      return;
    }
    last = now;
    results->matches_exact = false;
  };
  raise_threshold();  // what earlier segments' results demand already
  const bool passages = options.unit == Unit::kPassage;
  const bool weigh_outlets = options.outlet_weight > 0;
  for (; matcher->id() != kEndId; matcher->Next()) {
    const uint32_t unit = matcher->id();
    if (skip_boilerplate && passages && segment.passages().IsBoilerplate(unit)) continue;
    // Deleted articles stay in the segment's postings until a merge.
    if (passages ? segment.IsPassageDeleted(unit) : segment.IsDeleted(unit)) continue;
    ++results->matches;
    Score score = matcher->score();
    std::optional<UnitFacts> facts;
    Score outlet_factor = 1;
    if (weigh_outlets) {
      facts = FactsOf(segment, s, unit, options);
      outlet_factor = static_cast<Score>(1 + options.outlet_weight * std::log(facts->outlets));
    }
    // Positions cost most: skip a unit that could not enter the results
    // even with the largest proximity bonus and the closest phrasing.
    const Score ceiling =
        (score + (proximity.enabled() ? proximity.BonusBound(unit) : 0)) * outlet_factor;
    if (!top->MayEnter({s, unit, ceiling, best_possible_tier})) continue;
    if (proximity.enabled()) score += proximity.Bonus(unit);
    score *= outlet_factor;
    ASSIGN_OR_RETURN(const uint32_t tier, PhrasingTierOf(unit, score, s, *top, phrasings));
    if (!facts) facts = FactsOf(segment, s, unit, options);
    top->Offer({s, unit, score, tier}, facts->group_key);
    raise_threshold();
  }
  return absl::OkStatus();
}

}  // namespace syndex
