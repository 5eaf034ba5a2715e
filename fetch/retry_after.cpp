#include "fetch/retry_after.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace pw::fetch {
namespace {

constexpr std::chrono::seconds kMaxRetryAfter{365LL * 24 * 3600};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::optional<std::chrono::seconds> ParseRetryAfter(
    std::string_view value, std::chrono::system_clock::time_point now) {
  while (!value.empty() && IsSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsSpace(value.back())) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;

  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    long long seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds > kMaxRetryAfter.count()) return kMaxRetryAfter;
    }
    return std::chrono::seconds(seconds);
  }

  // An HTTP-date must start with a day name: this keeps curl_getdate() from
  // accepting loose forms such as "-5" or "tomorrow".
  if (!((value[0] >= 'A' && value[0] <= 'Z') || (value[0] >= 'a' && value[0] <= 'z'))) {
    return std::nullopt;
  }
  std::string text(value);
  time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  auto delta = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::from_time_t(when) - now);
  return std::clamp(delta, std::chrono::seconds(0), kMaxRetryAfter);
}

}  // namespace pw::fetch
