// End-to-end tests of `indexer add`, `indexer delete` and `indexer
// compact` on corpus/: the real programs, their messages and exit codes,
// and what the searcher finds after each. The oracle is a fresh `indexer
// build` of the articles that should be left: after compaction the
// searcher's answers must be the same, byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr char kQuery[] = "\"swift and severe costs\" OR sanctions OR zebra";

class Incremental : public ::testing::Test {
 protected:
  void SetUp() override {
    // corpus/ without its first article, which the add replaces.
    const std::vector<nlohmann::json> meta = ParseJsonLines(ReadFile(CorpusDir() + "/meta.jsonl"));
    ASSERT_GE(meta.size(), 2u);
    replaced_id_ = meta[0]["id"].get<std::string>();
    const std::string rest = dir_.MakeSubdir("rest");
    std::string rest_meta;
    for (size_t i = 1; i < meta.size(); ++i) {
      const std::string file = meta[i]["file"].get<std::string>();
      std::filesystem::copy_file(CorpusDir() + "/" + file, rest + "/" + file);
      rest_meta += meta[i].dump() + "\n";
    }
    dir_.Write("rest/meta.jsonl", rest_meta);
    // A new article, and one that replaces the first corpus article.
    const std::string replacement =
        nlohmann::json{{"id", replaced_id_},
                       {"title", "Corrected"},
                       {"text", "This article was withdrawn and replaced by the outlet."},
                       {"outlet", "Corrections"}}
            .dump() +
        "\n";
    dir_.Write("replacement.jsonl", replacement);
    dir_.Write("new.jsonl",
               nlohmann::json{{"id", "zebra-1"},
                              {"title", "Zebras at the zoo"},
                              {"text", "A zebra escaped and walked into the newsroom."},
                              {"outlet", "Zoo News"}}
                       .dump() +
                   "\n" + replacement);
  }

  static std::string Index() { return corpus_->path; }

  ProcessResult Indexer(std::vector<std::string> args) {
    args.insert(args.begin(), IndexerPath());
    return RunProgram(args);
  }

  ProcessResult Search(const std::string& index, const std::string& query = kQuery) {
    return RunProgram({SearcherPath(), "--index", index, "--query", query, "--format", "json", "-k",
                       "100", "--exhaustive"});
  }

  static void SetUpTestSuite() { corpus_ = new CorpusIndex; }
  static void TearDownTestSuite() { delete corpus_; }

  static CorpusIndex* corpus_;
  ScratchDir dir_;
  std::string replaced_id_;
};

CorpusIndex* Incremental::corpus_ = nullptr;

TEST_F(Incremental, AddDeleteCompactAnswerAsAFreshBuild) {
  ASSERT_EQ(corpus_->build.exit_code(), 0) << corpus_->build.Describe();
  const std::string index = dir_.PathOf("index");
  ASSERT_EQ(Indexer({"build", "--index", index, "--quiet", CorpusDir()}).exit_code(), 0);

  const ProcessResult add = Indexer({"add", "--index", index, dir_.PathOf("new.jsonl")});
  ASSERT_EQ(add.exit_code(), 0) << add.Describe();
  EXPECT_TRUE(Contains(add.err, "added 2 documents, of which 1 replaced")) << add.err;
  const ProcessResult found = Search(index, "zebra");
  EXPECT_TRUE(Contains(found.out, "\"zebra-1\"")) << found.out;
  EXPECT_TRUE(Contains(Search(index, "withdrawn").out, replaced_id_));

  dir_.Write("ids.txt", "zebra-1\n\n  no-such-article  \n");
  const ProcessResult deleted =
      Indexer({"delete", "--index", index, "--ids", dir_.PathOf("ids.txt")});
  ASSERT_EQ(deleted.exit_code(), 0) << deleted.Describe();
  EXPECT_TRUE(Contains(deleted.out, "deleted 1 articles (0 already deleted, 1 not in the index)"))
      << deleted.out;
  EXPECT_TRUE(Contains(deleted.err, "no-such-article")) << deleted.err;
  EXPECT_FALSE(Contains(Search(index, "zebra").out, "zebra-1"));
  const ProcessResult verify = Indexer({"verify", "--index", index});
  EXPECT_EQ(verify.exit_code(), 0) << verify.Describe();

  const ProcessResult compact = Indexer({"compact", "--index", index});
  ASSERT_EQ(compact.exit_code(), 0) << compact.Describe();
  EXPECT_TRUE(Contains(compact.out, "1 deleted ones dropped")) << compact.out;
  const ProcessResult again = Indexer({"compact", "--index", index});
  EXPECT_TRUE(Contains(again.out, "already compact")) << again.out;

  // The oracle: corpus/ with the replacement, built at once.
  const std::string fresh = dir_.PathOf("fresh");
  ASSERT_EQ(Indexer({"build", "--index", fresh, "--quiet", CorpusDir()}).exit_code(), 0);
  dir_.Write("ids2.txt", "zebra-1\n");
  ASSERT_EQ(Indexer({"add", "--index", fresh, "--quiet", dir_.PathOf("new.jsonl")}).exit_code(), 0);
  ASSERT_EQ(Indexer({"delete", "--index", fresh, "--ids", dir_.PathOf("ids2.txt")}).exit_code(), 0);
  ASSERT_EQ(Indexer({"compact", "--index", fresh}).exit_code(), 0);
  const ProcessResult ours = Search(index), theirs = Search(fresh);
  ASSERT_EQ(ours.exit_code(), 0) << ours.Describe();
  EXPECT_GE(ParseJsonLines(ours.out).size(), 3u) << ours.out;
  EXPECT_EQ(ours.out, theirs.out);
  const ProcessResult stats = Indexer({"stats", "--index", index, "--json"});
  const nlohmann::json s = nlohmann::json::parse(stats.out, nullptr, false);
  ASSERT_TRUE(s.is_object()) << stats.out;
  EXPECT_EQ(s.value("documents", -1), 5);
  EXPECT_EQ(s.value("deleted_documents", -1), 0);
}

TEST_F(Incremental, CommandsRefuseWhatTheyCannotDo) {
  const std::string missing = dir_.PathOf("missing");
  const ProcessResult add = Indexer({"add", "--index", missing, dir_.PathOf("new.jsonl")});
  EXPECT_EQ(add.exit_code(), 1) << add.Describe();
  EXPECT_TRUE(Contains(add.err, "no such index directory")) << add.err;
  const ProcessResult no_ids = Indexer({"delete", "--index", Index()});
  EXPECT_EQ(no_ids.exit_code(), 2) << no_ids.Describe();
  EXPECT_TRUE(Contains(no_ids.err, "--ids FILE is required")) << no_ids.err;
  const ProcessResult bad_ids =
      Indexer({"delete", "--index", Index(), "--ids", dir_.PathOf("nothing.txt")});
  EXPECT_EQ(bad_ids.exit_code(), 1) << bad_ids.Describe();
  EXPECT_TRUE(Contains(bad_ids.err, "nothing.txt")) << bad_ids.err;
  const ProcessResult extra = Indexer({"compact", "--index", Index(), "stray"});
  EXPECT_EQ(extra.exit_code(), 2) << extra.Describe();
}

TEST_F(Incremental, HelpNamesEveryCommand) {
  const ProcessResult help = Indexer({"--help"});
  for (const char* command : {"build", "add", "delete", "compact", "stats", "verify"}) {
    EXPECT_TRUE(Contains(help.out, std::string("indexer ") + command)) << help.out;
  }
}

}  // namespace
}  // namespace syndex::cli_test
