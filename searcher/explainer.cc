#include "searcher/explainer.h"

#include <cmath>
#include <cstdio>

#include "absl/container/flat_hash_map.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "searcher/matcher_builder.h"
#include "searcher/passage_text.h"
#include "searcher/proximity.h"
#include "searcher/segment_phrasings.h"

namespace syndex {
namespace {

using Kind = ResolvedNode::Kind;

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

// The synonym terms of the query's phrasings, with what each stands for.
absl::flat_hash_map<std::string, std::string> SynonymsOf(const ResolvedQuery& query) {
  absl::flat_hash_map<std::string, std::string> synonyms;
  for (const PhrasingPattern& pattern : query.phrasings) {
    for (const auto& s : pattern.synonyms) {
      synonyms.try_emplace(s.term, pattern.words[s.of_word].normalized);
    }
  }
  return synonyms;
}

// Explains the leaves of one segment's unit.
class UnitExplainer {
 public:
  UnitExplainer(const IndexReader& index, const ResolvedQuery& query, const Hit& hit,
                const SearchOptions& options, Analyzer* analyzer)
      : index_(index),
        query_(query),
        segment_(*index.segments()[hit.segment]),
        unit_id_(hit.unit),
        options_(options),
        analyzer_(analyzer),
        synonyms_(SynonymsOf(query)),
        texts_(segment_) {}

  absl::StatusOr<Explanation> Explain();

 private:
  bool skip_boilerplate() const { return !options_.include_boilerplate; }
  double AverageLength() const {
    return options_.unit == Unit::kPassage ? index_.stats().average_passage_length()
                                           : index_.stats().average_document_length();
  }
  uint32_t UnitLength() const {
    return options_.unit == Unit::kPassage ? segment_.passages().Get(unit_id_).length
                                           : segment_.documents().Get(unit_id_).length;
  }
  // Adds the parts of the positive leaves under `node`.
  void ExplainNode(const ResolvedNode& node);
  void ExplainLeaf(const ResolvedNode& node);
  std::string Describe(const ResolvedNode& node) const;
  Frequency FrequencyOf(const ResolvedNode& node) const;
  void ExplainProximity();
  absl::Status ExplainPhrasing();
  void ExplainOutlets();
  absl::Status FindWords();
  // The body terms of the query's positive leaves and phrasings, distinct.
  std::vector<std::string> QueryTerms() const;

