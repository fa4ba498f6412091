// phrasing_recall: does a news sentence find its paraphrase? The recall of
// paraphrase partners under plain BM25, BM25 with proximity, and phrasings.
//
//   syndex_phrasing_recall [--data DIR] [--k 10] [--k1 X] [--b X] [--json FILE]
//
// DIR (default ../shared/phrasing/mrpc-train beside the source tree; skipped
// with a message when absent) holds the MRPC training set: pairs.tsv (label,
// id1, id2 with a header line; label 1 = same meaning) and sentences.jsonl
// (one article per sentence, in the JSON Lines format `indexer build`
// reads). Every sentence is indexed through the real IndexWriter, dedup on
// as in real use, in a temporary directory. Then, for every pair labelled 1,
// each of its sentences in turn is a query over all sentences, and we look
// for its partner among the top k results. (172 of MRPC's 2753 such pairs
// name a sentence id absent from sentences.jsonl: MRPC's ids are not unique
// and the file keeps one text per id. They are skipped and counted.)
//
// Ranking: documents (Unit::kDocument; a sentence is a one-passage article),
// ungrouped. Grouping would fold a partner that dedup put in the query's
// near-duplicate cluster into one result with the query itself, usually
// shown as the query, which we drop: the partner would be lost for being
// too similar. The query's own sentence is dropped from the results: we ask
// for k + 1 hits and number the others 1..k, so the partner competes for k
// places whether or not the query found itself first.
//
// Query text: the sentence's words as the analyzer splits them
// (Analyzer::NormalizedWords: case-folded, punctuation gone), joined by
// spaces. Such words hold no quote, parenthesis, colon or '*', start with
// no '-' or '+' and are lower case, so none is an operator (no escaping
// needed), and they analyze to the sentence's own terms (checked; a
// mismatch is counted and printed). Every setting gets the same text:
//   bm25            the words ORed, proximity weight 0
//   bm25+prox W     the same with proximity weight W = 0.3, 1, 2 (the
//                   searcher's default is 0.3: docs/EVALUATION.md)
//   phrasings+syn   the words as one phrasings query (ParseOptions::phrasings),
//                   the built-in news synonyms, proximity at its default
//   phrasings       the same without synonyms
// Reported per setting: the queries whose partner is in the top k (count and
// share), the partner's mean reciprocal rank (MRR@k: 0 when not in the top
// k), and the time per query (mean and median of the timed Search calls,
// one thread, after one untimed pass of the first setting that warms the
// caches; the settings take turns per query, in rotating order, so that
// drift in the machine's speed falls on all of them alike). For phrasings
// settings also the phrasing class of the partner when found
// (searcher/phrasing_class.h).
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_format.h"
#include "common/analyzer.h"
#include "common/command_line.h"
#include "common/file_contents.h"
#include "common/json_string.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "indexer/document_source.h"
#include "indexer/index_writer.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/phrasing_class.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"

