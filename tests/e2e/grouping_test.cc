// End-to-end tests of deduplicated results (`searcher` with and without
// --no-group, --expand, --include-boilerplate, --outlet-weight) on the
// 5-article corpus/, and on corpus/ with two wire copies added.
//
// Facts of corpus/ used here, checkable by reading it:
//  * The White House statement of 12 February 2022 ("... if Russia
//    undertakes a further invasion of Ukraine ...") is quoted in 000 (Al
//    Jazeera) and 004 (The Independent), in different words around it:
//    000 drops "The White House said: “President Biden was clear that," and
//    adds "Biden told Putin, according to a White House press release". The
//    two passages share 26 of their 45 distinct 3-word shingles (0.58),
//    above the passage near-duplicate threshold of 0.5 (docs/DEDUP.md), so
//    they are one group of two texts, one result carried by two outlets;
//    built with --passage-threshold 0.7, they are two texts in two groups.
//  * 001 (Financial Times) repeats its headline, "US says Putin intransigent
//    over Ukraine invasion despite diplomatic efforts", as its first line and
//    at its end after "Read More:": one group of two texts (near-duplicates)
//    in one article. It and the statement are the corpus's passage groups.
//  * 002 ends with "Source link", edge chrome (boilerplate).
// The syndicated corpus adds 005 (Reuters, 2022-02-13), carrying 004's
// statement paragraph word for word, and 006 (AP, 2022-02-11), carrying it
// with "decisively" changed to "firmly": with 000 and 004, one group of
// four outlets.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr char kStatementQuery[] = "\"undertakes a further invasion\"";
constexpr char kAlJazeera[] = "000_ee24dc4fe73d1ef1";
constexpr char kFinancialTimes[] = "001_3d5b00776bf0b082";
constexpr char kIndependent[] = "004_7b0deed04a0dd729";
constexpr char kHeadline[] =
    "US says Putin intransigent over Ukraine invasion despite diplomatic efforts";

// The paragraph of 004 that quotes the statement.
std::string IndependentStatement() {
  const std::string text = ReadFile(CorpusDir() + "/" + kIndependent + ".txt");
  const size_t start = text.find("The White House said: “President Biden was clear");
  EXPECT_NE(start, std::string::npos);
  if (start == std::string::npos) return "";
  return text.substr(start, text.find('\n', start) - start);
}

// Copies corpus/ to `dir` and adds 005 and 006 (see the file comment).
void WriteSyndicatedCorpus(const std::string& dir) {
  CopyDir(CorpusDir(), dir);
  const std::string statement = IndependentStatement();
  std::string variant = statement;
  variant.replace(variant.find("decisively"), 10, "firmly");
  WriteFile(dir + "/005_wire.txt",
            "Moscow warned of costs\n\nThe US president spoke with his Russian counterpart for an "
            "hour on Saturday, officials in Washington said.\n\n" +
                statement + "\n\nNo date was set for further talks between the two leaders.\n");
  WriteFile(dir + "/006_wire.txt",
            "Biden and Putin speak by phone\n\nThe leaders of the two countries held a call that "
            "lasted just over an hour, according to both governments.\n\n" +
                variant + "\n\nMarkets in Europe fell slightly after the news of the call.\n");
  std::ofstream meta(dir + "/meta.jsonl", std::ios::app);
  meta << R"({"id": "005_wire", "file": "005_wire.txt", "outlet": "Reuters", )"
       << R"("title": "Moscow warned of costs", "date": "2022-02-13", "url": ""})"
       << "\n"
       << R"({"id": "006_wire", "file": "006_wire.txt", "outlet": "AP", )"
       << R"("title": "Biden and Putin speak by phone", "date": "2022-02-11", "url": ""})"
       << "\n";
}

nlohmann::json Carrier(const std::string& name, const std::string& date, const std::string& id) {
  return {{"name", name}, {"date", date}, {"doc_id", id}};
}

