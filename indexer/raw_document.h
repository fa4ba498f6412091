// File: indexer/raw_document.h
//
// An article as read from the input, before analysis.
#ifndef SYNDEX_INDEXER_RAW_DOCUMENT_H_
#define SYNDEX_INDEXER_RAW_DOCUMENT_H_

#include <string>

namespace syndex {

struct RawDocument {
  std::string id;      // unique within the index; taken from the input or made up
  std::string title;   // may be empty
  std::string text;    // the article body, valid UTF-8 (repaired on reading)
  std::string outlet;  // publisher name; may be empty
  std::string date;    // as given, normally YYYY-MM-DD; may be empty
  std::string url;     // may be empty
  // Where the document came from, for messages: "corpus/000.txt" or
  // "articles.jsonl.zst:1234" (file and line).
  std::string origin;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_RAW_DOCUMENT_H_
