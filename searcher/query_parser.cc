// File: searcher/query_parser.cc
//
// A recursive-descent parser over the tokens of query_lexer.h, one function
// per grammar rule, loosest first:
//   query         := or_expr END
//   or_expr       := juxtaposition ( OR juxtaposition )*
//   juxtaposition := and_expr ( and_expr )*
//   and_expr      := unary ( AND unary )*
//   unary         := ( NOT | '-' | '+' ) unary | near
//   near          := primary ( NEAR primary )*     (each primary a plain body word)
//   primary       := [ field ':' ] atom
//   atom          := WORD [ '*' ] | PHRASE [ SLOP ] | PHRASINGS | '(' or_expr ')'
// Each rule returns a Clause: the node plus whether it is required (+x) or
// excluded (-x, NOT x). Polarity only matters to the juxtaposition or AND
// that holds the operand, where excluded operands are subtracted from the
// rest; see docs/QUERY.md for the resulting trees.
// With ParseOptions::phrasings there is no grammar: the query's words form
// one kPhrasings node.
#include "searcher/query_parser.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "common/str_cat.h"
#include "searcher/query_lexer.h"

namespace syndex {
namespace {

using TokenKind = QueryToken::Kind;
using NodeKind = QueryNode::Kind;

// Parentheses and unary operators nest by recursion; the limit keeps a query
// like "((((((..." from exhausting the stack.
constexpr int kMaxNesting = 100;

constexpr char kLowerCaseHint[] = " (to search for the word itself, write it in lower case)";
constexpr char kEmptyQuery[] = "empty query: type a word or a \"phrase\" to search for";

// The largest slop of "a b"~N and distance of NEAR/N. Matching cost grows
// with it, and beyond a few hundred words "near" means "in the same article".
constexpr uint32_t kMaxDistance = 1000;
constexpr uint32_t kDefaultNearDistance = 10;

enum class Polarity {
  kOptional,  // a plain operand, combined by the default operator
  kRequired,  // +x: must match even when the default operator is OR
  kExcluded,  // NOT x, -x: subtracted from the positive operands beside it
};

struct Clause {
  QueryNode node;
  Polarity polarity = Polarity::kOptional;
  size_t offset = 0;  // of its first token, a unary operator or '(' included
};

// kind (kAnd or kOr) over the clauses' nodes. A child of the same kind is
// replaced by its children, since AND(a, AND(b, c)) = AND(a, b, c), and a
// single clause is returned as its own node.
QueryNode Combine(NodeKind kind, std::vector<Clause> clauses) {
  if (clauses.size() == 1) return std::move(clauses[0].node);
  QueryNode node;
  node.kind = kind;
  node.offset = clauses[0].offset;
  for (Clause& clause : clauses) {
    std::vector<QueryNode>& grandchildren = clause.node.children;
    if (clause.node.kind == kind) {
      node.children.insert(node.children.end(), std::make_move_iterator(grandchildren.begin()),
                           std::make_move_iterator(grandchildren.end()));
    } else {
      node.children.push_back(std::move(clause.node));
    }
  }
  return node;
}

// `positive` minus the union of `excluded`. Without a positive part the
// result is the union itself, still excluded, so that `a (-b -c)` works like
// `a -b -c`; the caller rejects it if nothing positive is left at the top.
Clause Subtract(std::optional<Clause> positive, std::vector<Clause> excluded, size_t offset) {
  if (excluded.empty()) return {std::move(positive->node), Polarity::kOptional, offset};
  const size_t excluded_offset = excluded[0].offset;
  QueryNode negative = Combine(NodeKind::kOr, std::move(excluded));
  if (!positive) return {std::move(negative), Polarity::kExcluded, excluded_offset};
  QueryNode node;
  node.kind = NodeKind::kAndNot;
  node.offset = offset;
  node.children.push_back(std::move(positive->node));
  node.children.push_back(std::move(negative));
  return {std::move(node), Polarity::kOptional, offset};
}

// Moves the excluded clauses to *excluded and returns the others, in order.
std::vector<Clause> SplitExcluded(std::vector<Clause> clauses, std::vector<Clause>* excluded) {
  std::vector<Clause> positive;
  for (Clause& clause : clauses) {
    (clause.polarity == Polarity::kExcluded ? *excluded : positive).push_back(std::move(clause));
  }
  return positive;
}

// The operands of an AND chain, or of a juxtaposition with the AND default:
// required and optional operands alike must all match.
Clause CombineAll(std::vector<Clause> clauses) {
  const size_t offset = clauses[0].offset;
  std::vector<Clause> excluded;
  std::vector<Clause> positive = SplitExcluded(std::move(clauses), &excluded);
  std::optional<Clause> all;
  if (!positive.empty()) {
    const size_t positive_offset = positive[0].offset;
    all =
        Clause{Combine(NodeKind::kAnd, std::move(positive)), Polarity::kOptional, positive_offset};
  }
  return Subtract(std::move(all), std::move(excluded), offset);
}

// The operands of a juxtaposition with the OR default. Without '+' this is
// OR(optional...). With it, the required operands and the OR of the optional
// ones are ANDed, the OR taking the place of the first optional operand:
// `a b +c` = AND(OR(a, b), c). Unlike Lucene's SHOULD clauses, the optional
// operands are therefore not just a ranking hint, since the node kinds
// cannot say "optional but scored"; docs/QUERY.md states this.
Clause CombineAny(std::vector<Clause> clauses) {
  const size_t offset = clauses[0].offset;
  std::vector<Clause> excluded;
  std::vector<Clause> required, optional;
  size_t optional_slot = 0;
  for (Clause& clause : SplitExcluded(std::move(clauses), &excluded)) {
    if (clause.polarity == Polarity::kOptional && optional.empty()) optional_slot = required.size();
    (clause.polarity == Polarity::kRequired ? required : optional).push_back(std::move(clause));
  }
  if (!optional.empty()) {
    const size_t any_offset = optional[0].offset;
    Clause any{Combine(NodeKind::kOr, std::move(optional)), Polarity::kOptional, any_offset};
    required.insert(required.begin() + optional_slot, std::move(any));
  }
  std::optional<Clause> positive;
  if (!required.empty()) {
    const size_t positive_offset = required[0].offset;
    positive =
        Clause{Combine(NodeKind::kAnd, std::move(required)), Polarity::kOptional, positive_offset};
  }
  return Subtract(std::move(positive), std::move(excluded), offset);
}

// How error messages name an operator token.
std::string OperatorName(const QueryToken& token) {
  if (token.kind == TokenKind::kMinus || token.kind == TokenKind::kPlus) {
    return StrCat("'", token.text, "'");
  }
  return std::string(token.text);
}

bool IsWordOperator(const QueryToken& token) {
  return token.kind == TokenKind::kAnd || token.kind == TokenKind::kOr ||
         token.kind == TokenKind::kNot;
}

QueryField FieldNamed(std::string_view name) {
  return (name[0] == 't' || name[0] == 'T') ? QueryField::kTitle : QueryField::kOutlet;
}

bool IsLeaf(const QueryNode& node) {
  return node.kind == NodeKind::kTerm || node.kind == NodeKind::kPhrase ||
         node.kind == NodeKind::kPrefix || node.kind == NodeKind::kPhrasings;
}

// The value of `digits` if it is a decimal number, capped at kMaxDistance + 1
// so that no number overflows; nullopt if it is empty or not all digits.
std::optional<uint32_t> ReadDistance(std::string_view digits) {
  if (digits.empty()) return std::nullopt;
  uint32_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = std::min(value * 10 + static_cast<uint32_t>(c - '0'), kMaxDistance + 1);
  }
  return value;
}

// Why an operand of NEAR is not a plain body word, or "" if it is one.
// `first` is the operand's first token, which tells a group from a word.
std::string_view NearOperandProblem(const QueryToken& first, const QueryNode& node) {
  if (first.kind == TokenKind::kLeftParen) return "NEAR joins single words, not groups";
  if (node.field != QueryField::kBody) {
    return "NEAR joins single words of the text; fields have no positions";
  }
  switch (node.kind) {
    case NodeKind::kTerm:
      return "";
    case NodeKind::kPhrase:
      return "NEAR joins single words; for a phrase use \"...\"~N";
    case NodeKind::kPrefix:
      return "NEAR joins single words; a prefix (word*) cannot be one of them";
    case NodeKind::kPhrasings:
      return "NEAR joins single words; a phrasings query ~\"...\" cannot be one of them";
    default:
      return "NEAR joins single words";
  }
}

// The first kPhrasings node in `node` that would exclude: one inside the
// excluded side of an AND NOT, or any one if `excluded`. A phrasings query
// only ranks the ways its words are written; "without any of them" has no
// ranking to give.
const QueryNode* ExcludedPhrasings(const QueryNode& node, bool excluded) {
  if (node.kind == NodeKind::kPhrasings) return excluded ? &node : nullptr;
  for (size_t i = 0; i < node.children.size(); ++i) {
    const bool negative = excluded || (node.kind == NodeKind::kAndNot && i == 1);
    if (const QueryNode* found = ExcludedPhrasings(node.children[i], negative)) return found;
  }
  return nullptr;
}

class Parser {
 public:
  Parser(std::string_view query, std::vector<QueryToken> tokens, const ParseOptions& options)
      : query_(query), tokens_(std::move(tokens)), options_(options) {}

