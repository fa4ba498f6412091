// End-to-end tests of the programs on bad input: a missing or damaged index,
// malformed queries, bad documents, a build killed at several moments, two
// builders on one index, and bad usage. The programs must fail with a
// message that names what is wrong, and never crash: a test checks that the
// exit status comes from exit(), not from a signal.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "common/format.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr char kCorpusQuery[] = "\"swift and severe costs\"";

ProcessResult Search(const std::string& index, const std::string& query,
                     std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {SearcherPath(), "--index", index, "--query", query,
                                   "--format",     "json",    "-k",  "1000"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunProgram(args);
}

ProcessResult Build(const std::string& index, const std::vector<std::string>& inputs) {
  std::vector<std::string> args = {IndexerPath(), "build", "--index", index};
  args.insert(args.end(), inputs.begin(), inputs.end());
  return RunProgram(args);
}

ProcessResult Verify(const std::string& index) {
  return RunProgram({IndexerPath(), "verify", "--index", index});
}

int64_t StatsValue(const std::string& index, const std::string& key) {
  const ProcessResult r = RunProgram({IndexerPath(), "stats", "--index", index, "--json"});
  EXPECT_EQ(r.exit_code(), 0) << r.Describe();
  const nlohmann::json stats = nlohmann::json::parse(r.out, nullptr, false);
  return stats.is_object() ? stats.value(key, int64_t{-1}) : -1;
}

TEST(MissingIndex, SearcherNamesTheDirectory) {
  ScratchDir dir;
  const std::string missing = dir.PathOf("no_index_here");
  const ProcessResult r = Search(missing, "costs");
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, missing)) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(MissingIndex, EmptyDirectoryIsNotAnIndex) {
  ScratchDir dir;
  const ProcessResult search = Search(dir.path(), "costs");
  EXPECT_EQ(search.exit_code(), 1) << search.Describe();
  EXPECT_TRUE(Contains(search.err, "MANIFEST")) << search.err;
  for (const char* command : {"verify", "stats"}) {
    const ProcessResult r = RunProgram({IndexerPath(), command, "--index", dir.path()});
    EXPECT_EQ(r.exit_code(), 1) << command << ": " << r.Describe();
    EXPECT_TRUE(Contains(r.err, dir.path())) << command << ": " << r.err;
  }
}

TEST(MissingInput, BuildLeavesNoIndexDirectoryBehind) {
  ScratchDir dir;
  const std::string index = dir.PathOf("new_index");
  const std::string missing = dir.PathOf("no_such_input.jsonl");
  const ProcessResult r = RunProgram({IndexerPath(), "build", "--index", index, missing});
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, missing)) << r.err;
  EXPECT_EQ(::access(index.c_str(), F_OK), -1) << index << " was created";
}

// --- A damaged index --------------------------------------------------------

enum class Damage { kTruncate, kFlipBit, kDelete };

std::string DamageName(Damage d) {
  switch (d) {
    case Damage::kTruncate:
      return "Truncated";
    case Damage::kFlipBit:
      return "BitFlipped";
    case Damage::kDelete:
      return "Deleted";
  }
  return "?";
}

// Parameter: the file kind (a segment file's extension, or MANIFEST) and
// what is done to it.
class DamagedIndex : public ::testing::TestWithParam<std::tuple<std::string, Damage>> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    build_ = new ProcessResult(Build(dir_->PathOf("good"), {CorpusDir()}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete dir_;
  }

  void SetUp() override {
    ASSERT_EQ(build_->exit_code(), 0) << build_->Describe();
    const auto& [kind, damage] = GetParam();
    CopyDir(dir_->PathOf("good"), damaged_.path() + "/index");
    index_ = damaged_.path() + "/index";
    for (const std::string& name : ListDir(index_)) {
      if (name == kind || (name.size() > kind.size() + 1 &&
                           name.substr(name.size() - kind.size() - 1) == "." + kind)) {
        ASSERT_TRUE(file_.empty()) << "two files of kind " << kind;
        file_ = name;
      }
    }
    ASSERT_FALSE(file_.empty()) << "no file of kind " << kind << " in the index";
    const std::string path = index_ + "/" + file_;
    std::string bytes = ReadFile(path);
    ASSERT_GT(bytes.size(), 8u);
    switch (damage) {
      case Damage::kTruncate:
        bytes.resize(bytes.size() / 2);
        WriteFile(path, bytes);
        break;
      case Damage::kFlipBit:
        bytes[bytes.size() / 2] ^= 0x10;
        WriteFile(path, bytes);
        break;
      case Damage::kDelete:
        ASSERT_TRUE(std::filesystem::remove(path));
        break;
    }
  }

  static ScratchDir* dir_;
  static ProcessResult* build_;
  ScratchDir damaged_;
  std::string index_;
  std::string file_;  // the damaged file's name
};

