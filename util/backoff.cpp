#include "util/backoff.h"

#include <algorithm>

namespace pw {

void Backoff::Failed(SteadyClock::time_point now) {
  if (failures_ == 0) {
    failing_since_ = now;
    delay_ = first_;
  } else {
    delay_ = std::min(delay_ * 2, max_);
  }
  ++failures_;
  next_ = now + delay_;
}

std::chrono::milliseconds Backoff::Left(SteadyClock::time_point now) const {
  if (now >= next_) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(next_ - now);
}

}  // namespace pw
