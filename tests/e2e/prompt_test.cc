// End-to-end tests of the interactive prompt (`searcher --index DIR` on a
// terminal). The searcher gets a pseudo-terminal from util-linux `script`
// (`script -qfec CMD /dev/null`), whose standard input is fed through a pipe;
// at the end of that input, script passes an end-of-file (Ctrl-D) to the
// searcher. HOME points at a scratch directory, where the prompt keeps its
// history.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr char kScript[] = "/usr/bin/script";

std::string ShellQuote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

// The output without the terminal's carriage returns.
std::string WithoutCarriageReturns(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != '\r') out += c;
  }
  return out;
}

class Prompt : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    build_ = new ProcessResult(
        RunProgram({IndexerPath(), "build", "--index", dir_->PathOf("index"), CorpusDir()}));
  }
  static void TearDownTestSuite() {
    delete build_;
    delete dir_;
  }
  void SetUp() override {
    if (::access(kScript, X_OK) != 0) GTEST_SKIP() << kScript << " (util-linux) is not installed";
    ASSERT_EQ(build_->exit_code(), 0) << build_->Describe();
  }

  // Runs the searcher on a terminal with `lines` typed in; `index` defaults
  // to the suite's index. The result's `out` is the terminal's output.
  ProcessResult Type(const std::vector<std::string>& lines, std::string index = "") {
    if (index.empty()) index = dir_->PathOf("index");
    std::string input;
    for (const std::string& line : lines) input += line + "\n";
    RunOptions options;
    options.input = input;
    options.timeout_seconds = 30;
    options.env = {"HOME=" + home_.path(), "TERM=dumb"};
    const std::string command = ShellQuote(SearcherPath()) + " --index " + ShellQuote(index);
    ProcessResult r = RunProgram({kScript, "-qfec", command, "/dev/null"}, options);
    r.out = WithoutCarriageReturns(r.out);
    return r;
  }

  static ScratchDir* dir_;
  static ProcessResult* build_;
  ScratchDir home_;
};

ScratchDir* Prompt::dir_ = nullptr;
ProcessResult* Prompt::build_ = nullptr;