ScratchDir* DamagedIndex::dir_ = nullptr;
ProcessResult* DamagedIndex::build_ = nullptr;

TEST_P(DamagedIndex, SearcherFailsNamingTheFile) {
  const ProcessResult r = Search(index_, "\"severe costs\" OR sanct* OR title:putin");
  ASSERT_TRUE(r.exited()) << r.Describe();
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, file_)) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_P(DamagedIndex, VerifyFailsNamingTheFile) {
  const ProcessResult r = Verify(index_);
  ASSERT_TRUE(r.exited()) << r.Describe();
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, file_)) << r.err;
  EXPECT_FALSE(Contains(r.out, "OK")) << r.out;
}

TEST_P(DamagedIndex, SearcherWithoutChecksumsDoesNotCrash) {
  // Without checksum verification a flipped bit may go unnoticed; the
  // searcher must still end by itself, with or without results.
  const ProcessResult r =
      Search(index_, "\"severe costs\" OR sanct* OR title:putin OR macron", {"--no-verify"});
  EXPECT_TRUE(r.exited() && (r.exit_code() == 0 || r.exit_code() == 1)) << r.Describe();
  if (r.exit_code() == 0) ParseJsonLines(r.out);  // still valid JSON Lines
}

INSTANTIATE_TEST_SUITE_P(
    EveryFileKind, DamagedIndex,
    ::testing::Combine(::testing::Values("dict", "post", "pos", "psg", "doc", "txt", "MANIFEST"),
                       ::testing::Values(Damage::kTruncate, Damage::kFlipBit, Damage::kDelete)),
    [](const ::testing::TestParamInfo<DamagedIndex::ParamType>& info) {
      return std::get<0>(info.param) + DamageName(std::get<1>(info.param));
    });

// --- Malformed queries ------------------------------------------------------

class MalformedQuery : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    build_ = new ProcessResult(Build(dir_->PathOf("index"), {CorpusDir()}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code(), 0) << build_->Describe(); }

  static ScratchDir* dir_;
  static ProcessResult* build_;
};

ScratchDir* MalformedQuery::dir_ = nullptr;
ProcessResult* MalformedQuery::build_ = nullptr;

TEST_P(MalformedQuery, IsRefusedWithItsColumn) {
  const ProcessResult r = Search(dir_->PathOf("index"), GetParam());
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "column ")) << r.err;
  // The query is echoed with a caret under the fault.
  const std::vector<std::string> lines = SplitLines(r.err);
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& line) {
    return line.find('^') != std::string::npos && line.find_first_not_of(' ') == line.find('^');
  })) << r.err;
  EXPECT_EQ(r.out, "");
}

INSTANTIATE_TEST_SUITE_P(Syntax, MalformedQuery,
                         ::testing::Values("\"unterminated", "(a OR", "a AND", "NOT a", "*", "",
                                           "   ", "a OR -b", "title:(a OR outlet:b)", "\"\"", "a )",
                                           std::string(101, '(') + "a"));

// --- Bad documents ----------------------------------------------------------

