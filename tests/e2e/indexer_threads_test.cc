// End-to-end tests of `indexer build --threads N`: the index is the same
// byte for byte whatever N, `indexer verify` passes on it, and a bad N is
// refused (issue 5).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "indexer/document_source.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"
#include "tests/testing/documents.h"

namespace syndex::cli_test {
namespace {

// The bytes of every file of the index in `dir` but LOCK, by name.
std::map<std::string, std::string> IndexFiles(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name != "LOCK") files[name] = ReadFile(entry.path().string());
  }
  return files;
}

// A JSON Lines file of 200 articles: the seed corpus 40 times, each copy
// with a sentence of its own but every 20th, which stays an exact copy.
std::string WriteVariedCorpus(const ScratchDir& dir) {
  std::string lines;
  const std::vector<RawDocument> docs = testing::SeedDocuments(40);
  for (size_t i = 0; i < docs.size(); ++i) {
    nlohmann::json line = {{"id", docs[i].id},     {"title", docs[i].title},
                           {"text", docs[i].text}, {"outlet", docs[i].outlet},
                           {"date", docs[i].date}, {"url", docs[i].url}};
    if (i % 20 != 19) {
      line["text"] = docs[i].text + "\n\nReport number " + std::to_string(i) + " was filed.";
    }
    lines += line.dump() + "\n";
  }
  const std::string path = dir.PathOf("varied.jsonl");
  WriteFile(path, lines);
  return path;
}

// Builds `input` with each thread count and expects the files of the first.
void ExpectSameFilesWhateverTheThreads(const std::string& input, const std::string& memory_mb,
                                       const std::vector<std::string>& threads) {
  ScratchDir dir;
  RunOptions options;
  options.timeout_seconds = 300;
  std::map<std::string, std::string> expected;
  for (const std::string& n : threads) {
    SCOPED_TRACE("--threads " + n);
    const std::string index = dir.PathOf("t" + n);
    const ProcessResult build = RunProgram({IndexerPath(), "build", "--quiet", "--index", index,
                                            "--memory-mb", memory_mb, "--threads", n, input},
                                           options);
    ASSERT_EQ(build.exit_code(), 0) << build.Describe();
    const ProcessResult verify = RunProgram({IndexerPath(), "verify", "--index", index});
    EXPECT_EQ(verify.exit_code(), 0) << verify.Describe();
    const std::map<std::string, std::string> files = IndexFiles(index);
    if (expected.empty()) {
      expected = files;
      continue;
    }
    ASSERT_EQ(files.size(), expected.size());
    for (const auto& [name, bytes] : expected) {
      ASSERT_TRUE(files.contains(name)) << name;
      EXPECT_TRUE(files.at(name) == bytes) << name << " differs from --threads " << threads[0];
    }
  }
}

TEST(IndexerThreads, BuildGivesTheSameFilesWhateverTheThreads) {
  ScratchDir dir;
  ExpectSameFilesWhateverTheThreads(WriteVariedCorpus(dir), "16", {"1", "2", "4"});
}

TEST(IndexerThreads, ReutersGivesTheSameFilesWhateverTheThreads) {
  const std::string path = testing::SharedDir() + "/news/reuters21578/articles.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent (../shared not mounted)";
  // 19 MB of text in 16 MB: several segments, merged at commit.
  ExpectSameFilesWhateverTheThreads(path, "16", {"1", "3"});
}

TEST(IndexerThreads, BadThreadCountIsRefused) {
  ScratchDir dir;
  for (const std::string n : {"0", "1.5", "many"}) {
    SCOPED_TRACE("--threads " + n);
    const ProcessResult r = RunProgram(
        {IndexerPath(), "build", "--index", dir.PathOf("i"), "--threads", n, CorpusDir()});
    EXPECT_EQ(r.exit_code(), 1) << r.Describe();
    EXPECT_TRUE(Contains(r.err, "--threads")) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.PathOf("i"))) << "no index is started";
  }
}

}  // namespace
}  // namespace syndex::cli_test
