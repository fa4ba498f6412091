// File: tests/e2e/xapian_adapter.h
//
// The one place where the tests reach Xapian (STYLE.md rule E4): a small
// in-memory Xapian database used as an oracle for syndex. Documents are
// given as ready-made postings (term, position), so that Xapian indexes the
// very terms syndex's analyzer produced; queries are given as a small tree
// (OracleQuery) that the adapter turns into a Xapian::Query. Every call
// catches `const Xapian::Error&` and returns it as an absl::Status
// (XapianErrorToStatus), so no Xapian exception leaves this file.
//
// Example:
//   ASSIGN_OR_RETURN(auto xapian, XapianIndex::CreateInMemory());
//   RETURN_IF_ERROR(xapian->Add({.data = "doc-1", .postings = {{"cocoa", 1}}}));
//   ASSIGN_OR_RETURN(std::vector<OracleHit> hits,
//                    xapian->Search(OracleQuery::Term("cocoa"), OracleWeighting::kBoolean, 100));
#ifndef SYNDEX_TESTS_E2E_XAPIAN_ADAPTER_H_
#define SYNDEX_TESTS_E2E_XAPIAN_ADAPTER_H_

#include <xapian.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/str_cat.h"
#include "searcher/bm25.h"

namespace syndex::e2e {

// XapianErrorToStatus() maps a Xapian exception to a Status (rule E4):
// DatabaseCorruptError -> kDataLoss, DatabaseNotFoundError -> kNotFound,
// DatabaseVersionError -> kFailedPrecondition, QueryParserError and
// InvalidArgumentError -> kInvalidArgument, DatabaseLockError ->
// kUnavailable, anything else -> kInternal. The message is `context`, then
// Xapian's description ("DatabaseNotFoundError: ... (context)").
inline absl::Status XapianErrorToStatus(const Xapian::Error& e, std::string_view context) {
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

// One document for Xapian. Each posting adds 1 to the term's wdf and to the
// document length; boolean terms (e.g. "S" + title term) add neither.
struct OracleDocument {
  std::string data;  // returned with each hit: the document's id
  // (term, position); positions must be >= 1 (Xapian reserves nothing, but
  // 0 reads as "no position" in some of its APIs).
  std::vector<std::pair<std::string, uint32_t>> postings;
  std::vector<std::string> boolean_terms;
};

// A query tree in terms of already-analyzed terms. Immutable value type.
struct OracleQuery {
  enum class Op { kTerm, kPhrase, kAnd, kOr, kAndNot };
  Op op = Op::kTerm;
  std::vector<std::string> terms;     // kTerm: one; kPhrase: two or more, in order, adjacent
  std::vector<OracleQuery> children;  // kAnd, kOr: two or more; kAndNot: {positive, negative}

  static OracleQuery Term(std::string term) { return {Op::kTerm, {std::move(term)}, {}}; }
  static OracleQuery Phrase(std::vector<std::string> terms) {
    return {Op::kPhrase, std::move(terms), {}};
  }
  static OracleQuery And(std::vector<OracleQuery> children) {
    return {Op::kAnd, {}, std::move(children)};
  }
  static OracleQuery Or(std::vector<OracleQuery> children) {
    return {Op::kOr, {}, std::move(children)};
  }
  static OracleQuery AndNot(OracleQuery positive, OracleQuery negative) {
    return {Op::kAndNot, {}, {std::move(positive), std::move(negative)}};
  }
};

// How Xapian weights matches.
enum class OracleWeighting {
  // Xapian::BoolWeight: every match weighs 0; for comparing match sets.
  kBoolean,
  // Xapian's own Xapian::BM25Weight(k1, k2 = 0, k3 = 1, b, min_normlen = 0),
  // as close to syndex as its parameters allow; idf still differs (see
  // SyndexBm25Weight).
  kXapianBm25,
  // SyndexBm25Weight below: syndex's formula (searcher/bm25.h) as a
  // Xapian::Weight subclass, fed by Xapian's own statistics and matcher.
  kSyndexBm25,
};

// syndex's BM25 (searcher/bm25.h) as a Xapian weighting scheme:
//
//   idf       = ln(1 + (N - df + 0.5) / (df + 0.5))
//   sumpart   = idf * (k1 + 1) * wdf / (wdf + k1 * (1 - b + b * len / avglen))
//
// It differs from Xapian 1.4's BM25Weight (weight/bm25weight.cc) only in the
// idf: BM25Weight takes tw = (N - df + 0.5) / (df + 0.5) and uses
// ln(tw) if tw >= 2, else ln(1 + tw / 2) (it never goes negative either),
// where syndex uses ln(1 + tw). BM25Weight's tf part is the same once
// k2 = 0 (no query-length/doc-length extra), min_normlen = 0 (Xapian's
// default 0.5 clamps len/avglen from below, boosting short documents less
// than syndex does) and wqf = 1 (k3 then has no effect).
//
// Not thread-safe (Xapian clones it per term).
class SyndexBm25Weight final : public Xapian::Weight {
 public:
  SyndexBm25Weight(double k1, double b) : k1_(k1), b_(b) {
    need_stat(COLLECTION_SIZE);
    need_stat(TERMFREQ);
    need_stat(AVERAGE_LENGTH);
    need_stat(DOC_LENGTH);
    need_stat(WDF);
  }

  std::string name() const override { return "syndex::e2e::SyndexBm25Weight"; }
  SyndexBm25Weight* clone() const override { return new SyndexBm25Weight(k1_, b_); }

  void init(double factor) override {
    const double n = get_collection_size();
    const double df = get_termfreq();
    const double idf = std::log(1 + (n - df + 0.5) / (df + 0.5));
    term_weight_ = idf * (k1_ + 1) * factor;  // factor is 0 for the term-independent part
    const double average = get_average_length();
    inverse_average_ = average > 0 ? 1 / average : 0;
  }

  double get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                     Xapian::termcount /*unique_terms*/) const override {
    if (wdf == 0) return 0;
    const double norm = k1_ * (1 - b_ + b_ * length * inverse_average_);
    return term_weight_ * wdf / (wdf + norm);
  }
  // wdf / (wdf + norm) < 1 since norm > 0 (b <= 1), so this bounds sumpart.
  double get_maxpart() const override { return term_weight_; }
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double k1_, b_;
  double term_weight_ = 0, inverse_average_ = 0;
};

// One Xapian match: the document's data (its id) and Xapian's weight.
struct OracleHit {
  std::string data;
  double weight = 0;
};

// An in-memory Xapian database. Not thread-safe.
class XapianIndex {
 public:
  // Returns an empty in-memory database; Internal if Xapian fails.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<XapianIndex>> CreateInMemory() {
    try {
      return std::unique_ptr<XapianIndex>(
          new XapianIndex(Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY)));
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot create an in-memory Xapian database");
    }
  }

  // Opens the on-disk database at `path` read-only, only to check whether
  // it opens: NotFound if there is none, DataLoss if it is corrupt, and so
  // on (XapianErrorToStatus).
  [[nodiscard]] static absl::Status CheckOpens(const std::string& path) {
    try {
      Xapian::Database db(path);
      (void)db.get_doccount();
      return absl::OkStatus();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, StrCat("cannot open Xapian database ", path));
    }
  }

  // Adds `doc` as the next document (Xapian docids count from 1 in the
  // order of Add calls).
  [[nodiscard]] absl::Status Add(const OracleDocument& doc) {
    try {
      Xapian::Document xdoc;
      xdoc.set_data(doc.data);
      for (const auto& [term, position] : doc.postings) xdoc.add_posting(term, position, 1);
      for (const std::string& term : doc.boolean_terms) xdoc.add_boolean_term(term);
      db_.add_document(xdoc);
      return absl::OkStatus();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, StrCat("cannot add document ", doc.data));
    }
  }

  // Deletes the document with docid `docid` (from 1, in the order of Add).
  [[nodiscard]] absl::Status Delete(uint32_t docid) {
    try {
      db_.delete_document(docid);
      return absl::OkStatus();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, StrCat("cannot delete document ", docid));
    }
  }

  [[nodiscard]] absl::Status Commit() {
    try {
      db_.commit();
      return absl::OkStatus();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot commit");
    }
  }

  [[nodiscard]] absl::StatusOr<uint64_t> DocumentCount() const {
    try {
      return db_.get_doccount();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "get_doccount");
    }
  }

  // Mean document length: sum of wdf over postings / documents.
  [[nodiscard]] absl::StatusOr<double> AverageLength() const {
    try {
      return db_.get_avlength();
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "get_avlength");
    }
  }

  // Documents that contain `term`.
  [[nodiscard]] absl::StatusOr<uint64_t> TermFrequency(const std::string& term) const {
    try {
      return db_.get_termfreq(term);
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, StrCat("get_termfreq ", term));
    }
  }

  // Runs `query` and returns its best `k` matches (all of them if k is 0),
  // best first; ties in weight come in docid order, i.e. order of Add.
  // kBoolean returns matches in docid order. InvalidArgument for a
  // malformed query tree. k1 and b default to the searcher's.
  [[nodiscard]] absl::StatusOr<std::vector<OracleHit>> Search(const OracleQuery& query,
                                                              OracleWeighting weighting, size_t k,
                                                              double k1 = Bm25Params{}.k1,
                                                              double b = Bm25Params{}.b) const {
    try {
      Xapian::Enquire enquire(db_);
      enquire.set_query(ToXapian(query));
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      switch (weighting) {
        case OracleWeighting::kBoolean:
          enquire.set_weighting_scheme(Xapian::BoolWeight());
          break;
        case OracleWeighting::kXapianBm25:
          enquire.set_weighting_scheme(
              Xapian::BM25Weight(k1, /*k2=*/0, /*k3=*/1, b, /*min_normlen=*/0));
          break;
        case OracleWeighting::kSyndexBm25:
          enquire.set_weighting_scheme(SyndexBm25Weight(k1, b));
          break;
      }
      const Xapian::doccount count = db_.get_doccount();
      const Xapian::doccount wanted =
          k == 0 || k > count ? count : static_cast<Xapian::doccount>(k);
      const Xapian::MSet mset = enquire.get_mset(0, wanted);
      std::vector<OracleHit> hits;
      hits.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        hits.push_back({it.get_document().get_data(), it.get_weight()});
      }
      return hits;
    } catch (const Xapian::Error& e) {
      return XapianErrorToStatus(e, "cannot run Xapian query");
    }
  }

 private:
  explicit XapianIndex(Xapian::WritableDatabase db) : db_(std::move(db)) {}

  // Throws Xapian::InvalidArgumentError for a malformed tree.
  static Xapian::Query ToXapian(const OracleQuery& q) {
    using Op = OracleQuery::Op;
    switch (q.op) {
      case Op::kTerm:
        if (q.terms.size() != 1) throw Xapian::InvalidArgumentError("a term needs one term");
        return Xapian::Query(q.terms[0]);
      case Op::kPhrase:
        if (q.terms.size() < 2) throw Xapian::InvalidArgumentError("a phrase needs 2+ terms");
        // window = number of terms: the terms in order, at adjacent positions.
        return Xapian::Query(Xapian::Query::OP_PHRASE, q.terms.begin(), q.terms.end(),
                             static_cast<Xapian::termcount>(q.terms.size()));
      case Op::kAnd:
      case Op::kOr:
      case Op::kAndNot: {
        if (q.children.size() < 2 || (q.op == Op::kAndNot && q.children.size() != 2)) {
          throw Xapian::InvalidArgumentError("bad number of operands");
        }
        std::vector<Xapian::Query> children;
        for (const OracleQuery& child : q.children) children.push_back(ToXapian(child));
        const Xapian::Query::op op = q.op == Op::kAnd  ? Xapian::Query::OP_AND
                                     : q.op == Op::kOr ? Xapian::Query::OP_OR
                                                       : Xapian::Query::OP_AND_NOT;
        return Xapian::Query(op, children.begin(), children.end());
      }
    }
    throw Xapian::InvalidArgumentError("unknown operator");
  }

  Xapian::WritableDatabase db_;
};

}  // namespace syndex::e2e

#endif  // SYNDEX_TESTS_E2E_XAPIAN_ADAPTER_H_
