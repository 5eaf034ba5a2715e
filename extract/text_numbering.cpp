// Numbered plain-text lines (text_numbering.h).
#include "extract/internal/text_numbering.h"

#include "extract/internal/text_chars.h"
#include "extract/internal/text_title_shape.h"

namespace pw::extract::textparse {
namespace {

bool IsRomanChar(char c) { return std::string_view("IVXLC").find(c) != std::string_view::npos; }

int RomanValue(std::string_view r) {
  int total = 0;
  for (size_t k = 0; k < r.size(); ++k) {
    int v = std::string_view("IVXLC").find(r[k]);
    static const int kValues[] = {1, 5, 10, 50, 100};
    int next = k + 1 < r.size() ? kValues[std::string_view("IVXLC").find(r[k + 1])] : 0;
    total += kValues[v] < next ? -kValues[v] : kValues[v];
  }
  return total;
}

int DigitsValue(std::string_view d) {
  int v = 0;
  for (char c : d) v = v * 10 + (c - '0');
  return v;
}

// Digits (at most three a group) with optional ".digits" groups from *i; sets
// *n's last group and value. Returns the group count (0 if none).
int DottedNumber(std::string_view t, size_t* i, Numbering* n) {
  int groups = 0;
  while (true) {
    size_t b = *i;
    while (*i < t.size() && *i - b < 3 && IsDigit(t[*i])) ++*i;
    if (*i == b || (*i < t.size() && IsDigit(t[*i]))) return 0;
    ++groups;
    n->last = b;
    n->value = DigitsValue(t.substr(b, *i - b));
    if (*i + 1 < t.size() && t[*i] == '.' && IsDigit(t[*i + 1])) {
      ++*i;
      continue;
    }
    return groups;
  }
}

Numbering ParseNumbering(std::string_view t) {
  Numbering n;
  if (t.empty() || t.size() > 100) return n;
  size_t i = 0;
  if (IsDigit(t[0])) {
    int depth = DottedNumber(t, &i, &n);
    bool dot = i < t.size() && t[i] == '.';
    if (depth == 0 || (depth == 1 && !dot)) return n;  // "2024 was..." is no heading
    n.depth = depth;
    n.end = i + (dot ? 1 : 0);
    return n;
  }
  static const char* const kWords[] = {"Article", "ARTICLE", "Section", "SECTION", "Chapter",
                                       "CHAPTER", "Part",    "PART",    "Clause",  "CLAUSE",
                                       "\xC2\xA7"};  // U+00A7 SECTION SIGN
  for (const char* w : kWords) {
    std::string_view ws(w);
    if (t.substr(0, ws.size()) != ws || t.size() == ws.size()) continue;
    i = ws.size();
    bool sign = ws[0] == '\xC2';
    if (t[i] == ' ') ++i;
    else if (!sign) return n;
    int depth = 1;
    if (i < t.size() && IsDigit(t[i])) {
      depth = DottedNumber(t, &i, &n);
    } else if (!sign) {
      size_t b = i;
      while (i < t.size() && i - b < 6 && IsRomanChar(t[i])) ++i;
      if (i == b) return n;
      n.last = b;
      n.value = RomanValue(t.substr(b, i - b));
    } else {
      return n;
    }
    if (depth == 0) return n;
    if (i < t.size() && (t[i] == '.' || t[i] == ':')) ++i;
    n.depth = depth;
    n.outline = n.bare_ok = true;
    n.end = i;
    return n;
  }
  while (i < t.size() && i < 6 && IsRomanChar(t[i])) ++i;
  if (i == 0 || i >= t.size() || t[i] != '.') return n;
  n.value = RomanValue(t.substr(0, i));
  n.depth = 1;
  n.outline = true;
  n.end = i + 1;
  return n;
}

}  // namespace

std::string_view NumberedTitle(std::string_view t, const Numbering& n) {
  if (n.end >= t.size() || !IsAsciiSpace(t[n.end])) return {};
  std::string_view title = TrimAscii(t.substr(n.end));
  for (std::string_view sep : {"-", ":", "\xE2\x80\x93", "\xE2\x80\x94"}) {  // en/em dash
    if (title.substr(0, sep.size()) == sep) {
      title = TrimAscii(title.substr(sep.size()));
      break;
    }
  }
  if (title.empty() || title.size() > 80 || CountWords(title) > 12) return {};
  if (EndsWithAny(title, ".;,") || IsLower(title[0])) return {};
  return title;
}

int NumberedHeading(std::string_view t, Numbering* numbering) {
  Numbering n = ParseNumbering(t);
  *numbering = n;
  if (n.depth == 0) return 0;
  if (n.end == t.size()) return n.bare_ok ? n.depth : 0;  // "Article 5" alone
  return NumberedTitle(t, n).empty() ? 0 : n.depth;
}

}  // namespace pw::extract::textparse
