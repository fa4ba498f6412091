// End-to-end tests of indexer commands whose writes fail: `build`, `add`,
// `delete` and `compact` each run over an index that holds a commit, with
// their writes failing at many points, by a file size limit (EFBIG), a full
// disk (a tmpfs with little room left: ENOSPC) and /dev/full in place of
// MANIFEST.tmp. Each time the command must exit with status 1 and an error
// naming the file and the reason, and the index must still verify and be
// exactly the commit it started from, file for file and answer for answer.
// The command without faults then succeeds and removes what the failed runs
// left. A file of an earlier commit that cannot be removed after a commit
// is a warning, not a failure: the commit stands.
#include "tests/e2e/failing_writes.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/format.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

// Queries whose answers the first commit must keep.
const std::vector<std::string>& Queries() {
  static const std::vector<std::string> queries = {"\"swift and severe costs\"",
                                                   "sanction* -outlet:jazeera", "putin biden",
                                                   "title:ukraine", "~\"further invasion\""};
  return queries;
}

constexpr int kSecondArticles = 160;

// Articles of made-up words: about 340 KB of JSON Lines, whose segment files
// range from a few hundred bytes to a few hundred KB.
std::string SecondInput() {
  std::string jsonl;
  uint32_t state = 99;
  auto word = [&] {
    state = state * 1103515245 + 12345;
    const uint32_t n = (state >> 8) % 5000;
    return "w" + std::to_string(n);
  };
  for (int a = 0; a < kSecondArticles; ++a) {
    std::string text;
    for (int p = 0; p < 6; ++p) {
      for (int w = 0; w < 60; ++w) text += word() + (w == 59 ? ".\n\n" : " ");
    }
    jsonl += nlohmann::json{{"id", "second" + std::to_string(a)},
                            {"title", "Second " + word()},
                            {"outlet", "Outlet " + std::to_string(a % 4)},
                            {"date", "2024-05-01"},
                            {"text", text}}
                 .dump() +
             "\n";
  }
  return jsonl;
}

// The names in `index` that are not files of the commit `commit`.
std::vector<std::string> Leftovers(const std::string& index, const CommitSnapshot& commit) {
  std::vector<std::string> names;
  for (const std::string& name : ListDir(index)) {
    if (name != "LOCK" && !commit.files().contains(name)) names.push_back(name);
  }
  return names;
}

void RemoveLeftovers(const std::string& index, const CommitSnapshot& commit) {
  for (const std::string& name : Leftovers(index, commit)) {
    std::filesystem::remove(index + "/" + name);
  }
}

// The file that a failed command's error names: the path after "cannot
// <verb> " up to ": ", without the index directory.
std::string FailedFile(const std::string& err, const std::string& index) {
  const size_t at = err.find(index + "/");
  if (at == std::string::npos) return "";
  const size_t begin = at + index.size() + 1;
  return err.substr(begin, err.find(':', begin) - begin);
}

// The extension of a failed file's name ("MANIFEST.tmp" stays whole).
std::string KindOf(const std::string& file) {
  const size_t dot = file.find('.');
  return file.rfind("seg", 0) == 0 && dot != std::string::npos ? file.substr(dot) : file;
}

// One way to fail the writes of a command, and the reason its error must
// give.
struct FaultCase {
  std::string name;
  WriteFault fault;
  std::function<bool()> prepare;  // sets the fault up; false if it cannot
  std::function<void()> undo;     // after the command
  std::string reason;             // as strerror says it
};

// What the cases of one kind of fault did.
struct FaultTally {
  int cases = 0;
  int clean = 0;                       // exit 1, file and reason named, commit kept
  std::map<std::string, int> by_kind;  // failed files, by extension
};

