// The one time vocabulary: wall-clock time points (when a check is due, when an
// event occurred), the UTC unix seconds the store keeps them as, and the steady
// clock that times waits and back-offs.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <string>

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

// `unix_seconds` in UTC through strftime's `format`, e.g. "%Y-%m-%dT%H:%M:%SZ"
// (RFC 3339, kRfc3339).
inline constexpr const char* kRfc3339 = "%Y-%m-%dT%H:%M:%SZ";
inline std::string FormatUtc(std::int64_t unix_seconds, const char* format) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

}  // namespace pw