  absl::StatusOr<QueryNode> Parse() {
    if (At(TokenKind::kEnd)) return Error(0, kEmptyQuery);
    ASSIGN_OR_RETURN(Clause clause, ParseOr());
    // ParseOr stops only at ')' or at the end.
    if (At(TokenKind::kRightParen)) return UnopenedParenError();
    const bool excluded = clause.polarity == Polarity::kExcluded;
    if (const QueryNode* phrasings = ExcludedPhrasings(clause.node, excluded)) {
      return Error(phrasings->offset,
                   "~\"...\" (phrasings) cannot be excluded with NOT or '-': a phrasings query "
                   "ranks, it cannot exclude");
    }
    if (clause.polarity == Polarity::kExcluded) {
      return Error(clause.offset,
                   "nothing to search for: NOT and '-' only exclude; add a word or phrase "
                   "that results must contain");
    }
    return std::move(clause.node);
  }

 private:
  const QueryToken& Peek(size_t ahead = 0) const {
    return tokens_[std::min(next_ + ahead, tokens_.size() - 1)];
  }
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  // Returns the current token and moves past it; kEnd is never passed.
  const QueryToken& Next() {
    const QueryToken& token = tokens_[next_];
    if (token.kind != TokenKind::kEnd) ++next_;
    return token;
  }

