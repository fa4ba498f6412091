// End-to-end tests of phrasings queries: the real indexer and searcher on
// corpus/. The headline question, every phrasing of "swift and severe
// costs", must list the exact phrase (000 and 004, one group carried by
// both outlets), then "severe costs" (002), then the looser phrasings of
// 001 and 003. The test asserts the order of classes, not scores.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

// The phrasing classes, closest first.
const std::vector<std::string> kClasses = {"exact",     "inflected", "gapped",
                                           "reordered", "partial",   "synonym-only"};

int ClassRank(const std::string& name) {
  for (size_t i = 0; i < kClasses.size(); ++i) {
    if (kClasses[i] == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "unknown phrasing class " << name;
  return 99;
}

bool StartsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }

class PhrasingsE2e : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    build_ = new ProcessResult(RunProgram(
        {IndexerPath(), "build", "--quiet", "--index", dir_->PathOf("index"), CorpusDir()}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code(), 0) << build_->Describe(); }

  static std::vector<nlohmann::json> Json(std::vector<std::string> args) {
    args.insert(args.begin(),
                {SearcherPath(), "--index", dir_->PathOf("index"), "--format", "json", "-k", "50"});
    const ProcessResult r = RunProgram(args);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return ParseJsonLines(r.out);
  }

  static ScratchDir* dir_;
  static ProcessResult* build_;
};

ScratchDir* PhrasingsE2e::dir_ = nullptr;
ProcessResult* PhrasingsE2e::build_ = nullptr;

// The first result of document `prefix` (e.g. "002_"), or -1.
int FirstOf(const std::vector<nlohmann::json>& results, std::string_view prefix) {
  for (size_t i = 0; i < results.size(); ++i) {
    if (StartsWith(results[i].value("doc_id", ""), prefix)) return static_cast<int>(i);
  }
  return -1;
}

TEST_F(PhrasingsE2e, SwiftAndSevereCostsFromExactToLoosest) {
  const std::vector<nlohmann::json> results = Json({"--query", "~\"swift and severe costs\""});
  ASSERT_GE(results.size(), 5u);
  // Classes never get closer down the list.
  for (size_t i = 1; i < results.size(); ++i) {
    EXPECT_LE(ClassRank(results[i - 1]["phrasing"]["class"]),
              ClassRank(results[i]["phrasing"]["class"]))
        << "rank " << i + 1;
  }
  // The exact phrase comes first, and the White House statement is one
  // result carried by both 000 (Al Jazeera) and 004 (The Independent).
  EXPECT_EQ(results[0]["phrasing"]["class"], "exact");
  bool statement_grouped = false;
  for (const nlohmann::json& r : results) {
    if (r["phrasing"]["class"] != "exact") break;
    std::vector<std::string> docs;
    for (const nlohmann::json& o : r["outlets"]) docs.push_back(o.value("doc_id", ""));
    const bool has_000 =
        std::any_of(docs.begin(), docs.end(), [](auto& d) { return StartsWith(d, "000_"); });
    const bool has_004 =
        std::any_of(docs.begin(), docs.end(), [](auto& d) { return StartsWith(d, "004_"); });
    statement_grouped |= has_000 && has_004;
  }
  EXPECT_TRUE(statement_grouped);
  // Then "severe costs" (002), the first result that is not exact.
  const int first_loose = FirstOf(results, "002_");
  ASSERT_GE(first_loose, 1);
  EXPECT_EQ(results[first_loose - 1]["phrasing"]["class"], "exact");
  EXPECT_EQ(results[first_loose]["phrasing"]["class"], "partial");
  EXPECT_EQ(results[first_loose]["phrasing"]["coverage"], 2);
  // Then 001 and 003, looser.
  const int first_001 = FirstOf(results, "001_");
  const int first_003 = FirstOf(results, "003_");
  ASSERT_GE(first_001, 0);
  ASSERT_GE(first_003, 0);
  EXPECT_GT(first_001, first_loose);
  EXPECT_GT(first_003, first_loose);
}

TEST_F(PhrasingsE2e, PhrasingsFlagGivesTheSameRanking) {
  const auto with_operator = Json({"--query", "~\"swift and severe costs\""});
  const auto with_flag = Json({"--query", "swift and severe costs", "--phrasings"});
  ASSERT_EQ(with_operator.size(), with_flag.size());
  for (size_t i = 0; i < with_flag.size(); ++i) {
    EXPECT_EQ(with_operator[i]["doc_id"], with_flag[i]["doc_id"]);
    EXPECT_EQ(with_operator[i]["passage"], with_flag[i]["passage"]);
  }
}

TEST_F(PhrasingsE2e, SynonymsAreShownAsSuchAndCanBeTurnedOff) {
  // 003's "serious costs and consequences" is found with "serious" shown
  // as a synonym of "severe".
  const auto results = Json({"--query", "~\"swift and severe costs\""});
  bool shown = false;
  for (const auto& r : results) {
    for (const auto& s : r["phrasing"]["synonyms"]) {
      shown |= s["word"] == "serious" && s["of"] == "severe";
    }
  }
  EXPECT_TRUE(shown);
  for (const auto& r : Json({"--query", "~\"swift and severe costs\"", "--no-synonyms"})) {
    EXPECT_TRUE(r["phrasing"]["synonyms"].empty());
    EXPECT_NE(r["phrasing"]["class"], "synonym-only");
  }
}

TEST_F(PhrasingsE2e, ExplainAddsUpAndNamesTheClass) {
  const auto results = Json({"--query", "~\"swift and severe costs\"", "--explain"});
  ASSERT_FALSE(results.empty());
  for (const auto& r : results) {
    const auto& e = r["explain"];
    double sum = 0;
    for (const auto& part : e["parts"]) sum += part["value"].get<double>();
    EXPECT_NEAR(sum * e["multiplier"].get<double>(), r["score"].get<double>(),
                1e-3 * std::max(1.0, r["score"].get<double>()));
    EXPECT_FALSE(e["matches"].empty());
  }
}

TEST_F(PhrasingsE2e, BadSynonymFileIsAClearError) {
  ScratchDir dir;
  const std::string path = dir.PathOf("synonyms.txt");
  std::ofstream(path) << "severe, serious\nswift and, quick\n";
  const ProcessResult r = RunProgram({SearcherPath(), "--index", dir_->PathOf("index"), "--query",
                                      "~\"swift\"", "--synonyms", path});
  EXPECT_EQ(r.exit_code(), 1);
  EXPECT_TRUE(Contains(r.err, "synonyms.txt:2")) << r.err;
}

}  // namespace
}  // namespace syndex::cli_test
