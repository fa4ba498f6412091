// Tests for searcher/batch_runner.h: on any number of threads, every query's
// outcome (status and output) is the one a single SearchSession gives, and
// outcomes reach the handler in input order; a handler that says stop gets
// nothing more; the stats count the queries handed over, the failed ones and
// the threads used; and the --timings report, on hand-made stats.
#include "searcher/batch_runner.h"

#include <cstdint>
#include <iterator>
#include <ostream>
#include <string>
#include <vector>

#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "searcher/index_reader.h"
#include "searcher/search_session.h"
#include "tests/searcher/search_test_util.h"
#include "tests/testing/documents.h"

namespace syndex {
namespace {

// What a handler saw of one query.
struct Seen {
  std::string id;
  absl::StatusCode code = absl::StatusCode::kOk;
  std::string output;

  bool operator==(const Seen&) const = default;
};

void PrintTo(const Seen& seen, std::ostream* os) {
  *os << seen.id << " (" << absl::StatusCodeToString(seen.code) << "): " << seen.output;
}

class BatchRunnerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new search_testing::ScratchDir;
    auto index =
        search_testing::WriteAndOpenIndex(dir_->path(), testing::SeedDocuments(/*copies=*/2));
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = index->release();
  }
  static void TearDownTestSuite() {
    delete index_;
    delete dir_;
  }

  // `n` queries cycling through good and bad ones, with ids q0, q1, ...
  static std::vector<QueryLine> Queries(size_t n) {
    static const char* const kTexts[] = {
        "\"swift and severe costs\"",        "putin biden",          "(a OR",
        "sanction* -outlet:independent",     "~\"severe costs\"",    "\"peace talks\"~3",
        "kremlin NEAR/5 hysteria",           "title:ukraine",        "\"unclosed",
        "invasion AND ukraine NOT hysteria", "no-such-word-anywhere"};
    std::vector<QueryLine> queries;
    for (size_t i = 0; i < n; ++i) {
      queries.push_back({StrCat("q", i), kTexts[i % std::size(kTexts)], i + 1});
    }
    return queries;
  }

  static SessionSettings Settings() {
    SessionSettings settings;
    settings.format = OutputFormat::kJson;
    settings.search.k = 5;
    return settings;
  }

  // What one SearchSession gives for `queries`, one after the other.
  static std::vector<Seen> Alone(const std::vector<QueryLine>& queries) {
    SearchSession session(index_, Settings());
    std::vector<Seen> seen;
    for (const QueryLine& q : queries) {
      std::string out;
      const absl::Status status = session.Run(q.id, q.text, &out);
      seen.push_back({q.id, status.code(), status.ok() ? out : ""});
    }
    return seen;
  }

  // Runs `queries` on `threads` threads; the handler records what it sees
  // and says stop after `stop_after` queries.
  static BatchStats Run(const std::vector<QueryLine>& queries, size_t threads,
                        std::vector<Seen>* seen, size_t stop_after = SIZE_MAX) {
    BatchOptions options;
    options.threads = threads;
    return RunBatch(index_, Settings(), queries, options,
                    [&](const QueryLine& q, const QueryOutcome& outcome) {
                      EXPECT_GE(outcome.latency_ms, 0);
                      seen->push_back({q.id, outcome.status.code(), outcome.output});
                      return seen->size() < stop_after;
                    });
  }

  static search_testing::ScratchDir* dir_;
  static IndexReader* index_;
};

search_testing::ScratchDir* BatchRunnerTest::dir_ = nullptr;
IndexReader* BatchRunnerTest::index_ = nullptr;

TEST_F(BatchRunnerTest, OutcomesAreASessionsInInputOrderWhateverTheThreads) {
  // More queries than answers held per thread, so workers also wait for
  // delivery.
  const std::vector<QueryLine> queries = Queries(300);
  const std::vector<Seen> expected = Alone(queries);
  size_t failed = 0;
  for (const Seen& s : expected) failed += s.code != absl::StatusCode::kOk;
  ASSERT_GT(failed, 0u);
  ASSERT_LT(failed, queries.size());
  for (size_t threads : {1, 2, 3, 8}) {
    std::vector<Seen> seen;
    const BatchStats stats = Run(queries, threads, &seen);
    EXPECT_EQ(seen, expected) << threads << " threads";
    EXPECT_EQ(stats.threads, threads);
    EXPECT_EQ(stats.queries(), queries.size());
    EXPECT_EQ(stats.failed, failed);
  }
}

TEST_F(BatchRunnerTest, FailedQueryCarriesItsStatusAndNoOutput) {
  const std::vector<QueryLine> queries = {{"good", "putin", 1}, {"bad", "(a OR", 2}};
  std::vector<Seen> seen;
  const BatchStats stats = Run(queries, 2, &seen);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].code, absl::StatusCode::kOk);
  EXPECT_FALSE(seen[0].output.empty());
  EXPECT_EQ(seen[1].code, absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(seen[1].output, "");
  EXPECT_EQ(stats.failed, 1u);
}

TEST_F(BatchRunnerTest, StopHandsOverNothingMore) {
  const std::vector<QueryLine> queries = Queries(200);
  const std::vector<Seen> expected = Alone(queries);
  for (size_t threads : {1, 4}) {
    std::vector<Seen> seen;
    const BatchStats stats = Run(queries, threads, &seen, /*stop_after=*/6);
    EXPECT_EQ(seen, std::vector<Seen>(expected.begin(), expected.begin() + 6))
        << threads << " threads";
    EXPECT_EQ(stats.queries(), 6u);
    EXPECT_EQ(stats.failed, 1u);  // q2, "(a OR"
  }
}

TEST_F(BatchRunnerTest, NeverMoreThreadsThanQueries) {
  std::vector<Seen> seen;
  EXPECT_EQ(Run(Queries(2), 8, &seen).threads, 2u);
  EXPECT_EQ(seen.size(), 2u);
  seen.clear();
  const BatchStats empty = Run({}, 8, &seen);
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(empty.threads, 1u);
  EXPECT_EQ(empty.queries(), 0u);
  EXPECT_EQ(empty.failed, 0u);
}

TEST(BatchStats, QueriesPerSecondIsQueriesOverWallTime) {
  BatchStats stats;
  stats.latencies_ms = {1, 2, 3, 4};
  stats.wall_seconds = 0.5;
  EXPECT_DOUBLE_EQ(stats.queries_per_second(), 8);
  stats.wall_seconds = 0;
  EXPECT_EQ(stats.queries_per_second(), 0);
}

TEST(BatchStats, TimingsReport) {
  BatchStats stats;
  stats.threads = 3;
  stats.latencies_ms = {4, 1, 3, 2.5};
  stats.failed = 1;
  stats.wall_seconds = 0.25;
  // 4 queries / 0.25 s; p50 is the 2nd smallest, p95 and p99 the 4th; the
  // mean is 10.5 / 4.
  EXPECT_EQ(TimingsReport(stats),
            "searcher: timings: 4 queries (1 failed), 3 threads, 0.250 s, 16.0 queries/s\n"
            "searcher: timings: latency ms: p50 2.500, p95 4.000, p99 4.000, mean 2.625, max "
            "4.000\n");
  EXPECT_EQ(TimingsReport(BatchStats{}),
            "searcher: timings: 0 queries (0 failed), 0 threads, 0.000 s, 0.0 queries/s\n"
            "searcher: timings: latency ms: p50 0.000, p95 0.000, p99 0.000, mean 0.000, max "
            "0.000\n");
}

}  // namespace
}  // namespace syndex
