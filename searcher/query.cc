// File: searcher/query.cc
#include "searcher/query.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace syndex {
namespace {

// Appends `word` in double quotes. '"' and '\' are escaped so the output stays
// unambiguous, and control bytes become \xNN so a test failure prints
// legibly; everything else, UTF-8 included, is copied as is.
void AppendQuoted(std::string_view word, std::string* out) {
  out->push_back('"');
  for (const char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out->push_back('\\');
      out->push_back(c);
    } else if (byte < 0x20 || byte == 0x7F) {
      absl::StrAppendFormat(out, "\\x%02X", byte);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('"');
}

const char* FieldPrefix(QueryField field) {
  switch (field) {
    case QueryField::kBody:
      return "";
    case QueryField::kTitle:
      return "title:";
    case QueryField::kOutlet:
      return "outlet:";
  }
  return "";
}

const char* KindName(QueryNode::Kind kind) {
  switch (kind) {
    case QueryNode::Kind::kTerm:
      return "TERM";
    case QueryNode::Kind::kPhrase:
      return "PHRASE";
    case QueryNode::Kind::kPrefix:
      return "PREFIX";
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kAndNot:
      return "AND";
    case QueryNode::Kind::kOr:
      return "OR";
    case QueryNode::Kind::kNear:
      return "NEAR";
    case QueryNode::Kind::kPhrasings:
      return "PHRASINGS";
  }
  return "?";
}

// The node's name with its slop: NEAR always shows it, since NEAR/10 is the
// default and not the absence of one; a phrase only when it is sloppy, so
// that plain phrases print as they always have.
void AppendName(const QueryNode& node, std::string* out) {
  absl::StrAppend(out, FieldPrefix(node.field), KindName(node.kind));
  if (node.kind == QueryNode::Kind::kNear) {
    absl::StrAppend(out, "/", node.slop);
  } else if (node.kind == QueryNode::Kind::kPhrase && node.slop > 0) {
    absl::StrAppend(out, "~", node.slop);
  }
}

void AppendDebugString(const QueryNode& node, std::string* out) {
  AppendName(node, out);
  out->push_back('(');
  for (size_t i = 0; i < node.words.size(); ++i) {
    if (i > 0) out->push_back(' ');
    AppendQuoted(node.words[i], out);
  }
  for (size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) out->append(node.kind == QueryNode::Kind::kAndNot ? " NOT " : " ");
    AppendDebugString(node.children[i], out);
  }
  out->push_back(')');
}

}  // namespace

std::string QueryNode::DebugString() const {
  std::string out;
  AppendDebugString(*this, &out);
  return out;
}

}  // namespace syndex