  // Whether the current token can begin an operand. '*' counts, so that
  // ParsePrimary reports it as a lone '*' rather than as something missing.
  bool AtOperandStart() const {
    switch (Peek().kind) {
      case TokenKind::kWord:
      case TokenKind::kPhrase:
      case TokenKind::kPhrasings:
      case TokenKind::kLeftParen:
      case TokenKind::kStar:
      case TokenKind::kMinus:
      case TokenKind::kPlus:
      case TokenKind::kNot:
        return true;
      default:
        return false;
    }
  }

  absl::Status Error(size_t offset, std::string_view message) const {
    return QuerySyntaxError(query_, offset, message);
  }
  absl::Status UnopenedParenError() const {
    return Error(Peek().offset, "unbalanced ')' (no '(' before it)");
  }

  absl::Status ExpectOperandAfter(const QueryToken& op) const {
    if (AtOperandStart()) return absl::OkStatus();
    return Error(op.offset, StrCat(OperatorName(op), " must be followed by a word, phrase or group",
                                   IsWordOperator(op) ? kLowerCaseHint : ""));
  }

  absl::Status EnterNesting(size_t offset) {
    if (++nesting_ <= kMaxNesting) return absl::OkStatus();
    return Error(offset, StrCat("too deeply nested (more than ", kMaxNesting,
                                " levels of parentheses and NOT)"));
  }

  absl::StatusOr<Clause> ParseOr() {
    if (At(TokenKind::kOr) || At(TokenKind::kAnd)) {
      return Error(
          Peek().offset,
          StrCat(Peek().text, " must be preceded by a word, phrase or group", kLowerCaseHint));
    }
    std::vector<Clause> operands;
    ASSIGN_OR_RETURN(operands.emplace_back(), ParseJuxtaposition());
    while (At(TokenKind::kOr)) {
      RETURN_IF_ERROR(ExpectOperandAfter(Next()));
      ASSIGN_OR_RETURN(operands.emplace_back(), ParseJuxtaposition());
    }
    return CombineOr(std::move(operands));
  }

