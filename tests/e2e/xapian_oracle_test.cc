// Xapian as an oracle for syndex's matching and ranking.
//
// The first kArticles Reuters-21578 articles (../shared/news/reuters21578)
// are indexed twice from the same analysis: by syndex's IndexWriter, and
// into an in-memory Xapian database (tests/e2e/xapian_adapter.h) that gets
// every body token of DocumentAnalyzer's output as a posting at position
// passage * kPassageGap + position + 1 (the gap keeps Xapian's phrases
// inside one passage, as syndex's are) and every title term as a boolean
// term "S" + term. A few hundred queries are generated with a fixed seed
// and run on both sides:
//  * every query (terms, AND, OR, AND-NOT, nested, phrases, title:): the
//    set of matching documents must be identical;
//  * every term/boolean query: syndex's top 10 (--unit doc) must equal
//    Xapian's top 10 under SyndexBm25Weight (syndex's formula fed by
//    Xapian's statistics), in order up to ties, with the same scores;
//  * the same against Xapian's own BM25Weight(k1, 0, 1, b, 0): for single
//    terms the ranking must be the same (only idf differs, a constant factor
//    per term, checked exactly); for several terms the top-10 overlap is
//    measured and must stay >= kMinMeanOverlap on average.
//
// The syndex query string is built from the words as they appear in the
// article (the token's byte range), since syndex analyzes query words again;
// the Xapian query from the analyzed terms. A query whose words do not
// analyze back to those terms is reported as a failure of its own.
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "common/analyzer.h"
#include "common/format.h"
#include "common/status_macros.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/document_analyzer.h"
#include "indexer/document_source.h"
#include "indexer/index_maintenance.h"
#include "indexer/index_writer.h"
#include "searcher/index_reader.h"
#include "searcher/searcher.h"
#include "tests/e2e/xapian_adapter.h"

namespace syndex::e2e {
namespace {

constexpr const char* kCorpus = SYNDEX_SOURCE_DIR "/../shared/news/reuters21578/articles.jsonl.zst";
constexpr size_t kArticles = 3000;        // read from the corpus (a few may be skipped)
constexpr uint32_t kPassageGap = 100000;  // > format::kMaxPassageLength
static_assert(kPassageGap > format::kMaxPassageLength);
// Small enough that IndexWriter flushes several segments and merges them,
// so the merged postings and positions are what Xapian checks.
constexpr size_t kMemoryBudget = size_t{4} << 20;
constexpr uint64_t kSeed = 20240611;  // SYNDEX_ORACLE_SEED=n tries other queries
constexpr size_t kTopK = 10;
constexpr size_t kAllMatches = 1000000;
// Relative tolerance between syndex's float scores and Xapian's doubles.
constexpr double kScoreTolerance = 1e-5;
// Floor for the mean top-10 overlap with Xapian's own BM25Weight on
// multi-term queries. Measured 0.971 (0.966-0.982 over seeds 1-8).
constexpr double kMinMeanOverlap = 0.9;
constexpr int kMaxReported = 10;  // detailed failure messages per check

// One kept article: its input and its analysis, as IndexWriter made it.
struct Article {
  RawDocument raw;
  AnalyzedDocument analyzed;
  std::vector<Token> title_tokens;  // raw.title analyzed alone, for title: words
};

// A word of an article: as written there, and as analyzed.
struct Word {
  std::string surface;
  std::string term;
};

struct GeneratedQuery {
  std::string kind;
  std::string text;  // syndex query language
  OracleQuery oracle;
  // Terms ResolveQuery must produce ("title:" + term for the title field),
  // in any order.
  std::vector<std::string> expected_terms;
  bool ranked = false;  // compare BM25 rankings (term and boolean queries)
};

struct Corpus {
  std::string dir;
  std::unique_ptr<IndexReader> index;
  std::unique_ptr<XapianIndex> xapian;
  std::vector<Article> articles;
  size_t read = 0, skipped = 0;
  uint64_t segments_flushed = 0;
  std::vector<GeneratedQuery> queries;
};

// ---------------------------------------------------------------------------
// Building both indexes.

absl::Status BuildCorpus(Corpus* corpus) {
  std::string tmpl =
      StrCat(std::filesystem::temp_directory_path().string(), "/syndex_xapian_oracle_XXXXXX");
  if (::mkdtemp(tmpl.data()) == nullptr) return absl::InternalError(StrCat("mkdtemp ", tmpl));
  corpus->dir = tmpl;
  ASSIGN_OR_RETURN(auto source, OpenDocumentSource(kCorpus, [](std::string_view) {}));
  IndexWriterOptions options;
  options.memory_budget = kMemoryBudget;
  ASSIGN_OR_RETURN(auto writer, IndexWriter::Create(corpus->dir, options));
  ASSIGN_OR_RETURN(corpus->xapian, XapianIndex::CreateInMemory());
  DocumentAnalyzer analyzer{PassageOptions{}};  // IndexWriterOptions' default
  Analyzer title_analyzer;
  absl::flat_hash_set<std::string> ids;
  RawDocument raw;
  while (corpus->read < kArticles) {
    ASSIGN_OR_RETURN(bool more, source->Next(&raw));
    if (!more) break;
    ++corpus->read;
    RETURN_IF_ERROR(writer->Add(raw));
    // Skip what IndexWriter::Add skips, in its order: a duplicate id first
    // (even if the first holder had no words), then a document without words.
    if (!ids.insert(raw.id).second) {
      ++corpus->skipped;
      continue;
    }
    Article article;
    analyzer.Analyze(raw, &article.analyzed);
    if (article.analyzed.passages.empty()) {
      ++corpus->skipped;
      continue;
    }
    OracleDocument doc;
    doc.data = raw.id;
    const auto& passages = article.analyzed.passages;
    for (uint32_t p = 0; p < passages.size(); ++p) {
      for (const Token& token : passages[p].tokens) {
        doc.postings.emplace_back(token.term, p * kPassageGap + token.position + 1);
      }
    }
    for (const std::string& term : article.analyzed.title_terms) {
      doc.boolean_terms.push_back("S" + term);
    }
    RETURN_IF_ERROR(corpus->xapian->Add(doc));
    title_analyzer.Analyze(raw.title, 0, &article.title_tokens);
    article.raw = raw;
    corpus->articles.push_back(std::move(article));
  }
  RETURN_IF_ERROR(corpus->xapian->Commit());
  RETURN_IF_ERROR(writer->Commit());
  if (writer->stats().documents != corpus->articles.size() ||
      writer->stats().skipped != corpus->skipped) {
    return absl::InternalError(StrCat(
        "IndexWriter kept ", writer->stats().documents, " and skipped ", writer->stats().skipped,
        " documents; the test kept ", corpus->articles.size(), " and skipped ", corpus->skipped));
  }
  corpus->segments_flushed = writer->stats().segments_flushed;
  writer.reset();
  ASSIGN_OR_RETURN(corpus->index, IndexReader::Open(corpus->dir));
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Query generation.

uint64_t Seed() {
  const char* seed = std::getenv("SYNDEX_ORACLE_SEED");
  return seed != nullptr ? std::strtoull(seed, nullptr, 10) : kSeed;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) StrAppend(&out, i ? separator : "", parts[i]);
  return out;
}

// A word outside quotes: the operators AND, OR, NOT are written in lower
// case, which syndex reads as the word (the analyzer folds case anyway).
std::string Bare(const Word& w) {
  if (w.surface == "AND" || w.surface == "OR" || w.surface == "NOT") {
    std::string lower = w.surface;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
  }
  return w.surface;
}

class QueryGenerator {
 public:
  QueryGenerator(const std::vector<Article>& articles, uint64_t seed)
      : articles_(articles), rng_(seed) {}

