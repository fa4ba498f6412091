#!/usr/bin/env bash
# Installs the dependencies, builds syndex with its tests and benchmarks and
# runs every test with ctest.
#
#   scripts/run-tests.sh
#
# BUILD_DIR sets the build directory (default: build).
# SYNDEX_SANITIZE=1 builds with AddressSanitizer and UndefinedBehaviorSanitizer
# instead (default directory: build-asan), optimized with -O1 and with asserts
# on, and runs the tests there (docs/RELIABILITY.md, Sanitizers). The exit
# status is ctest's (or the failing step's).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/install-deps.sh

cmake_args=(-DSYNDEX_BUILD_TESTS=ON -DSYNDEX_BUILD_BENCH=ON)
if [[ "${SYNDEX_SANITIZE:-0}" == 1 ]]; then
  build_dir=${BUILD_DIR:-build-asan}
  # -O1 -g1 (line tables only: stack traces with lines, a faster build than
  # -g) without NDEBUG: a Debug build's -O0 made the suite three times
  # slower under the sanitizers, and timed out tests that build big inputs.
  cmake_args+=(-DSYNDEX_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
               "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1")
else
  build_dir=${BUILD_DIR:-build}
  # Explicit, so that a build directory configured earlier with the
  # sanitizers on does not keep them.
  cmake_args+=(-DSYNDEX_SANITIZE=OFF)
fi

BUILD_DIR=$build_dir scripts/build.sh "${cmake_args[@]}"

# The e2e tests run the built indexer and searcher; they are dependencies of
# the e2e test target, so the build above has made them.
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j2
