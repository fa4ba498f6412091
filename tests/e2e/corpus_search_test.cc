// End-to-end tests of `indexer build|stats|verify` and `searcher --query` on
// the 5-article corpus/ of the source tree, indexed once for the suite.
//
// Expectations are not result dumps: each result's passage is read back from
// the corpus file by its byte range and checked against the query (it holds
// the phrase, the word, not the excluded word, ...), and the result sets of
// combined queries are compared with those of their parts (OR is the union,
// AND the intersection). The few fixed facts used are properties of the
// corpus that anyone can check with grep: "swift and severe costs" is in
// articles 000 and 004 only, "severe costs" also in 002, and 000 is the only
// Al Jazeera article. Searches list every occurrence (--no-group): grouping
// of near-duplicate passages is tested in grouping_test.cc.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/e2e/e2e_util.h"

namespace syndex::cli_test {
namespace {

constexpr char kSwiftPhrase[] = "\"swift and severe costs\"";

// One result line of `searcher --format json`.
struct Hit {
  std::string query_id, doc_id, outlet, title, snippet;
  int rank = 0;
  double score = 0;
  int passage = 0;
  size_t start = 0, end = 0;
  bool in_title = false;

  std::string Key() const { return doc_id + "#" + std::to_string(passage); }
};

Hit ToHit(const nlohmann::json& j) {
  Hit h;
  h.query_id = j.value("query_id", "");
  h.doc_id = j.value("doc_id", "");
  h.outlet = j.value("outlet", "");
  h.title = j.value("title", "");
  h.snippet = j.value("snippet", "");
  h.rank = j.value("rank", 0);
  h.score = j.value("score", 0.0);
  h.passage = j.value("passage", -1);
  h.start = j.value("start", size_t{0});
  h.end = j.value("end", size_t{0});
  h.in_title = j.value("in_title", false);
  return h;
}

// An article of corpus/: meta.jsonl's fields and the file's bytes.
struct Article {
  std::string title, outlet, text;
};

// Reads corpus/*.txt and meta.jsonl, by document id (the meta id, or the
// file name without .txt).
std::map<std::string, Article> LoadCorpus() {
  std::map<std::string, nlohmann::json> meta_by_file;
  for (const nlohmann::json& m : ParseJsonLines(ReadFile(CorpusDir() + "/meta.jsonl"))) {
    meta_by_file[m.value("file", "")] = m;
  }
  std::map<std::string, Article> corpus;
  for (const std::string& name : ListDir(CorpusDir())) {
    if (name.size() < 4 || name.substr(name.size() - 4) != ".txt") continue;
    std::string id = name.substr(0, name.size() - 4);
    Article article;
    article.text = ReadFile(CorpusDir() + "/" + name);
    if (auto it = meta_by_file.find(name); it != meta_by_file.end()) {
      id = it->second.value("id", id);
      article.title = it->second.value("title", "");
      article.outlet = it->second.value("outlet", "");
    }
    corpus[id] = std::move(article);
  }
  return corpus;
}

std::set<std::string> DocsOf(const std::vector<Hit>& hits) {
  std::set<std::string> docs;
  for (const Hit& h : hits) docs.insert(h.doc_id);
  return docs;
}

std::set<std::string> KeysOf(const std::vector<Hit>& hits) {
  std::set<std::string> keys;
  for (const Hit& h : hits) keys.insert(h.Key());
  return keys;
}

// The ids of the corpus documents whose id starts with one of `prefixes`.
std::set<std::string> IdsStartingWith(const std::map<std::string, Article>& corpus,
                                      const std::vector<std::string>& prefixes) {
  std::set<std::string> ids;
  for (const auto& [id, article] : corpus) {
    for (const std::string& p : prefixes) {
      if (id.rfind(p, 0) == 0) ids.insert(id);
    }
  }
  return ids;
}

class CorpusSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    indexed_ = new CorpusIndex;
    corpus_ = new std::map<std::string, Article>(LoadCorpus());
  }
  static void TearDownTestSuite() {
    delete indexed_;
    delete corpus_;
  }
  void SetUp() override {
    ASSERT_EQ(indexed_->build.exit_code(), 0) << indexed_->build.Describe();
    ASSERT_EQ(corpus_->size(), 5u) << "corpus/ should hold 5 articles";
  }