  std::vector<GeneratedQuery> Generate() {
    std::vector<GeneratedQuery> out;
    auto add = [&](int count, auto make) {
      for (int i = 0; i < count; ++i) {
        for (int attempt = 0; attempt < 20; ++attempt) {
          std::optional<GeneratedQuery> q = make(i);
          if (q && DistinctTerms(*q)) {
            out.push_back(std::move(*q));
            break;
          }
        }
      }
    };
    add(120, [&](int i) { return TermQuery(i); });
    add(60, [&](int i) { return AndQuery(i); });
    add(60, [&](int i) { return OrQuery(i); });
    add(40, [&](int i) { return AndNotQuery(i); });
    add(30, [&](int i) { return NestedQuery(i); });
    add(100, [&](int i) { return PhraseQuery(i); });
    add(30, [&](int i) { return SwappedPhraseQuery(i); });
    add(20, [&](int i) { return CrossPassagePhraseQuery(i); });
    add(30, [&](int i) { return RepeatedTermPhraseQuery(i); });
    add(40, [&](int i) { return RandomPhraseQuery(i); });
    add(20, [&](int i) { return PhraseBooleanQuery(i); });
    add(30, [&](int i) { return TitleQuery(i); });
    return out;
  }

 private:
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }

  const Article& RandomArticle() { return articles_[Pick(articles_.size())]; }

  Word WordAt(const Article& a, size_t passage, size_t token) const {
    const AnalyzedPassage& p = a.analyzed.passages[passage];
    const Token& t = p.tokens[token];
    const std::string& source = p.is_title ? a.raw.title : a.raw.text;
    return {source.substr(t.start, t.end - t.start), t.term};
  }

  // A random token of `a`: uniform over its tokens (frequent words come up
  // often) or, if `rare`, over its distinct terms (rarer words come up).
  Word RandomWordOf(const Article& a, bool rare) {
    std::vector<std::pair<size_t, size_t>> tokens;
    absl::flat_hash_set<std::string> seen;
    for (size_t p = 0; p < a.analyzed.passages.size(); ++p) {
      const auto& passage_tokens = a.analyzed.passages[p].tokens;
      for (size_t t = 0; t < passage_tokens.size(); ++t) {
        if (!rare || seen.insert(passage_tokens[t].term).second) tokens.emplace_back(p, t);
      }
    }
    const auto [p, t] = tokens[Pick(tokens.size())];
    return WordAt(a, p, t);
  }
  Word RandomWord(bool rare) { return RandomWordOf(RandomArticle(), rare); }

