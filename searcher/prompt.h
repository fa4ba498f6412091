// File: searcher/prompt.h
//
// The interactive search prompt (`searcher --index DIR` on a terminal):
// readline editing and history (kept in ~/.syndex_history), queries typed
// one per line, and commands:
//   :help            this list
//   :stats           documents, passages and segments of the index
//   :k N             show N results
//   :unit passage|doc
//   :group on|off    one result per group of copies and near-duplicates
//   :boilerplate on|off  rank outlets' boilerplate passages too
//   :expand N        the variants of result N of the last query, as word diffs
//   :quit            (or Ctrl-D)
// A bad query prints what is wrong and where, and the prompt carries on.
// Before each query (and :stats) the prompt checks for a new commit of the
// index and, if there is one, searches it from then on, saying so.
#ifndef SYNDEX_SEARCHER_PROMPT_H_
#define SYNDEX_SEARCHER_PROMPT_H_

#include "searcher/index_follower.h"
#include "searcher/search_session.h"

namespace syndex {

// Runs until :quit or end of input. Returns 0. `session` searches
// `follower`'s current snapshot.
int RunPrompt(IndexFollower* follower, SearchSession* session);

}  // namespace syndex

#endif  // SYNDEX_SEARCHER_PROMPT_H_
