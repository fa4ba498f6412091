// End-to-end tests of `searcher --threads N` and `--timings`: a batch
// answered on several threads writes the same bytes, in input order, as on
// one thread, and reports its bad queries the same way; a damaged index
// stops the batch at the same query; --timings adds its two lines to
// standard error and nothing to the results; bad --threads values are usage
// errors. Nothing here measures speed.
#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

// 40 queries over corpus/, in every form the parser knows; lines 10 and 20
// are bad.
const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {"\"swift and severe costs\"",
                                                   "macron",
                                                   "sanct* -outlet:independent",
                                                   "putin biden",
                                                   "~\"swift and severe costs\"",
                                                   "\"peace talks\"~3",
                                                   "kremlin NEAR/5 hysteria",
                                                   "title:ukraine",
                                                   "outlet:(reuters OR \"financial times\")",
                                                   "(a OR",
                                                   "invasion AND ukraine NOT hysteria",
                                                   "russia",
                                                   "ukraine",
                                                   "white house",
                                                   "\"white house\"",
                                                   "diplomacy de-escalation",
                                                   "biden putin call",
                                                   "sanctions economic",
                                                   "kremlin",
                                                   "\"unclosed phrase",
                                                   "hour-long phone call",
                                                   "\"severe costs\"",
                                                   "breakthrough",
                                                   "military build-up",
                                                   "security assurances",
                                                   "+ukraine invasion",
                                                   "nato",
                                                   "blinken",
                                                   "zelensk*",
                                                   "moscow -kremlin",
                                                   "\"further invasion\"",
                                                   "intransigent",
                                                   "ultimatum",
                                                   "europe allies",
                                                   "de-escalation AND diplomacy",
                                                   "title:\"peace talks\"",
                                                   "hysteria",
                                                   "reuters",
                                                   "weapons",
                                                   "troops border"};
  return queries;
}

// The queries as a qid<TAB>query file's contents.
std::string QueryFile() {
  std::string file;
  for (size_t i = 0; i < Queries().size(); ++i) {
    file += "q" + std::to_string(i + 1) + "\t" + Queries()[i] + "\n";
  }
  return file;
}

class BatchThreads : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    indexed_ = new CorpusIndex;
    batch_ = new std::string(indexed_->dir.Write("queries.tsv", QueryFile()));
  }
  static void TearDownTestSuite() {
    delete batch_;
    delete indexed_;
  }
  void SetUp() override { ASSERT_EQ(indexed_->build.exit_code(), 0) << indexed_->build.Describe(); }

  static ProcessResult Searcher(std::vector<std::string> args, const std::string& input = "",
                                const std::string& index = indexed_->path) {
    args.insert(args.begin(), {SearcherPath(), "--index", index});
    RunOptions options;
    options.input = input;
    return RunProgram(args, options);
  }

  // The --timings lines of standard error.
  static std::vector<std::string> TimingsLines(const std::string& err) {
    std::vector<std::string> lines;
    for (const std::string& line : SplitLines(err)) {
      if (line.rfind("searcher: timings: ", 0) == 0) lines.push_back(line);
    }
    return lines;
  }

  static CorpusIndex* indexed_;
  static std::string* batch_;
};

CorpusIndex* BatchThreads::indexed_ = nullptr;
std::string* BatchThreads::batch_ = nullptr;

TEST_F(BatchThreads, ThreeThreadsWriteWhatOneWrites) {
  const std::vector<std::vector<std::string>> variants = {{"--format", "text"},
                                                          {"--format", "text", "--expand"},
                                                          {"--format", "json", "--explain"},
                                                          {"--format", "trec", "-k", "100"},
                                                          {"--format", "json", "--unit", "doc"}};
  for (std::vector<std::string> args : variants) {
    args.insert(args.begin(), {"--batch", *batch_});
    std::vector<std::string> one = args, three = args;
    one.insert(one.end(), {"--threads", "1"});
    three.insert(three.end(), {"--threads", "3"});
    const ProcessResult r1 = Searcher(one);
    const ProcessResult r3 = Searcher(three);
    const std::string what = ::testing::PrintToString(args);
    // The two bad queries fail the batch; the others are answered.
    EXPECT_EQ(r1.exit_code(), 1) << what << r1.Describe();
    EXPECT_EQ(r3.exit_code(), 1) << what << r3.Describe();
    EXPECT_GT(r1.out.size(), 1000u) << what << r1.Describe();
    EXPECT_TRUE(r1.out == r3.out) << what << ": the outputs differ";
    EXPECT_EQ(r1.err, r3.err) << what;
  }
}

