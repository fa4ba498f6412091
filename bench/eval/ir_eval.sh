#!/usr/bin/env bash
# Ranking quality of syndex beside Xapian's BM25, on the shared IR test
# collections with relevance judgments (SciFact, CISI, NPL), in one run.
#
#   bench/eval/ir_eval.sh [BUILD_DIR] [-- SEARCHER_FLAGS...]
#
# BUILD_DIR (default: build) holds the built indexer, searcher,
# xapian_beir_run and syndex_eval. For each collection under
# ../shared/ir (skipped with a message when absent) it indexes corpus.jsonl
# with `indexer build`, answers queries.jsonl with
# `searcher --batch --format trec -k 100 --unit doc` (plus SEARCHER_FLAGS, to
# compare settings), ranks the same queries with xapian_beir_run (BM25 with
# the same k1 and b: --k1 and --b among SEARCHER_FLAGS are passed on), and
# evaluates both runs on qrels/test.tsv with syndex_eval: nDCG@10, MAP,
# Recall@100 and MRR@10 over the judged queries.
# Runs and indexes are left in a temporary directory, named at the end.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
build="${1:-build}"
[[ $# -gt 0 ]] && shift
[[ "${1:-}" == "--" ]] && shift
searcher_flags=("$@")
# Xapian ranks with the same BM25 parameters as the searcher.
xapian_flags=()
for ((i = 0; i + 1 < ${#searcher_flags[@]}; ++i)); do
  case "${searcher_flags[$i]}" in
    --k1 | --b) xapian_flags+=("${searcher_flags[$i]}" "${searcher_flags[$((i + 1))]}") ;;
  esac
done
shared="$source_dir/../shared/ir"

for tool in indexer/indexer searcher/searcher bench/xapian_beir_run bench/syndex_eval; do
  if [[ ! -x "$build/$tool" ]]; then
    echo "ir_eval: $build/$tool is not built (cmake --build $build)" >&2
    exit 1
  fi
done
if [[ ! -d "$shared" ]]; then
  echo "ir_eval: skipped: $shared is absent"
  exit 0
fi

work="$(mktemp -d /tmp/syndex_ir_eval.XXXXXX)"
printf '%-8s %-7s %8s %8s %8s %8s\n' collection system nDCG@10 MAP R@100 MRR@10
for name in scifact cisi npl; do
  dir="$shared/$name"
  if [[ ! -f "$dir/corpus.jsonl" ]]; then
    echo "ir_eval: skipped $name: $dir/corpus.jsonl is absent"
    continue
  fi
  "$build/indexer/indexer" build --quiet --index "$work/$name.index" "$dir/corpus.jsonl"
  "$build/searcher/searcher" --index "$work/$name.index" --batch "$dir/queries.jsonl" \
    --format trec -k 100 --unit doc "${searcher_flags[@]}" > "$work/$name.syndex.run"
  "$build/bench/xapian_beir_run" "$dir/corpus.jsonl" "$dir/queries.jsonl" -k 100 \
    ${xapian_flags[@]+"${xapian_flags[@]}"} > "$work/$name.xapian.run"
  for system in syndex xapian; do
    "$build/bench/syndex_eval" "$dir/qrels/test.tsv" "$work/$name.$system.run" --json |
      python3 -c '
import json, sys
m = json.load(sys.stdin)["mean"]
print("%-8s %-7s %8.4f %8.4f %8.4f %8.4f" % (sys.argv[1], sys.argv[2], m["ndcg@10"], m["map"],
      m["recall@100"], m["mrr@10"]))' "$name" "$system"
  done
done
echo "runs and indexes: $work"
