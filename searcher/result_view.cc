#include "searcher/result_view.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/status_macros.h"
#include "searcher/passage_text.h"
#include "searcher/word_diff.h"

namespace syndex {
namespace {

using Patterns = std::vector<HighlightPattern>;

// Where a segment's ids start in the index-wide numbering of cluster_id.
struct SegmentBase {
  uint64_t passage = 0;
  uint64_t document = 0;
};

std::vector<SegmentBase> SegmentBases(const IndexReader& index) {
  std::vector<SegmentBase> bases;
  SegmentBase next;
  for (const auto& segment : index.segments()) {
    bases.push_back(next);
    next.passage += segment->passages().size();
    next.document += segment->documents().size();
  }
  return bases;
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
absl::StatusOr<PassageId> BestPassage(const Segment& segment, DocId doc, const Patterns& patterns,
                                      Analyzer* analyzer, PassageTextReader* texts) {
  const DocumentRecord record = segment.documents().Get(doc);
  PassageId best = record.first_passage;
  size_t best_count = 0;
  std::vector<Token> tokens;
  std::vector<bool> marked;
  for (PassageId p = record.first_passage; p < record.first_passage + record.passage_count; ++p) {
    ASSIGN_OR_RETURN(std::string_view text, texts->Text(p));
    tokens.clear();
    analyzer->Analyze(text, 0, &tokens);
    const size_t count = MarkOccurrences(patterns, tokens, &marked);
    if (count > best_count) {
      best = p;
      best_count = count;
    }
  }
  return best;
}

Carrier CarrierOf(const Segment& segment, DocId doc) {
  const DocumentMeta meta = segment.documents().Meta(doc);
  return {std::string(segment.documents().OutletName(segment.documents().Get(doc).outlet)),
          std::string(meta.date), std::string(meta.id)};
}

// The carriers of `docs`, by date (undated last), outlet and id.
std::vector<Carrier> Carriers(const Segment& segment, const std::set<DocId>& docs) {
  std::vector<Carrier> carriers;
  for (DocId d : docs) carriers.push_back(CarrierOf(segment, d));
  std::sort(carriers.begin(), carriers.end(), [](const Carrier& a, const Carrier& b) {
    return std::forward_as_tuple(a.date.empty(), a.date, a.name, a.doc_id) <
           std::forward_as_tuple(b.date.empty(), b.date, b.name, b.doc_id);
  });
  return carriers;
}

size_t DistinctNames(const std::vector<Carrier>& carriers) {
  std::set<std::string_view> names;
  for (const Carrier& c : carriers) names.insert(c.name);
  return names.size();
}

// Fills the group fields of a passage result: its passage group's members,
// and the group's texts other than its own.
absl::Status DescribePassageGroup(const Segment& segment, PassageId passage, uint64_t base,
                                  PassageTextReader* texts, ResultView* view) {
  const PassageTable& passages = segment.passages();
  const uint32_t group = passages.Get(passage).group;
  if (group == format::kNoGroup) {
    view->cluster_id = base + passage;
    view->outlets = {CarrierOf(segment, passages.Get(passage).doc)};
    view->outlet_count = 1;
    return absl::OkStatus();
  }
  const std::vector<GroupMember> members = passages.Members(group);
  view->cluster_id = base + members.front().passage;
  std::set<DocId> docs;
  std::map<PassageId, std::set<DocId>> docs_by_content;  // in index order
  for (const GroupMember& m : members) {
    if (segment.IsPassageDeleted(m.passage)) continue;
    const DocId doc = passages.Get(m.passage).doc;
    docs.insert(doc);
    docs_by_content[m.content].insert(doc);
  }
  view->outlets = Carriers(segment, docs);
  view->outlet_count = segment.GroupOutletCount(group);
  const PassageId own = passages.ContentOf(passage);
  for (const auto& [content, carriers] : docs_by_content) {
    if (content == own) continue;
    ASSIGN_OR_RETURN(std::string_view text, texts->Text(content));
    view->variants.push_back(
        {std::string(text), WordDiff(view->text, text), Carriers(segment, carriers)});
  }
  return absl::OkStatus();
}

// Fills the group fields of a document result: its near-duplicate cluster,
// one variant per set of exact duplicates other than its own.
void DescribeDocumentCluster(const Segment& segment, DocId doc, uint64_t base, ResultView* view) {
  const DocumentTable& documents = segment.documents();
  view->cluster_id = base + documents.Get(doc).cluster;
  std::set<DocId> docs;
  std::map<DocId, std::set<DocId>> docs_by_canonical;
  for (DocId d : documents.ClusterOf(doc)) {
    if (segment.IsDeleted(d)) continue;
    docs.insert(d);
    docs_by_canonical[documents.Get(d).canonical].insert(d);
  }
  docs.insert(doc);  // a damaged cluster list must not lose the result itself
  view->outlets = Carriers(segment, docs);
  view->outlet_count = DistinctNames(view->outlets);
  const DocId own = documents.Get(doc).canonical;
  for (const auto& [canonical, carriers] : docs_by_canonical) {
    if (canonical == own) continue;
    const std::string_view title = documents.Meta(canonical).title;
    view->variants.push_back(
        {std::string(title), WordDiff(view->title, title), Carriers(segment, carriers)});
  }
}

// The synonyms among `text`'s words, in text order, once each.
std::vector<SynonymUse> SynonymsIn(std::string_view text,
                                   const std::vector<PhrasingPattern>& phrasings,
                                   Analyzer* analyzer) {
  std::vector<Token> tokens;
  analyzer->Analyze(text, 0, &tokens);
  std::vector<SynonymUse> uses;
  for (const Token& token : tokens) {
    for (const PhrasingPattern& pattern : phrasings) {
      for (const auto& synonym : pattern.synonyms) {
        if (synonym.term != token.term) continue;
        SynonymUse use{std::string(text.substr(token.start, token.end - token.start)),
                       pattern.words[synonym.of_word].normalized};
        if (std::find(uses.begin(), uses.end(), use) == uses.end()) uses.push_back(use);
      }
    }
  }
  return uses;
}

// The phrasing fields of a result of a phrasings query.
void DescribePhrasing(const Hit& hit, const std::vector<PhrasingPattern>& phrasings,
                      Analyzer* analyzer, ResultView* view) {
  if (phrasings.empty()) return;
  view->phrasing = PhrasingClassName(ClassOfTier(hit.tier));
  view->coverage = CoverageOfTier(hit.tier);
  for (const auto& w : phrasings[0].words) view->content_words += w.content;
  view->synonyms = SynonymsIn(view->text, phrasings, analyzer);
}

absl::StatusOr<ResultView> Present(const Segment& segment, const SegmentBase& base, const Hit& hit,
                                   Unit unit, const Patterns& patterns,
                                   const std::vector<PhrasingPattern>& phrasings,
                                   Analyzer* analyzer) {
  const DocId doc = unit == Unit::kDocument ? hit.unit : segment.passages().Get(hit.unit).doc;
  const DocumentRecord record = segment.documents().Get(doc);
  const DocumentMeta meta = segment.documents().Meta(doc);
  PassageTextReader texts(segment);
  PassageId passage = hit.unit;
  if (unit == Unit::kDocument) {
    ASSIGN_OR_RETURN(passage, BestPassage(segment, doc, patterns, analyzer, &texts));
  }
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
  ASSIGN_OR_RETURN(std::string_view text, texts.Text(passage));
  view.text = text;
  view.highlights = FindHighlights(view.text, patterns, analyzer);
  DescribePhrasing(hit, phrasings, analyzer, &view);
  if (unit == Unit::kDocument) {
    DescribeDocumentCluster(segment, doc, base.document, &view);
  } else {
    RETURN_IF_ERROR(DescribePassageGroup(segment, passage, base.passage, &texts, &view));
  }
  return view;
}

// What a TREC run needs of a hit: its document's id and its score.
ResultView PresentIdOnly(const Segment& segment, const Hit& hit, Unit unit) {
  const DocId doc = unit == Unit::kDocument ? hit.unit : segment.passages().Get(hit.unit).doc;
  ResultView view;
  view.score = hit.score;
  view.doc_id = segment.documents().Meta(doc).id;
  return view;
}

}  // namespace

absl::StatusOr<std::vector<ResultView>> PresentResults(const IndexReader& index,
                                                       const SearchResults& results, Unit unit,
                                                       Analyzer* analyzer, Presentation what) {
  const std::vector<SegmentBase> bases = SegmentBases(index);
  std::vector<ResultView> views;
  for (const Hit& hit : results.hits) {
    const Segment& segment = *index.segments()[hit.segment];
    ResultView view;
    if (what == Presentation::kIdsOnly) {
      view = PresentIdOnly(segment, hit, unit);
    } else {
      ASSIGN_OR_RETURN(view, Present(segment, bases[hit.segment], hit, unit,
                                     results.query.highlights, results.query.phrasings, analyzer));
    }
    view.rank = views.size() + 1;
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace syndex
