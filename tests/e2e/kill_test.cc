// The kill test: `indexer build`, `add` and `compact` killed with SIGKILL at
// random moments, at least 200 times in all (SYNDEX_KILLS sets how many).
// After every kill the index must open, pass `VerifyIndex`, answer a query,
// and hold exactly the last committed state: the articles (by id) and the
// generation from before the command, or those after it if the kill came
// after the commit. The next command must then work over whatever the
// killed one left behind, and the last one leave no stray file.
//
// Kill moments are drawn uniformly over the command's measured duration
// (its last run that was not killed), so that they fall in every phase:
// reading input, writing segments, merging, committing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "common/manifest.h"
#include "common/segment.h"
#include "indexer/index_stats.h"
#include "nlohmann/json.hpp"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr int kDefaultKills = 200;
constexpr int kBatches = 6;
constexpr int kArticlesPerBatch = 120;

// What a commit holds: its generation and the ids of its live articles.
struct IndexState {
  uint64_t generation = 0;
  std::set<std::string> ids;
  bool operator==(const IndexState&) const = default;
};

absl::StatusOr<IndexState> ReadState(const std::string& dir) {
  auto reader = IndexReader::Open(dir);
  if (!reader.ok()) return reader.status();
  IndexState state;
  state.generation = (*reader)->manifest().generation;
  for (const auto& segment : (*reader)->segments()) {
    for (DocId d = 0; d < segment->documents().size(); ++d) {
      if (!segment->IsDeleted(d)) state.ids.insert(std::string(segment->documents().Meta(d).id));
    }
  }
  // A query runs on it.
  Searcher searcher(reader->get());
  auto results = searcher.Search("council OR market", SearchOptions());
  if (!results.ok()) return results.status();
  return state;
}

// Articles of made-up words, some paragraphs shared between articles (so
// that dedup has copies and near duplicates to find), and ids that recur
// in later batches (so that adds replace).
std::vector<std::string> MakeBatches(std::mt19937_64* rng) {
  static const char* const kWords[] = {
      "council", "market",  "vote",   "minister", "storm",  "court",  "river",   "budget",
      "energy",  "school",  "police", "harbour",  "strike", "talks",  "rally",   "tariff",
      "climate", "housing", "bridge", "summit",   "export", "ruling", "protest", "report"};
  auto sentence = [&] {
    std::string s;
    const int words = 8 + static_cast<int>((*rng)() % 12);
    for (int w = 0; w < words; ++w) {
      s += kWords[(*rng)() % std::size(kWords)];
      s += w + 1 == words ? ". " : " ";
    }
    return s;
  };
  std::vector<std::string> shared;
  for (int i = 0; i < 40; ++i) shared.push_back(sentence() + sentence() + sentence());
  std::vector<std::string> batches;
  for (int b = 0; b < kBatches; ++b) {
    std::string jsonl;
    for (int a = 0; a < kArticlesPerBatch; ++a) {
      // A quarter of each batch reuses ids of the batch before.
      const int id =
          (b > 0 && a % 4 == 0) ? (b - 1) * kArticlesPerBatch + a : b * kArticlesPerBatch + a;
      std::string text;
      for (int p = 0; p < 12; ++p) {
        text += (*rng)() % 5 == 0 ? shared[(*rng)() % shared.size()]
                                  : sentence() + sentence() + sentence();
        text += "\n\n";
      }
      jsonl += nlohmann::json{{"id", "a" + std::to_string(id)},
                              {"title", sentence()},
                              {"text", text},
                              {"outlet", "outlet" + std::to_string((*rng)() % 7)}}
                   .dump() +
               "\n";
    }
    batches.push_back(std::move(jsonl));
  }
  return batches;
}

std::set<std::string> IdsOfBatch(const std::string& jsonl) {
  std::set<std::string> ids;
  for (const nlohmann::json& line : ParseJsonLines(jsonl))
    ids.insert(line["id"].get<std::string>());
  return ids;
}

// Whether `dir` is one segment without deletions, which compact leaves.
bool IsCompact(const std::string& dir) {
  auto manifest = ReadManifest(dir);
  return manifest.ok() && manifest->segments.size() <= 1 &&
         (manifest->segments.empty() || manifest->segments[0].deleted_count == 0);
}

class KillTest : public ::testing::Test {
 protected:
  enum class Command { kBuild, kAdd, kCompact };

  std::vector<std::string> Args(Command command, int batch) const {
    const std::string b = dir_.PathOf("batch" + std::to_string(batch) + ".jsonl");
    switch (command) {
      case Command::kBuild:
        return {IndexerPath(), "build", "--index", index_, "--quiet", "--memory-mb", "16", b};
      case Command::kAdd:
        return {IndexerPath(), "add", "--index", index_, "--quiet", "--memory-mb", "16", b};
      case Command::kCompact:
        return {IndexerPath(), "compact", "--index", index_};
    }
    return {};
  }

  // The state `command` commits over `before`.
  IndexState After(Command command, int batch, const IndexState& before,
                   const std::vector<std::set<std::string>>& batch_ids) const {
    IndexState after = before;
    ++after.generation;
    if (command == Command::kBuild) {
      after.ids = batch_ids[batch];
    } else if (command == Command::kAdd) {
      after.ids.insert(batch_ids[batch].begin(), batch_ids[batch].end());
    }
    return after;
  }

