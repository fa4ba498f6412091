// File: searcher/builtin_synonyms.h
//
// The synonym list shipped with syndex, searcher/data/news_synonyms.txt,
// compiled into the searcher so that phrasings queries (~"...") have
// synonyms without a file to find at run time. searcher/CMakeLists.txt
// generates the definition from the file's bytes, so editing the file and
// rebuilding is all it takes to change the list.
//
// Example:
//   Analyzer analyzer;
//   ASSIGN_OR_RETURN(SynonymMap synonyms,
//                    SynonymMap::Parse(kBuiltinNewsSynonymsName, BuiltinNewsSynonyms(),
//                    &analyzer));
#ifndef SYNDEX_SEARCHER_BUILTIN_SYNONYMS_H_
#define SYNDEX_SEARCHER_BUILTIN_SYNONYMS_H_

#include <string_view>

namespace syndex {

// The name that messages give the built-in list ("news_synonyms.txt:12: ...").
inline constexpr std::string_view kBuiltinNewsSynonymsName = "news_synonyms.txt";

// The contents of searcher/data/news_synonyms.txt at build time, byte for
// byte (in Solr's synonyms.txt format; see searcher/synonym_map.h). The view
// is of static storage and never dangles.
std::string_view BuiltinNewsSynonyms();

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_BUILTIN_SYNONYMS_H_