  // An excluded operand of OR has no meaning we could evaluate: `a OR -b`
  // would be "a, or any document without b", nearly the whole index.
  absl::StatusOr<Clause> CombineOr(std::vector<Clause> operands) const {
    if (operands.size() == 1) return std::move(operands[0]);
    for (const Clause& operand : operands) {
      if (operand.polarity != Polarity::kExcluded) continue;
      return Error(operand.offset,
                   "OR cannot take an excluded (NOT or '-') operand, which would match almost "
                   "every document; to exclude, leave out OR, as in: gaza -hamas");
    }
    const size_t offset = operands[0].offset;
    return Clause{Combine(NodeKind::kOr, std::move(operands)), Polarity::kOptional, offset};
  }

  absl::StatusOr<Clause> ParseJuxtaposition() {
    std::vector<Clause> operands;
    do {
      ASSIGN_OR_RETURN(operands.emplace_back(), ParseAnd());
    } while (AtOperandStart());
    if (operands.size() == 1) return std::move(operands[0]);
    if (options_.default_operator == ParseOptions::DefaultOperator::kAnd) {
      return CombineAll(std::move(operands));
    }
    return CombineAny(std::move(operands));
  }

  absl::StatusOr<Clause> ParseAnd() {
    std::vector<Clause> operands;
    ASSIGN_OR_RETURN(operands.emplace_back(), ParseUnary());
    while (At(TokenKind::kAnd)) {
      RETURN_IF_ERROR(ExpectOperandAfter(Next()));
      ASSIGN_OR_RETURN(operands.emplace_back(), ParseUnary());
    }
    if (operands.size() == 1) return std::move(operands[0]);
    return CombineAll(std::move(operands));
  }

  absl::StatusOr<Clause> ParseUnary() {
    if (!AtUnaryOperator()) return ParseNear();
    const QueryToken& op = Next();
    RETURN_IF_ERROR(ExpectOperandAfter(op));
    RETURN_IF_ERROR(EnterNesting(op.offset));
    ASSIGN_OR_RETURN(Clause operand, ParseUnary());
    --nesting_;
    operand.offset = op.offset;
    if (op.kind == TokenKind::kPlus) {
      // +(NOT x) stays excluded: '+' asks for a match, not for an inversion.
      if (operand.polarity != Polarity::kExcluded) operand.polarity = Polarity::kRequired;
    } else {
      // NOT NOT x is x; it is rare, but rejecting it would be harder to explain.
      operand.polarity =
          operand.polarity == Polarity::kExcluded ? Polarity::kOptional : Polarity::kExcluded;
    }
    return operand;
  }

  bool AtUnaryOperator() const {
    return At(TokenKind::kNot) || At(TokenKind::kMinus) || At(TokenKind::kPlus);
  }

  // A chain a NEAR b NEAR/5 c is one kNear node with the largest distance.
  absl::StatusOr<Clause> ParseNear() {
    const QueryToken& first = Peek();
    ASSIGN_OR_RETURN(Clause left, ParsePrimary());
    if (!At(TokenKind::kNear)) return left;
    if (field_name_ != nullptr) {
      return Error(Peek().offset,
                   StrCat("NEAR inside '", field_name_->text, ":' (column ",
                          ColumnAt(query_, field_name_->offset), "): fields have no positions"));
    }
    RETURN_IF_ERROR(CheckNearOperand(first, left));
    QueryNode near;
    near.kind = NodeKind::kNear;
    near.offset = left.offset;
    near.children.push_back(std::move(left.node));
    while (At(TokenKind::kNear)) {
      const QueryToken& op = Next();
      ASSIGN_OR_RETURN(const uint32_t distance, NearDistance(op));
      near.slop = std::max(near.slop, distance);
      ASSIGN_OR_RETURN(Clause right, ParseNearRightOperand(op));
      near.children.push_back(std::move(right.node));
    }
    return Clause{std::move(near), Polarity::kOptional, left.offset};
  }

  absl::Status CheckNearOperand(const QueryToken& first, const Clause& operand) const {
    const std::string_view problem = NearOperandProblem(first, operand.node);
    return problem.empty() ? absl::OkStatus() : Error(operand.offset, problem);
  }

