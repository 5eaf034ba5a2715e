// ASCII character classes and whitespace trimming shared by the files of
// ParseText (text*.cpp). Internal to extract/.
#pragma once

#include <cstddef>
#include <string_view>

namespace pw::extract::textparse {

// Space, tab, vertical tab, form feed (line breaks are split off before).
inline bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

// `s` without leading and trailing IsAsciiSpace characters.
inline std::string_view TrimAscii(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

}  // namespace pw::extract::textparse
