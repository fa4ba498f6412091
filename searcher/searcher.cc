#include "searcher/searcher.h"

#include <algorithm>
#include <queue>

#include "common/status_macros.h"
#include "searcher/matcher_builder.h"

namespace syndex {
namespace {

// Orders hits best first: higher score, then earlier in the index.
bool Better(const Hit& a, const Hit& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.segment != b.segment) return a.segment < b.segment;
  return a.unit < b.unit;
}

// Keeps the k best hits seen, in a heap whose top is the worst of them.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) {}
  void Offer(const Hit& hit) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push(hit);
    } else if (Better(hit, heap_.top())) {
      heap_.pop();
      heap_.push(hit);
    }
  }
  std::vector<Hit> Take() {
    std::vector<Hit> hits;
    for (; !heap_.empty(); heap_.pop()) hits.push_back(heap_.top());
    std::sort(hits.begin(), hits.end(), Better);
    return hits;
  }

 private:
  struct WorstOnTop {
    bool operator()(const Hit& a, const Hit& b) const { return Better(a, b); }
  };
  size_t k_;
  std::priority_queue<Hit, std::vector<Hit>, WorstOnTop> heap_;
};

}  // namespace

absl::StatusOr<SearchResults> Searcher::Search(std::string_view query,
                                               const SearchOptions& options) {
  ASSIGN_OR_RETURN(QueryNode parsed, ParseQuery(query, options.parse));
  ResolveOptions resolve;
  resolve.unit = options.unit;
  resolve.bm25 = options.bm25;
  SearchResults results;
  ASSIGN_OR_RETURN(results.query, ResolveQuery(parsed, *index_, resolve, &analyzer_));
  TopK top(options.k);
  const auto& segments = index_->segments();
  for (uint32_t s = 0; s < segments.size(); ++s) {
    std::unique_ptr<Matcher> matcher = BuildMatcher(results.query.root, *segments[s], options.unit);
    for (; matcher->id() != kEndId; matcher->Next()) {
      ++results.matches;
      top.Offer({s, matcher->id(), matcher->score()});
    }
  }
  results.hits = top.Take();
  return results;
}

}  // namespace syndex