// Runs the indexer command `args` over `index`, which holds the commit
// `commit`, once under each fault of `cases`, and checks that it fails
// cleanly and leaves the commit as it was. Leftovers of each failed run are
// removed before the next (a full disk would otherwise fill up), unless
// `keep_leftovers`.
FaultTally ExpectFailuresKeepCommit(const std::vector<std::string>& args, const std::string& index,
                                    const CommitSnapshot& commit,
                                    const std::vector<FaultCase>& cases, bool keep_leftovers) {
  FaultTally tally;
  for (const FaultCase& c : cases) {
    SCOPED_TRACE(c.name);
    if (!keep_leftovers) RemoveLeftovers(index, commit);
    if (c.prepare && !c.prepare()) continue;
    const ProcessResult r = RunIndexer(args, c.fault);
    if (c.undo) c.undo();
    ++tally.cases;
    const std::string file = FailedFile(r.err, index);
    const bool failed = r.exit_code() == 1;
    const bool said = Contains(r.err, "error: ") && Contains(r.err, c.reason) && !file.empty();
    EXPECT_TRUE(failed) << r.Describe();
    EXPECT_TRUE(said) << "no error naming a file of " << index << " and \"" << c.reason
                      << "\": " << r.err;
    ++tally.by_kind[KindOf(file)];
    const bool kept = commit.ExpectUnchanged(index, c.name);
    tally.clean += failed && said && kept;
  }
  return tally;
}

void PrintTally(const std::string& fault, const std::string& command, const FaultTally& tally) {
  std::cout << "[ figures ] " << fault << ": " << tally.cases << " failed `" << command << "`s, "
            << tally.clean
            << " clean (exit 1, file and reason named, last commit intact); failed in:";
  for (const auto& [kind, n] : tally.by_kind) std::cout << " " << kind << " " << n;
  std::cout << "\n";
}

// The inputs the commands read, written once for the suite.
class FailingWritesInputs {
 public:
  FailingWritesInputs() {
    WriteFile(dir_.PathOf("second.jsonl"), SecondInput());
    // Every other article of the second input.
    std::string ids;
    for (int a = 0; a < kSecondArticles; a += 2) ids += "second" + std::to_string(a) + "\n";
    WriteFile(dir_.PathOf("ids.txt"), ids);
  }
  std::string second() const { return dir_.PathOf("second.jsonl"); }
  std::string ids() const { return dir_.PathOf("ids.txt"); }
  ScratchDir& dir() { return dir_; }

 private:
  ScratchDir dir_;
};

// A command that writes an index: the commit it starts from and its
// arguments.
struct WritingCommand {
  std::string name;
  // Makes in `index` the commit the command starts from.
  std::function<void(const FailingWritesInputs&, const std::string& index)> first_commit;
  std::function<std::vector<std::string>(const FailingWritesInputs&, const std::string& index)>
      args;
};

void PrintTo(const WritingCommand& command, std::ostream* os) { *os << command.name; }

void ExpectExits0(const std::vector<std::string>& args) {
  const ProcessResult r = RunIndexer(args, WriteFault::None());
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
}

void BuildCorpus(const FailingWritesInputs&, const std::string& index) {
  ExpectExits0({"build", "--index", index, "--quiet", CorpusDir()});
}

void BuildBoth(const FailingWritesInputs& in, const std::string& index) {
  ExpectExits0({"build", "--index", index, "--quiet", CorpusDir(), in.second()});
}

std::vector<WritingCommand> WritingCommands() {
  return {
      {"build", BuildCorpus,
       [](const FailingWritesInputs& in, const std::string& index) {
         return std::vector<std::string>{"build",     "--index", index,      "--quiet",
                                         "--threads", "2",       in.second()};
       }},
      {"add", BuildCorpus,
       [](const FailingWritesInputs& in, const std::string& index) {
         return std::vector<std::string>{"add",       "--index", index,      "--quiet",
                                         "--threads", "2",       in.second()};
       }},
      {"delete", BuildBoth,
       [](const FailingWritesInputs& in, const std::string& index) {
         return std::vector<std::string>{"delete", "--index", index, "--ids", in.ids()};
       }},
      {"compact",
       [](const FailingWritesInputs& in, const std::string& index) {
         BuildBoth(in, index);
         ExpectExits0({"delete", "--index", index, "--ids", in.ids()});
       },
       [](const FailingWritesInputs&, const std::string& index) {
         return std::vector<std::string>{"compact", "--index", index, "--threads", "2"};
       }},
  };
}

class FailingWrites : public ::testing::TestWithParam<WritingCommand> {
 protected:
  static void SetUpTestSuite() { inputs_ = new FailingWritesInputs; }
  static void TearDownTestSuite() {
    delete inputs_;
    inputs_ = nullptr;
  }

