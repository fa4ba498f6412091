# Every dependency is a Debian 12 package; scripts/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(absl REQUIRED)
find_package(Threads REQUIRED)

# Snowball stemmers (libstemmer-dev) ship no CMake or pkg-config file.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(syndex_stemmer INTERFACE)
target_include_directories(syndex_stemmer INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(syndex_stemmer INTERFACE ${STEMMER_LIBRARY})

pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(UTF8PROC REQUIRED IMPORTED_TARGET libutf8proc)
pkg_check_modules(READLINE REQUIRED IMPORTED_TARGET readline)
find_package(simdjson REQUIRED)

if(SYNDEX_BUILD_TESTS OR SYNDEX_BUILD_BENCH)
  pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)
  # Tests and benchmarks read the searcher's JSON with an independent parser
  # (nlohmann-json3-dev), so a bug in our writer cannot hide in our reader.
  find_package(nlohmann_json REQUIRED)
endif()
if(SYNDEX_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(SYNDEX_BUILD_BENCH)
  find_package(benchmark REQUIRED)
  # SQLite FTS5, a peer of the end-to-end race (bench/e2e/): CMake's own
  # FindSQLite3 module, target SQLite::SQLite3 (libsqlite3-dev).
  find_package(SQLite3 REQUIRED)
endif()