  // 10 for NEAR, N for NEAR/N.
  absl::StatusOr<uint32_t> NearDistance(const QueryToken& op) const {
    if (op.text == "NEAR") return kDefaultNearDistance;
    constexpr size_t kPrefix = sizeof("NEAR/") - 1;
    const std::optional<uint32_t> distance = ReadDistance(op.text.substr(kPrefix));
    if (!distance) {
      return Error(op.offset, "expected a number of words after 'NEAR/', as in NEAR/5");
    }
    if (*distance <= kMaxDistance) return *distance;
    return Error(op.offset + kPrefix, StrCat("'", op.text, "' is too far: NEAR/N takes at most ",
                                             kMaxDistance, " words"));
  }

  // The operand after `op`, which must be a plain word: unary operators are
  // refused here rather than parsed, since they bind looser than NEAR, and a
  // group before it is parsed, so that the error names the group.
  absl::StatusOr<Clause> ParseNearRightOperand(const QueryToken& op) {
    if (!AtOperandStart()) return Error(op.offset, "NEAR needs a word on each side");
    const QueryToken& first = Peek();
    if (AtUnaryOperator()) {
      return Error(first.offset,
                   "NEAR joins single words; NOT, '-' and '+' apply to the whole NEAR and go "
                   "before its first word, as in -a NEAR b");
    }
    if (first.kind == TokenKind::kLeftParen) {
      return Error(first.offset, NearOperandProblem(first, QueryNode()));
    }
    ASSIGN_OR_RETURN(Clause operand, ParsePrimary());
    RETURN_IF_ERROR(CheckNearOperand(first, operand));
    return operand;
  }

  absl::StatusOr<Clause> ParsePrimary() {
    const QueryToken& token = Peek();
    switch (token.kind) {
      case TokenKind::kWord:
        if (Peek(1).kind == TokenKind::kColon) return ParseFielded();
        return ParseWord();
      case TokenKind::kPhrase:
        return ParsePhrase();
      case TokenKind::kPhrasings:
        return ParsePhrasings();
      case TokenKind::kLeftParen:
        return ParseGroup();
      case TokenKind::kStar:
        return Error(token.offset,
                     "'*' must directly follow a word: a prefix search is written like sanction*");
      case TokenKind::kRightParen:
        return UnopenedParenError();
      case TokenKind::kNear:
        return Error(token.offset, "NEAR needs a word on each side");
      default:
        return Error(token.offset, "expected a word, phrase or group");
    }
  }

  // PHRASE [ SLOP ]. "a b"~0 is the plain phrase, so it is allowed in a field.
  absl::StatusOr<Clause> ParsePhrase() {
    const QueryToken& phrase = Next();
    Clause clause =
        Leaf(NodeKind::kPhrase, {phrase.words.begin(), phrase.words.end()}, phrase.offset);
    if (!At(TokenKind::kSlop)) return clause;
    const QueryToken& slop = Next();
    const std::optional<uint32_t> distance = ReadDistance(slop.text.substr(1));
    if (!distance) {
      return Error(slop.offset,
                   "expected a number of positions after '~', as in \"peace talks\"~3");
    }
    if (*distance > kMaxDistance) {
      return Error(slop.offset + 1, StrCat("'", slop.text, "' is too sloppy: a phrase's slop is ",
                                           "at most ", kMaxDistance, " positions"));
    }
    if (*distance > 0 && field_name_ != nullptr) {
      return Error(slop.offset, StrCat("a phrase in a field cannot be sloppy ('", field_name_->text,
                                       ":' at column ", ColumnAt(query_, field_name_->offset),
                                       "): fields have no positions"));
    }
    clause.node.slop = *distance;
    return clause;
  }

  absl::StatusOr<Clause> ParsePhrasings() {
    const QueryToken& phrasings = Next();
    if (field_name_ != nullptr) {
      return Error(
          phrasings.offset,
          StrCat("~\"...\" (phrasings) cannot be in a field ('", field_name_->text, ":' at column ",
                 ColumnAt(query_, field_name_->offset), "): fields have no positions"));
    }
    if (At(TokenKind::kSlop)) {
      return Error(Peek().offset,
                   "~\"...\" (phrasings) takes no '~N': it already finds the words apart and "
                   "in any order");
    }
    return Leaf(NodeKind::kPhrasings, {phrasings.words.begin(), phrasings.words.end()},
                phrasings.offset);
  }