  // 2 or 3 words, from one article (so that AND can match) or from several.
  std::vector<Word> SomeWords(int i, size_t count) {
    const Article& a = RandomArticle();
    std::vector<Word> words;
    for (size_t j = 0; j < count; ++j) {
      words.push_back(i % 3 == 2 ? RandomWord(j % 2 == 1) : RandomWordOf(a, (i + j) % 2 == 1));
    }
    return words;
  }

  static OracleQuery Terms(OracleQuery::Op op, const std::vector<Word>& words) {
    std::vector<OracleQuery> children;
    for (const Word& w : words) children.push_back(OracleQuery::Term(w.term));
    return {op, {}, std::move(children)};
  }
  static std::vector<std::string> TermsOf(const std::vector<Word>& words) {
    std::vector<std::string> terms;
    for (const Word& w : words) terms.push_back(w.term);
    return terms;
  }
  static std::vector<std::string> BareWords(const std::vector<Word>& words) {
    std::vector<std::string> bare;
    for (const Word& w : words) bare.push_back(Bare(w));
    return bare;
  }
  static std::string Quoted(const std::vector<Word>& words) {
    std::vector<std::string> surfaces;
    for (const Word& w : words) surfaces.push_back(w.surface);
    return StrCat("\"", Join(surfaces, " "), "\"");
  }

  // Boolean queries must not repeat a term (Xapian would merge repeated
  // terms into one with wqf 2; syndex scores each occurrence).
  static bool DistinctTerms(const GeneratedQuery& q) {
    if (q.kind.rfind("phrase", 0) == 0) return true;
    absl::flat_hash_set<std::string> seen(q.expected_terms.begin(), q.expected_terms.end());
    return seen.size() == q.expected_terms.size();
  }

  std::optional<GeneratedQuery> TermQuery(int i) {
    const Word w = RandomWord(i % 2 == 1);
    return GeneratedQuery{"term", Bare(w), OracleQuery::Term(w.term), {w.term}, true};
  }

  std::optional<GeneratedQuery> AndQuery(int i) {
    const std::vector<Word> words = SomeWords(i, 2 + i % 2);
    return GeneratedQuery{"and", Join(BareWords(words), " AND "),
                          Terms(OracleQuery::Op::kAnd, words), TermsOf(words), true};
  }

  std::optional<GeneratedQuery> OrQuery(int i) {
    const std::vector<Word> words = SomeWords(i, 2 + i % 2);
    // Half explicit OR, half juxtaposition (the default operator is OR).
    return GeneratedQuery{"or", Join(BareWords(words), i % 2 ? " OR " : " "),
                          Terms(OracleQuery::Op::kOr, words), TermsOf(words), true};
  }

  std::optional<GeneratedQuery> AndNotQuery(int i) {
    const std::vector<Word> words = SomeWords(i, 2 + i % 2);
    const std::string negative = Bare(words.back());
    const OracleQuery excluded = OracleQuery::Term(words.back().term);
    if (words.size() == 2) {
      const std::string text = i % 4 == 0 ? StrCat(Bare(words[0]), " AND NOT ", negative)
                                          : StrCat(Bare(words[0]), " -", negative);
      return GeneratedQuery{"andnot", text,
                            OracleQuery::AndNot(OracleQuery::Term(words[0].term), excluded),
                            TermsOf(words), true};
    }
    // "a b -c" is AND(OR(a b) NOT c).
    return GeneratedQuery{
        "andnot", StrCat(Bare(words[0]), " ", Bare(words[1]), " -", negative),
        OracleQuery::AndNot(Terms(OracleQuery::Op::kOr, {words[0], words[1]}), excluded),
        TermsOf(words), true};
  }

  std::optional<GeneratedQuery> NestedQuery(int i) {
    std::vector<Word> words = SomeWords(i, 3);
    if (i % 2 == 0) {  // (a OR b) AND c
      return GeneratedQuery{
          "nested", StrCat("(", Bare(words[0]), " OR ", Bare(words[1]), ") AND ", Bare(words[2])),
          OracleQuery::And({Terms(OracleQuery::Op::kOr, {words[0], words[1]}),
                            OracleQuery::Term(words[2].term)}),
          TermsOf(words), true};
    }
    // a AND (b OR c) -d
    words.push_back(RandomWord(false));
    return GeneratedQuery{
        "nested",
        StrCat(Bare(words[0]), " AND (", Bare(words[1]), " OR ", Bare(words[2]), ") -",
               Bare(words[3])),
        OracleQuery::AndNot(OracleQuery::And({OracleQuery::Term(words[0].term),
                                              Terms(OracleQuery::Op::kOr, {words[1], words[2]})}),
                            OracleQuery::Term(words[3].term)),
        TermsOf(words), true};
  }

  static GeneratedQuery Phrase(std::string kind, const std::vector<Word>& words) {
    return GeneratedQuery{std::move(kind), Quoted(words), OracleQuery::Phrase(TermsOf(words)),
                          TermsOf(words), false};
  }

