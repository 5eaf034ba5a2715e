// ParseDuration and ParseSize: "90s", "6h", "7d", "500ms"; "512KB", "10MB", "1GB".
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>

#include "config/config.h"
#include "util/ascii.h"

namespace pw::config {
namespace {

// Splits "123abc" into 123 and "abc". False when there is no leading digit, on
// overflow, or when anything but letters follows the digits.
bool SplitNumberUnit(std::string_view text, std::uint64_t* number, std::string_view* unit) {
  size_t i = 0;
  std::uint64_t n = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    std::uint64_t digit = static_cast<std::uint64_t>(text[i] - '0');
    if (n > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
    n = n * 10 + digit;
    ++i;
  }
  if (i == 0) return false;
  for (size_t j = i; j < text.size(); ++j) {
    if (!std::isalpha(static_cast<unsigned char>(text[j]))) return false;
  }
  *number = n;
  *unit = text.substr(i);
  return true;
}

bool Multiply(std::uint64_t a, std::uint64_t b, std::uint64_t limit, std::uint64_t* out) {
  if (b != 0 && a > limit / b) return false;
  *out = a * b;
  return true;
}

}  // namespace

bool ParseDuration(std::string_view text, std::chrono::milliseconds* out) {
  std::uint64_t n = 0;
  std::string_view unit;
  if (!SplitNumberUnit(text, &n, &unit)) return false;
  std::uint64_t scale = 0;
  if (unit == "ms") scale = 1;
  else if (unit == "s") scale = 1000;
  else if (unit == "m") scale = 60 * 1000;
  else if (unit == "h") scale = 3600 * 1000;
  else if (unit == "d") scale = 86400 * 1000;
  else return false;
  std::uint64_t ms = 0;
  // Cap at int64 milliseconds (about 292 million years) so chrono never overflows.
  if (!Multiply(n, scale, static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()),
                &ms)) {
    return false;
  }
  *out = std::chrono::milliseconds(static_cast<std::int64_t>(ms));
  return true;
}

bool ParseSize(std::string_view text, std::uint64_t* out) {
  std::uint64_t n = 0;
  std::string_view unit;
  if (!SplitNumberUnit(text, &n, &unit)) return false;
  const std::string u = AsciiLower(unit);
  std::uint64_t scale = 0;
  if (u == "b") scale = 1;
  else if (u == "kb") scale = 1000;
  else if (u == "mb") scale = 1000 * 1000;
  else if (u == "gb") scale = 1000 * 1000 * 1000;
  else if (u == "kib") scale = 1024;
  else if (u == "mib") scale = 1024 * 1024;
  else if (u == "gib") scale = 1024 * 1024 * 1024;
  else return false;
  return Multiply(n, scale, std::numeric_limits<std::uint64_t>::max(), out);
}

}  // namespace pw::config
