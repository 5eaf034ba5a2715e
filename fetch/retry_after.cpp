#include "fetch/internal/retry_after.h"

#include <algorithm>
#include <string>

#include "fetch/internal/validators.h"

namespace pw::fetch {
namespace {

constexpr std::chrono::seconds kMaxRetryAfter{365LL * 24 * 3600};

}  // namespace

std::optional<std::chrono::seconds> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  value = TrimHttpSpace(value);
  if (value.empty()) return std::nullopt;

  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxRetryAfter.count()) return kMaxRetryAfter;
    }
    return std::chrono::seconds(seconds);
  }

  const auto when = ParseHttpDate(value);
  if (!when) return std::nullopt;
  auto delta = std::chrono::duration_cast<std::chrono::seconds>(*when - now);
  return std::clamp(delta, std::chrono::seconds(0), kMaxRetryAfter);
}

}  // namespace pw::fetch
