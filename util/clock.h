// The one time vocabulary: wall-clock time points (when a check is due, when an
// event occurred), the UTC unix seconds the store keeps them as, and the steady
// clock that times waits and back-offs.
#pragma once

#include <chrono>
#include <cstdint>

namespace pw {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Seconds = std::chrono::seconds;
using SteadyClock = std::chrono::steady_clock;

// Whole seconds since the epoch (rounded toward it).
inline std::int64_t UnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}

inline TimePoint FromUnixSeconds(std::int64_t seconds) { return TimePoint(Seconds(seconds)); }

}  // namespace pw