// One build over a directory with good, empty, binary, invalid-UTF-8 and
// huge .txt files, and a JSONL file with a malformed line.
class BadDocuments : public ::testing::Test {
 protected:
  static constexpr size_t kHugeBytes = 20 << 20;

  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    const std::string docs = dir_->PathOf("docs");
    std::filesystem::create_directory(docs);
    WriteFile(docs + "/good.txt", "Zebrafish migrate northward every spring.\n");
    WriteFile(docs + "/empty.txt", "");
    WriteFile(docs + "/blank.txt", " \n\t\n");
    static constexpr char kBinary[] = "okapi\0\x01\x02 binary okapi\n";
    WriteFile(docs + "/binary.txt", std::string(kBinary, sizeof kBinary - 1));
    WriteFile(docs + "/badutf8.txt", "Quokka \xff\xfe lemur \xc3 wombat.\n");
    WriteFile(docs + "/huge.txt", HugeText());
    WriteFile(dir_->PathOf("articles.jsonl"),
              "{\"id\": \"j1\", \"title\": \"Tusks\", \"text\": \"Narwhal tusk.\"}\n"
              "{\"id\": \"j2\", \"text\": \n"
              "not json at all\n"
              "{\"id\": \"j3\", \"title\": \"Axolotl\", \"text\": \"Axolotl gills regrow.\"}\n");
    build_ =
        new ProcessResult(Build(dir_->PathOf("index"), {docs, dir_->PathOf("articles.jsonl")}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete dir_;
  }
  void SetUp() override { ASSERT_EQ(build_->exit_code(), 0) << build_->Describe(); }

  // ~20 MB of sentences over a small vocabulary, in paragraphs, with
  // "aardvark" at the start, "meerkat" in the middle and "capybara" at the end.
  static std::string HugeText() {
    static const char* const kWords[] = {"alpha", "beta", "gamma", "delta", "epsilon",
                                         "zeta",  "eta",  "theta", "iota",  "kappa"};
    std::mt19937 rng(20240501);
    std::string text = "aardvark opens the text.\n\n";
    bool middle_done = false;
    while (text.size() < kHugeBytes) {
      for (int sentence = 0; sentence < 5; ++sentence) {
        for (int w = 0; w < 15; ++w) {
          text += kWords[rng() % 10];
          text += ' ';
        }
        text.back() = '.';
        text += ' ';
      }
      text += "\n\n";
      if (!middle_done && text.size() > kHugeBytes / 2) {
        text += "A meerkat stands in the middle.\n\n";
        middle_done = true;
      }
    }
    return text + "The capybara closes it.\n";
  }

  // Runs `queries` as one batch on standard input (the index is opened, and
  // its checksums verified, once) and returns each query's json results.
  static std::vector<std::vector<nlohmann::json>> FindEach(const std::vector<std::string>& queries,
                                                           std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {
        SearcherPath(), "--index", dir_->PathOf("index"), "--format", "json", "-k", "1000"};
    args.insert(args.end(), extra.begin(), extra.end());
    RunOptions options;
    for (size_t i = 0; i < queries.size(); ++i) {
      options.input += std::to_string(i) + "\t" + queries[i] + "\n";
    }
    const ProcessResult r = RunProgram(args, options);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    std::vector<std::vector<nlohmann::json>> results(queries.size());
    for (const nlohmann::json& j : ParseJsonLines(r.out)) {
      const size_t i = std::stoul(j.value("query_id", "0"));
      if (i < results.size()) results[i].push_back(j);
    }
    return results;
  }

  static std::vector<std::string> DocIdsOf(const std::vector<nlohmann::json>& hits) {
    std::vector<std::string> ids;
    for (const nlohmann::json& j : hits) ids.push_back(j.value("doc_id", ""));
    return ids;
  }

  static ScratchDir* dir_;
  static ProcessResult* build_;
};

ScratchDir* BadDocuments::dir_ = nullptr;
ProcessResult* BadDocuments::build_ = nullptr;

TEST_F(BadDocuments, WarningsNameEachBadFile) {
  const std::string& err = build_->err;
  for (const char* name : {"empty.txt", "blank.txt", "binary.txt", "badutf8.txt",
                           "articles.jsonl:2", "articles.jsonl:3"}) {
    bool named = false;
    for (const std::string& line : SplitLines(err)) {
      if (Contains(line, "warning") && Contains(line, name)) named = true;
    }
    EXPECT_TRUE(named) << "no warning names " << name << ":\n" << err;
  }
  for (const char* good : {"good.txt", "huge.txt", "articles.jsonl:1", "articles.jsonl:4"}) {
    EXPECT_FALSE(Contains(err, good)) << err;
  }
}

TEST_F(BadDocuments, OnlyTheUsableDocumentsAreIndexed) {
  // good, badutf8, huge, j1 and j3.
  EXPECT_EQ(StatsValue(dir_->PathOf("index"), "documents"), 5);
  const ProcessResult verify = Verify(dir_->PathOf("index"));
  EXPECT_EQ(verify.exit_code(), 0) << verify.Describe();
}

TEST_F(BadDocuments, GoodDocumentsAreSearchable) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"zebrafish", "good"}, {"narwhal", "j1"}, {"axolotl", "j3"}, {"title:tusks", "j1"}};
  std::vector<std::string> queries;
  for (const auto& [query, doc] : cases) queries.push_back(query);
  const auto results = FindEach(queries, {"--unit", "doc"});
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(DocIdsOf(results[i]), std::vector<std::string>{cases[i].second}) << cases[i].first;
  }
}

