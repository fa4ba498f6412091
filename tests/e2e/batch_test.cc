// End-to-end tests of `searcher --batch FILE` and of queries piped on
// standard input: the three query file formats, --output, and a batch with
// a bad query in it. Each query's results in a batch must be the results of
// the same query run alone with --query.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { indexed_ = new CorpusIndex; }
  static void TearDownTestSuite() { delete indexed_; }
  void SetUp() override { ASSERT_EQ(indexed_->build.exit_code(), 0) << indexed_->build.Describe(); }

  static ProcessResult Searcher(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), {SearcherPath(), "--index", indexed_->path});
    RunOptions options;
    options.input = input;
    return RunProgram(args, options);
  }

  // The json lines of `query` run alone, as "doc_id#passage score" strings.
  static std::vector<std::string> Alone(const std::string& query) {
    const ProcessResult r = Searcher({"--query", query, "--format", "json", "-k", "5"});
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return Summaries(ParseJsonLines(r.out));
  }

  static std::vector<std::string> Summaries(const std::vector<nlohmann::json>& lines) {
    std::vector<std::string> out;
    for (const nlohmann::json& j : lines) {
      out.push_back(j.value("doc_id", "") + "#" + std::to_string(j.value("passage", -1)) + " " +
                    std::to_string(j.value("score", 0.0)));
    }
    return out;
  }

  // The json output of a batch, grouped by query_id, in order of appearance.
  static std::vector<std::pair<std::string, std::vector<std::string>>> ByQuery(
      const std::string& out) {
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;
    for (const nlohmann::json& j : ParseJsonLines(out)) {
      const std::string id = j.value("query_id", "");
      if (groups.empty() || groups.back().first != id) groups.push_back({id, {}});
      groups.back().second.push_back(Summaries({j})[0]);
    }
    return groups;
  }

  // Runs the batch file at `path` as JSON and expects one group of results
  // a query, with the ids `ids`, each the results of Queries()[i] run alone.
  static void ExpectBatchAnswersQueries(const std::string& path,
                                        const std::vector<std::string>& ids);

  static CorpusIndex* indexed_;
};

CorpusIndex* Batch::indexed_ = nullptr;

const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {"\"swift and severe costs\"", "macron",
                                                   "sanct* -outlet:independent"};
  return queries;
}