  // Runs searcher on the suite's index with `args` and expects exit 0.
  static ProcessResult Searcher(std::vector<std::string> args) {
    args.insert(args.begin(), {SearcherPath(), "--index", indexed_->path});
    ProcessResult r = RunProgram(args);
    EXPECT_EQ(r.exit_code(), 0) << r.Describe();
    return r;
  }

  // The json results of `query` (at most `k`, every occurrence) with the
  // extra `args`.
  static std::vector<Hit> Search(const std::string& query, std::vector<std::string> args = {},
                                 int k = 1000) {
    args.insert(args.end(),
                {"--no-group", "--query", query, "--format", "json", "-k", std::to_string(k)});
    std::vector<Hit> hits;
    for (const nlohmann::json& j : ParseJsonLines(Searcher(args).out)) hits.push_back(ToHit(j));
    return hits;
  }

  // The passage of a result, read from the corpus file by its byte range.
  static std::string PassageText(const Hit& h) {
    auto it = corpus_->find(h.doc_id);
    if (it == corpus_->end()) {
      ADD_FAILURE() << "result names unknown document " << h.doc_id;
      return "";
    }
    const std::string& source = h.in_title ? it->second.title : it->second.text;
    if (h.start > h.end || h.end > source.size()) {
      ADD_FAILURE() << h.Key() << ": byte range [" << h.start << ", " << h.end
                    << ") outside the text of " << source.size() << " bytes";
      return "";
    }
    return source.substr(h.start, h.end - h.start);
  }

  // Expects ranks 1..n in order and scores that never increase.
  static void ExpectRanked(const std::vector<Hit>& hits) {
    for (size_t i = 0; i < hits.size(); ++i) {
      EXPECT_EQ(hits[i].rank, static_cast<int>(i + 1)) << hits[i].Key();
      if (i > 0) {
        EXPECT_LE(hits[i].score, hits[i - 1].score) << "at rank " << i + 1;
      }
    }
  }

  // Expects that every passage of `hits` contains `needle` (lower case), and
  // that every occurrence of `needle` in the corpus texts lies inside one of
  // the passages (the results are exactly the passages with the phrase).
  static void ExpectExactlyPassagesWith(const std::vector<Hit>& hits, const std::string& needle) {
    for (const Hit& h : hits) {
      EXPECT_TRUE(Contains(Lower(PassageText(h)), needle))
          << h.Key() << " lacks \"" << needle << "\": " << PassageText(h);
    }
    for (const auto& [id, article] : *corpus_) {
      const std::string lower = Lower(article.text);
      for (size_t at = lower.find(needle); at != std::string::npos;
           at = lower.find(needle, at + 1)) {
        const bool covered = std::any_of(hits.begin(), hits.end(), [&](const Hit& h) {
          return h.doc_id == id && !h.in_title && h.start <= at && at + needle.size() <= h.end;
        });
        EXPECT_TRUE(covered) << "\"" << needle << "\" at byte " << at << " of " << id
                             << " is in no result";
      }
    }
  }

  static CorpusIndex* indexed_;
  static std::map<std::string, Article>* corpus_;
};

CorpusIndex* CorpusSearch::indexed_ = nullptr;
std::map<std::string, Article>* CorpusSearch::corpus_ = nullptr;

TEST_F(CorpusSearch, PhraseFindsExactlyThePassagesOf000And004) {
  const std::vector<Hit> hits = Search(kSwiftPhrase);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(DocsOf(hits), IdsStartingWith(*corpus_, {"000_", "004_"}));
  ExpectExactlyPassagesWith(hits, "swift and severe costs");
  ExpectRanked(hits);
  for (const Hit& h : hits) EXPECT_EQ(h.query_id, "1");
}

TEST_F(CorpusSearch, ShorterPhraseAlsoFinds002) {
  const std::vector<Hit> hits = Search("\"severe costs\"");
  EXPECT_EQ(DocsOf(hits), IdsStartingWith(*corpus_, {"000_", "002_", "004_"}));
  ExpectExactlyPassagesWith(hits, "severe costs");
  ExpectRanked(hits);
}

