#include "searcher/result_writer.h"

#include <cstdio>

#include "absl/container/flat_hash_set.h"
#include "common/json_string.h"
#include "common/str_cat.h"

namespace syndex {
namespace {

std::string FormatScore(Score score) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", static_cast<double>(score));
  return buffer;
}

// At most this many outlets are named on a line; the rest are counted.
constexpr size_t kOutletsListed = 8;

std::string_view ShownOutlet(const std::string& name) {
  return name.empty() ? "(no outlet)" : std::string_view(name);
}

// "A (date), B, C (date), and 2 more": distinct outlet names in the order
// of `carriers` (by date, so each with its earliest date).
std::string ListOutlets(const std::vector<Carrier>& carriers) {
  absl::flat_hash_set<std::string_view> named;
  std::string list;
  size_t unlisted = 0;
  for (const Carrier& c : carriers) {
    if (!named.insert(c.name).second) continue;
    if (named.size() > kOutletsListed) {
      ++unlisted;
      continue;
    }
    StrAppend(&list, list.empty() ? "" : ", ", ShownOutlet(c.name));
    if (!c.date.empty()) StrAppend(&list, " (", c.date, ")");
  }
  if (unlisted > 0) StrAppend(&list, ", and ", unlisted, " more");
  return list;
}

std::string Plural(size_t n, std::string_view word) {
  return StrCat(n, " ", word, n == 1 ? "" : "s");
}

// Who carried a grouped result, and its variants. Nothing for a result
// alone in its group: its header line already names its outlet and date.
void WriteGroup(const ResultView& v, bool expand, std::string* out) {
  if (v.outlets.size() < 2 && v.variants.empty()) return;
  StrAppend(out, "   carried by ", Plural(v.outlet_count, "outlet"));
  if (v.outlets.size() != v.outlet_count) {
    StrAppend(out, " in ", Plural(v.outlets.size(), "article"));
  }
  StrAppend(out, ": ", ListOutlets(v.outlets), "\n");
  if (v.variants.empty()) return;
  if (expand) return WriteVariants(v, out);
  StrAppend(out, "   +", Plural(v.variants.size(), "variant"), " (--expand to show)\n");
}

std::string FormatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", value);
  return buffer;
}

// "   phrasing: partial, 1.5 of 3 words; synonyms: serious (for severe)"
void WritePhrasing(const ResultView& v, std::string* out) {
  if (v.phrasing.empty()) return;
  StrAppend(out, "   phrasing: ", v.phrasing, ", ", FormatNumber(v.coverage), " of ",
            Plural(v.content_words, "word"));
  for (size_t i = 0; i < v.synonyms.size(); ++i) {
    StrAppend(out, i ? ", " : "; synonyms: ", v.synonyms[i].word, " (for ", v.synonyms[i].of, ")");
  }
  out->push_back('\n');
}

void WriteText(const QueryResults& r, const OutputOptions& options, std::string* out) {
  StrAppend(out, "query ", r.query_id, ": ", r.query, "  (", r.matches_exact ? "" : "at least ",
            r.matches, " matching, ", r.views.size(), " shown)\n");
  for (const ResultView& v : r.views) {
    StrAppend(out, v.rank, ". ", FormatScore(v.score), "  ", ShownOutlet(v.outlet));
    if (!v.date.empty()) StrAppend(out, " · ", v.date);
    StrAppend(out, " · ", v.doc_id, " · passage ", v.passage, v.in_title ? " (title)" : "", " [",
              v.start, "-", v.end, ")\n");
    if (!v.title.empty()) StrAppend(out, "   ", v.title, "\n");
    StrAppend(out, "   ", RenderSnippet(v.text, v.highlights, options.style), "\n");
    WritePhrasing(v, out);
    if (v.explanation) WriteExplanation(v, out);
    if (options.grouped) WriteGroup(v, options.expand, out);
  }
  out->push_back('\n');
}

void AppendJsonCarriers(const std::vector<Carrier>& carriers, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < carriers.size(); ++i) {
    out->append(i ? ", {\"name\": " : "{\"name\": ");
    AppendJsonString(carriers[i].name, out);
    out->append(", \"date\": ");
    AppendJsonString(carriers[i].date, out);
    out->append(", \"doc_id\": ");
    AppendJsonString(carriers[i].doc_id, out);
    out->push_back('}');
  }
  out->push_back(']');
}

// The group fields of a JSON result: cluster_id, outlets, outlet_count and
// variants.
void AppendJsonGroup(const ResultView& v, std::string* out) {
  StrAppend(out, ", \"cluster_id\": ", v.cluster_id, ", \"outlets\": ");
  AppendJsonCarriers(v.outlets, out);
  StrAppend(out, ", \"outlet_count\": ", v.outlet_count, ", \"variants\": [");
  for (size_t i = 0; i < v.variants.size(); ++i) {
    out->append(i ? ", {\"text\": " : "{\"text\": ");
    AppendJsonString(v.variants[i].text, out);
    out->append(", \"diff\": ");
    AppendJsonString(v.variants[i].diff, out);
    out->append(", \"outlets\": ");
    AppendJsonCarriers(v.variants[i].outlets, out);
    out->push_back('}');
  }
  out->push_back(']');
}

