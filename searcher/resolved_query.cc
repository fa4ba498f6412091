#include "searcher/resolved_query.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "common/str_cat.h"
#include "searcher/phrasing_stopwords.h"
#include "searcher/query_lexer.h"

namespace syndex {
namespace {

using Kind = ResolvedNode::Kind;

// The index of `term` in *terms, appending it if new.
uint32_t TermIndex(std::vector<std::string>* terms, const std::string& term) {
  for (uint32_t i = 0; i < terms->size(); ++i) {
    if ((*terms)[i] == term) return i;
  }
  terms->push_back(term);
  return static_cast<uint32_t>(terms->size() - 1);
}

format::Field ToField(QueryField field) {
  switch (field) {
    case QueryField::kTitle:
      return format::Field::kTitle;
    case QueryField::kOutlet:
      return format::Field::kOutlet;
    case QueryField::kBody:
      break;
  }
  return format::Field::kBody;
}

// Resolves one parsed tree. A subtree with no searchable word resolves to
// nullopt and is dropped by its parent, as stopwords are elsewhere.
class Resolver {
 public:
  Resolver(const IndexReader& index, const ResolveOptions& options, Analyzer* analyzer)
      : index_(index),
        options_(options),
        analyzer_(analyzer),
        body_(options.bm25, BodyUnits(index, options.unit), BodyAverage(index, options.unit)),
        fields_({options.bm25.k1, 0.0}, index.stats().documents, 0) {}

  std::optional<ResolvedNode> Resolve(const QueryNode& node, bool negated);
  std::vector<HighlightPattern> TakeHighlights() { return std::move(highlights_); }
  std::vector<ProximityTerm> TakeProximityTerms() { return std::move(proximity_terms_); }
  std::vector<PhrasingPattern> TakePhrasings() { return std::move(phrasings_); }

 private:
  static uint64_t BodyUnits(const IndexReader& index, Unit unit) {
    return unit == Unit::kPassage ? index.stats().contents : index.stats().documents;
  }
  static double BodyAverage(const IndexReader& index, Unit unit) {
    return unit == Unit::kPassage ? index.stats().average_passage_length()
                                  : index.stats().average_document_length();
  }

  TermWeight Weight(format::Field field, const std::string& term) const;
  // A synonym's weight: its own idf, scaled by the synonym weight.
  TermWeight SynonymWeight(const std::string& term) const;
  // `highlight`: record the term as a pattern of its own (not when it is
  // part of a phrase, which is recorded whole).
  ResolvedNode Term(format::Field field, std::string term, bool negated, bool highlight = true);
  void NoteProximityTerm(const std::string& term, const TermWeight& weight);
  std::optional<ResolvedNode> Words(const QueryNode& node, bool negated);
  std::optional<ResolvedNode> Prefix(const QueryNode& node, bool negated);
  std::optional<ResolvedNode> Near(const QueryNode& node, bool negated);
  std::optional<ResolvedNode> Phrasings(const QueryNode& node);
  // The words of a phrasings query: analyzed, with their unstemmed forms.
  std::optional<PhrasingPattern> PhrasingWords(const QueryNode& node);
  void AddSynonyms(PhrasingPattern* pattern) const;
  std::optional<ResolvedNode> Operator(const QueryNode& node, bool negated);

