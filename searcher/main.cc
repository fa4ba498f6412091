// The `searcher` program: answers queries over a syndex index.
//
//   searcher --index DIR                      interactive prompt (on a terminal)
//   searcher --index DIR --query Q            one query
//   searcher --index DIR --batch FILE         a file of queries
// Options: -k N, --unit passage|doc, --format text|json|trec, --output FILE,
// --and, --k1 X, --b X, --no-group, --include-boilerplate, --outlet-weight W,
// --expand, --no-verify, --threads N, --timings, --exhaustive. See README.md
// and docs/QUERY.md.
// Exit status: 0 on success, 1 on an error (including any bad query), 2 on
// bad usage.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>
#include <thread>

#include "absl/strings/numbers.h"
#include "common/command_line.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "searcher/batch_runner.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/prompt.h"
#include "searcher/query_error.h"
#include "searcher/query_file.h"
#include "searcher/search_session.h"
#include "searcher/synonym_map.h"

namespace syndex {
namespace {

constexpr char kUsage[] =
    "usage: searcher --index DIR [--query Q | --batch FILE] [options]\n"
    "  --query Q           answer one query\n"
    "  --batch FILE        answer a file of queries: one per line, qid<TAB>query,\n"
    "                      or BEIR queries.jsonl; without --query or --batch,\n"
    "                      a terminal gets a prompt and a pipe is read as a batch\n"
    "  --threads N         answer a batch on N threads (default: one per core);\n"
    "                      the output is the same, in input order\n"
    "  --timings           at the end, print to stderr the number of queries,\n"
    "                      their p50/p95/p99/mean latency in ms and queries/s\n"
    "  -k N                results per query (default 10)\n"
    "  --unit passage|doc  rank passages (default) or whole documents\n"
    "  --format text|json|trec   output format (default text)\n"
    "  --output FILE       write results to FILE instead of standard output\n"
    "  --and               bare words must all match (default: any, ranked)\n"
    "  --k1 X, --b X       BM25 parameters (default 1.5 and 0.6)\n"
    "  --no-group          list every occurrence of a text; by default copies and\n"
    "                      near-duplicates of a passage (or near-duplicate articles\n"
    "                      with --unit doc) are one result, with the outlets that\n"
    "                      carried it (trec output is never grouped)\n"
    "  --expand            text output: show each result's variants (its group's\n"
    "                      other texts) as word diffs\n"
    "  --explain           show why each result scores what it does: every part\n"
    "                      of the score, the phrasing class, the words matched\n"
    "  --include-boilerplate  rank outlets' boilerplate passages too (default: not)\n"
    "  --exhaustive        score every matching unit instead of skipping those that\n"
    "                      cannot enter the top k: the same results, an exact count\n"
    "  --outlet-weight W   favour texts carried by many outlets: scores are\n"
    "                      multiplied by 1 + W * ln(outlets); W >= 0 (default 0)\n"
    "  --proximity W       weight of the proximity bonus for query words close\n"
    "                      together (BM25TP, docs/QUERY.md); 0 turns it off\n"
    "                      (default 0.3)\n"
    "  --proximity-distance D  words further apart than D positions earn no\n"
    "                      proximity bonus (default 10)\n"
    "  --phrasings         the whole query is a phrasings query: every phrasing\n"
    "                      of its words, closest first (as ~\"...\")\n"
    "  --synonyms FILE     synonyms for phrasings queries (docs/SYNONYMS.md);\n"
    "                      default: the built-in news list\n"
    "  --no-synonyms       phrasings queries use no synonyms\n"
    "  --synonym-weight W  a synonym's share of a word's weight, 0..1 (default 0.5)\n"
    "  --phrasing-gap N    gapped and reordered phrasings: at most N words\n"
    "                      inserted (default 3)\n"
    "  --no-verify         skip checksum verification of index files on open\n";

// The most --threads accepted: more is surely a typing mistake.
constexpr size_t kMaxThreads = 1024;

// --outlet-weight: a finite number >= 0 (CommandLine::GetNumber lets
// "nan" through its range check).
absl::StatusOr<double> ReadOutletWeight(const CommandLine& cl) {
  const auto weight = cl.GetNumber("outlet-weight", 0, 0, std::numeric_limits<double>::max());
  if (!weight.ok() || !std::isfinite(*weight)) {
    return absl::InvalidArgumentError(
        StrCat("--outlet-weight must be a number >= 0, not \"", cl.Get("outlet-weight"), "\""));
  }
  return *weight;
}

absl::StatusOr<SessionSettings> ReadSettings(const CommandLine& cl, bool to_terminal) {
  SessionSettings settings;
  ASSIGN_OR_RETURN(double k, cl.GetNumber("k", 10, 1, 1e6));
  settings.search.k = static_cast<size_t>(k);
  ASSIGN_OR_RETURN(settings.search.bm25.k1, cl.GetNumber("k1", Bm25Params{}.k1, 0, 100));
  ASSIGN_OR_RETURN(settings.search.bm25.b, cl.GetNumber("b", Bm25Params{}.b, 0, 1));
  const std::string unit = cl.Get("unit", "passage");
  if (unit != "passage" && unit != "doc") {
    return absl::InvalidArgumentError(StrCat("--unit must be passage or doc, not \"", unit, "\""));
  }
  settings.search.unit = unit == "doc" ? Unit::kDocument : Unit::kPassage;
  const auto format = ParseOutputFormat(cl.Get("format", "text"));
  if (!format) {
    return absl::InvalidArgumentError(
        StrCat("--format must be text, json or trec, not \"", cl.Get("format"), "\""));
  }
  settings.format = *format;
  if (cl.Has("and")) settings.search.parse.default_operator = ParseOptions::DefaultOperator::kAnd;
  // A TREC run ranks every document on its own passages (relevance judgments
  // judge each copy), so it is never grouped.
  settings.search.group = !cl.Has("no-group") && settings.format != OutputFormat::kTrec;
  settings.search.include_boilerplate = cl.Has("include-boilerplate");
  settings.search.exhaustive = cl.Has("exhaustive");
  ASSIGN_OR_RETURN(settings.search.outlet_weight, ReadOutletWeight(cl));
  ASSIGN_OR_RETURN(settings.search.proximity.weight,
                   cl.GetNumber("proximity", ProximityParams{}.weight, 0, 100));
  ASSIGN_OR_RETURN(double distance,
                   cl.GetNumber("proximity-distance", ProximityParams{}.max_distance, 1, 1000));
  settings.search.proximity.max_distance = static_cast<uint32_t>(distance);
  settings.search.parse.phrasings = cl.Has("phrasings");
  ASSIGN_OR_RETURN(settings.search.phrasings.synonym_weight,
                   cl.GetNumber("synonym-weight", PhrasingParams{}.synonym_weight, 0, 1));
  ASSIGN_OR_RETURN(double gap, cl.GetNumber("phrasing-gap", PhrasingParams{}.max_gap, 0, 100));
  settings.search.phrasings.max_gap = static_cast<uint32_t>(gap);
  settings.expand = cl.Has("expand");
  settings.explain = cl.Has("explain");
  settings.style = to_terminal ? HighlightStyle::kAnsi : HighlightStyle::kBrackets;
  return settings;
}

// --threads N: a whole number from 1 to kMaxThreads; by default one a core.
absl::StatusOr<BatchOptions> ReadBatchOptions(const CommandLine& cl) {
  BatchOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());  // 0 if unknown
  if (!cl.Has("threads")) return options;
  if (!absl::SimpleAtoi(cl.Get("threads"), &options.threads) || options.threads < 1 ||
      options.threads > kMaxThreads) {
    return absl::InvalidArgumentError(StrCat("--threads must be a whole number from 1 to ",
                                             kMaxThreads, ", not \"", cl.Get("threads"), "\""));
  }
  return options;
}

// The synonyms of --synonyms FILE, none with --no-synonyms, or the
// built-in news list.
absl::StatusOr<SynonymMap> LoadSynonyms(const CommandLine& cl) {
  Analyzer analyzer;
  if (cl.Has("no-synonyms")) return SynonymMap();
  if (cl.Has("synonyms")) return SynonymMap::Load(cl.Get("synonyms"), &analyzer);
  return SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer);
}

