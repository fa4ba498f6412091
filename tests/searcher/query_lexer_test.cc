// Tests for searcher/query_lexer.h: token kinds, texts and byte offsets,
// UTF-8 handling, columns, the lexical errors, and SplitPlainWords.
#include "searcher/query_lexer.h"

#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace syndex {
namespace {

using Kind = QueryToken::Kind;

std::string KindName(Kind kind) {
  switch (kind) {
    case Kind::kWord:
      return "WORD";
    case Kind::kPhrase:
      return "PHRASE";
    case Kind::kPhrasings:
      return "PHRASINGS";
    case Kind::kSlop:
      return "SLOP";
    case Kind::kLeftParen:
      return "(";
    case Kind::kRightParen:
      return ")";
    case Kind::kColon:
      return "COLON";
    case Kind::kStar:
      return "STAR";
    case Kind::kMinus:
      return "MINUS";
    case Kind::kPlus:
      return "PLUS";
    case Kind::kAnd:
      return "AND";
    case Kind::kOr:
      return "OR";
    case Kind::kNot:
      return "NOT";
    case Kind::kNear:
      return "NEAR";
    case Kind::kEnd:
      return "END";
  }
  return "?";
}

// The tokens before kEnd as "KIND[text]" separated by spaces; a phrase shows
// its words separated by '|'. An error is returned as "ERROR <message>".
std::string Lex(std::string_view query) {
  absl::StatusOr<std::vector<QueryToken>> tokens = LexQuery(query);
  if (!tokens.ok()) {
    EXPECT_EQ(tokens.status().code(), absl::StatusCode::kInvalidArgument);
    return "ERROR " + std::string(tokens.status().message());
  }
  EXPECT_FALSE(tokens->empty());
  EXPECT_EQ(tokens->back().kind, Kind::kEnd);
  std::string out;
  for (const QueryToken& token : *tokens) {
    if (token.kind == Kind::kEnd) break;
    if (!out.empty()) out += ' ';
    out += KindName(token.kind) + "[" + std::string(token.text) + "]";
    if (token.kind != Kind::kPhrase && token.kind != Kind::kPhrasings) continue;
    for (size_t i = 0; i < token.words.size(); ++i) {
      out += i == 0 ? '{' : '|';
      out += token.words[i];
    }
    out += "}";
  }
  return out;
}

// Every token as "offset-end", kEnd included.
std::string Offsets(std::string_view query) {
  absl::StatusOr<std::vector<QueryToken>> tokens = LexQuery(query);
  if (!tokens.ok()) return "ERROR";
  std::string out;
  for (const QueryToken& token : *tokens) {
    if (!out.empty()) out += ' ';
    out += std::to_string(token.offset) + "-" + std::to_string(token.end);
  }
  return out;
}

TEST(QueryLexer, EmptyQueryHasOnlyTheEndToken) {
  EXPECT_EQ(Lex(""), "");
  EXPECT_EQ(Offsets(""), "0-0");
  EXPECT_EQ(Lex(" \t\n "), "");
  EXPECT_EQ(Offsets("  "), "2-2");
}

TEST(QueryLexer, WordsAreSplitAtWhiteSpace) {
  EXPECT_EQ(Lex("  gaza   ceasefire\t talks\n"), "WORD[gaza] WORD[ceasefire] WORD[talks]");
  EXPECT_EQ(Offsets("  gaza   ceasefire"), "2-6 9-18 18-18");
}

TEST(QueryLexer, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(Lex("a\u00A0b"), "WORD[a] WORD[b]");  // no-break space
  EXPECT_EQ(Lex("a\u202Fb"), "WORD[a] WORD[b]");  // narrow no-break space
  EXPECT_EQ(Lex("a\u3000b\u2003c"), "WORD[a] WORD[b] WORD[c]");
  EXPECT_EQ(Lex("a\u200Bb"), "WORD[a\u200Bb]");  // zero-width space is not white
}

TEST(QueryLexer, Utf8WordsAndApostrophes) {
  EXPECT_EQ(Lex("Zelenskyy Зеленський Elysée 東京"),
            "WORD[Zelenskyy] WORD[Зеленський] WORD[Elysée] WORD[東京]");
  EXPECT_EQ(Lex("l’Élysée ‘quoted’ don't"), "WORD[l’Élysée] WORD[‘quoted’] WORD[don't]");
}

TEST(QueryLexer, InvalidUtf8BytesAreWordCharacters) {
  EXPECT_EQ(Lex("a\xFF-z c"), "WORD[a\xFF-z] WORD[c]");
  EXPECT_EQ(Lex("x \xE2\x80"), "WORD[x] WORD[\xE2\x80]");  // truncated sequence at the end
  EXPECT_EQ(Lex("\xE2\x80\x22q\""), "WORD[\xE2\x80] PHRASE[q]{q}");  // not a curly quote
}

TEST(QueryLexer, Parentheses) {
  EXPECT_EQ(Lex("(a b)"), "([(] WORD[a] WORD[b] )[)]");
  EXPECT_EQ(Lex("foo(bar)baz"), "WORD[foo] ([(] WORD[bar] )[)] WORD[baz]");
  EXPECT_EQ(Offsets("(a)"), "0-1 1-2 2-3 3-3");
}

TEST(QueryLexer, OperatorsAreUpperCaseWords) {
  EXPECT_EQ(Lex("AND OR NOT"), "AND[AND] OR[OR] NOT[NOT]");
  EXPECT_EQ(Lex("and or not And Or Not"),
            "WORD[and] WORD[or] WORD[not] WORD[And] WORD[Or] WORD[Not]");
  EXPECT_EQ(Lex("NOTE ANDROID ORACLE"), "WORD[NOTE] WORD[ANDROID] WORD[ORACLE]");
  EXPECT_EQ(Lex("a(AND)b"), "WORD[a] ([(] AND[AND] )[)] WORD[b]");
  EXPECT_EQ(Lex("AND*"), "WORD[AND] STAR[*]");
}

TEST(QueryLexer, SignsStartingAWordAreOperators) {
  EXPECT_EQ(Lex("-a +b"), "MINUS[-] WORD[a] PLUS[+] WORD[b]");
  EXPECT_EQ(Lex("-(a) +\"b c\""), "MINUS[-] ([(] WORD[a] )[)] PLUS[+] PHRASE[b c]{b|c}");
  EXPECT_EQ(Lex("-“b”"), "MINUS[-] PHRASE[b]{b}");
  EXPECT_EQ(Lex("-AND"), "MINUS[-] AND[AND]");
  EXPECT_EQ(Lex("-*"), "MINUS[-] STAR[*]");
  EXPECT_EQ(Offsets("a -b"), "0-1 2-3 3-4 4-4");
}

TEST(QueryLexer, SignsElsewhereAreWordCharacters) {
  EXPECT_EQ(Lex("de-escalate C++ e-mail+x"), "WORD[de-escalate] WORD[C++] WORD[e-mail+x]");
  EXPECT_EQ(Lex("a - b + c"), "WORD[a] WORD[-] WORD[b] WORD[+] WORD[c]");
  EXPECT_EQ(Lex("a -- b --x +-y"), "WORD[a] WORD[--] WORD[b] WORD[--x] WORD[+-y]");
  EXPECT_EQ(Lex("(a -)"), "([(] WORD[a] WORD[-] )[)]");
  EXPECT_EQ(Lex("a -"), "WORD[a] WORD[-]");
}

TEST(QueryLexer, TrailingStarsBecomeOneToken) {
  EXPECT_EQ(Lex("sever*"), "WORD[sever] STAR[*]");
  EXPECT_EQ(Offsets("sever*"), "0-5 5-6 6-6");
  EXPECT_EQ(Lex("sever***"), "WORD[sever] STAR[***]");
  EXPECT_EQ(Lex("Élys*"), "WORD[Élys] STAR[*]");
  EXPECT_EQ(Lex("* **"), "STAR[*] STAR[**]");
  EXPECT_EQ(Lex("a*b *a"), "WORD[a*b] WORD[*a]");
  EXPECT_EQ(Lex("(a)*"), "([(] WORD[a] )[)] STAR[*]");
}

TEST(QueryLexer, Phrases) {
  EXPECT_EQ(Lex("\"severe costs\""), "PHRASE[severe costs]{severe|costs}");
  EXPECT_EQ(Offsets("x \"a b\" y"), "0-1 2-7 8-9 9-9");
  EXPECT_EQ(Lex("\"  severe \t costs \""), "PHRASE[  severe \t costs ]{severe|costs}");
  EXPECT_EQ(Lex("\"a (b) OR c* -d\""), "PHRASE[a (b) OR c* -d]{a|(b)|OR|c*|-d}");
  EXPECT_EQ(Lex("\"a\"\"b\""), "PHRASE[a]{a} PHRASE[b]{b}");
  EXPECT_EQ(Lex("x\"a\"y"), "WORD[x] PHRASE[a]{a} WORD[y]");
}

TEST(QueryLexer, TypographicQuotesDelimitPhrases) {
  EXPECT_EQ(Lex("“severe costs”"), "PHRASE[severe costs]{severe|costs}");
  EXPECT_EQ(Offsets("“a”"), "0-7 7-7");
  EXPECT_EQ(Lex("„Gespräche in Genf“"), "PHRASE[Gespräche in Genf]{Gespräche|in|Genf}");
  EXPECT_EQ(Lex("\"mixed”"), "PHRASE[mixed]{mixed}");  // any quote closes any other
  EXPECT_EQ(Lex("”reversed“"), "PHRASE[reversed]{reversed}");
}

TEST(QueryLexer, FieldNamesAreFollowedByAColon) {
  EXPECT_EQ(Lex("title:gaza"), "WORD[title] COLON[:] WORD[gaza]");
  EXPECT_EQ(Offsets("title:gaza -ceasefire"), "0-5 5-6 6-10 11-12 12-21 21-21");
  EXPECT_EQ(Lex("TITLE:x Outlet:y"), "WORD[TITLE] COLON[:] WORD[x] WORD[Outlet] COLON[:] WORD[y]");
  EXPECT_EQ(Lex("title:\"a b\""), "WORD[title] COLON[:] PHRASE[a b]{a|b}");
  EXPECT_EQ(Lex("outlet:(a)"), "WORD[outlet] COLON[:] ([(] WORD[a] )[)]");
  EXPECT_EQ(Lex("title:x*"), "WORD[title] COLON[:] WORD[x] STAR[*]");
  EXPECT_EQ(Lex("title: x"), "WORD[title] COLON[:] WORD[x]");
  EXPECT_EQ(Lex("title:"), "WORD[title] COLON[:]");
  EXPECT_EQ(Lex("title:-x"), "WORD[title] COLON[:] MINUS[-] WORD[x]");
}

TEST(QueryLexer, FieldColonInsideTheFollowingWordIsReLexed) {
  EXPECT_EQ(Lex("title:outlet:x"), "WORD[title] COLON[:] WORD[outlet] COLON[:] WORD[x]");
  EXPECT_EQ(Lex("title:foo:bar"), "WORD[title] COLON[:] WORD[foo:bar]");
  EXPECT_EQ(Lex("title::x"), "WORD[title] COLON[:] WORD[:x]");
}

TEST(QueryLexer, OtherColonsArePartOfTheWord) {
  EXPECT_EQ(Lex("foo:bar 10:30 https://x.org/a?b=c"),
            "WORD[foo:bar] WORD[10:30] WORD[https://x.org/a?b=c]");
  EXPECT_EQ(Lex("subtitle:x titles:y :title x:"),
            "WORD[subtitle:x] WORD[titles:y] WORD[:title] WORD[x:]");
  EXPECT_EQ(Lex("title*:x"), "WORD[title*:x]");
}

TEST(QueryLexer, TokenTextsAreViewsIntoTheQuery) {
  const std::string query = "title:\"a b\" c*";
  absl::StatusOr<std::vector<QueryToken>> tokens = LexQuery(query);
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  for (const QueryToken& token : *tokens) {
    EXPECT_GE(token.text.data(), query.data());
    EXPECT_LE(token.text.data() + token.text.size(), query.data() + query.size());
  }
  EXPECT_EQ((*tokens)[2].words[1].data(), query.data() + 9);
}

TEST(QueryLexer, UnterminatedQuoteIsReportedAtTheEnd) {
  EXPECT_EQ(Lex("a \"b c"),
            "ERROR column 7: unterminated quote (opened at column 3 and never closed)");
  EXPECT_EQ(Lex("\""), "ERROR column 2: unterminated quote (opened at column 1 and never closed)");
  EXPECT_EQ(Lex("“a b"),
            "ERROR column 5: unterminated quote (opened at column 1 and never closed)");
  // Columns count code points: "Élysée " is 7 characters but 9 bytes.
  EXPECT_EQ(Lex("Élysée \"x"),
            "ERROR column 10: unterminated quote (opened at column 8 and never closed)");
  EXPECT_EQ(Lex("\"a\" \"b"),
            "ERROR column 7: unterminated quote (opened at column 5 and never closed)");
}

TEST(QueryLexer, EmptyPhraseIsAnError) {
  EXPECT_EQ(Lex("a \"\""),
            "ERROR column 3: empty phrase: put one or more words between the quotes");
  EXPECT_EQ(Lex("\" \t \" x"),
            "ERROR column 1: empty phrase: put one or more words between the quotes");
  EXPECT_EQ(Lex("é “”"), "ERROR column 3: empty phrase: put one or more words between the quotes");
}

// ---------------------------------------------------------------- sloppy phrases

TEST(QueryLexer, TildeAfterAClosingQuoteIsASlop) {
  EXPECT_EQ(Lex("\"a b\"~2"), "PHRASE[a b]{a|b} SLOP[~2]");
  EXPECT_EQ(Offsets("\"a b\"~12 x"), "0-5 5-8 9-10 10-10");
  EXPECT_EQ(Lex("“a b”~3"), "PHRASE[a b]{a|b} SLOP[~3]");
  EXPECT_EQ(Lex("(\"a\"~0)"), "([(] PHRASE[a]{a} SLOP[~0] )[)]");
  EXPECT_EQ(Lex("\"a\"~2\"b\""), "PHRASE[a]{a} SLOP[~2] PHRASE[b]{b}");
}

TEST(QueryLexer, SlopTakesTheWholeRunForTheParserToCheck) {
  EXPECT_EQ(Lex("\"a b\"~"), "PHRASE[a b]{a|b} SLOP[~]");
  EXPECT_EQ(Lex("\"a b\"~ x"), "PHRASE[a b]{a|b} SLOP[~] WORD[x]");
  EXPECT_EQ(Lex("\"a b\"~x2*"), "PHRASE[a b]{a|b} SLOP[~x2*]");
  EXPECT_EQ(Lex("\"a b\"~-1"), "PHRASE[a b]{a|b} SLOP[~-1]");
  EXPECT_EQ(Lex("\"a b\"~\"c\""), "PHRASE[a b]{a|b} SLOP[~] PHRASE[c]{c}");
}

TEST(QueryLexer, TildeAfterASpaceIsAWordCharacter) {
  EXPECT_EQ(Lex("\"a b\" ~2"), "PHRASE[a b]{a|b} WORD[~2]");
}

// ---------------------------------------------------------------- phrasings

TEST(QueryLexer, TildeBeforeAQuoteOpensAPhrasingsQuery) {
  EXPECT_EQ(Lex("~\"swift and severe\""), "PHRASINGS[swift and severe]{swift|and|severe}");
  EXPECT_EQ(Offsets("x ~\"a b\" y"), "0-1 2-8 9-10 10-10");
  EXPECT_EQ(Lex("~“a b”"), "PHRASINGS[a b]{a|b}");
  EXPECT_EQ(Offsets("~“a”"), "0-8 8-8");
  EXPECT_EQ(Lex("~„Gespräche in Genf“"), "PHRASINGS[Gespräche in Genf]{Gespräche|in|Genf}");
  EXPECT_EQ(Lex("~\"a (b) OR -c NEAR\""), "PHRASINGS[a (b) OR -c NEAR]{a|(b)|OR|-c|NEAR}");
}

TEST(QueryLexer, PhrasingsQueryWhereverAWordCouldStart) {
  EXPECT_EQ(Lex("-~\"a\" +~\"b\""), "MINUS[-] PHRASINGS[a]{a} PLUS[+] PHRASINGS[b]{b}");
  EXPECT_EQ(Lex("(~\"a\")"), "([(] PHRASINGS[a]{a} )[)]");
  EXPECT_EQ(Lex("title:~\"a\""), "WORD[title] COLON[:] PHRASINGS[a]{a}");
  EXPECT_EQ(Lex("\"a\"~\"b\""), "PHRASE[a]{a} SLOP[~] PHRASE[b]{b}");  // the slop comes first
  EXPECT_EQ(Lex("~\"a b\"~2"), "PHRASINGS[a b]{a|b} SLOP[~2]");
}

TEST(QueryLexer, TildeNotBeforeAQuoteIsAWordCharacter) {
  EXPECT_EQ(Lex("~5 approx~ a~b ~ ~~"), "WORD[~5] WORD[approx~] WORD[a~b] WORD[~] WORD[~~]");
  EXPECT_EQ(Lex("x~\"a\""), "WORD[x~] PHRASE[a]{a}");
  EXPECT_EQ(Lex("~~\"a\""), "WORD[~~] PHRASE[a]{a}");
  EXPECT_EQ(Lex("~ \"a\""), "WORD[~] PHRASE[a]{a}");
  EXPECT_EQ(Lex("-~5 ~*"), "MINUS[-] WORD[~5] WORD[~] STAR[*]");
}

TEST(QueryLexer, PhrasingsErrors) {
  EXPECT_EQ(Lex("~\"a b"),
            "ERROR column 6: unterminated quote (opened at column 2 and never closed)");
  EXPECT_EQ(Lex("~\"\""), "ERROR column 1: empty phrase: put one or more words between the quotes");
  EXPECT_EQ(Lex("x ~“ ”"),
            "ERROR column 3: empty phrase: put one or more words between the quotes");
}

// ---------------------------------------------------------------- NEAR

TEST(QueryLexer, NearIsAnUpperCaseOperator) {
  EXPECT_EQ(Lex("a NEAR b"), "WORD[a] NEAR[NEAR] WORD[b]");
  EXPECT_EQ(Offsets("a NEAR/12 b"), "0-1 2-9 10-11 11-11");
  EXPECT_EQ(Lex("a NEAR/5 b"), "WORD[a] NEAR[NEAR/5] WORD[b]");
  EXPECT_EQ(Lex("(NEAR)"), "([(] NEAR[NEAR] )[)]");
  EXPECT_EQ(Lex("title:NEAR"), "WORD[title] COLON[:] NEAR[NEAR]");
}

TEST(QueryLexer, AnyRunStartingWithNearSlashIsNearForTheParserToCheck) {
  EXPECT_EQ(Lex("NEAR/ NEAR/x NEAR/5* NEAR/-1"),
            "NEAR[NEAR/] NEAR[NEAR/x] NEAR[NEAR/5*] NEAR[NEAR/-1]");
}

TEST(QueryLexer, OtherSpellingsOfNearAreWords) {
  EXPECT_EQ(Lex("near Near NEARBY xNEAR/3 near/3 NEAR*"),
            "WORD[near] WORD[Near] WORD[NEARBY] WORD[xNEAR/3] WORD[near/3] WORD[NEAR] STAR[*]");
}

// ---------------------------------------------------------------- SplitPlainWords

// The words as "text@offset", separated by spaces.
std::string Plain(std::string_view query) {
  std::string out;
  for (const PlainWord& word : SplitPlainWords(query)) {
    if (!out.empty()) out += ' ';
    out += word.text + "@" + std::to_string(word.offset);
  }
  return out;
}

TEST(QueryLexer, PlainWordsAreSplitAtWhiteSpaceOnly) {
  EXPECT_EQ(Plain("swift and severe costs"), "swift@0 and@6 severe@10 costs@17");
  EXPECT_EQ(Plain("a AND -b NEAR/3 (c) d* title:e"),
            "a@0 AND@2 -b@6 NEAR/3@9 (c)@16 d*@20 title:e@23");
  EXPECT_EQ(Plain(" a\u00A0b\u3000c\t\n"), "a@1 b@4 c@8");
  EXPECT_EQ(Plain("a\u200Bb"), "a\u200Bb@0");
  EXPECT_EQ(Plain("x \xFF y"), "x@0 \xFF@2 y@4");
}

TEST(QueryLexer, PlainWordsLoseTheirQuotes) {
  EXPECT_EQ(Plain("\"swift and\" “severe” „costs“"), "swift@0 and@7 severe@12 costs@25");
  EXPECT_EQ(Plain("\"a\"b don\"t"), "ab@0 dont@5");
  EXPECT_EQ(Plain("\"a b"), "a@0 b@3");       // no quote needs closing
  EXPECT_EQ(Plain("a \" “” b"), "a@0 b@11");  // a word of quotes only disappears
  EXPECT_EQ(Plain("‘a’"), "‘a’@0");           // single quotes are not phrase quotes
}

TEST(QueryLexer, PlainWordsDropOnlyTheLeadingTilde) {
  EXPECT_EQ(Plain("~\"swift and\""), "swift@0 and@8");
  EXPECT_EQ(Plain("  ~a ~b"), "a@2 ~b@5");
  EXPECT_EQ(Plain("~~a"), "~a@0");
  EXPECT_EQ(Plain("~ a"), "a@2");
  EXPECT_EQ(Plain("\"\" ~a"), "~a@3");  // the '~' is not the first character
  EXPECT_EQ(Plain("a~ b~"), "a~@0 b~@3");
}

TEST(QueryLexer, PlainWordsOfNothing) {
  EXPECT_EQ(Plain(""), "");
  EXPECT_EQ(Plain(" \t\u3000"), "");
  EXPECT_EQ(Plain("~ \"\" “ ”"), "");
  EXPECT_TRUE(SplitPlainWords("~").empty());
}

TEST(QueryLexer, ColumnAtCountsCodePoints) {
  EXPECT_EQ(ColumnAt("", 0), 1u);
  EXPECT_EQ(ColumnAt("abc", 0), 1u);
  EXPECT_EQ(ColumnAt("abc", 2), 3u);
  EXPECT_EQ(ColumnAt("abc", 3), 4u);
  const std::string_view cyrillic = "Зеленський x";  // 10 letters, 2 bytes each
  EXPECT_EQ(ColumnAt(cyrillic, 21), 12u);
  EXPECT_EQ(ColumnAt("東京 x", 7), 4u);      // 3 bytes a character
  EXPECT_EQ(ColumnAt("😀 x", 5), 3u);         // 4 bytes
  EXPECT_EQ(ColumnAt("\xFF\xFE x", 3), 4u);  // each invalid byte is a column
  EXPECT_EQ(ColumnAt("\xE2\x80 x", 3), 4u);  // so is each byte of a truncated sequence
  EXPECT_EQ(ColumnAt("\xC0\xAF x", 3), 4u);  // and of an overlong one
}

TEST(QueryLexer, QuerySyntaxErrorNamesTheColumn) {
  const absl::Status status = QuerySyntaxError("Élysée x", 9, "bad x");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "column 8: bad x");
}

}  // namespace
}  // namespace syndex