namespace syndex {
namespace {

using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: syndex_phrasing_recall [--data DIR] [--k K] [--k1 X] [--b X] [--json FILE]\n"
    "  --data DIR   MRPC pairs.tsv and sentences.jsonl (default "
    "../shared/phrasing/mrpc-train)\n"
    "  --k K        partner must be in the top K, query excluded (default 10)\n"
    "  --k1 X, --b X  BM25 parameters of every setting (default: the searcher's)\n"
    "  --json FILE  also write the figures as JSON to FILE\n";

struct Settings {
  std::string data = SYNDEX_SOURCE_DIR "/../shared/phrasing/mrpc-train";
  size_t k = 10;
  Bm25Params bm25;   // of every setting
  std::string json;  // empty: no JSON
  bool help = false;
};

// One query: sentence `self` looks for sentence `partner` (indices into
// the sentences).
struct Query {
  uint32_t self = 0;
  uint32_t partner = 0;
};

struct Corpus {
  std::vector<RawDocument> sentences;
  std::vector<std::string> query_texts;  // one per sentence
  std::vector<Query> queries;
  size_t term_mismatches = 0;  // query texts whose terms differ from the sentence's
  size_t missing_pairs = 0;    // same-meaning pairs naming an absent sentence
};

// A named way of searching.
struct Setting {
  std::string name;
  SearchOptions options;
};

struct Outcome {
  uint32_t found = 0;                         // partner in the top k
  double reciprocal_sum = 0;                  // of the partner's rank, 0 if not in the top k
  uint32_t self_missing = 0;                  // query's own sentence not among the k + 1 hits
  std::array<uint32_t, 7> partner_classes{};  // by PhrasingClass, when found
  std::vector<double> seconds;                // per query
};

absl::StatusOr<std::vector<RawDocument>> ReadSentences(const std::string& path) {
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(path, [](std::string_view warning) {
                     std::fprintf(stderr, "warning: %s\n", std::string(warning).c_str());
                   }));
  std::vector<RawDocument> sentences;
  RawDocument doc;
  while (true) {
    ASSIGN_OR_RETURN(bool more, source->Next(&doc));
    if (!more) break;
    sentences.push_back(doc);
  }
  if (sentences.empty()) return absl::InvalidArgumentError(StrCat(path, ": no sentences"));
  return sentences;
}

// The pairs labelled 1 in pairs.tsv, as sentence indices. A pair naming a
// sentence that is not in sentences.jsonl is skipped and counted in
// *missing (MRPC's ids are not unique, and its sentences file keeps one
// text per id). InvalidArgument naming the line for a malformed line.
absl::StatusOr<std::vector<std::pair<uint32_t, uint32_t>>> ReadSamePairs(
    const std::string& path, const absl::flat_hash_map<std::string, uint32_t>& index_of,
    size_t* missing) {
  ASSIGN_OR_RETURN(const std::string contents, ReadFileContents(path, "pairs file"));
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  size_t line_number = 0;
  for (size_t begin = 0; begin < contents.size();) {
    size_t end = contents.find('\n', begin);
    if (end == std::string::npos) end = contents.size();
    const std::string line = contents.substr(begin, end - begin);
    begin = end + 1;
    ++line_number;
    char label[16], first[64], second[64];
    if (line.empty() || (line_number == 1 && line.rfind("label", 0) == 0)) continue;
    if (std::sscanf(line.c_str(), "%15s %63s %63s", label, first, second) != 3 ||
        (std::string(label) != "0" && std::string(label) != "1")) {
      return absl::InvalidArgumentError(
          StrCat(path, ":", line_number, ": expected LABEL<TAB>ID1<TAB>ID2 with LABEL 0 or 1"));
    }
    if (std::string(label) == "0") continue;
    const auto a = index_of.find(first), b = index_of.find(second);
    if (a == index_of.end() || b == index_of.end()) {
      ++*missing;
    } else {
      pairs.emplace_back(a->second, b->second);
    }
  }
  if (pairs.empty()) return absl::InvalidArgumentError(StrCat(path, ": no usable pair labelled 1"));
  return pairs;
}

// The sentence's words, operator-free (see the file comment).
std::string QueryText(const std::string& text, Analyzer* analyzer) {
  std::string query;
  for (const std::string& word : analyzer->NormalizedWords(text)) {
    if (!query.empty()) query += ' ';
    query += word;
  }
  return query;
}

absl::StatusOr<Corpus> ReadCorpus(const std::string& dir) {
  Corpus corpus;
  ASSIGN_OR_RETURN(corpus.sentences, ReadSentences(dir + "/sentences.jsonl"));
  absl::flat_hash_map<std::string, uint32_t> index_of;
  Analyzer analyzer;
  for (uint32_t i = 0; i < corpus.sentences.size(); ++i) {
    index_of.emplace(corpus.sentences[i].id, i);
    const std::string& text = corpus.sentences[i].text;
    corpus.query_texts.push_back(QueryText(text, &analyzer));
    if (analyzer.Terms(corpus.query_texts.back()) != analyzer.Terms(text)) {
      ++corpus.term_mismatches;
    }
  }
  ASSIGN_OR_RETURN(const auto pairs,
                   ReadSamePairs(dir + "/pairs.tsv", index_of, &corpus.missing_pairs));
  for (const auto& [a, b] : pairs) {
    corpus.queries.push_back({a, b});
    corpus.queries.push_back({b, a});
  }
  return corpus;
}

absl::Status BuildIndex(const std::vector<RawDocument>& sentences, const std::string& dir) {
  ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(dir, IndexWriterOptions{}));
  for (const RawDocument& sentence : sentences) RETURN_IF_ERROR(writer->Add(sentence));
  RETURN_IF_ERROR(writer->Commit());
  if (writer->stats().skipped > 0) {
    std::printf("note: the indexer skipped %llu sentences (no words or a repeated id)\n",
                (unsigned long long)writer->stats().skipped);
  }
  return absl::OkStatus();
}

std::vector<Setting> MakeSettings(const Settings& settings, const SynonymMap* synonyms) {
  SearchOptions base;
  base.unit = Unit::kDocument;
  base.group = false;
  base.k = settings.k + 1;  // the query's own sentence is dropped
  base.bm25 = settings.bm25;
  std::vector<Setting> out;
  for (double weight : {0.0, 0.3, 1.0, 2.0}) {
    Setting s{weight == 0 ? "bm25" : absl::StrFormat("bm25+prox %g", weight), base};
    s.options.proximity.weight = weight;
    out.push_back(s);
  }
  Setting phrasings{"phrasings+syn", base};
  phrasings.options.parse.phrasings = true;
  phrasings.options.synonyms = synonyms;
  out.push_back(phrasings);
  phrasings.name = "phrasings";
  phrasings.options.synonyms = nullptr;
  out.push_back(phrasings);
  return out;
}

