#include "bench/e2e/xapian_engine.h"

#include <xapian.h>

#include <string_view>
#include <utility>
#include <vector>

#include "bench/e2e/corpus_reader.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::race {
namespace {

// Xapian::Error as a Status (STYLE.md rule E4).
absl::Status XapianErrorToStatus(const Xapian::Error& e, std::string_view context) {
  const std::string message = StrCat(context, ": Xapian ", e.get_description());
  // Xapian::Error has no virtual functions, so the class is told by name.
  const std::string_view type = e.get_type();
  if (type == "DatabaseCorruptError") return absl::DataLossError(message);
  if (type == "DatabaseNotFoundError") return absl::NotFoundError(message);
  if (type == "DatabaseVersionError") return absl::FailedPreconditionError(message);
  if (type == "QueryParserError" || type == "InvalidArgumentError") {
    return absl::InvalidArgumentError(message);
  }
  if (type == "DatabaseLockError") return absl::UnavailableError(message);
  return absl::InternalError(message);
}

// The term QueryParser (STEM_SOME) looks a word up by outside phrases: its
// stem with the "Z" prefix, as TermGenerator indexed it; a word starting
// with a digit has no stemmed form.
std::string StemmedTerm(const std::string& word, const Xapian::Stem& stem) {
  if (!word.empty() && word[0] >= '0' && word[0] <= '9') return word;
  return "Z" + stem(word);
}

Xapian::Query MakeQuery(QueryClass c, const WordQuery& words, const Xapian::Stem& stem) {
  if (c == QueryClass::kPhrase2 || c == QueryClass::kPhrase3 || c == QueryClass::kPhrase4) {
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                         static_cast<Xapian::termcount>(words.size()));
  }
  std::vector<std::string> terms;
  terms.reserve(words.size());
  for (const std::string& word : words) terms.push_back(StemmedTerm(word, stem));
  const auto op = c == QueryClass::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
  return Xapian::Query(op, terms.begin(), terms.end());
}

class XapianRunner final : public QueryRunner {
 public:
  explicit XapianRunner(const std::string& dir) : db_(dir), enquire_(db_), stem_("english") {
    // BM25Weight's defaults but for k1 and b, which are syndex's.
    enquire_.set_weighting_scheme(Xapian::BM25Weight(1.5, 0, 1, 0.6, 0.5));
  }

  bool Supports(QueryClass c) const override { return c != QueryClass::kPhrasings; }

  absl::StatusOr<size_t> Run(QueryClass c, const WordQuery& words) override {
    try {
      enquire_.set_query(MakeQuery(c, words, stem_));
      const Xapian::MSet top = enquire_.get_mset(0, 10);
      return top.size();
    } catch (const Xapian::Error& e) {
      std::string query;
      for (const std::string& word : words) StrAppend(&query, query.empty() ? "" : " ", word);
      return XapianErrorToStatus(e, StrCat("xapian ", QueryClassName(c), " query '", query, "'"));
    }
  }

 private:
  Xapian::Database db_;
  Xapian::Enquire enquire_;
  Xapian::Stem stem_;
};

}  // namespace

absl::StatusOr<BuildOutcome> BuildXapianIndex(const BuildSettings& settings) {
  try {
    Xapian::WritableDatabase db(settings.index_path,
                                Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    BuildOutcome outcome;
    RETURN_IF_ERROR(ForEachArticle(settings.corpus, [&](const RawDocument& doc) {
      Xapian::Document document;
      generator.set_document(document);
      generator.index_text(doc.title);
      generator.increase_termpos();
      generator.index_text(doc.text);
      document.set_data(doc.id);
      db.add_document(document);
      outcome.input_bytes += TextBytes(doc);
      ++outcome.documents;
      return absl::OkStatus();
    }));
    db.commit();
    db.close();
    return outcome;
  } catch (const Xapian::Error& e) {
    return XapianErrorToStatus(e, StrCat("building ", settings.index_path));
  }
}

absl::StatusOr<std::unique_ptr<QueryRunner>> OpenXapianRunner(const std::string& dir) {
  try {
    return std::make_unique<XapianRunner>(dir);
  } catch (const Xapian::Error& e) {
    return XapianErrorToStatus(e, StrCat("opening ", dir));
  }
}

}  // namespace syndex::race
