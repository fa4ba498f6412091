// File: common/analyzer.cc
//
// The analyzer is also the only place that talks to libstemmer (STYLE E4).
// Words come from analysis_internal::WordSegmenter; this file normalizes and
// stems them. Normalization has a fast path because almost every word of
// English news is ASCII once its typographic apostrophe is folded, and
// utf8proc costs far more than lowercasing.
#include "common/analyzer.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include "absl/container/flat_hash_map.h"
#include "common/format.h"
#include "common/internal/word_segmenter.h"
#include "common/utf8.h"

namespace syndex {

using analysis_internal::CharClass;
using analysis_internal::ClassifyNonAscii;
using analysis_internal::Word;
using analysis_internal::WordSegmenter;

namespace {

// Longer terms are URLs, base64 or glued-together junk, never words anyone
// searches for; dropping them keeps the term dictionary small.
constexpr size_t kMaxTermBytes = format::kMaxTermBytes;

// Snowball takes three quarters of the analysis time, and word frequencies
// are Zipfian, so stems are memoized. Frequent words arrive early, so the
// cache simply stops growing when full (about 3 MB) instead of evicting.
constexpr size_t kMaxCachedStems = size_t{1} << 15;

// NFKC + case folding, with marks stripped ("Elysée" -> "elysee") and
// default-ignorable characters (soft hyphens, ZWJ) deleted.
constexpr auto kNormalizeOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Byte length of the typographic apostrophe (U+2018, U+2019, U+02BC) at
// word[pos], or 0 if there is none.
size_t TypographicApostropheLength(std::string_view word, size_t pos) {
  const std::string_view rest = word.substr(pos);
  if (rest.starts_with("\xE2\x80\x98") || rest.starts_with("\xE2\x80\x99")) return 3;
  if (rest.starts_with("\xCA\xBC")) return 2;
  return 0;
}

// Copies `word` to *out lowercasing ASCII, folding typographic apostrophes
// to '\'' and dropping the separators the segmenter let into a word: digit
// group commas ("100,000") and, in acronyms, periods. Returns true if the
// result is pure ASCII, which means it is already fully normalized.
bool FoldWord(std::string_view word, bool acronym, std::string* out) {
  out->clear();
  bool ascii = true;
  for (size_t pos = 0; pos < word.size(); ++pos) {
    const char c = word[pos];
    if (c == ',' || (c == '.' && acronym)) continue;
    if (static_cast<uint8_t>(c) < 0x80) {
      out->push_back(ToLowerAscii(c));
    } else if (const size_t length = TypographicApostropheLength(word, pos); length > 0) {
      out->push_back('\'');
      pos += length - 1;
    } else {
      out->push_back(c);
      ascii = false;
    }
  }
  return ascii;
}

// Numbers, dates and codes ("2014", "1980s", "5.93") are kept verbatim: the
// stemmer would turn "1980s" into "1980" and so merge different things.
bool ContainsDigit(std::string_view term) {
  for (size_t pos = 0; pos < term.size();) {
    const uint8_t byte = static_cast<uint8_t>(term[pos]);
    if (byte >= '0' && byte <= '9') return true;
    if (byte < 0x80) {
      ++pos;
      continue;
    }
    const int32_t code_point = DecodeUtf8(term, &pos);
    if (code_point >= 0 && ClassifyNonAscii(code_point) == CharClass::kDigit) return true;
  }
  return false;
}

bool IsIndexable(std::string_view term) { return !term.empty() && term.size() <= kMaxTermBytes; }

}  // namespace

// Holds the stemmer and scratch buffers reused for every word, so analyzing
// allocates nothing per token beyond the Token itself.
struct Analyzer::Rep {
  Rep() : stemmer(sb_stemmer_new("english", "UTF_8")) {}
  ~Rep() { sb_stemmer_delete(stemmer); }

  std::string_view Normalize(std::string_view word, bool acronym);
  bool NormalizeUnicode(std::string_view folded_word);
  // The stem of `term`, valid until the next call, and its id in term_ids
  // in *id unless id is null. REQUIRES: term_ids if id is not null.
  std::string_view StemOf(std::string_view term, uint32_t* id);
  // Sets token->term to the stem of `term`, and token->term_id if
  // term_ids is set.
  void StemInto(std::string_view term, Token* token) {
    token->term.assign(StemOf(term, term_ids != nullptr ? &token->term_id : nullptr));
  }
  void StemInto(std::string_view term, std::string* out) { out->assign(StemOf(term, nullptr)); }
  std::string_view RunStemmer(std::string_view term);