class Grouping : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    builds_ = new std::vector<ProcessResult>;
    builds_->push_back(
        RunProgram({IndexerPath(), "build", "--index", dir_->PathOf("corpus"), CorpusDir()}));
    builds_->push_back(RunProgram({IndexerPath(), "build", "--index", dir_->PathOf("strict"),
                                   "--passage-threshold", "0.7", CorpusDir()}));
    WriteSyndicatedCorpus(dir_->PathOf("syndicated_input"));
    builds_->push_back(RunProgram({IndexerPath(), "build", "--index", dir_->PathOf("syndicated"),
                                   dir_->PathOf("syndicated_input")}));
  }
  static void TearDownTestSuite() {
    delete builds_;
    delete dir_;
  }
  void SetUp() override {
    for (const ProcessResult& build : *builds_) ASSERT_EQ(build.exit_code(), 0) << build.Describe();
  }

  // Runs searcher on index `index` ("corpus", "strict": corpus/ with a
  // passage threshold of 0.7, or "syndicated") with `args`.
  static ProcessResult Searcher(const std::string& index, std::vector<std::string> args) {
    args.insert(args.begin(), {SearcherPath(), "--index", dir_->PathOf(index)});
    return RunProgram(args);
  }

  // The JSON results of `query` on `index`, with the extra `args`.
  static std::vector<nlohmann::json> Json(const std::string& index, const std::string& query,
                                          std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--query", query, "--format", "json", "-k", "100"});
    const ProcessResult r = Searcher(index, args);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return ParseJsonLines(r.out);
  }

  static std::string Text(const std::string& index, const std::string& query,
                          std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--query", query});
    const ProcessResult r = Searcher(index, args);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return r.out;
  }

  static ScratchDir* dir_;
  static std::vector<ProcessResult>* builds_;
};

ScratchDir* Grouping::dir_ = nullptr;
std::vector<ProcessResult>* Grouping::builds_ = nullptr;

std::vector<std::string> DocIds(const std::vector<nlohmann::json>& results) {
  std::vector<std::string> ids;
  for (const nlohmann::json& j : results) ids.push_back(j.value("doc_id", ""));
  return ids;
}

// ------------------------------------------------------------ corpus/

TEST_F(Grouping, TheCorpusHasTwoPassageGroups) {
  const ProcessResult stats =
      RunProgram({IndexerPath(), "stats", "--index", dir_->PathOf("corpus"), "--json"});
  ASSERT_EQ(stats.exit_code(), 0) << stats.Describe();
  const nlohmann::json dedup = nlohmann::json::parse(stats.out).at("dedup");
  EXPECT_EQ(dedup.at("duplicate_passages"), 0) << dedup;
  EXPECT_EQ(dedup.at("near_duplicate_passage_clusters"), 2) << dedup;
  EXPECT_EQ(dedup.at("passage_cluster_sizes"), nlohmann::json::parse(R"({"2": 2})")) << dedup;
}

TEST_F(Grouping, WithAStricterThresholdTheStatementIsTwoTexts) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{}, std::vector<std::string>{"--no-group"}}) {
    SCOPED_TRACE(args.empty() ? "grouped" : "--no-group");
    const std::vector<nlohmann::json> results = Json("strict", kStatementQuery, args);
    ASSERT_EQ(results.size(), 2u);
    const std::vector<std::string> found = DocIds(results);
    const std::set<std::string> ids(found.begin(), found.end());
    EXPECT_EQ(ids, (std::set<std::string>{kAlJazeera, kIndependent}));
    EXPECT_NE(results[0].at("cluster_id"), results[1].at("cluster_id"));
    for (const nlohmann::json& j : results) {
      const std::string id = j.at("doc_id");
      const std::string outlet = id == kAlJazeera ? "Al Jazeera" : "The Independent";
      EXPECT_EQ(j.at("outlets"), nlohmann::json::array({Carrier(outlet, "2022-02-12", id)}));
      EXPECT_EQ(j.at("outlet_count"), 1);
      EXPECT_EQ(j.at("variants"), nlohmann::json::array());
    }
  }
  // A result alone in its group gets no "carried by" line.
  EXPECT_FALSE(Contains(Text("strict", kStatementQuery), "carried by"));
}

