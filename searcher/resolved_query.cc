#include "searcher/resolved_query.h"

#include <algorithm>
#include <optional>

#include "absl/container/flat_hash_map.h"
#include "common/str_cat.h"
#include "searcher/query_lexer.h"

namespace syndex {
namespace {

using Kind = ResolvedNode::Kind;

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

 private:
  static uint64_t BodyUnits(const IndexReader& index, Unit unit) {
    return unit == Unit::kPassage ? index.stats().contents : index.stats().documents;
  }
  static double BodyAverage(const IndexReader& index, Unit unit) {
    return unit == Unit::kPassage ? index.stats().average_passage_length()
                                  : index.stats().average_document_length();
  }

  TermWeight Weight(format::Field field, const std::string& term) const;
  // `highlight`: record the term as a pattern of its own (not when it is
  // part of a phrase, which is recorded whole).
  ResolvedNode Term(format::Field field, std::string term, bool negated, bool highlight = true);
  std::optional<ResolvedNode> Words(const QueryNode& node, bool negated);
  std::optional<ResolvedNode> Prefix(const QueryNode& node, bool negated);
  std::optional<ResolvedNode> Operator(const QueryNode& node, bool negated);

  const IndexReader& index_;
  const ResolveOptions& options_;
  Analyzer* analyzer_;
  Bm25 body_;
  Bm25 fields_;
  std::vector<HighlightPattern> highlights_;
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
  if (tokens.size() == 1) return Term(field, std::move(tokens[0].term), negated);
  ResolvedNode result;
  result.kind = field == format::Field::kBody ? Kind::kPhrase : Kind::kAnd;
  const bool phrase = result.kind == Kind::kPhrase;
  for (Token& token : tokens) {
    ResolvedNode term = Term(field, std::move(token.term), negated, /*highlight=*/!phrase);
    if (result.kind == Kind::kAnd) {
      result.children.push_back(std::move(term));
      continue;
    }
    result.weight = result.terms.empty() ? term.weight : result.weight.PlusIdf(term.weight);
    result.terms.push_back(std::move(term.terms[0]));
    result.offsets.push_back(token.position - tokens[0].position);
  }
  if (phrase && !negated) {
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
      StrAppend(out, "\"");
      for (size_t i = 0; i < node.terms.size(); ++i) {
        StrAppend(out, i ? " " : "", node.terms[i].term, "@", node.offsets[i]);
      }
      StrAppend(out, "\"");
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
  return resolved;
}

}  // namespace syndex
