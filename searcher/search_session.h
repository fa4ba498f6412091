// File: searcher/search_session.h
//
// What the searcher program does for each query, in every mode (one
// --query, a --batch file, the interactive prompt): search, present and
// write the results in the chosen format. It keeps the last query's
// results, so the prompt can show a result's variants afterwards.
//
// Example:
//   SearchSession session(index.get(), settings);
//   std::string out;
//   absl::Status s = session.Run("q1", "\"swift and severe costs\"", &out);
//   s = session.Expand(1, &out);
#ifndef SYNDEX_SEARCHER_SEARCH_SESSION_H_
#define SYNDEX_SEARCHER_SEARCH_SESSION_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "searcher/index_reader.h"
#include "searcher/result_view.h"
#include "searcher/result_writer.h"
#include "searcher/searcher.h"
#include "searcher/snippet.h"

namespace syndex {

struct SessionSettings {
  SearchOptions search;
  OutputFormat format = OutputFormat::kText;
  HighlightStyle style = HighlightStyle::kBrackets;
  // Text output lists each result's variants (--expand).
  bool expand = false;
  // Each result says why it scores what it does (--explain).
  bool explain = false;
};

// Not thread-safe.
class SearchSession {
 public:
  SearchSession(const IndexReader* index, SessionSettings settings)
      : searcher_(index), settings_(settings) {}

  // Appends the results of `query` to *out. InvalidArgument for a bad
  // query (the message starts "column N:"), DataLoss for a damaged index.
  [[nodiscard]] absl::Status Run(std::string_view query_id, std::string_view query,
                                 std::string* out);

  // Appends the variants of result `rank` (from 1) of the last query Run,
  // as word diffs against it, or a line saying it has none.
  // FailedPrecondition if no query has run (or the last one failed),
  // OutOfRange if it has no result `rank`. The messages are for users.
  [[nodiscard]] absl::Status Expand(size_t rank, std::string* out) const;

  // Appends the explanation of result `rank` (from 1) of the last query
  // Run (:explain in the prompt). Errors as Expand's; DataLoss for a
  // damaged index.
  [[nodiscard]] absl::Status Explain(size_t rank, std::string* out);

  // Searches `index` from the next query on (a newer commit of the same
  // index, index_follower.h). The last query's results are forgotten: they
  // name units of the previous snapshot.
  void SwitchIndex(const IndexReader* index) {
    searcher_.set_index(index);
    last_.reset();
    last_results_.reset();
  }

  SessionSettings& settings() { return settings_; }
  const IndexReader& index() const { return searcher_.index(); }

 private:
  // OK if the last query has a result `rank`; else the error for `action`.
  absl::Status CheckRank(size_t rank, std::string_view action) const;

  Searcher searcher_;
  SessionSettings settings_;
  // The last query's results, unless it failed or none has run.
  std::optional<std::vector<ResultView>> last_;
  // The last query's hits and resolved query, and the options it ran
  // with (the prompt may change them since), for Explain.
  std::optional<SearchResults> last_results_;
  SearchOptions last_options_;
};

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_SEARCH_SESSION_H_