  const IndexReader& index_;
  const ResolvedQuery& query_;
  const Segment& segment_;
  uint32_t unit_id_;
  const SearchOptions& options_;
  Analyzer* analyzer_;
  absl::flat_hash_map<std::string, std::string> synonyms_;  // synonym -> phrase word
  PassageTextReader texts_;
  Explanation explanation_;
};

std::string UnitExplainer::Describe(const ResolvedNode& node) const {
  if (node.kind == Kind::kTerm) {
    const ResolvedTerm& t = node.terms[0];
    if (t.field == format::Field::kTitle) return StrCat("title:", t.term);
    if (t.field == format::Field::kOutlet) return StrCat("outlet:", t.term);
    auto synonym = synonyms_.find(t.term);
    if (synonym != synonyms_.end()) {
      return StrCat("synonym \"", t.term, "\" of \"", synonym->second, "\" (weight ",
                    Number(options_.phrasings.synonym_weight), ")");
    }
    return StrCat("term \"", t.term, "\"");
  }
  std::string words;
  for (const ResolvedTerm& t : node.terms) StrAppend(&words, words.empty() ? "" : " ", t.term);
  if (node.kind == Kind::kNear) return StrCat("NEAR/", node.slop, " (", words, ")");
  return StrCat("phrase \"", words, "\"", node.slop ? StrCat("~", node.slop) : "");
}

// How often the leaf occurs in the unit (summed over a document's passages).
Frequency UnitExplainer::FrequencyOf(const ResolvedNode& node) const {
  if (node.terms[0].field != format::Field::kBody) {
    PostingsCursor cursor = CursorFor(segment_, node.terms[0].field, node.terms[0].term);
    const DocId doc =
        options_.unit == Unit::kDocument ? unit_id_ : segment_.passages().Get(unit_id_).doc;
    cursor.Seek(doc);
    return cursor.id() == doc ? Frequency(cursor.tf()) : 0;
  }
  std::unique_ptr<FrequencySource> source = BuildBodySource(node, segment_);
  PassageId first = unit_id_, end = unit_id_ + 1;
  if (options_.unit == Unit::kDocument) {
    const DocumentRecord record = segment_.documents().Get(unit_id_);
    first = record.first_passage;
    end = first + record.passage_count;
  }
  Frequency sum = 0;
  for (source->Seek(first); source->id() < end; source->Next()) {
    const bool boilerplate = segment_.passages().Get(source->id()).is_boilerplate();
    if (options_.unit == Unit::kDocument && skip_boilerplate() && boilerplate) continue;
    sum += source->frequency();
  }
  return sum;
}

void UnitExplainer::ExplainLeaf(const ResolvedNode& node) {
  std::unique_ptr<Matcher> matcher =
      BuildMatcher(node, segment_, options_.unit, skip_boilerplate());
  matcher->Seek(unit_id_);
  if (matcher->id() != unit_id_) return;
  const bool field = node.terms[0].field != format::Field::kBody;
  std::string detail =
      StrCat("frequency ", Number(FrequencyOf(node)), ", idf ", Number(node.weight.idf()));
  if (!field) {
    StrAppend(&detail, ", length ", UnitLength(), " (average ", Number(AverageLength()), ")");
  }
  explanation_.parts.push_back({Describe(node), matcher->score(), std::move(detail)});
}

void UnitExplainer::ExplainNode(const ResolvedNode& node) {
  switch (node.kind) {
    case Kind::kTerm:
    case Kind::kPhrase:
    case Kind::kNear:
      return ExplainLeaf(node);
    case Kind::kAndNot:  // the excluded side adds nothing
      return ExplainNode(node.children[0]);
    case Kind::kAnd:
    case Kind::kOr:
      for (const ResolvedNode& child : node.children) ExplainNode(child);
      return;
    case Kind::kNothing:
      return;
  }
}

void UnitExplainer::ExplainProximity() {
  SegmentProximity proximity(query_.proximity_terms, segment_, options_.unit, skip_boilerplate(),
                             options_.proximity, options_.bm25, AverageLength());
  if (!proximity.enabled()) return;
  const Score bonus = proximity.Bonus(unit_id_);
  if (bonus == 0) return;
  std::string detail;
  SegmentProximity pairs_of(query_.proximity_terms, segment_, options_.unit, skip_boilerplate(),
                            options_.proximity, options_.bm25, AverageLength());
  for (const ProximityPair& pair : pairs_of.Pairs(unit_id_)) {
    StrAppend(&detail, detail.empty() ? "" : ", ", query_.proximity_terms[pair.first.term].term,
              "@", pair.first.position, "+", query_.proximity_terms[pair.second.term].term, "@",
              pair.second.position);
  }
  explanation_.parts.push_back(
      {StrCat("proximity (weight ", Number(options_.proximity.weight), ")"), bonus,
       StrCat("neighbouring words: ", detail)});
}

absl::Status UnitExplainer::ExplainPhrasing() {
  uint32_t best_tier = 0;
  for (const PhrasingPattern& pattern : query_.phrasings) {
    SegmentPhrasings phrasings(pattern, options_.phrasings, segment_, options_.unit,
                               skip_boilerplate(), analyzer_);
    ASSIGN_OR_RETURN(UnitPhrasing p, phrasings.Classify(unit_id_));
    if (explanation_.phrasing.empty() || p.tier() > best_tier) {
      best_tier = p.tier();
      explanation_.phrasing = PhrasingClassName(p.phrasing_class);
      explanation_.coverage = p.coverage;
    }
  }
  return absl::OkStatus();
}

void UnitExplainer::ExplainOutlets() {
  if (options_.outlet_weight <= 0) return;
  uint32_t outlets = 1;
  if (options_.unit == Unit::kPassage) {
    const PassageRecord record = segment_.passages().Get(unit_id_);
    if (record.group != format::kNoGroup) {
      outlets = segment_.GroupOutletCount(record.group);
    }
  } else {
    absl::flat_hash_map<uint32_t, bool> names;
    for (DocId d : segment_.documents().ClusterOf(unit_id_)) {
      if (!segment_.IsDeleted(d)) names[segment_.documents().Get(d).outlet] = true;
    }
    outlets = static_cast<uint32_t>(std::max<size_t>(1, names.size()));
  }
  explanation_.multiplier = static_cast<Score>(1 + options_.outlet_weight * std::log(outlets));
  explanation_.multiplier_detail =
      StrCat("1 + ", Number(options_.outlet_weight), " * ln(", outlets, " outlets)");
}

std::vector<std::string> UnitExplainer::QueryTerms() const {
  std::vector<std::string> terms;
  auto add = [&](const std::string& term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(term);
  };
  for (const HighlightPattern& pattern : query_.highlights) {
    for (const std::string& term : pattern.terms) add(term);
  }
  for (const PhrasingPattern& pattern : query_.phrasings) {
    for (const std::string& term : pattern.terms) add(term);
  }
  return terms;
}

absl::Status UnitExplainer::FindWords() {
  const std::vector<std::string> terms = QueryTerms();
  std::vector<PostingsCursor> cursors;
  for (const std::string& term : terms) {
    cursors.push_back(CursorFor(segment_, format::Field::kBody, term));
  }
  UnitPositions positions(std::move(cursors), options_.unit, &segment_, skip_boilerplate());
  if (positions.MoveTo(unit_id_) == 0) return absl::OkStatus();
  positions.Gather();
  const DocId doc =
      options_.unit == Unit::kDocument ? unit_id_ : segment_.passages().Get(unit_id_).doc;
  const PassageId first = segment_.documents().Get(doc).first_passage;
  std::vector<Token> tokens;
  PassageId analyzed = kEndId;
  for (const Occurrence& o : positions.occurrences()) {
    ASSIGN_OR_RETURN(std::string_view text, texts_.Text(o.passage));
    if (analyzed != o.passage) {
      tokens.clear();
      analyzer_->Analyze(text, 0, &tokens);
      analyzed = o.passage;
    }
    std::string word =
        o.position < tokens.size()
            ? std::string(text.substr(tokens[o.position].start,
                                      tokens[o.position].end - tokens[o.position].start))
            : "?";
    const bool synonym = synonyms_.contains(terms[o.term]);
    explanation_.matches.push_back(
        {terms[o.term], std::move(word), o.passage - first, o.position, synonym});
  }
  return absl::OkStatus();
}

absl::StatusOr<Explanation> UnitExplainer::Explain() {
  ExplainNode(query_.root);
  ExplainProximity();
  ExplainOutlets();
  RETURN_IF_ERROR(ExplainPhrasing());
  RETURN_IF_ERROR(FindWords());
  return std::move(explanation_);
}

}  // namespace

absl::StatusOr<Explanation> ExplainHit(const IndexReader& index, const ResolvedQuery& query,
                                       const Hit& hit, const SearchOptions& options,
                                       Analyzer* analyzer) {
  return UnitExplainer(index, query, hit, options, analyzer).Explain();
}

}  // namespace syndex
