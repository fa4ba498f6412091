// File: tests/searcher/search_test_util.h
//
// Helpers for the searcher tests: scratch index directories built from
// hand-written RawDocuments (one segment, or several), and a brute-force
// model of an index that evaluates queries by scanning every passage's
// analyzed tokens and scores them with the BM25 formula of searcher/bm25.h,
// written out again here.
//
// Example:
//   ScratchDir dir;
//   ASSERT_TRUE(WriteSegmentedIndex(dir.path(), {docs}).ok());
//   Model model({docs});
//   OracleQuery q = OracleQuery::Word("cat");
//   std::vector<ModelHit> expected = model.Evaluate(q, Unit::kPassage, Bm25Params{});
#ifndef SYNDEX_TESTS_SEARCHER_SEARCH_TEST_UTIL_H_
#define SYNDEX_TESTS_SEARCHER_SEARCH_TEST_UTIL_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/analyzer.h"
#include "common/format.h"
#include "common/manifest.h"
#include "common/segment.h"
#include "common/str_cat.h"
#include "gtest/gtest.h"
#include "indexer/index_writer.h"
#include "indexer/raw_document.h"
#include "searcher/bm25.h"
#include "searcher/index_reader.h"
#include "searcher/query.h"
#include "searcher/resolved_query.h"
#include "tests/testing/scratch_dir.h"

namespace syndex {
namespace search_testing {

// Scratch directories of the searcher tests: syndex_search_XXXXXX.
class ScratchDir : public testing::ScratchDir {
 public:
  ScratchDir() : testing::ScratchDir("syndex_search") {}
};

inline RawDocument Doc(std::string id, std::string title, std::string text, std::string outlet = "",
                       std::string date = "", std::string url = "") {
  RawDocument doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.text = std::move(text);
  doc.outlet = std::move(outlet);
  doc.date = std::move(date);
  doc.url = std::move(url);
  doc.origin = "test";
  return doc;
}

// Writes `docs` to the index in `dir` with IndexWriter and commits: a new
// index (IndexWriter::Create), or with `add` an addition to the one there
// (CreateForAdd). `stats`, if given, receives the writer's statistics.
[[nodiscard]] inline absl::Status WriteIndexWith(const std::string& dir,
                                                 const std::vector<RawDocument>& docs,
                                                 const IndexWriterOptions& options,
                                                 bool add = false,
                                                 IndexWriterStats* stats = nullptr) {
  auto writer = add ? IndexWriter::CreateForAdd(dir, options) : IndexWriter::Create(dir, options);
  if (!writer.ok()) return writer.status();
  for (const RawDocument& doc : docs) {
    if (absl::Status s = (*writer)->Add(doc); !s.ok()) return s;
  }
  absl::Status status = (*writer)->Commit();
  if (stats != nullptr) *stats = (*writer)->stats();
  return status;
}

// Builds one committed index of `docs` in `dir` with IndexWriter.
[[nodiscard]] inline absl::Status WriteIndex(const std::string& dir,
                                             const std::vector<RawDocument>& docs,
                                             size_t memory_budget = size_t{64} << 20) {
  IndexWriterOptions options;
  options.memory_budget = memory_budget;
  return WriteIndexWith(dir, docs, options);
}

// WriteIndex, then opens the index for reading.
[[nodiscard]] inline absl::StatusOr<std::unique_ptr<IndexReader>> WriteAndOpenIndex(
    const std::string& dir, const std::vector<RawDocument>& docs) {
  if (absl::Status s = WriteIndex(dir, docs); !s.ok()) return s;
  return IndexReader::Open(dir);
}

// Builds an index in `dir` whose manifest names one segment per group, in
// order. IndexWriter always merges into one segment, so each group is
// written as an index of its own and its segment's files are moved in under
// a new name.
[[nodiscard]] inline absl::Status WriteSegmentedIndex(
    const std::string& dir, const std::vector<std::vector<RawDocument>>& groups) {
  namespace fs = std::filesystem;
  fs::create_directories(dir);
  Manifest manifest;
  manifest.generation = 1;
  for (size_t g = 0; g < groups.size(); ++g) {
    const std::string part = StrCat(dir, "/part", g);
    if (absl::Status s = WriteIndex(part, groups[g]); !s.ok()) return s;
    auto part_manifest = ReadManifest(part);
    if (!part_manifest.ok()) return part_manifest.status();
    if (part_manifest->segments.size() != 1) return absl::InternalError("expected one segment");
    SegmentInfo info = part_manifest->segments[0];
    char name[32];
    std::snprintf(name, sizeof name, "seg%06zu", g + 1);
    for (const fs::directory_entry& entry : fs::directory_iterator(part)) {
      const std::string file = entry.path().filename().string();
      if (file.rfind(info.name, 0) != 0) continue;
      fs::rename(entry.path(), fs::path(dir) / (name + file.substr(info.name.size())));
    }
    fs::remove_all(part);
    info.name = name;
    manifest.segments.push_back(info);
  }
  return WriteManifest(dir, manifest);
}

// ------------------------------------------------------------ oracle queries

// A query tree that renders itself into the query language fully
// parenthesized, so the parsed tree has exactly this shape.
struct OracleQuery {
  enum class Kind { kWord, kPhrase, kPrefix, kAnd, kOr, kAndNot };
  Kind kind = Kind::kWord;
  QueryField field = QueryField::kBody;
  std::vector<std::string> words;
  std::vector<OracleQuery> children;

