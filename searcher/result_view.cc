#include "searcher/result_view.h"

#include "common/status_macros.h"

namespace syndex {
namespace {

using Patterns = std::vector<HighlightPattern>;

std::string_view PassageText(const PassageRecord& record, std::string_view text,
                             std::string_view title) {
  std::string_view source = record.is_title() ? title : text;
  if (record.end > source.size() || record.start > record.end) return {};
  return source.substr(record.start, record.end - record.start);
}

// Whether `pattern` occurs at token i. The analyzer numbers tokens from 0
// without gaps, so the token at relative position o is tokens[i + o].
bool OccursAt(const HighlightPattern& pattern, const std::vector<Token>& tokens, size_t i) {
  for (size_t j = 0; j < pattern.terms.size(); ++j) {
    const size_t at = i + pattern.offsets[j];
    if (at >= tokens.size() || tokens[at].term != pattern.terms[j]) return false;
  }
  return true;
}

// Marks the tokens of every occurrence of every pattern; returns how many
// patterns occur at least once.
size_t MarkOccurrences(const Patterns& patterns, const std::vector<Token>& tokens,
                       std::vector<bool>* marked) {
  marked->assign(tokens.size(), false);
  size_t found = 0;
  for (const HighlightPattern& pattern : patterns) {
    bool seen = false;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (!OccursAt(pattern, tokens, i)) continue;
      seen = true;
      for (Position offset : pattern.offsets) (*marked)[i + offset] = true;
    }
    found += seen;
  }
  return found;
}

// The query words of `passage`, as byte ranges of it.
std::vector<ByteRange> FindHighlights(std::string_view passage, const Patterns& patterns,
                                      Analyzer* analyzer) {
  std::vector<Token> tokens;
  analyzer->Analyze(passage, 0, &tokens);
  std::vector<bool> marked;
  MarkOccurrences(patterns, tokens, &marked);
  std::vector<ByteRange> ranges;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (marked[i]) ranges.emplace_back(tokens[i].start, tokens[i].end);
  }
  return ranges;
}

// For --unit doc: the passage of `doc` where the most of the query's words
// and phrases occur (the earliest on ties).
PassageId BestPassage(const Segment& segment, DocId doc, std::string_view text,
                      std::string_view title, const Patterns& patterns, Analyzer* analyzer) {
  const DocumentRecord record = segment.documents().Get(doc);
  PassageId best = record.first_passage;
  size_t best_count = 0;
  std::vector<Token> tokens;
  std::vector<bool> marked;
  for (PassageId p = record.first_passage; p < record.first_passage + record.passage_count; ++p) {
    tokens.clear();
    analyzer->Analyze(PassageText(segment.passages().Get(p), text, title), 0, &tokens);
    const size_t count = MarkOccurrences(patterns, tokens, &marked);
    if (count > best_count) {
      best = p;
      best_count = count;
    }
  }
  return best;
}

absl::StatusOr<ResultView> Present(const Segment& segment, const Hit& hit, Unit unit,
                                   const Patterns& patterns, Analyzer* analyzer) {
  const DocId doc = unit == Unit::kDocument ? hit.unit : segment.passages().Get(hit.unit).doc;
  const DocumentRecord record = segment.documents().Get(doc);
  const DocumentMeta meta = segment.documents().Meta(doc);
  ASSIGN_OR_RETURN(std::string text, segment.stored_text().Get(doc));
  const PassageId passage = unit == Unit::kDocument
                                ? BestPassage(segment, doc, text, meta.title, patterns, analyzer)
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
  view.highlights = FindHighlights(view.text, patterns, analyzer);
  return view;
}

}  // namespace

absl::StatusOr<std::vector<ResultView>> PresentResults(const IndexReader& index,
                                                       const SearchResults& results, Unit unit,
                                                       Analyzer* analyzer) {
  std::vector<ResultView> views;
  for (const Hit& hit : results.hits) {
    ASSIGN_OR_RETURN(ResultView view, Present(*index.segments()[hit.segment], hit, unit,
                                              results.query.highlights, analyzer));
    view.rank = views.size() + 1;
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace syndex