// Numbers the hits 1..k, skipping the query's own sentence, and scores the
// partner's place into *outcome.
void Score(const std::vector<Hit>& hits, const IndexReader& index, const RawDocument& self,
           const RawDocument& partner, size_t k, Outcome* outcome) {
  size_t rank = 0;
  bool self_seen = false;
  for (const Hit& hit : hits) {
    const std::string_view id = index.segments()[hit.segment]->documents().Meta(hit.unit).id;
    if (id == self.id) {
      self_seen = true;
    } else if (++rank <= k && id == partner.id) {
      ++outcome->found;
      outcome->reciprocal_sum += 1.0 / rank;
      ++outcome->partner_classes[static_cast<size_t>(ClassOfTier(hit.tier))];
    }
  }
  if (!self_seen) ++outcome->self_missing;
}

absl::Status RunQuery(const Setting& setting, const Corpus& corpus, const Query& query, size_t k,
                      Searcher* searcher, Outcome* outcome) {
  const auto start = Clock::now();
  ASSIGN_OR_RETURN(SearchResults results,
                   searcher->Search(corpus.query_texts[query.self], setting.options));
  outcome->seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  Score(results.hits, searcher->index(), corpus.sentences[query.self],
        corpus.sentences[query.partner], k, outcome);
  return absl::OkStatus();
}

// Runs every query in every setting, the settings interleaved per query in
// rotating order, so that drift in the machine's speed falls on all alike.
absl::StatusOr<std::vector<Outcome>> RunAllSettings(const std::vector<Setting>& settings,
                                                    const Corpus& corpus, size_t k,
                                                    Searcher* searcher) {
  std::vector<Outcome> outcomes(settings.size());
  for (size_t q = 0; q < corpus.queries.size(); ++q) {
    for (size_t j = 0; j < settings.size(); ++j) {
      const size_t s = (q + j) % settings.size();
      RETURN_IF_ERROR(RunQuery(settings[s], corpus, corpus.queries[q], k, searcher, &outcomes[s]));
    }
  }
  return outcomes;
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / values.size();
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// "partial 812, gapped 3": the phrasing classes of found partners.
std::string ClassCounts(const Outcome& outcome) {
  std::string out;
  for (size_t c = outcome.partner_classes.size(); c-- > 1;) {
    if (outcome.partner_classes[c] == 0) continue;
    if (!out.empty()) out += ", ";
    StrAppend(&out, PhrasingClassName(static_cast<PhrasingClass>(c)), " ",
              outcome.partner_classes[c]);
  }
  return out;
}

std::string FormatTable(const std::vector<Setting>& settings, const std::vector<Outcome>& outcomes,
                        size_t queries, size_t k) {
  std::string out = absl::StrFormat(
      "%-14s %14s %8s %8s %10s %10s %12s\n", "setting", absl::StrFormat("found@%d", k), "share",
      absl::StrFormat("MRR@%d", k), "ms/query", "median ms", "self missing");
  for (size_t i = 0; i < settings.size(); ++i) {
    const Outcome& o = outcomes[i];
    out += absl::StrFormat("%-14s %6d / %5d %8.4f %8.4f %10.3f %10.3f %12d\n", settings[i].name,
                           o.found, queries, double(o.found) / queries, o.reciprocal_sum / queries,
                           1e3 * Mean(o.seconds), 1e3 * Median(o.seconds), o.self_missing);
  }
  for (size_t i = 0; i < settings.size(); ++i) {
    if (!settings[i].options.parse.phrasings) continue;
    out +=
        absl::StrFormat("%s: partners found as %s\n", settings[i].name, ClassCounts(outcomes[i]));
  }
  return out;
}

std::string FormatJson(const Settings& run, const Corpus& corpus,
                       const std::vector<Setting>& settings, const std::vector<Outcome>& outcomes) {
  const size_t n = corpus.queries.size();
  std::string out = "{\"data\": ";
  AppendJsonString(run.data, &out);
  out += absl::StrFormat(
      ", \"k\": %d, \"sentences\": %d, \"queries\": %d, \"term_mismatches\": %d, "
      "\"skipped_pairs\": %d, \"settings\": [",
      run.k, corpus.sentences.size(), n, corpus.term_mismatches, corpus.missing_pairs);
  for (size_t i = 0; i < settings.size(); ++i) {
    const Outcome& o = outcomes[i];
    out += absl::StrFormat(
        "%s{\"name\": \"%s\", \"found\": %d, \"share\": %.6f, \"mrr\": %.6f, "
        "\"ms_per_query\": %.6f, \"median_ms\": %.6f, \"self_missing\": %d}",
        i ? ", " : "", settings[i].name, o.found, double(o.found) / n, o.reciprocal_sum / n,
        1e3 * Mean(o.seconds), 1e3 * Median(o.seconds), o.self_missing);
  }
  return out + "]}\n";
}

absl::Status WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  file.close();
  if (!file) return absl::UnavailableError(StrCat("cannot write JSON file ", path));
  return absl::OkStatus();
}

