// Tests for searcher/query_parser.h and QueryNode::DebugString: each
// construct, precedence, the '+' and '-' semantics, fields, every error with
// its column, and randomized properties (generated queries round-trip through
// a re-rendering; arbitrary bytes never crash).
#include "searcher/query_parser.h"

#include <cstdint>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/query.h"
#include "searcher/query_lexer.h"

namespace syndex {
namespace {

using DefaultOperator = ParseOptions::DefaultOperator;
using NodeKind = QueryNode::Kind;

// DebugString of the parsed query, or "ERROR <message>".
std::string Parse(std::string_view query, DefaultOperator op = DefaultOperator::kOr) {
  ParseOptions options;
  options.default_operator = op;
  absl::StatusOr<QueryNode> node = ParseQuery(query, options);
  if (node.ok()) return node->DebugString();
  EXPECT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument) << query;
  return "ERROR " + std::string(node.status().message());
}

std::string ParseAnd(std::string_view query) { return Parse(query, DefaultOperator::kAnd); }

// ---------------------------------------------------------------- words

TEST(QueryParser, SingleWord) { EXPECT_EQ(Parse("gaza"), "TERM(\"gaza\")"); }

TEST(QueryParser, JuxtaposedWordsUseTheDefaultOperator) {
  EXPECT_EQ(Parse("gaza ceasefire talks"),
            "OR(TERM(\"gaza\") TERM(\"ceasefire\") TERM(\"talks\"))");
  EXPECT_EQ(ParseAnd("gaza ceasefire talks"),
            "AND(TERM(\"gaza\") TERM(\"ceasefire\") TERM(\"talks\"))");
  EXPECT_EQ(Parse("  gaza\t\n"), "TERM(\"gaza\")");
}

TEST(QueryParser, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(Parse("and or not"), "OR(TERM(\"and\") TERM(\"or\") TERM(\"not\"))");
  EXPECT_EQ(Parse("rock And roll"), "OR(TERM(\"rock\") TERM(\"And\") TERM(\"roll\"))");
  EXPECT_EQ(Parse("NOTE ANDROID"), "OR(TERM(\"NOTE\") TERM(\"ANDROID\"))");
}

TEST(QueryParser, Utf8Words) {
  EXPECT_EQ(Parse("Zelenskyy Зеленський Elysée 東京"),
            "OR(TERM(\"Zelenskyy\") TERM(\"Зеленський\") TERM(\"Elysée\") TERM(\"東京\"))");
  EXPECT_EQ(Parse("l’Élysée ‘quoted’"), "OR(TERM(\"l’Élysée\") TERM(\"‘quoted’\"))");
}

TEST(QueryParser, HyphensAndPlusesInsideWordsAreKept) {
  EXPECT_EQ(Parse("de-escalate"), "TERM(\"de-escalate\")");
  EXPECT_EQ(Parse("e-mail -spam"), "AND(TERM(\"e-mail\") NOT TERM(\"spam\"))");
  EXPECT_EQ(Parse("C++"), "TERM(\"C++\")");
}

TEST(QueryParser, FreeStandingDashesAreWords) {
  // The analyzer reduces them to nothing; the searcher ignores such terms.
  EXPECT_EQ(Parse("Biden - Trump"), "OR(TERM(\"Biden\") TERM(\"-\") TERM(\"Trump\"))");
  EXPECT_EQ(Parse("a -- b"), "OR(TERM(\"a\") TERM(\"--\") TERM(\"b\"))");
  EXPECT_EQ(Parse("(a -)"), "OR(TERM(\"a\") TERM(\"-\"))");
}

TEST(QueryParser, UnknownFieldIsAnOrdinaryWord) {
  EXPECT_EQ(Parse("foo:bar"), "TERM(\"foo:bar\")");
  EXPECT_EQ(Parse("meeting 10:30"), "OR(TERM(\"meeting\") TERM(\"10:30\"))");
  EXPECT_EQ(Parse("https://example.org/a?b=c"), "TERM(\"https://example.org/a?b=c\")");
  EXPECT_EQ(Parse("subtitle:x"), "TERM(\"subtitle:x\")");
  EXPECT_EQ(Parse("x:"), "TERM(\"x:\")");
}

TEST(QueryParser, StarsInsideOrBeforeAWordAreKept) {
  EXPECT_EQ(Parse("a*b"), "TERM(\"a*b\")");
  EXPECT_EQ(Parse("*a"), "TERM(\"*a\")");
}

// ---------------------------------------------------------------- phrases and prefixes

TEST(QueryParser, Phrase) {
  EXPECT_EQ(Parse("\"severe costs\""), "PHRASE(\"severe\" \"costs\")");
  EXPECT_EQ(Parse("\"  severe   costs \""), "PHRASE(\"severe\" \"costs\")");
  EXPECT_EQ(Parse("\"costs\""), "PHRASE(\"costs\")");
  EXPECT_EQ(Parse("\"a (b) OR c* -d\""), "PHRASE(\"a\" \"(b)\" \"OR\" \"c*\" \"-d\")");
}

TEST(QueryParser, CurlyQuotesMakePhrases) {
  EXPECT_EQ(Parse("“severe costs”"), "PHRASE(\"severe\" \"costs\")");
  EXPECT_EQ(Parse("„Gespräche in Genf“"), "PHRASE(\"Gespräche\" \"in\" \"Genf\")");
  EXPECT_EQ(Parse("\"mixed quotes”"), "PHRASE(\"mixed\" \"quotes\")");
}

TEST(QueryParser, PhrasesAmongWords) {
  EXPECT_EQ(Parse("gaza \"peace talks\" -\"air strike\""),
            "AND(OR(TERM(\"gaza\") PHRASE(\"peace\" \"talks\")) NOT PHRASE(\"air\" \"strike\"))");
  EXPECT_EQ(Parse("\"a b\"\"c d\""), "OR(PHRASE(\"a\" \"b\") PHRASE(\"c\" \"d\"))");
}

TEST(QueryParser, Prefix) {
  EXPECT_EQ(Parse("sever*"), "PREFIX(\"sever\")");
  EXPECT_EQ(Parse("sever***"), "PREFIX(\"sever\")");
  EXPECT_EQ(Parse("Élys* Zelensk*"), "OR(PREFIX(\"Élys\") PREFIX(\"Zelensk\"))");
  EXPECT_EQ(Parse("AND*"), "PREFIX(\"AND\")");
  EXPECT_EQ(Parse("a -sanction*"), "AND(TERM(\"a\") NOT PREFIX(\"sanction\"))");
}

// ---------------------------------------------------------------- fields

TEST(QueryParser, FieldAppliesToTheNextWordPhraseOrPrefix) {
  EXPECT_EQ(Parse("title:gaza"), "title:TERM(\"gaza\")");
  EXPECT_EQ(Parse("outlet:reuters"), "outlet:TERM(\"reuters\")");
  EXPECT_EQ(Parse("title:\"peace talks\""), "title:PHRASE(\"peace\" \"talks\")");
  EXPECT_EQ(Parse("title:“peace talks”"), "title:PHRASE(\"peace\" \"talks\")");
  EXPECT_EQ(Parse("title:cease*"), "title:PREFIX(\"cease\")");
  EXPECT_EQ(Parse("title:a b"), "OR(title:TERM(\"a\") TERM(\"b\"))");
}

TEST(QueryParser, FieldNamesIgnoreCase) {
  EXPECT_EQ(Parse("TITLE:Gaza Outlet:AP"), "OR(title:TERM(\"Gaza\") outlet:TERM(\"AP\"))");
}

TEST(QueryParser, SpaceAfterTheFieldColonIsAllowed) {
  EXPECT_EQ(Parse("title: gaza"), "title:TERM(\"gaza\")");
}

TEST(QueryParser, FieldAppliesToEveryLeafOfAGroup) {
  EXPECT_EQ(Parse("outlet:(reuters OR ap)"), "OR(outlet:TERM(\"reuters\") outlet:TERM(\"ap\"))");
  EXPECT_EQ(Parse("title:(gaza -hamas \"peace talks\")"),
            "AND(OR(title:TERM(\"gaza\") title:PHRASE(\"peace\" \"talks\")) NOT "
            "title:TERM(\"hamas\"))");
  EXPECT_EQ(Parse("title:(a) b"), "OR(title:TERM(\"a\") TERM(\"b\"))");
}

TEST(QueryParser, FieldTakesTheRestOfTheWordEvenWithAColon) {
  EXPECT_EQ(Parse("title:foo:bar"), "title:TERM(\"foo:bar\")");
  EXPECT_EQ(Parse("outlet:10:30"), "outlet:TERM(\"10:30\")");
}

TEST(QueryParser, NegatedField) {
  EXPECT_EQ(Parse("gaza -outlet:tass"), "AND(TERM(\"gaza\") NOT outlet:TERM(\"tass\"))");
  EXPECT_EQ(Parse("gaza NOT title:(a b)"),
            "AND(TERM(\"gaza\") NOT OR(title:TERM(\"a\") title:TERM(\"b\")))");
}

// ---------------------------------------------------------------- operators and precedence

TEST(QueryParser, ExplicitAndOr) {
  EXPECT_EQ(Parse("a AND b"), "AND(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a OR b"), "OR(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(ParseAnd("a OR b"), "OR(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a AND b AND c"), "AND(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("a OR b OR c"), "OR(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
}

TEST(QueryParser, AndBindsTighterThanOr) {
  EXPECT_EQ(Parse("a AND b OR c"), "OR(AND(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("a OR b AND c"), "OR(TERM(\"a\") AND(TERM(\"b\") TERM(\"c\")))");
  EXPECT_EQ(Parse("a AND b OR c AND d"),
            "OR(AND(TERM(\"a\") TERM(\"b\")) AND(TERM(\"c\") TERM(\"d\")))");
}

TEST(QueryParser, JuxtapositionBindsLooserThanAnd) {
  EXPECT_EQ(Parse("a b AND c"), "OR(TERM(\"a\") AND(TERM(\"b\") TERM(\"c\")))");
  EXPECT_EQ(Parse("a AND b c"), "OR(AND(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(ParseAnd("a b AND c"), "AND(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
}

TEST(QueryParser, JuxtapositionBindsTighterThanOr) {
  EXPECT_EQ(Parse("a b OR c"), "OR(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(ParseAnd("a b OR c"), "OR(AND(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(ParseAnd("a b OR c d"),
            "OR(AND(TERM(\"a\") TERM(\"b\")) AND(TERM(\"c\") TERM(\"d\")))");
  EXPECT_EQ(Parse("a b AND c OR d"), "OR(TERM(\"a\") AND(TERM(\"b\") TERM(\"c\")) TERM(\"d\"))");
}

TEST(QueryParser, ParenthesesGroup) {
  EXPECT_EQ(Parse("(a OR b) AND c"), "AND(OR(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("a AND (b OR c)"), "AND(TERM(\"a\") OR(TERM(\"b\") TERM(\"c\")))");
  EXPECT_EQ(ParseAnd("(a b) OR c"), "OR(AND(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("((a))"), "TERM(\"a\")");
  EXPECT_EQ(Parse("foo(bar)"), "OR(TERM(\"foo\") TERM(\"bar\"))");
}

TEST(QueryParser, NestedNodesOfTheSameKindAreFlattened) {
  EXPECT_EQ(Parse("(a AND b) AND (c AND d)"),
            "AND(TERM(\"a\") TERM(\"b\") TERM(\"c\") TERM(\"d\"))");
  EXPECT_EQ(Parse("a (b (c OR d))"), "OR(TERM(\"a\") TERM(\"b\") TERM(\"c\") TERM(\"d\"))");
  EXPECT_EQ(Parse("a OR (b AND c)"), "OR(TERM(\"a\") AND(TERM(\"b\") TERM(\"c\")))");
}

// ---------------------------------------------------------------- negation

TEST(QueryParser, NegativeOperandsAreSubtracted) {
  EXPECT_EQ(Parse("a -b"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
  EXPECT_EQ(Parse("a NOT b"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
  EXPECT_EQ(Parse("a AND NOT b"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
  EXPECT_EQ(Parse("a AND -b"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
  EXPECT_EQ(Parse("a b -c"), "AND(OR(TERM(\"a\") TERM(\"b\")) NOT TERM(\"c\"))");
  EXPECT_EQ(ParseAnd("a b -c"), "AND(AND(TERM(\"a\") TERM(\"b\")) NOT TERM(\"c\"))");
}

TEST(QueryParser, NegationMayComeFirst) {
  EXPECT_EQ(Parse("-c a"), "AND(TERM(\"a\") NOT TERM(\"c\"))");
  EXPECT_EQ(Parse("NOT a b"), "AND(TERM(\"b\") NOT TERM(\"a\"))");
  EXPECT_EQ(Parse("NOT a AND b"), "AND(TERM(\"b\") NOT TERM(\"a\"))");
}

TEST(QueryParser, SeveralNegativesAreSubtractedAsOneUnion) {
  EXPECT_EQ(Parse("a -b -c"), "AND(TERM(\"a\") NOT OR(TERM(\"b\") TERM(\"c\")))");
  EXPECT_EQ(Parse("a NOT b x NOT c"),
            "AND(OR(TERM(\"a\") TERM(\"x\")) NOT OR(TERM(\"b\") TERM(\"c\")))");
}

TEST(QueryParser, NotBindsTighterThanAnd) {
  EXPECT_EQ(Parse("a AND -b c"), "OR(AND(TERM(\"a\") NOT TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("a -b OR c"), "OR(AND(TERM(\"a\") NOT TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("x NOT (a b)"), "AND(TERM(\"x\") NOT OR(TERM(\"a\") TERM(\"b\")))");
}

TEST(QueryParser, NegativeGroupIsSubtractedFromItsNeighbours) {
  EXPECT_EQ(Parse("a (-b -c)"), "AND(TERM(\"a\") NOT OR(TERM(\"b\") TERM(\"c\")))");
  EXPECT_EQ(Parse("a AND (NOT b)"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
  EXPECT_EQ(
      Parse("(a (b -c) -d) e"),
      "OR(AND(OR(TERM(\"a\") AND(TERM(\"b\") NOT TERM(\"c\"))) NOT TERM(\"d\")) TERM(\"e\"))");
}

TEST(QueryParser, DoubleNegationCancels) {
  EXPECT_EQ(Parse("NOT NOT a"), "TERM(\"a\")");
  EXPECT_EQ(Parse("-(-a)"), "TERM(\"a\")");
  EXPECT_EQ(Parse("b NOT -a"), "OR(TERM(\"b\") TERM(\"a\"))");
  // NOT(NOT b AND NOT c) is b OR c.
  EXPECT_EQ(Parse("-(-b -c)"), "OR(TERM(\"b\") TERM(\"c\"))");
}

// ---------------------------------------------------------------- required

TEST(QueryParser, RequiredAloneIsPlain) {
  EXPECT_EQ(Parse("+a"), "TERM(\"a\")");
  EXPECT_EQ(Parse("+a +b"), "AND(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("+a -b"), "AND(TERM(\"a\") NOT TERM(\"b\"))");
}

TEST(QueryParser, RequiredIsAndedWithTheOrOfTheOthers) {
  EXPECT_EQ(Parse("a b +c"), "AND(OR(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("+c a b"), "AND(TERM(\"c\") OR(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("a +b c +d"), "AND(OR(TERM(\"a\") TERM(\"c\")) TERM(\"b\") TERM(\"d\"))");
  EXPECT_EQ(Parse("a +b"), "AND(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("+a b -c"), "AND(AND(TERM(\"a\") TERM(\"b\")) NOT TERM(\"c\"))");
  EXPECT_EQ(Parse("+(a b) c"), "AND(OR(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("+\"peace talks\" gaza"), "AND(PHRASE(\"peace\" \"talks\") TERM(\"gaza\"))");
}

TEST(QueryParser, RequiredIsANoOpUnderTheAndDefault) {
  EXPECT_EQ(ParseAnd("a b +c"), "AND(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(ParseAnd("+a b"), "AND(TERM(\"a\") TERM(\"b\"))");
}

TEST(QueryParser, RequiredDoesNotLeaveItsGroupOrAndOrOr) {
  EXPECT_EQ(Parse("x (+a)"), "OR(TERM(\"x\") TERM(\"a\"))");
  EXPECT_EQ(Parse("+a OR b"), "OR(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("+a AND b c"), "OR(AND(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
}

TEST(QueryParser, RequiredNegationStaysNegative) {
  EXPECT_EQ(Parse("+(NOT a) b"), "AND(TERM(\"b\") NOT TERM(\"a\"))");
  EXPECT_EQ(Parse("b NOT +a"), "AND(TERM(\"b\") NOT TERM(\"a\"))");
}

// ---------------------------------------------------------------- the header's example

TEST(QueryParser, ExampleFromQueryH) {
  EXPECT_EQ(
      Parse("\"severe costs\" outlet:jazeera -sanctions"),
      "AND(OR(PHRASE(\"severe\" \"costs\") outlet:TERM(\"jazeera\")) NOT TERM(\"sanctions\"))");
}

TEST(QueryParser, OffsetsPointAtTheStartOfEachNode) {
  const std::string query = "\"severe costs\" outlet:jazeera -sanctions";
  absl::StatusOr<QueryNode> root = ParseQuery(query, {});
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(root->kind, NodeKind::kAndNot);
  EXPECT_EQ(root->offset, 0u);
  const QueryNode& any = root->children[0];
  EXPECT_EQ(any.offset, 0u);
  EXPECT_EQ(any.children[0].offset, 0u);     // the opening quote
  EXPECT_EQ(any.children[1].offset, 15u);    // "outlet", not "jazeera"
  EXPECT_EQ(root->children[1].offset, 31u);  // "sanctions", after the '-'
}

TEST(QueryParser, OffsetsOfOperatorNodes) {
  absl::StatusOr<QueryNode> root = ParseQuery("-c (a OR b) x", {});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(root->DebugString(), "AND(OR(TERM(\"a\") TERM(\"b\") TERM(\"x\")) NOT TERM(\"c\"))");
  EXPECT_EQ(root->offset, 0u);              // the '-' of the first operand
  EXPECT_EQ(root->children[0].offset, 3u);  // the '(' of the group
  EXPECT_EQ(root->children[0].children[2].offset, 12u);
}

TEST(QueryParser, OffsetsAreBytesAndColumnsAreCodePoints) {
  const std::string query = "Élysée -x";
  absl::StatusOr<QueryNode> root = ParseQuery(query, {});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(root->children[1].offset, 10u);
  EXPECT_EQ(ColumnAt(query, root->children[1].offset), 9u);
}

// ---------------------------------------------------------------- sloppy phrases

// The root of a query that must parse.
QueryNode Root(std::string_view query, const ParseOptions& options = {}) {
  absl::StatusOr<QueryNode> node = ParseQuery(query, options);
  EXPECT_TRUE(node.ok()) << query << " -> " << node.status();
  return node.ok() ? *std::move(node) : QueryNode();
}

TEST(QueryParser, SloppyPhrase) {
  EXPECT_EQ(Parse("\"a b c\"~2"), "PHRASE~2(\"a\" \"b\" \"c\")");
  EXPECT_EQ(Parse("“severe costs”~3"), "PHRASE~3(\"severe\" \"costs\")");
  EXPECT_EQ(Parse("\"a b\"~1000"), "PHRASE~1000(\"a\" \"b\")");
  EXPECT_EQ(Parse("\"a b\"~007"), "PHRASE~7(\"a\" \"b\")");
  EXPECT_EQ(Root("\"a b c\"~2").slop, 2u);
  EXPECT_EQ(Root("\"a b\"~1000").kind, NodeKind::kPhrase);
}

TEST(QueryParser, SlopZeroIsThePlainPhrase) {
  EXPECT_EQ(Parse("\"a b\"~0"), "PHRASE(\"a\" \"b\")");
  EXPECT_EQ(Parse("\"a b\"~0"), Parse("\"a b\""));
  EXPECT_EQ(Root("\"a b\"~0").slop, 0u);
  EXPECT_EQ(Root("\"a b\"").slop, 0u);
  // Fields have no positions, but ~0 asks for none.
  EXPECT_EQ(Parse("title:\"a b\"~0"), "title:PHRASE(\"a\" \"b\")");
}

TEST(QueryParser, OneWordPhraseMayHaveASlop) {
  EXPECT_EQ(Parse("\"costs\"~3"), "PHRASE~3(\"costs\")");
}

TEST(QueryParser, SloppyPhrasesAmongOtherOperands) {
  EXPECT_EQ(Parse("x \"a b\"~2 -\"c d\"~1"),
            "AND(OR(TERM(\"x\") PHRASE~2(\"a\" \"b\")) NOT PHRASE~1(\"c\" \"d\"))");
  EXPECT_EQ(Parse("\"a b\"~2 AND c"), "AND(PHRASE~2(\"a\" \"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("(\"a b\"~2)"), "PHRASE~2(\"a\" \"b\")");
  EXPECT_EQ(Parse("\"a b\"~2\"c d\""), "OR(PHRASE~2(\"a\" \"b\") PHRASE(\"c\" \"d\"))");
  EXPECT_EQ(Parse("+\"a b\"~2 c"), "AND(PHRASE~2(\"a\" \"b\") TERM(\"c\"))");
}

TEST(QueryParser, TildeAfterASpaceIsStillAWord) {
  EXPECT_EQ(Parse("\"a b\" ~2"), "OR(PHRASE(\"a\" \"b\") TERM(\"~2\"))");
  EXPECT_EQ(Parse("~5 approx~ a~b"), "OR(TERM(\"~5\") TERM(\"approx~\") TERM(\"a~b\"))");
  EXPECT_EQ(Parse("x~\"a b\""), "OR(TERM(\"x~\") PHRASE(\"a\" \"b\"))");
  EXPECT_EQ(Parse("~ \"a b\""), "OR(TERM(\"~\") PHRASE(\"a\" \"b\"))");
  EXPECT_EQ(Parse("-~5"),
            "ERROR column 1: nothing to search for: NOT and '-' only exclude; add a "
            "word or phrase that results must contain");
}

// ---------------------------------------------------------------- NEAR

TEST(QueryParser, NearDefaultsToTenWords) {
  EXPECT_EQ(Parse("a NEAR b"), "NEAR/10(TERM(\"a\") TERM(\"b\"))");
  const QueryNode near = Root("a NEAR b");
  EXPECT_EQ(near.kind, NodeKind::kNear);
  EXPECT_EQ(near.slop, 10u);
  ASSERT_EQ(near.children.size(), 2u);
  EXPECT_EQ(near.children[1].kind, NodeKind::kTerm);
  EXPECT_TRUE(near.words.empty());
}

TEST(QueryParser, NearWithADistance) {
  EXPECT_EQ(Parse("a NEAR/5 b"), "NEAR/5(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a NEAR/0 b"), "NEAR/0(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a NEAR/1000 b"), "NEAR/1000(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a NEAR/03 b"), "NEAR/3(TERM(\"a\") TERM(\"b\"))");
  EXPECT_EQ(Parse("Зеленський NEAR/3 Путін"), "NEAR/3(TERM(\"Зеленський\") TERM(\"Путін\"))");
  EXPECT_EQ(Parse("de-escalate NEAR 10:30"), "NEAR/10(TERM(\"de-escalate\") TERM(\"10:30\"))");
}

TEST(QueryParser, NearChainIsOneNodeWithTheLargestDistance) {
  EXPECT_EQ(Parse("a NEAR/2 b NEAR/5 c"), "NEAR/5(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("a NEAR/5 b NEAR/2 c"), "NEAR/5(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("a NEAR b NEAR/3 c"), "NEAR/10(TERM(\"a\") TERM(\"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("a NEAR/30 b NEAR c NEAR/0 d"),
            "NEAR/30(TERM(\"a\") TERM(\"b\") TERM(\"c\") TERM(\"d\"))");
}

TEST(QueryParser, NearBindsTighterThanJuxtapositionAndOrAnd) {
  EXPECT_EQ(Parse("x a NEAR b"), "OR(TERM(\"x\") NEAR/10(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(ParseAnd("x a NEAR b"), "AND(TERM(\"x\") NEAR/10(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("a NEAR b c"), "OR(NEAR/10(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("a NEAR b AND c"), "AND(NEAR/10(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
  EXPECT_EQ(Parse("x AND a NEAR b"), "AND(TERM(\"x\") NEAR/10(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("a NEAR/1 b OR c NEAR/2 d"),
            "OR(NEAR/1(TERM(\"a\") TERM(\"b\")) NEAR/2(TERM(\"c\") TERM(\"d\")))");
  EXPECT_EQ(Parse("a NEAR b c NEAR d"),
            "OR(NEAR/10(TERM(\"a\") TERM(\"b\")) NEAR/10(TERM(\"c\") TERM(\"d\")))");
}

TEST(QueryParser, NearBindsTighterThanNotAndSigns) {
  EXPECT_EQ(Parse("x -a NEAR b"), "AND(TERM(\"x\") NOT NEAR/10(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("NOT a NEAR/3 b x"), "AND(TERM(\"x\") NOT NEAR/3(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("+a NEAR b x"), "AND(NEAR/10(TERM(\"a\") TERM(\"b\")) TERM(\"x\"))");
  EXPECT_EQ(Parse("x -(a NEAR b)"), "AND(TERM(\"x\") NOT NEAR/10(TERM(\"a\") TERM(\"b\")))");
  EXPECT_EQ(Parse("(a NEAR b) c"), "OR(NEAR/10(TERM(\"a\") TERM(\"b\")) TERM(\"c\"))");
}

TEST(QueryParser, OnlyUpperCaseNearIsAnOperator) {
  EXPECT_EQ(Parse("a near b"), "OR(TERM(\"a\") TERM(\"near\") TERM(\"b\"))");
  EXPECT_EQ(Parse("a Near/3 b"), "OR(TERM(\"a\") TERM(\"Near/3\") TERM(\"b\"))");
  EXPECT_EQ(Parse("NEARBY"), "TERM(\"NEARBY\")");
  EXPECT_EQ(Parse("NEAR*"), "PREFIX(\"NEAR\")");
}

// ---------------------------------------------------------------- phrasings

TEST(QueryParser, Phrasings) {
  EXPECT_EQ(Parse("~\"swift and severe costs\""),
            "PHRASINGS(\"swift\" \"and\" \"severe\" \"costs\")");
  EXPECT_EQ(Parse("~“severe costs”"), "PHRASINGS(\"severe\" \"costs\")");
  EXPECT_EQ(Parse("~„Gespräche in Genf“"), "PHRASINGS(\"Gespräche\" \"in\" \"Genf\")");
  EXPECT_EQ(Parse("~\"costs\""), "PHRASINGS(\"costs\")");
  EXPECT_EQ(Parse("~\"a (b) OR c* -d NEAR\""),
            "PHRASINGS(\"a\" \"(b)\" \"OR\" \"c*\" \"-d\" \"NEAR\")");
  const QueryNode phrasings = Root("~\"a b\"");
  EXPECT_EQ(phrasings.kind, NodeKind::kPhrasings);
  EXPECT_EQ(phrasings.field, QueryField::kBody);
  EXPECT_EQ(phrasings.slop, 0u);
}

TEST(QueryParser, PhrasingsWhereverAPhraseIsAllowed) {
  EXPECT_EQ(Parse("x ~\"a b\""), "OR(TERM(\"x\") PHRASINGS(\"a\" \"b\"))");
  EXPECT_EQ(Parse("~\"a b\" AND c"), "AND(PHRASINGS(\"a\" \"b\") TERM(\"c\"))");
  EXPECT_EQ(Parse("+~\"a b\" x"), "AND(PHRASINGS(\"a\" \"b\") TERM(\"x\"))");
  EXPECT_EQ(Parse("(~\"a b\")"), "PHRASINGS(\"a\" \"b\")");
  EXPECT_EQ(Parse("~\"a b\" -c"), "AND(PHRASINGS(\"a\" \"b\") NOT TERM(\"c\"))");
  EXPECT_EQ(Parse("~\"a b\" OR \"c d\"~2"), "OR(PHRASINGS(\"a\" \"b\") PHRASE~2(\"c\" \"d\"))");
  EXPECT_EQ(Parse("\"a b\" ~\"a b\""), "OR(PHRASE(\"a\" \"b\") PHRASINGS(\"a\" \"b\"))");
}

TEST(QueryParser, PhrasingsThatEndUpPositiveAreFine) {
  EXPECT_EQ(Parse("NOT NOT ~\"a b\""), "PHRASINGS(\"a\" \"b\")");
  EXPECT_EQ(Parse("-(-~\"a b\" -c)"), "OR(PHRASINGS(\"a\" \"b\") TERM(\"c\"))");
}

// ---------------------------------------------------------------- the phrasings option

std::string ParsePhrasings(std::string_view query, DefaultOperator op = DefaultOperator::kOr) {
  ParseOptions options;
  options.default_operator = op;
  options.phrasings = true;
  absl::StatusOr<QueryNode> node = ParseQuery(query, options);
  if (node.ok()) return node->DebugString();
  EXPECT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument) << query;
  return "ERROR " + std::string(node.status().message());
}

TEST(QueryParserPhrasingsOption, IsOffByDefault) {
  EXPECT_FALSE(ParseOptions().phrasings);
  EXPECT_EQ(Parse("a b"), "OR(TERM(\"a\") TERM(\"b\"))");
}

TEST(QueryParserPhrasingsOption, TheWholeQueryIsOnePhrasingsQuery) {
  const std::string expected = "PHRASINGS(\"swift\" \"and\" \"severe\" \"costs\")";
  EXPECT_EQ(ParsePhrasings("swift and severe costs"), expected);
  EXPECT_EQ(ParsePhrasings("\"swift and severe costs\""), expected);
  EXPECT_EQ(ParsePhrasings("~\"swift and severe costs\""), expected);
  EXPECT_EQ(ParsePhrasings("“swift and” „severe costs“"), expected);
  EXPECT_EQ(ParsePhrasings("  swift\u00A0and\u3000severe\tcosts\n"), expected);
  EXPECT_EQ(ParsePhrasings("swift and severe costs", DefaultOperator::kAnd), expected);
  EXPECT_EQ(ParsePhrasings("costs"), "PHRASINGS(\"costs\")");
}

TEST(QueryParserPhrasingsOption, OperatorsAreWords) {
  EXPECT_EQ(ParsePhrasings("a AND b OR -c NOT +d NEAR/3 e (f) g* title:h"),
            "PHRASINGS(\"a\" \"AND\" \"b\" \"OR\" \"-c\" \"NOT\" \"+d\" \"NEAR/3\" \"e\" \"(f)\" "
            "\"g*\" \"title:h\")");
  EXPECT_EQ(ParsePhrasings("(a"), "PHRASINGS(\"(a\")");
  EXPECT_EQ(ParsePhrasings("OR"), "PHRASINGS(\"OR\")");
  EXPECT_EQ(ParsePhrasings("\"a b\"~2"), "PHRASINGS(\"a\" \"b~2\")");
}

TEST(QueryParserPhrasingsOption, QuotesAreDroppedAndNeedNoPartner) {
  EXPECT_EQ(ParsePhrasings("\"a b"), "PHRASINGS(\"a\" \"b\")");
  EXPECT_EQ(ParsePhrasings("\"a\"b"), "PHRASINGS(\"ab\")");
  EXPECT_EQ(ParsePhrasings("a \"\" b"), "PHRASINGS(\"a\" \"b\")");
}

TEST(QueryParserPhrasingsOption, OnlyTheLeadingTildeIsDropped) {
  EXPECT_EQ(ParsePhrasings("~a ~b"), "PHRASINGS(\"a\" \"~b\")");
  EXPECT_EQ(ParsePhrasings("~5 percent"), "PHRASINGS(\"5\" \"percent\")");
  EXPECT_EQ(ParsePhrasings("~ a"), "PHRASINGS(\"a\")");
}

TEST(QueryParserPhrasingsOption, OffsetIsTheFirstWord) {
  ParseOptions options;
  options.phrasings = true;
  EXPECT_EQ(Root("  ~\"a b\"", options).offset, 2u);
  EXPECT_EQ(Root("\u3000x", options).offset, 3u);
  EXPECT_EQ(Root("\"\" x", options).offset, 3u);
}

TEST(QueryParserPhrasingsOption, NothingLeftIsTheEmptyQueryError) {
  const std::string message =
      "ERROR column 1: empty query: type a word or a \"phrase\" to search for";
  EXPECT_EQ(ParsePhrasings(""), message);
  EXPECT_EQ(ParsePhrasings(" \t\u3000"), message);
  EXPECT_EQ(ParsePhrasings("\"\""), message);
  EXPECT_EQ(ParsePhrasings("~"), message);
  EXPECT_EQ(ParsePhrasings("  ~“ ”"), message);
}

// ---------------------------------------------------------------- offsets of the new nodes

TEST(QueryParser, OffsetsOfSloppyPhrasesNearAndPhrasings) {
  const QueryNode root = Root("x \"a b\"~2 c NEAR/3 d ~\"e f\"");
  ASSERT_EQ(root.kind, NodeKind::kOr);
  ASSERT_EQ(root.children.size(), 4u);
  EXPECT_EQ(root.children[1].offset, 2u);   // the opening quote
  EXPECT_EQ(root.children[2].offset, 10u);  // the first word of the NEAR
  EXPECT_EQ(root.children[2].children[0].offset, 10u);
  EXPECT_EQ(root.children[2].children[1].offset, 19u);
  EXPECT_EQ(root.children[3].offset, 21u);  // the '~'
  const QueryNode excluded = Root("y -a NEAR b");
  EXPECT_EQ(excluded.children[1].offset, 3u);  // "a", after the '-'
}

// ---------------------------------------------------------------- errors

TEST(QueryParserErrors, EmptyOrBlankQuery) {
  EXPECT_EQ(Parse(""), "ERROR column 1: empty query: type a word or a \"phrase\" to search for");
  EXPECT_EQ(Parse(" \t\n"),
            "ERROR column 1: empty query: type a word or a \"phrase\" to search for");
  EXPECT_EQ(Parse("\u3000"),
            "ERROR column 1: empty query: type a word or a \"phrase\" to search for");
}

TEST(QueryParserErrors, UnclosedParenthesisIsReportedAtTheEnd) {
  EXPECT_EQ(Parse("(a OR b "),
            "ERROR column 9: unbalanced '(' (opened at column 1 and never closed)");
  EXPECT_EQ(Parse("a (b (c)"),
            "ERROR column 9: unbalanced '(' (opened at column 3 and never closed)");
  EXPECT_EQ(Parse("("), "ERROR column 2: unbalanced '(' (opened at column 1 and never closed)");
  EXPECT_EQ(Parse("Élysée (a"),
            "ERROR column 10: unbalanced '(' (opened at column 8 and never closed)");
}

TEST(QueryParserErrors, UnopenedParenthesis) {
  EXPECT_EQ(Parse("a)"), "ERROR column 2: unbalanced ')' (no '(' before it)");
  EXPECT_EQ(Parse(")"), "ERROR column 1: unbalanced ')' (no '(' before it)");
  EXPECT_EQ(Parse("(a)) b"), "ERROR column 4: unbalanced ')' (no '(' before it)");
  EXPECT_EQ(Parse("a OR b) c"), "ERROR column 7: unbalanced ')' (no '(' before it)");
}

TEST(QueryParserErrors, UnterminatedQuote) {
  EXPECT_EQ(Parse("a \"b c"),
            "ERROR column 7: unterminated quote (opened at column 3 and never closed)");
  EXPECT_EQ(Parse("title:“peace"),
            "ERROR column 13: unterminated quote (opened at column 7 and never closed)");
}

TEST(QueryParserErrors, EmptyPhrase) {
  EXPECT_EQ(Parse("a \"\""),
            "ERROR column 3: empty phrase: put one or more words between the quotes");
  EXPECT_EQ(Parse("“ ”"), "ERROR column 1: empty phrase: put one or more words between the quotes");
}

TEST(QueryParserErrors, EmptyGroup) {
  EXPECT_EQ(Parse("()"),
            "ERROR column 1: empty group \"()\": put a word or phrase between the parentheses");
  EXPECT_EQ(Parse("a ( ) b"),
            "ERROR column 3: empty group \"()\": put a word or phrase between the parentheses");
  EXPECT_EQ(Parse("title:()"),
            "ERROR column 7: empty group \"()\": put a word or phrase between the parentheses");
}

TEST(QueryParserErrors, OperatorWithoutARightOperand) {
  const std::string hint = " (to search for the word itself, write it in lower case)";
  EXPECT_EQ(Parse("a AND"),
            "ERROR column 3: AND must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("a OR"), "ERROR column 3: OR must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("NOT"), "ERROR column 1: NOT must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("a NOT"),
            "ERROR column 3: NOT must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("a AND OR b"),
            "ERROR column 3: AND must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("a OR OR b"),
            "ERROR column 3: OR must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("(a AND) b"),
            "ERROR column 4: AND must be followed by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("-AND"), "ERROR column 1: '-' must be followed by a word, phrase or group");
  EXPECT_EQ(Parse("x +OR y"), "ERROR column 3: '+' must be followed by a word, phrase or group");
}

TEST(QueryParserErrors, OperatorWithoutALeftOperand) {
  const std::string hint = " (to search for the word itself, write it in lower case)";
  EXPECT_EQ(Parse("OR b"), "ERROR column 1: OR must be preceded by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("AND b"),
            "ERROR column 1: AND must be preceded by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("a (OR b)"),
            "ERROR column 4: OR must be preceded by a word, phrase or group" + hint);
  EXPECT_EQ(Parse("  AND"),
            "ERROR column 3: AND must be preceded by a word, phrase or group" + hint);
}

TEST(QueryParserErrors, LoneStar) {
  const std::string message =
      "'*' must directly follow a word: a prefix search is written like sanction*";
  EXPECT_EQ(Parse("*"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("**"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("a *"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("\"a b\"*"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("(a)*"), "ERROR column 4: " + message);
  EXPECT_EQ(Parse("x -*"), "ERROR column 4: " + message);
  EXPECT_EQ(Parse("title:*"), "ERROR column 7: " + message);
  EXPECT_EQ(Parse("Élysée *"), "ERROR column 8: " + message);
}

TEST(QueryParserErrors, NothingPositive) {
  const std::string message =
      "nothing to search for: NOT and '-' only exclude; add a word or phrase that results "
      "must contain";
  EXPECT_EQ(Parse("NOT a"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("-a"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("  -a -b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("(NOT a)"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("NOT a AND NOT b"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("-title:x"), "ERROR column 1: " + message);
  EXPECT_EQ(ParseAnd("-a -b"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("+(-a)"), "ERROR column 1: " + message);
}

TEST(QueryParserErrors, NegativeOperandOfOr) {
  const std::string message =
      "OR cannot take an excluded (NOT or '-') operand, which would match almost every "
      "document; to exclude, leave out OR, as in: gaza -hamas";
  EXPECT_EQ(Parse("a OR -b"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("NOT a OR b"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("a OR (NOT b)"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("a OR b -c OR -d"), "ERROR column 14: " + message);
}

TEST(QueryParserErrors, FieldWithoutOperand) {
  EXPECT_EQ(Parse("title:"),
            "ERROR column 1: 'title:' must be followed by a word, phrase or group, as in "
            "title:\"peace talks\"");
  EXPECT_EQ(Parse("x OUTLET:-y"),
            "ERROR column 3: 'OUTLET:' must be followed by a word, phrase or group, as in "
            "OUTLET:\"peace talks\"");
  EXPECT_EQ(Parse("(a title:)"),
            "ERROR column 4: 'title:' must be followed by a word, phrase or group, as in "
            "title:\"peace talks\"");
  EXPECT_EQ(Parse("title:AND x"),
            "ERROR column 1: 'title:' must be followed by a word, phrase or group, as in "
            "title:\"peace talks\"");
}

TEST(QueryParserErrors, FieldInsideAField) {
  EXPECT_EQ(Parse("title:(a OR outlet:b)"),
            "ERROR column 13: 'outlet:' inside 'title:' (column 1): fields cannot be nested");
  EXPECT_EQ(Parse("x title:title:y"),
            "ERROR column 9: 'title:' inside 'title:' (column 3): fields cannot be nested");
  EXPECT_EQ(Parse("outlet:(x -title:\"a b\")"),
            "ERROR column 12: 'title:' inside 'outlet:' (column 1): fields cannot be nested");
}

TEST(QueryParserErrors, SlopThatIsNotANumber) {
  const std::string message = "expected a number of positions after '~', as in \"peace talks\"~3";
  EXPECT_EQ(Parse("\"a b\"~"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("x \"a b\"~ y"), "ERROR column 8: " + message);
  EXPECT_EQ(Parse("\"a b\"~x"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("\"a b\"~-1"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("\"a b\"~2x"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("\"a b\"~1.5"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("\"a b\"~2*"), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("\"a b\"~\"c\""), "ERROR column 6: " + message);
  EXPECT_EQ(Parse("Élysée “a”~)"), "ERROR column 11: " + message);
}

TEST(QueryParserErrors, SlopAboveAThousand) {
  EXPECT_EQ(Parse("\"a b\"~1001"),
            "ERROR column 7: '~1001' is too sloppy: a phrase's slop is at most 1000 positions");
  // 2^32 + 5 must not wrap around to 5.
  EXPECT_EQ(Parse("\"a b\"~4294967301"),
            "ERROR column 7: '~4294967301' is too sloppy: a phrase's slop is at most 1000 "
            "positions");
  EXPECT_EQ(Parse("\"a b\"~99999999999999999999999"),
            "ERROR column 7: '~99999999999999999999999' is too sloppy: a phrase's slop is at "
            "most 1000 positions");
}

TEST(QueryParserErrors, SloppyPhraseInAField) {
  EXPECT_EQ(Parse("title:\"a b\"~2"),
            "ERROR column 12: a phrase in a field cannot be sloppy ('title:' at column 1): "
            "fields have no positions");
  EXPECT_EQ(Parse("x outlet:(y \"a b\"~1)"),
            "ERROR column 18: a phrase in a field cannot be sloppy ('outlet:' at column 3): "
            "fields have no positions");
}

TEST(QueryParserErrors, NearWithoutAWordOnEachSide) {
  const std::string message = "NEAR needs a word on each side";
  EXPECT_EQ(Parse("NEAR b"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("NEAR"), "ERROR column 1: " + message);
  EXPECT_EQ(Parse("a NEAR"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR/3"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR NEAR b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("(a NEAR) b"), "ERROR column 4: " + message);
  EXPECT_EQ(Parse("a NEAR OR b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a (NEAR b)"), "ERROR column 4: " + message);
  EXPECT_EQ(Parse("a NEAR b NEAR"), "ERROR column 10: " + message);
  // After another operator, that operator's message comes first.
  EXPECT_EQ(Parse("a OR NEAR b"),
            "ERROR column 3: OR must be followed by a word, phrase or group (to search for the "
            "word itself, write it in lower case)");
}

TEST(QueryParserErrors, NearDistanceThatIsNotANumber) {
  const std::string message = "expected a number of words after 'NEAR/', as in NEAR/5";
  EXPECT_EQ(Parse("a NEAR/ b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR/x b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR/-1 b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR/5* b"), "ERROR column 3: " + message);
  EXPECT_EQ(Parse("a NEAR/2 b NEAR/two c"), "ERROR column 12: " + message);
}

TEST(QueryParserErrors, NearDistanceAboveAThousand) {
  EXPECT_EQ(Parse("a NEAR/1001 b"),
            "ERROR column 8: 'NEAR/1001' is too far: NEAR/N takes at most 1000 words");
  EXPECT_EQ(Parse("a NEAR/4294967296 b"),
            "ERROR column 8: 'NEAR/4294967296' is too far: NEAR/N takes at most 1000 words");
  EXPECT_EQ(Parse("a NEAR/99999999999 b"),
            "ERROR column 8: 'NEAR/99999999999' is too far: NEAR/N takes at most 1000 words");
}

TEST(QueryParserErrors, NearOperandThatIsNotAPlainWord) {
  const std::string phrase = "NEAR joins single words; for a phrase use \"...\"~N";
  EXPECT_EQ(Parse("\"a b\" NEAR c"), "ERROR column 1: " + phrase);
  EXPECT_EQ(Parse("a NEAR \"b c\""), "ERROR column 8: " + phrase);
  EXPECT_EQ(Parse("a NEAR \"b c\"~2"), "ERROR column 8: " + phrase);
  EXPECT_EQ(Parse("a NEAR \"b\""), "ERROR column 8: " + phrase);
  const std::string prefix = "NEAR joins single words; a prefix (word*) cannot be one of them";
  EXPECT_EQ(Parse("a* NEAR b"), "ERROR column 1: " + prefix);
  EXPECT_EQ(Parse("a NEAR b NEAR c*"), "ERROR column 15: " + prefix);
  const std::string group = "NEAR joins single words, not groups";
  EXPECT_EQ(Parse("(a b) NEAR c"), "ERROR column 1: " + group);
  EXPECT_EQ(Parse("(a) NEAR c"), "ERROR column 1: " + group);
  EXPECT_EQ(Parse("a NEAR (b)"), "ERROR column 8: " + group);
  EXPECT_EQ(Parse("a NEAR (b"), "ERROR column 8: " + group);  // before the missing ')'
  const std::string field = "NEAR joins single words of the text; fields have no positions";
  EXPECT_EQ(Parse("title:a NEAR b"), "ERROR column 1: " + field);
  EXPECT_EQ(Parse("a NEAR outlet:b"), "ERROR column 8: " + field);
  const std::string phrasings =
      "NEAR joins single words; a phrasings query ~\"...\" cannot be one of them";
  EXPECT_EQ(Parse("~\"a b\" NEAR c"), "ERROR column 1: " + phrasings);
  EXPECT_EQ(Parse("a NEAR ~\"b c\""), "ERROR column 8: " + phrasings);
  EXPECT_EQ(Parse("a NEAR *"),
            "ERROR column 8: '*' must directly follow a word: a prefix search is written like "
            "sanction*");
}

TEST(QueryParserErrors, NearOperandWithASign) {
  const std::string message =
      "NEAR joins single words; NOT, '-' and '+' apply to the whole NEAR and go before its "
      "first word, as in -a NEAR b";
  EXPECT_EQ(Parse("a NEAR -b"), "ERROR column 8: " + message);
  EXPECT_EQ(Parse("a NEAR +b"), "ERROR column 8: " + message);
  EXPECT_EQ(Parse("a NEAR NOT b"), "ERROR column 8: " + message);
  EXPECT_EQ(Parse("a NEAR/2 b NEAR -c"), "ERROR column 17: " + message);
}

TEST(QueryParserErrors, NearInsideAField) {
  EXPECT_EQ(Parse("title:(a NEAR b)"),
            "ERROR column 10: NEAR inside 'title:' (column 1): fields have no positions");
  EXPECT_EQ(Parse("x Outlet:(y a NEAR/2 b)"),
            "ERROR column 15: NEAR inside 'Outlet:' (column 3): fields have no positions");
  EXPECT_EQ(Parse("title:NEAR"),
            "ERROR column 1: 'title:' must be followed by a word, phrase or group, as in "
            "title:\"peace talks\"");
}

TEST(QueryParserErrors, NearAloneThatOnlyExcludes) {
  EXPECT_EQ(Parse("-a NEAR b"),
            "ERROR column 1: nothing to search for: NOT and '-' only exclude; add a word or "
            "phrase that results must contain");
}

TEST(QueryParserErrors, PhrasingsInAField) {
  EXPECT_EQ(Parse("title:~\"a b\""),
            "ERROR column 7: ~\"...\" (phrasings) cannot be in a field ('title:' at column 1): "
            "fields have no positions");
  EXPECT_EQ(Parse("x outlet:(y ~\"a b\")"),
            "ERROR column 13: ~\"...\" (phrasings) cannot be in a field ('outlet:' at column 3): "
            "fields have no positions");
}

TEST(QueryParserErrors, ExcludedPhrasings) {
  const std::string message =
      "~\"...\" (phrasings) cannot be excluded with NOT or '-': a phrasings query ranks, it "
      "cannot exclude";
  EXPECT_EQ(Parse("x -~\"a b\""), "ERROR column 4: " + message);
  EXPECT_EQ(Parse("x NOT ~\"a b\""), "ERROR column 7: " + message);
  EXPECT_EQ(Parse("x AND NOT ~\"a b\""), "ERROR column 11: " + message);
  EXPECT_EQ(Parse("-~\"a b\" x"), "ERROR column 2: " + message);
  EXPECT_EQ(ParseAnd("x -~\"a b\""), "ERROR column 4: " + message);
  // Not only directly: anywhere inside what is excluded.
  EXPECT_EQ(Parse("x -(y ~\"a b\")"), "ERROR column 7: " + message);
  EXPECT_EQ(Parse("x -(y -~\"a b\")"), "ERROR column 8: " + message);
  EXPECT_EQ(Parse("x (-~\"a b\")"), "ERROR column 5: " + message);
  // Alone, it is this error rather than "nothing to search for".
  EXPECT_EQ(Parse("-~\"a b\""), "ERROR column 2: " + message);
  EXPECT_EQ(Parse("-(-(-~\"a\" b))"), "ERROR column 6: " + message);
  // An excluded operand of OR is refused before.
  EXPECT_EQ(Parse("a OR -~\"b\""),
            "ERROR column 6: OR cannot take an excluded (NOT or '-') operand, which would match "
            "almost every document; to exclude, leave out OR, as in: gaza -hamas");
}

TEST(QueryParserErrors, PhrasingsWithASlop) {
  const std::string message =
      "~\"...\" (phrasings) takes no '~N': it already finds the words apart and in any order";
  EXPECT_EQ(Parse("~\"a b\"~2"), "ERROR column 7: " + message);
  EXPECT_EQ(Parse("x ~“a b”~0"), "ERROR column 9: " + message);
  EXPECT_EQ(Parse("~\"a b\"~"), "ERROR column 7: " + message);
}

TEST(QueryParserErrors, PhrasingsQuoteErrors) {
  EXPECT_EQ(Parse("~\"a b"),
            "ERROR column 6: unterminated quote (opened at column 2 and never closed)");
  EXPECT_EQ(Parse("x ~\"\""),
            "ERROR column 3: empty phrase: put one or more words between the quotes");
}

TEST(QueryParserErrors, FirstErrorWins) {
  // The lexer runs first, so a quote error beats an earlier syntax error.
  EXPECT_EQ(Parse("OR \"a"),
            "ERROR column 6: unterminated quote (opened at column 4 and never closed)");
  EXPECT_EQ(Parse("a AND ) \"\""),
            "ERROR column 9: empty phrase: put one or more words between the quotes");
}

TEST(QueryParserErrors, DeepNestingIsRefusedWithoutExhaustingTheStack) {
  const std::string ok = std::string(100, '(') + "a" + std::string(100, ')');
  EXPECT_EQ(Parse(ok), "TERM(\"a\")");
  const std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
  EXPECT_EQ(Parse(deep),
            "ERROR column 101: too deeply nested (more than 100 levels of parentheses and NOT)");
  std::string nots;
  for (int i = 0; i < 100; ++i) nots += "NOT ";
  EXPECT_EQ(Parse(nots + "a"), "TERM(\"a\")");
  EXPECT_EQ(Parse("NOT " + nots + "a"),
            "ERROR column 401: too deeply nested (more than 100 levels of parentheses and NOT)");
}

TEST(QueryParser, LongFlatQueriesAreFine) {
  std::string query;
  for (int i = 0; i < 100000; ++i) query += (i % 3 == 2 ? "AND x " : "w ");
  absl::StatusOr<QueryNode> root = ParseQuery(query, {});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(root->kind, NodeKind::kOr);
}

// ---------------------------------------------------------------- DebugString

TEST(QueryDebugString, EscapesQuotesBackslashesAndControlBytes) {
  QueryNode node;
  node.words = {"say \"hi\"\\", std::string("a\tb\x7F", 4)};
  node.kind = NodeKind::kPhrase;
  EXPECT_EQ(node.DebugString(), "PHRASE(\"say \\\"hi\\\"\\\\\" \"a\\x09b\\x7F\")");
}

TEST(QueryDebugString, EveryKind) {
  QueryNode term;
  term.words = {"Élysée"};
  QueryNode prefix;
  prefix.kind = NodeKind::kPrefix;
  prefix.field = QueryField::kTitle;
  prefix.words = {"sever"};
  QueryNode any;
  any.kind = NodeKind::kOr;
  any.children = {term, prefix};
  QueryNode all;
  all.kind = NodeKind::kAnd;
  all.field = QueryField::kOutlet;  // not produced by the parser, but printed
  all.children = {term, term};
  QueryNode but;
  but.kind = NodeKind::kAndNot;
  but.children = {any, all};
  EXPECT_EQ(but.DebugString(),
            "AND(OR(TERM(\"Élysée\") title:PREFIX(\"sever\")) NOT "
            "outlet:AND(TERM(\"Élysée\") TERM(\"Élysée\")))");
  EXPECT_EQ(QueryNode().DebugString(), "TERM()");
}

TEST(QueryDebugString, SloppyPhraseShowsItsSlop) {
  QueryNode phrase;
  phrase.kind = NodeKind::kPhrase;
  phrase.words = {"a", "b"};
  EXPECT_EQ(phrase.DebugString(), "PHRASE(\"a\" \"b\")");
  phrase.slop = 3;
  EXPECT_EQ(phrase.DebugString(), "PHRASE~3(\"a\" \"b\")");
  phrase.field = QueryField::kTitle;  // not produced by the parser, but printed
  EXPECT_EQ(phrase.DebugString(), "title:PHRASE~3(\"a\" \"b\")");
}

TEST(QueryDebugString, NearAlwaysShowsItsDistance) {
  QueryNode a, b;
  a.words = {"a"};
  b.words = {"b\""};
  QueryNode near;
  near.kind = NodeKind::kNear;
  near.slop = 5;
  near.children = {a, b};
  EXPECT_EQ(near.DebugString(), "NEAR/5(TERM(\"a\") TERM(\"b\\\"\"))");
  near.slop = 0;
  EXPECT_EQ(near.DebugString(), "NEAR/0(TERM(\"a\") TERM(\"b\\\"\"))");
}

TEST(QueryDebugString, Phrasings) {
  QueryNode phrasings;
  phrasings.kind = NodeKind::kPhrasings;
  phrasings.words = {"swift", "and", "severe", "costs"};
  EXPECT_EQ(phrasings.DebugString(), "PHRASINGS(\"swift\" \"and\" \"severe\" \"costs\")");
  phrasings.words = {"Élysée", "a\tb"};
  EXPECT_EQ(phrasings.DebugString(), "PHRASINGS(\"Élysée\" \"a\\x09b\")");
}

TEST(QueryDebugString, SlopIsShownOnlyForPhraseAndNear) {
  QueryNode term;
  term.words = {"a"};
  term.slop = 4;
  EXPECT_EQ(term.DebugString(), "TERM(\"a\")");
  QueryNode phrasings;
  phrasings.kind = NodeKind::kPhrasings;
  phrasings.words = {"a"};
  phrasings.slop = 4;
  EXPECT_EQ(phrasings.DebugString(), "PHRASINGS(\"a\")");
}

TEST(QueryDebugString, ParsedNewKindsTogether) {
  EXPECT_EQ(Parse("\"a b\"~3 x NEAR/5 y -z ~\"swift and\""),
            "AND(OR(PHRASE~3(\"a\" \"b\") NEAR/5(TERM(\"x\") TERM(\"y\")) "
            "PHRASINGS(\"swift\" \"and\")) NOT TERM(\"z\"))");
}

// ---------------------------------------------------------------- properties

// Writes `node` back as a query with explicit operators and full parentheses,
// so that parsing it must give the same tree whatever the default operator.
std::string Render(const QueryNode& node) {
  std::string field = node.field == QueryField::kTitle    ? "title:"
                      : node.field == QueryField::kOutlet ? "outlet:"
                                                          : "";
  switch (node.kind) {
    case NodeKind::kTerm:
      return field + node.words[0];
    case NodeKind::kPrefix:
      return field + node.words[0] + "*";
    case NodeKind::kPhrase:
    case NodeKind::kPhrasings: {
      std::string out = field + (node.kind == NodeKind::kPhrasings ? "~\"" : "\"");
      for (size_t i = 0; i < node.words.size(); ++i) out += (i > 0 ? " " : "") + node.words[i];
      return out + "\"" + (node.slop > 0 ? absl::StrCat("~", node.slop) : "");
    }
    case NodeKind::kNear: {
      std::string out = Render(node.children[0]);
      for (size_t i = 1; i < node.children.size(); ++i) {
        absl::StrAppend(&out, " NEAR/", node.slop, " ", Render(node.children[i]));
      }
      return out;
    }
    case NodeKind::kAnd:
    case NodeKind::kOr: {
      const std::string op = node.kind == NodeKind::kAnd ? " AND " : " OR ";
      std::string out = "(";
      for (size_t i = 0; i < node.children.size(); ++i) {
        out += (i > 0 ? op : "") + Render(node.children[i]);
      }
      return out + ")";
    }
    case NodeKind::kAndNot:
      return absl::StrCat("(", Render(node.children[0]), " AND NOT ", Render(node.children[1]),
                          ")");
  }
  return "";
}

// Checks the invariants of query.h on every node of a parsed tree.
void ExpectWellFormed(std::string_view query, const QueryNode& node) {
  EXPECT_LT(node.offset, query.size()) << query;
  switch (node.kind) {
    case NodeKind::kTerm:
    case NodeKind::kPrefix:
      EXPECT_EQ(node.slop, 0u) << query;
      ASSERT_EQ(node.words.size(), 1u) << query;
      EXPECT_FALSE(node.words[0].empty()) << query;
      if (node.field == QueryField::kBody) {
        EXPECT_EQ(query.substr(node.offset, node.words[0].size()), node.words[0]) << query;
      }
      break;
    case NodeKind::kPhrase:
      EXPECT_GE(node.words.size(), 1u) << query;
      EXPECT_LE(node.slop, 1000u) << query;
      if (node.slop > 0) {
        EXPECT_EQ(node.field, QueryField::kBody) << query;
      }
      break;
    case NodeKind::kPhrasings:
      EXPECT_GE(node.words.size(), 1u) << query;
      EXPECT_EQ(node.field, QueryField::kBody) << query;
      EXPECT_EQ(node.slop, 0u) << query;
      break;
    case NodeKind::kNear:
      EXPECT_GE(node.children.size(), 2u) << query;
      EXPECT_LE(node.slop, 1000u) << query;
      EXPECT_EQ(node.offset, node.children[0].offset) << query;
      for (const QueryNode& child : node.children) {
        EXPECT_EQ(child.kind, NodeKind::kTerm) << query;
        EXPECT_EQ(child.field, QueryField::kBody) << query;
      }
      break;
    case NodeKind::kAnd:
    case NodeKind::kOr:
      EXPECT_GE(node.children.size(), 2u) << query;
      EXPECT_EQ(node.field, QueryField::kBody) << query;
      for (const QueryNode& child : node.children) {
        EXPECT_NE(child.kind, node.kind) << "not flattened: " << query;
      }
      break;
    case NodeKind::kAndNot:
      EXPECT_EQ(node.children.size(), 2u) << query;
      break;
  }
  for (const QueryNode& child : node.children) ExpectWellFormed(query, child);
}

// Random queries from the grammar, with a fixed seed so failures reproduce.
// Sloppy phrases, NEAR and phrasings queries appear only where they are
// allowed (not in a field), but may be excluded.
// std::mt19937_64's output is specified by the standard; we reduce it with
// '%' rather than a distribution, whose output is not.
class QueryGenerator {
 public:
  explicit QueryGenerator(uint64_t seed) : random_(seed) {}

  std::string Query() { return Or(3); }

 private:
  size_t Pick(size_t n) { return random_() % n; }

  std::string Join(int count, std::string_view separator, std::string (QueryGenerator::*part)(int),
                   int depth) {
    std::string out = (this->*part)(depth);
    for (int i = 1; i < count; ++i) out += std::string(separator) + (this->*part)(depth);
    return out;
  }
  std::string Or(int depth) {
    return Join(1 + Pick(Pick(3) + 1), " OR ", &QueryGenerator::Juxtaposed, depth);
  }
  std::string Juxtaposed(int depth) { return Join(1 + Pick(3), " ", &QueryGenerator::And, depth); }
  std::string And(int depth) { return Join(1 + Pick(2), " AND ", &QueryGenerator::Unary, depth); }

  std::string Unary(int depth) {
    switch (Pick(10)) {
      case 0:
        return absl::StrCat("NOT ", Unary(depth));
      case 1:
        return absl::StrCat("-", Primary(depth));
      case 2:
        return absl::StrCat("+", Primary(depth));
      default:
        return Primary(depth);
    }
  }

  std::string Primary(int depth) {
    if (!in_field_ && Pick(10) == 0) return Near();
    if (!in_field_ && Pick(6) == 0) {
      static constexpr const char* kFields[] = {"title:", "outlet:", "TITLE:", "title: "};
      in_field_ = true;
      std::string out = absl::StrCat(kFields[Pick(4)], Atom(depth));
      in_field_ = false;
      return out;
    }
    return Atom(depth);
  }

  // A NEAR chain of two or three plain words.
  std::string Near() {
    static constexpr const char* kOperators[] = {"NEAR", "NEAR/0", "NEAR/3", "NEAR/1000"};
    std::string out = Word();
    for (size_t i = 0, n = 1 + Pick(2); i < n; ++i) {
      absl::StrAppend(&out, " ", kOperators[Pick(std::size(kOperators))], " ", Word());
    }
    return out;
  }

  // A slop for a phrase: none, or "~N" (only ~0 inside a field).
  std::string Slop() {
    static constexpr const char* kSlops[] = {"~0", "~1", "~3", "~1000"};
    if (Pick(3) != 0) return "";
    return in_field_ ? "~0" : kSlops[Pick(std::size(kSlops))];
  }

  std::string Word() {
    static constexpr const char* kWords[] = {
        "gaza",     "ceasefire",  "and",         "or",    "not",     "Zelenskyy",
        "Elysée",   "l’Élysée",   "de-escalate", "10:30", "foo:bar", "https://x.org/a?b=c",
        "C++",      "Зеленський", "東京",        "😀",     "Title",   "a*b",
        "‘quoted’", "--",         "x-",          "~5",    "near",    "approx~"};
    return kWords[Pick(std::size(kWords))];
  }

  std::string Atom(int depth) {
    const std::string word = Word();
    switch (depth > 0 ? Pick(6) : Pick(3)) {
      case 0:
        if (!in_field_ && Pick(4) == 0) return absl::StrCat("~\"", word, " ", Word(), "\"");
        return word + "*";
      case 1:
        if (Pick(2) == 0) return absl::StrCat("“", word, "”", Slop());
        return absl::StrCat("\"", word, " ", Word(), "\"", Slop());
      case 3:
        return absl::StrCat("(", Or(depth - 1), ")");
      default:
        return word;
    }
  }

  std::mt19937_64 random_;
  bool in_field_ = false;
};

void CountNewKinds(const QueryNode& node, int* near, int* phrasings, int* sloppy) {
  *near += node.kind == NodeKind::kNear;
  *phrasings += node.kind == NodeKind::kPhrasings;
  *sloppy += node.kind == NodeKind::kPhrase && node.slop > 0;
  for (const QueryNode& child : node.children) CountNewKinds(child, near, phrasings, sloppy);
}

TEST(QueryParserProperty, GeneratedQueriesParseAndRoundTrip) {
  QueryGenerator generator(20240607);
  int parsed = 0, rejected = 0, near = 0, phrasings = 0, sloppy = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string query = generator.Query();
    for (DefaultOperator op : {DefaultOperator::kOr, DefaultOperator::kAnd}) {
      ParseOptions options;
      options.default_operator = op;
      absl::StatusOr<QueryNode> node = ParseQuery(query, options);
      if (!node.ok()) {
        // The generator writes only grammatical queries, so the only
        // possible errors are the three semantic ones.
        ++rejected;
        const std::string message(node.status().message());
        EXPECT_TRUE(message.find("nothing to search for") != std::string::npos ||
                    message.find("OR cannot take an excluded") != std::string::npos ||
                    message.find("(phrasings) cannot be excluded") != std::string::npos)
            << query << " -> " << message;
        continue;
      }
      ++parsed;
      CountNewKinds(*node, &near, &phrasings, &sloppy);
      ExpectWellFormed(query, *node);
      const std::string rendered = Render(*node);
      absl::StatusOr<QueryNode> again = ParseQuery(rendered, options);
      ASSERT_TRUE(again.ok()) << query << " -> " << rendered << " -> " << again.status();
      EXPECT_EQ(again->DebugString(), node->DebugString()) << query << " -> " << rendered;
    }
  }
  // Keep the test meaningful if the generator changes.
  EXPECT_GT(parsed, 4 * rejected);
  EXPECT_GT(parsed, 4000);
  EXPECT_GT(near, 500);
  EXPECT_GT(phrasings, 500);
  EXPECT_GT(sloppy, 500);
}

// Arbitrary bytes, biased toward the characters the grammar cares about:
// never a crash, only a tree or InvalidArgument with a column inside the query.
TEST(QueryParserProperty, GarbageNeverCrashes) {
  static constexpr const char* kPieces[] = {
      "a",  "é",    " ",      "\"",     "“",   "”",  "(",    ")",      "*",        "-",
      "+",  ":",    "title",  "outlet", "AND", "OR", "NOT",  "\xFF",   "\xE2\x80", "\x9C",
      "\t", "\xC3", "\u00A0", "x:y",    "~",   "~2", "NEAR", "NEAR/3", "/",        "7"};
  std::mt19937_64 random(7);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string query;
    const size_t pieces = random() % 14;
    for (size_t p = 0; p < pieces; ++p) {
      if (random() % 8 == 0) {
        query += static_cast<char>(random() % 256);
      } else {
        query += kPieces[random() % std::size(kPieces)];
      }
    }
    const ParseOptions options{i % 2 ? DefaultOperator::kAnd : DefaultOperator::kOr};
    absl::StatusOr<QueryNode> node = ParseQuery(query, options);
    if (!node.ok()) {
      ASSERT_EQ(node.status().code(), absl::StatusCode::kInvalidArgument) << query;
      const std::string message(node.status().message());
      ASSERT_EQ(message.rfind("column ", 0), 0u) << message;
      const size_t column = std::stoul(message.substr(7));
      EXPECT_GE(column, 1u) << query;
      EXPECT_LE(column, ColumnAt(query, query.size())) << query << " -> " << message;
      continue;
    }
    ++parsed;
    ExpectWellFormed(query, *node);
    absl::StatusOr<QueryNode> again = ParseQuery(Render(*node), options);
    ASSERT_TRUE(again.ok()) << query << " -> " << Render(*node) << " -> " << again.status();
    EXPECT_EQ(again->DebugString(), node->DebugString()) << query;
  }
  EXPECT_GT(parsed, 2000);
}

// With ParseOptions::phrasings, any input gives one kPhrasings node of
// non-empty words without white space or quotes, or the empty-query error;
// written back as ~"...", it parses to the same node without the option.
TEST(QueryParserProperty, GarbageInPhrasingsModeIsOnePhrasingsQuery) {
  static constexpr const char* kPieces[] = {"a",    "é",    " ",  "\"", "“",      "”",       "„",
                                            "(",    ")",    "*",  "-",  "~",      "NEAR/2",  "AND",
                                            "\xFF", "\xC3", "\t", ":",  "\u3000", "\xE2\x80"};
  std::mt19937_64 random(11);
  ParseOptions options;
  options.phrasings = true;
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string query;
    for (size_t p = 0, pieces = random() % 10; p < pieces; ++p) {
      query += kPieces[random() % std::size(kPieces)];
    }
    absl::StatusOr<QueryNode> node = ParseQuery(query, options);
    if (!node.ok()) {
      EXPECT_EQ(node.status().message(),
                "column 1: empty query: type a word or a \"phrase\" to search for")
          << query;
      EXPECT_TRUE(SplitPlainWords(query).empty()) << query;
      continue;
    }
    ++parsed;
    ASSERT_EQ(node->kind, NodeKind::kPhrasings) << query;
    EXPECT_TRUE(node->children.empty()) << query;
    EXPECT_LT(node->offset, query.size()) << query;
    for (const std::string& word : node->words) {
      EXPECT_FALSE(word.empty()) << query;
      EXPECT_EQ(word.find_first_of(" \t\""), std::string::npos) << query;
      EXPECT_EQ(word.find("“"), std::string::npos) << query;
    }
    absl::StatusOr<QueryNode> again = ParseQuery(Render(*node), {});
    ASSERT_TRUE(again.ok()) << query << " -> " << Render(*node) << " -> " << again.status();
    EXPECT_EQ(again->DebugString(), node->DebugString()) << query;
  }
  EXPECT_GT(parsed, 10000);
}

}  // namespace
}  // namespace syndex
