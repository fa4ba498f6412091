// File: common/term_dictionary.h
//
// The term dictionary of one segment (.dict): every (field, term) key in
// byte order, each with its TermInfo. Lookups binary-search an offset table;
// prefix and merge walks iterate entries in order.
//
// Example:
//   ASSIGN_OR_RETURN(auto dict, TermDictionary::Open(std::move(file)));
//   if (auto info = dict->Find(format::Field::kBody, "sever")) ...
//   for (size_t i = dict->LowerBound(field, "sanc"); i < dict->size(); ++i) ...
#ifndef SYNDEX_COMMON_TERM_DICTIONARY_H_
#define SYNDEX_COMMON_TERM_DICTIONARY_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "common/format.h"
#include "common/mapped_file.h"
#include "common/term_info.h"

namespace syndex {

// One decoded dictionary entry. `term` points into the mapped file.
struct DictionaryEntry {
  format::Field field = format::Field::kBody;
  std::string_view term;
  TermInfo info;
};

// Immutable; safe for concurrent readers.
class TermDictionary {
 public:
  // Takes the mapped .dict file and checks its structure (the offset table
  // fits in the body). DataLoss with path and offset otherwise; entries
  // themselves are checked by Verify().
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<TermDictionary>> Open(
      std::unique_ptr<MappedFile> file);

  size_t size() const { return term_count_; }
  // The entry at `index` (0 <= index < size()). An entry whose bytes do not
  // decode is returned as an empty-term entry with zero postings; Verify()
  // reports it.
  DictionaryEntry Entry(size_t index) const;
  std::optional<TermInfo> Find(format::Field field, std::string_view term) const;
  // Index of the first entry whose key is >= (field, term); size() if none.
  size_t LowerBound(format::Field field, std::string_view term) const;

  // Decodes every entry and checks keys are strictly ascending, fields are
  // known and each entry lies within its slot. Returns the first problem.
  [[nodiscard]] absl::Status Verify() const;

  const MappedFile& file() const { return *file_; }

 private:
  explicit TermDictionary(std::unique_ptr<MappedFile> file);
  bool DecodeEntry(size_t index, DictionaryEntry* entry) const;
  std::string_view Slot(size_t index) const;

  std::unique_ptr<MappedFile> file_;
  uint32_t term_count_ = 0;
  const char* offsets_ = nullptr;
  std::string_view entries_;
};

// Encodes a dictionary body: call Add with keys in strictly ascending order,
// then Finish. Used by the indexer's segment writer and merger.
class TermDictionaryEncoder {
 public:
  void Add(format::Field field, std::string_view term, const TermInfo& info);
  // The whole body (prefix, offset table, entries).
  std::string Finish() const;
  size_t size() const { return offsets_.size(); }

 private:
  std::string entries_;
  std::vector<uint32_t> offsets_;
};

}  // namespace syndex

#endif  // SYNDEX_COMMON_TERM_DICTIONARY_H_
