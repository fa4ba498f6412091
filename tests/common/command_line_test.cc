#include "common/command_line.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;

// Owns argv strings for Parse.
class Argv {
 public:
  Argv(std::initializer_list<std::string> args) : storage_(args) {
    for (std::string& s : storage_) pointers_.push_back(s.data());
    pointers_.push_back(nullptr);
  }
  int argc() const { return static_cast<int>(storage_.size()); }
  char** argv() { return pointers_.data(); }

 private:
  std::vector<std::string> storage_;
  std::vector<char*> pointers_;
};

// The flags of a typical tool: --index DIR, --k N (alias -k), --json.
CommandLine MakeCommandLine() {
  return CommandLine({{"index", true}, {"top", true}, {"json", false}, {"query", true}},
                     {{"k", "top"}, {"j", "json"}});
}

// Parses `args` after a program name and a subcommand.
absl::Status Parse(CommandLine& cl, std::initializer_list<std::string> args) {
  std::vector<std::string> all = {"tool", "sub"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& s : all) pointers.push_back(s.data());
  return cl.Parse(static_cast<int>(pointers.size()), pointers.data(), 2);
}

TEST(CommandLine, ValueAsNextArgumentOrAfterEquals) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--index", "/tmp/a", "--query=sanctions on russia"}).ok());
  EXPECT_EQ(cl.Get("index"), "/tmp/a");
  EXPECT_EQ(cl.Get("query"), "sanctions on russia");
  EXPECT_TRUE(cl.Has("index"));
  EXPECT_FALSE(cl.Has("json"));
}

TEST(CommandLine, BooleanFlag) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--json"}).ok());
  EXPECT_TRUE(cl.Has("json"));
  EXPECT_EQ(cl.Get("json"), "");
}

TEST(CommandLine, ShortAliases) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"-k", "10", "-j"}).ok());
  EXPECT_EQ(cl.Get("top"), "10");
  EXPECT_TRUE(cl.Has("json"));
  CommandLine equals = MakeCommandLine();
  ASSERT_TRUE(Parse(equals, {"-k=25"}).ok());
  EXPECT_EQ(equals.Get("top"), "25");
}

TEST(CommandLine, PositionalArgumentsKeepTheirOrder) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"corpus", "--index", "/x", "more", "-", "--"}).ok());
  EXPECT_EQ(cl.positional(), (std::vector<std::string>{"corpus", "more", "-", "--"}));
  EXPECT_EQ(cl.Get("index"), "/x");
}

TEST(CommandLine, ParsingStartsAtFirst) {
  CommandLine cl = MakeCommandLine();
  Argv args = {"tool", "--bogus", "--json", "file"};
  ASSERT_TRUE(cl.Parse(args.argc(), args.argv(), 2).ok());  // --bogus is skipped
  EXPECT_TRUE(cl.Has("json"));
  EXPECT_EQ(cl.positional(), std::vector<std::string>{"file"});
}

TEST(CommandLine, ValueMayStartWithADash) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--query", "-excluded", "--index="}).ok());
  EXPECT_EQ(cl.Get("query"), "-excluded");
  EXPECT_TRUE(cl.Has("index"));
  EXPECT_EQ(cl.Get("index", "fallback"), "");
}

TEST(CommandLine, LastValueWins) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--top", "1", "-k", "2"}).ok());
  EXPECT_EQ(cl.Get("top"), "2");
}

TEST(CommandLine, GetFallsBackWhenAbsent) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {}).ok());
  EXPECT_EQ(cl.Get("index"), "");
  EXPECT_EQ(cl.Get("index", "/default"), "/default");
  EXPECT_TRUE(cl.positional().empty());
}

TEST(CommandLine, UnknownLongFlagIsNamed) {
  CommandLine cl = MakeCommandLine();
  const absl::Status status = Parse(cl, {"--indx", "/x"});
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(Mentions(status, "--indx")) << status;
}

TEST(CommandLine, UnknownShortFlagIsNamed) {
  CommandLine cl = MakeCommandLine();
  const absl::Status status = Parse(cl, {"-x"});
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(Mentions(status, "-x")) << status;
  // A long name is not accepted with one dash.
  CommandLine single_dash = MakeCommandLine();
  EXPECT_TRUE(absl::IsInvalidArgument(Parse(single_dash, {"-index", "/x"})));
}

TEST(CommandLine, MissingValueIsAnError) {
  CommandLine cl = MakeCommandLine();
  const absl::Status status = Parse(cl, {"--index"});
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(Mentions(status, "--index needs a value")) << status;
  CommandLine alias = MakeCommandLine();
  EXPECT_TRUE(Mentions(Parse(alias, {"-k"}), "--top needs a value"));
}

TEST(CommandLine, BooleanFlagWithValueIsAnError) {
  CommandLine cl = MakeCommandLine();
  const absl::Status status = Parse(cl, {"--json=yes"});
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(Mentions(status, "--json takes no value")) << status;
}

TEST(CommandLine, GetNumberParsesWithinRange) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--top", "10", "--index", "0.5"}).ok());
  auto top = cl.GetNumber("top", 5, 1, 1000);
  ASSERT_TRUE(top.ok()) << top.status();
  EXPECT_EQ(*top, 10);
  auto fraction = cl.GetNumber("index", 0, 0, 1);
  ASSERT_TRUE(fraction.ok());
  EXPECT_DOUBLE_EQ(*fraction, 0.5);
  auto absent = cl.GetNumber("query", 42, 0, 1);  // the fallback is not range-checked
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(*absent, 42);
}

TEST(CommandLine, GetNumberBoundsAreInclusive) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--top", "1000"}).ok());
  EXPECT_TRUE(cl.GetNumber("top", 0, 1, 1000).ok());
  EXPECT_TRUE(absl::IsInvalidArgument(cl.GetNumber("top", 0, 1, 999).status()));
}

TEST(CommandLine, GetNumberRejectsNonNumbers) {
  for (const std::string value : {"", "abc", "10x", "1e", " "}) {
    CommandLine cl = MakeCommandLine();
    ASSERT_TRUE(Parse(cl, {"--top", value}).ok());
    const absl::Status status = cl.GetNumber("top", 0, -1e9, 1e9).status();
    EXPECT_TRUE(absl::IsInvalidArgument(status)) << "'" << value << "': " << status;
    EXPECT_TRUE(Mentions(status, "--top")) << status;
  }
}

TEST(CommandLine, GetNumberRejectsOutOfRange) {
  CommandLine cl = MakeCommandLine();
  ASSERT_TRUE(Parse(cl, {"--top", "-3"}).ok());
  const absl::Status status = cl.GetNumber("top", 10, 1, 100).status();
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  EXPECT_TRUE(Mentions(status, "\"-3\"")) << status;
}

}  // namespace
}  // namespace syndex
