// File: tests/testing/status.h
//
// Checks on the messages of absl::Status errors.
//
// Example:
//   EXPECT_TRUE(Mentions(status, path)) << status;
#ifndef SYNDEX_TESTS_TESTING_STATUS_H_
#define SYNDEX_TESTS_TESTING_STATUS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace syndex::testing {

// Whether the message of `status` contains `text`.
inline bool Mentions(const absl::Status& status, std::string_view text) {
  return std::string(status.message()).find(text) != std::string::npos;
}

}  // namespace syndex::testing

#endif  // SYNDEX_TESTS_TESTING_STATUS_H_
