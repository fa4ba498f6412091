#!/usr/bin/env bash
# Builds syndex, indexes the sample corpus (corpus/) and runs one phrase
# query over it, ranking passages and then documents.
#
#   scripts/run-example.sh
#
# BUILD_DIR (default: build) is the build directory; the index is written to
# $BUILD_DIR/corpus-index (rebuilt, replacing the previous one, every run).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}
index=$build_dir/corpus-index
query='"swift and severe costs"'

# Prints a command, quoted so that it can be pasted into a shell, then runs it.
run() {
  local arg line="+"
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./=:-]+$ ]]; then
      line+=" $arg"
    else
      line+=" '${arg//\'/\'\\\'\'}'"
    fi
  done
  echo "$line" >&2
  "$@"
}

scripts/install-deps.sh
BUILD_DIR=$build_dir scripts/build.sh

run "$build_dir/indexer/indexer" build --index "$index" corpus
run "$build_dir/searcher/searcher" --index "$index" --query "$query"
run "$build_dir/searcher/searcher" --index "$index" --query "$query" --unit doc
