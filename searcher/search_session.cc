#include "searcher/search_session.h"

#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex {

absl::Status SearchSession::Run(std::string_view query_id, std::string_view query,
                                std::string* out) {
  last_.reset();
  ASSIGN_OR_RETURN(SearchResults results, searcher_.Search(query, settings_.search));
  ASSIGN_OR_RETURN(
      std::vector<ResultView> views,
      PresentResults(searcher_.index(), results, settings_.search.unit, searcher_.analyzer()));
  OutputOptions output;
  output.format = settings_.format;
  output.style = settings_.style;
  output.grouped = settings_.search.group;
  output.expand = settings_.expand;
  WriteResults({query_id, query, views, results.matches}, output, out);
  last_ = std::move(views);
  return absl::OkStatus();
}

absl::Status SearchSession::Expand(size_t rank, std::string* out) const {
  if (!last_) return absl::FailedPreconditionError("no results to expand: run a query first");
  if (rank == 0 || rank > last_->size()) {
    return absl::OutOfRangeError(StrCat("no result ", rank, ": the last query showed ",
                                        last_->size(),
                                        last_->size() == 1 ? " result" : " results"));
  }
  const ResultView& view = (*last_)[rank - 1];
  if (view.variants.empty()) {
    StrAppend(out, "result ", rank, " has no variants\n");
    return absl::OkStatus();
  }
  StrAppend(out, "result ", rank, ": ", view.doc_id, " · passage ", view.passage, "\n");
  WriteVariants(view, out);
  return absl::OkStatus();
}

}  // namespace syndex