  // 2-4 consecutive tokens of a passage of a random article: matches.
  std::optional<std::vector<Word>> Consecutive(size_t length) {
    const Article& a = RandomArticle();
    const size_t p = Pick(a.analyzed.passages.size());
    const size_t n = a.analyzed.passages[p].tokens.size();
    if (n < length) return std::nullopt;
    const size_t start = Pick(n - length + 1);
    std::vector<Word> words;
    for (size_t t = start; t < start + length; ++t) words.push_back(WordAt(a, p, t));
    return words;
  }

  std::optional<GeneratedQuery> PhraseQuery(int i) {
    auto words = Consecutive(2 + i % 3);
    if (!words) return std::nullopt;
    return Phrase("phrase", *words);
  }

  // Two adjacent tokens of a matching phrase swapped: the terms co-occur,
  // so only positions decide (mostly no match).
  std::optional<GeneratedQuery> SwappedPhraseQuery(int i) {
    auto words = Consecutive(2 + i % 3);
    if (!words) return std::nullopt;
    const size_t j = Pick(words->size() - 1);
    if ((*words)[j].term == (*words)[j + 1].term) return std::nullopt;
    std::swap((*words)[j], (*words)[j + 1]);
    return Phrase("phrase_swapped", *words);
  }

  // 3-4 consecutive tokens in which a term occurs twice ("mln dlrs vs mln"),
  // where a phrase matcher can confuse the two occurrences.
  std::optional<GeneratedQuery> RepeatedTermPhraseQuery(int i) {
    const size_t length = 3 + i % 2;
    for (int attempt = 0; attempt < 50; ++attempt) {
      const Article& a = RandomArticle();
      const size_t p = Pick(a.analyzed.passages.size());
      const auto& tokens = a.analyzed.passages[p].tokens;
      if (tokens.size() < length) continue;
      const size_t windows = tokens.size() - length + 1, offset = Pick(windows);
      for (size_t w = 0; w < windows; ++w) {
        const size_t start = (offset + w) % windows;
        absl::flat_hash_set<std::string> seen;
        for (size_t t = start; t < start + length; ++t) seen.insert(tokens[t].term);
        if (seen.size() == length) continue;
        std::vector<Word> words;
        for (size_t t = start; t < start + length; ++t) words.push_back(WordAt(a, p, t));
        return Phrase("phrase_repeat", words);
      }
    }
    return std::nullopt;
  }

  // The last tokens of a passage and the first of the next: syndex's
  // phrases never cross passages (mostly no match, unless it occurs inside
  // some passage).
  std::optional<GeneratedQuery> CrossPassagePhraseQuery(int i) {
    const Article& a = RandomArticle();
    const size_t passages = a.analyzed.passages.size();
    if (passages < 2) return std::nullopt;
    const size_t p = Pick(passages - 1);
    const size_t before = 1 + i % 2;
    const auto& first = a.analyzed.passages[p].tokens;
    if (first.size() < before) return std::nullopt;
    std::vector<Word> words;
    for (size_t t = first.size() - before; t < first.size(); ++t) words.push_back(WordAt(a, p, t));
    words.push_back(WordAt(a, p + 1, 0));
    return Phrase("phrase_cross", words);
  }

  std::optional<GeneratedQuery> RandomPhraseQuery(int i) {
    std::vector<Word> words;
    for (int j = 0; j < 2 + i % 2; ++j) words.push_back(RandomWord(false));
    return Phrase("phrase_random", words);
  }

  std::optional<GeneratedQuery> PhraseBooleanQuery(int i) {
    auto a = Consecutive(2);
    if (!a) return std::nullopt;
    GeneratedQuery first = Phrase("", *a);
    if (i % 2 == 0) {  // "a b" -c
      const Word c = RandomWordOf(RandomArticle(), true);
      first.expected_terms.push_back(c.term);
      return GeneratedQuery{"phrase_bool", StrCat(first.text, " -", Bare(c)),
                            OracleQuery::AndNot(first.oracle, OracleQuery::Term(c.term)),
                            first.expected_terms, false};
    }
    auto b = Consecutive(2 + i % 3);  // "a b" OR "c d"
    if (!b) return std::nullopt;
    GeneratedQuery second = Phrase("", *b);
    for (auto& t : second.expected_terms) first.expected_terms.push_back(t);
    return GeneratedQuery{"phrase_bool", StrCat(first.text, " OR ", second.text),
                          OracleQuery::Or({first.oracle, second.oracle}), first.expected_terms,
                          false};
  }

  // title:w, title:w AND body, title:w -body.
  std::optional<GeneratedQuery> TitleQuery(int i) {
    const Article& a = RandomArticle();
    if (a.title_tokens.empty()) return std::nullopt;
    const Token& t = a.title_tokens[Pick(a.title_tokens.size())];
    const Word w{a.raw.title.substr(t.start, t.end - t.start), t.term};
    const std::string text = StrCat("title:", Bare(w));
    OracleQuery title = OracleQuery::Term("S" + w.term);
    std::vector<std::string> expected = {"title:" + w.term};
    if (i % 3 == 0) return GeneratedQuery{"title", text, title, expected, false};
    const Word body = RandomWordOf(i % 3 == 1 ? a : RandomArticle(), false);
    expected.push_back(body.term);
    if (i % 3 == 1) {
      return GeneratedQuery{"title", StrCat(text, " AND ", Bare(body)),
                            OracleQuery::And({title, OracleQuery::Term(body.term)}), expected,
                            false};
    }
    return GeneratedQuery{"title", StrCat(text, " -", Bare(body)),
                          OracleQuery::AndNot(title, OracleQuery::Term(body.term)), expected,
                          false};
  }

