#include "indexer/document_analyzer.h"

#include <algorithm>

#include "common/format.h"
#include "indexer/content_hash.h"

namespace syndex {

void AnalyzedDocument::Clear() {
  passages.clear();
  title_terms.clear();
  outlet_terms.clear();
  length = 0;
}

AnalyzedPassage* DocumentAnalyzer::NextPassage(AnalyzedDocument* out) {
  out->passages.emplace_back();
  return &out->passages.back();
}

namespace {

bool StartsWithTerms(const std::vector<Token>& tokens, const std::vector<std::string>& terms) {
  return tokens.size() >= terms.size() &&
         std::equal(terms.begin(), terms.end(), tokens.begin(),
                    [](const std::string& term, const Token& token) { return term == token.term; });
}

}  // namespace

bool DocumentAnalyzer::TextHasTitle(const AnalyzedDocument& out) const {
  if (out.passages.empty() || out.title_terms.empty()) return false;
  if (StartsWithTerms(out.passages.front().tokens, out.title_terms)) return true;
  return std::any_of(out.passages.begin(), out.passages.end(), [&](const AnalyzedPassage& p) {
    return p.tokens.size() == out.title_terms.size() && StartsWithTerms(p.tokens, out.title_terms);
  });
}

std::vector<TextPassage> SplitTextPassages(std::string_view text, const PassageOptions& options) {
  std::vector<TextPassage> passages;
  for (const PassageSpan& span : SplitPassages(text, options)) {
    passages.push_back({span, ContentHash(text.substr(span.start, span.end - span.start))});
  }
  return passages;
}

AnalyzedPassage* DocumentAnalyzer::AddTextPassage(const RawDocument& doc, PassageSpan span,
                                                  AnalyzedDocument* out) {
  AnalyzedPassage* passage = NextPassage(out);
  passage->start = span.start;
  passage->end = span.end;
  passage->is_title = false;
  passage->content_hash.reset();
  passage->tokens.clear();
  analyzer_.Analyze(std::string_view(doc.text).substr(span.start, span.end - span.start), 0,
                    &passage->tokens);
  for (Token& token : passage->tokens) {  // offsets relative to the whole text
    token.start += span.start;
    token.end += span.start;
  }
  if (passage->tokens.size() > format::kMaxPassageLength) {
    passage->tokens.resize(format::kMaxPassageLength);
  }
  if (!passage->tokens.empty()) return passage;
  out->passages.pop_back();
  return nullptr;
}

void DocumentAnalyzer::Analyze(const RawDocument& doc, AnalyzedDocument* out) {
  StartDocument(doc, out);
  for (const PassageSpan& span : SplitPassages(doc.text, options_)) AddTextPassage(doc, span, out);
  AddTitle(doc, out);
}

void DocumentAnalyzer::Analyze(const RawDocument& doc, std::span<const TextPassage> passages,
                               AnalyzedDocument* out) {
  StartDocument(doc, out);
  for (const TextPassage& text : passages) {
    if (AnalyzedPassage* passage = AddTextPassage(doc, text.span, out)) {
      passage->content_hash = text.content_hash;
    }
  }
  AddTitle(doc, out);
}

void DocumentAnalyzer::StartDocument(const RawDocument& doc, AnalyzedDocument* out) {
  out->Clear();
  out->title_terms = analyzer_.Terms(doc.title);
  out->outlet_terms = analyzer_.Terms(doc.outlet);
}

void DocumentAnalyzer::AddTitle(const RawDocument& doc, AnalyzedDocument* out) {
  if (!out->title_terms.empty() && !TextHasTitle(*out)) {
    AnalyzedPassage title;
    title.start = 0;
    title.end = static_cast<uint32_t>(doc.title.size());
    title.is_title = true;
    analyzer_.Analyze(doc.title, 0, &title.tokens);
    if (title.tokens.size() > format::kMaxPassageLength) {
      title.tokens.resize(format::kMaxPassageLength);
    }
    out->passages.insert(out->passages.begin(), std::move(title));
  }
  for (const AnalyzedPassage& p : out->passages) out->length += p.tokens.size();
}

}  // namespace syndex
