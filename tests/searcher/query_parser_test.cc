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
    case NodeKind::kPhrase: {
      std::string out = field + "\"";
      for (size_t i = 0; i < node.words.size(); ++i) out += (i > 0 ? " " : "") + node.words[i];
      return out + "\"";
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
      ASSERT_EQ(node.words.size(), 1u) << query;
      EXPECT_FALSE(node.words[0].empty()) << query;
      if (node.field == QueryField::kBody) {
        EXPECT_EQ(query.substr(node.offset, node.words[0].size()), node.words[0]) << query;
      }
      break;
    case NodeKind::kPhrase:
      EXPECT_GE(node.words.size(), 1u) << query;
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
    if (!in_field_ && Pick(6) == 0) {
      static constexpr const char* kFields[] = {"title:", "outlet:", "TITLE:", "title: "};
      in_field_ = true;
      std::string out = absl::StrCat(kFields[Pick(4)], Atom(depth));
      in_field_ = false;
      return out;
    }
    return Atom(depth);
  }

  std::string Atom(int depth) {
    static constexpr const char* kWords[] = {
        "gaza",     "ceasefire",  "and",         "or",    "not",     "Zelenskyy",
        "Elysée",   "l’Élysée",   "de-escalate", "10:30", "foo:bar", "https://x.org/a?b=c",
        "C++",      "Зеленський", "東京",        "😀",     "Title",   "a*b",
        "‘quoted’", "--",         "x-"};
    const std::string word = kWords[Pick(std::size(kWords))];
    switch (depth > 0 ? Pick(6) : Pick(3)) {
      case 0:
        return word + "*";
      case 1:
        if (Pick(2) == 0) return absl::StrCat("“", word, "”");
        return absl::StrCat("\"", word, " ", kWords[Pick(std::size(kWords))], "\"");
      case 3:
        return absl::StrCat("(", Or(depth - 1), ")");
      default:
        return word;
    }
  }

  std::mt19937_64 random_;
  bool in_field_ = false;
};

TEST(QueryParserProperty, GeneratedQueriesParseAndRoundTrip) {
  QueryGenerator generator(20240607);
  int parsed = 0, rejected = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string query = generator.Query();
    for (DefaultOperator op : {DefaultOperator::kOr, DefaultOperator::kAnd}) {
      ParseOptions options;
      options.default_operator = op;
      absl::StatusOr<QueryNode> node = ParseQuery(query, options);
      if (!node.ok()) {
        // The generator writes only grammatical queries, so the only
        // possible errors are the two semantic ones.
        ++rejected;
        const std::string message(node.status().message());
        EXPECT_TRUE(message.find("nothing to search for") != std::string::npos ||
                    message.find("OR cannot take an excluded") != std::string::npos)
            << query << " -> " << message;
        continue;
      }
      ++parsed;
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
}

// Arbitrary bytes, biased toward the characters the grammar cares about:
// never a crash, only a tree or InvalidArgument with a column inside the query.
TEST(QueryParserProperty, GarbageNeverCrashes) {
  static constexpr const char* kPieces[] = {"a",        "é",      " ",   "\"",   "“",      "”",
                                            "(",        ")",      "*",   "-",    "+",      ":",
                                            "title",    "outlet", "AND", "OR",   "NOT",    "\xFF",
                                            "\xE2\x80", "\x9C",   "\t",  "\xC3", "\u00A0", "x:y"};
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

}  // namespace
}  // namespace syndex
