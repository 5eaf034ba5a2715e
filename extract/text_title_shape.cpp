// The title-shape predicates of plain-text headings (text_title_shape.h).
#include "extract/internal/text_title_shape.h"

#include <algorithm>

#include "extract/internal/text_chars.h"

namespace pw::extract::textparse {

bool EndsWithAny(std::string_view t, std::string_view chars) {
  return !t.empty() && chars.find(t.back()) != std::string_view::npos;
}

size_t CountWords(std::string_view t) {
  size_t words = 0;
  bool in = false;
  for (char c : t) {
    bool sp = IsAsciiSpace(c);
    if (!sp && !in) ++words;
    in = !sp;
  }
  return words;
}

namespace {

bool IsSmallWord(std::string_view w) {
  static const char* const kSmall[] = {"with", "from", "into", "onto", "upon", "than", "that",
                                       "over", "under", "within", "your", "their", "when",
                                       "what", "where", "which", "whom", "these", "those",
                                       "they", "them", "this"};
  for (const char* s : kSmall)
    if (w == s) return true;
  return false;
}

}  // namespace

// Title Case (most significant words capitalised) or ALL CAPS.
bool LooksTitleCased(std::string_view t) {
  size_t significant = 0, capitalised = 0, letters = 0, upper_letters = 0;
  bool first_word = true, first_ok = false;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && IsAsciiSpace(t[i])) ++i;
    size_t b = i;
    while (i < t.size() && !IsAsciiSpace(t[i])) ++i;
    std::string_view w = t.substr(b, i - b);
    if (w.empty()) break;
    // Skip leading quotes/brackets.
    size_t k = 0;
    while (k < w.size() && (w[k] == '(' || w[k] == '"' || w[k] == '\'')) ++k;
    w = w.substr(k);
    for (char c : w) {
      if (IsUpper(c)) ++letters, ++upper_letters;
      else if (IsLower(c)) ++letters;
    }
    if (first_word) {
      first_ok = w.empty() || IsUpper(w[0]) || IsDigit(w[0]) ||
                 static_cast<unsigned char>(w[0]) >= 0x80;
      first_word = false;
    }
    if (w.size() >= 4 && (IsUpper(w[0]) || IsLower(w[0])) && !IsSmallWord(w)) {
      ++significant;
      if (IsUpper(w[0])) ++capitalised;
    }
  }
  if (!first_ok || letters == 0) return false;
  if (letters >= 4 && upper_letters == letters) return true;
  if (significant == 0) return CountWords(t) >= 2;  // "Who We Are", not "YES"
  return capitalised * 5 >= significant * 4;
}

bool LooksLikeUrlOrEmail(std::string_view t) {
  return t.find("://") != std::string_view::npos || t.find('@') != std::string_view::npos ||
         t.substr(0, 4) == "www.";
}

// A short title-like line, judged on its own (no follower check).
bool TitleShaped(std::string_view t) {
  if (t.empty() || t.size() >= 80 || CountWords(t) > 12) return false;
  if (EndsWithAny(t, ".;,!")) return false;
  if (LooksLikeUrlOrEmail(t)) return false;
  if (std::count_if(t.begin(), t.end(), IsDigit) >= 4) return false;  // dates, phone numbers
  unsigned char f = static_cast<unsigned char>(t[0]);
  if (IsLower(t[0]) || (f < 0x80 && !IsUpper(t[0]) && !IsDigit(t[0]) && t[0] != '"' &&
                        t[0] != '\'' && t[0] != '('))
    return false;
  bool question = t.back() == '?';
  bool titled = LooksTitleCased(t);
  if (t.back() == ':') return titled;
  return titled || question;
}

}  // namespace pw::extract::textparse
