// Scheduling arithmetic for checks: when is a document next due, and when may
// a host next be contacted. Pure functions and a small value class; no I/O.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "util/clock.h"

namespace pw::check {

// The next check after a successful one: `interval`, plus a jitter drawn
// deterministically from `key` and `now` in [-jitter*interval, +jitter*interval]
// so that documents sharing an interval drift apart. Never less than 1 s away.
TimePoint NextAfterSuccess(TimePoint now, Seconds interval, double jitter, std::string_view key);

// The next check after `consecutive_failures` (>= 1) failures in a row: exponential
// back-off starting at 1 minute and doubling, capped at `interval` (a failing
// document is never checked less often than a healthy one). A server's
// Retry-After, when later, wins.
TimePoint NextAfterFailure(TimePoint now, Seconds interval, int consecutive_failures,
                           std::optional<Seconds> retry_after);

// On the first start, documents with no plan yet are spread over
// min(interval, spread) from now, by a stable hash of `key`, instead of firing at once.
TimePoint FirstCheck(TimePoint now, Seconds interval, Seconds spread, std::string_view key);

// The host part of an http(s) URL, lower-cased ("" when there is none).
std::string HostOf(std::string_view url);

// Polite per-host spacing: a host may be contacted again `delay` after the last
// request to it started.
class HostGate {
 public:
  explicit HostGate(std::chrono::milliseconds delay) : delay_(delay) {}
  // When `host` may next be contacted (now or earlier: it may be contacted now).
  TimePoint AvailableAt(const std::string& host) const;
  void MarkStarted(const std::string& host, TimePoint now);
  // Forgets hosts whose delay has long passed, so the map stays small.
  void Prune(TimePoint now);

 private:
  std::chrono::milliseconds delay_;
  std::map<std::string, TimePoint> last_start_;
};

}  // namespace pw::check