TEST_F(Prompt, AnswersQueriesAndCommands) {
  const ProcessResult r = Type({"\"swift and severe costs\"", ":k 2", "\"swift and severe costs\"",
                                "(broken", ":stats", ":quit", "macron"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  const std::vector<std::string> lines = SplitLines(r.out);
  // The first query lists results from 004 or 000, highlighted in bold.
  EXPECT_TRUE(Contains(r.out, "query 1: \"swift and severe costs\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "004_7b0deed04a0dd729") || Contains(r.out, "000_ee24dc4fe73d1ef1"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "\x1b[1mswift\x1b[0m")) << r.out;
  // After ":k 2" the same query shows two.
  EXPECT_TRUE(Contains(r.out, "query 2: \"swift and severe costs\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, ", 2 shown)")) << r.out;
  // The bad query: the message with its column, the query, a caret under
  // the fault (one past "(broken", the 8th column), and the prompt goes on.
  size_t error = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (Contains(lines[i], "column 8:") && Contains(lines[i], "unbalanced '('")) error = i;
  }
  ASSERT_LT(error + 2, lines.size()) << r.out;
  EXPECT_TRUE(Contains(lines[error + 1], "(broken")) << r.out;
  const size_t query_at = lines[error + 1].find("(broken");
  EXPECT_EQ(lines[error + 2], std::string(query_at + 7, ' ') + "^") << r.out;
  // :stats after the error.
  EXPECT_TRUE(Contains(r.out, "5 documents")) << r.out;
  EXPECT_GT(r.out.rfind("5 documents"), r.out.find("column 8:")) << r.out;
  // Nothing after :quit is run.
  EXPECT_FALSE(Contains(r.out, "query 3")) << r.out;
}

TEST_F(Prompt, EndOfInputLeavesAndKeepsHistory) {
  const ProcessResult r = Type({":unit doc", "macron", ":help"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  EXPECT_TRUE(Contains(r.out, "query 1: macron")) << r.out;
  EXPECT_TRUE(Contains(r.out, ":quit")) << r.out;  // the :help text
  // --unit doc: each document at most once.
  std::vector<std::string> ids;
  for (const std::string& line : SplitLines(r.out)) {
    const size_t dot = line.find(". ");
    if (dot == std::string::npos || dot == 0 || line.find_first_not_of("0123456789") != dot) {
      continue;
    }
    for (const char* id : {"000_", "001_", "002_", "003_", "004_"}) {
      if (Contains(line, id)) ids.push_back(id);
    }
  }
  ASSERT_FALSE(ids.empty()) << r.out;
  std::vector<std::string> unique = ids;
  std::sort(unique.begin(), unique.end());
  unique.erase(std::unique(unique.begin(), unique.end()), unique.end());
  EXPECT_EQ(unique.size(), ids.size()) << r.out;
  EXPECT_TRUE(Contains(ReadFile(home_.PathOf(".syndex_history")), "macron"));
}

TEST_F(Prompt, ExpandsVariantsAndTogglesGroupingAndBoilerplate) {
  const ProcessResult r =
      Type({":expand 1", "intransigent", ":expand 1", ":expand 2", ":expand x", "macron",
            ":expand 1", ":group off", ":group maybe", "intransigent", ":boilerplate on",
            "\"source link\"", ":boilerplate off", "\"source link\"", ":help"});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  // In order: nothing to expand yet; 001 repeats its headline after "Read
  // More:" (the corpus's only passage group); there is one result; N must
  // be a number; macron's best passage has no variant.
  const std::vector<std::string> expected = {
      "no results to expand: run a query first\n",
      "query 1: intransigent  (2 matching, 1 shown)\n",
      "result 1: 001_3d5b00776bf0b082 · passage ",
      "   variant 1 · Financial Times (2022-02-12): ",
      "no result 2: the last query showed 1 result\n",
      "usage: :expand N, where N is the number of a result of the last query\n",
      "query 2: macron",
      "result 1 has no variants\n",
      "unknown or malformed command \":group maybe\"",
      "query 3: intransigent  (2 matching, 2 shown)\n",
      "query 4: \"source link\"  (1 matching, 1 shown)\n",
      "query 5: \"source link\"  (0 matching, 0 shown)\n",
      ":group on|off",
      "(now off)",
      ":boilerplate on|off",
      ":expand N"};
  size_t at = 0;
  for (const std::string& text : expected) {
    const size_t found = r.out.find(text, at);
    ASSERT_NE(found, std::string::npos)
        << "\"" << text << "\" not found after byte " << at << " of:\n"
        << r.out;
    at = found + text.size();
  }
  EXPECT_TRUE(Contains(r.out, "{+Read More:+}") || Contains(r.out, "[-Read More:-]")) << r.out;
  // Grouping off: the two occurrences, and no "carried by" line for them.
  const size_t third = r.out.find("query 3: intransigent");
  EXPECT_FALSE(Contains(r.out.substr(third, r.out.find("query 4") - third), "carried by")) << r.out;
}

TEST_F(Prompt, PicksUpACommitBetweenQueries) {
  // Its own index: the test adds to it while the prompt runs.
  const std::string index = home_.PathOf("index");
  ASSERT_EQ(RunProgram({IndexerPath(), "build", "--index", index, CorpusDir()}).exit_code(), 0);
  const std::string transcript = home_.PathOf("transcript");
  const std::string command =
      "HOME=" + ShellQuote(home_.path()) + " TERM=dumb " + kScript + " -qfec " +
      ShellQuote(ShellQuote(SearcherPath()) + " --index " + ShellQuote(index)) + " /dev/null > " +
      ShellQuote(transcript) + " 2>&1";
  FILE* terminal = ::popen(command.c_str(), "w");
  ASSERT_NE(terminal, nullptr);
  auto type = [&](const std::string& line) {
    std::fputs((line + "\n").c_str(), terminal);
    std::fflush(terminal);
  };
  auto peek = [&] {  // the transcript so far, which may not exist yet
    std::ifstream in(transcript);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  auto wait_for = [&](const std::string& text) {
    for (int i = 0; i < 3000; ++i) {
      if (Contains(peek(), text)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  };
  type("zebra");
  EXPECT_TRUE(wait_for("query 1: zebra")) << peek();
  home_.Write("new.jsonl", R"({"id": "zebra-1", "title": "Zebras", "text": "A zebra escaped."})"
                           "\n");
  const ProcessResult add =
      RunProgram({IndexerPath(), "add", "--index", index, home_.PathOf("new.jsonl")});
  EXPECT_EQ(add.exit_code(), 0) << add.Describe();
  type("zebra");
  EXPECT_TRUE(wait_for("query 2: zebra")) << peek();
  ::pclose(terminal);
  const std::string out = WithoutCarriageReturns(ReadFile(transcript));
  const size_t second = out.find("query 2: zebra");
  ASSERT_NE(second, std::string::npos) << out;
  EXPECT_FALSE(Contains(out.substr(0, second), "zebra-1")) << out;
  EXPECT_TRUE(Contains(out, "(the index changed: now generation 1, 6 documents)")) << out;
  EXPECT_TRUE(Contains(out.substr(second), "zebra-1")) << out;
}

TEST_F(Prompt, MissingIndexFailsBeforeThePrompt) {
  const std::string missing = home_.PathOf("no_index");
  const ProcessResult r = Type({}, missing);
  EXPECT_EQ(r.exit_code(), 1) << r.Describe();
  EXPECT_TRUE(Contains(r.out, missing)) << r.out;  // stderr is the terminal too
  EXPECT_FALSE(Contains(r.out, "syndex>")) << r.out;
}

}  // namespace
}  // namespace syndex::cli_test
