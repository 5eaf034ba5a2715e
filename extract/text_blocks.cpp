// Markdown block syntax (text_blocks.h) and StartsMarkdownBlock.
#include "extract/internal/text_blocks.h"

#include "extract/text.h"
#include "extract/internal/text_chars.h"

namespace pw::extract {
namespace textparse {

int AtxLevel(std::string_view t) {
  size_t n = 0;
  while (n < t.size() && t[n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  if (n < t.size() && !IsAsciiSpace(t[n])) return 0;
  return static_cast<int>(n);
}

std::string_view AtxContent(std::string_view t, int level) {
  std::string_view c = TrimAscii(t.substr(static_cast<size_t>(level)));
  // Optional closing sequence: spaces then '#'s at the end (or only '#'s).
  size_t e = c.size();
  while (e > 0 && c[e - 1] == '#') --e;
  if (e < c.size() && (e == 0 || IsAsciiSpace(c[e - 1]))) c = TrimAscii(c.substr(0, e));
  return c;
}

// Fence opener: returns the fence length (>= 3) and char, or 0.
size_t FenceLength(std::string_view t, char* fence_char) {
  if (t.empty() || (t[0] != '`' && t[0] != '~')) return 0;
  size_t n = 0;
  while (n < t.size() && t[n] == t[0]) ++n;
  if (n < 3) return 0;
  if (t[0] == '`' && t.substr(n).find('`') != std::string_view::npos) return 0;
  *fence_char = t[0];
  return n;
}

bool IsFenceClose(std::string_view t, char fence_char, size_t len) {
  size_t n = 0;
  while (n < t.size() && t[n] == fence_char) ++n;
  return n >= len && n == t.size();
}

bool IsThematicBreak(std::string_view t) {
  if (t.empty() || (t[0] != '-' && t[0] != '*' && t[0] != '_')) return false;
  int count = 0;
  for (char c : t) {
    if (c == t[0]) ++count;
    else if (!IsAsciiSpace(c)) return false;
  }
  return count >= 3;
}

// A setext underline: '=' -> 1, '-' -> 2 (at least three), else 0.
int SetextLevel(std::string_view t) {
  if (t.size() < 3 || (t[0] != '=' && t[0] != '-')) return 0;
  for (char c : t)
    if (c != t[0]) return 0;
  return t[0] == '=' ? 1 : 2;
}

// List marker: returns the content after the marker, or false.
bool ListItem(std::string_view t, std::string_view* content) {
  size_t n = 0;
  if (!t.empty() && (t[0] == '-' || t[0] == '*' || t[0] == '+')) {
    n = 1;
  } else {
    while (n < t.size() && n < 9 && IsDigit(t[n])) ++n;
    if (n == 0 || n >= t.size() || (t[n] != '.' && t[n] != ')')) return false;
    ++n;
  }
  if (n < t.size() && !IsAsciiSpace(t[n])) return false;
  *content = TrimAscii(t.substr(n));
  return true;
}

bool IsOrderedListItem(std::string_view t) {
  std::string_view content;
  return !t.empty() && IsDigit(t[0]) && ListItem(t, &content);
}

bool IsTableSeparator(std::string_view t) {
  bool dash = false;
  for (char c : t) {
    if (c == '-') dash = true;
    else if (c != '|' && c != ':' && !IsAsciiSpace(c)) return false;
  }
  return dash;
}

// Strips leading '>' quote markers.
std::string_view StripQuote(std::string_view t) {
  while (!t.empty() && t[0] == '>') t = TrimAscii(t.substr(1));
  return t;
}

}  // namespace textparse

bool StartsMarkdownBlock(std::string_view line) {
  using namespace textparse;
  std::string_view t = TrimAscii(line);
  if (t.empty()) return false;
  char fc;
  std::string_view content;
  return AtxLevel(t) > 0 || FenceLength(t, &fc) > 0 || IsThematicBreak(t) ||
         ListItem(t, &content) || t[0] == '|' || t[0] == '>';
}

}  // namespace pw::extract
