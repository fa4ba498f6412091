#include "searcher/result_view.h"

#include "absl/container/flat_hash_set.h"
#include "common/status_macros.h"

namespace syndex {
namespace {

using TermSet = absl::flat_hash_set<std::string>;

std::string_view PassageText(const PassageRecord& record, std::string_view text,
                             std::string_view title) {
  std::string_view source = record.is_title() ? title : text;
  if (record.end > source.size() || record.start > record.end) return {};
  return source.substr(record.start, record.end - record.start);
}

// The query words of `passage`, as byte ranges of it.
std::vector<ByteRange> FindHighlights(std::string_view passage, const TermSet& terms,
                                      Analyzer* analyzer) {
  std::vector<Token> tokens;
  analyzer->Analyze(passage, 0, &tokens);
  std::vector<ByteRange> ranges;
  for (const Token& token : tokens) {
    if (terms.contains(token.term)) ranges.emplace_back(token.start, token.end);
  }
  return ranges;
}

// For --unit doc: the passage of `doc` showing the most distinct query
// words (the earliest on ties).
PassageId BestPassage(const Segment& segment, DocId doc, std::string_view text,
                      std::string_view title, const TermSet& terms, Analyzer* analyzer) {
  const DocumentRecord record = segment.documents().Get(doc);
  PassageId best = record.first_passage;
  size_t best_count = 0;
  std::vector<Token> tokens;
  for (PassageId p = record.first_passage; p < record.first_passage + record.passage_count; ++p) {
    tokens.clear();
    analyzer->Analyze(PassageText(segment.passages().Get(p), text, title), 0, &tokens);
    TermSet seen;
    for (const Token& token : tokens) {
      if (terms.contains(token.term)) seen.insert(token.term);
    }
    if (seen.size() > best_count) {
      best = p;
      best_count = seen.size();
    }
  }
  return best;
}

absl::StatusOr<ResultView> Present(const Segment& segment, const Hit& hit, Unit unit,
                                   const TermSet& terms, Analyzer* analyzer) {
  const DocId doc = unit == Unit::kDocument ? hit.unit : segment.passages().Get(hit.unit).doc;
  const DocumentRecord record = segment.documents().Get(doc);
  const DocumentMeta meta = segment.documents().Meta(doc);
  ASSIGN_OR_RETURN(std::string text, segment.stored_text().Get(doc));
  const PassageId passage = unit == Unit::kDocument
                                ? BestPassage(segment, doc, text, meta.title, terms, analyzer)
                                : hit.unit;
  const PassageRecord p = segment.passages().Get(passage);
  ResultView view;
  view.score = hit.score;
  view.doc_id = meta.id;
  view.outlet = segment.documents().OutletName(record.outlet);
  view.title = meta.title;
  view.date = meta.date;
  view.url = meta.url;
  view.passage = passage - record.first_passage;
  view.start = p.start;
  view.end = p.end;
  view.in_title = p.is_title();
  view.text = PassageText(p, text, meta.title);
  view.highlights = FindHighlights(view.text, terms, analyzer);
  return view;
}

}  // namespace

absl::StatusOr<std::vector<ResultView>> PresentResults(const IndexReader& index,
                                                       const SearchResults& results, Unit unit,
                                                       Analyzer* analyzer) {
  const TermSet terms(results.query.highlight_terms.begin(), results.query.highlight_terms.end());
  std::vector<ResultView> views;
  for (const Hit& hit : results.hits) {
    ASSIGN_OR_RETURN(ResultView view,
                     Present(*index.segments()[hit.segment], hit, unit, terms, analyzer));
    view.rank = views.size() + 1;
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace syndex