  const std::vector<Article>& articles_;
  std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------
// Running and comparing.

void CollectTerms(const ResolvedNode& node, std::vector<std::string>* out) {
  if (node.kind == ResolvedNode::Kind::kTerm || node.kind == ResolvedNode::Kind::kPhrase) {
    for (const ResolvedTerm& t : node.terms) {
      const char* prefix = t.field == format::Field::kTitle    ? "title:"
                           : t.field == format::Field::kOutlet ? "outlet:"
                                                               : "";
      out->push_back(StrCat(prefix, t.term));
    }
  }
  for (const ResolvedNode& child : node.children) CollectTerms(child, out);
}

struct SyndexHit {
  std::string id;
  double score;
};

struct SyndexRun {
  std::vector<SyndexHit> hits;
  uint64_t matches = 0;
  std::vector<std::string> resolved_terms;
};

absl::StatusOr<SyndexRun> RunSyndex(const IndexReader& index, Searcher* searcher,
                                    const std::string& query, size_t k) {
  SearchOptions options;
  options.unit = Unit::kDocument;
  options.k = k;
  // Xapian knows neither near-duplicate clusters nor boilerplate: compare
  // every matching document.
  options.group = false;
  options.include_boilerplate = true;
  options.proximity.weight = 0;  // Xapian's BM25 has no proximity part
  ASSIGN_OR_RETURN(SearchResults results, searcher->Search(query, options));
  SyndexRun run;
  run.matches = results.matches;
  for (const Hit& hit : results.hits) {
    const DocumentMeta meta = index.segments()[hit.segment]->documents().Meta(hit.unit);
    run.hits.push_back({std::string(meta.id), hit.score});
  }
  CollectTerms(results.query.root, &run.resolved_terms);
  return run;
}

std::vector<std::string> SortedIds(const std::vector<SyndexHit>& hits) {
  std::vector<std::string> ids;
  for (const auto& h : hits) ids.push_back(h.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}
std::vector<std::string> SortedIds(const std::vector<OracleHit>& hits) {
  std::vector<std::string> ids;
  for (const auto& h : hits) ids.push_back(h.data);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::string Sample(const std::vector<std::string>& ids) {
  std::vector<std::string> head(ids.begin(), ids.begin() + std::min<size_t>(ids.size(), 8));
  return StrCat("[", Join(head, " "), ids.size() > 8 ? " ..." : "", "] (", ids.size(), ")");
}

bool Near(double a, double b) {
  return std::abs(a - b) <= kScoreTolerance * std::max(1.0, std::abs(b));
}

// Checks that syndex's top k equals `xapian` (every match, best first) up to
// ties: the same number of hits; each of syndex's hits among Xapian's top k
// or tied with Xapian's k-th; every Xapian hit scored strictly above the
// k-th present; syndex's order non-increasing in Xapian's weights; and, if
// `same_scale`, syndex's scores equal to Xapian's weights. Returns "" or
// what differs.
std::string CompareTopK(const std::vector<SyndexHit>& syndex, const std::vector<OracleHit>& xapian,
                        bool same_scale) {
  const size_t n = std::min(kTopK, xapian.size());
  if (syndex.size() != n) return StrCat("syndex returned ", syndex.size(), " hits, Xapian ", n);
  if (n == 0) return "";
  absl::flat_hash_map<std::string, double> weight;
  for (const OracleHit& h : xapian) weight[h.data] = h.weight;
  const double cutoff = xapian[n - 1].weight;
  absl::flat_hash_set<std::string> in_syndex;
  for (size_t i = 0; i < n; ++i) {
    const SyndexHit& h = syndex[i];
    in_syndex.insert(h.id);
    auto it = weight.find(h.id);
    if (it == weight.end()) return StrCat("syndex hit ", h.id, " does not match in Xapian");
    if (it->second < cutoff && !Near(it->second, cutoff)) {
      return StrCat("syndex rank ", i + 1, " is ", h.id, " with Xapian weight ", it->second,
                    " below Xapian's ", n, "th ", cutoff);
    }
    if (i > 0) {
      const double previous = weight[syndex[i - 1].id];
      if (it->second > previous && !Near(it->second, previous)) {
        return StrCat("syndex ranks ", h.id, " (Xapian ", it->second, ") below ", syndex[i - 1].id,
                      " (Xapian ", previous, ")");
      }
    }
    if (same_scale && !Near(h.score, it->second)) {
      return StrCat("doc ", h.id, ": syndex score ", h.score, ", Xapian weight ", it->second);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (xapian[i].weight > cutoff && !Near(xapian[i].weight, cutoff) &&
        !in_syndex.contains(xapian[i].data)) {
      return StrCat("Xapian rank ", i + 1, " ", xapian[i].data, " (", xapian[i].weight,
                    ") is missing from syndex's top ", n);
    }
  }
  return "";
}

bool SameOrder(const std::vector<SyndexHit>& syndex, const std::vector<OracleHit>& xapian) {
  for (size_t i = 0; i < syndex.size(); ++i) {
    if (i >= xapian.size() || syndex[i].id != xapian[i].data) return false;
  }
  return true;
}

double Overlap(const std::vector<SyndexHit>& syndex, const std::vector<OracleHit>& xapian) {
  const size_t n = std::min(kTopK, xapian.size());
  if (n == 0) return 1;
  absl::flat_hash_set<std::string> top;
  for (size_t i = 0; i < n; ++i) top.insert(xapian[i].data);
  size_t common = 0;
  for (const SyndexHit& h : syndex) common += top.contains(h.id);
  return double(common) / double(n);
}

// ---------------------------------------------------------------------------
// The fixture: both indexes and the queries, built once.

class XapianOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kCorpus)) {
      skip_reason_ = new std::string(StrCat(kCorpus, " is absent"));
      return;
    }
    corpus_ = new Corpus;
    const absl::Status status = BuildCorpus(corpus_);
    if (!status.ok()) {
      error_ = new std::string(status.ToString());
      return;
    }
    corpus_->queries = QueryGenerator(corpus_->articles, Seed()).Generate();
  }

