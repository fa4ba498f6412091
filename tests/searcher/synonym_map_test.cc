// Tests for searcher/synonym_map.h and searcher/builtin_synonyms.h: the two
// rule forms, comments and white space, stemming (same-term entries dropped),
// merging across lines without transitivity, the words kept for display,
// every parse error with its line, Load(), and the shipped news list.
#include "searcher/synonym_map.h"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/file_contents.h"
#include "gtest/gtest.h"
#include "searcher/builtin_synonyms.h"
#include "tests/testing/scratch_dir.h"
#include "tests/testing/status.h"

namespace syndex {
namespace {

using testing::Mentions;

class SynonymMapTest : public ::testing::Test {
 protected:
  SynonymMap Parse(std::string_view contents) {
    absl::StatusOr<SynonymMap> map = SynonymMap::Parse("syn.txt", contents, &analyzer_);
    EXPECT_TRUE(map.ok()) << map.status();
    return map.ok() ? *std::move(map) : SynonymMap();
  }

  absl::Status ParseError(std::string_view contents) {
    return SynonymMap::Parse("syn.txt", contents, &analyzer_).status();
  }

  // The expansions of `word` (analyzed first), as a vector.
  std::vector<std::string> Expand(const SynonymMap& map, std::string_view word) {
    const std::vector<std::string> terms = analyzer_.Terms(word);
    EXPECT_EQ(terms.size(), 1u) << word;
    const std::span<const std::string> expansions = map.Expansions(terms.at(0));
    return std::vector<std::string>(expansions.begin(), expansions.end());
  }

  // The analyzed terms of `words`, sorted.
  std::vector<std::string> Terms(std::string_view words) {
    std::vector<std::string> terms = analyzer_.Terms(words);
    std::sort(terms.begin(), terms.end());
    return terms;
  }