TEST_F(CorpusSearch, PhraseMatchesStemmedWords) {
  // "cost" and "costs" have the same stem: the same passages, same scores.
  const std::vector<Hit> singular = Search("\"severe cost\"");
  const std::vector<Hit> plural = Search("\"severe costs\"");
  ASSERT_FALSE(plural.empty());
  ASSERT_EQ(singular.size(), plural.size());
  for (size_t i = 0; i < plural.size(); ++i) {
    EXPECT_EQ(singular[i].Key(), plural[i].Key()) << "rank " << i + 1;
    EXPECT_DOUBLE_EQ(singular[i].score, plural[i].score) << "rank " << i + 1;
  }
}

TEST_F(CorpusSearch, DocumentUnitGivesEachDocumentOnce) {
  const std::vector<Hit> docs = Search(kSwiftPhrase, {"--unit", "doc"});
  std::vector<std::string> ids;
  for (const Hit& h : docs) ids.push_back(h.doc_id);
  std::sort(ids.begin(), ids.end());
  const std::set<std::string> expected = IdsStartingWith(*corpus_, {"000_", "004_"});
  EXPECT_EQ(ids, std::vector<std::string>(expected.begin(), expected.end()));
  ExpectRanked(docs);
  // The passage shown for a document holds the phrase.
  for (const Hit& h : docs) {
    EXPECT_TRUE(Contains(Lower(PassageText(h)), "swift and severe costs")) << h.Key();
  }
}

TEST_F(CorpusSearch, TrecListsEachDocumentOnceInPassageOrder) {
  const ProcessResult trec =
      Searcher({"--query", "\"severe costs\"", "--format", "trec", "-k", "1000"});
  const std::vector<Hit> passages = Search("\"severe costs\"");
  // The documents in the order of their best passage, with its score.
  std::vector<Hit> best;
  for (const Hit& h : passages) {
    if (std::none_of(best.begin(), best.end(),
                     [&](const Hit& b) { return b.doc_id == h.doc_id; })) {
      best.push_back(h);
    }
  }
  const std::vector<std::string> lines = SplitLines(trec.out);
  ASSERT_EQ(lines.size(), best.size()) << trec.out;
  ASSERT_EQ(lines.size(), 3u) << "000, 002 and 004 hold the phrase";
  for (size_t i = 0; i < lines.size(); ++i) {
    std::istringstream fields(lines[i]);
    std::string qid, q0, doc, rank, score, tag, extra;
    fields >> qid >> q0 >> doc >> rank >> score >> tag;
    EXPECT_FALSE(fields >> extra) << "more than 6 fields: " << lines[i];
    EXPECT_EQ(qid, "1") << lines[i];
    EXPECT_EQ(q0, "Q0") << lines[i];
    EXPECT_EQ(doc, best[i].doc_id) << lines[i];
    EXPECT_EQ(rank, std::to_string(i + 1)) << lines[i];
    char* end = nullptr;
    const double value = std::strtod(score.c_str(), &end);
    EXPECT_TRUE(!score.empty() && *end == '\0') << "score is not a number: " << lines[i];
    EXPECT_NEAR(value, best[i].score, 1e-3) << lines[i];
    EXPECT_EQ(tag, "syndex") << lines[i];
  }
}

TEST_F(CorpusSearch, OutletFieldRestrictsToThatOutlet) {
  const std::set<std::string> jazeera = IdsStartingWith(*corpus_, {"000_"});
  for (const std::string query : {"outlet:jazeera", "outlet:\"al jazeera\"", "OUTLET:(Jazeera)"}) {
    SCOPED_TRACE(query);
    const std::vector<Hit> hits = Search(query);
    EXPECT_EQ(DocsOf(hits), jazeera);
    for (const Hit& h : hits) EXPECT_EQ(h.outlet, "Al Jazeera") << h.Key();
  }
  // Outlet words are not body words: "jazeera" in the body finds nothing
  // that is not in 000's text.
  for (const Hit& h : Search("jazeera")) {
    EXPECT_TRUE(Contains(Lower(PassageText(h)), "jazeera")) << h.Key();
  }
}

