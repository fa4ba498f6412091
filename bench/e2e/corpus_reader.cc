#include "bench/e2e/corpus_reader.h"

#include <utility>

#include "common/status_macros.h"
#include "indexer/document_source.h"

namespace syndex::race {

absl::Status ForEachArticle(const std::string& corpus,
                            const std::function<absl::Status(const RawDocument&)>& each,
                            uint64_t* warnings) {
  uint64_t count = 0;
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(corpus, [&](std::string_view) { ++count; }));
  RawDocument doc;
  while (true) {
    ASSIGN_OR_RETURN(const bool more, source->Next(&doc));
    if (!more) break;
    RETURN_IF_ERROR(each(doc));
  }
  if (warnings != nullptr) *warnings = count;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<CorpusArticle>> LoadArticles(const std::string& corpus) {
  std::vector<CorpusArticle> articles;
  RETURN_IF_ERROR(ForEachArticle(corpus, [&](const RawDocument& doc) {
    articles.push_back({doc.title, doc.text});
    return absl::OkStatus();
  }));
  return articles;
}

}  // namespace syndex::race