  Analyzer analyzer_;
};

// ---------------------------------------------------------------- rule forms

TEST_F(SynonymMapTest, EquivalentWordsExpandToEachOther) {
  const SynonymMap map = Parse("severe, serious, harsh\n");
  EXPECT_EQ(Expand(map, "severe"), Terms("harsh serious"));
  EXPECT_EQ(Expand(map, "serious"), Terms("harsh severe"));
  EXPECT_EQ(Expand(map, "harsh"), Terms("serious severe"));
}

TEST_F(SynonymMapTest, OneWayRuleExpandsOnlyItsLeftSide) {
  const SynonymMap map = Parse("embargo, blockade => sanction, penalty\n");
  EXPECT_EQ(Expand(map, "embargo"), Terms("penalty sanction"));
  EXPECT_EQ(Expand(map, "blockade"), Terms("penalty sanction"));
  // Neither the right side nor the left side's words among themselves.
  EXPECT_TRUE(Expand(map, "sanction").empty());
  EXPECT_TRUE(Expand(map, "penalty").empty());
  EXPECT_EQ(map.size(), 2u);
}

TEST_F(SynonymMapTest, OneWayRuleWithOneWordEachSide) {
  const SynonymMap map = Parse("uav=>drone");
  EXPECT_EQ(Expand(map, "uav"), Terms("drone"));
  EXPECT_TRUE(Expand(map, "drone").empty());
}

TEST_F(SynonymMapTest, UnknownTermHasNoExpansions) {
  const SynonymMap map = Parse("severe, serious\n");
  EXPECT_TRUE(map.Expansions("cost").empty());
  EXPECT_TRUE(map.Expansions("").empty());
  // Expansions() takes analyzed terms: the unstemmed word is not a key.
  EXPECT_TRUE(map.Expansions("severe").empty());
  EXPECT_FALSE(map.Expansions("sever").empty());
}

TEST_F(SynonymMapTest, EmptyAndDefaultMapsHaveNoRules) {
  const SynonymMap parsed = Parse("");
  EXPECT_TRUE(parsed.empty());
  EXPECT_EQ(parsed.size(), 0u);
  EXPECT_EQ(parsed.rule_count(), 0u);
  const SynonymMap none;
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(none.Expansions("sever").empty());
}

// ---------------------------------------------------------------- comments and white space

TEST_F(SynonymMapTest, CommentsAndBlankLinesAreIgnored) {
  const SynonymMap map = Parse(
      "# news synonyms\n"
      "\n"
      "   \t\n"
      "  # an indented comment, war, conflict\n"
      "truce, ceasefire  # a trailing comment, armistice\n"
      "#kill, slay\n");
  EXPECT_EQ(map.rule_count(), 1u);
  EXPECT_EQ(Expand(map, "truce"), Terms("ceasefire"));
  EXPECT_TRUE(Expand(map, "armistice").empty());
  EXPECT_TRUE(Expand(map, "war").empty());
  EXPECT_TRUE(Expand(map, "kill").empty());
}

TEST_F(SynonymMapTest, EntriesAreTrimmedAndCrlfAccepted) {
  const SynonymMap map = Parse("\t swift ,quick,\trapid  \r\n  a1 =>   b2\t\r\nlast,final");
  EXPECT_EQ(map.rule_count(), 3u);
  EXPECT_EQ(Expand(map, "swift"), Terms("quick rapid"));
  EXPECT_EQ(Expand(map, "a1"), Terms("b2"));
  EXPECT_EQ(Expand(map, "last"), Terms("final"));  // no newline at the end
  EXPECT_EQ(map.Word(analyzer_.Terms("rapid")[0]), "rapid");
}

TEST_F(SynonymMapTest, LeadingByteOrderMarkIsSkipped) {
  const SynonymMap map = Parse("\xEF\xBB\xBFsevere, serious\n");
  EXPECT_EQ(map.Word("sever"), "severe");
  EXPECT_EQ(Expand(map, "serious"), Terms("severe"));
}

// ---------------------------------------------------------------- analysis

TEST_F(SynonymMapTest, EntriesAreAnalyzedLikeTheIndex) {
  const SynonymMap map = Parse("Penalties, SANCTIONS, Élysée\n");
  EXPECT_EQ(Expand(map, "penalty"), Terms("sanction elysee"));
  EXPECT_EQ(Expand(map, "sanctioned"), Terms("penalty elysee"));
}

TEST_F(SynonymMapTest, EntriesWithTheWordsOwnTermAreDropped) {
  // "costs" is "cost" to the index: the rule says nothing.
  const SynonymMap same = Parse("cost, costs\n");
  EXPECT_TRUE(same.empty());
  EXPECT_EQ(same.rule_count(), 1u);
  EXPECT_TRUE(Expand(same, "cost").empty());

  const SynonymMap map = Parse("costs, cost, price\nprice => prices, pricing\n");
  EXPECT_EQ(Expand(map, "cost"), Terms("price"));
  EXPECT_EQ(Expand(map, "price"), Terms("cost"));
}

TEST_F(SynonymMapTest, ExpansionsAreSortedAndDeduplicated) {
  const SynonymMap map =
      Parse("war, warfare, conflict, conflicts, battle\nwar => battles, conflict\n");
  const std::vector<std::string> expansions = Expand(map, "war");
  EXPECT_EQ(expansions, Terms("battle conflict warfare"));
  EXPECT_TRUE(std::is_sorted(expansions.begin(), expansions.end()));
}

// ---------------------------------------------------------------- merging

TEST_F(SynonymMapTest, RulesMentioningOneWordAreMerged) {
  const SynonymMap map = Parse(
      "severe, serious\n"
      "harsh, severe\n"
      "severe => tough\n");
  EXPECT_EQ(Expand(map, "severe"), Terms("harsh serious tough"));
  EXPECT_EQ(map.rule_count(), 3u);
  EXPECT_EQ(map.size(), 3u);  // severe, serious, harsh; not tough
}

TEST_F(SynonymMapTest, EquivalenceIsNotTransitiveAcrossLines) {
  const SynonymMap map = Parse("cost, consequence\ncost, price\n");
  EXPECT_EQ(Expand(map, "cost"), Terms("consequence price"));
  EXPECT_EQ(Expand(map, "consequence"), Terms("cost"));
  EXPECT_EQ(Expand(map, "price"), Terms("cost"));
}

TEST_F(SynonymMapTest, OneWayRulesDoNotChain) {
  const SynonymMap map = Parse("a1 => b2\nb2 => c3\n");
  EXPECT_EQ(Expand(map, "a1"), Terms("b2"));
  EXPECT_EQ(Expand(map, "b2"), Terms("c3"));
}

// ---------------------------------------------------------------- words for display

TEST_F(SynonymMapTest, WordIsTheFirstSpellingInTheFile) {
  const SynonymMap map = Parse(
      "Severe, serious\n"
      "severity, SERIOUSLY, harsh\n"
      "embargo => Sanctions\n");
  EXPECT_EQ(map.Word("sever"), "Severe");
  EXPECT_EQ(map.Word("serious"), "serious");  // not "SERIOUSLY" from line 2
  EXPECT_EQ(map.Word("sanction"), "Sanctions");
  EXPECT_EQ(map.Word("embargo"), "embargo");  // a key with only one-way expansions
  EXPECT_EQ(map.Word("war"), "");
}

TEST_F(SynonymMapTest, EveryExpansionHasAWord) {
  const SynonymMap map = Parse("costs, price => Expense, burdens\nswift, quick\n");
  for (const std::string_view word : {"cost", "price", "swift", "quick"}) {
    for (const std::string& term : Expand(map, word)) {
      EXPECT_FALSE(map.Word(term).empty()) << term;
    }
  }
  EXPECT_EQ(map.Word(analyzer_.Terms("burden")[0]), "burdens");
}

// ---------------------------------------------------------------- errors

struct BadRule {
  const char* name;
  const char* contents;
  const char* message;  // the whole message
};

class SynonymMapErrorTest : public ::testing::TestWithParam<BadRule> {};

TEST_P(SynonymMapErrorTest, IsInvalidArgumentNamingTheLine) {
  Analyzer analyzer;
  const absl::Status status =
      SynonymMap::Parse("synonyms.txt", GetParam().contents, &analyzer).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_EQ(status.message(), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    SynonymMap, SynonymMapErrorTest,
    ::testing::Values(
        BadRule{"TwoWords", "# c\n\nsevere, serious\nswift and, quick\n",
                "synonyms.txt:4: \"swift and\" is two words; a synonym must be one word"},
        BadRule{"ThreeWordsOnTheRight", "a1 => swift and severe\n",
                "synonyms.txt:1: \"swift and severe\" is 3 words; a synonym must be one word"},
        BadRule{"HyphenatedWord", "truce, cease-fire\n",
                "synonyms.txt:1: \"cease-fire\" is two words; a synonym must be one word"},
        BadRule{"NotAWord", "ok, fine\nwar, --\n",
                "synonyms.txt:2: \"--\" is not a word; a synonym must be one word"},
        BadRule{"EmptyEntryBetweenCommas", "a1, b2\nx1, , y1  # comment\n",
                "synonyms.txt:2: \"x1, , y1\" has an empty entry; separate words with single "
                "commas"},
        BadRule{"TrailingComma", "a1, b2,\n",
                "synonyms.txt:1: \"a1, b2,\" has an empty entry; separate words with single "
                "commas"},
        BadRule{"LeadingCommaOnTheRight", "a1 => ,b2\n",
                "synonyms.txt:1: \"a1 => ,b2\" has an empty entry; separate words with single "
                "commas"},
        BadRule{"NothingBeforeArrow", "\n\n => sanction\n",
                "synonyms.txt:3: \"=> sanction\" has no words before \"=>\""},
        BadRule{"NothingAfterArrow", "embargo =>   # to be filled in\n",
                "synonyms.txt:1: \"embargo =>\" has no words after \"=>\""},
        BadRule{"TwoArrows", "a1 => b2 => c3\n",
                "synonyms.txt:1: \"a1 => b2 => c3\" has more than one \"=>\""},
        BadRule{"LoneWord", "a1, b2\r\nsevere\r\n",
                "synonyms.txt:2: \"severe\" is a single word; list its synonyms after a comma "
                "(\"a, b\") or \"=>\" (\"a => b\")"},
        BadRule{"InvalidUtf8", "a1, b2\nb\xC3\xA9, caf\xE9\n",
                "synonyms.txt:2: invalid UTF-8 at byte 9 of the line"},
        BadRule{"InvalidUtf8InAComment", "# \xFF\n",
                "synonyms.txt:1: invalid UTF-8 at byte 3 of the line"}),
    [](const ::testing::TestParamInfo<BadRule>& info) { return info.param.name; });

TEST_F(SynonymMapTest, ErrorIsTheFirstBadLine) {
  const absl::Status status = ParseError("a1, b2\nx y, z\nfoo =>\n");
  EXPECT_TRUE(Mentions(status, "syn.txt:2: ")) << status;
}

// ---------------------------------------------------------------- Load

TEST_F(SynonymMapTest, LoadReadsTheFileAndNamesItInErrors) {
  testing::ScratchDir dir("syndex_synonyms");
  const std::string good = dir.Write("good.txt", "# mine\nswift, quick\n");
  absl::StatusOr<SynonymMap> map = SynonymMap::Load(good, &analyzer_);
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(Expand(*map, "swift"), Terms("quick"));

  const std::string bad = dir.Write("bad.txt", "swift, quick\nswift and, severe\n");
  const absl::Status status = SynonymMap::Load(bad, &analyzer_).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(Mentions(status, bad + ":2: \"swift and\" is two words")) << status;
}

TEST_F(SynonymMapTest, LoadOfAMissingFileIsNotFoundWithThePath) {
  testing::ScratchDir dir("syndex_synonyms");
  const std::string path = dir.path() + "/no_such_synonyms.txt";
  const absl::Status status = SynonymMap::Load(path, &analyzer_).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound) << status;
  EXPECT_TRUE(Mentions(status, path)) << status;
}

// ---------------------------------------------------------------- the built-in list

class SynonymMapBuiltinTest : public SynonymMapTest {
 protected:
  void SetUp() override {
    absl::StatusOr<SynonymMap> map =
        SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer_);
    ASSERT_TRUE(map.ok()) << map.status();
    map_ = *std::move(map);
  }

