#include "indexer/boilerplate_detector.h"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"

namespace syndex {
namespace {

struct Article {
  RawDocument raw;
  AnalyzedDocument analyzed;
};

std::vector<Article> ReadArticles(const std::string& path, size_t limit) {
  auto source = OpenDocumentSource(path, [](std::string_view) {});
  EXPECT_TRUE(source.ok()) << source.status();
  std::vector<Article> articles;
  if (!source.ok()) return articles;
  DocumentAnalyzer analyzer{PassageOptions{}};
  Article article;
  while (articles.size() < limit) {
    auto more = (*source)->Next(&article.raw);
    if (!more.ok() || !*more) break;
    analyzer.Analyze(article.raw, &article.analyzed);
    if (!article.analyzed.passages.empty()) articles.push_back(article);
  }
  return articles;
}

std::string PassageText(const Article& a, size_t i) {
  const AnalyzedPassage& p = a.analyzed.passages[i];
  const std::string& source = p.is_title ? a.raw.title : a.raw.text;
  return source.substr(p.start, p.end - p.start);
}

// Runs the detector over `articles` with outlets numbered by name and
// returns, per article id, the texts of its boilerplate passages.
std::map<std::string, std::set<std::string>> Detect(const std::vector<Article>& articles,
                                                    BoilerplateReason wanted) {
  std::map<std::string, uint32_t> outlets;
  BoilerplateDetector detector{BoilerplateOptions{}};
  for (const Article& a : articles) {
    const uint32_t outlet = outlets.try_emplace(a.raw.outlet, outlets.size()).first->second;
    detector.AddDocument(outlet, PassageFeaturesOf(a.raw, a.analyzed));
  }
  const auto reasons = detector.Detect();
  std::map<std::string, std::set<std::string>> found;
  for (size_t d = 0; d < articles.size(); ++d) {
    for (size_t p = 0; p < reasons[d].size(); ++p) {
      if (reasons[d][p] == wanted) found[articles[d].raw.id].insert(PassageText(articles[d], p));
    }
  }
  return found;
}

TEST(BoilerplateDetector, EndsLikeSentence) {
  EXPECT_TRUE(EndsLikeSentence("It was over."));
  EXPECT_TRUE(EndsLikeSentence("“We must unite and fight for independence.”  "));
  EXPECT_TRUE(EndsLikeSentence("Really?')"));
  EXPECT_FALSE(EndsLikeSentence("Source link"));
  EXPECT_FALSE(EndsLikeSentence("‘Any day now’"));
  EXPECT_FALSE(EndsLikeSentence(""));
}

TEST(BoilerplateDetector, SeedChromeIsFoundByItsOwnFeatures) {
  const auto articles = ReadArticles(std::string(SYNDEX_SOURCE_DIR) + "/corpus", 10);
  ASSERT_EQ(articles.size(), 5u);
  const auto found = Detect(articles, BoilerplateReason::kEdgeChrome);
  const std::map<std::string, std::set<std::string>> expected = {
      // One passage of three lines: 001 separates paragraphs by blank lines.
      {"001_3d5b00776bf0b082", {"Notify of\nInline Feedbacks\nView all comments"}},
      {"002_67a2dd574633ebd7", {"[ad_1]", "SUBSCRIBE NOW", "[ad_2]", "Source link"}},
  };
  EXPECT_EQ(found, expected);
}

TEST(BoilerplateDetector, NothingRepeatsWithinOneArticlePerOutlet) {
  const auto articles = ReadArticles(std::string(SYNDEX_SOURCE_DIR) + "/corpus", 10);
  EXPECT_TRUE(Detect(articles, BoilerplateReason::kRepeatedInOutlet).empty());
}

TEST(BoilerplateDetector, TitleIsNeverChrome) {
  BoilerplateDetector detector{BoilerplateOptions{}};
  const std::vector<PassageFeatures> doc = {
      {1, 3, false, true}, {2, 2, false, false}, {3, 30, true, false}, {4, 2, false, false}};
  detector.AddDocument(0, doc);
  const auto reasons = detector.Detect();
  EXPECT_EQ(reasons[0], (std::vector<BoilerplateReason>{
                            BoilerplateReason::kNone, BoilerplateReason::kEdgeChrome,
                            BoilerplateReason::kNone, BoilerplateReason::kEdgeChrome}));
}

TEST(BoilerplateDetector, ExactDuplicateArticlesCountOnce) {
  BoilerplateDetector detector{BoilerplateOptions{}};
  const std::vector<PassageFeatures> story = {{10, 20, true, false}, {11, 25, true, false}};
  for (int copy = 0; copy < 5; ++copy) detector.AddDocument(7, story);
  for (const auto& reasons : detector.Detect()) {
    EXPECT_EQ(reasons, std::vector<BoilerplateReason>(2, BoilerplateReason::kNone));
  }
}

// Real articles of three outlets get that outlet's chrome appended (and one
// prepended); the detector must find exactly those lines by repetition.
TEST(BoilerplateDetector, OutletChromeIsFoundByRepetition) {
  const std::string path =
      std::string(SYNDEX_SOURCE_DIR) + "/../shared/news/allsides/articles.jsonl.zst";
  if (::access(path.c_str(), R_OK) != 0) GTEST_SKIP() << path << " is absent";
  std::vector<Article> articles = ReadArticles(path, 3000);
  const std::map<std::string, std::vector<std::string>> chrome = {
      {"Reuters",
       {"Sign up for our daily briefing and get the news that matters delivered to "
        "your inbox every morning.",
        "Our Standards: The Thomson Trust Principles."}},
      {"Fox News",
       {"Click here to get the Fox News app.", "CLICK HERE TO SIGN UP FOR OUR NEWSLETTER"}},
      {"Vox",
       {"Support our journalism today: make a contribution of any amount to keep this work "
        "free for everyone.",
        "Join the conversation in the comments below."}},
  };
  DocumentAnalyzer analyzer{PassageOptions{}};
  std::map<std::string, int> decorated;
  for (Article& a : articles) {
    auto it = chrome.find(a.raw.outlet);
    if (it == chrome.end()) continue;
    a.raw.text = it->second[1] + "\n\n" + a.raw.text + "\n\n" + it->second[0];
    analyzer.Analyze(a.raw, &a.analyzed);
    ++decorated[a.raw.outlet];
  }
  for (const auto& [outlet, lines] : chrome) ASSERT_GE(decorated[outlet], 20) << outlet;
  const auto found = Detect(articles, BoilerplateReason::kRepeatedInOutlet);
  std::set<std::string> found_lines;
  for (const auto& [id, lines] : found) found_lines.insert(lines.begin(), lines.end());
  std::set<std::string> expected;
  for (const auto& [outlet, lines] : chrome) expected.insert(lines.begin(), lines.end());
  for (const std::string& line : expected) EXPECT_TRUE(found_lines.contains(line)) << line;
  // Precision: print what else repetition found (the corpus's own chrome).
  size_t other = 0;
  for (const std::string& line : found_lines) {
    if (!expected.contains(line)) {
      ++other;
      if (other <= 15)
        std::printf("  also repeated in an outlet: %s\n", line.substr(0, 100).c_str());
    }
  }
  std::printf("other repeated lines (the corpus's own chrome): %zu\n", other);
}

}  // namespace
}  // namespace syndex
