#include "searcher/matcher_builder.h"

#include <algorithm>

#include "common/word_pairs.h"
#include "searcher/boolean_matchers.h"
#include "searcher/frequency_sources.h"
#include "searcher/leaf_matchers.h"
#include "searcher/window_source.h"

namespace syndex {
namespace {

using Kind = ResolvedNode::Kind;

PostingsCursor CursorFor(const ResolvedTerm& term, const Segment& segment) {
  return CursorFor(segment, term.field, term.term);
}

}  // namespace

std::vector<PhrasePart> PhraseParts(const ResolvedNode& node) {
  const std::vector<ResolvedTerm>& terms = node.terms;
  std::vector<PhrasePart> parts;
  std::vector<bool> paired(terms.size(), false);
  for (size_t i = 0; i + 1 < terms.size(); ++i) {
    if (node.offsets[i + 1] == node.offsets[i] + 1 && IsPairWord(terms[i].term) &&
        IsPairWord(terms[i + 1].term)) {
      parts.push_back(
          {format::Field::kWordPairs, PairTerm(terms[i].term, terms[i + 1].term), node.offsets[i]});
      paired[i] = paired[i + 1] = true;
    }
  }
  for (size_t i = 0; i < terms.size(); ++i) {
    if (!paired[i]) parts.push_back({format::Field::kBody, terms[i].term, node.offsets[i]});
  }
  std::stable_sort(parts.begin(), parts.end(),
                   [](const PhrasePart& a, const PhrasePart& b) { return a.offset < b.offset; });
  return parts;
}

namespace {

// A body node's source: `single` when it is read from one postings list (a
// word, or an exact phrase that is one word pair, "of the"), so that its
// leaf can hold the TermSource itself and inline it; else `other`.
struct BodySource {
  std::unique_ptr<TermSource> single;
  std::unique_ptr<FrequencySource> other;
};

BodySource MakeBodySource(const ResolvedNode& node, const Segment& segment) {
  if (node.kind == Kind::kTerm) {
    return {std::make_unique<TermSource>(CursorFor(node.terms[0], segment)), nullptr};
  }
  if (node.kind == Kind::kPhrase && node.slop == 0) {
    const std::vector<PhrasePart> parts = PhraseParts(node);
    std::vector<PostingsCursor> cursors;
    std::vector<Position> offsets;
    for (const PhrasePart& part : parts) {
      cursors.push_back(CursorFor(segment, part.field, part.term));
      offsets.push_back(part.offset);
    }
    if (cursors.size() == 1) return {std::make_unique<TermSource>(std::move(cursors[0])), nullptr};
    return {nullptr, std::make_unique<PhraseSource>(std::move(cursors), std::move(offsets))};
  }
  std::vector<PostingsCursor> cursors;
  for (const ResolvedTerm& term : node.terms) cursors.push_back(CursorFor(term, segment));
  const WindowOptions window = node.kind == Kind::kNear
                                   ? WindowOptions::Near(node.terms.size(), node.slop)
                                   : WindowOptions::SloppyPhrase(node.slop);
  return {nullptr, std::make_unique<WindowSource>(std::move(cursors), node.offsets, window)};
}

}  // namespace

std::unique_ptr<FrequencySource> BuildBodySource(const ResolvedNode& node, const Segment& segment) {
  BodySource source = MakeBodySource(node, segment);
  if (source.single) return std::move(source.single);
  return std::move(source.other);
}

namespace {

std::unique_ptr<Matcher> Leaf(const ResolvedNode& node, const Segment& segment, Unit unit,
                              bool skip_boilerplate) {
  if (node.terms[0].field != format::Field::kBody) {
    return std::make_unique<FieldLeaf>(CursorFor(node.terms[0], segment), node.weight, unit,
                                       &segment);
  }
  if (unit == Unit::kDocument) {
    return std::make_unique<DocumentLeaf>(BuildBodySource(node, segment), node.weight, &segment,
                                          skip_boilerplate);
  }
  BodySource source = MakeBodySource(node, segment);
  if (source.single) {
    return std::make_unique<TermPassageLeaf>(std::move(source.single), node.weight,
                                             &segment.passages());
  }
  return std::make_unique<PassageLeaf>(std::move(source.other), node.weight, &segment.passages());
}

std::vector<std::unique_ptr<Matcher>> Children(const ResolvedNode& node, const Segment& segment,
                                               Unit unit, bool skip_boilerplate) {
  std::vector<std::unique_ptr<Matcher>> children;
  for (const ResolvedNode& child : node.children) {
    children.push_back(BuildMatcher(child, segment, unit, skip_boilerplate));
  }
  return children;
}

// The tier bounds of a phrasings query's OR, for pruning by tier.
std::optional<OrMatcher::Tiers> TiersOf(const ResolvedNode& node) {
  if (!node.phrasing_tiers) return std::nullopt;
  OrMatcher::Tiers tiers{*node.phrasing_tiers, {}};
  for (const ResolvedNode& child : node.children) tiers.coverage.push_back(child.coverage);
  return tiers;
}

}  // namespace

PostingsCursor CursorFor(const Segment& segment, format::Field field, std::string_view term) {
  const auto info = segment.dictionary().Find(field, term);
  return info ? segment.Cursor(*info, field) : PostingsCursor();
}

std::unique_ptr<Matcher> BuildMatcher(const ResolvedNode& node, const Segment& segment, Unit unit,
                                      bool skip_boilerplate, std::vector<double> root_slack) {
  switch (node.kind) {
    case Kind::kTerm:
    case Kind::kPhrase:
    case Kind::kNear:
      return Leaf(node, segment, unit, skip_boilerplate);
    case Kind::kAnd:
      return std::make_unique<AndMatcher>(Children(node, segment, unit, skip_boilerplate));
    case Kind::kOr:
      return std::make_unique<OrMatcher>(Children(node, segment, unit, skip_boilerplate),
                                         TiersOf(node), std::move(root_slack));
    case Kind::kAndNot:
      return std::make_unique<AndNotMatcher>(
          BuildMatcher(node.children[0], segment, unit, skip_boilerplate),
          BuildMatcher(node.children[1], segment, unit, skip_boilerplate));
    case Kind::kNothing:
      break;
  }
  return std::make_unique<EmptyMatcher>();
}

}  // namespace syndex
