// File: indexer/scoped_timer.h
//
// Adds the wall time of a scope to a counter of seconds, for the indexer's
// own accounting of where build time goes (dedup's share of a build).
//
// Example:
//   { ScopedTimer timer(&stats.plan_seconds); plan = Plan(); }
#ifndef SYNDEX_INDEXER_SCOPED_TIMER_H_
#define SYNDEX_INDEXER_SCOPED_TIMER_H_

#include <chrono>

namespace syndex {

class ScopedTimer {
 public:
  explicit ScopedTimer(double* seconds)
      : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  ~ScopedTimer() {
    *seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  double* seconds_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace syndex

#endif  // SYNDEX_INDEXER_SCOPED_TIMER_H_
