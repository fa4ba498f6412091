// query_parser_fuzzer: arbitrary bytes as a query.
//
// Feeds the input, as it is, to ParseQuery (searcher/query_parser.h) with
// the OR and the AND default operator and as a whole-query phrasings query
// (searcher --phrasings), and then to Searcher::Search against a small index
// built once at startup (FuzzIndexDocuments), with passages and documents as
// units, grouping on and off, and the built-in synonyms.
//
// Checks: nothing crashes or trips ASan/UBSan; every error is
// InvalidArgument and DescribeQueryError renders it; a parsed tree keeps the
// promises of searcher/query.h (children and word counts per kind, slop at
// most 1000, no phrasings query in a field or excluded, offsets inside the query);
// a search's hits are at most k, best first.
//
// Run: scripts/fuzz.sh (all targets), or
//   build-fuzz/tests/fuzz/query_parser_fuzzer -dict=tests/fuzz/query.dict CORPUS SEEDS
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/str_cat.h"
#include "searcher/builtin_synonyms.h"
#include "searcher/index_reader.h"
#include "searcher/query.h"
#include "searcher/query_error.h"
#include "searcher/query_parser.h"
#include "searcher/searcher.h"
#include "searcher/synonym_map.h"
#include "tests/fuzz/fuzz_support.h"

namespace syndex::fuzz {
namespace {

using Kind = QueryNode::Kind;

constexpr uint32_t kMaxSlop = 1000;  // searcher/query.h

void CheckTree(const QueryNode& node, std::string_view query, bool excluded) {
  auto fail = [&](std::string_view what) {
    Die(StrCat("query ", std::string(query), ": ", node.DebugString(), ": ", what));
  };
  if (node.offset > query.size()) fail("offset past the end of the query");
  if (node.slop > kMaxSlop) fail("slop above 1000");
  if (node.slop > 0 && node.kind != Kind::kPhrase && node.kind != Kind::kNear) {
    fail("slop on a node that is neither a phrase nor NEAR");
  }
  const bool leaf = node.kind == Kind::kTerm || node.kind == Kind::kPhrase ||
                    node.kind == Kind::kPrefix || node.kind == Kind::kPhrasings;
  if (leaf) {
    if (!node.children.empty()) fail("a leaf with children");
    if (node.words.empty()) fail("a leaf without words");
    if ((node.kind == Kind::kTerm || node.kind == Kind::kPrefix) && node.words.size() != 1) {
      fail("a term or prefix of more than one word");
    }
    if (node.kind == Kind::kPhrasings && (node.field != QueryField::kBody || node.slop != 0)) {
      fail("a phrasings query in a field or with a slop");
    }
    if (node.kind == Kind::kPhrasings && excluded) fail("an excluded phrasings query");
    if (node.field != QueryField::kBody && node.slop != 0) fail("a sloppy phrase in a field");
    return;
  }
  if (node.field != QueryField::kBody) fail("an operator in a field");
  if (!node.words.empty()) fail("an operator with words");
  switch (node.kind) {
    case Kind::kAndNot:
      if (node.children.size() != 2) fail("AND NOT without exactly two children");
      break;
    case Kind::kNear:
      if (node.children.size() < 2) fail("NEAR with fewer than two children");
      for (const QueryNode& child : node.children) {
        if (child.kind != Kind::kTerm || child.field != QueryField::kBody) {
          fail("a NEAR operand that is not a body term");
        }
      }
      break;
    default:
      if (node.children.size() < 2) fail("AND or OR with fewer than two children");
  }
  for (size_t c = 0; c < node.children.size(); ++c) {
    const bool negated = node.kind == Kind::kAndNot && c == 1;
    CheckTree(node.children[c], query, excluded || negated);
  }
}

void CheckParse(std::string_view query, const ParseOptions& options) {
  absl::StatusOr<QueryNode> node = ParseQuery(query, options);
  if (!node.ok()) {
    CheckStatusCode(node.status(), {absl::StatusCode::kInvalidArgument}, "ParseQuery");
    const std::string shown = DescribeQueryError(query, node.status());
    if (shown.empty() || shown.back() != '\n') Die("DescribeQueryError: no final newline");
    return;
  }
  CheckTree(*node, query, /*excluded=*/false);
  if (options.phrasings && node->kind != Kind::kPhrasings) Die("--phrasings without PHRASINGS");
  (void)node->DebugString();
}

struct SearchFixture {
  std::unique_ptr<IndexReader> index;
  std::unique_ptr<Searcher> searcher;
  SynonymMap synonyms;
};

SearchFixture* fixture = nullptr;

void CheckSearch(std::string_view query, const SearchOptions& options) {
  absl::StatusOr<SearchResults> results = fixture->searcher->Search(query, options);
  if (!results.ok()) {
    CheckStatusCode(results.status(), {absl::StatusCode::kInvalidArgument}, "Search");
    return;
  }
  if (results->hits.size() > options.k) Die("more hits than k");
  for (size_t i = 1; i < results->hits.size(); ++i) {
    const Hit& before = results->hits[i - 1];
    const Hit& hit = results->hits[i];
    if (hit.tier > before.tier || (hit.tier == before.tier && hit.score > before.score)) {
      Die(StrCat("query ", std::string(query), ": hits out of order at rank ", i + 1));
    }
  }
}

}  // namespace
}  // namespace syndex::fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  using namespace syndex;
  using namespace syndex::fuzz;
  const std::string dir = FuzzScratchDir() + "/index";
  BuildFuzzIndex(dir);
  fixture = new SearchFixture;
  auto index = IndexReader::Open(dir);
  if (!index.ok()) Die(StrCat("cannot open the index: ", index.status().ToString()));
  fixture->index = std::move(*index);
  fixture->searcher = std::make_unique<Searcher>(fixture->index.get());
  auto synonyms = SynonymMap::Parse("builtin", BuiltinNewsSynonyms(), fixture->searcher->analyzer());
  if (!synonyms.ok()) Die(StrCat("synonyms: ", synonyms.status().ToString()));
  fixture->synonyms = std::move(*synonyms);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace syndex;
  using namespace syndex::fuzz;
  const std::string_view query(reinterpret_cast<const char*>(data), size);

  ParseOptions or_default;
  ParseOptions and_default;
  and_default.default_operator = ParseOptions::DefaultOperator::kAnd;
  ParseOptions phrasings;
  phrasings.phrasings = true;
  CheckParse(query, or_default);
  CheckParse(query, and_default);
  CheckParse(query, phrasings);

  SearchOptions passages;
  passages.k = 5;
  passages.synonyms = &fixture->synonyms;
  CheckSearch(query, passages);

  SearchOptions documents;
  documents.unit = Unit::kDocument;
  documents.k = 3;
  documents.parse = and_default;
  documents.group = false;
  documents.outlet_weight = 0.5;
  CheckSearch(query, documents);

  SearchOptions every_phrasing = passages;
  every_phrasing.parse = phrasings;
  every_phrasing.include_boilerplate = true;
  every_phrasing.exhaustive = true;
  CheckSearch(query, every_phrasing);
  return 0;
}