  bool Expands(std::string_view from, std::string_view to) {
    const std::vector<std::string> expansions = Expand(map_, from);
    return std::find(expansions.begin(), expansions.end(), analyzer_.Terms(to).at(0)) !=
           expansions.end();
  }

  SynonymMap map_;
};

TEST_F(SynonymMapBuiltinTest, IsTheShippedFileByteForByte) {
  absl::StatusOr<std::string> file =
      ReadFileContents(SYNDEX_SOURCE_DIR "/searcher/data/news_synonyms.txt");
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(BuiltinNewsSynonyms(), *file);
}

TEST_F(SynonymMapBuiltinTest, ParsesWithEnoughRules) {
  EXPECT_GT(map_.rule_count(), 100u);
  EXPECT_LE(map_.rule_count(), 250u);
  EXPECT_GT(map_.size(), 200u);
}

TEST_F(SynonymMapBuiltinTest, CoversThePhrasingsExample) {
  // "swift and severe costs" / "serious costs and consequences" / "harsh penalties"
  EXPECT_TRUE(Expands("severe", "serious"));
  EXPECT_TRUE(Expands("severe", "harsh"));
  EXPECT_TRUE(Expands("swift", "quick"));
  EXPECT_FALSE(Expands("swift", "prompt"));  // it would match "prompted"
  EXPECT_TRUE(Expands("costs", "consequences"));
  EXPECT_TRUE(Expands("sanctions", "penalties"));
  EXPECT_TRUE(Expands("ceasefire", "truce"));
  EXPECT_TRUE(Expands("invasion", "incursion"));
  EXPECT_EQ(map_.Word(analyzer_.Terms("serious").at(0)), "serious");
}

TEST_F(SynonymMapBuiltinTest, FollowsTheCurationPrinciple) {
  // One-way where the expansion would match an unrelated sense.
  EXPECT_FALSE(Expands("negotiations", "talks"));
  EXPECT_TRUE(Expands("talks", "negotiations"));
  EXPECT_FALSE(Expands("company", "firm"));
  EXPECT_FALSE(Expands("sanction", "embargo"));
  // Not chained across lines.
  EXPECT_FALSE(Expands("price", "consequence"));
  // Broad words are left out.
  for (const std::string_view word : {"measure", "say", "state", "president", "leader", "deal"}) {
    EXPECT_TRUE(Expand(map_, word).empty()) << word;
  }
}

}  // namespace
}  // namespace syndex
