// Tests for searcher/result_writer.h: JSON Lines are valid JSON with every
// field (checked with an independent parser, nlohmann::json) and survive
// quotes, backslashes, newlines and control characters; TREC output has one
// line per document with ranks renumbered; the text format shows rank,
// score, outlet, metadata and the highlighted snippet, and for grouped
// results the outlets that carried the text (distinct names, earliest date,
// at most eight named) and the variants, counted or (expanded) listed with
// their word diffs.
#include "searcher/result_writer.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"

namespace syndex {
namespace {

std::vector<std::string> Lines(const std::string& out) {
  std::vector<std::string> lines = absl::StrSplit(out, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

ResultView View(size_t rank, float score, std::string doc_id, std::string text,
                std::vector<ByteRange> highlights) {
  ResultView v;
  v.rank = rank;
  v.score = score;
  v.doc_id = std::move(doc_id);
  v.outlet = "Reuters";
  v.title = "Swift costs";
  v.date = "2024-01-01";
  v.url = "https://example.org/a";
  v.passage = 2;
  v.start = 10;
  v.end = 10 + static_cast<uint32_t>(text.size());
  v.text = std::move(text);
  v.highlights = std::move(highlights);
  return v;
}

std::string Write(const std::vector<ResultView>& views, OutputFormat format,
                  HighlightStyle style = HighlightStyle::kBrackets, uint64_t matches = 7,
                  std::string_view query_id = "q1") {
  std::string out;
  OutputOptions options;
  options.format = format;
  options.style = style;
  WriteResults({query_id, "swift", views, matches}, options, &out);
  return out;
}

std::string WriteText(const std::vector<ResultView>& views, bool grouped, bool expand) {
  std::string out;
  OutputOptions options;
  options.grouped = grouped;
  options.expand = expand;
  WriteResults({"q1", "swift", views, 7}, options, &out);
  return out;
}

// The view of a statement carried by three outlets in four articles, with
// two variants.
ResultView Grouped() {
  ResultView v = View(1, 2.5f, "doc-1", "impose swift and severe costs", {{7, 12}});
  v.cluster_id = 42;
  v.outlets = {{"AP", "2024-01-01", "ap-1"},
               {"Reuters", "2024-01-01", "doc-1"},
               {"AP", "2024-01-02", "ap-2"},
               {"BBC", "", "bbc-1"}};
  v.outlet_count = 3;
  v.variants = {
      {"impose severe costs", "impose [-swift and-] severe costs", {{"BBC", "", "bbc-2"}}},
      {"impose swift and severe costs on Russia",
       "impose swift and severe costs {+on Russia+}",
       {{"CNN", "2024-01-03", "cnn-1"}, {"", "2024-01-04", "x-1"}}}};
  return v;
}

TEST(ResultWriter, ParseOutputFormat) {
  EXPECT_EQ(ParseOutputFormat("text"), OutputFormat::kText);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("trec"), OutputFormat::kTrec);
  EXPECT_EQ(ParseOutputFormat("JSON"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat(""), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("jsonl"), std::nullopt);
}

// ---------------------------------------------------------------- json

TEST(ResultWriter, JsonHasEveryField) {
  std::vector<ResultView> views = {
      View(1, 2.5f, "doc-1", "impose swift and severe costs", {{7, 12}})};
  views[0].in_title = true;
  const std::vector<std::string> lines = Lines(Write(views, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j.size(), 17u) << lines[0];
  EXPECT_EQ(j.at("query_id"), "q1");
  EXPECT_EQ(j.at("rank"), 1);
  EXPECT_DOUBLE_EQ(j.at("score").get<double>(), 2.5);
  EXPECT_EQ(j.at("doc_id"), "doc-1");
  EXPECT_EQ(j.at("outlet"), "Reuters");
  EXPECT_EQ(j.at("title"), "Swift costs");
  EXPECT_EQ(j.at("date"), "2024-01-01");
  EXPECT_EQ(j.at("url"), "https://example.org/a");
  EXPECT_EQ(j.at("passage"), 2);
  EXPECT_EQ(j.at("start"), 10);
  EXPECT_EQ(j.at("end"), 39);
  EXPECT_EQ(j.at("in_title"), true);
  EXPECT_EQ(j.at("snippet"), "impose [swift] and severe costs");
  EXPECT_EQ(j.at("cluster_id"), 0);
  EXPECT_EQ(j.at("outlets"), nlohmann::json::array());
  EXPECT_EQ(j.at("outlet_count"), 0);
  EXPECT_EQ(j.at("variants"), nlohmann::json::array());
}

TEST(ResultWriter, JsonHasTheGroup) {
  const std::vector<std::string> lines = Lines(Write({Grouped()}, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j.at("cluster_id"), 42);
  EXPECT_EQ(j.at("outlet_count"), 3);
  EXPECT_EQ(j.at("outlets"), nlohmann::json::parse(R"([
      {"name": "AP", "date": "2024-01-01", "doc_id": "ap-1"},
      {"name": "Reuters", "date": "2024-01-01", "doc_id": "doc-1"},
      {"name": "AP", "date": "2024-01-02", "doc_id": "ap-2"},
      {"name": "BBC", "date": "", "doc_id": "bbc-1"}])"));
  EXPECT_EQ(j.at("variants"), nlohmann::json::parse(R"([
      {"text": "impose severe costs", "diff": "impose [-swift and-] severe costs",
       "outlets": [{"name": "BBC", "date": "", "doc_id": "bbc-2"}]},
      {"text": "impose swift and severe costs on Russia",
       "diff": "impose swift and severe costs {+on Russia+}",
       "outlets": [{"name": "CNN", "date": "2024-01-03", "doc_id": "cnn-1"},
                   {"name": "", "date": "2024-01-04", "doc_id": "x-1"}]}])"));
}

TEST(ResultWriter, JsonGroupStringsAreEscaped) {
  ResultView v = View(1, 1.0f, "d", "x", {});
  v.outlets = {{"Quote \"Q\"\n", "2024\t01", "id\\1"}};
  v.outlet_count = 1;
  v.variants = {{"line\none", "[-x-]{+line one+}", {{"A\x01", "", "e"}}}};
  const std::vector<std::string> lines = Lines(Write({v}, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j.at("outlets")[0].at("name"), "Quote \"Q\"\n");
  EXPECT_EQ(j.at("outlets")[0].at("date"), "2024\t01");
  EXPECT_EQ(j.at("outlets")[0].at("doc_id"), "id\\1");
  EXPECT_EQ(j.at("variants")[0].at("text"), "line\none");
  EXPECT_EQ(j.at("variants")[0].at("outlets")[0].at("name"), "A\x01");
}

TEST(ResultWriter, JsonScoreHasFourDecimals) {
  const std::vector<std::string> lines =
      Lines(Write({View(1, 1.23456f, "d", "x", {})}, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("\"score\": 1.2346,"), std::string::npos) << lines[0];
  EXPECT_DOUBLE_EQ(nlohmann::json::parse(lines[0]).at("score").get<double>(), 1.2346);
}

TEST(ResultWriter, JsonOneLinePerResultInOrder) {
  const std::vector<ResultView> views = {View(1, 3.0f, "a", "x", {}), View(2, 2.0f, "b", "y", {}),
                                         View(3, 1.0f, "a", "z", {})};
  const std::vector<std::string> lines = Lines(Write(views, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 3u);
  const char* ids[] = {"a", "b", "a"};
  for (size_t i = 0; i < 3; ++i) {
    const nlohmann::json j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j.at("rank"), i + 1);
    EXPECT_EQ(j.at("doc_id"), ids[i]);
    EXPECT_EQ(j.at("in_title"), false);
  }
}

TEST(ResultWriter, JsonEscapesQuotesBackslashesNewlinesAndControlCharacters) {
  ResultView v = View(1, 1.0f, "id \"quoted\"", "line one\nline \"two\"\tend", {});
  v.title = "back\\slash and\r\nCRLF";
  v.outlet = std::string("nul\0byte and \x01\x1f", 16);
  v.url = "https://x/?q=\"a\"&b=\\";
  v.date = "\x7f del";
  const std::string out =
      Write({v}, OutputFormat::kJson, HighlightStyle::kBrackets, 1, "q\t\"7\"\n");
  const std::vector<std::string> lines = Lines(out);
  ASSERT_EQ(lines.size(), 1u) << out;  // no raw newline inside the line
  for (char c : lines[0]) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << int(c);
  const nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j.at("query_id"), "q\t\"7\"\n");
  EXPECT_EQ(j.at("doc_id"), "id \"quoted\"");
  EXPECT_EQ(j.at("title"), "back\\slash and\r\nCRLF");
  EXPECT_EQ(j.at("outlet"), std::string("nul\0byte and \x01\x1f", 16));
  EXPECT_EQ(j.at("url"), "https://x/?q=\"a\"&b=\\");
  EXPECT_EQ(j.at("date"), "\x7f del");
  // The snippet folds white space, quotes stay.
  EXPECT_EQ(j.at("snippet"), "line one line \"two\" end");
}

TEST(ResultWriter, JsonKeepsUtf8) {
  ResultView v = View(1, 1.0f, "d", "l’Élysée a réagi", {{0, 12}});
  v.title = "Зеленський 東京 😀";
  const std::vector<std::string> lines = Lines(Write({v}, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  const nlohmann::json j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j.at("title"), "Зеленський 東京 😀");
  EXPECT_EQ(j.at("snippet"), "[l’Élysée] a réagi");
}

TEST(ResultWriter, JsonSnippetUsesBracketsEvenForAnsi) {
  const std::string out = Write({View(1, 1.0f, "d", "impose swift costs", {{7, 12}})},
                                OutputFormat::kJson, HighlightStyle::kAnsi);
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(nlohmann::json::parse(Lines(out)[0]).at("snippet"), "impose [swift] costs");
}

TEST(ResultWriter, JsonLongSnippetIsValid) {
  // A long passage without spaces: the snippet window must not produce bytes
  // that make the line invalid UTF-8 (and so invalid JSON).
  std::string text;
  for (int i = 0; i < 200; ++i) text += "東";
  const std::vector<std::string> lines =
      Lines(Write({View(1, 1.0f, "d", text, {{0, 3}})}, OutputFormat::kJson));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NO_THROW({
    const nlohmann::json j = nlohmann::json::parse(lines[0]);
    EXPECT_TRUE(j.at("snippet").get<std::string>().starts_with("[東]"));
  });
}

TEST(ResultWriter, JsonNoResultsWritesNothing) { EXPECT_EQ(Write({}, OutputFormat::kJson), ""); }

// ---------------------------------------------------------------- trec

TEST(ResultWriter, TrecOneLinePerDocumentWithRanksRenumbered) {
  // Passages of documents a, a, b, c, b: a document's best passage (its first
  // appearance) stands for it.
  const std::vector<ResultView> views = {View(1, 5.0f, "a", "x", {}), View(2, 4.0f, "a", "x", {}),
                                         View(3, 3.5f, "b", "x", {}), View(4, 2.25f, "c", "x", {}),
                                         View(5, 1.0f, "b", "x", {})};
  EXPECT_EQ(Write(views, OutputFormat::kTrec),
            "q1 Q0 a 1 5.0000 syndex\n"
            "q1 Q0 b 2 3.5000 syndex\n"
            "q1 Q0 c 3 2.2500 syndex\n");
}

TEST(ResultWriter, TrecUsesTheQueryId) {
  EXPECT_EQ(Write({View(1, 0.5f, "doc-9", "x", {})}, OutputFormat::kTrec, HighlightStyle::kBrackets,
                  1, "301"),
            "301 Q0 doc-9 1 0.5000 syndex\n");
}

TEST(ResultWriter, TrecNoResultsWritesNothing) { EXPECT_EQ(Write({}, OutputFormat::kTrec), ""); }

// ---------------------------------------------------------------- text

TEST(ResultWriter, TextShowsRankScoreOutletMetadataAndSnippet) {
  const std::vector<ResultView> views = {
      View(1, 2.5f, "doc-1", "impose swift and severe costs", {{7, 12}})};
  EXPECT_EQ(Write(views, OutputFormat::kText),
            "query q1: swift  (7 matching, 1 shown)\n"
            "1. 2.5000  Reuters · 2024-01-01 · doc-1 · passage 2 [10-39)\n"
            "   Swift costs\n"
            "   impose [swift] and severe costs\n"
            "\n");
}

TEST(ResultWriter, TextMarksTitlePassagesAndMissingOutlet) {
  ResultView v = View(3, 0.125f, "doc-2", "Swift costs", {{0, 5}});
  v.outlet.clear();
  v.date.clear();
  v.title.clear();
  v.in_title = true;
  v.passage = 0;
  v.start = 0;
  v.end = 11;
  const std::string out = Write({v}, OutputFormat::kText, HighlightStyle::kBrackets, 3);
  EXPECT_EQ(out,
            "query q1: swift  (3 matching, 1 shown)\n"
            "3. 0.1250  (no outlet) · doc-2 · passage 0 (title) [0-11)\n"
            "   [Swift] costs\n"
            "\n");
}

TEST(ResultWriter, TextAnsiHighlights) {
  const std::string out = Write({View(1, 1.0f, "d", "impose swift costs", {{7, 12}})},
                                OutputFormat::kText, HighlightStyle::kAnsi);
  EXPECT_NE(out.find("   impose \x1b[1mswift\x1b[0m costs\n"), std::string::npos) << out;
}

TEST(ResultWriter, TextNoResults) {
  EXPECT_EQ(Write({}, OutputFormat::kText, HighlightStyle::kBrackets, 0),
            "query q1: swift  (0 matching, 0 shown)\n\n");
}

TEST(ResultWriter, TextSaysWhenTheMatchCountIsALowerBound) {
  const std::vector<ResultView> views;
  OutputOptions options;
  options.format = OutputFormat::kText;
  std::string out;
  WriteResults({"q1", "swift", views, 12, /*matches_exact=*/false}, options, &out);
  EXPECT_EQ(out, "query q1: swift  (at least 12 matching, 0 shown)\n\n");
}

TEST(ResultWriter, TextGroupedNamesTheOutletsAndCountsTheVariants) {
  EXPECT_EQ(WriteText({Grouped()}, true, false),
            "query q1: swift  (7 matching, 1 shown)\n"
            "1. 2.5000  Reuters · 2024-01-01 · doc-1 · passage 2 [10-39)\n"
            "   Swift costs\n"
            "   impose [swift] and severe costs\n"
            "   carried by 3 outlets in 4 articles: AP (2024-01-01), Reuters (2024-01-01), BBC\n"
            "   +2 variants (--expand to show)\n"
            "\n");
}

TEST(ResultWriter, TextExpandedListsEachVariantWithItsDiff) {
  EXPECT_EQ(WriteText({Grouped()}, true, true),
            "query q1: swift  (7 matching, 1 shown)\n"
            "1. 2.5000  Reuters · 2024-01-01 · doc-1 · passage 2 [10-39)\n"
            "   Swift costs\n"
            "   impose [swift] and severe costs\n"
            "   carried by 3 outlets in 4 articles: AP (2024-01-01), Reuters (2024-01-01), BBC\n"
            "   variant 1 · BBC: impose [-swift and-] severe costs\n"
            "   variant 2 · CNN (2024-01-03), (no outlet) (2024-01-04): impose swift and severe "
            "costs {+on Russia+}\n"
            "\n");
}

TEST(ResultWriter, TextUngroupedShowsNoGroup) {
  const std::string plain =
      WriteText({View(1, 2.5f, "doc-1", "impose swift and severe costs", {{7, 12}})}, true, false);
  EXPECT_EQ(WriteText({Grouped()}, false, false), plain);
  EXPECT_EQ(WriteText({Grouped()}, false, true), plain);
}

TEST(ResultWriter, TextResultAloneInItsGroupShowsNoGroup) {
  ResultView v = View(1, 2.5f, "doc-1", "impose swift and severe costs", {{7, 12}});
  const std::string plain = WriteText({v}, true, false);
  v.outlets = {{"Reuters", "2024-01-01", "doc-1"}};
  v.outlet_count = 1;
  EXPECT_EQ(WriteText({v}, true, true), plain);
  EXPECT_EQ(plain.find("carried by"), std::string::npos) << plain;
}

TEST(ResultWriter, TextOneOutletWithAVariant) {
  ResultView v = View(1, 2.5f, "doc-1", "US says Putin intransigent", {});
  v.outlets = {{"Financial Times", "2022-02-12", "doc-1"}};
  v.outlet_count = 1;
  v.variants = {{"Read More: US says Putin intransigent",
                 "{+Read More:+} US says Putin intransigent",
                 {{"Financial Times", "2022-02-12", "doc-1"}}}};
  const std::string out = WriteText({v}, true, false);
  EXPECT_NE(out.find("   carried by 1 outlet: Financial Times (2022-02-12)\n"
                     "   +1 variant (--expand to show)\n"),
            std::string::npos)
      << out;
}

TEST(ResultWriter, TextNamesAtMostEightOutlets) {
  ResultView v = View(1, 1.0f, "d", "x", {});
  for (int i = 0; i < 12; ++i) {
    // Outlet i twice: the later date must not show.
    v.outlets.push_back({StrCat("Outlet ", i), StrCat("2024-01-", 10 + i), StrCat("a", i)});
  }
  for (int i = 0; i < 12; ++i) {
    v.outlets.push_back({StrCat("Outlet ", i), StrCat("2024-02-", 10 + i), StrCat("b", i)});
  }
  v.outlet_count = 12;
  const std::string out = WriteText({v}, true, false);
  EXPECT_NE(out.find("   carried by 12 outlets in 24 articles: Outlet 0 (2024-01-10), Outlet 1 "
                     "(2024-01-11), Outlet 2 (2024-01-12), Outlet 3 (2024-01-13), Outlet 4 "
                     "(2024-01-14), Outlet 5 (2024-01-15), Outlet 6 (2024-01-16), Outlet 7 "
                     "(2024-01-17), and 4 more\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("2024-02"), std::string::npos) << out;
}

TEST(ResultWriter, WriteVariants) {
  std::string out = "before\n";
  WriteVariants(Grouped(), &out);
  EXPECT_EQ(out,
            "before\n"
            "   variant 1 · BBC: impose [-swift and-] severe costs\n"
            "   variant 2 · CNN (2024-01-03), (no outlet) (2024-01-04): impose swift and severe "
            "costs {+on Russia+}\n");
  out.clear();
  WriteVariants(View(1, 1.0f, "d", "x", {}), &out);
  EXPECT_EQ(out, "");
}

TEST(ResultWriter, TrecIgnoresGroups) {
  EXPECT_EQ(Write({Grouped()}, OutputFormat::kTrec), "q1 Q0 doc-1 1 2.5000 syndex\n");
}

TEST(ResultWriter, AppendsToExistingOutput) {
  std::string out = "before\n";
  const std::vector<ResultView> views = {View(1, 1.0f, "d", "x", {})};
  OutputOptions options;
  options.format = OutputFormat::kTrec;
  WriteResults({"q", "x", views, 1}, options, &out);
  EXPECT_EQ(out, "before\nq Q0 d 1 1.0000 syndex\n");
}

}  // namespace
}  // namespace syndex
