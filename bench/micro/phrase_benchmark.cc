// Phrase matching through the whole searcher: Searcher::Search (parse,
// resolve, match, rank the top 10 grouped passages, the searcher's
// defaults, with the built-in news synonyms) on a small real index.
//
//   BM_PhraseSearch/<query>   e.g. "of the", "swift and severe",
//                             ~"swift and severe costs" (phrasings)
//
// The index is built once, by the real IndexWriter, in a temporary
// directory removed at exit, from the seed articles of corpus/ (which hold
// "swift and severe costs") and the first 1 MiB of AllSides articles
// (micro_support.h), a few thousand passages; without AllSides, corpus/
// alone (172 passages), which the label says. Reported: queries/s (items)
// and, as "matches", SearchResults::matches (passages matching before
// grouping, boilerplate left out). Before timing, each exact phrase's
// match count over every passage is compared with a brute-force count over
// the analyzer's tokens.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/micro/micro_support.h"
#include "common/analyzer.h"
#include "common/str_cat.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/index_writer.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"

namespace syndex {
namespace {

constexpr size_t kSampleBytes = size_t{1} << 20;
constexpr char kSeedCorpus[] = SYNDEX_SOURCE_DIR "/corpus";

// The benchmark's documents: the seed articles, then the news sample.
std::vector<RawDocument> Documents() {
  std::vector<RawDocument> docs;
  auto seeds = OpenDocumentSource(kSeedCorpus, WarningSink());
  CheckOrDie(seeds.ok(), "phrase: cannot open corpus/");
  RawDocument doc;
  while (true) {
    auto more = (*seeds)->Next(&doc);
    CheckOrDie(more.ok(), "phrase: cannot read corpus/");
    if (!*more) break;
    docs.push_back(doc);
  }
  const NewsSample& sample = LoadNewsSample(kSampleBytes);
  if (sample.label == "allsides") {
    docs.insert(docs.end(), sample.documents.begin(), sample.documents.end());
  }
  return docs;
}

// The index, its directory removed when the program ends.
class SampleIndex {
 public:
  SampleIndex() {
    std::string pattern = (std::filesystem::temp_directory_path() / "syndex_phrase_XXXXXX");
    CheckOrDie(mkdtemp(pattern.data()) != nullptr, "phrase: mkdtemp failed");
    dir_ = pattern;
    documents_ = Documents();
    auto writer = IndexWriter::Create(dir_, IndexWriterOptions{});
    CheckOrDie(writer.ok(), "phrase: cannot create the index");
    for (const RawDocument& doc : documents_) {
      CheckOrDie((*writer)->Add(doc).ok(), "phrase: cannot add " + doc.id);
    }
    CheckOrDie((*writer)->Commit().ok(), "phrase: cannot commit the index");
    CheckOrDie((*writer)->stats().skipped == 0, "phrase: the writer skipped documents");
    auto reader = IndexReader::Open(dir_);
    CheckOrDie(reader.ok(), "phrase: cannot open the index");
    reader_ = std::move(*reader);
    Analyzer analyzer;
    auto synonyms = SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer);
    CheckOrDie(synonyms.ok(), "phrase: cannot parse the built-in synonyms");
    synonyms_ = std::move(*synonyms);
  }
  ~SampleIndex() {
    reader_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  const IndexReader& reader() const { return *reader_; }
  const SynonymMap& synonyms() const { return synonyms_; }
  const std::vector<RawDocument>& documents() const { return documents_; }

 private:
  std::string dir_;
  std::vector<RawDocument> documents_;
  std::unique_ptr<IndexReader> reader_;
  SynonymMap synonyms_;
};

const SampleIndex& Index() {
  static SampleIndex index;  // destroyed at exit, removing the directory
  return index;
}

// Passages where `terms` occur at consecutive positions, counted over the
// DocumentAnalyzer's passages as the indexer made them.
uint64_t BruteForceMatches(const std::vector<RawDocument>& docs,
                           const std::vector<std::string>& terms) {
  DocumentAnalyzer analyzer{PassageOptions{}};
  AnalyzedDocument analyzed;
  uint64_t matches = 0;
  for (const RawDocument& doc : docs) {
    analyzer.Analyze(doc, &analyzed);
    for (const AnalyzedPassage& p : analyzed.passages) {
      for (size_t i = 0; i + terms.size() <= p.tokens.size(); ++i) {
        size_t j = 0;
        while (j < terms.size() && p.tokens[i + j].term == terms[j]) ++j;
        if (j == terms.size()) {
          ++matches;
          break;
        }
      }
    }
  }
  return matches;
}

// An exact phrase matches the passages the brute force finds (every
// passage counted: boilerplate included, nothing grouped, and k above the
// passage count, so that no pruning can leave a match uncounted).
void CheckPhrase(const SampleIndex& index, std::string_view phrase) {
  Searcher searcher(&index.reader());
  SearchOptions options;
  options.include_boilerplate = true;
  options.group = false;
  options.k = index.reader().stats().passages + 1;
  auto results = searcher.Search(StrCat("\"", phrase, "\""), options);
  CheckOrDie(results.ok(), "phrase: search failed");
  const uint64_t expected =
      BruteForceMatches(index.documents(), searcher.analyzer()->Terms(phrase));
  CheckOrDie(expected > 0 && results->matches == expected,
             StrCat("phrase: \"", phrase, "\" matched ", results->matches,
                    " passages, brute force ", expected));
}

void BM_PhraseSearch(benchmark::State& state, std::string query) {
  const SampleIndex& index = Index();
  if (query.front() == '"') CheckPhrase(index, query.substr(1, query.size() - 2));
  Searcher searcher(&index.reader());
  SearchOptions options;
  options.synonyms = &index.synonyms();
  uint64_t matches = 0;
  for (auto _ : state) {
    auto results = searcher.Search(query, options);
    CheckOrDie(results.ok(), StrCat("phrase: search failed: ", query));
    matches = results->matches;
    benchmark::DoNotOptimize(results->hits.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["matches"] = static_cast<double>(matches);
  const std::string& source = LoadNewsSample(kSampleBytes).label;
  state.SetLabel(StrCat(source == "allsides" ? "allsides + corpus/" : source, ", ",
                        index.reader().stats().passages, " passages"));
}

BENCHMARK_CAPTURE(BM_PhraseSearch, of_the, std::string("\"of the\""))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PhraseSearch, white_house, std::string("\"white house\""))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PhraseSearch, swift_and_severe, std::string("\"swift and severe\""))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PhraseSearch, one_of_the, std::string("\"one of the\""))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PhraseSearch, phrasings_swift_and_severe_costs,
                  std::string("~\"swift and severe costs\""))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_PhraseSearch, phrasings_white_house_said,
                  std::string("~\"the white house said\""))
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace syndex
