// File: searcher/query_error.h
//
// Shows a query error the way a prompt user needs it: the message, then
// the query with a caret under the column the message names.
//
//   error: column 7: unbalanced '(' (opened at column 7 and never closed)
//     swift (severe costs
//           ^
#ifndef SYNDEX_SEARCHER_QUERY_ERROR_H_
#define SYNDEX_SEARCHER_QUERY_ERROR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace syndex {

// Ends with a newline. For an error without a "column N:" prefix, only the
// message line.
std::string DescribeQueryError(std::string_view query, const absl::Status& status);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_QUERY_ERROR_H_
