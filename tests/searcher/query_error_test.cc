// Tests for searcher/query_error.h: the message line, then the query with a
// caret under the column the message names (counted in characters), with
// tabs and newlines shown as spaces so the caret lines up; and the real
// messages of the parser pointing at the right character.
#include "searcher/query_error.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "searcher/query_parser.h"

namespace syndex {
namespace {

// The character (code point, as a UTF-8 string) of the query line above the
// caret, or "" if the caret is past the end.
std::string CharacterAboveCaret(const std::string& described) {
  std::vector<std::string> lines = absl::StrSplit(described, '\n');
  EXPECT_EQ(lines.size(), 4u) << described;  // message, query, caret, "" after the final \n
  if (lines.size() < 3) return "?";
  const size_t caret = lines[2].find('^');
  EXPECT_EQ(lines[2].find_first_not_of(' '), caret) << described;
  // Walk the query line by code points.
  const std::string& query = lines[1];
  size_t column = 0;
  for (size_t i = 0; i < query.size();) {
    size_t length = 1;
    const unsigned char c = query[i];
    if (c >= 0xF0)
      length = 4;
    else if (c >= 0xE0)
      length = 3;
    else if (c >= 0xC0)
      length = 2;
    if (column == caret) return query.substr(i, length);
    ++column;
    i += length;
  }
  return "";
}

TEST(QueryError, CaretUnderTheColumn) {
  EXPECT_EQ(DescribeQueryError("swift (severe costs",
                               absl::InvalidArgumentError("column 7: unbalanced '('")),
            "error: column 7: unbalanced '('\n"
            "  swift (severe costs\n"
            "        ^\n");
}

TEST(QueryError, ColumnOneIsUnderTheFirstCharacter) {
  EXPECT_EQ(DescribeQueryError("OR b", absl::InvalidArgumentError("column 1: OR must ...")),
            "error: column 1: OR must ...\n"
            "  OR b\n"
            "  ^\n");
}

TEST(QueryError, ColumnPastTheEnd) {
  EXPECT_EQ(DescribeQueryError("a (b", absl::InvalidArgumentError("column 5: unbalanced")),
            "error: column 5: unbalanced\n"
            "  a (b\n"
            "      ^\n");
}

TEST(QueryError, ColumnsCountCharactersNotBytes) {
  // "Élysée *": the '*' is character 8 but byte 10.
  const std::string described =
      DescribeQueryError("Élysée *", absl::InvalidArgumentError("column 8: '*' must ..."));
  EXPECT_EQ(described,
            "error: column 8: '*' must ...\n"
            "  Élysée *\n"
            "         ^\n");
  EXPECT_EQ(CharacterAboveCaret(described), "*");
}

TEST(QueryError, TabsAndNewlinesBecomeSpaces) {
  EXPECT_EQ(DescribeQueryError("a\tb\nc *", absl::InvalidArgumentError("column 7: '*'")),
            "error: column 7: '*'\n"
            "  a b c *\n"
            "        ^\n");
}

TEST(QueryError, MessageWithoutColumnHasNoCaret) {
  EXPECT_EQ(DescribeQueryError("x", absl::InvalidArgumentError("column x: odd")),
            "error: column x: odd\n");
  EXPECT_EQ(DescribeQueryError("x", absl::DataLossError("index damaged at column 3: x")),
            "error: index damaged at column 3: x\n");
  EXPECT_EQ(DescribeQueryError("x", absl::InvalidArgumentError("")), "error: \n");
}

// The parser's own errors: the caret sits under the character at fault.
struct ParserCase {
  std::string query;
  std::string above_caret;  // "" for one past the end
};

TEST(QueryError, ParserErrorsPointAtTheFault) {
  const std::vector<ParserCase> cases = {
      {"a OR b) c", ")"},
      {"a *", "*"},
      {"a OR -b", "-"},
      {"title:(a OR outlet:b)", "o"},
      {"(gaza OR kyiv", ""},
      {"a \"b c", ""},
      {"Зеленський AND", "A"},
      {"東京 OR", "O"},
      {"l’Élysée\t*", "*"},
      {"a\n(b", ""},
      // Sloppy phrases, NEAR and phrasings queries.
      {"Élysée \"a b\"~x", "~"},
      {"\"a b\"~5000", "5"},
      {"title:\"a b\"~2", "~"},
      {"東京 NEAR", "N"},
      {"a NEAR/2000 b", "2"},
      {"„a b“ NEAR c", "„"},
      {"a NEAR (b)", "("},
      {"a NEAR -b", "-"},
      {"x -~“a b”", "~"},
      {"title:~\"a\"", "~"},
      {"~\"a b\"~2 x", "~"},
      {"title:(a NEAR b)", "N"},
  };
  for (const ParserCase& c : cases) {
    const absl::StatusOr<QueryNode> parsed = ParseQuery(c.query, {});
    ASSERT_FALSE(parsed.ok()) << c.query;
    const std::string described = DescribeQueryError(c.query, parsed.status());
    EXPECT_EQ(CharacterAboveCaret(described), c.above_caret) << described;
  }
}

TEST(QueryError, PhrasingsModeEmptyQueryPointsAtColumnOne) {
  ParseOptions options;
  options.phrasings = true;
  const absl::StatusOr<QueryNode> parsed = ParseQuery("~ \"\"", options);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(DescribeQueryError("~ \"\"", parsed.status()),
            "error: column 1: empty query: type a word or a \"phrase\" to search for\n"
            "  ~ \"\"\n"
            "  ^\n");
}

}  // namespace
}  // namespace syndex
