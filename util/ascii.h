// ASCII case folding: 'A'..'Z' to 'a'..'z', every other byte as it is (UTF-8
// sequences untouched). Domain free: HTML tag and attribute names, CSS
// selectors, HTTP headers, charset labels and config units all fold this way.
#pragma once

#include <string>
#include <string_view>

namespace pw {

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace pw