  const IndexReader& index_;
  const ResolveOptions& options_;
  Analyzer* analyzer_;
  Bm25 body_;
  Bm25 fields_;
  std::vector<HighlightPattern> highlights_;
  std::vector<ProximityTerm> proximity_terms_;
  std::vector<PhrasingPattern> phrasings_;
};

TermWeight Resolver::Weight(format::Field field, const std::string& term) const {
  const IndexReader::TermStats stats = index_.Stats(field, term);
  if (field != format::Field::kBody) return fields_.Weight(stats.postings);
  return body_.Weight(options_.unit == Unit::kPassage ? stats.contents : stats.documents);
}

ResolvedNode Resolver::Term(format::Field field, std::string term, bool negated, bool highlight) {
  ResolvedNode node;
  node.kind = Kind::kTerm;
  node.weight = Weight(field, term);
  if (field == format::Field::kBody && !negated && highlight) highlights_.push_back({{term}, {0}});
  node.terms.push_back({field, std::move(term)});
  return node;
}

TermWeight Resolver::SynonymWeight(const std::string& term) const {
  const IndexReader::TermStats stats = index_.Stats(format::Field::kBody, term);
  const uint64_t units = options_.unit == Unit::kPassage ? stats.contents : stats.documents;
  return body_.Weight(units, options_.phrasings.synonym_weight);
}

void Resolver::NoteProximityTerm(const std::string& term, const TermWeight& weight) {
  for (const ProximityTerm& known : proximity_terms_) {
    if (known.term == term) return;
  }
  proximity_terms_.push_back({term, weight.idf()});
}

// A word or a phrase: analyzed together; one token is a term, several are a
// phrase (so "de-escalate" is the phrase "de escalate"). Fields have no
// positions, so several tokens in a field must all be present.
std::optional<ResolvedNode> Resolver::Words(const QueryNode& node, bool negated) {
  std::string text;
  for (const std::string& word : node.words) StrAppend(&text, word, " ");
  std::vector<Token> tokens;
  analyzer_->Analyze(text, 0, &tokens);
  if (tokens.empty()) return std::nullopt;
  const format::Field field = ToField(node.field);
  if (field == format::Field::kBody && !negated) {
    for (const Token& token : tokens) NoteProximityTerm(token.term, Weight(field, token.term));
  }
  if (tokens.size() == 1) return Term(field, std::move(tokens[0].term), negated);
  ResolvedNode result;
  result.kind = field == format::Field::kBody ? Kind::kPhrase : Kind::kAnd;
  const bool phrase = result.kind == Kind::kPhrase;
  for (Token& token : tokens) {
    // A sloppy phrase's words are highlighted wherever they are.
    ResolvedNode term =
        Term(field, std::move(token.term), negated, /*highlight=*/!phrase || node.slop > 0);
    if (result.kind == Kind::kAnd) {
      result.children.push_back(std::move(term));
      continue;
    }
    result.weight = result.terms.empty() ? term.weight : result.weight.PlusIdf(term.weight);
    result.terms.push_back(std::move(term.terms[0]));
    result.offsets.push_back(token.position - tokens[0].position);
  }
  result.slop = node.slop;
  if (phrase && !negated && node.slop == 0) {
    std::vector<std::string> terms;
    for (const ResolvedTerm& t : result.terms) terms.push_back(t.term);
    highlights_.push_back({std::move(terms), result.offsets});
  }
  return result;
}

std::optional<ResolvedNode> Resolver::Prefix(const QueryNode& node, bool negated) {
  const std::vector<std::string> words = analyzer_->NormalizedWords(node.words[0]);
  if (words.empty()) return std::nullopt;
  const std::string& prefix = words.back();
  const format::Field field = ToField(node.field);
  absl::flat_hash_map<std::string, uint64_t> expansions;  // term -> postings
  for (const auto& segment : index_.segments()) {
    const TermDictionary& dict = segment->dictionary();
    for (size_t i = dict.LowerBound(field, prefix); i < dict.size(); ++i) {
      const DictionaryEntry e = dict.Entry(i);
      if (e.field != field || e.term.substr(0, prefix.size()) != prefix) break;
      expansions[std::string(e.term)] += e.info.doc_freq;
    }
  }
  std::vector<std::pair<uint64_t, std::string>> by_frequency;
  for (auto& [term, freq] : expansions) by_frequency.emplace_back(freq, term);
  std::sort(by_frequency.begin(), by_frequency.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (by_frequency.size() > options_.max_prefix_expansions) {
    by_frequency.resize(options_.max_prefix_expansions);
  }
  ResolvedNode result;
  result.kind = by_frequency.empty() ? Kind::kNothing : Kind::kOr;
  for (auto& [freq, term] : by_frequency) result.children.push_back(Term(field, term, negated));
  if (result.children.size() == 1) return std::move(result.children[0]);
  return result;
}

// The words of every child, each analyzed ("de-escalate" gives two terms).
std::optional<ResolvedNode> Resolver::Near(const QueryNode& node, bool negated) {
  ResolvedNode result;
  result.kind = Kind::kNear;
  result.slop = node.slop;
  for (const QueryNode& child : node.children) {
    std::vector<Token> tokens;
    analyzer_->Analyze(child.words[0], 0, &tokens);
    for (Token& token : tokens) {
      ResolvedNode term = Term(format::Field::kBody, std::move(token.term), negated);
      if (!negated) NoteProximityTerm(term.terms[0].term, term.weight);
      result.weight = result.terms.empty() ? term.weight : result.weight.PlusIdf(term.weight);
      result.terms.push_back(std::move(term.terms[0]));
      result.offsets.push_back(0);
    }
  }
  if (result.terms.empty()) return std::nullopt;
  if (result.terms.size() == 1) return Term(format::Field::kBody, result.terms[0].term, negated);
  return result;
}

std::optional<PhrasingPattern> Resolver::PhrasingWords(const QueryNode& node) {
  std::string text;
  for (const std::string& word : node.words) StrAppend(&text, word, " ");
  std::vector<Token> tokens;
  analyzer_->Analyze(text, 0, &tokens);
  if (tokens.empty()) return std::nullopt;
  PhrasingPattern pattern;
  for (const Token& token : tokens) {
    std::vector<std::string> normalized = analyzer_->NormalizedWords(
        std::string_view(text).substr(token.start, token.end - token.start));
    PhrasingPattern::Word word;
    word.term = token.term;
    word.normalized = normalized.empty() ? token.term : std::move(normalized[0]);
    word.offset = token.position - tokens[0].position;
    word.content = !IsPhrasingStopword(word.normalized);
    pattern.words.push_back(std::move(word));
  }
  // A phrase of stopwords only ("of the") is all content.
  if (std::none_of(pattern.words.begin(), pattern.words.end(), [](auto& w) { return w.content; })) {
    for (auto& w : pattern.words) w.content = true;
  }
  for (auto& w : pattern.words) w.term_index = TermIndex(&pattern.terms, w.term);
  return pattern;
}

void Resolver::AddSynonyms(PhrasingPattern* pattern) const {
  if (options_.synonyms == nullptr) return;
  for (uint32_t i = 0; i < pattern->words.size(); ++i) {
    const PhrasingPattern::Word& word = pattern->words[i];
    if (!word.content) continue;
    for (const std::string& term : options_.synonyms->Expansions(word.term)) {
      const bool is_a_word = std::any_of(pattern->words.begin(), pattern->words.end(),
                                         [&](auto& w) { return w.term == term; });
      if (is_a_word) continue;  // the user's own word counts as itself
      PhrasingPattern::Synonym synonym;
      synonym.term = term;
      synonym.word = std::string(options_.synonyms->Word(term));
      synonym.of_word = i;
      synonym.term_index = TermIndex(&pattern->terms, term);
      pattern->synonyms.push_back(std::move(synonym));
    }
  }
}

// Matches the content words and their synonyms (OR); the pattern, kept
// aside, ranks what matched by phrasing class.
std::optional<ResolvedNode> Resolver::Phrasings(const QueryNode& node) {
  std::optional<PhrasingPattern> pattern = PhrasingWords(node);
  if (!pattern) return std::nullopt;
  AddSynonyms(&*pattern);
  ResolvedNode result;
  result.kind = Kind::kOr;
  std::vector<bool> added(pattern->terms.size(), false);
  for (const PhrasingPattern::Word& w : pattern->words) {
    if (!w.content || added[w.term_index]) continue;
    added[w.term_index] = true;
    NoteProximityTerm(w.term, Weight(format::Field::kBody, w.term));
    result.children.push_back(Term(format::Field::kBody, w.term, /*negated=*/false));
    result.children.back().coverage =
        PhrasingCoverageOf(*pattern, options_.phrasings, w.term_index);
  }
  for (const PhrasingPattern::Synonym& s : pattern->synonyms) {
    if (added[s.term_index]) continue;
    added[s.term_index] = true;
    result.children.push_back(Term(format::Field::kBody, s.term, /*negated=*/false));
    result.children.back().weight = SynonymWeight(s.term);
    result.children.back().coverage =
        PhrasingCoverageOf(*pattern, options_.phrasings, s.term_index);
  }
  result.phrasing_tiers = TierBoundOf(*pattern);
  std::vector<std::string> phrase_terms;
  std::vector<Position> offsets;
  for (const auto& w : pattern->words) phrase_terms.push_back(w.term), offsets.push_back(w.offset);
  highlights_.push_back({std::move(phrase_terms), std::move(offsets)});
  phrasings_.push_back(std::move(*pattern));
  if (result.children.size() == 1) return std::move(result.children[0]);
  return result;
}

std::optional<ResolvedNode> Resolver::Operator(const QueryNode& node, bool negated) {
  if (node.kind == QueryNode::Kind::kAndNot) {
    std::optional<ResolvedNode> positive = Resolve(node.children[0], negated);
    std::optional<ResolvedNode> negative = Resolve(node.children[1], !negated);
    if (!positive || !negative) return positive;
    ResolvedNode result;
    result.kind = Kind::kAndNot;
    result.children.push_back(std::move(*positive));
    result.children.push_back(std::move(*negative));
    return result;
  }
  ResolvedNode result;
  result.kind = node.kind == QueryNode::Kind::kAnd ? Kind::kAnd : Kind::kOr;
  for (const QueryNode& child : node.children) {
    if (auto resolved = Resolve(child, negated)) result.children.push_back(std::move(*resolved));
  }
  if (result.children.empty()) return std::nullopt;
  if (result.children.size() == 1) return std::move(result.children[0]);
  return result;
}

std::optional<ResolvedNode> Resolver::Resolve(const QueryNode& node, bool negated) {
  switch (node.kind) {
    case QueryNode::Kind::kTerm:
    case QueryNode::Kind::kPhrase:
      return Words(node, negated);
    case QueryNode::Kind::kPrefix:
      return Prefix(node, negated);
    case QueryNode::Kind::kNear:
      return Near(node, negated);
    case QueryNode::Kind::kPhrasings:
      return Phrasings(node);
    default:
      return Operator(node, negated);
  }
}

void AppendDebug(const ResolvedNode& node, std::string* out) {
  static constexpr const char* kFieldNames[] = {"", "title:", "outlet:"};
  switch (node.kind) {
    case Kind::kTerm:
      StrAppend(out, kFieldNames[static_cast<int>(node.terms[0].field)], node.terms[0].term);
      return;
    case Kind::kPhrase:
    case Kind::kNear:
      StrAppend(out, node.kind == Kind::kNear ? "NEAR(" : "\"");
      for (size_t i = 0; i < node.terms.size(); ++i) {
        StrAppend(out, i ? " " : "", node.terms[i].term, "@", node.offsets[i]);
      }
      StrAppend(out, node.kind == Kind::kNear ? ")" : "\"");
      if (node.slop > 0 || node.kind == Kind::kNear) StrAppend(out, "~", node.slop);
      return;
    case Kind::kNothing:
      StrAppend(out, "NOTHING");
      return;
    default:
      break;
  }
  const char* name = node.kind == Kind::kAnd ? "AND(" : node.kind == Kind::kOr ? "OR(" : "ANDNOT(";
  StrAppend(out, name);
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (i) StrAppend(out, " ");
    AppendDebug(node.children[i], out);
  }
  StrAppend(out, ")");
}

}  // namespace

std::string ResolvedNode::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

absl::StatusOr<ResolvedQuery> ResolveQuery(const QueryNode& query, const IndexReader& index,
                                           const ResolveOptions& options, Analyzer* analyzer) {
  Resolver resolver(index, options, analyzer);
  std::optional<ResolvedNode> root = resolver.Resolve(query, /*negated=*/false);
  if (!root) {
    return absl::InvalidArgumentError(
        StrCat("column 1: the query has no searchable words (only punctuation or symbols)"));
  }
  ResolvedQuery resolved;
  resolved.root = std::move(*root);
  resolved.highlights = resolver.TakeHighlights();
  resolved.proximity_terms = resolver.TakeProximityTerms();
  resolved.phrasings = resolver.TakePhrasings();
  return resolved;
}

}  // namespace syndex