  static OracleQuery Word(std::string word, QueryField field = QueryField::kBody) {
    return {Kind::kWord, field, {std::move(word)}, {}};
  }
  static OracleQuery Phrase(std::vector<std::string> words, QueryField field = QueryField::kBody) {
    return {Kind::kPhrase, field, std::move(words), {}};
  }
  static OracleQuery Prefix(std::string prefix, QueryField field = QueryField::kBody) {
    return {Kind::kPrefix, field, {std::move(prefix)}, {}};
  }
  static OracleQuery Op(Kind kind, std::vector<OracleQuery> children) {
    return {kind, QueryField::kBody, {}, std::move(children)};
  }

  std::string ToString() const {
    const std::string field_prefix = field == QueryField::kTitle    ? "title:"
                                     : field == QueryField::kOutlet ? "outlet:"
                                                                    : "";
    switch (kind) {
      case Kind::kWord:
        return StrCat(field_prefix, words[0]);
      case Kind::kPrefix:
        return StrCat(field_prefix, words[0], "*");
      case Kind::kPhrase: {
        std::string out = StrCat(field_prefix, "\"");
        for (size_t i = 0; i < words.size(); ++i) StrAppend(&out, i ? " " : "", words[i]);
        return StrCat(out, "\"");
      }
      case Kind::kAndNot:
        return StrCat("(", children[0].ToString(), " -", children[1].ToString(), ")");
      case Kind::kAnd:
      case Kind::kOr: {
        std::string out = "(";
        for (size_t i = 0; i < children.size(); ++i) {
          if (i) out += kind == Kind::kAnd ? " AND " : " OR ";
          out += children[i].ToString();
        }
        return StrCat(out, ")");
      }
    }
    return "";
  }
};

// ------------------------------------------------------------ the model

// One unit the model expects to match, with its brute-force score.
struct ModelHit {
  uint32_t segment = 0;
  uint32_t unit = 0;  // passage or document id within the segment
  double score = 0;
};

struct ModelPassage {
  uint32_t segment = 0;
  PassageId id = 0;  // within the segment
  size_t doc = 0;    // index into Model::docs()
  std::vector<std::string> terms;
};

struct ModelDoc {
  uint32_t segment = 0;
  DocId id = 0;
  std::vector<size_t> passages;  // indexes into Model::passages()
  std::vector<std::string> title_terms, outlet_terms;
  size_t length = 0;
};

// Brute-force evaluation over the analyzed tokens of documents laid out as
// this model assumes. Passages rank among distinct texts, as in the index
// (docs/DEDUP.md): a passage whose text (whitespace runs read as one
// space) equals an earlier passage's of the same segment is a copy, left
// out of N, df and the average length. The layout: the title (if any) is passage 0, then one
// passage per
// "\n\n"-separated paragraph. Callers write documents that fit: short
// paragraphs, each with a word, and titles that neither start the text nor
// equal a paragraph (the model checks these and fails the test otherwise).
class Model {
 public:
  explicit Model(const std::vector<std::vector<RawDocument>>& segments) {
    for (uint32_t s = 0; s < segments.size(); ++s) {
      for (DocId d = 0; d < segments[s].size(); ++d) AddDoc(s, d, segments[s][d]);
    }
  }