TEST_F(CorpusSearch, ExcludedOutletIsNeverReturned) {
  // Without the exclusion The Independent's 004 is found, so the test can fail.
  EXPECT_TRUE(DocsOf(Search("costs")).count(*IdsStartingWith(*corpus_, {"004_"}).begin()));
  const std::vector<Hit> hits = Search("costs -outlet:independent");
  ASSERT_FALSE(hits.empty());
  for (const Hit& h : hits) {
    EXPECT_NE(h.outlet, "The Independent") << h.Key();
    EXPECT_EQ(h.doc_id.rfind("004_", 0), std::string::npos) << h.Key();
    EXPECT_TRUE(Contains(Lower(PassageText(h)), "cost")) << h.Key();
  }
  // Everything else that "costs" finds is still found.
  std::set<std::string> expected;
  for (const Hit& h : Search("costs")) {
    if (h.outlet != "The Independent") expected.insert(h.Key());
  }
  EXPECT_EQ(KeysOf(hits), expected);
}

TEST_F(CorpusSearch, NotExcludesPassagesWithTheWord) {
  for (const std::string word : {"costs", "russia"}) {
    SCOPED_TRACE(word);
    const std::vector<Hit> hits = Search(word + " NOT sanctions");
    ASSERT_FALSE(hits.empty());
    for (const Hit& h : hits) {
      const std::string text = Lower(PassageText(h));
      EXPECT_FALSE(Contains(text, "sanction")) << h.Key() << ": " << text;
      EXPECT_TRUE(Contains(text, word.substr(0, 4))) << h.Key() << ": " << text;
    }
    // Exactly the passages of the word alone that lack "sanction".
    std::set<std::string> expected;
    for (const Hit& h : Search(word)) {
      if (!Contains(Lower(PassageText(h)), "sanction")) expected.insert(h.Key());
    }
    EXPECT_EQ(KeysOf(hits), expected);
  }
  // "russia" alone does find passages about sanctions: the exclusion matters.
  const std::vector<Hit> russia = Search("russia");
  EXPECT_TRUE(std::any_of(russia.begin(), russia.end(), [](const Hit& h) {
    return Contains(Lower(PassageText(h)), "sanction");
  }));
}

