#include "bench/e2e/race_targets.h"

#include "common/str_cat.h"

namespace syndex::race {
namespace {

Target Make(std::string name, std::string rule, std::optional<double> ratio, double limit,
            bool at_least) {
  return Target{std::move(name), std::move(rule), ratio, limit, at_least};
}

// The latency targets against Xapian of class `c`.
void AddLatencyTargets(const RaceResults& r, QueryClass c, std::vector<Target>* targets) {
  const std::optional<ClassTiming>& mine = r.timing(Engine::kSyndex, c);
  const std::optional<ClassTiming>& xapian = r.timing(Engine::kXapian, c);
  const auto ratio = [&](double LatencySummary::*figure) -> std::optional<double> {
    if (!mine || !xapian) return std::nullopt;
    return Ratio(mine->latency.*figure, xapian->latency.*figure);
  };
  const std::string name(QueryClassName(c));
  const bool phrase =
      c == QueryClass::kPhrase2 || c == QueryClass::kPhrase3 || c == QueryClass::kPhrase4;
  if (c != QueryClass::kPhrasings) {
    const double limit = phrase ? 0.3 : 0.2;
    targets->push_back(Make(StrCat(name, " p50 vs Xapian"), StrCat("syndex/xapian <= ", limit),
                            ratio(&LatencySummary::p50), limit, false));
  }
  targets->push_back(Make(StrCat(name, " p99 vs Xapian"), "syndex/xapian <= 0.5",
                          ratio(&LatencySummary::p99), 0.5, false));
}

}  // namespace

std::optional<double> Ratio(double a, double b) {
  if (!(b > 0)) return std::nullopt;
  return a / b;
}

std::vector<Target> CheckTargets(const RaceResults& r) {
  const EngineBuild& syndex = r.build(Engine::kSyndex);
  const EngineBuild& fts5 = r.build(Engine::kFts5);
  const bool both = syndex.done && fts5.done;
  std::vector<Target> targets;
  targets.push_back(Make("build throughput vs FTS5", "syndex/fts5 >= 1.5",
                         both ? Ratio(syndex.mb_per_second(), fts5.mb_per_second()) : std::nullopt,
                         1.5, true));
  targets.push_back(
      Make("index bytes w/o stored text vs FTS5", "syndex/fts5 <= 0.75",
           both ? Ratio(double(syndex.bytes.without_stored_text()), double(fts5.bytes.index()))
                : std::nullopt,
           0.75, false));
  targets.push_back(Make(
      "build peak RSS vs --memory-mb", "syndex/budget <= 1.10",
      syndex.done ? Ratio(double(syndex.peak_rss_bytes), r.memory_mb * (1 << 20)) : std::nullopt,
      1.10, false));
  for (QueryClass c : kAllQueryClasses) AddLatencyTargets(r, c, &targets);
  return targets;
}

}  // namespace syndex::race
