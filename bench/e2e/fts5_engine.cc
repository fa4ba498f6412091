#include "bench/e2e/fts5_engine.h"

#include <sqlite3.h>

#include <string_view>
#include <utility>

#include "bench/e2e/corpus_reader.h"
#include "bench/e2e/query_syntax.h"
#include "common/status_macros.h"
#include "common/str_cat.h"

namespace syndex::race {
namespace {

// Closes the database when it goes out of scope.
struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

absl::Status SqliteError(sqlite3* db, std::string_view context) {
  return absl::InternalError(StrCat(context, ": SQLite: ", sqlite3_errmsg(db)));
}

absl::StatusOr<Database> OpenDatabase(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    if (db == nullptr) return absl::ResourceExhaustedError("SQLite: out of memory");
    return SqliteError(db.get(), StrCat("opening ", path));
  }
  return db;
}

absl::Status Execute(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return SqliteError(db, sql);
  return absl::OkStatus();
}

absl::StatusOr<Statement> Prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) return SqliteError(db, sql);
  return Statement(raw);
}

// The value of a PRAGMA that returns one integer.
absl::StatusOr<int64_t> PragmaValue(sqlite3* db, const char* sql) {
  ASSIGN_OR_RETURN(Statement statement, Prepare(db, sql));
  if (sqlite3_step(statement.get()) != SQLITE_ROW) return SqliteError(db, sql);
  return sqlite3_column_int64(statement.get(), 0);
}

// Binds a view without copying it: the text outlives the step.
int BindText(sqlite3_stmt* statement, int index, std::string_view text) {
  return sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_STATIC,
                             SQLITE_UTF8);
}

absl::Status InsertArticle(sqlite3* db, sqlite3_stmt* insert, int64_t rowid,
                           const RawDocument& doc) {
  if (sqlite3_bind_int64(insert, 1, rowid) != SQLITE_OK ||
      BindText(insert, 2, doc.title) != SQLITE_OK || BindText(insert, 3, doc.text) != SQLITE_OK ||
      sqlite3_step(insert) != SQLITE_DONE) {
    return SqliteError(db, StrCat("inserting ", doc.origin));
  }
  sqlite3_reset(insert);
  return absl::OkStatus();
}

class Fts5Runner final : public QueryRunner {
 public:
  Fts5Runner(Database db, Statement search) : db_(std::move(db)), search_(std::move(search)) {}

  bool Supports(QueryClass c) const override { return Fts5QueryText(c, {}).has_value(); }

  absl::StatusOr<size_t> Run(QueryClass c, const WordQuery& words) override {
    const std::optional<std::string> text = Fts5QueryText(c, words);
    if (!text) return absl::InvalidArgumentError("FTS5 has no phrasings queries");
    sqlite3_stmt* search = search_.get();
    size_t rows = 0;
    int rc = BindText(search, 1, *text);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
      rc = sqlite3_step(search);
      if (rc == SQLITE_ROW) ++rows;
    }
    sqlite3_reset(search);
    sqlite3_clear_bindings(search);
    if (rc != SQLITE_DONE) return SqliteError(db_.get(), StrCat("FTS5 query '", *text, "'"));
    return rows;
  }

 private:
  Database db_;
  Statement search_;
};

}  // namespace

absl::StatusOr<BuildOutcome> BuildFts5Index(const BuildSettings& settings) {
  ASSIGN_OR_RETURN(Database db,
                   OpenDatabase(settings.index_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  RETURN_IF_ERROR(Execute(db.get(),
                          "CREATE VIRTUAL TABLE t USING fts5(title, body, content='', "
                          "tokenize='porter unicode61')"));
  RETURN_IF_ERROR(Execute(db.get(), "BEGIN"));
  ASSIGN_OR_RETURN(Statement insert,
                   Prepare(db.get(), "INSERT INTO t(rowid, title, body) VALUES(?1, ?2, ?3)"));
  BuildOutcome outcome;
  RETURN_IF_ERROR(ForEachArticle(settings.corpus, [&](const RawDocument& doc) {
    outcome.input_bytes += TextBytes(doc);
    ++outcome.documents;
    return InsertArticle(db.get(), insert.get(), static_cast<int64_t>(outcome.documents), doc);
  }));
  insert.reset();
  RETURN_IF_ERROR(Execute(db.get(), "COMMIT"));
  RETURN_IF_ERROR(Execute(db.get(), "INSERT INTO t(t) VALUES('optimize')"));
  return outcome;
}

absl::StatusOr<std::unique_ptr<QueryRunner>> OpenFts5Runner(const std::string& path) {
  ASSIGN_OR_RETURN(Database db, OpenDatabase(path, SQLITE_OPEN_READONLY));
  ASSIGN_OR_RETURN(
      Statement search,
      Prepare(db.get(), "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT 10"));
  return std::make_unique<Fts5Runner>(std::move(db), std::move(search));
}

absl::StatusOr<uint64_t> Fts5FreeBytes(const std::string& path) {
  ASSIGN_OR_RETURN(Database db, OpenDatabase(path, SQLITE_OPEN_READONLY));
  ASSIGN_OR_RETURN(const int64_t free_pages, PragmaValue(db.get(), "PRAGMA freelist_count"));
  ASSIGN_OR_RETURN(const int64_t page_size, PragmaValue(db.get(), "PRAGMA page_size"));
  return static_cast<uint64_t>(free_pages * page_size);
}

}  // namespace syndex::race