TEST_F(Grouping, TheStatementIsOneResultCarriedByAlJazeeraAndTheIndependent) {
  const std::vector<nlohmann::json> results = Json("corpus", kStatementQuery);
  ASSERT_EQ(results.size(), 1u);
  const nlohmann::json& j = results[0];
  EXPECT_EQ(j.at("outlets"),
            nlohmann::json::array({Carrier("Al Jazeera", "2022-02-12", kAlJazeera),
                                   Carrier("The Independent", "2022-02-12", kIndependent)}));
  EXPECT_EQ(j.at("outlet_count"), 2);
  ASSERT_EQ(j.at("variants").size(), 1u) << j;
  const nlohmann::json& variant = j.at("variants")[0];
  const std::string text = variant.at("text"), diff = variant.at("diff");
  if (j.at("doc_id") == kIndependent) {
    EXPECT_TRUE(text.starts_with("“If Russia undertakes a further invasion")) << text;
    EXPECT_EQ(variant.at("outlets"),
              nlohmann::json::array({Carrier("Al Jazeera", "2022-02-12", kAlJazeera)}));
    EXPECT_TRUE(Contains(diff,
                         "[-The White House said: “President Biden was clear that, "
                         "if-]{+“If+} Russia undertakes"))
        << diff;
    EXPECT_TRUE(Contains(diff, " [-allies-]{+Allies+} ")) << diff;
  } else {
    EXPECT_TRUE(text.starts_with("The White House said:")) << text;
    EXPECT_TRUE(Contains(diff, " [-Allies-]{+allies+} ")) << diff;
  }

  const std::vector<nlohmann::json> all = Json("corpus", kStatementQuery, {"--no-group"});
  ASSERT_EQ(all.size(), 2u);
  std::vector<std::string> ids = DocIds(all);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{kAlJazeera, kIndependent}));
  EXPECT_EQ(all[0].at("cluster_id"), all[1].at("cluster_id"));
  EXPECT_EQ(all[0].at("cluster_id"), j.at("cluster_id"));

  const std::string out = Text("corpus", kStatementQuery);
  EXPECT_TRUE(Contains(out,
                       "   carried by 2 outlets: Al Jazeera (2022-02-12), The Independent "
                       "(2022-02-12)\n   +1 variant (--expand to show)\n"))
      << out;
}

TEST_F(Grouping, TheRepeatedHeadlineIsOneResultWithAVariant) {
  const std::vector<nlohmann::json> results = Json("corpus", "intransigent");
  ASSERT_EQ(results.size(), 1u);
  const nlohmann::json& j = results[0];
  EXPECT_EQ(j.at("doc_id"), kFinancialTimes);
  const nlohmann::json ft = Carrier("Financial Times", "2022-02-12", kFinancialTimes);
  EXPECT_EQ(j.at("outlets"), nlohmann::json::array({ft}));
  EXPECT_EQ(j.at("outlet_count"), 1);
  ASSERT_EQ(j.at("variants").size(), 1u) << j;
  const nlohmann::json& variant = j.at("variants")[0];
  EXPECT_EQ(variant.at("outlets"), nlohmann::json::array({ft}));
  // Whichever of the two the result is, the variant is the other.
  const std::string read_more = std::string("Read More: ") + kHeadline;
  if (j.at("passage") == 0) {
    EXPECT_EQ(variant.at("text"), read_more);
    EXPECT_EQ(variant.at("diff"), std::string("{+Read More:+} ") + kHeadline);
  } else {
    EXPECT_EQ(variant.at("text"), kHeadline);
    EXPECT_EQ(variant.at("diff"), std::string("[-Read More:-] ") + kHeadline);
  }

  const std::string text = Text("corpus", "intransigent");
  EXPECT_TRUE(Contains(text,
                       "   carried by 1 outlet: Financial Times (2022-02-12)\n"
                       "   +1 variant (--expand to show)\n"))
      << text;
  const std::string expanded = Text("corpus", "intransigent", {"--expand"});
  EXPECT_TRUE(Contains(expanded, "   variant 1 · Financial Times (2022-02-12): ")) << expanded;
  EXPECT_TRUE(Contains(expanded, "Read More:")) << expanded;
  EXPECT_FALSE(Contains(expanded, "--expand to show")) << expanded;
}