absl::Status Measure(const Settings& run, const Corpus& corpus, const std::string& dir) {
  ASSIGN_OR_RETURN(auto index, IndexReader::Open(dir));
  Analyzer analyzer;
  ASSIGN_OR_RETURN(const SynonymMap synonyms,
                   SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(), &analyzer));
  Searcher searcher(index.get());
  const std::vector<Setting> settings = MakeSettings(run, &synonyms);
  Outcome warm_up;
  for (const Query& query : corpus.queries) {
    RETURN_IF_ERROR(RunQuery(settings[0], corpus, query, run.k, &searcher, &warm_up));
  }
  ASSIGN_OR_RETURN(const std::vector<Outcome> outcomes,
                   RunAllSettings(settings, corpus, run.k, &searcher));
  std::printf("%s", FormatTable(settings, outcomes, corpus.queries.size(), run.k).c_str());
  if (run.json.empty()) return absl::OkStatus();
  return WriteFile(run.json, FormatJson(run, corpus, settings, outcomes));
}

absl::Status RunAll(const Settings& run) {
  ASSIGN_OR_RETURN(const Corpus corpus, ReadCorpus(run.data));
  std::printf(
      "data: %s: %zu sentences, %zu queries (both sentences of %zu same-meaning pairs; "
      "%zu more pairs skipped, naming a sentence not in sentences.jsonl); "
      "query texts analyzing to other terms than their sentence: %zu\n",
      run.data.c_str(), corpus.sentences.size(), corpus.queries.size(), corpus.queries.size() / 2,
      corpus.missing_pairs, corpus.term_mismatches);
  char dir_template[] = "/tmp/syndex_phrasing_recall_XXXXXX";
  if (::mkdtemp(dir_template) == nullptr) return absl::InternalError("mkdtemp failed");
  const std::string dir = dir_template;
  absl::Status status = BuildIndex(corpus.sentences, dir);
  if (status.ok()) status = Measure(run, corpus, dir);
  const std::string remove = StrCat("rm -rf '", dir, "'");
  if (std::system(remove.c_str()) != 0 && status.ok()) {
    status = absl::InternalError(StrCat("cannot remove ", dir));
  }
  return status;
}

absl::StatusOr<Settings> ParseFlags(int argc, char** argv) {
  CommandLine cl(
      {{"data", true}, {"k", true}, {"k1", true}, {"b", true}, {"json", true}, {"help", false}},
      {{"h", "help"}});
  RETURN_IF_ERROR(cl.Parse(argc, argv, 1));
  Settings settings;
  settings.help = cl.Has("help");
  if (!cl.positional().empty()) {
    return absl::InvalidArgumentError(StrCat("unexpected argument '", cl.positional()[0], "'"));
  }
  settings.data = cl.Get("data", settings.data);
  ASSIGN_OR_RETURN(const double k, cl.GetNumber("k", 10, 1, 1000));
  if (k != static_cast<size_t>(k)) return absl::InvalidArgumentError("--k must be a whole number");
  settings.k = static_cast<size_t>(k);
  ASSIGN_OR_RETURN(settings.bm25.k1, cl.GetNumber("k1", settings.bm25.k1, 0, 100));
  ASSIGN_OR_RETURN(settings.bm25.b, cl.GetNumber("b", settings.bm25.b, 0, 1));
  settings.json = cl.Get("json");
  return settings;
}

int Main(int argc, char** argv) {
  const absl::StatusOr<Settings> settings = ParseFlags(argc, argv);
  if (!settings.ok()) {
    std::fprintf(stderr, "syndex_phrasing_recall: %s\n%s",
                 std::string(settings.status().message()).c_str(), kUsage);
    return 2;
  }
  if (settings->help) {
    std::printf("%s", kUsage);
    return 0;
  }
  if (::access(settings->data.c_str(), F_OK) != 0) {
    std::printf("skipped: %s is absent\n", settings->data.c_str());
    return 0;
  }
  const absl::Status status = RunAll(*settings);
  if (!status.ok()) {
    std::fprintf(stderr, "syndex_phrasing_recall: error: %s\n",
                 std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace syndex

int main(int argc, char** argv) { return syndex::Main(argc, argv); }