TEST_F(BadDocuments, SkippedDocumentsAreNotSearchable) {
  const auto results = FindEach({"okapi OR binary"});
  EXPECT_TRUE(results[0].empty()) << results[0].front().dump();
}

TEST_F(BadDocuments, InvalidUtf8DocumentIsSearchableByItsValidWords) {
  // ParseJsonLines fails the test if the output is not valid UTF-8 JSON.
  const auto results = FindEach({"quokka", "lemur", "wombat", "\"quokka lemur\""});
  for (const auto& hits : results) {
    EXPECT_EQ(DocIdsOf(hits), std::vector<std::string>{"badutf8"});
  }
  // The invalid bytes between them were replaced, and shown as U+FFFD.
  ASSERT_EQ(results[1].size(), 1u);
  EXPECT_TRUE(Contains(results[1][0].value("snippet", ""), "\xEF\xBF\xBD")) << results[1][0].dump();
}

TEST_F(BadDocuments, HugeDocumentIsIndexedToItsEnd) {
  const std::vector<std::string> words = {"aardvark", "meerkat", "capybara"};
  const auto results = FindEach(words);
  size_t last_start = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::vector<nlohmann::json>& hits = results[i];
    ASSERT_EQ(hits.size(), 1u) << words[i];
    EXPECT_EQ(hits[0].value("doc_id", ""), "huge");
    const size_t start = hits[0].value("start", size_t{0});
    if (i > 0) {
      EXPECT_GT(start, last_start) << words[i];
    }
    EXPECT_TRUE(Contains(hits[0].value("snippet", ""), "[" + words[i])) << hits[0].dump();
    last_start = start;
  }
  EXPECT_GT(last_start, kHugeBytes - 100);
  // A word on every line of the huge text is found there, and in no other.
  EXPECT_EQ(DocIdsOf(FindEach({"theta"}, {"--unit", "doc"})[0]), std::vector<std::string>{"huge"});
}

// --- A build killed part way, and concurrent builds ----------------------

// A ~30 MB JSON Lines file of generated articles, big enough that a build
// takes seconds and writes several segments with --memory-mb 16.
class BuildProcess : public ::testing::Test {
 protected:
  static constexpr size_t kBigBytes = 30 << 20;

  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    std::mt19937 rng(7);
    std::string jsonl;
    big_documents_ = 0;
    while (jsonl.size() < kBigBytes) {
      std::string text;
      for (int w = 0; w < 600; ++w) {
        text += 'w';
        text += std::to_string(rng() % 5000);
        text += w % 20 == 19 ? ". " : " ";
      }
      jsonl += nlohmann::json{{"id", std::string("big").append(std::to_string(big_documents_))},
                              {"title", "generated"},
                              {"text", text}}
                   .dump() +
               "\n";
      ++big_documents_;
    }
    WriteFile(dir_->PathOf("big.jsonl"), jsonl);
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::vector<std::string> BigBuildArgs(const std::string& index) {
    return {IndexerPath(), "build", "--index", index,
            "--memory-mb", "16",    "--quiet", dir_->PathOf("big.jsonl")};
  }

  static ScratchDir* dir_;
  static int64_t big_documents_;
};

ScratchDir* BuildProcess::dir_ = nullptr;
int64_t BuildProcess::big_documents_ = 0;

using DirSnapshot = std::map<std::string, std::filesystem::file_time_type>;

// The modification times of the entries of `dir`, by name.
DirSnapshot Snapshot(const std::string& dir) {
  DirSnapshot snapshot;
  std::error_code ec;
  for (const std::string& name : ListDir(dir)) {
    snapshot[name] = std::filesystem::last_write_time(dir + "/" + name, ec);
  }
  return snapshot;
}