TEST_F(Grouping, NoGroupListsBothOccurrencesOfTheHeadline) {
  const std::vector<nlohmann::json> results = Json("corpus", "intransigent", {"--no-group"});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(DocIds(results), (std::vector<std::string>{kFinancialTimes, kFinancialTimes}));
  EXPECT_NE(results[0].at("passage"), results[1].at("passage"));
  EXPECT_EQ(results[0].at("cluster_id"), results[1].at("cluster_id"));
  // Each is the other's variant.
  auto unmarked = [](std::string snippet) {
    std::erase(snippet, '[');
    std::erase(snippet, ']');
    return snippet;
  };
  EXPECT_EQ(results[0].at("variants")[0].at("text"), unmarked(results[1].at("snippet")));
  EXPECT_EQ(results[1].at("variants")[0].at("text"), unmarked(results[0].at("snippet")));
  const std::string text = Text("corpus", "intransigent", {"--no-group", "--expand"});
  EXPECT_TRUE(Contains(text, "(2 matching, 2 shown)")) << text;
  EXPECT_FALSE(Contains(text, "carried by")) << text;
  EXPECT_FALSE(Contains(text, "variant")) << text;
}

TEST_F(Grouping, BoilerplateOnlyWhenAskedFor) {
  EXPECT_TRUE(Json("corpus", "\"source link\"").empty());
  const std::vector<nlohmann::json> results =
      Json("corpus", "\"source link\"", {"--include-boilerplate"});
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].at("snippet"), "[Source] [link]");
}

// ------------------------------------------------------------ syndicated

TEST_F(Grouping, TheSyndicatedStatementIsOneResultCarriedByFourOutlets) {
  const std::vector<nlohmann::json> results = Json("syndicated", kStatementQuery);
  ASSERT_EQ(results.size(), 1u);
  const nlohmann::json& group = results[0];
  EXPECT_EQ(group.at("outlets"),
            nlohmann::json::array({Carrier("AP", "2022-02-11", "006_wire"),
                                   Carrier("Al Jazeera", "2022-02-12", kAlJazeera),
                                   Carrier("The Independent", "2022-02-12", kIndependent),
                                   Carrier("Reuters", "2022-02-13", "005_wire")}));
  EXPECT_EQ(group.at("outlet_count"), 4);
  // Three distinct texts: 004's (also Reuters'), AP's with "firmly", and Al
  // Jazeera's; the result is one, its variants the other two, each credited
  // to the outlets that carried it.
  ASSERT_EQ(group.at("variants").size(), 2u) << group;
  std::set<std::string> texts;
  std::set<std::string> variant_outlets;
  for (const nlohmann::json& variant : group.at("variants")) {
    texts.insert(variant.at("text").get<std::string>());
    for (const nlohmann::json& o : variant.at("outlets")) variant_outlets.insert(o.at("name"));
    const std::string diff = variant.at("diff");
    EXPECT_TRUE(Contains(diff, "{+")) << diff;
  }
  EXPECT_EQ(texts.size(), 2u);
  const std::string shown = group.at("doc_id");
  const std::set<std::string> expected_variant_outlets =
      shown == kAlJazeera   ? std::set<std::string>{"AP", "Reuters", "The Independent"}
      : shown == "006_wire" ? std::set<std::string>{"Al Jazeera", "Reuters", "The Independent"}
                            : std::set<std::string>{"AP", "Al Jazeera"};
  EXPECT_EQ(variant_outlets, expected_variant_outlets) << group;

  const std::string text = Text("syndicated", kStatementQuery);
  EXPECT_TRUE(Contains(text,
                       "   carried by 4 outlets: AP (2022-02-11), Al Jazeera (2022-02-12), The "
                       "Independent (2022-02-12), Reuters (2022-02-13)\n   +2 variants (--expand "
                       "to show)\n"))
      << text;
  const std::string expanded = Text("syndicated", kStatementQuery, {"--expand"});
  EXPECT_TRUE(Contains(expanded, "   variant 2 · ")) << expanded;
  EXPECT_TRUE(Contains(expanded, "{+firmly+}") || Contains(expanded, "{+decisively+}")) << expanded;
}

