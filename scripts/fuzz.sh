#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz (clang, ASan and UBSan) and runs
# each for SECONDS (default 300), then prints, per target, its executions,
# executions a second, the processor seconds it got, coverage and findings
# (docs/RELIABILITY.md).
#
#   scripts/fuzz.sh [SECONDS]
#
# FUZZ_TARGETS picks targets (default: every tests/fuzz/*_fuzzer.cc), e.g.
#   FUZZ_TARGETS="segment_fuzzer" scripts/fuzz.sh 600
# FUZZ_JOBS runs that many targets at once (default 1); the build uses
# BUILD_JOBS (default: the cores) and runs under nice, as the targets do.
# BUILD_DIR (default: build-fuzz) holds, beside the build:
#   fuzz-seeds/TARGET     the seeds, written again by fuzz_seeds on every run
#   fuzz-corpus/TARGET    the corpus the fuzzer grows; kept, so runs add up
#   fuzz-findings/TARGET  reproducers of findings (crash-*, leak-*, timeout-*, oom-*)
#   fuzz-logs/TARGET.log  libFuzzer's output
# and every run also reads tests/fuzz/regressions/TARGET, the reproducers of
# past findings (kept in the tree). Rerun a finding:
#   $BUILD_DIR/tests/fuzz/TARGET FILE
#
# Exit status: 0 if no target found anything, 1 if one did or failed to run,
# 2 on bad usage.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds=${1:-300}
if [[ ! "$seconds" =~ ^[0-9]+$ || "$seconds" -eq 0 ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]  (a whole number of seconds, default 300)" >&2
  exit 2
fi
build_dir=${BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-1}
build_jobs=${BUILD_JOBS:-$(nproc)}

scripts/install-deps.sh --fuzz

# -O1 without NDEBUG: fast enough to fuzz, with every assert still on.
nice -n 10 cmake -S . -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++ -DSYNDEX_FUZZ=ON \
  -DSYNDEX_BUILD_TESTS=OFF -DSYNDEX_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
nice -n 10 cmake --build "$build_dir" -j"$build_jobs"

if [[ -n "${FUZZ_TARGETS:-}" ]]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  targets=()
  for source in tests/fuzz/*_fuzzer.cc; do
    targets+=("$(basename "$source" .cc)")
  done
fi

rm -rf "$build_dir/fuzz-seeds"
"$build_dir/tests/fuzz/fuzz_seeds" "$build_dir/fuzz-seeds"
mkdir -p "$build_dir/fuzz-logs"

# The dictionary of a target, if it has one.
dictionary_of() {
  case "$1" in
    query_parser_fuzzer) echo tests/fuzz/query.dict ;;
    jsonl_source_fuzzer | text_directory_fuzzer) echo tests/fuzz/json.dict ;;
  esac
}

run_target() {
  local target=$1
  local corpus=$build_dir/fuzz-corpus/$target
  local findings=$build_dir/fuzz-findings/$target
  local log=$build_dir/fuzz-logs/$target.log
  mkdir -p "$corpus" "$findings"
  local args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$findings/")
  local dict
  dict=$(dictionary_of "$target")
  [[ -n "$dict" ]] && args+=(-dict="$dict")
  # Inputs: the corpus (which the fuzzer adds to), the seeds, and the
  # reproducers of past findings, which every run replays first.
  local inputs=("$corpus" "$build_dir/fuzz-seeds/$target")
  [[ -d tests/fuzz/regressions/$target ]] && inputs+=("tests/fuzz/regressions/$target")
  local status=0
  # The processor time it got, beside the wall time it was given: on a
  # shared machine exec/s alone says little.
  local TIMEFORMAT='%U %S'
  { time UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    nice -n 10 "$build_dir/tests/fuzz/$target" "${args[@]}" "${inputs[@]}" >"$log" 2>&1; } \
    2>"$log.time" || status=$?
  echo "$status" >"$log.status"
}

echo "== fuzzing ${targets[*]} for ${seconds} s each, $jobs at a time"
for target in "${targets[@]}"; do
  if [[ ! -x "$build_dir/tests/fuzz/$target" ]]; then
    echo "fuzz: no target $target in $build_dir/tests/fuzz" >&2
    exit 2
  fi
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  echo "   $(date +%T) $target"
  run_target "$target" &
done
wait

# The figures of a log: libFuzzer's final stats and its last status line.
stat_of() { sed -n "s/^stat::$2: *//p" "$1" | tail -1; }
last_field() { grep -E '^#[0-9]+' "$1" | tail -1 | sed -n "s/.* $2: \([0-9]*\).*/\1/p"; }

failed=0
echo "== results"
printf '%-24s %12s %8s %8s %8s %8s %8s  %s\n' target executions exec/s cpu_s cov ft corpus findings
for target in "${targets[@]}"; do
  log=$build_dir/fuzz-logs/$target.log
  status=$(cat "$log.status")
  # Reproducers written by this run: newer than its seeds.
  mapfile -t found < <(find "$build_dir/fuzz-findings/$target" -type f -newer "$build_dir/fuzz-seeds" \
    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)
  summary="none"
  if ((status != 0)) || ((${#found[@]} > 0)); then
    failed=1
    summary="exit status $status; ${found[*]:-no reproducer written} (see $log)"
  fi
  cpu=$(awk '{printf "%.0f", $1 + $2}' "$log.time")
  printf '%-24s %12s %8s %8s %8s %8s %8s  %s\n' "$target" \
    "$(stat_of "$log" number_of_executed_units)" "$(stat_of "$log" average_exec_per_sec)" "$cpu" \
    "$(last_field "$log" cov)" "$(last_field "$log" ft)" "$(last_field "$log" corp)" \
    "$summary"
done
exit "$failed"