TEST_F(CorpusSearch, NotWithDocumentUnitExcludesWholeDocuments) {
  const std::vector<Hit> docs = Search("russia NOT sanctions", {"--unit", "doc"});
  std::set<std::string> expected;
  for (const Hit& h : Search("russia", {"--unit", "doc"})) {
    if (!Contains(Lower(corpus_->at(h.doc_id).text), "sanction")) expected.insert(h.doc_id);
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_LT(expected.size(), corpus_->size());
  EXPECT_EQ(DocsOf(docs), expected);
}

TEST_F(CorpusSearch, TitleFieldMatchesHeadlinesOnly) {
  std::set<std::string> expected;
  for (const auto& [id, article] : *corpus_) {
    if (Contains(Lower(article.title), "putin")) expected.insert(id);
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_LT(expected.size(), corpus_->size()) << "002 has no title";
  const std::vector<Hit> hits = Search("title:putin");
  EXPECT_EQ(DocsOf(hits), expected);
  for (const Hit& h : hits) EXPECT_TRUE(Contains(Lower(h.title), "putin")) << h.Key();
  const std::vector<Hit> docs = Search("title:putin", {"--unit", "doc"});
  EXPECT_EQ(docs.size(), expected.size());
  EXPECT_EQ(DocsOf(docs), expected);
}

TEST_F(CorpusSearch, PrefixMatchesLongerWords) {
  // "sanct" is no word of the corpus; "sanct*" finds sanction(s).
  EXPECT_TRUE(Search("sanct").empty());
  const std::vector<Hit> hits = Search("sanct*");
  ASSERT_FALSE(hits.empty());
  for (const Hit& h : hits) EXPECT_TRUE(Contains(Lower(PassageText(h)), "sanct")) << h.Key();
  // Every passage that has "sanctions" is found.
  const std::set<std::string> found = KeysOf(hits);
  for (const Hit& h : Search("sanctions")) EXPECT_TRUE(found.count(h.Key())) << h.Key();
  std::set<std::string> docs_with_sanct;
  for (const auto& [id, article] : *corpus_) {
    if (Contains(Lower(article.text), "sanction")) docs_with_sanct.insert(id);
  }
  EXPECT_EQ(DocsOf(hits), docs_with_sanct);
  EXPECT_TRUE(std::any_of(hits.begin(), hits.end(),
                          [](const Hit& h) { return Contains(h.snippet, "[sanctions]"); }));
}

TEST_F(CorpusSearch, BareWordsAreOred) {
  const std::vector<Hit> either = Search("zelenskyy macron");
  const std::set<std::string> zelenskyy = KeysOf(Search("zelenskyy"));
  const std::set<std::string> macron = KeysOf(Search("macron"));
  ASSERT_FALSE(zelenskyy.empty());
  ASSERT_FALSE(macron.empty());
  std::set<std::string> both = zelenskyy;
  both.insert(macron.begin(), macron.end());
  EXPECT_EQ(KeysOf(either), both);
  for (const Hit& h : either) {
    const std::string text = Lower(PassageText(h));
    EXPECT_TRUE(Contains(text, "zelenskyy") || Contains(text, "macron")) << h.Key() << ": " << text;
  }
  ExpectRanked(either);
}

TEST_F(CorpusSearch, AndFlagRequiresEveryWord) {
  const std::set<std::string> macron = KeysOf(Search("macron"));
  const std::set<std::string> putin = KeysOf(Search("putin"));
  std::set<std::string> intersection;
  std::set_intersection(macron.begin(), macron.end(), putin.begin(), putin.end(),
                        std::inserter(intersection, intersection.end()));
  ASSERT_FALSE(intersection.empty());
  ASSERT_LT(intersection.size(), macron.size());
  const std::vector<Hit> all = Search("macron putin", {"--and"});
  EXPECT_EQ(KeysOf(all), intersection);
  for (const Hit& h : all) {
    const std::string text = Lower(PassageText(h));
    EXPECT_TRUE(Contains(text, "macron") && Contains(text, "putin")) << h.Key() << ": " << text;
  }
  // Without --and the same words match either.
  EXPECT_GT(Search("macron putin").size(), all.size());
  // Two words that never share a passage: nothing under --and.
  EXPECT_TRUE(Search("zelenskyy macron", {"--and"}).empty());
}

TEST_F(CorpusSearch, KLimitsTheResultsToTheTopK) {
  const std::vector<Hit> all = Search("costs");
  ASSERT_GT(all.size(), 3u);
  const std::vector<Hit> top3 = Search("costs", {}, 3);
  ASSERT_EQ(top3.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(top3[i].Key(), all[i].Key());
    EXPECT_DOUBLE_EQ(top3[i].score, all[i].score);
  }
}

TEST_F(CorpusSearch, DefaultKIsTen) {
  ASSERT_GT(Search("russia").size(), 10u);
  const ProcessResult r = Searcher({"--query", "russia", "--format", "json"});
  EXPECT_EQ(ParseJsonLines(r.out).size(), 10u);
}

TEST_F(CorpusSearch, SnippetsBracketTheQueryWordsAndComeFromThePassage) {
  for (const Hit& h : Search(kSwiftPhrase)) {
    EXPECT_TRUE(Contains(h.snippet, "[swift] [and] [severe] [costs]")) << h.snippet;
  }
  for (const Hit& h : Search("macron")) {
    // "[Macron]" or "[Macron’s]": the possessive is part of the word.
    EXPECT_TRUE(Contains(h.snippet, "[Macron]") || Contains(h.snippet, "[Macron’s]"))
        << h.Key() << ": " << h.snippet;
    // Without the brackets and the elisions, each piece of the snippet is
    // text of the passage.
    std::string plain;
    for (char c : h.snippet) {
      if (c != '[' && c != ']') plain += c;
    }
    const std::string passage = PassageText(h);
    size_t from = 0;
    for (size_t cut; (cut = plain.find("…", from)) != std::string::npos || from < plain.size();) {
      if (cut == std::string::npos) cut = plain.size();
      std::string piece = plain.substr(from, cut - from);
      while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
      while (!piece.empty() && piece.back() == ' ') piece.pop_back();
      EXPECT_TRUE(Contains(passage, piece))
          << h.Key() << ": \"" << piece << "\" not in " << passage;
      from = cut + std::string("…").size();
    }
  }
}

TEST_F(CorpusSearch, TextFormatCountsMatches) {
  const size_t matching = Search(kSwiftPhrase).size();
  // --exhaustive counts every match; without it, pruning may skip units
  // that cannot make the top 2, and the count says it is a lower bound.
  const ProcessResult r =
      Searcher({"--no-group", "--exhaustive", "--query", kSwiftPhrase, "-k", "2"});
  EXPECT_TRUE(Contains(r.out, "(" + std::to_string(matching) + " matching, 2 shown)")) << r.out;
  EXPECT_TRUE(Contains(r.out, "swift and severe costs")) << r.out;
  const ProcessResult pruned = Searcher({"--no-group", "--query", kSwiftPhrase, "-k", "2"});
  EXPECT_TRUE(Contains(pruned.out, " matching, 2 shown)")) << pruned.out;
  EXPECT_EQ(pruned.out.substr(pruned.out.find('\n')), r.out.substr(r.out.find('\n')))
      << "the results themselves must not change";
}

// Parses "key: value" lines.
std::map<std::string, std::string> ParseStatsText(const std::string& text) {
  std::map<std::string, std::string> values;
  for (const std::string& line : SplitLines(text)) {
    const size_t colon = line.find(": ");
    if (colon != std::string::npos) values[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return values;
}

TEST_F(CorpusSearch, StatsCountsDocumentsAndPassages) {
  const ProcessResult r = RunProgram({IndexerPath(), "stats", "--index", indexed_->path});
  ASSERT_EQ(r.exit_code(), 0) << r.Describe();
  std::map<std::string, std::string> stats = ParseStatsText(r.out);
  EXPECT_EQ(stats["documents"], std::to_string(corpus_->size())) << r.out;
  EXPECT_GT(std::atoi(stats["passages"].c_str()), 100) << r.out;
  EXPECT_EQ(stats["segments"], "1") << r.out;
}

TEST_F(CorpusSearch, StatsJsonAgreesWithTextAndFileSizes) {
  const ProcessResult text = RunProgram({IndexerPath(), "stats", "--index", indexed_->path});
  const ProcessResult json =
      RunProgram({IndexerPath(), "stats", "--index", indexed_->path, "--json"});
  ASSERT_EQ(json.exit_code(), 0) << json.Describe();
  const nlohmann::json stats = nlohmann::json::parse(json.out, nullptr, false);
  ASSERT_TRUE(stats.is_object()) << json.out;
  EXPECT_EQ(stats.value("documents", -1), 5);
  std::map<std::string, std::string> text_stats = ParseStatsText(text.out);
  EXPECT_EQ(std::to_string(stats.value("passages", -1)), text_stats["passages"]);
  EXPECT_EQ(std::to_string(stats.value("terms", -1)), text_stats["terms"]);
  ASSERT_TRUE(stats.contains("bytes_by_file") && stats["bytes_by_file"].is_object()) << json.out;
  // The sizes add up to the total, and to the bytes of the index's files.
  uint64_t sum = 0;
  for (const auto& [name, bytes] : stats["bytes_by_file"].items()) {
    EXPECT_GT(bytes.get<uint64_t>(), 0u) << name;
    sum += bytes.get<uint64_t>();
  }
  EXPECT_EQ(sum, stats.value("total_bytes", uint64_t{0}));
  uint64_t on_disk = 0;
  for (const std::string& name : ListDir(indexed_->path)) {
    if (name == "LOCK") continue;  // not index data: the last writer's process id
    on_disk += std::filesystem::file_size(indexed_->path + "/" + name);
  }
  EXPECT_EQ(sum, on_disk);
}

TEST_F(CorpusSearch, VerifyPassesOnAFreshIndex) {
  const ProcessResult r = RunProgram({IndexerPath(), "verify", "--index", indexed_->path});
  EXPECT_EQ(r.exit_code(), 0) << r.Describe();
  EXPECT_EQ(r.out.rfind("OK", 0), 0u) << r.out;
  EXPECT_TRUE(Contains(r.out, "5 documents")) << r.out;
}

}  // namespace
}  // namespace syndex::cli_test