  const WritingCommand& command() const { return GetParam(); }
  std::vector<std::string> Args(const std::string& index) const {
    return command().args(*inputs_, index);
  }
  // A fresh directory for this test's index (or its copies).
  std::string PathOf(const std::string& what) const {
    return inputs_->dir().PathOf(command().name + "_" + what);
  }

  // Makes the commit the command starts from, and snapshots it.
  CommitSnapshot FirstCommit(const std::string& index) const {
    command().first_commit(*inputs_, index);
    return CommitSnapshot(index, Queries());
  }

  // After the faults: the command without one succeeds, and leaves nothing
  // but LOCK and the files of its commit.
  void ExpectCleanRun(const std::string& index) const {
    const ProcessResult r = RunIndexer(Args(index), WriteFault::None());
    ASSERT_EQ(r.exit_code(), 0) << r.Describe();
    EXPECT_EQ(Leftovers(index, CommitSnapshot(index, Queries())), std::vector<std::string>{});
    EXPECT_EQ(RunProgram({IndexerPath(), "verify", "--index", index}).exit_code(), 0);
  }

  static FailingWritesInputs* inputs_;
};

FailingWritesInputs* FailingWrites::inputs_ = nullptr;

TEST_P(FailingWrites, FileSizeLimitKeepsTheCommit) {
  if (!CanLimitFileSize()) GTEST_SKIP() << kPrlimitPath << " is missing";
  const std::string index = PathOf("limited");
  const CommitSnapshot commit = FirstCommit(index);

  // The sizes of the files a successful run writes, from a copy.
  const std::string copy = PathOf("limited_copy");
  CopyDir(index, copy);
  const std::vector<std::string> names_before = ListDir(copy);
  const std::set<std::string> before(names_before.begin(), names_before.end());
  ASSERT_EQ(RunIndexer(Args(copy), WriteFault::None()).exit_code(), 0);
  std::set<uint64_t> limits = {
      0,    1,   format::kHeaderSize - 1, format::kHeaderSize, format::kHeaderSize + 1, 4095,
      4096, 4097};
  uint64_t largest = 0;
  for (const std::string& name : ListDir(copy)) {
    if (before.contains(name) && name != format::kManifestName) continue;  // not written
    if (name == "LOCK") continue;
    const uint64_t size = std::filesystem::file_size(copy + "/" + name);
    largest = std::max(largest, size);
    limits.insert({size / 2, size - format::kFooterSize, size - 1});
  }
  for (int k = 1; k < 10; ++k) limits.insert(largest * k / 10);
  std::erase_if(limits, [&](uint64_t l) { return l >= largest; });
  ASSERT_GE(limits.size(), 8u);

  std::vector<FaultCase> cases;
  for (uint64_t limit : limits) {
    cases.push_back({"files limited to " + std::to_string(limit) + " bytes",
                     WriteFault::FileSizeLimit(limit), nullptr, nullptr, "File too large"});
  }
  // Leftovers stay: each failed run must cope with those of the last.
  const FaultTally tally =
      ExpectFailuresKeepCommit(Args(index), index, commit, cases, /*keep_leftovers=*/true);
  PrintTally("file size limit (EFBIG), limits 0.." + std::to_string(largest - 1) + " bytes",
             command().name, tally);
  EXPECT_EQ(tally.clean, tally.cases);
  ExpectCleanRun(index);
}