  // Null only if libstemmer ran out of memory; terms then stay unstemmed.
  sb_stemmer* stemmer;
  std::string folded;
  std::vector<utf8proc_int32_t> code_points = std::vector<utf8proc_int32_t>(128);
  std::string normalized;
  // A stem, and its id in term_ids (kNoTermId until first asked for).
  struct CachedStem {
    std::string stem;
    uint32_t id = kNoTermId;
  };
  absl::flat_hash_map<std::string, CachedStem> stem_cache;
  TermIds* term_ids = nullptr;
};

// Returns the normalized form of `word`, valid until the next call, or ""
// if nothing is left of it (a word of combining marks only).
std::string_view Analyzer::Rep::Normalize(std::string_view word, bool acronym) {
  if (FoldWord(word, acronym, &folded)) return folded;
  if (!NormalizeUnicode(folded)) return {};
  return normalized;
}

// Runs utf8proc on `folded_word` into `normalized`. Calls utf8proc_decompose
// directly (not utf8proc_map) to reuse `code_points` instead of mallocing.
bool Analyzer::Rep::NormalizeUnicode(std::string_view folded_word) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(folded_word.data());
  utf8proc_ssize_t length;
  for (;;) {
    length = utf8proc_decompose(
        bytes, static_cast<utf8proc_ssize_t>(folded_word.size()), code_points.data(),
        static_cast<utf8proc_ssize_t>(code_points.size()), kNormalizeOptions);
    if (length <= static_cast<utf8proc_ssize_t>(code_points.size())) break;
    code_points.resize(static_cast<size_t>(length));  // too small: retry
  }
  if (length > 0) length = utf8proc_normalize_utf32(code_points.data(), length, kNormalizeOptions);
  if (length < 0) return false;  // cannot happen: the segmenter emits valid UTF-8
  normalized.clear();
  for (utf8proc_ssize_t i = 0; i < length; ++i) AppendUtf8(code_points[i], &normalized);
  return true;
}

// Words whose Snowball stem collides with an unrelated word that news
// searches care about, kept as they are (like Lucene's
// StemmerOverrideFilter): "several" stems to "sever", the stem of "severe",
// so the phrase "severe costs" would match "several costs".
bool IsProtectedWord(std::string_view term) {
  static constexpr std::string_view kProtected[] = {"several", "severally"};
  for (std::string_view word : kProtected) {
    if (term == word) return true;
  }
  return false;
}

std::string_view Analyzer::Rep::StemOf(std::string_view term, uint32_t* id) {
  if (stemmer == nullptr || ContainsDigit(term) || IsProtectedWord(term)) {
    if (id != nullptr) *id = term_ids->Intern(term);
    return term;
  }
  // Debian's Abseil has its own string_view type, hence the conversion.
  auto it = stem_cache.find(absl::string_view(term.data(), term.size()));
  if (it == stem_cache.end()) {
    const std::string_view stem = RunStemmer(term);
    if (stem_cache.size() >= kMaxCachedStems) {
      if (id != nullptr) *id = term_ids->Intern(stem);
      return stem;
    }
    it = stem_cache.emplace(term, CachedStem{std::string(stem)}).first;
  }
  CachedStem& cached = it->second;
  if (id != nullptr) {
    if (cached.id == kNoTermId) cached.id = term_ids->Intern(cached.stem);
    *id = cached.id;
  }
  return cached.stem;
}

// Returns the stem of `term`, valid until the next call.
std::string_view Analyzer::Rep::RunStemmer(std::string_view term) {
  const sb_symbol* stem = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(term.data()),
                                          static_cast<int>(term.size()));
  if (stem == nullptr) return term;  // out of memory inside libstemmer
  return {reinterpret_cast<const char*>(stem), static_cast<size_t>(sb_stemmer_length(stemmer))};
}

Analyzer::Analyzer() : rep_(std::make_unique<Rep>()) {}

Analyzer::~Analyzer() = default;

// A dropped word (too long, or empty after normalization) takes no position,
// so a phrase query still matches across it.
void Analyzer::Analyze(std::string_view text, Position first_position, std::vector<Token>* out) {
  Position position = first_position;
  WordSegmenter segmenter(text);
  for (Word word; segmenter.Next(&word);) {
    const std::string_view term =
        rep_->Normalize(text.substr(word.start, word.end - word.start), word.acronym);
    if (!IsIndexable(term)) continue;
    Token& token = out->emplace_back();
    rep_->StemInto(term, &token);
    token.start = word.start;
    token.end = word.end;
    token.position = position++;
  }
}

bool Analyzer::HasTerm(std::string_view text) {
  WordSegmenter segmenter(text);
  for (Word word; segmenter.Next(&word);) {
    if (IsIndexable(
            rep_->Normalize(text.substr(word.start, word.end - word.start), word.acronym))) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> Analyzer::NormalizedWords(std::string_view text) {
  std::vector<std::string> words;
  WordSegmenter segmenter(text);
  for (Word word; segmenter.Next(&word);) {
    const std::string_view term =
        rep_->Normalize(text.substr(word.start, word.end - word.start), word.acronym);
    if (IsIndexable(term)) words.emplace_back(term);
  }
  return words;
}

std::vector<std::string> Analyzer::Terms(std::string_view text) {
  std::vector<Token> tokens;
  Analyze(text, 0, &tokens);
  std::vector<std::string> terms;
  terms.reserve(tokens.size());
  for (Token& token : tokens) terms.push_back(std::move(token.term));
  return terms;
}

void Analyzer::SetTermIds(TermIds* ids) {
  rep_->term_ids = ids;
  // Cached ids belong to the TermIds that gave them.
  for (auto& [word, cached] : rep_->stem_cache) cached.id = kNoTermId;
}

std::string Analyzer::Stem(std::string_view normalized_word) {
  std::string stem;
  rep_->StemInto(normalized_word, &stem);
  return stem;
}

}  // namespace syndex