  Clause ParseWord() {
    const QueryToken& word = Next();
    if (At(TokenKind::kStar) && Peek().offset == word.end) {
      Next();
      return Leaf(NodeKind::kPrefix, {std::string(word.text)}, word.offset);
    }
    return Leaf(NodeKind::kTerm, {std::string(word.text)}, word.offset);
  }

  Clause Leaf(NodeKind kind, std::vector<std::string> words, size_t offset) const {
    Clause clause;
    clause.node.kind = kind;
    clause.node.field = field_;
    clause.node.words = std::move(words);
    clause.node.offset = offset;
    clause.offset = offset;
    return clause;
  }

  // field ':' atom. The field is stored on every leaf of the atom.
  absl::StatusOr<Clause> ParseFielded() {
    const QueryToken& name = Next();
    Next();  // the colon
    if (field_name_ != nullptr) {
      return Error(name.offset,
                   StrCat("'", name.text, ":' inside '", field_name_->text, ":' (column ",
                          ColumnAt(query_, field_name_->offset), "): fields cannot be nested"));
    }
    if (!At(TokenKind::kWord) && !At(TokenKind::kPhrase) && !At(TokenKind::kPhrasings) &&
        !At(TokenKind::kLeftParen) && !At(TokenKind::kStar)) {
      return Error(name.offset, StrCat("'", name.text, ":' must be followed by a word, phrase or ",
                                       "group, as in ", name.text, ":\"peace talks\""));
    }
    field_ = FieldNamed(name.text);
    field_name_ = &name;
    ASSIGN_OR_RETURN(Clause clause, ParsePrimary());
    field_ = QueryField::kBody;
    field_name_ = nullptr;
    if (IsLeaf(clause.node)) clause.node.offset = name.offset;
    clause.offset = name.offset;
    return clause;
  }

  absl::StatusOr<Clause> ParseGroup() {
    const QueryToken& open = Next();
    if (At(TokenKind::kRightParen)) {
      return Error(open.offset, "empty group \"()\": put a word or phrase between the parentheses");
    }
    RETURN_IF_ERROR(EnterNesting(open.offset));
    std::optional<Clause> inner;
    if (!At(TokenKind::kEnd)) {
      ASSIGN_OR_RETURN(inner, ParseOr());
    }
    // ParseOr stops only at ')' or at the end.
    if (!At(TokenKind::kRightParen)) {
      return Error(query_.size(), StrCat("unbalanced '(' (opened at column ",
                                         ColumnAt(query_, open.offset), " and never closed)"));
    }
    Next();
    --nesting_;
    // A group is one operand of its parent: `x (+a)` does not require a.
    if (inner->polarity == Polarity::kRequired) inner->polarity = Polarity::kOptional;
    inner->offset = open.offset;
    return std::move(*inner);
  }

  std::string_view query_;
  std::vector<QueryToken> tokens_;
  ParseOptions options_;
  size_t next_ = 0;  // index of the current token in tokens_
  int nesting_ = 0;  // groups and unary operators open around the current token
  // While parsing the atom of `field:atom`, its field and name token.
  QueryField field_ = QueryField::kBody;
  const QueryToken* field_name_ = nullptr;
};

// The whole query as one phrasings query: no operators, no quotes.
absl::StatusOr<QueryNode> ParseAsPhrasings(std::string_view query) {
  std::vector<PlainWord> words = SplitPlainWords(query);
  if (words.empty()) return QuerySyntaxError(query, 0, kEmptyQuery);
  QueryNode node;
  node.kind = NodeKind::kPhrasings;
  node.offset = words[0].offset;
  for (PlainWord& word : words) node.words.push_back(std::move(word.text));
  return node;
}

}  // namespace

absl::StatusOr<QueryNode> ParseQuery(std::string_view query, const ParseOptions& options) {
  if (options.phrasings) return ParseAsPhrasings(query);
  ASSIGN_OR_RETURN(std::vector<QueryToken> tokens, LexQuery(query));
  return Parser(query, std::move(tokens), options).Parse();
}

}  // namespace syndex
