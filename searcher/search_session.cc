#include "searcher/search_session.h"

#include "common/status_macros.h"
#include "searcher/result_view.h"

namespace syndex {

absl::Status SearchSession::Run(std::string_view query_id, std::string_view query,
                                std::string* out) {
  ASSIGN_OR_RETURN(SearchResults results, searcher_.Search(query, settings_.search));
  ASSIGN_OR_RETURN(
      std::vector<ResultView> views,
      PresentResults(searcher_.index(), results, settings_.search.unit, searcher_.analyzer()));
  WriteResults({query_id, query, views, results.matches}, settings_.format, settings_.style, out);
  return absl::OkStatus();
}

}  // namespace syndex
