// Retry back-off for something that fails for a while (the database, a
// reader's full queue): a plain value class, no I/O.
#pragma once

#include <chrono>

#include "util/clock.h"

namespace pw {

// Retry back-off for something that fails for a while (the database): the first
// retry `first` after a failure, each next one twice as late, capped at `max`.
class Backoff {
 public:
  Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max)
      : first_(first), max_(max) {}
  // A failure at `now`: the next try is due a longer delay after it.
  void Failed(SteadyClock::time_point now);
  // It works again: the next failure starts the delays over.
  void Succeeded() { failures_ = 0; next_ = SteadyClock::time_point{}; }
  // True when a try may be made at `now` (always, with no failure since the last success).
  bool Due(SteadyClock::time_point now) const { return now >= next_; }
  // How long until Due (0 when due).
  std::chrono::milliseconds Left(SteadyClock::time_point now) const;
  // Failures since the last success, and when the first of them was.
  int failures() const { return failures_; }
  SteadyClock::time_point failing_since() const { return failing_since_; }

 private:
  std::chrono::milliseconds first_, max_;
  std::chrono::milliseconds delay_{0};
  int failures_ = 0;
  SteadyClock::time_point next_{};
  SteadyClock::time_point failing_since_{};
};

}  // namespace pw