TEST_F(BatchThreads, ResultsAndErrorsComeInInputOrder) {
  const ProcessResult r = Searcher({"--batch", *batch_, "--format", "json", "--threads", "3"});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  // Each query's results in one run, the queries numbered as in the file.
  std::vector<int> order;
  for (const nlohmann::json& j : ParseJsonLines(r.out)) {
    const int q = std::stoi(j.value("query_id", "q0").substr(1));
    if (order.empty() || order.back() != q) order.push_back(q);
  }
  EXPECT_GT(order.size(), 30u);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << ::testing::PrintToString(order);
  EXPECT_TRUE(std::find(order.begin(), order.end(), 10) == order.end());
  EXPECT_TRUE(std::find(order.begin(), order.end(), 20) == order.end());
  // The bad queries, lines 10 and 20, in that order, and nothing else.
  const size_t first = r.err.find("searcher: query q10 (line 10): error: column 4:");
  const size_t second = r.err.find("searcher: query q20 (line 20): error: column 17:");
  ASSERT_NE(first, std::string::npos) << r.err;
  ASSERT_NE(second, std::string::npos) << r.err;
  EXPECT_LT(first, second) << r.err;
  size_t reports = 0;
  for (const std::string& line : SplitLines(r.err))
    reports += line.rfind("searcher: query ", 0) == 0;
  EXPECT_EQ(reports, 2u) << r.err;
}

TEST_F(BatchThreads, StandardInputOnThreadsIsTheSame) {
  const ProcessResult r1 = Searcher({"--format", "json", "--threads", "1"}, QueryFile());
  const ProcessResult r3 = Searcher({"--format", "json", "--threads", "3"}, QueryFile());
  EXPECT_EQ(r3.exit_code(), 1) << r3.Describe();
  EXPECT_FALSE(r1.out.empty());
  EXPECT_TRUE(r1.out == r3.out) << "the outputs differ";
  EXPECT_EQ(r1.err, r3.err);
}

TEST_F(BatchThreads, DamagedIndexStopsTheBatchAtTheSameQuery) {
  // Without checksums, a flipped byte in the stored text goes unnoticed
  // until a query shows a passage: then the batch stops there. Query 1 is
  // bad (reported, the batch goes on), query 2 finds nothing (no text read),
  // query 3 shows passages.
  ScratchDir damaged;
  const std::string index = damaged.PathOf("index");
  CopyDir(indexed_->path, index);
  std::string txt;
  for (const std::string& name : ListDir(index)) {
    if (name.size() > 4 && name.substr(name.size() - 4) == ".txt") txt = index + "/" + name;
  }
  ASSERT_FALSE(txt.empty()) << "no stored text file in " << index;
  std::string bytes = ReadFile(txt);
  for (size_t i = bytes.size() / 4; i < bytes.size() * 3 / 4; ++i) bytes[i] ^= 0x5a;
  WriteFile(txt, bytes);
  std::string file = "bad\t(a OR\nnothing\tno-such-word-anywhere\nshown\tputin\n";
  for (size_t i = 0; i < Queries().size(); ++i) {
    file += "more" + std::to_string(i) + "\t" + Queries()[i] + "\n";
  }
  const std::string path = damaged.Write("damaged.tsv", file);
  const ProcessResult r1 = Searcher({"--batch", path, "--no-verify", "--threads", "1"}, "", index);
  const ProcessResult r3 = Searcher({"--batch", path, "--no-verify", "--threads", "3"}, "", index);
  EXPECT_EQ(r1.exit_code(), 1) << r1.Describe();
  EXPECT_EQ(r3.exit_code(), 1) << r3.Describe();
  EXPECT_TRUE(Contains(r1.out, "no-such-word-anywhere")) << r1.Describe();
  EXPECT_FALSE(Contains(r1.out, "putin")) << r1.Describe();
  EXPECT_TRUE(Contains(r1.err, "searcher: query bad (line 1)")) << r1.err;
  EXPECT_TRUE(Contains(r1.err, "searcher: query shown (line 3)")) << r1.err;
  EXPECT_FALSE(Contains(r1.err, "more")) << r1.err;
  EXPECT_EQ(r1.out, r3.out);
  EXPECT_EQ(r1.err, r3.err);
}