void AppendJsonPhrasing(const ResultView& v, std::string* out) {
  if (v.phrasing.empty()) return;
  out->append(", \"phrasing\": {\"class\": ");
  AppendJsonString(v.phrasing, out);
  StrAppend(out, ", \"coverage\": ", FormatNumber(v.coverage),
            ", \"content_words\": ", v.content_words, ", \"synonyms\": [");
  for (size_t i = 0; i < v.synonyms.size(); ++i) {
    out->append(i ? ", {\"word\": " : "{\"word\": ");
    AppendJsonString(v.synonyms[i].word, out);
    out->append(", \"of\": ");
    AppendJsonString(v.synonyms[i].of, out);
    out->push_back('}');
  }
  out->append("]}");
}

void AppendJsonExplanation(const Explanation& e, std::string* out) {
  out->append(", \"explain\": {\"parts\": [");
  for (size_t i = 0; i < e.parts.size(); ++i) {
    out->append(i ? ", {\"what\": " : "{\"what\": ");
    AppendJsonString(e.parts[i].what, out);
    StrAppend(out, ", \"value\": ", FormatNumber(e.parts[i].value), ", \"detail\": ");
    AppendJsonString(e.parts[i].detail, out);
    out->push_back('}');
  }
  StrAppend(out, "], \"multiplier\": ", FormatNumber(e.multiplier), ", \"multiplier_detail\": ");
  AppendJsonString(e.multiplier_detail, out);
  StrAppend(out, ", \"total\": ", FormatNumber(e.Total()), ", \"matches\": [");
  for (size_t i = 0; i < e.matches.size(); ++i) {
    const WordMatch& m = e.matches[i];
    out->append(i ? ", {\"term\": " : "{\"term\": ");
    AppendJsonString(m.term, out);
    out->append(", \"word\": ");
    AppendJsonString(m.word, out);
    StrAppend(out, ", \"passage\": ", m.passage, ", \"position\": ", m.position,
              ", \"synonym\": ", m.synonym ? "true" : "false", "}");
  }
  out->append("]}");
}

void WriteJson(const QueryResults& r, std::string* out) {
  for (const ResultView& v : r.views) {
    out->append("{\"query_id\": ");
    AppendJsonString(r.query_id, out);
    StrAppend(out, ", \"rank\": ", v.rank, ", \"score\": ", FormatScore(v.score), ", \"doc_id\": ");
    AppendJsonString(v.doc_id, out);
    out->append(", \"outlet\": ");
    AppendJsonString(v.outlet, out);
    out->append(", \"title\": ");
    AppendJsonString(v.title, out);
    out->append(", \"date\": ");
    AppendJsonString(v.date, out);
    out->append(", \"url\": ");
    AppendJsonString(v.url, out);
    StrAppend(out, ", \"passage\": ", v.passage, ", \"start\": ", v.start, ", \"end\": ", v.end,
              ", \"in_title\": ", v.in_title ? "true" : "false", ", \"snippet\": ");
    AppendJsonString(RenderSnippet(v.text, v.highlights, HighlightStyle::kBrackets), out);
    AppendJsonGroup(v, out);
    AppendJsonPhrasing(v, out);
    if (v.explanation) AppendJsonExplanation(*v.explanation, out);
    out->append("}\n");
  }
}

void WriteTrec(const QueryResults& r, std::string* out) {
  absl::flat_hash_set<std::string> seen;
  size_t rank = 0;
  for (const ResultView& v : r.views) {
    if (!seen.insert(v.doc_id).second) continue;
    StrAppend(out, r.query_id, " Q0 ", v.doc_id, " ", ++rank, " ", FormatScore(v.score),
              " syndex\n");
  }
}

}  // namespace

void WriteExplanation(const ResultView& view, std::string* out) {
  const Explanation& e = *view.explanation;
  StrAppend(out, "   explain: score ", FormatNumber(e.Total()),
            e.multiplier != 1 ? " = (sum of parts) × multiplier\n" : " = sum of parts\n");
  for (const ScorePart& part : e.parts) {
    StrAppend(out, "     + ", FormatNumber(part.value), "  ", part.what, ": ", part.detail, "\n");
  }
  if (e.multiplier != 1) {
    StrAppend(out, "     × ", FormatNumber(e.multiplier), "  outlets: ", e.multiplier_detail, "\n");
  }
  if (!e.phrasing.empty()) {
    StrAppend(out, "     phrasing: ", e.phrasing, ", coverage ", FormatNumber(e.coverage), "\n");
  }
  StrAppend(out, "     words:");
  for (const WordMatch& m : e.matches) {
    StrAppend(out, " ", m.term, "→\"", m.word, "\"", m.synonym ? " (synonym)" : "", " @", m.passage,
              ":", m.position, ";");
  }
  out->push_back('\n');
}

std::optional<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "text") return OutputFormat::kText;
  if (name == "json") return OutputFormat::kJson;
  if (name == "trec") return OutputFormat::kTrec;
  return std::nullopt;
}

void WriteResults(const QueryResults& results, const OutputOptions& options, std::string* out) {
  switch (options.format) {
    case OutputFormat::kText:
      return WriteText(results, options, out);
    case OutputFormat::kJson:
      return WriteJson(results, out);
    case OutputFormat::kTrec:
      return WriteTrec(results, out);
  }
}

void WriteVariants(const ResultView& view, std::string* out) {
  for (size_t i = 0; i < view.variants.size(); ++i) {
    const Variant& variant = view.variants[i];
    StrAppend(out, "   variant ", i + 1, " · ", ListOutlets(variant.outlets), ": ", variant.diff,
              "\n");
  }
}

}  // namespace syndex