TEST_P(FailingWrites, FullDiskKeepsTheCommit) {
  Tmpfs disk(inputs_->dir().MakeSubdir(command().name + "_tmpfs"));
  if (!disk.ok()) GTEST_SKIP() << "no tmpfs, so no full disk: " << disk.skip_reason();
  const std::string index = disk.dir() + "/index";
  const CommitSnapshot commit = FirstCommit(index);

  // The least room a successful run needs, found by bisection (in pages)
  // on a copy that is put back after each try.
  const std::string copy = disk.dir() + "/copy";
  const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  auto succeeds_with = [&](uint64_t free) {
    std::filesystem::remove_all(copy);
    CopyDir(index, copy);
    if (!disk.SetFree(free)) return false;
    const bool ok = RunIndexer(Args(copy), WriteFault::None()).exit_code() == 0;
    disk.SetUnlimited();
    return ok;
  };
  ASSERT_FALSE(succeeds_with(0)) << "`" << command().name << "` wrote nothing";
  uint64_t lo = 0, hi = 1;  // pages: lo fails, hi succeeds
  while (!succeeds_with(hi * page)) {
    lo = hi;
    hi *= 2;
    ASSERT_LT(hi, 1u << 14) << "a run does not fit in 64 MiB";
  }
  while (hi - lo > 1) {
    const uint64_t mid = lo + (hi - lo) / 2;
    (succeeds_with(mid * page) ? hi : lo) = mid;
  }
  std::filesystem::remove_all(copy);
  const uint64_t needed = hi * page;

  std::set<uint64_t> budgets = {0, page, needed - page};  // the last: room for all but the manifest
  for (int k = 1; k < 40; ++k) budgets.insert(needed * k / 40 / page * page);
  std::erase_if(budgets, [&](uint64_t b) { return b >= needed; });
  std::vector<FaultCase> cases;
  for (uint64_t budget : budgets) {
    cases.push_back({std::to_string(budget) + " bytes free", WriteFault::None(),
                     [&disk, budget] { return disk.SetFree(budget); },
                     [&disk] { disk.SetUnlimited(); }, "No space left on device"});
  }
  const FaultTally tally =
      ExpectFailuresKeepCommit(Args(index), index, commit, cases, /*keep_leftovers=*/false);
  PrintTally("full disk (tmpfs, ENOSPC), 0.." + std::to_string(needed - page) + " of the " +
                 std::to_string(needed) + " bytes needed",
             command().name, tally);
  EXPECT_EQ(tally.clean, tally.cases);
  EXPECT_EQ(tally.cases, static_cast<int>(budgets.size()));
  EXPECT_TRUE(tally.by_kind.contains(std::string(format::kManifestTempName)))
      << "no budget failed the manifest's write";
  ExpectCleanRun(index);
}

TEST_P(FailingWrites, ManifestOnDevFullKeepsTheCommit) {
  const std::string index = PathOf("dev_full");
  const CommitSnapshot commit = FirstCommit(index);
  const std::string temp = index + "/" + std::string(format::kManifestTempName);
  const FaultTally tally = ExpectFailuresKeepCommit(
      Args(index), index, commit,
      {{"MANIFEST.tmp on /dev/full", WriteFault::None(), [&] { return DevFullInPlaceOf(temp); },
        nullptr, "No space left on device"}},
      /*keep_leftovers=*/true);
  PrintTally("/dev/full as MANIFEST.tmp (ENOSPC)", command().name, tally);
  EXPECT_EQ(tally.by_kind, (std::map<std::string, int>{{"MANIFEST.tmp", 1}}));
  EXPECT_FALSE(std::filesystem::is_symlink(temp)) << "the failed commit left " << temp;
  ExpectCleanRun(index);
}

// A file of an earlier commit that cannot be removed once the new commit is
// in place (here a directory with a segment file's name, which unlink
// refuses) does not make a committed command fail: it warns, exits 0, and
// the index is the new commit. The next commit tries again.
TEST_P(FailingWrites, LeftoverThatCannotBeRemovedIsOnlyAWarning) {
  const std::string index = PathOf("leftover");
  const CommitSnapshot before = FirstCommit(index);
  const std::string stuck = index + "/seg000099.dict";
  std::filesystem::create_directories(stuck + "/inside");

  const ProcessResult r = RunIndexer(Args(index), WriteFault::None());
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "warning: generation ")) << r.err;
  EXPECT_TRUE(Contains(r.err, "is committed, but a file of an earlier one is left behind"))
      << r.err;
  EXPECT_TRUE(Contains(r.err, "cannot remove " + stuck)) << r.err;
  EXPECT_NE(ReadFile(index + "/MANIFEST"), before.files().at("MANIFEST")) << "nothing committed";
  EXPECT_EQ(RunProgram({IndexerPath(), "verify", "--index", index}).exit_code(), 0);
  // Only the stuck directory is left over.
  EXPECT_EQ(Leftovers(index, CommitSnapshot(index, Queries())),
            std::vector<std::string>{"seg000099.dict"});
}

INSTANTIATE_TEST_SUITE_P(Commands, FailingWrites, ::testing::ValuesIn(WritingCommands()),
                         [](const ::testing::TestParamInfo<WritingCommand>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace syndex::cli_test