TEST_F(BatchThreads, TimingsSummarizeTheBatchOnStandardError) {
  const ProcessResult plain = Searcher({"--batch", *batch_, "--threads", "2"});
  const ProcessResult timed = Searcher({"--batch", *batch_, "--threads", "2", "--timings"});
  EXPECT_EQ(timed.exit_code(), 1) << timed.Describe();
  EXPECT_TRUE(timed.out == plain.out) << "--timings changed the results";
  EXPECT_TRUE(TimingsLines(plain.err).empty()) << plain.err;
  const std::vector<std::string> lines = TimingsLines(timed.err);
  ASSERT_EQ(lines.size(), 2u) << timed.err;
  EXPECT_TRUE(std::regex_match(
      lines[0], std::regex(R"(searcher: timings: 40 queries \(2 failed\), 2 threads, )"
                           R"([0-9]+\.[0-9]{3} s, [0-9]+\.[0-9] queries/s)")))
      << lines[0];
  EXPECT_TRUE(std::regex_match(lines[1], std::regex(R"(searcher: timings: latency ms: )"
                                                    R"(p50 [0-9.]+, p95 [0-9.]+, p99 [0-9.]+, )"
                                                    R"(mean [0-9.]+, max [0-9.]+)")))
      << lines[1];
  // The rest of standard error is the bad queries' reports, as without.
  EXPECT_EQ(timed.err.substr(0, timed.err.find("searcher: timings: ")), plain.err);
}

TEST_F(BatchThreads, TimingsWithAnOutputFileOrOneQuery) {
  const std::string output = indexed_->dir.PathOf("timed.trec");
  const ProcessResult to_file =
      Searcher({"--batch", *batch_, "--format", "trec", "--output", output, "--timings"});
  EXPECT_EQ(to_file.exit_code(), 1) << to_file.Describe();
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ReadFile(output), Searcher({"--batch", *batch_, "--format", "trec"}).out);
  std::vector<std::string> lines = TimingsLines(to_file.err);
  ASSERT_EQ(lines.size(), 2u) << to_file.err;
  EXPECT_TRUE(Contains(lines[0], "timings: 40 queries (2 failed), ")) << lines[0];

  const ProcessResult one = Searcher({"--query", "putin", "--timings", "--threads", "4"});
  EXPECT_EQ(one.exit_code(), 0) << one.Describe();
  lines = TimingsLines(one.err);
  ASSERT_EQ(lines.size(), 2u) << one.err;
  EXPECT_TRUE(Contains(lines[0], "timings: 1 query (0 failed), 1 thread, ")) << lines[0];
}

TEST_F(BatchThreads, BadThreadCountIsAUsageError) {
  for (const char* bad : {"0", "abc", "-2", "1.5", "", "3x", "1025", "99999999999999999999"}) {
    const ProcessResult r = Searcher({"--batch", *batch_, "--threads", bad});
    EXPECT_EQ(r.exit_code(), 2) << bad << ": " << r.Describe();
    EXPECT_TRUE(Contains(
        r.err, "--threads must be a whole number from 1 to 1024, not \"" + std::string(bad) + "\""))
        << r.err;
    EXPECT_TRUE(Contains(r.err, "usage: searcher")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  const ProcessResult missing = Searcher({"--batch", *batch_, "--threads"});
  EXPECT_EQ(missing.exit_code(), 2) << missing.Describe();
  EXPECT_TRUE(Contains(missing.err, "threads")) << missing.err;
}

}  // namespace
}  // namespace syndex::cli_test
