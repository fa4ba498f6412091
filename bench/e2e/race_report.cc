#include "bench/e2e/race_report.h"

#include <array>
#include <fstream>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench/e2e/race_targets.h"
#include "common/json_string.h"
#include "common/str_cat.h"

namespace syndex::race {
namespace {

using Values = std::array<std::optional<double>, kEngineCount>;

constexpr size_t kSyndex = static_cast<size_t>(Engine::kSyndex);
constexpr size_t kXapian = static_cast<size_t>(Engine::kXapian);
constexpr size_t kFts5 = static_cast<size_t>(Engine::kFts5);
constexpr double kMiB = 1 << 20;

// One figure of every engine; nullopt where the engine has none.
struct Figure {
  std::string label;      // for the table
  std::string json_name;  // for JSON
  Values values;
  int decimals = 1;
  bool ratios = true;  // whether syndex/peer means something
};

std::optional<double> RatioOf(const Values& v, size_t peer) {
  if (!v[kSyndex] || !v[peer]) return std::nullopt;
  return Ratio(*v[kSyndex], *v[peer]);
}

std::string RatioText(std::optional<double> ratio) {
  return ratio ? absl::StrFormat("%.3gx", *ratio) : "n/a";
}

std::string TableRow(const Figure& f) {
  std::string row = absl::StrFormat("  %-30s", f.label);
  for (const std::optional<double>& v : f.values) {
    row += v ? absl::StrFormat(" %11.*f", f.decimals, *v) : absl::StrFormat(" %11s", "n/a");
  }
  if (f.ratios) {
    row += absl::StrFormat(" %14s %12s", RatioText(RatioOf(f.values, kXapian)),
                           RatioText(RatioOf(f.values, kFts5)));
  }
  return row + "\n";
}

// A build figure of every engine that built.
Values BuildValues(const RaceResults& r, const std::function<double(const EngineBuild&)>& get) {
  Values v;
  for (Engine e : kAllEngines) {
    if (r.build(e).done) v[static_cast<size_t>(e)] = get(r.build(e));
  }
  return v;
}

std::vector<Figure> BuildFigures(const RaceResults& r) {
  return {
      {"documents", "documents",
       BuildValues(r, [](const EngineBuild& b) { return double(b.outcome.documents); }), 0, false},
      {"build seconds", "seconds", BuildValues(r, [](const EngineBuild& b) { return b.seconds; }),
       1},
      {"input MB/s (title + body)", "input_mb_per_s",
       BuildValues(r, [](const EngineBuild& b) { return b.mb_per_second(); }), 2},
      {"build CPU seconds", "cpu_seconds",
       BuildValues(r, [](const EngineBuild& b) { return b.cpu_seconds; }), 1},
      {"index MB", "index_mb",
       BuildValues(r, [](const EngineBuild& b) { return b.bytes.index() / 1e6; }), 1},
      {"index MB w/o stored text", "index_mb_without_stored_text",
       BuildValues(r, [](const EngineBuild& b) { return b.bytes.without_stored_text() / 1e6; }), 1},
      {"build peak RSS MiB", "peak_rss_mib",
       BuildValues(r, [](const EngineBuild& b) { return b.peak_rss_bytes / kMiB; }), 1},
  };
}

// A latency figure of class `c` of every engine that ran it.
Values ClassValues(const RaceResults& r, QueryClass c,
                   const std::function<double(const ClassTiming&)>& get) {
  Values v;
  for (Engine e : kAllEngines) {
    if (const auto& t = r.timing(e, c)) v[static_cast<size_t>(e)] = get(*t);
  }
  return v;
}

std::vector<Figure> ClassFigures(const RaceResults& r, QueryClass c) {
  return {
      {"p50 ms", "p50_ms",
       ClassValues(r, c, [](const ClassTiming& t) { return 1e3 * t.latency.p50; }), 3},
      {"p95 ms", "p95_ms",
       ClassValues(r, c, [](const ClassTiming& t) { return 1e3 * t.latency.p95; }), 3},
      {"p99 ms", "p99_ms",
       ClassValues(r, c, [](const ClassTiming& t) { return 1e3 * t.latency.p99; }), 3},
      {"mean ms", "mean_ms",
       ClassValues(r, c, [](const ClassTiming& t) { return 1e3 * t.latency.mean; }), 3},
      {"QPS", "qps", ClassValues(r, c, [](const ClassTiming& t) { return t.latency.qps; }), 0},
      {"results/query", "mean_results",
       ClassValues(r, c, [](const ClassTiming& t) { return t.mean_results; }), 2, false},
      {"queries with no result", "empty_queries",
       ClassValues(r, c, [](const ClassTiming& t) { return double(t.empty); }), 0, false},
  };
}

std::string TableHeader(std::string_view title) {
  return absl::StrFormat("%-32s %11s %11s %11s %14s %12s\n", title, "syndex", "xapian", "fts5",
                         "syndex/xapian", "syndex/fts5");
}

std::string Preamble(const RaceResults& r) {
  const EngineBuild& syndex = r.build(Engine::kSyndex);
  std::string out = absl::StrFormat(
      "syndex race, %s\nmachine: %s, %u cores, %.1f GiB RAM\ncorpus: %s (%.1f MB of title + "
      "body text)\n",
      r.machine.date, r.machine.cpu_model, r.machine.cores, r.machine.ram_bytes / kMiB / 1024,
      r.corpus, syndex.outcome.input_bytes / 1e6);
  out += absl::StrFormat(
      "syndex --memory-mb %g; each build in a child process of its own, peak RSS = ru_maxrss "
      "from wait4 (the driver was %.1f MiB when it forked them)\n",
      r.memory_mb, r.driver_rss_at_spawn / kMiB);
  out += absl::StrFormat(
      "queries: %zu per class, k = 10, one thread, warm (one untimed pass), %zu timed round%s "
      "(engines interleaved, a query's median), "
      "seed %d\n",
      r.per_class, r.rounds, r.rounds == 1 ? "" : "s", r.seed);
  return out;
}

std::string TargetsTable(const RaceResults& r) {
  std::string out = "\ntargets (issue 5)\n";
  for (const Target& t : CheckTargets(r)) {
    const std::optional<bool> met = t.met();
    out += absl::StrFormat("  %-38s %-24s %10s  %s\n", t.name, t.rule, RatioText(t.ratio),
                           met ? (*met ? "met" : "NOT MET") : "n/a");
  }
  return out;
}

// A JSON object written field by field.
class JsonObject {
 public:
  JsonObject& Add(std::string_view key, std::string_view json_value) {
    out_ += out_.empty() ? "{" : ", ";
    AppendJsonString(key, &out_);
    StrAppend(&out_, ": ", json_value);
    return *this;
  }
  JsonObject& String(std::string_view key, std::string_view value) {
    std::string quoted;
    AppendJsonString(value, &quoted);
    return Add(key, quoted);
  }
  JsonObject& Number(std::string_view key, std::optional<double> value) {
    return Add(key, value ? absl::StrFormat("%.6g", *value) : "null");
  }
  JsonObject& Integer(std::string_view key, uint64_t value) { return Add(key, StrCat(value)); }
  std::string Close() const { return out_.empty() ? "{}" : out_ + "}"; }

