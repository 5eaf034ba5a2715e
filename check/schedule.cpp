#include "check/schedule.h"

#include <algorithm>
#include <cctype>

namespace pw::check {
namespace {

// FNV-1a: a stable hash, the same on every run and machine.
std::uint64_t StableHash(std::string_view key, std::uint64_t salt = 0) {
  std::uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : key) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// A fraction in [0, 1) from a hash.
double Fraction(std::uint64_t h) { return static_cast<double>(h >> 11) / 9007199254740992.0; }

}  // namespace

TimePoint NextAfterSuccess(TimePoint now, Seconds interval, double jitter, std::string_view key) {
  jitter = std::clamp(jitter, 0.0, 1.0);
  auto salt = static_cast<std::uint64_t>(UnixSeconds(now));
  double offset = (Fraction(StableHash(key, salt)) * 2.0 - 1.0) * jitter;
  auto delay = Seconds(static_cast<std::int64_t>(interval.count() * (1.0 + offset)));
  return now + std::max(delay, Seconds(1));
}

TimePoint NextAfterFailure(TimePoint now, Seconds interval, int consecutive_failures,
                           std::optional<Seconds> retry_after) {
  int exponent = std::clamp(consecutive_failures - 1, 0, 30);
  Seconds backoff = Seconds(60) * (std::int64_t{1} << std::min(exponent, 20));
  backoff = std::min(backoff, std::max(interval, Seconds(1)));
  if (retry_after && *retry_after > backoff) backoff = *retry_after;
  return now + backoff;
}

TimePoint FirstCheck(TimePoint now, Seconds interval, Seconds spread, std::string_view key) {
  Seconds window = std::min(interval, spread);
  if (window <= Seconds(0)) return now;
  auto offset = static_cast<std::int64_t>(Fraction(StableHash(key)) * window.count());
  return now + Seconds(offset);
}

std::string HostOf(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  auto at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    rest = rest.substr(0, rest.find(']') + 1);
  } else {
    rest = rest.substr(0, rest.find(':'));
  }
  std::string host(rest);
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

TimePoint HostGate::AvailableAt(const std::string& host) const {
  auto it = last_start_.find(host);
  if (it == last_start_.end()) return TimePoint{};
  return it->second + std::chrono::duration_cast<Clock::duration>(delay_);
}

void HostGate::MarkStarted(const std::string& host, TimePoint now) { last_start_[host] = now; }

void HostGate::Prune(TimePoint now) {
  for (auto it = last_start_.begin(); it != last_start_.end();) {
    if (it->second + delay_ < now) {
      it = last_start_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace pw::check
