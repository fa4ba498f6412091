#include "searcher/search_session.h"

#include "common/status_macros.h"
#include "common/str_cat.h"
#include "searcher/explainer.h"

namespace syndex {

absl::Status SearchSession::Run(std::string_view query_id, std::string_view query,
                                std::string* out) {
  last_.reset();
  last_results_.reset();
  ASSIGN_OR_RETURN(SearchResults results, searcher_.Search(query, settings_.search));
  const Presentation what = settings_.format == OutputFormat::kTrec && !settings_.explain
                                ? Presentation::kIdsOnly
                                : Presentation::kFull;
  ASSIGN_OR_RETURN(std::vector<ResultView> views,
                   PresentResults(searcher_.index(), results, settings_.search.unit,
                                  searcher_.analyzer(), what));
  if (settings_.explain) {
    for (size_t i = 0; i < views.size(); ++i) {
      ASSIGN_OR_RETURN(views[i].explanation,
                       ExplainHit(searcher_.index(), results.query, results.hits[i],
                                  settings_.search, searcher_.analyzer()));
    }
  }
  OutputOptions output;
  output.format = settings_.format;
  output.style = settings_.style;
  output.grouped = settings_.search.group;
  output.expand = settings_.expand;
  WriteResults({query_id, query, views, results.matches, results.matches_exact}, output, out);
  last_ = std::move(views);
  last_results_ = std::move(results);
  last_options_ = settings_.search;
  return absl::OkStatus();
}

absl::Status SearchSession::CheckRank(size_t rank, std::string_view action) const {
  if (!last_) {
    return absl::FailedPreconditionError(StrCat("no results to ", action, ": run a query first"));
  }
  if (rank == 0 || rank > last_->size()) {
    return absl::OutOfRangeError(StrCat("no result ", rank, ": the last query showed ",
                                        last_->size(),
                                        last_->size() == 1 ? " result" : " results"));
  }
  return absl::OkStatus();
}

absl::Status SearchSession::Explain(size_t rank, std::string* out) {
  RETURN_IF_ERROR(CheckRank(rank, "explain"));
  ResultView& view = (*last_)[rank - 1];
  if (!view.explanation) {
    ASSIGN_OR_RETURN(view.explanation, ExplainHit(searcher_.index(), last_results_->query,
                                                  last_results_->hits[rank - 1], last_options_,
                                                  searcher_.analyzer()));
  }
  StrAppend(out, "result ", rank, ": ", view.doc_id, " · passage ", view.passage, "\n");
  WriteExplanation(view, out);
  return absl::OkStatus();
}

absl::Status SearchSession::Expand(size_t rank, std::string* out) const {
  RETURN_IF_ERROR(CheckRank(rank, "expand"));
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
