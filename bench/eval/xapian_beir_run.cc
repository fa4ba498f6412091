// xapian_beir_run: Xapian's BM25 on a BEIR collection, as the reference that
// syndex's ranking is measured beside (bench/eval/ir_eval.sh).
//
//   xapian_beir_run CORPUS.jsonl QUERIES.jsonl [-k N] [--k1 X] [--b X] > RUN
//
// Xapian is used the way its users use it: each document's title and text
// are indexed by Xapian::TermGenerator with the English (Porter2) stemmer,
// in one field, with positions; each query's text is parsed by
// Xapian::QueryParser (default operator OR, stemming STEM_SOME, as
// omindex/omega do) and ranked with Xapian::BM25Weight(k1, 0, 1, b, 0.5),
// its default form with syndex's k1 and b (1.5 and 0.6 unless given; the
// evaluation script passes the searcher's).
// Prints a TREC run (`qid Q0 docid rank score xapian`), k = 100 by default,
// on standard output; the in-memory database is built afresh each run.
#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "nlohmann/json.hpp"

namespace {

struct Settings {
  std::string corpus, queries;
  int k = 100;
  double k1 = 1.5, b = 0.6;  // syndex's defaults (searcher/bm25.h)
};

bool ParseArgs(int argc, char** argv, Settings* s) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-k" && i + 1 < argc) {
      s->k = std::atoi(argv[++i]);
    } else if (arg == "--k1" && i + 1 < argc) {
      s->k1 = std::atof(argv[++i]);
    } else if (arg == "--b" && i + 1 < argc) {
      s->b = std::atof(argv[++i]);
    } else if (arg.rfind("-", 0) == 0) {
      return false;
    } else if (s->corpus.empty()) {
      s->corpus = arg;
    } else if (s->queries.empty()) {
      s->queries = arg;
    } else {
      return false;
    }
  }
  return !s->corpus.empty() && !s->queries.empty() && s->k > 0;
}

// Calls `each(object)` for every line of a JSON Lines file; false (with a
// message naming the file and line) on an unreadable file or a bad line.
template <typename Each>
bool ForEachJsonLine(const std::string& path, Each each) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "xapian_beir_run: cannot read %s\n", path.c_str());
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const nlohmann::json object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!object.is_object() || !object.contains("_id")) {
      std::fprintf(stderr, "xapian_beir_run: %s:%d: not a JSON object with \"_id\"\n", path.c_str(),
                   number);
      return false;
    }
    each(object);
  }
  return true;
}

std::string Field(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Index(const std::string& corpus, Xapian::WritableDatabase* db) {
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  return ForEachJsonLine(corpus, [&](const nlohmann::json& object) {
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(Field(object, "title"));
    generator.increase_termpos();
    generator.index_text(Field(object, "text"));
    doc.set_data(Field(object, "_id"));
    db->add_document(doc);
  });
}

bool Search(const Settings& s, const Xapian::Database& db) {
  Xapian::QueryParser parser;
  parser.set_database(db);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_OR);
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(s.k1, 0, 1, s.b, 0.5));
  return ForEachJsonLine(s.queries, [&](const nlohmann::json& object) {
    const std::string qid = Field(object, "_id");
    // Plain words: the query text is natural language, not query syntax.
    enquire.set_query(parser.parse_query(Field(object, "text"), 0));
    const Xapian::MSet hits = enquire.get_mset(0, s.k);
    int rank = 0;
    for (auto it = hits.begin(); it != hits.end(); ++it) {
      std::printf("%s Q0 %s %d %.6f xapian\n", qid.c_str(), it.get_document().get_data().c_str(),
                  ++rank, it.get_weight());
    }
  });
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  if (!ParseArgs(argc, argv, &settings)) {
    std::fprintf(stderr,
                 "usage: xapian_beir_run CORPUS.jsonl QUERIES.jsonl [-k N] [--k1 X] [--b X]\n");
    return 2;
  }
  try {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    if (!Index(settings.corpus, &db)) return 1;
    db.commit();
    if (!Search(settings, db)) return 1;
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "xapian_beir_run: Xapian %s\n", e.get_description().c_str());
    return 1;
  }
  return 0;
}
