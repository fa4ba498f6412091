#include "bench/e2e/query_sets.h"

#include <algorithm>
#include <random>
#include <utility>

#include "common/analyzer.h"
#include "common/passage_splitter.h"
#include "common/str_cat.h"
#include "searcher/phrasing_stopwords.h"

namespace syndex::race {
namespace {

// The generators' offsets from the seed, one per kind of draw; phrases of
// L words use seed + L (2, 3, 4).
enum Stream : uint64_t { kKeywords = 0, kHeadlines = 1 };

// The distinct plain words of `words`, in order; function words dropped if
// `content_only`.
WordQuery DistinctPlainWords(const std::vector<std::string>& words, bool content_only) {
  WordQuery out;
  for (const std::string& word : words) {
    if (!IsPlainWord(word)) continue;
    if (content_only && IsPhrasingStopword(word)) continue;
    if (std::find(out.begin(), out.end(), word) == out.end()) out.push_back(word);
  }
  return out;
}

// One kind's draws: an article, then choices inside it. Each Draw* returns
// an empty query when the drawn article has nothing usable.
class Drawer {
 public:
  Drawer(const std::vector<CorpusArticle>* articles, uint64_t seed, Analyzer* analyzer)
      : articles_(articles), random_(seed), analyzer_(analyzer) {}

  WordQuery DrawKeywords() {
    WordQuery words = DistinctPlainWords(TitleWords(), /*content_only=*/true);
    if (words.empty()) return {};
    const size_t count = std::min<size_t>(1 + random_() % 3, words.size());
    WordQuery out;
    for (size_t i = 0; i < count; ++i) {
      const size_t pick = random_() % words.size();
      out.push_back(std::move(words[pick]));
      words.erase(words.begin() + pick);
    }
    return out;
  }

  WordQuery DrawHeadline(size_t min_words) {
    WordQuery words = DistinctPlainWords(TitleWords(), /*content_only=*/false);
    if (words.size() < min_words) return {};
    return words;
  }

  WordQuery DrawPhrase(size_t length) {
    const std::string& body = NextArticle().body;
    const std::vector<PassageSpan> passages = SplitPassages(body, PassageOptions{});
    if (passages.empty()) return {};
    const PassageSpan& p = passages[random_() % passages.size()];
    const std::vector<std::string> words =
        Words(std::string_view(body).substr(p.start, p.end - p.start));
    std::vector<size_t> starts;
    for (size_t s = 0; s + length <= words.size(); ++s) {
      if (IsPhraseAt(words, s, length)) starts.push_back(s);
    }
    if (starts.empty()) return {};
    const size_t start = starts[random_() % starts.size()];
    return WordQuery(words.begin() + start, words.begin() + start + length);
  }

 private:
  const CorpusArticle& NextArticle() { return (*articles_)[random_() % articles_->size()]; }
  std::vector<std::string> TitleWords() { return Words(NextArticle().title); }

  // The words of `text` as the analyzer splits them, each lower-cased if
  // its text as written is plain, and "" (never plain) if not: the analyzer
  // folds "U.S." into "us", which Xapian and SQLite split into "u" and "s",
  // so a query word must be plain before normalization too.
  std::vector<std::string> Words(std::string_view text) {
    tokens_.clear();
    analyzer_->Analyze(text, /*first_position=*/0, &tokens_);
    std::vector<std::string> words;
    words.reserve(tokens_.size());
    for (const Token& token : tokens_) {
      std::string word(text.substr(token.start, token.end - token.start));
      for (char& c : word) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
      words.push_back(IsPlainWord(word) ? std::move(word) : std::string());
    }
    return words;
  }

  static bool IsPhraseAt(const std::vector<std::string>& words, size_t start, size_t length) {
    for (size_t i = start; i < start + length; ++i) {
      if (!IsPlainWord(words[i])) return false;
    }
    return !IsPhrasingStopword(words[start]) && !IsPhrasingStopword(words[start + length - 1]);
  }