  const std::vector<ModelPassage>& passages() const { return passages_; }
  const std::vector<ModelDoc>& docs() const { return docs_; }
  size_t tokens() const { return tokens_; }
  Analyzer* analyzer() { return &analyzer_; }

  std::vector<std::string> Terms(std::string_view text) {
    std::vector<Token> tokens;
    analyzer_.Analyze(text, 0, &tokens);
    std::vector<std::string> terms;
    for (Token& t : tokens) terms.push_back(std::move(t.term));
    return terms;
  }

  // Every unit matching `q`, in index order, with its BM25 score.
  std::vector<ModelHit> Evaluate(const OracleQuery& q, Unit unit, const Bm25Params& params) {
    unit_ = unit;
    params_ = params;
    std::vector<ModelHit> hits;
    if (unit == Unit::kPassage) {
      for (const ModelPassage& p : passages_) {
        if (auto score = Eval(q, {&p, &docs_[p.doc]})) hits.push_back({p.segment, p.id, *score});
      }
    } else {
      for (const ModelDoc& d : docs_) {
        if (auto score = Eval(q, {nullptr, &d})) hits.push_back({d.segment, d.id, *score});
      }
    }
    return hits;
  }

  static double Idf(double units, double df) {
    return std::log(1 + (units - df + 0.5) / (df + 0.5));
  }
  static double Bm25(double idf, double tf, double length, double average, const Bm25Params& p) {
    return idf * tf * (p.k1 + 1) / (tf + p.k1 * (1 - p.b + p.b * length / average));
  }