// Whether `dir` has an entry ending in `suffix` that is not in `before`, or
// was modified since.
bool HasNewFile(const std::string& dir, const DirSnapshot& before, const std::string& suffix) {
  for (const auto& [name, time] : Snapshot(dir)) {
    if (name.size() < suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    auto it = before.find(name);
    if (it == before.end() || it->second != time) return true;
  }
  return false;
}

TEST_F(BuildProcess, KilledBuildLeavesThePreviousCommitIntact) {
  const std::string index = dir_->PathOf("killed");
  const ProcessResult first = Build(index, {CorpusDir()});
  ASSERT_EQ(first.exit_code(), 0) << first.Describe();
  const ProcessResult before = Search(index, kCorpusQuery);
  ASSERT_EQ(before.exit_code(), 0) << before.Describe();
  ASSERT_FALSE(before.out.empty());
  const int64_t documents = StatsValue(index, "documents");

  struct KillPoint {
    std::string name;
    double seconds;      // kill after this long, if suffix is empty
    std::string suffix;  // else kill as soon as a new file with this suffix appears
  };
  const std::vector<KillPoint> points = {
      {"after 0.3 s", 0.3, ""},
      {"after 1 s", 1.0, ""},
      {"while the first segment's postings are written", 0, ".post"},
      {"as the first segment's document table is written", 0, ".doc"},
      {"during the commit", 0, "MANIFEST.tmp"},
  };
  for (const KillPoint& point : points) {
    SCOPED_TRACE("killed " + point.name);
    const DirSnapshot old_files = Snapshot(index);
    BackgroundProcess builder(BigBuildArgs(index), dir_->PathOf("build.out"),
                              dir_->PathOf("build.err"));
    bool reached;
    if (point.suffix.empty()) {
      reached = !WaitFor([] { return false; }, &builder, point.seconds) && builder.Running();
    } else {
      reached = WaitFor([&] { return HasNewFile(index, old_files, point.suffix); }, &builder, 60);
    }
    const int status = builder.Kill(SIGKILL);
    const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;

    const ProcessResult verify = Verify(index);
    EXPECT_EQ(verify.exit_code(), 0) << verify.Describe();
    const ProcessResult after = Search(index, kCorpusQuery);
    EXPECT_EQ(after.exit_code(), 0) << after.Describe();
    if (point.suffix == "MANIFEST.tmp" || !killed) {
      // Killed during the commit (or too late, after it): the index is the
      // old one or the new one, never a mix.
      const int64_t now = StatsValue(index, "documents");
      EXPECT_TRUE((now == documents && after.out == before.out) ||
                  (now == big_documents_ && after.out.empty()))
          << "documents: " << now << ", killed: " << killed << ", reached: " << reached;
      if (!killed) {
        std::cout << "note: the build ended before the kill point \"" << point.name << "\"\n";
      }
      if (now != documents) {  // restore the corpus index for the next kill point
        ASSERT_EQ(Build(index, {CorpusDir()}).exit_code(), 0);
      }
    } else {
      EXPECT_TRUE(reached);
      EXPECT_EQ(after.out, before.out);
      EXPECT_EQ(StatsValue(index, "documents"), documents);
    }
  }

  // A new build succeeds and removes what the killed ones left behind.
  const ProcessResult fresh = Build(index, {CorpusDir()});
  ASSERT_EQ(fresh.exit_code(), 0) << fresh.Describe();
  std::vector<std::string> files = ListDir(index);
  std::set<std::string> segments;
  for (const std::string& name : files) {
    if (name != "LOCK" && name != "MANIFEST") segments.insert(name.substr(0, name.find('.')));
  }
  EXPECT_EQ(segments.size(), 1u) << ::testing::PrintToString(files);
  EXPECT_EQ(files.size(), 2 + std::size(format::kSegmentFileKinds))
      << "LOCK, MANIFEST and the segment files: " << ::testing::PrintToString(files);
  const ProcessResult verify = Verify(index);
  EXPECT_EQ(verify.exit_code(), 0) << verify.Describe();
  EXPECT_EQ(Search(index, kCorpusQuery).out, before.out);
}

TEST_F(BuildProcess, SecondConcurrentBuilderIsRefused) {
  const std::string index = dir_->PathOf("concurrent");
  BackgroundProcess builder(BigBuildArgs(index), dir_->PathOf("first.out"),
                            dir_->PathOf("first.err"));
  // A segment file shows that the first builder has its writer (and lock).
  ASSERT_TRUE(WaitFor([&] { return HasNewFile(index, {}, ".txt"); }, &builder, 30));
  const ProcessResult second = Build(index, {CorpusDir()});
  EXPECT_TRUE(builder.Running()) << "the first build ended too soon for this test";
  EXPECT_EQ(second.exit_code(), 1) << second.Describe();
  EXPECT_TRUE(Contains(second.err, "another indexer")) << second.err;
  EXPECT_TRUE(Contains(second.err, "LOCK")) << second.err;
  // Once the first builder is gone (even killed) its lock is released.
  builder.Kill(SIGKILL);
  const ProcessResult third = Build(index, {CorpusDir()});
  EXPECT_EQ(third.exit_code(), 0) << third.Describe();
  EXPECT_EQ(Verify(index).exit_code(), 0);
}

TEST_F(BuildProcess, SearcherReadsWhileABuildRuns) {
  const std::string index = dir_->PathOf("reading");
  ASSERT_EQ(Build(index, {CorpusDir()}).exit_code(), 0);
  const ProcessResult before = Search(index, kCorpusQuery);
  const DirSnapshot old_files = Snapshot(index);
  BackgroundProcess builder(BigBuildArgs(index), dir_->PathOf("reading.out"),
                            dir_->PathOf("reading.err"));
  // While the first segment is buffered, and once it has been written.
  for (const char* suffix : {".txt", ".doc"}) {
    ASSERT_TRUE(WaitFor([&] { return HasNewFile(index, old_files, suffix); }, &builder, 30))
        << suffix;
    EXPECT_TRUE(builder.Running());
    const ProcessResult during = Search(index, kCorpusQuery);
    EXPECT_EQ(during.exit_code(), 0) << during.Describe();
    EXPECT_EQ(during.out, before.out);
  }
}

// --- Usage ------------------------------------------------------------------

TEST(Usage, UnknownCommandOrOptionExitsWithStatus2) {
  ScratchDir dir;
  const std::string index = dir.PathOf("i");
  const std::vector<std::vector<std::string>> cases = {
      {IndexerPath()},
      {IndexerPath(), "frobnicate", "--index", index},
      {IndexerPath(), "build", "--index", index, "--no-such-flag", CorpusDir()},
      {IndexerPath(), "build", "--index", index},  // no INPUT
      {IndexerPath(), "build", CorpusDir()},       // no --index
      {IndexerPath(), "stats"},
      {IndexerPath(), "verify", "--index", index, "stray"},
      {SearcherPath(), "--index", index, "--no-such-flag"},
      {SearcherPath(), "--query", "costs"},
      {SearcherPath(), "--index", index, "--query", "costs", "--unit", "sentence"},
      {SearcherPath(), "--index", index, "--query", "costs", "--format", "xml"},
      {SearcherPath(), "--index", index, "--query", "costs", "-k", "0"},
      {SearcherPath(), "--index", index, "--query", "costs", "-k"},
      {SearcherPath(), "--index", index, "--query", "costs", "stray"},
  };
  for (const std::vector<std::string>& args : cases) {
    std::string line;
    for (size_t i = 1; i < args.size(); ++i) line += " " + args[i];
    SCOPED_TRACE(args[0].substr(args[0].rfind('/') + 1) + line);
    const ProcessResult r = RunProgram(args);
    EXPECT_EQ(r.exit_code(), 2) << r.Describe();
    EXPECT_TRUE(Contains(r.err, "usage:")) << r.err;
    EXPECT_EQ(r.out, "");
  }
  // Nothing was created for the rejected commands.
  EXPECT_FALSE(std::filesystem::exists(index));
  // An unknown command is named as such, even without --index.
  const ProcessResult r = RunProgram({IndexerPath(), "frobnicate"});
  EXPECT_EQ(r.exit_code(), 2) << r.Describe();
  EXPECT_TRUE(Contains(r.err, "unknown command \"frobnicate\"")) << r.err;
}

TEST(Usage, HelpGoesToStandardOutput) {
  for (const std::string& program : {IndexerPath(), SearcherPath()}) {
    const ProcessResult r = RunProgram({program, "--help"});
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    EXPECT_EQ(r.out.rfind("usage:", 0), 0u) << r.out;
  }
}

}  // namespace
}  // namespace syndex::cli_test
