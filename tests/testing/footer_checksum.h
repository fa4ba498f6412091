// File: tests/testing/footer_checksum.h
//
// Recomputing the checksum in an index file's footer after its bytes were
// changed, so that a damaged file gets past MappedFile's checksum check and
// reaches the structural checks of its reader: the case of a writer bug, or
// of a file made by hand, which a checksum cannot catch.
//
// Example:
//   std::string bytes = ReadFile(path);
//   bytes[40] ^= 1;
//   RecomputeFooterChecksum(&bytes);
//   WriteFile(path, bytes);  // now only Segment::Open's structural checks stand
#ifndef SYNDEX_TESTS_TESTING_FOOTER_CHECKSUM_H_
#define SYNDEX_TESTS_TESTING_FOOTER_CHECKSUM_H_

#include <cstring>
#include <string>
#include <string_view>

#include "common/checksum.h"
#include "common/coding.h"
#include "common/format.h"

namespace syndex::testing {

// Overwrites the footer's checksum field (docs/FORMAT.md, "The file
// envelope") with the XXH3-64 of every byte before the footer. Everything
// else, the footer's magic included, is left as it is, so a damaged magic is
// still reported. A file too short to have a header and a footer is left
// unchanged.
inline void RecomputeFooterChecksum(std::string* file) {
  if (file->size() < format::kHeaderSize + format::kFooterSize) return;
  const size_t footer = file->size() - format::kFooterSize;
  std::string checksum;
  PutFixed64(&checksum, Checksum64(std::string_view(*file).substr(0, footer)));
  std::memcpy(file->data() + footer, checksum.data(), checksum.size());
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_FOOTER_CHECKSUM_H_