 private:
  static std::string CollapseSpaces(std::string_view text) {
    std::string out;
    for (char c : text) {
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out.push_back(space ? ' ' : c);
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  struct UnitRef {
    const ModelPassage* passage;  // null for the document unit
    const ModelDoc* doc;
  };

  void AddDoc(uint32_t segment, DocId id, const RawDocument& raw) {
    ModelDoc doc;
    doc.segment = segment;
    doc.id = id;
    doc.title_terms = Terms(raw.title);
    doc.outlet_terms = Terms(raw.outlet);
    std::vector<std::vector<std::string>> paragraphs;
    std::vector<std::string> texts;
    for (size_t start = 0; start <= raw.text.size();) {
      size_t end = raw.text.find("\n\n", start);
      if (end == std::string::npos) end = raw.text.size();
      texts.push_back(raw.text.substr(start, end - start));
      paragraphs.push_back(Terms(texts.back()));
      EXPECT_FALSE(paragraphs.back().empty()) << raw.id << ": empty paragraph";
      EXPECT_LE(paragraphs.back().size(), 100u) << raw.id << ": paragraph too long for the model";
      start = end + 2;
    }
    if (!doc.title_terms.empty()) {
      const auto& first = paragraphs.front();
      EXPECT_FALSE(first.size() >= doc.title_terms.size() &&
                   std::equal(doc.title_terms.begin(), doc.title_terms.end(), first.begin()))
          << raw.id << ": the text starts with the title";
      for (const auto& p : paragraphs) EXPECT_NE(p, doc.title_terms) << raw.id;
      paragraphs.insert(paragraphs.begin(), doc.title_terms);
      texts.insert(texts.begin(), raw.title);
    }
    const size_t doc_index = docs_.size();
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      std::vector<std::string>& terms = paragraphs[i];
      doc.length += terms.size();
      doc.passages.push_back(passages_.size());
      const PassageId local = next_passage_[segment]++;
      if (distinct_texts_.insert({segment, CollapseSpaces(texts[i])}).second) {
        distinct_.push_back(passages_.size());
        distinct_tokens_ += terms.size();
      }
      passages_.push_back({segment, local, doc_index, std::move(terms)});
    }
    tokens_ += doc.length;
    docs_.push_back(std::move(doc));
  }

  // The body terms of a unit (all its passages for a document).
  std::vector<const std::vector<std::string>*> BodyOf(const UnitRef& u) const {
    if (u.passage) return {&u.passage->terms};
    std::vector<const std::vector<std::string>*> out;
    for (size_t p : u.doc->passages) out.push_back(&passages_[p].terms);
    return out;
  }

  double Length(const UnitRef& u) const {
    return u.passage ? u.passage->terms.size() : u.doc->length;
  }
  double Units() const { return unit_ == Unit::kPassage ? distinct_.size() : docs_.size(); }
  double Average() const {
    return (unit_ == Unit::kPassage ? distinct_tokens_ : tokens_) / Units();
  }

  // Occurrences of the phrase `terms` (consecutive positions) in `tokens`.
  static size_t CountPhrase(const std::vector<std::string>& terms,
                            const std::vector<std::string>& tokens) {
    size_t count = 0;
    for (size_t i = 0; i + terms.size() <= tokens.size(); ++i) {
      count += std::equal(terms.begin(), terms.end(), tokens.begin() + i);
    }
    return count;
  }

  double BodyFrequency(const std::vector<std::string>& terms, const UnitRef& u) const {
    double tf = 0;
    for (const auto* body : BodyOf(u)) tf += CountPhrase(terms, *body);
    return tf;
  }

  // Units (of the current kind) whose body holds `term`.
  double BodyDocFreq(const std::string& term) const {
    double df = 0;
    if (unit_ == Unit::kPassage) {
      for (size_t p : distinct_) {
        df += std::count(passages_[p].terms.begin(), passages_[p].terms.end(), term) > 0;
      }
    } else {
      for (const ModelDoc& d : docs_) df += BodyFrequency({term}, {nullptr, &d}) > 0;
    }
    return df;
  }

  const std::vector<std::string>& FieldTerms(QueryField field, const ModelDoc& doc) const {
    return field == QueryField::kTitle ? doc.title_terms : doc.outlet_terms;
  }

  std::optional<double> BodyTerms(const std::vector<std::string>& terms, const UnitRef& u) const {
    const double tf = BodyFrequency(terms, u);
    if (tf == 0) return std::nullopt;
    double idf = 0;
    for (const std::string& t : terms) idf += Idf(Units(), BodyDocFreq(t));
    return Bm25(idf, tf, Length(u), Average(), params_);
  }

  std::optional<double> FieldTerm(QueryField field, const std::string& term,
                                  const UnitRef& u) const {
    const auto& mine = FieldTerms(field, *u.doc);
    const double tf = std::count(mine.begin(), mine.end(), term);
    if (tf == 0) return std::nullopt;
    double df = 0;
    for (const ModelDoc& d : docs_) {
      const auto& theirs = FieldTerms(field, d);
      df += std::count(theirs.begin(), theirs.end(), term) > 0;
    }
    // Fields: no length normalization (b = 0).
    Bm25Params p = params_;
    p.b = 0;
    return Bm25(Idf(docs_.size(), df), tf, 0, 1, p);
  }

  std::optional<double> Eval(const OracleQuery& q, const UnitRef& u) {
    using Kind = OracleQuery::Kind;
    switch (q.kind) {
      case Kind::kWord:
      case Kind::kPhrase: {
        std::string text;
        for (const std::string& w : q.words) StrAppend(&text, w, " ");
        const std::vector<std::string> terms = Terms(text);
        EXPECT_FALSE(terms.empty()) << "the oracle takes no word that analyzes to nothing";
        if (q.field == QueryField::kBody) return BodyTerms(terms, u);
        double sum = 0;  // several words in a field: all of them
        for (const std::string& t : terms) {
          auto s = FieldTerm(q.field, t, u);
          if (!s) return std::nullopt;
          sum += *s;
        }
        return sum;
      }
      case Kind::kPrefix: {
        const std::string prefix = analyzer_.NormalizedWords(q.words[0]).back();
        std::set<std::string> expansions;
        for (const ModelDoc& d : docs_) {
          if (q.field == QueryField::kBody) {
            for (size_t p : d.passages) {
              for (const std::string& t : passages_[p].terms) {
                if (t.starts_with(prefix)) expansions.insert(t);
              }
            }
          } else {
            for (const std::string& t : FieldTerms(q.field, d)) {
              if (t.starts_with(prefix)) expansions.insert(t);
            }
          }
        }
        std::optional<double> sum;
        for (const std::string& t : expansions) {
          auto s = q.field == QueryField::kBody ? BodyTerms({t}, u) : FieldTerm(q.field, t, u);
          if (s) sum = sum.value_or(0) + *s;
        }
        return sum;
      }
      case Kind::kOr: {
        std::optional<double> sum;
        for (const OracleQuery& c : q.children) {
          if (auto s = Eval(c, u)) sum = sum.value_or(0) + *s;
        }
        return sum;
      }
      case Kind::kAnd: {
        double sum = 0;
        for (const OracleQuery& c : q.children) {
          auto s = Eval(c, u);
          if (!s) return std::nullopt;
          sum += *s;
        }
        return sum;
      }
      case Kind::kAndNot: {
        auto positive = Eval(q.children[0], u);
        if (!positive || Eval(q.children[1], u)) return std::nullopt;
        return positive;
      }
    }
    return std::nullopt;
  }

  Analyzer analyzer_;
  std::vector<ModelPassage> passages_;
  std::vector<ModelDoc> docs_;
  std::map<uint32_t, PassageId> next_passage_;
  size_t tokens_ = 0;
  // Passages whose text is the first of its segment (indexes into passages_).
  std::set<std::pair<uint32_t, std::string>> distinct_texts_;
  std::vector<size_t> distinct_;
  size_t distinct_tokens_ = 0;
  Unit unit_ = Unit::kPassage;
  Bm25Params params_;
};

// ------------------------------------------------------------ random corpora

// Words of the random documents: inflections that stem together ("cats",
// "Cat"), words sharing a prefix ("cat", "cattle", "catalog") and a common
// word ("the").
inline const std::vector<std::string>& BodyVocabulary() {
  static const std::vector<std::string> words = {"cat",  "cats", "Cat",  "cattle", "catalog",
                                                 "dog",  "dogs", "bird", "fish",   "sun",
                                                 "moon", "the",  "the",  "rain"};
  return words;
}

inline const std::vector<std::string>& Outlets() {
  static const std::vector<std::string> outlets = {"", "Reuters", "Al Jazeera", "AP", "Sun News"};
  return outlets;
}

// `count` random documents fitting the Model's layout.
inline std::vector<RawDocument> RandomDocuments(std::mt19937* rng, size_t count,
                                                std::string_view id_prefix) {
  Analyzer analyzer;
  auto terms = [&](const std::string& text) {
    std::vector<Token> tokens;
    analyzer.Analyze(text, 0, &tokens);
    std::vector<std::string> out;
    for (Token& t : tokens) out.push_back(std::move(t.term));
    return out;
  };
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(*rng)];
  };
  auto sentence = [&](size_t min, size_t max) {
    const size_t n = std::uniform_int_distribution<size_t>(min, max)(*rng);
    std::string out;
    for (size_t i = 0; i < n; ++i) StrAppend(&out, i ? " " : "", pick(BodyVocabulary()));
    return out;
  };
  std::vector<RawDocument> docs;
  for (size_t i = 0; i < count; ++i) {
    std::vector<std::string> paragraphs;
    const size_t n = std::uniform_int_distribution<size_t>(1, 4)(*rng);
    std::string text;
    for (size_t p = 0; p < n; ++p) {
      paragraphs.push_back(sentence(1, 9));
      StrAppend(&text, p ? "\n\n" : "", paragraphs.back(), ".");
    }
    std::string title;
    if ((*rng)() % 4 != 0) {
      for (int attempt = 0; attempt < 100; ++attempt) {
        title = sentence(1, 3);
        const auto t = terms(title);
        const auto first = terms(paragraphs[0]);
        bool clash = first.size() >= t.size() && std::equal(t.begin(), t.end(), first.begin());
        for (const std::string& p : paragraphs) clash = clash || terms(p) == t;
        if (!clash) break;
        title.clear();
      }
    }
    docs.push_back(Doc(StrCat(id_prefix, i), title, text, pick(Outlets()), "2024-01-01"));
  }
  return docs;
}

// A random query over the vocabulary (plus a word no document has), with
// phrases, prefixes, fields, AND, OR and AND-NOT, at most `depth` levels of
// operators.
inline OracleQuery RandomQuery(std::mt19937* rng, int depth) {
  using Kind = OracleQuery::Kind;
  auto pick = [&](const std::vector<std::string>& from) {
    return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(*rng)];
  };
  static const std::vector<std::string> words = {"cat",  "cats",   "dog",     "bird",
                                                 "fish", "sun",    "moon",    "the",
                                                 "rain", "cattle", "catalog", "zebra"};
  static const std::vector<std::string> phrase_words = {"cat", "the", "dog", "sun", "cats"};
  static const std::vector<std::string> prefixes = {"cat", "ca", "do", "s", "zz", "Mo", "catt"};
  static const std::vector<std::string> outlet_words = {"reuters", "jazeera", "al",
                                                        "ap",      "sun",     "news"};
  const int roll = std::uniform_int_distribution<int>(0, 99)(*rng);
  if (depth == 0 || roll < 45) {
    const int leaf = std::uniform_int_distribution<int>(0, 99)(*rng);
    if (leaf < 50) return OracleQuery::Word(pick(words));
    if (leaf < 65) {
      std::vector<std::string> phrase;
      const size_t n = std::uniform_int_distribution<size_t>(2, 3)(*rng);
      for (size_t i = 0; i < n; ++i) phrase.push_back(pick(phrase_words));
      return OracleQuery::Phrase(phrase);
    }
    if (leaf < 75) return OracleQuery::Word(pick(words), QueryField::kTitle);
    if (leaf < 80) {
      return OracleQuery::Phrase({pick(phrase_words), pick(phrase_words)}, QueryField::kTitle);
    }
    if (leaf < 88) return OracleQuery::Word(pick(outlet_words), QueryField::kOutlet);
    if (leaf < 97) return OracleQuery::Prefix(pick(prefixes));
    return OracleQuery::Prefix(pick(prefixes), QueryField::kTitle);
  }
  if (roll < 65) {
    return OracleQuery::Op(Kind::kAndNot,
                           {RandomQuery(rng, depth - 1), RandomQuery(rng, depth - 1)});
  }
  const Kind kind = roll < 82 ? Kind::kOr : Kind::kAnd;
  std::vector<OracleQuery> children;
  const size_t n = std::uniform_int_distribution<size_t>(2, 3)(*rng);
  for (size_t i = 0; i < n; ++i) children.push_back(RandomQuery(rng, depth - 1));
  return OracleQuery::Op(kind, std::move(children));
}

}  // namespace search_testing
}  // namespace syndex

#endif  // SYNDEX_TESTS_SEARCHER_SEARCH_TEST_UTIL_H_
