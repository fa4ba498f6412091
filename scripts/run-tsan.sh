#!/usr/bin/env bash
# Builds the unit tests with ThreadSanitizer and runs those that use
# threads: the concurrency stress test (readers while a writer adds,
# deletes and compacts), the incremental index tests, the build's worker
# threads, the multi-threaded merge and the batch runner
# (docs/RELIABILITY.md, "One writer, many readers").
#
#   scripts/run-tsan.sh
#
# BUILD_DIR sets the build directory (default: build-tsan). A TSan report
# fails the test that drew it (halt_on_error). The exit status is that of
# the first test binary that failed, or of the failing step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh

build_dir=${BUILD_DIR:-build-tsan}
# -O1 -g1: line numbers in reports (-g1 keeps only the line tables, which
# builds much faster than -g), and a quicker build than -O2.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DSYNDEX_TSAN=ON -DSYNDEX_SANITIZE=OFF -DSYNDEX_BUILD_TESTS=ON -DSYNDEX_BUILD_BENCH=OFF
cmake --build "$build_dir" -j"$(nproc)" --target indexer_tests searcher_tests

export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}
indexer_status=0
"$build_dir/tests/indexer_tests" \
  --gtest_filter='SegmentWorkers.*:IndexWriterThreads.*:SegmentMergerTest.*' || indexer_status=$?
searcher_status=0
"$build_dir/tests/searcher_tests" \
  --gtest_filter='ConcurrencyStress.*:IncrementalIndex.*:BatchRunnerTest.*' || searcher_status=$?
exit $((indexer_status != 0 ? indexer_status : searcher_status))
