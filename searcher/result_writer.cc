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

void WriteText(const QueryResults& r, HighlightStyle style, std::string* out) {
  StrAppend(out, "query ", r.query_id, ": ", r.query, "  (", r.matches, " matching, ",
            r.views.size(), " shown)\n");
  for (const ResultView& v : r.views) {
    StrAppend(out, v.rank, ". ", FormatScore(v.score), "  ",
              v.outlet.empty() ? "(no outlet)" : v.outlet);
    if (!v.date.empty()) StrAppend(out, " · ", v.date);
    StrAppend(out, " · ", v.doc_id, " · passage ", v.passage, v.in_title ? " (title)" : "", " [",
              v.start, "-", v.end, ")\n");
    if (!v.title.empty()) StrAppend(out, "   ", v.title, "\n");
    StrAppend(out, "   ", RenderSnippet(v.text, v.highlights, style), "\n");
  }
  out->push_back('\n');
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

void WriteResults(const QueryResults& results, OutputFormat format, HighlightStyle style,
                  std::string* out) {
  switch (format) {
    case OutputFormat::kText:
      return WriteText(results, style, out);
    case OutputFormat::kJson:
      return WriteJson(results, out);
    case OutputFormat::kTrec:
      return WriteTrec(results, out);
  }
}

}  // namespace syndex
