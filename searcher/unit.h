// File: searcher/unit.h
//
// What a search ranks: passages (the default) or whole documents.
#ifndef SYNDEX_SEARCHER_UNIT_H_
#define SYNDEX_SEARCHER_UNIT_H_

namespace syndex {

enum class Unit { kPassage, kDocument };

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_UNIT_H_