TEST_F(Grouping, NoGroupListsEveryOccurrenceOfTheSyndicatedStatement) {
  const std::vector<nlohmann::json> results = Json("syndicated", kStatementQuery, {"--no-group"});
  ASSERT_EQ(results.size(), 4u);
  std::vector<std::string> ids = DocIds(results);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{kAlJazeera, kIndependent, "005_wire", "006_wire"}));
  std::set<uint64_t> clusters;
  for (const nlohmann::json& j : results) {
    clusters.insert(j.at("cluster_id").get<uint64_t>());
    EXPECT_EQ(j.at("outlet_count"), 4) << j;
  }
  EXPECT_EQ(clusters.size(), 1u);
}

TEST_F(Grouping, OutletWeightScalesScoresByTheOutletsCarrying) {
  // Scores are multiplied by 1 + W ln(outlets): 1 + ln 4 for the statement
  // carried by four outlets, 1 for 004's "Florida National Guard", carried by one.
  const std::string query = std::string(kStatementQuery) + " OR \"Florida National Guard\"";
  const std::vector<nlohmann::json> plain = Json("syndicated", query);
  const std::vector<nlohmann::json> weighted = Json("syndicated", query, {"--outlet-weight", "1"});
  ASSERT_EQ(plain.size(), 2u);
  ASSERT_EQ(weighted.size(), 2u);
  // Results by their outlet count.
  std::map<int, double> before, after;
  for (const nlohmann::json& j : plain) before[j.at("outlet_count")] = j.value("score", 0.0);
  for (const nlohmann::json& j : weighted) after[j.at("outlet_count")] = j.value("score", 0.0);
  ASSERT_TRUE(before.contains(1) && before.contains(4)) << plain[0] << plain[1];
  ASSERT_TRUE(after.contains(1) && after.contains(4)) << weighted[0] << weighted[1];
  EXPECT_NEAR(after[1], before[1], 1e-3);
  EXPECT_NEAR(after[4] / before[4], 1 + std::log(4.0), 1e-3);
  EXPECT_EQ(weighted[0].at("outlet_count"), 4);
}

TEST_F(Grouping, BadOutletWeightIsAUsageError) {
  for (const char* weight : {"-1", "-0.5", "abc", "nan", "inf", ""}) {
    const ProcessResult r = Searcher("corpus", {"--query", "costs", "--outlet-weight", weight});
    EXPECT_EQ(r.exit_code(), 2) << weight << ": " << r.Describe();
    EXPECT_TRUE(Contains(r.err, "--outlet-weight must be a number >= 0")) << r.err;
  }
  const ProcessResult help = Searcher("corpus", {"--help"});
  for (const char* flag : {"--no-group", "--expand", "--include-boilerplate", "--outlet-weight"}) {
    EXPECT_TRUE(Contains(help.out, flag)) << flag << "\n" << help.out;
  }
}

}  // namespace
}  // namespace syndex::cli_test