  static void TearDownTestSuite() {
    if (corpus_ != nullptr) {
      corpus_->index.reset();
      std::error_code ignored;
      if (!corpus_->dir.empty()) std::filesystem::remove_all(corpus_->dir, ignored);
    }
    delete corpus_;
    delete skip_reason_;
    delete error_;
    corpus_ = nullptr;
    skip_reason_ = error_ = nullptr;
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
    ASSERT_EQ(error_, nullptr) << *error_;
  }

  // Runs `q` on syndex; false (with a failure) if it errs or its words do
  // not analyze to the expected terms.
  bool RunChecked(Searcher* searcher, const GeneratedQuery& q, size_t k, SyndexRun* run) {
    auto result = RunSyndex(*corpus_->index, searcher, q.text, k);
    if (!result.ok()) {
      ADD_FAILURE() << q.kind << " query " << q.text << ": " << result.status();
      return false;
    }
    *run = std::move(*result);
    std::vector<std::string> got = run->resolved_terms, want = q.expected_terms;
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    if (got != want) {
      ADD_FAILURE() << q.kind << " query " << q.text << " resolves to terms [" << Join(got, " ")
                    << "], the article's analysis gave [" << Join(want, " ") << "]";
      return false;
    }
    return true;
  }

  static Corpus* corpus_;
  static std::string* skip_reason_;
  static std::string* error_;
};

Corpus* XapianOracle::corpus_ = nullptr;
std::string* XapianOracle::skip_reason_ = nullptr;
std::string* XapianOracle::error_ = nullptr;

TEST_F(XapianOracle, CollectionStatisticsAgree) {
  const Corpus& c = *corpus_;
  ASSERT_GE(c.articles.size(), kArticles * 9 / 10);
  auto docs = c.xapian->DocumentCount();
  ASSERT_TRUE(docs.ok()) << docs.status();
  EXPECT_EQ(*docs, c.index->stats().documents);
  EXPECT_EQ(*docs, c.articles.size());
  auto average = c.xapian->AverageLength();
  ASSERT_TRUE(average.ok()) << average.status();
  EXPECT_NEAR(*average, c.index->stats().average_document_length(), 1e-9);
  // Document frequencies of every term the queries use.
  int checked = 0;
  for (const GeneratedQuery& q : c.queries) {
    for (const std::string& term : q.expected_terms) {
      const bool title = term.rfind("title:", 0) == 0;
      const std::string bare = title ? term.substr(6) : term;
      auto df = c.xapian->TermFrequency(title ? "S" + bare : bare);
      ASSERT_TRUE(df.ok()) << df.status();
      EXPECT_EQ(
          *df, c.index->Stats(title ? format::Field::kTitle : format::Field::kBody, bare).documents)
          << term;
      ++checked;
    }
  }
  EXPECT_GE(c.segments_flushed, 2u) << "raise or lower kMemoryBudget to exercise the merge";
  std::printf(
      "[oracle] %zu articles read, %zu kept, %zu skipped; %d segments flushed and merged into "
      "%zu; %d term frequencies checked\n",
      c.read, c.articles.size(), c.skipped, static_cast<int>(c.segments_flushed),
      c.index->segments().size(), checked);
}

TEST_F(XapianOracle, MatchSetsAgree) {
  Searcher searcher(corpus_->index.get());
  std::map<std::string, std::pair<int, int>> per_kind;  // kind -> (queries, non-empty)
  int reported = 0, mismatches = 0;
  for (const GeneratedQuery& q : corpus_->queries) {
    SyndexRun run;
    if (!RunChecked(&searcher, q, kAllMatches, &run)) continue;
    auto xapian = corpus_->xapian->Search(q.oracle, OracleWeighting::kBoolean, 0);
    ASSERT_TRUE(xapian.ok()) << xapian.status();
    EXPECT_EQ(run.matches, run.hits.size()) << q.text;
    const std::vector<std::string> got = SortedIds(run.hits), want = SortedIds(*xapian);
    auto& [queries, non_empty] = per_kind[q.kind];
    ++queries;
    non_empty += !want.empty();
    if (got != want) {
      ++mismatches;
      std::vector<std::string> only_syndex, only_xapian;
      std::set_difference(got.begin(), got.end(), want.begin(), want.end(),
                          std::back_inserter(only_syndex));
      std::set_difference(want.begin(), want.end(), got.begin(), got.end(),
                          std::back_inserter(only_xapian));
      if (reported++ < kMaxReported) {
        ADD_FAILURE() << q.kind << " query " << q.text << ": syndex matches " << got.size()
                      << " documents, Xapian " << want.size()
                      << "; only syndex: " << Sample(only_syndex)
                      << "; only Xapian: " << Sample(only_xapian);
      }
    }
  }
  int total = 0, total_non_empty = 0;
  for (const auto& [kind, counts] : per_kind) {
    std::printf("[oracle] match sets %-15s %4d queries, %4d with matches\n", kind.c_str(),
                counts.first, counts.second);
    total += counts.first;
    total_non_empty += counts.second;
  }
  std::printf("[oracle] match sets: %d queries compared, %d with matches, %d differ\n", total,
              total_non_empty, mismatches);
  EXPECT_EQ(mismatches, 0);
  EXPECT_GE(total, 400);
  EXPECT_GE(total_non_empty, total / 2);
}

// syndex's BM25 against the same formula run by Xapian's matcher on
// Xapian's statistics: the top 10 must agree, scores included.
TEST_F(XapianOracle, Bm25TopTenEqualsSameFormulaInXapian) {
  Searcher searcher(corpus_->index.get());
  int compared = 0, same_order = 0, reported = 0, differ = 0;
  for (const GeneratedQuery& q : corpus_->queries) {
    if (!q.ranked) continue;
    SyndexRun run;
    if (!RunChecked(&searcher, q, kTopK, &run)) continue;
    auto xapian = corpus_->xapian->Search(q.oracle, OracleWeighting::kSyndexBm25, 0);
    ASSERT_TRUE(xapian.ok()) << xapian.status();
    ++compared;
    same_order += SameOrder(run.hits, *xapian);
    const std::string diff = CompareTopK(run.hits, *xapian, /*same_scale=*/true);
    if (!diff.empty()) {
      ++differ;
      if (reported++ < kMaxReported) ADD_FAILURE() << q.kind << " query " << q.text << ": " << diff;
    }
  }
  std::printf(
      "[oracle] BM25 (syndex formula in Xapian): %d ranked queries, top 10 agrees (up to ties) "
      "in %d, in the very same id order in %d\n",
      compared, compared - differ, same_order);
  EXPECT_GE(compared, 250);
}

// syndex against Xapian's own BM25Weight(k1, k2 = 0, k3 = 1, b,
// min_normlen = 0). Only the idf differs (see SyndexBm25Weight):
//   syndex  ln(1 + tw)
//   Xapian  ln(tw) if tw >= 2, else ln(1 + tw / 2),   tw = (N - df + 0.5) / (df + 0.5)
// so for one term the scores differ by the constant factor
// idf_xapian / idf_syndex and the ranking is the same; for several terms
// the terms' relative weights differ and so can the top 10.
TEST_F(XapianOracle, Bm25AgainstXapianBm25Weight) {
  Searcher searcher(corpus_->index.get());
  const double n = static_cast<double>(corpus_->index->stats().documents);
  int single = 0, single_same_order = 0, reported = 0, single_differ = 0;
  int multi = 0, multi_full = 0;
  double overlap_sum = 0, overlap_min = 1;
  std::map<std::string, std::pair<int, double>> per_kind;
  for (const GeneratedQuery& q : corpus_->queries) {
    if (!q.ranked) continue;
    SyndexRun run;
    if (!RunChecked(&searcher, q, kTopK, &run)) continue;
    auto xapian = corpus_->xapian->Search(q.oracle, OracleWeighting::kXapianBm25, 0);
    ASSERT_TRUE(xapian.ok()) << xapian.status();
    if (q.kind == "term") {
      ++single;
      single_same_order += SameOrder(run.hits, *xapian);
      std::string diff = CompareTopK(run.hits, *xapian, /*same_scale=*/false);
      if (diff.empty() && !run.hits.empty()) {
        auto df = corpus_->xapian->TermFrequency(q.oracle.terms[0]);
        ASSERT_TRUE(df.ok()) << df.status();
        const double tw = (n - double(*df) + 0.5) / (double(*df) + 0.5);
        const double ratio = (tw >= 2 ? std::log(tw) : std::log(1 + tw / 2)) / std::log(1 + tw);
        for (const SyndexHit& h : run.hits) {
          const auto it = std::find_if(xapian->begin(), xapian->end(),
                                       [&](const OracleHit& x) { return x.data == h.id; });
          if (!Near(h.score * ratio, it->weight)) {
            diff = StrCat("doc ", h.id, ": syndex ", h.score, " * idf ratio ", ratio, " != Xapian ",
                          it->weight, " (df ", *df, ")");
            break;
          }
        }
      }
      if (!diff.empty()) {
        ++single_differ;
        if (reported++ < kMaxReported) ADD_FAILURE() << "term query " << q.text << ": " << diff;
      }
      continue;
    }
    const double overlap = Overlap(run.hits, *xapian);
    ++multi;
    multi_full += overlap == 1;
    overlap_sum += overlap;
    overlap_min = std::min(overlap_min, overlap);
    per_kind[q.kind].first++;
    per_kind[q.kind].second += overlap;
  }
  std::printf(
      "[oracle] BM25 vs Xapian BM25Weight: %d single-term queries, top 10 agrees in %d "
      "(identical id order in %d)\n",
      single, single - single_differ, single_same_order);
  for (const auto& [kind, v] : per_kind) {
    std::printf("[oracle]   %-8s %3d queries, mean top-10 overlap %.3f\n", kind.c_str(), v.first,
                v.second / v.first);
  }
  const double mean = multi ? overlap_sum / multi : 1;
  std::printf(
      "[oracle] BM25 vs Xapian BM25Weight: %d multi-term queries, mean top-10 overlap %.3f, "
      "min %.2f, %d identical sets\n",
      multi, mean, overlap_min, multi_full);
  EXPECT_GE(single, 100);
  EXPECT_GE(multi, 150);
  EXPECT_GE(mean, kMinMeanOverlap);
}

// The adapter maps Xapian's exceptions to Status codes (STYLE.md E4).
// Deletions on both sides: every third article deleted from Xapian and,
// by `indexer delete`'s code, from a copy of syndex's index. The match sets
// must still agree before compaction (syndex skipping what its deletion
// file names) and after it (the deleted articles gone from the files).
// Runs last: it deletes from the suite's Xapian database.
TEST_F(XapianOracle, MatchSetsAgreeAfterDeletesAndCompaction) {
  const std::string dir = corpus_->dir + "_deleted";
  std::filesystem::remove_all(dir);
  std::filesystem::copy(corpus_->dir, dir, std::filesystem::copy_options::recursive);
  std::vector<std::string> ids;
  for (size_t i = 0; i < corpus_->articles.size(); i += 3) {
    ids.push_back(corpus_->articles[i].raw.id);
    ASSERT_TRUE(corpus_->xapian->Delete(static_cast<uint32_t>(i + 1)).ok());
  }
  ASSERT_TRUE(corpus_->xapian->Commit().ok());
  auto deleted = DeleteDocuments(dir, ids);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->deleted, ids.size());
  for (const bool compacted : {false, true}) {
    SCOPED_TRACE(compacted ? "after compaction" : "before compaction");
    if (compacted) {
      ASSERT_TRUE(CompactIndex(dir, CompactOptions{}).ok());
    }
    auto index = IndexReader::Open(dir);
    ASSERT_TRUE(index.ok()) << index.status();
    Searcher searcher(index->get());
    int compared = 0, non_empty = 0, mismatches = 0;
    for (const GeneratedQuery& q : corpus_->queries) {
      auto run = RunSyndex(**index, &searcher, q.text, kAllMatches);
      ASSERT_TRUE(run.ok()) << q.text << ": " << run.status();
      auto xapian = corpus_->xapian->Search(q.oracle, OracleWeighting::kBoolean, 0);
      ASSERT_TRUE(xapian.ok()) << xapian.status();
      const std::vector<std::string> got = SortedIds(run->hits), want = SortedIds(*xapian);
      ++compared;
      non_empty += !want.empty();
      if (got != want && mismatches++ < kMaxReported) {
        ADD_FAILURE() << q.kind << " query " << q.text << ": syndex " << Sample(got) << ", Xapian "
                      << Sample(want);
      }
    }
    std::printf(
        "[oracle] after deleting %zu articles%s: %d queries compared, %d with matches, "
        "%d differ\n",
        ids.size(), compacted ? " and compacting" : "", compared, non_empty, mismatches);
    EXPECT_EQ(mismatches, 0);
    EXPECT_GE(non_empty, compared / 2);
  }
  std::filesystem::remove_all(dir);
}

TEST(XapianOracleAdapter, MapsErrorsToStatus) {
  EXPECT_EQ(XapianIndex::CheckOpens("/nonexistent/syndex-xapian-db").code(),
            absl::StatusCode::kNotFound);
  auto xapian = XapianIndex::CreateInMemory();
  ASSERT_TRUE(xapian.ok()) << xapian.status();
  auto bad = (*xapian)->Search(OracleQuery::Phrase({"one"}), OracleWeighting::kBoolean, 10);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  // The rest of the table, on exceptions made here.
  EXPECT_EQ(XapianErrorToStatus(Xapian::DatabaseCorruptError("x"), "c").code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(XapianErrorToStatus(Xapian::DatabaseVersionError("x"), "c").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(XapianErrorToStatus(Xapian::DatabaseLockError("x"), "c").code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(XapianErrorToStatus(Xapian::QueryParserError("x"), "c").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(XapianErrorToStatus(Xapian::DatabaseOpeningError("x"), "c").code(),
            absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace syndex::e2e