void Batch::ExpectBatchAnswersQueries(const std::string& path,
                                      const std::vector<std::string>& ids) {
  const ProcessResult r = Searcher({"--batch", path, "--format", "json", "-k", "5"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  const auto groups = ByQuery(r.out);
  ASSERT_EQ(groups.size(), ids.size()) << r.out;
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(groups[i].first, ids[i]);
    EXPECT_EQ(groups[i].second, Alone(Queries()[i])) << Queries()[i];
  }
}

TEST_F(Batch, PlainLinesAreNumberedQueries) {
  std::string file;
  for (const std::string& q : Queries()) file += q + "\n";
  ExpectBatchAnswersQueries(indexed_->dir.Write("plain.txt", file), {"1", "2", "3"});
}

TEST_F(Batch, BlankAndCommentLinesAreNotQueries) {
  const std::string path =
      indexed_->dir.Write("comments.txt", "# a comment\nmacron\n\n   \n# another\nsanct*\n");
  const ProcessResult r = Searcher({"--batch", path, "--format", "json", "-k", "5"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  const auto groups = ByQuery(r.out);
  ASSERT_EQ(groups.size(), 2u) << r.out;
  EXPECT_NE(groups[0].first, groups[1].first);
  EXPECT_EQ(groups[0].second, Alone("macron"));
  EXPECT_EQ(groups[1].second, Alone("sanct*"));
}

TEST_F(Batch, TabSeparatedLinesKeepTheirIds) {
  const std::vector<std::string> ids = {"q-swift", "42", "third query"};
  std::string file;
  for (size_t i = 0; i < ids.size(); ++i) file += ids[i] + "\t" + Queries()[i] + "\n";
  const std::string path = indexed_->dir.Write("queries.tsv", file);
  ExpectBatchAnswersQueries(path, ids);
  // trec output carries the same ids in its first column.
  const ProcessResult trec = Searcher({"--batch", path, "--format", "trec", "-k", "5"});
  ASSERT_EQ(trec.exit_code(), 0) << trec.Describe();
  std::vector<std::string> trec_ids;
  for (const std::string& line : SplitLines(trec.out)) {
    const std::string id = line.substr(0, line.find(" Q0 "));
    if (trec_ids.empty() || trec_ids.back() != id) trec_ids.push_back(id);
  }
  EXPECT_EQ(trec_ids, ids) << trec.out;
}

TEST_F(Batch, BeirJsonlGivesQueryIds) {
  std::string file;
  const std::vector<std::string> ids = {"beir-1", "7", "x"};
  for (size_t i = 0; i < ids.size(); ++i) {
    nlohmann::json q = {
        {"_id", ids[i]}, {"text", Queries()[i]}, {"metadata", nlohmann::json::object()}};
    file += q.dump() + "\n";
  }
  ExpectBatchAnswersQueries(indexed_->dir.Write("queries.jsonl", file), ids);
}

TEST_F(Batch, StandardInputIsABatch) {
  std::string file;
  for (size_t i = 0; i < Queries().size(); ++i) {
    file += 's';
    file += std::to_string(i);
    file += '\t';
    file += Queries()[i] + "\n";
  }
  const std::string path = indexed_->dir.Write("stdin.tsv", file);
  const ProcessResult from_file = Searcher({"--batch", path, "--format", "json", "-k", "5"});
  const ProcessResult piped = Searcher({"--format", "json", "-k", "5"}, file);
  ASSERT_EQ(piped.exit_code(), 0) << piped.Describe();
  EXPECT_FALSE(piped.out.empty());
  EXPECT_EQ(piped.out, from_file.out);
  EXPECT_EQ(ByQuery(piped.out).size(), Queries().size());
}

TEST_F(Batch, OutputFileGetsTheResults) {
  std::string file;
  for (const std::string& q : Queries()) file += q + "\n";
  const std::string path = indexed_->dir.Write("out_queries.txt", file);
  const std::string output = indexed_->dir.PathOf("results.trec");
  const ProcessResult to_stdout = Searcher({"--batch", path, "--format", "trec"});
  const ProcessResult to_file = Searcher({"--batch", path, "--format", "trec", "--output", output});
  ASSERT_EQ(to_file.exit_code(), 0) << to_file.Describe();
  EXPECT_EQ(to_file.out, "");
  EXPECT_FALSE(to_stdout.out.empty());
  EXPECT_EQ(ReadFile(output), to_stdout.out);
  // --output replaces an existing file.
  const ProcessResult again =
      Searcher({"--query", "macron", "--format", "trec", "--output", output});
  ASSERT_EQ(again.exit_code(), 0) << again.Describe();
  EXPECT_EQ(ReadFile(output), Searcher({"--query", "macron", "--format", "trec"}).out);
}

TEST_F(Batch, OutputIntoAMissingDirectoryFails) {
  const ProcessResult r =
      Searcher({"--query", "macron", "--output", indexed_->dir.PathOf("no/such/dir/out.txt")});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "no/such/dir/out.txt")) << r.err;
}

TEST_F(Batch, BadQueryIsReportedAndTheOthersAnswered) {
  const std::string path =
      indexed_->dir.Write("bad.tsv", "ok1\tmacron\nbroken\t(a OR\nok2\t\"severe costs\"\n");
  const ProcessResult r = Searcher({"--batch", path, "--format", "json", "-k", "5"});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  const auto groups = ByQuery(r.out);
  ASSERT_EQ(groups.size(), 2u) << r.out;
  EXPECT_EQ(groups[0].first, "ok1");
  EXPECT_EQ(groups[0].second, Alone("macron"));
  EXPECT_EQ(groups[1].first, "ok2");
  EXPECT_EQ(groups[1].second, Alone("\"severe costs\""));
  // The message names the query, its line, and the column of the fault
  // (the OR with nothing after it, at column 4).
  EXPECT_TRUE(Contains(r.err, "broken")) << r.err;
  EXPECT_TRUE(Contains(r.err, "line 2")) << r.err;
  EXPECT_TRUE(Contains(r.err, "column 4")) << r.err;
  EXPECT_FALSE(Contains(r.err, "ok1")) << r.err;
}

TEST_F(Batch, BadQueryInAPlainFileIsNamedByItsLine) {
  const std::string path =
      indexed_->dir.Write("bad.txt", "macron\nsanctions\n\"unclosed phrase\nputin\n");
  const ProcessResult r = Searcher({"--batch", path, "--format", "trec", "-k", "1"});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_EQ(SplitLines(r.out).size(), 3u) << r.out;
  EXPECT_TRUE(Contains(r.err, "line 3")) << r.err;
  // Unclosed: reported one past the end of the 16-character query.
  EXPECT_TRUE(Contains(r.err, "column 17")) << r.err;
}

TEST_F(Batch, MalformedJsonLineIsNamed) {
  const std::string path = indexed_->dir.Write(
      "broken.jsonl", "{\"_id\": \"a\", \"text\": \"macron\"}\n{\"_id\": \"b\", \"text\": \n");
  const ProcessResult r = Searcher({"--batch", path, "--format", "json"});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "broken.jsonl:2")) << r.err;
}

TEST_F(Batch, MissingBatchFileIsNamed) {
  const ProcessResult r = Searcher({"--batch", indexed_->dir.PathOf("absent.txt")});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "absent.txt")) << r.err;
  EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace syndex::cli_test
