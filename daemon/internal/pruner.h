// Attempt retention in the daemon: once at start, then daily, the attempts older
// than [daemon] keep_attempts are folded into daily counts and deleted
// (store::Store::PruneAttemptBatch), one batch per turn of the loop, so checks
// are never held up for more than one batch's transaction.
#pragma once

#include <chrono>
#include <cstdint>

#include "store/store.h"
#include "util/clock.h"

namespace pw::daemon {

class Pruner {
 public:
  // A round starts daily; a failed batch (a busy database) is tried again soon.
  static constexpr Seconds kEvery{86400};
  static constexpr Seconds kRetry{60};

  explicit Pruner(Seconds keep) : keep_(keep) {}
  void SetKeep(Seconds keep) { keep_ = keep; }  // from the next round (a reload)

  // Prunes one batch when one is due at `now`; logs a round's total at its end
  // and any failure.
  void Step(store::Store* store, TimePoint now);
  // When Step next has work (now while a round is under way).
  TimePoint Next() const { return next_; }

 private:
  Seconds keep_;
  TimePoint next_{};              // due at once: the first round runs at start
  std::int64_t before_ = 0;       // the round's bound; 0: no round under way
  store::PruneResult round_;      // the round's totals so far
};

}  // namespace pw::daemon