// How the queries of --query, --batch or standard input are answered.
struct Answering {
  const IndexReader* index = nullptr;
  SessionSettings settings;
  BatchOptions batch;  // one thread for --query
  bool timings = false;
};

void ReportQueryError(const QueryLine& q, const absl::Status& status) {
  std::cerr << "searcher: query " << q.id << (q.line ? StrCat(" (line ", q.line, ")") : "") << ": "
            << DescribeQueryError(q.text, status);
}

// Runs every query, writing the results to `out` in input order; a bad
// query is reported on stderr and the others still run, but a damaged index
// or a failed write stops the batch. Returns 1 if any query failed.
int RunQueries(const std::vector<QueryLine>& queries, const Answering& answering,
               std::ostream& out) {
  const BatchStats stats =
      RunBatch(answering.index, answering.settings, queries, answering.batch,
               [&out](const QueryLine& q, const QueryOutcome& outcome) {
                 if (outcome.status.ok()) return static_cast<bool>(out << outcome.output);
                 ReportQueryError(q, outcome.status);
                 return absl::IsInvalidArgument(outcome.status);  // else a damaged index
               });
  out.flush();
  if (answering.timings) std::cerr << TimingsReport(stats);
  if (!out) {
    std::cerr << "searcher: error: cannot write the results\n";
    return 1;
  }
  return stats.failed > 0 ? 1 : 0;
}