  const std::vector<CorpusArticle>* articles_;
  std::mt19937_64 random_;
  Analyzer* analyzer_;
  std::vector<Token> tokens_;  // Words()' scratch
};

// Calls `draw` until it has given `n` non-empty queries; FailedPrecondition
// naming `kind` if that takes more than 1000 + 100 * n draws.
template <typename Draw>
absl::StatusOr<std::vector<WordQuery>> DrawMany(size_t n, std::string_view kind, Draw draw) {
  std::vector<WordQuery> out;
  const size_t max_draws = 1000 + 100 * n;
  for (size_t draws = 0; out.size() < n; ++draws) {
    if (draws == max_draws) {
      return absl::FailedPreconditionError(StrCat("the corpus has too few usable ", kind, ": ",
                                                  out.size(), " of ", n, " queries in ", draws,
                                                  " draws"));
    }
    WordQuery query = draw();
    if (!query.empty()) out.push_back(std::move(query));
  }
  return out;
}

// Phrase-3's first, phrase-4's first, phrase-3's second, ...: n in all.
std::vector<WordQuery> Alternate(const std::vector<WordQuery>& a, const std::vector<WordQuery>& b,
                                 size_t n) {
  std::vector<WordQuery> out;
  for (size_t i = 0; i < n; ++i) out.push_back(i % 2 == 0 ? a[i / 2] : b[i / 2]);
  return out;
}

}  // namespace

std::string_view QueryClassName(QueryClass c) {
  switch (c) {
    case QueryClass::kOr:
      return "or";
    case QueryClass::kAnd:
      return "and";
    case QueryClass::kLongOr:
      return "long-or";
    case QueryClass::kPhrase2:
      return "phrase-2";
    case QueryClass::kPhrase3:
      return "phrase-3";
    case QueryClass::kPhrase4:
      return "phrase-4";
    case QueryClass::kPhrasings:
      return "phrasings";
  }
  return "?";
}

bool IsPlainWord(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

absl::StatusOr<QuerySets> GenerateQuerySets(const std::vector<CorpusArticle>& articles,
                                            const QuerySetOptions& options) {
  const size_t n = options.per_class;
  if (n == 0) return absl::InvalidArgumentError("no queries asked for (per_class is 0)");
  if (articles.empty()) return absl::FailedPreconditionError("the corpus has no articles");
  Analyzer analyzer;
  QuerySets sets;
  auto& by_class = sets.by_class;
  const auto at = [](QueryClass c) { return static_cast<size_t>(c); };

  Drawer keywords(&articles, options.seed + kKeywords, &analyzer);
  auto drawn = DrawMany(n, "headline keywords", [&] { return keywords.DrawKeywords(); });
  if (!drawn.ok()) return drawn.status();
  by_class[at(QueryClass::kOr)] = *drawn;
  by_class[at(QueryClass::kAnd)] = std::move(*drawn);

  Drawer headlines(&articles, options.seed + kHeadlines, &analyzer);
  drawn =
      DrawMany(n, "headlines", [&] { return headlines.DrawHeadline(options.min_headline_words); });
  if (!drawn.ok()) return drawn.status();
  by_class[at(QueryClass::kLongOr)] = std::move(*drawn);

  constexpr std::array<QueryClass, 3> kPhrases = {QueryClass::kPhrase2, QueryClass::kPhrase3,
                                                  QueryClass::kPhrase4};
  for (size_t length = 2; length <= 4; ++length) {
    Drawer phrases(&articles, options.seed + length, &analyzer);
    drawn =
        DrawMany(n, StrCat(length, "-word phrases"), [&] { return phrases.DrawPhrase(length); });
    if (!drawn.ok()) return drawn.status();
    by_class[at(kPhrases[length - 2])] = std::move(*drawn);
  }
  by_class[at(QueryClass::kPhrasings)] =
      Alternate(sets.of(QueryClass::kPhrase3), sets.of(QueryClass::kPhrase4), n);
  return sets;
}

}  // namespace syndex::race
