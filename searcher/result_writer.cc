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

void WriteText(const QueryResults& r, const OutputOptions& options, std::string* out) {
  StrAppend(out, "query ", r.query_id, ": ", r.query, "  (", r.matches, " matching, ",
            r.views.size(), " shown)\n");
  for (const ResultView& v : r.views) {
    StrAppend(out, v.rank, ". ", FormatScore(v.score), "  ", ShownOutlet(v.outlet));
    if (!v.date.empty()) StrAppend(out, " · ", v.date);
    StrAppend(out, " · ", v.doc_id, " · passage ", v.passage, v.in_title ? " (title)" : "", " [",
              v.start, "-", v.end, ")\n");
    if (!v.title.empty()) StrAppend(out, "   ", v.title, "\n");
    StrAppend(out, "   ", RenderSnippet(v.text, v.highlights, options.style), "\n");
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
