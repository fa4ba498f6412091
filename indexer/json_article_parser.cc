#include "indexer/json_article_parser.h"

#include <simdjson.h>

#include <cstdint>

#include "absl/strings/ascii.h"
#include "common/str_cat.h"
#include "indexer/line_reader.h"

namespace syndex {
namespace {

namespace ondemand = simdjson::ondemand;

static_assert(kLinePadding >= simdjson::SIMDJSON_PADDING,
              "lines from LineReader must be parseable in place");

// On-Demand needs about 5 bytes of buffers per byte of JSON and keeps them
// for the next document. After a document this big we drop the parser, so one
// huge article does not pin hundreds of MB for the rest of the run.
constexpr size_t kReleaseBuffersAbove = size_t{16} << 20;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

absl::Status NotJson(simdjson::error_code error) {
  return absl::InvalidArgumentError(
      StrCat("not valid JSON (", simdjson::error_message(error), ")"));
}

std::string_view StripTrailingWhitespace(std::string_view text) {
  while (!text.empty() && absl::ascii_isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::string_view Describe(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array:
      return "an array";
    case ondemand::json_type::object:
      return "an object";
    case ondemand::json_type::number:
      return "a number";
    case ondemand::json_type::string:
      return "a string";
    case ondemand::json_type::boolean:
      return "a boolean";
    case ondemand::json_type::null:
      return "null";
  }
  return "of unknown type";
}

absl::Status WrongType(std::string_view key, ondemand::json_type type, std::string_view expected) {
  return absl::InvalidArgumentError(
      StrCat("field \"", key, "\" is ", Describe(type), ", expected ", expected));
}

// `type()` only looks at the first byte, so "nul" passes as null; check the
// whole token before treating the field as absent.
absl::Status ReadNull(ondemand::value& value) {
  bool is_null = false;
  if (auto error = value.is_null().get(is_null)) return NotJson(error);
  if (!is_null) return NotJson(simdjson::N_ATOM_ERROR);
  return absl::OkStatus();
}

// Reads a string field into *out; null reads as "".
absl::Status ReadString(ondemand::value value, std::string_view key, std::string* out) {
  ondemand::json_type type;
  if (auto error = value.type().get(type)) return NotJson(error);
  if (type == ondemand::json_type::null) {
    out->clear();
    return ReadNull(value);
  }
  if (type != ondemand::json_type::string) return WrongType(key, type, "a string");
  std::string_view text;
  if (auto error = value.get_string().get(text)) return NotJson(error);
  out->assign(text);
  return absl::OkStatus();
}

// Reads an id: a string, or a number kept as written ("42", "-7", "1.5"), so
// that ids too big for any integer type survive; null reads as "".
absl::Status ReadId(ondemand::value value, std::string_view key, std::string* out) {
  ondemand::json_type type;
  if (auto error = value.type().get(type)) return NotJson(error);
  if (type != ondemand::json_type::number) {
    if (type == ondemand::json_type::string || type == ondemand::json_type::null) {
      return ReadString(value, key, out);
    }
    return WrongType(key, type, "a string or a number");
  }
  // raw_json_token only peeks; get_double then checks that it is a number.
  std::string_view token = StripTrailingWhitespace(value.raw_json_token());
  double unused;
  if (auto error = value.get_double().get(unused)) return NotJson(error);
  out->assign(token);
  return absl::OkStatus();
}

std::string* StringField(std::string_view key, JsonArticle* article) {
  if (key == "text") return &article->text;
  if (key == "title") return &article->title;
  if (key == "outlet") return &article->outlet;
  if (key == "date") return &article->date;
  if (key == "url") return &article->url;
  if (key == "file") return &article->file;
  return nullptr;
}

// Reads the fields of the object `doc`. `underscore_id` is scratch space.
absl::Status ReadArticle(ondemand::document& doc, JsonArticle* article,
                         std::string* underscore_id) {
  ondemand::object object;
  if (auto error = doc.get_object().get(object)) {
    if (error == simdjson::INCORRECT_TYPE) return absl::InvalidArgumentError("not a JSON object");
    return NotJson(error);
  }
  for (auto result : object) {
    ondemand::field field;
    if (auto error = std::move(result).get(field)) return NotJson(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return NotJson(error);
    absl::Status status;
    if (key == "id") {
      status = ReadId(field.value(), key, &article->id);
    } else if (key == "_id") {
      status = ReadId(field.value(), key, underscore_id);
    } else if (std::string* out = StringField(key, article)) {
      status = ReadString(field.value(), key, out);
    }  // Unknown fields are skipped by the next step of the loop.
    if (!status.ok()) return status;
  }
  // The loop ends at the closing brace; anything after it is an error that
  // On-Demand would otherwise never look at.
  if (doc.current_location().error() == simdjson::SUCCESS) {
    return absl::InvalidArgumentError("not valid JSON (unexpected content after the object)");
  }
  if (article->id.empty()) article->id.swap(*underscore_id);
  return absl::OkStatus();
}

void Clear(JsonArticle* article) {
  // clear() rather than assigning a fresh JsonArticle keeps the capacity.
  for (std::string* field : {&article->id, &article->file, &article->title, &article->text,
                             &article->outlet, &article->date, &article->url}) {
    field->clear();
  }
}

}  // namespace

struct JsonArticleParser::Rep {
  ondemand::parser parser;
  std::string repaired;  // a line after UTF-8 repair, with padding
  std::string underscore_id;

  absl::Status ParseInPlace(std::string_view json, JsonArticle* article) {
    ondemand::document doc;
    if (auto error =
            parser.iterate(json.data(), json.size(), json.size() + kLinePadding).get(doc)) {
      return NotJson(error);
    }
    underscore_id.clear();
    return ReadArticle(doc, article, &underscore_id);
  }
};

JsonArticleParser::JsonArticleParser() : rep_(std::make_unique<Rep>()) {}

JsonArticleParser::~JsonArticleParser() = default;

absl::Status JsonArticleParser::Parse(std::string_view json, JsonArticle* article,
                                      Utf8Repair* repair) {
  *repair = Utf8Repair();
  Clear(article);
  size_t skipped = 0;
  if (json.starts_with(kByteOrderMark)) {
    skipped = kByteOrderMark.size();
    json.remove_prefix(skipped);
  }
  // simdjson validates UTF-8 before anything else, so checking it ourselves
  // first would only cost time on the common, valid line.
  absl::Status status = rep_->ParseInPlace(json, article);
  if (!status.ok() && !IsValidUtf8(json)) {
    std::string& repaired = rep_->repaired;
    repaired.assign(json);
    *repair = RepairUtf8(&repaired);
    repair->first_invalid_offset += skipped;
    size_t size = repaired.size();
    repaired.append(kLinePadding, ' ');
    Clear(article);
    status = rep_->ParseInPlace(std::string_view(repaired.data(), size), article);
  }
  if (json.size() > kReleaseBuffersAbove) {
    rep_->parser = ondemand::parser();
    std::string().swap(rep_->repaired);
  }
  return status;
}

}  // namespace syndex