  // Deletes a few articles (not killed).
  void DeleteSome(std::mt19937_64* rng) {
    std::string ids;
    for (int i = 0; i < 5; ++i) {
      ids += "a" + std::to_string((*rng)() % (kBatches * kArticlesPerBatch)) + "\n";
    }
    dir_.Write("ids.txt", ids);
    const ProcessResult deleted =
        RunProgram({IndexerPath(), "delete", "--index", index_, "--ids", dir_.PathOf("ids.txt")});
    ASSERT_EQ(deleted.exit_code(), 0) << deleted.Describe();
  }

  ScratchDir dir_;
  std::string index_ = dir_.PathOf("index");
};

TEST_F(KillTest, KilledCommandsLeaveTheLastCommit) {
  const char* env = std::getenv("SYNDEX_KILLS");
  const int kills = env != nullptr ? std::atoi(env) : kDefaultKills;
  std::mt19937_64 rng(20261206);
  const std::vector<std::string> batches = MakeBatches(&rng);
  std::vector<std::set<std::string>> batch_ids;
  for (int b = 0; b < kBatches; ++b) {
    dir_.Write("batch" + std::to_string(b) + ".jsonl", batches[b]);
    batch_ids.push_back(IdsOfBatch(batches[b]));
  }
  // Each command once to its end, to time it: kill moments are drawn over
  // a little more than that, so that some runs end and commit.
  std::map<Command, double> duration;
  for (const auto& [command, batch] : {std::pair{Command::kBuild, 0}, std::pair{Command::kAdd, 1},
                                       std::pair{Command::kCompact, 0}}) {
    if (command == Command::kCompact) DeleteSome(&rng);
    const auto start = std::chrono::steady_clock::now();
    const ProcessResult r = RunProgram(Args(command, batch));
    ASSERT_EQ(r.exit_code(), 0) << r.Describe();
    duration[command] =
        1.2 * std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  auto state = ReadState(index_);
  ASSERT_TRUE(state.ok()) << state.status();
  IndexState committed = *state;

  std::map<std::string, int> outcomes;
  int killed = 0;
  for (int round = 0; killed < kills; ++round) {
    ASSERT_LT(round, 4 * kills) << "too few commands could be killed before they ended";
    const Command command =
        std::array{Command::kBuild, Command::kAdd, Command::kAdd, Command::kCompact}[rng() % 4];
    const int batch = static_cast<int>(rng() % kBatches);
    if (command == Command::kCompact) {
      DeleteSome(&rng);  // something to compact
      state = ReadState(index_);
      ASSERT_TRUE(state.ok()) << state.status();
      committed = *state;
    }
    IndexState after = After(command, batch, committed, batch_ids);
    if (command == Command::kCompact && IsCompact(index_)) after = committed;  // commits nothing
    const double delay = std::uniform_real_distribution<double>(0, duration[command])(rng);
    BackgroundProcess process(Args(command, batch), dir_.PathOf("out"), dir_.PathOf("err"));
    WaitFor([] { return false; }, &process, delay);
    // It may end between any check and the kill: its status tells.
    const int status = process.Kill(SIGKILL);
    const bool ended = WIFEXITED(status);
    if (ended) {
      ASSERT_EQ(WEXITSTATUS(status), 0) << ReadFile(dir_.PathOf("err"));
    } else {
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << status;
      ++killed;
    }
    SCOPED_TRACE("round " + std::to_string(round) + ", kill after " + std::to_string(delay) + " s");
    const absl::Status verified = VerifyIndex(index_);
    ASSERT_TRUE(verified.ok()) << verified;
    state = ReadState(index_);
    ASSERT_TRUE(state.ok()) << state.status();
    const char* kind = command == Command::kBuild ? "build"
                       : command == Command::kAdd ? "add"
                                                  : "compact";
    if (*state == after) {
      committed = after;
      ++outcomes[std::string(kind) + (ended ? " ended" : " killed after its commit")];
    } else {
      ASSERT_EQ(*state, committed) << kind << ": neither the state before nor the state after";
      ASSERT_FALSE(ended) << kind << " ended without committing";
      ++outcomes[std::string(kind) + " killed before its commit"];
    }
  }
  // A last command ends normally and removes everything killed ones left.
  ASSERT_EQ(RunProgram(Args(Command::kCompact, 0)).exit_code(), 0);
  ASSERT_EQ(RunProgram(Args(Command::kAdd, 1)).exit_code(), 0);
  auto manifest = ReadManifest(index_);
  ASSERT_TRUE(manifest.ok());
  std::set<std::string> expected = {"LOCK", "MANIFEST"};
  for (const SegmentInfo& s : manifest->segments) {
    for (format::FileKind kind : format::kSegmentFileKinds) {
      expected.insert(s.name + std::string(format::Extension(kind)));
    }
  }
  const std::vector<std::string> files = ListDir(index_);
  EXPECT_EQ(std::set<std::string>(files.begin(), files.end()), expected);
  std::cout << "kills: " << killed << "; drawn within: build " << duration[Command::kBuild]
            << " s, add " << duration[Command::kAdd] << " s, compact "
            << duration[Command::kCompact] << " s\n";
  for (const auto& [outcome, count] : outcomes)
    std::cout << "  " << outcome << ": " << count << "\n";
}

}  // namespace
}  // namespace syndex::cli_test
