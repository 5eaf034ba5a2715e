// The one time vocabulary: wall-clock time points, and the UTC unix seconds the
// store keeps them as.
#pragma once

#include <chrono>
#include <cstdint>

namespace pw {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Seconds = std::chrono::seconds;

// Whole seconds since the epoch (rounded toward it).
inline std::int64_t UnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}

inline TimePoint FromUnixSeconds(std::int64_t seconds) { return TimePoint(Seconds(seconds)); }

}  // namespace pw