absl::StatusOr<std::vector<QueryLine>> QueriesFrom(const CommandLine& cl) {
  if (cl.Has("query")) return std::vector<QueryLine>{{"1", cl.Get("query"), 0}};
  if (cl.Has("batch")) return ReadQueryFile(cl.Get("batch"));
  std::string contents((std::istreambuf_iterator<char>(std::cin)),
                       std::istreambuf_iterator<char>());
  return ParseQueryFile("<stdin>", contents);
}

// The flags, checked: usage errors (exit status 2) as a status.
absl::Status CheckUsage(const CommandLine& cl) {
  if (!cl.Has("index")) return absl::InvalidArgumentError("--index DIR is required");
  if (!cl.positional().empty()) {
    return absl::InvalidArgumentError(StrCat("unexpected argument \"", cl.positional()[0], "\""));
  }
  return absl::OkStatus();
}

// Answers the queries of --query, --batch or standard input into --output
// or standard output.
int AnswerQueries(const CommandLine& cl, Answering answering) {
  auto queries = QueriesFrom(cl);
  if (!queries.ok()) {
    std::cerr << "searcher: error: " << queries.status().message() << "\n";
    return 1;
  }
  if (cl.Has("query")) answering.batch.threads = 1;
  answering.timings = cl.Has("timings");
  if (!cl.Has("output")) return RunQueries(*queries, answering, std::cout);
  std::ofstream out(cl.Get("output"), std::ios::binary | std::ios::trunc);
  if (!out) {
    std::cerr << "searcher: error: cannot create " << cl.Get("output") << "\n";
    return 1;
  }
  return RunQueries(*queries, answering, out);
}

int Run(int argc, char** argv) {
  CommandLine cl({{"index", true},        {"query", true},
                  {"batch", true},        {"threads", true},
                  {"timings", false},     {"k", true},
                  {"unit", true},         {"format", true},
                  {"output", true},       {"and", false},
                  {"k1", true},           {"b", true},
                  {"no-group", false},    {"include-boilerplate", false},
                  {"exhaustive", false},  {"outlet-weight", true},
                  {"proximity", true},    {"proximity-distance", true},
                  {"phrasings", false},   {"synonyms", true},
                  {"no-synonyms", false}, {"synonym-weight", true},
                  {"phrasing-gap", true}, {"expand", false},
                  {"explain", false},     {"no-verify", false},
                  {"help", false}},
                 {{"k", "k"}, {"q", "query"}, {"h", "help"}});
  absl::Status status = cl.Parse(argc, argv, 1);
  if (status.ok() && cl.Has("help")) return std::cout << kUsage, 0;
  if (status.ok()) status = CheckUsage(cl);
  auto settings = ReadSettings(cl, !cl.Has("output") && ::isatty(STDOUT_FILENO));
  if (status.ok()) status = settings.status();
  auto batch = ReadBatchOptions(cl);
  if (status.ok()) status = batch.status();
  if (!status.ok()) {
    std::cerr << "searcher: " << status.message() << "\n" << kUsage;
    return 2;
  }
  IndexReader::Options open_options;
  open_options.verify_checksums = !cl.Has("no-verify");
  auto index = IndexReader::Open(cl.Get("index"), open_options);
  if (!index.ok()) {
    std::cerr << "searcher: error: " << index.status().message() << "\n";
    return 1;
  }
  auto synonyms = LoadSynonyms(cl);
  if (!synonyms.ok()) {
    std::cerr << "searcher: error: " << synonyms.status().message() << "\n";
    return 1;
  }
  settings->search.synonyms = &*synonyms;
  if (!cl.Has("query") && !cl.Has("batch") && ::isatty(STDIN_FILENO)) {
    IndexFollower follower(std::move(*index), open_options);
    SearchSession session(&follower.current(), *settings);
    return RunPrompt(&follower, &session);
  }
  return AnswerQueries(cl, {index->get(), *settings, *batch});
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Run(argc, argv); }
