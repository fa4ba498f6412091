// Tests of bench/eval/ranking_metrics.h and of the `syndex_eval` program.
// Every expected number is worked out by hand in the comment beside it, from
// trec_eval's definitions (log2 values: log2(3) = 1.5849625, log2(4) = 2).
#include "bench/eval/ranking_metrics.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"
#include "tests/testing/status.h"

namespace syndex::eval {
namespace {

using cli_test::ProcessResult;
using cli_test::RunProgram;
using testing::Mentions;

constexpr double kTolerance = 1e-12;

// The brief's example: relevant {d1 grade 2, d3 grade 1}, ranked d2, d1, d3.
const Grades kTwoGrades = {{"d1", 2}, {"d3", 1}};
const std::vector<std::string> kD2D1D3 = {"d2", "d1", "d3"};

TEST(RankingMetrics, GradedExample) {
  const QueryMetrics m = ScoreQuery(kTwoGrades, kD2D1D3);
  // DCG  = 0 (d2, rank 1) + 2/log2(3) (d1, rank 2) + 1/log2(4) (d3, rank 3)
  //      = 1.2618595 + 0.5 = 1.7618595
  // IDCG = 2/log2(2) + 1/log2(3) = 2 + 0.6309298 = 2.6309298
  // nDCG = 1.7618595 / 2.6309298 = 0.6696718
  EXPECT_NEAR(m.scores.ndcg_at_10, (2 / std::log2(3.0) + 0.5) / (2 + 1 / std::log2(3.0)),
              kTolerance);
  EXPECT_NEAR(m.scores.ndcg_at_10, 0.6696718, 1e-7);
  // Relevant at ranks 2 and 3: AP = (1/2 + 2/3) / 2 = 7/12.
  EXPECT_NEAR(m.scores.average_precision, 7.0 / 12, kTolerance);
  EXPECT_NEAR(m.scores.recall_at_100, 1.0, kTolerance);          // 2 of 2
  EXPECT_NEAR(m.scores.reciprocal_rank_at_10, 0.5, kTolerance);  // first relevant at rank 2
  EXPECT_NEAR(m.scores.precision_at_10, 0.2, kTolerance);        // 2 / 10
  EXPECT_EQ(m.relevant, 2u);
  EXPECT_EQ(m.retrieved, 3u);
  EXPECT_EQ(m.relevant_retrieved, 2u);
}

TEST(RankingMetrics, NoRelevantRetrievedScoresZero) {
  const QueryMetrics m = ScoreQuery({{"d5", 1}}, {"d1", "d2"});
  EXPECT_EQ(m.scores.ndcg_at_10, 0);
  EXPECT_EQ(m.scores.average_precision, 0);
  EXPECT_EQ(m.scores.recall_at_100, 0);
  EXPECT_EQ(m.scores.reciprocal_rank_at_10, 0);
  EXPECT_EQ(m.scores.precision_at_10, 0);
  EXPECT_EQ(m.relevant, 1u);
  EXPECT_EQ(m.relevant_retrieved, 0u);
}

TEST(RankingMetrics, FewerThanTenResults) {
  // Three relevant documents (grade 1); the run retrieves a (relevant), z.
  const QueryMetrics m = ScoreQuery({{"a", 1}, {"b", 1}, {"c", 1}}, {"a", "z"});
  // DCG = 1/log2(2) = 1; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309298;
  // nDCG = 0.4692787.
  EXPECT_NEAR(m.scores.ndcg_at_10, 1 / (1 + 1 / std::log2(3.0) + 0.5), kTolerance);
  EXPECT_NEAR(m.scores.ndcg_at_10, 0.4692787, 1e-7);
  EXPECT_NEAR(m.scores.average_precision, 1.0 / 3, kTolerance);  // (1/1) / 3
  EXPECT_NEAR(m.scores.recall_at_100, 1.0 / 3, kTolerance);
  EXPECT_NEAR(m.scores.reciprocal_rank_at_10, 1.0, kTolerance);
  // trec_eval's P_10 divides by 10 even when fewer were retrieved: 1 / 10.
  EXPECT_NEAR(m.scores.precision_at_10, 0.1, kTolerance);
}

// Documents "x000", "x001", ...: `n` of them, in that order.
std::vector<std::string> Numbered(int n) {
  std::vector<std::string> docs;
  for (int i = 0; i < n; ++i) {
    char name[8];
    std::snprintf(name, sizeof name, "x%03d", i);
    docs.push_back(name);
  }
  return docs;
}

TEST(RankingMetrics, CutOffsAtTenAndHundred) {
  // Relevant: x010 (rank 11), x119 (rank 120) and "never" (not retrieved).
  const QueryMetrics m = ScoreQuery({{"x010", 1}, {"x119", 1}, {"never", 1}}, Numbered(150));
  EXPECT_EQ(m.scores.ndcg_at_10, 0);             // nothing relevant in ranks 1-10
  EXPECT_EQ(m.scores.reciprocal_rank_at_10, 0);  // first relevant at rank 11 > 10
  EXPECT_EQ(m.scores.precision_at_10, 0);
  // AP uses the whole run: (1/11 + 2/120) / 3 = (0.0909091 + 0.0166667) / 3 = 0.0358586.
  EXPECT_NEAR(m.scores.average_precision, (1.0 / 11 + 2.0 / 120) / 3, kTolerance);
  EXPECT_NEAR(m.scores.average_precision, 0.0358586, 1e-7);
  // Only rank 11 is within the first 100: 1 / 3.
  EXPECT_NEAR(m.scores.recall_at_100, 1.0 / 3, kTolerance);
  EXPECT_EQ(m.relevant_retrieved, 2u);
}

TEST(RankingMetrics, IdealRankingUsesEveryJudgedDocumentCutAtTen) {
  // Judged: g (grade 3), unretrieved, and x000..x011 (grade 1); the run
  // retrieves x000..x009.
  Grades grades = {{"g", 3}};
  for (const std::string& doc : Numbered(12)) grades[doc] = 1;
  const QueryMetrics m = ScoreQuery(grades, Numbered(10));
  // S = sum over ranks r = 1..10 of 1/log2(r + 1)
  //   = 1 + .6309298 + .5 + .4306766 + .3868528 + .3562072 + .3333333 + .3154649
  //     + .3010300 + .2890648 = 4.5435593
  // DCG = S; IDCG = 3/log2(2) + (S - 1) (g first, then nine of grade 1) = 6.5435593
  // nDCG = 4.5435593 / 6.5435593 = 0.6943559
  double s = 0;
  for (int r = 1; r <= 10; ++r) s += 1 / std::log2(r + 1.0);
  EXPECT_NEAR(m.scores.ndcg_at_10, s / (3 + s - 1), kTolerance);
  EXPECT_NEAR(m.scores.ndcg_at_10, 0.6943559, 1e-7);
  EXPECT_NEAR(m.scores.average_precision, 10.0 / 13, kTolerance);  // 10 × precision 1, 13 rel.
  EXPECT_NEAR(m.scores.recall_at_100, 10.0 / 13, kTolerance);
  EXPECT_NEAR(m.scores.precision_at_10, 1.0, kTolerance);
}

TEST(RankingMetrics, PerfectRankingScoresOne) {
  const QueryMetrics m = ScoreQuery(kTwoGrades, {"d1", "d3", "d2"});
  EXPECT_NEAR(m.scores.ndcg_at_10, 1.0, kTolerance);
  EXPECT_NEAR(m.scores.average_precision, 1.0, kTolerance);
  EXPECT_NEAR(m.scores.reciprocal_rank_at_10, 1.0, kTolerance);
}

TEST(RankingMetrics, NonPositiveGradesAreNotRelevant) {
  absl::StatusOr<Qrels> qrels = ParseQrels("q1 0 a 0\nq1 0 b 1\nq1 0 c -1\n", "qrels");
  ASSERT_TRUE(qrels.ok()) << qrels.status();
  const QueryMetrics m = ScoreQuery(qrels->at("q1"), {"a", "c", "b"});
  EXPECT_EQ(m.relevant, 1u);
  // Only b (rank 3) counts: DCG = 1/log2(4) = 0.5, IDCG = 1/log2(2) = 1.
  EXPECT_NEAR(m.scores.ndcg_at_10, 0.5, kTolerance);
  EXPECT_NEAR(m.scores.average_precision, 1.0 / 3, kTolerance);
  EXPECT_NEAR(m.scores.reciprocal_rank_at_10, 1.0 / 3, kTolerance);
}

TEST(RankingMetrics, ReadsBeirQrelsWithCrlf) {
  // SciFact's qrels end their lines with CRLF.
  absl::StatusOr<Qrels> qrels =
      ParseQrels("query-id\tcorpus-id\tscore\r\n1\t31715818\t1\r\n1\t42\t2\r\n3\t7\t0\r\n", "q");
  ASSERT_TRUE(qrels.ok()) << qrels.status();
  const Qrels expected = {{"1", {{"31715818", 1}, {"42", 2}}}, {"3", {{"7", 0}}}};
  EXPECT_EQ(*qrels, expected);
}

TEST(RankingMetrics, ReadsTrecQrels) {
  absl::StatusOr<Qrels> qrels = ParseQrels("101 0 DOC-1 2\n\n101  0\tDOC-2 0\n7 Q0 x 1", "q");
  ASSERT_TRUE(qrels.ok()) << qrels.status();
  const Qrels expected = {{"101", {{"DOC-1", 2}, {"DOC-2", 0}}}, {"7", {{"x", 1}}}};
  EXPECT_EQ(*qrels, expected);
}

TEST(RankingMetrics, MalformedQrelsNameTheLine) {
  struct Case {
    std::string text, where, what;
  };
  const std::vector<Case> cases = {
      // A BEIR file without its header is read as TREC qrels, with 3 fields.
      {"1\td1\t1\n", "qrels.tsv:1:", "header"},
      {"q 0 a 1\n\nq 0 b\n", "qrels.tsv:3:", "4 fields"},  // blank lines count
      {"q 0 a 1\nq 0 b high\n", "qrels.tsv:2:", "not an integer"},
      {"q 0 a 1\nq 0 a 2\n", "qrels.tsv:2:", "judged twice"},
      {"query-id\tcorpus-id\tscore\n1\td1\n", "qrels.tsv:2:", "3 tab-separated"},
      {"query-id\tcorpus-id\tscore\n1\td1\t1.5\n", "qrels.tsv:2:", "not an integer"},
      {"query-id\tcorpus-id\tscore\n1\t\t1\n", "qrels.tsv:2:", "3 tab-separated"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Qrels> qrels = ParseQrels(c.text, "qrels.tsv");
    ASSERT_FALSE(qrels.ok()) << c.text;
    EXPECT_EQ(qrels.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(Mentions(qrels.status(), c.where)) << qrels.status();
    EXPECT_TRUE(Mentions(qrels.status(), c.what)) << qrels.status();
  }
}

TEST(RankingMetrics, RunIsOrderedByScoreThenDocIdDescending) {
  // The rank column (1, 2, 3, 4) is ignored. d2 has the best score; d1, d3
  // and d10 tie at 5, and strcmp orders them d3 > d10 > d1 ('3' > '1', and
  // "d1" is a prefix of "d10").
  absl::StatusOr<Rankings> run = ParseRun(
      "q Q0 d1 1 5.0 t\nq Q0 d3 2 5 t\nq Q0 d2 3 7.5 t\nq Q0 d10 4 5.0 t\n"
      "r Q0 b 1 -1e-3 t\nr Q0 a 2 2 t\n",
      "run");
  ASSERT_TRUE(run.ok()) << run.status();
  const Rankings expected = {{"q", {"d2", "d3", "d10", "d1"}}, {"r", {"a", "b"}}};
  EXPECT_EQ(*run, expected);
}

TEST(RankingMetrics, TiesDecideTheScores) {
  // d1 (relevant) and d2 tie; d2 > d1, so d2 is ranked first.
  absl::StatusOr<Rankings> run = ParseRun("q Q0 d1 1 1.0 t\nq Q0 d2 2 1.0 t\n", "run");
  ASSERT_TRUE(run.ok()) << run.status();
  const QueryMetrics m = ScoreQuery({{"d1", 1}}, run->at("q"));
  EXPECT_NEAR(m.scores.reciprocal_rank_at_10, 0.5, kTolerance);
  EXPECT_NEAR(m.scores.ndcg_at_10, 1 / std::log2(3.0), kTolerance);  // 0.6309298
}

TEST(RankingMetrics, MalformedRunsNameTheLine) {
  struct Case {
    std::string text, where, what;
  };
  const std::vector<Case> cases = {
      {"q Q0 a 1 1.0 t\nq Q0 b 2 1.0\n", "run.trec:2:", "6 fields"},
      {"q Q0 a 1 1.0 t\n\n\nq Q0 b 2 high t\n", "run.trec:4:", "not a finite number"},
      {"q Q0 a 1 nan t\n", "run.trec:1:", "not a finite number"},
      {"q Q0 a 1 1.0 t\nr Q0 a 1 1.0 t\nq Q0 a 3 0.5 t\n", "run.trec:3:", "first on line 1"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Rankings> run = ParseRun(c.text, "run.trec");
    ASSERT_FALSE(run.ok()) << c.text;
    EXPECT_EQ(run.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(Mentions(run.status(), c.where)) << run.status();
    EXPECT_TRUE(Mentions(run.status(), c.what)) << run.status();
  }
}

TEST(RankingMetrics, DuplicateDocInRunIsAnError) {
  absl::StatusOr<Rankings> run = ParseRun("q Q0 a 1 2.0 t\nq Q0 b 2 1.0 t\nq Q0 a 3 0.5 t\n", "r");
  ASSERT_FALSE(run.ok());
  EXPECT_TRUE(Mentions(run.status(), "r:3:")) << run.status();
  EXPECT_TRUE(Mentions(run.status(), "\"a\" is listed twice for query \"q\"")) << run.status();
}

TEST(RankingMetrics, MissingFilesAreNotFound) {
  const std::string path = ::testing::TempDir() + "/syndex_eval_no_such_file";
  EXPECT_EQ(ReadQrels(path).status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(Mentions(ReadRun(path).status(), path));
}

// Judged: q1 (the graded example), q2 (nothing relevant retrieved) and q3
// (absent from the run). q4 has only a grade-0 judgment and q9 none: both are
// in the run and ignored.
const Qrels kQrels = {
    {"q1", kTwoGrades}, {"q2", {{"d5", 1}}}, {"q3", {{"e", 1}}}, {"q4", {{"x", 0}}}};
const Rankings kRun = {{"q1", kD2D1D3}, {"q2", {"d1", "d2"}}, {"q4", {"x"}}, {"q9", {"y"}}};

TEST(RankingMetrics, MeansOverJudgedQueries) {
  const Evaluation e = Evaluate(kQrels, kRun);
  ASSERT_EQ(e.per_query.size(), 3u);
  EXPECT_EQ(e.missing_from_run, 1u);
  EXPECT_EQ(e.ignored_run_queries, 2u);
  EXPECT_EQ(e.per_query.count("q4"), 0u);
  EXPECT_EQ(e.per_query.count("q9"), 0u);
  const QueryMetrics& q3 = e.per_query.at("q3");
  EXPECT_EQ(q3.retrieved, 0u);
  EXPECT_EQ(q3.relevant, 1u);
  EXPECT_EQ(q3.scores.average_precision, 0);
  // Only q1 scores; q2 and q3 count as 0: each mean is q1's score / 3.
  EXPECT_NEAR(e.mean.ndcg_at_10, 0.6696718 / 3, 1e-7);  // 0.2232239
  EXPECT_NEAR(e.mean.average_precision, 7.0 / 36, kTolerance);
  EXPECT_NEAR(e.mean.recall_at_100, 1.0 / 3, kTolerance);
  EXPECT_NEAR(e.mean.reciprocal_rank_at_10, 0.5 / 3, kTolerance);
  EXPECT_NEAR(e.mean.precision_at_10, 0.2 / 3, kTolerance);
}

TEST(RankingMetrics, NoJudgedQueries) {
  const Evaluation e = Evaluate({{"q4", {{"x", 0}}}}, kRun);
  EXPECT_TRUE(e.per_query.empty());
  EXPECT_EQ(e.mean.ndcg_at_10, 0);
  EXPECT_EQ(e.ignored_run_queries, 4u);
}

// ---- The `syndex_eval` program ----

std::string EvalPath() { return SYNDEX_BINARY_DIR "/bench/syndex_eval"; }

// The files of the evaluation above: BEIR qrels and a TREC run.
class SyndexEvalProgram : public ::testing::Test {
 protected:
  SyndexEvalProgram()
      : qrels_(dir_.Write("qrels.tsv",
                          "query-id\tcorpus-id\tscore\r\n"
                          "q1\td1\t2\r\nq1\td3\t1\r\nq2\td5\t1\r\nq3\te\t1\r\nq4\tx\t0\r\n")),
        run_(dir_.Write("run.trec",
                        "q1 Q0 d2 1 3.0 syndex\nq1 Q0 d1 2 2.0 syndex\nq1 Q0 d3 3 1.0 syndex\n"
                        "q2 Q0 d1 1 2.0 syndex\nq2 Q0 d2 2 1.0 syndex\n"
                        "q4 Q0 x 1 1.0 syndex\nq9 Q0 y 1 1.0 syndex\n")) {}

  testing::ScratchDir dir_{"syndex_eval"};
  std::string qrels_, run_;
};

TEST_F(SyndexEvalProgram, JsonMeansAndPerQuery) {
  const ProcessResult r = RunProgram({EvalPath(), qrels_, run_, "--json", "--per-query"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["queries"], 3);
  EXPECT_EQ(j["missing_from_run"], 1);
  EXPECT_EQ(j["ignored_run_queries"], 2);
  // As in MeansOverJudgedQueries: q1's scores / 3.
  EXPECT_NEAR(j["mean"]["ndcg@10"].get<double>(), 0.6696718 / 3, 1e-7);
  EXPECT_NEAR(j["mean"]["map"].get<double>(), 7.0 / 36, 1e-9);
  EXPECT_NEAR(j["mean"]["recall@100"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_NEAR(j["mean"]["mrr@10"].get<double>(), 0.5 / 3, 1e-9);
  EXPECT_NEAR(j["mean"]["p@10"].get<double>(), 0.2 / 3, 1e-9);
  ASSERT_EQ(j["per_query"].size(), 3u);
  const nlohmann::json& q1 = j["per_query"][0];
  EXPECT_EQ(q1["query"], "q1");
  EXPECT_EQ(q1["relevant"], 2);
  EXPECT_EQ(q1["retrieved"], 3);
  EXPECT_NEAR(q1["ndcg@10"].get<double>(), 0.6696718, 1e-7);
  EXPECT_NEAR(q1["map"].get<double>(), 7.0 / 12, 1e-9);
  EXPECT_EQ(j["per_query"][2]["query"], "q3");
  EXPECT_EQ(j["per_query"][2]["retrieved"], 0);
}

TEST_F(SyndexEvalProgram, TableWithoutPerQuery) {
  const ProcessResult r = RunProgram({EvalPath(), qrels_, run_});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  EXPECT_TRUE(cli_test::Contains(r.out, "3 judged")) << r.out;
  EXPECT_TRUE(cli_test::Contains(r.out, "nDCG@10")) << r.out;
  EXPECT_TRUE(cli_test::Contains(r.out, "0.1944")) << r.out;  // MAP = 7/36
  EXPECT_FALSE(cli_test::Contains(r.out, "q1")) << r.out;
}

TEST_F(SyndexEvalProgram, UsageErrorsExitTwo) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{EvalPath()},
                                               {EvalPath(), qrels_},
                                               {EvalPath(), qrels_, run_, run_},
                                               {EvalPath(), qrels_, run_, "--csv"}}) {
    const ProcessResult r = RunProgram(args);
    EXPECT_EQ(r.exit_code(), 2) << r.Describe();
    EXPECT_TRUE(cli_test::Contains(r.err, "usage: syndex_eval")) << r.Describe();
  }
  const ProcessResult help = RunProgram({EvalPath(), "--help"});
  EXPECT_EQ(help.exit_code(), 0) << help.Describe();
  EXPECT_TRUE(cli_test::Contains(help.out, "usage: syndex_eval")) << help.Describe();
}

TEST_F(SyndexEvalProgram, FileErrorsExitOneNamingFileAndLine) {
  const std::string bad = dir_.Write("bad.trec", "q1 Q0 d2 1 3.0 syndex\nq1 Q0 d1 2 2.0\n");
  ProcessResult r = RunProgram({EvalPath(), qrels_, bad});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(cli_test::Contains(r.err, bad + ":2:")) << r.Describe();
  const std::string missing = dir_.PathOf("missing.tsv");
  r = RunProgram({EvalPath(), missing, run_});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(cli_test::Contains(r.err, missing)) << r.Describe();
}

}  // namespace
}  // namespace syndex::eval
