// Tests for searcher/query_file.h: plain files (one query a line), qid<TAB>
// query files and BEIR queries.jsonl (string and numeric ids, "id"/"query"
// aliases), blank and '#' lines skipped, CRLF, and the errors (missing file,
// malformed JSON naming its line).
#include "searcher/query_file.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace {

struct Expected {
  std::string id, text;
  size_t line;
};

void ExpectQueries(const absl::StatusOr<std::vector<QueryLine>>& got,
                   const std::vector<Expected>& expected) {
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*got)[i].id, expected[i].id) << i;
    EXPECT_EQ((*got)[i].text, expected[i].text) << i;
    EXPECT_EQ((*got)[i].line, expected[i].line) << i;
  }
}

// ---------------------------------------------------------------- plain

TEST(QueryFile, PlainLinesAreNumberedFromOne) {
  ExpectQueries(ParseQueryFile("queries.txt", "swift costs\n\"severe costs\" -x\ngaza\n"),
                {{"1", "swift costs", 1}, {"2", "\"severe costs\" -x", 2}, {"3", "gaza", 3}});
}

TEST(QueryFile, PlainLastLineWithoutNewline) {
  ExpectQueries(ParseQueryFile("q", "a\nb"), {{"1", "a", 1}, {"2", "b", 2}});
}

TEST(QueryFile, BlankAndCommentLinesAreSkipped) {
  // Ids are the line numbers, so they stay stable when comments are added
  // around a query... and the line field names the line for messages.
  ExpectQueries(
      ParseQueryFile("q.txt", "# topics\n\nfirst\n   \n\t\n  # indented comment\nsecond\n"),
      {{"3", "first", 3}, {"7", "second", 7}});
}

TEST(QueryFile, SurroundingWhiteSpaceAndCrlfAreTrimmed) {
  ExpectQueries(ParseQueryFile("q.txt", "  swift costs \r\ngaza\r\n"),
                {{"1", "swift costs", 1}, {"2", "gaza", 2}});
}

TEST(QueryFile, TabSeparatedIdAndQuery) {
  ExpectQueries(ParseQueryFile("topics.tsv", "301\tswift costs\nq-2\t\"severe costs\"\tmore\n"),
                {{"301", "swift costs", 1}, {"q-2", "\"severe costs\"\tmore", 2}});
}

TEST(QueryFile, EmptyFile) {
  ExpectQueries(ParseQueryFile("q.txt", ""), {});
  ExpectQueries(ParseQueryFile("q.txt", "\n\n# only comments\n"), {});
}

// ---------------------------------------------------------------- json

TEST(QueryFile, BeirJsonlWithStringIds) {
  ExpectQueries(ParseQueryFile("queries.jsonl",
                               "{\"_id\": \"q1\", \"text\": \"swift costs\", \"metadata\": {}}\n"
                               "{\"_id\": \"q2\", \"text\": \"l’\\u00c9lys\\u00e9e \\\"x\\\"\"}\n"),
                {{"q1", "swift costs", 1}, {"q2", "l’Élysée \"x\"", 2}});
}

TEST(QueryFile, BeirJsonlWithNumericIds) {
  ExpectQueries(
      ParseQueryFile("queries.jsonl",
                     "{\"_id\": 42, \"text\": \"swift\"}\n{\"_id\": 7, \"text\": \"gaza\"}\n"),
      {{"42", "swift", 1}, {"7", "gaza", 2}});
}

TEST(QueryFile, JsonIdAndQueryAliases) {
  ExpectQueries(ParseQueryFile("queries.json", "{\"id\": \"a\", \"query\": \"swift\"}\n"),
                {{"a", "swift", 1}});
}

TEST(QueryFile, JsonWithoutIdIsNumberedByLine) {
  ExpectQueries(ParseQueryFile("queries.jsonl", "\n{\"text\": \"swift\"}\n"), {{"2", "swift", 2}});
}

TEST(QueryFile, JsonRecognizedByFirstLine) {
  ExpectQueries(ParseQueryFile("queries.txt", "{\"_id\": \"q1\", \"text\": \"swift\"}\n"),
                {{"q1", "swift", 1}});
  ExpectQueries(ParseQueryFile("queries", "  {\"_id\": 3, \"text\": \"gaza\"}"),
                {{"3", "gaza", 1}});
}

TEST(QueryFile, JsonRecognizedAfterLeadingCommentAndBlankLines) {
  ExpectQueries(
      ParseQueryFile("queries.txt", "# BEIR queries\n\n{\"_id\": \"q1\", \"text\": \"swift\"}\n"),
      {{"q1", "swift", 3}});
  // A plain file opening with a comment stays plain.
  ExpectQueries(ParseQueryFile("queries.txt", "# {not json}\nswift {x}\n"),
                {{"2", "swift {x}", 2}});
}

TEST(QueryFile, JsonSkipsBlankAndCommentLines) {
  ExpectQueries(
      ParseQueryFile(
          "queries.jsonl",
          "{\"_id\": \"a\", \"text\": \"x\"}\n\n# c\n{\"_id\": \"b\", \"text\": \"y\"}\r\n"),
      {{"a", "x", 1}, {"b", "y", 4}});
}

TEST(QueryFile, MalformedJsonLineIsNamed) {
  const auto got = ParseQueryFile(
      "queries.jsonl", "{\"_id\": \"a\", \"text\": \"x\"}\n\n{\"_id\": \"b\", \"text\": \n");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("queries.jsonl:3"), absl::string_view::npos)
      << got.status();
}

TEST(QueryFile, JsonLineThatIsNotAnObject) {
  const auto got = ParseQueryFile("queries.jsonl", "[\"swift\"]\n");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("queries.jsonl:1"), absl::string_view::npos)
      << got.status();
}

TEST(QueryFile, JsonLineWithoutText) {
  const auto got =
      ParseQueryFile("queries.jsonl", "{\"_id\": \"a\", \"text\": \"x\"}\n{\"_id\": \"b\"}\n");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("queries.jsonl:2"), absl::string_view::npos)
      << got.status();
}

// ---------------------------------------------------------------- files

class QueryFileOnDisk : public ::testing::Test {
 protected:
  testing::ScratchDir dir_{"syndex_queries"};
};

TEST_F(QueryFileOnDisk, ReadsPlainAndJsonl) {
  ExpectQueries(ReadQueryFile(dir_.Write("q.txt", "301\tswift\n")), {{"301", "swift", 1}});
  ExpectQueries(ReadQueryFile(dir_.Write("queries.jsonl", "{\"_id\": 1, \"text\": \"gaza\"}\n")),
                {{"1", "gaza", 1}});
}

TEST_F(QueryFileOnDisk, MissingFileIsNotFound) {
  const auto got = ReadQueryFile(dir_.PathOf("missing.txt"));
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound) << got.status();
  EXPECT_NE(got.status().message().find("missing.txt"), absl::string_view::npos) << got.status();
}

TEST_F(QueryFileOnDisk, MalformedLineNamesThePath) {
  const std::string path = dir_.Write("bad.jsonl", "{\"_id\": 1, \"text\": \"a\"}\n{oops\n");
  const auto got = ReadQueryFile(path);
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.status().message().find(path + ":2"), absl::string_view::npos) << got.status();
}

}  // namespace
}  // namespace syndex
