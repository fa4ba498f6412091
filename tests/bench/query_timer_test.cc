// Tests of bench/e2e/query_timer.h with scripted runners: the untimed pass
// comes first for every engine, then each round times one pass per engine
// with the engines taking turns, and the figures come from the runs.
#include "bench/e2e/query_timer.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace syndex::race {
namespace {

// Records (runner, query) of every call in a shared log; returns `results`
// results for every query but the one named "none".
class ScriptedRunner final : public QueryRunner {
 public:
  ScriptedRunner(int name, size_t results, std::vector<std::pair<int, std::string>>* log)
      : name_(name), results_(results), log_(log) {}
  bool Supports(QueryClass) const override { return true; }
  absl::StatusOr<size_t> Run(QueryClass, const WordQuery& words) override {
    log_->emplace_back(name_, words[0]);
    if (words[0] == "fail") return absl::InternalError("scripted failure");
    return words[0] == "none" ? 0 : results_;
  }

 private:
  int name_;
  size_t results_;
  std::vector<std::pair<int, std::string>>* log_;
};

TEST(QueryTimer, WarmsEveryEngineThenInterleavesTheirPasses) {
  std::vector<std::pair<int, std::string>> log;
  ScriptedRunner a(0, 10, &log), b(1, 4, &log);
  const std::vector<WordQuery> queries = {{"x"}, {"none"}};
  absl::StatusOr<std::vector<ClassTiming>> timings =
      TimeQueries({&a, &b}, QueryClass::kOr, queries, 3);
  ASSERT_TRUE(timings.ok()) << timings.status();
  const std::vector<std::pair<int, std::string>> expected = {
      {0, "x"}, {0, "none"}, {1, "x"}, {1, "none"},  // the untimed passes
      {0, "x"}, {0, "none"}, {1, "x"}, {1, "none"},  // round 0: a, then b
      {1, "x"}, {1, "none"}, {0, "x"}, {0, "none"},  // round 1: b first
      {0, "x"}, {0, "none"}, {1, "x"}, {1, "none"}};
  EXPECT_EQ(log, expected);
  ASSERT_EQ(timings->size(), 2u);
  EXPECT_DOUBLE_EQ((*timings)[0].mean_results, 5.0);  // 10 and 0
  EXPECT_DOUBLE_EQ((*timings)[1].mean_results, 2.0);
  EXPECT_EQ((*timings)[0].empty, 1u);
  EXPECT_GT((*timings)[0].latency.p50, 0.0);
  EXPECT_GE((*timings)[1].latency.p99, (*timings)[1].latency.p50);
}

TEST(QueryTimer, AFailingQueryIsTheError) {
  std::vector<std::pair<int, std::string>> log;
  ScriptedRunner a(0, 10, &log);
  const absl::StatusOr<std::vector<ClassTiming>> timings =
      TimeQueries({&a}, QueryClass::kOr, {{"x"}, {"fail"}}, 2);
  ASSERT_FALSE(timings.ok());
  EXPECT_EQ(timings.status().message(), "scripted failure");
}

}  // namespace
}  // namespace syndex::race
