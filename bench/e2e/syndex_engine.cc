#include "bench/e2e/syndex_engine.h"

#include <utility>

#include "bench/e2e/corpus_reader.h"
#include "bench/e2e/query_syntax.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/index_writer.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"

namespace syndex::race {
namespace {

class SyndexRunner final : public QueryRunner {
 public:
  SyndexRunner(std::unique_ptr<IndexReader> index, SynonymMap synonyms)
      : index_(std::move(index)), synonyms_(std::move(synonyms)), searcher_(index_.get()) {
    options_.synonyms = &synonyms_;
  }

  bool Supports(QueryClass) const override { return true; }

  absl::StatusOr<size_t> Run(QueryClass c, const WordQuery& words) override {
    const std::string text = SyndexQueryText(c, words);
    options_.parse.default_operator = SyndexUsesAndDefault(c) ? ParseOptions::DefaultOperator::kAnd
                                                              : ParseOptions::DefaultOperator::kOr;
    absl::StatusOr<SearchResults> results = searcher_.Search(text, options_);
    if (!results.ok()) {
      return absl::Status(results.status().code(),
                          StrCat("syndex query '", text, "': ", results.status().message()));
    }
    return results->hits.size();
  }

 private:
  std::unique_ptr<IndexReader> index_;
  SynonymMap synonyms_;
  Searcher searcher_;
  SearchOptions options_;
};

}  // namespace

absl::StatusOr<BuildOutcome> BuildSyndexIndex(const BuildSettings& settings) {
  IndexWriterOptions options;
  options.memory_budget = static_cast<size_t>(settings.memory_mb * (1 << 20));
  options.warn = [](std::string_view) {};
  ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(settings.index_path, options));
  BuildOutcome outcome;
  RETURN_IF_ERROR(ForEachArticle(settings.corpus, [&](const RawDocument& doc) {
    outcome.input_bytes += TextBytes(doc);
    return writer->Add(doc);
  }));
  RETURN_IF_ERROR(writer->Commit());
  outcome.documents = writer->stats().documents;
  return outcome;
}

absl::StatusOr<std::unique_ptr<QueryRunner>> OpenSyndexRunner(const std::string& dir) {
  ASSIGN_OR_RETURN(auto index, IndexReader::Open(dir));
  Analyzer analyzer;
  ASSIGN_OR_RETURN(SynonymMap synonyms,
                   SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer));
  return std::make_unique<SyndexRunner>(std::move(index), std::move(synonyms));
}

}  // namespace syndex::race
