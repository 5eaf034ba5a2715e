#include "archive/internal/layout.h"

#include <ctime>

#include "util/clock.h"

namespace pw::archive::internal {
namespace {

// Reads `n` digits at `*pos`; false when they are not all digits.
bool Digits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + n > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

// One of ':' or '-' (the time separator), the same each time it is asked.
bool TimeSeparator(std::string_view s, size_t* pos, char* sep) {
  if (*pos >= s.size()) return false;
  char c = s[*pos];
  if (c != ':' && c != '-') return false;
  if (*sep != 0 && c != *sep) return false;
  *sep = c;
  ++*pos;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::string VersionFileName(std::int64_t fetched_at, std::int64_t version_id) {
  return FormatUtc(fetched_at, "%Y-%m-%dT%H-%M-%SZ") + "_v" + std::to_string(version_id) + ".md";
}

std::string Rfc3339(std::int64_t unix_seconds) { return FormatUtc(unix_seconds, kRfc3339); }

std::optional<std::int64_t> ParseUtcTimestamp(std::string_view s) {
  size_t pos = 0;
  int y, mo, d, h, mi, sec;
  char sep = 0;
  if (!Digits(s, &pos, 4, &y) || !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &mo) ||
      !Expect(s, &pos, '-') || !Digits(s, &pos, 2, &d) || !Expect(s, &pos, 'T') ||
      !Digits(s, &pos, 2, &h) || !TimeSeparator(s, &pos, &sep) || !Digits(s, &pos, 2, &mi) ||
      !TimeSeparator(s, &pos, &sep) || !Digits(s, &pos, 2, &sec)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == '.') {
    size_t start = ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (!Expect(s, &pos, 'Z') || pos != s.size()) return std::nullopt;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 ||
      sec > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::optional<std::int64_t> TimeOfFileName(std::string_view name, std::string* why) {
  constexpr std::string_view kExt = ".md";
  if (name.size() <= kExt.size() || name.substr(name.size() - kExt.size()) != kExt) {
    *why = "not a .md file";
    return std::nullopt;
  }
  std::string_view stem = name.substr(0, name.size() - kExt.size());
  if (auto v = stem.rfind("_v"); v != std::string_view::npos && v + 2 < stem.size() &&
                                 stem.find_first_not_of("0123456789", v + 2) == stem.npos) {
    stem = stem.substr(0, v);
  }
  auto at = ParseUtcTimestamp(stem);
  if (!at) *why = "the name is not a UTC date and time like 2021-05-14T10-23-45Z.md";
  return at;
}

std::string CheckSegment(std::string_view segment) {
  if (segment.empty()) return "an empty path component";
  if (segment == "." || segment == "..") return "'" + std::string(segment) + "' as a path component";
  if (segment.size() > 255) return "a path component longer than 255 bytes";
  for (unsigned char c : segment) {
    if (c == '/' || c == '\\') return "'" + std::string(segment) + "' contains a slash";
    if (c < 0x20 || c == 0x7f) return "a path component with a control character";
  }
  return "";
}

std::string CheckRelativePath(std::string_view relative) {
  if (relative.empty()) return "an empty path";
  if (relative.front() == '/') return "'" + std::string(relative) + "' is absolute";
  size_t start = 0;
  while (true) {
    size_t slash = relative.find('/', start);
    std::string_view part = relative.substr(start, slash == relative.npos ? relative.npos : slash - start);
    std::string problem = CheckSegment(part);
    if (!problem.empty()) return "'" + std::string(relative) + "' has " + problem;
    if (slash == relative.npos) return "";
    start = slash + 1;
  }
}

}  // namespace pw::archive::internal
