#!/usr/bin/env bash
# Configures and builds syndex (Release) with CMake.
#
#   scripts/build.sh [CMAKE_ARG...]
#
# Extra arguments go to the configure step and come after the defaults, so
# they win: scripts/build.sh -DCMAKE_BUILD_TYPE=Debug -DSYNDEX_SANITIZE=ON.
# BUILD_DIR (default: build) is the build directory, relative to the
# repository root. The programs end up in $BUILD_DIR/indexer/indexer and
# $BUILD_DIR/searcher/searcher.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${BUILD_DIR:-build}

cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$build_dir" -j"$(nproc)"