 private:
  std::string out_;
};

// {"syndex": {...}, "xapian": ..., "fts5": ..., "ratios": {"xapian": {...}, "fts5": {...}},
// left open for more fields.
JsonObject FiguresJson(const std::vector<Figure>& figures, const std::array<bool, 3>& present) {
  JsonObject all;
  for (Engine e : kAllEngines) {
    const size_t i = static_cast<size_t>(e);
    if (!present[i]) {
      all.Add(EngineName(e), "null");
      continue;
    }
    JsonObject engine;
    for (const Figure& f : figures) engine.Number(f.json_name, f.values[i]);
    all.Add(EngineName(e), engine.Close());
  }
  JsonObject ratios;
  for (size_t peer : {kXapian, kFts5}) {
    JsonObject of_peer;
    for (const Figure& f : figures) {
      if (f.ratios) of_peer.Number(f.json_name, RatioOf(f.values, peer));
    }
    ratios.Add(EngineName(kAllEngines[peer]), of_peer.Close());
  }
  all.Add("ratios", ratios.Close());
  return all;
}

std::string BuildJson(const RaceResults& r) {
  std::array<bool, 3> present{};
  for (Engine e : kAllEngines) present[static_cast<size_t>(e)] = r.build(e).done;
  JsonObject json = FiguresJson(BuildFigures(r), present);
  JsonObject raw;  // the bytes behind the MB figures
  for (Engine e : kAllEngines) {
    const EngineBuild& b = r.build(e);
    if (!b.done) continue;
    raw.Add(EngineName(e), JsonObject()
                               .Integer("input_bytes", b.outcome.input_bytes)
                               .Integer("file_bytes", b.bytes.total)
                               .Integer("free_page_bytes", b.bytes.free)
                               .Integer("stored_text_bytes", b.bytes.stored_text)
                               .Integer("peak_rss_bytes", b.peak_rss_bytes)
                               .Integer("child_vm_hwm_bytes", b.child_hwm_bytes)
                               .Close());
  }
  return json.Add("bytes", raw.Close()).Close();
}

std::string QueriesJson(const RaceResults& r) {
  JsonObject classes;
  for (QueryClass c : kAllQueryClasses) {
    std::array<bool, 3> present{};
    for (Engine e : kAllEngines) present[static_cast<size_t>(e)] = r.timing(e, c).has_value();
    classes.Add(QueryClassName(c), FiguresJson(ClassFigures(r, c), present)
                                       .String("first_query", r.examples[static_cast<size_t>(c)])
                                       .Close());
  }
  return classes.Close();
}

std::string TargetsJson(const RaceResults& r) {
  std::string out = "[";
  for (const Target& t : CheckTargets(r)) {
    const std::optional<bool> met = t.met();
    out +=
        StrCat(out.size() > 1 ? ", " : "", JsonObject()
                                               .String("name", t.name)
                                               .String("rule", t.rule)
                                               .Number("ratio", t.ratio)
                                               .Number("limit", t.limit)
                                               .Add("met", met ? (*met ? "true" : "false") : "null")
                                               .Close());
  }
  return out + "]";
}

}  // namespace

std::string FormatRaceTable(const RaceResults& r) {
  std::string out = Preamble(r) + "\n" + TableHeader("build");
  for (const Figure& f : BuildFigures(r)) out += TableRow(f);
  out += "\n" + TableHeader("queries");
  for (QueryClass c : kAllQueryClasses) {
    out +=
        absl::StrFormat("%s (first: %s)\n", QueryClassName(c), r.examples[static_cast<size_t>(c)]);
    for (const Figure& f : ClassFigures(r, c)) out += TableRow(f);
  }
  out += "\nranked units:";
  for (Engine e : kAllEngines) out += StrCat(" ", EngineName(e), ": ", RankedUnit(e), ";");
  out.back() = '\n';
  return out + TargetsTable(r);
}

std::string FormatRaceJson(const RaceResults& r) {
  JsonObject machine;
  machine.String("cpu_model", r.machine.cpu_model)
      .Integer("cores", r.machine.cores)
      .Integer("ram_bytes", r.machine.ram_bytes);
  JsonObject units;
  for (Engine e : kAllEngines) units.String(EngineName(e), RankedUnit(e));
  return JsonObject()
             .String("date", r.machine.date)
             .Add("machine", machine.Close())
             .String("corpus", r.corpus)
             .Number("memory_mb", r.memory_mb)
             .Integer("queries_per_class", r.per_class)
             .Integer("rounds", r.rounds)
             .Integer("seed", r.seed)
             .Integer("driver_rss_at_spawn_bytes", r.driver_rss_at_spawn)
             .Add("builds", BuildJson(r))
             .Add("queries", QueriesJson(r))
             .Add("ranked_units", units.Close())
             .Add("targets", TargetsJson(r))
             .Close() +
         "\n";
}

absl::Status WriteTextFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
  file.close();
  if (!file) return absl::UnavailableError(StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace syndex::race
