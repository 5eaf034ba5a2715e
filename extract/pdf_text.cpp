// Ligatures, list markers and line joining (pdf_text.h).
#include "extract/internal/pdf_text.h"

#include <utf8proc.h>

#include "util/ascii.h"

namespace pw::extract::pdf {
namespace {

// The code point ending at byte `end` of `s` (0 if none or invalid).
utf8proc_int32_t CodepointBefore(std::string_view s, size_t end) {
  size_t start = end;
  while (start > 0 && end - start < 4) {
    --start;
    if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) break;
  }
  utf8proc_int32_t cp = 0;
  if (start == end) return 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + start),
                            static_cast<utf8proc_ssize_t>(end - start), &cp);
  return n == static_cast<utf8proc_ssize_t>(end - start) ? cp : 0;
}

utf8proc_int32_t FirstCodepoint(std::string_view s) {
  utf8proc_int32_t cp = 0;
  if (s.empty()) return 0;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                            static_cast<utf8proc_ssize_t>(s.size()), &cp);
  return n > 0 ? cp : 0;
}

bool IsLower(utf8proc_int32_t cp) {
  return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

// Letters (ASCII or any non-ASCII byte) of a word.
bool WordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80;
}

// `token` without leading and trailing bytes that are neither letters nor '-'.
std::string_view TrimToWord(std::string_view token) {
  while (!token.empty() && !WordByte(token.front())) token.remove_prefix(1);
  while (!token.empty() && !WordByte(token.back()) && token.back() != '-') token.remove_suffix(1);
  return token;
}

bool KeepsHyphen(const std::string& fragment) {
  if (fragment.size() == 1) return true;
  for (const char* f : {"opt", "self", "third", "cross", "well"}) {
    if (fragment == f) return true;
  }
  return false;
}

// *text ends with lowercase + '-', `line` starts lowercase: keep the hyphen?
bool RealHyphen(const std::string& text, std::string_view line, const HyphenEvidence& ev) {
  size_t b = text.size() - 1;
  while (b > 0 && WordByte(text[b - 1])) --b;
  std::string fragment = AsciiLower(std::string_view(text).substr(b, text.size() - 1 - b));
  size_t e = 0;
  while (e < line.size() && WordByte(line[e])) ++e;
  std::string rest = AsciiLower(line.substr(0, e));
  if (KeepsHyphen(fragment)) return true;
  return ev.HasCompound(fragment + "-" + rest) && !ev.HasWord(fragment + rest);
}

}  // namespace

bool StartsLowercase(std::string_view t) { return IsLower(FirstCodepoint(t)); }

bool EndsSentence(std::string_view t) {
  while (!t.empty()) {
    if (t.ends_with(")") || t.ends_with("\"") || t.ends_with("'")) {
      t.remove_suffix(1);
    } else if (t.ends_with("\u201D") || t.ends_with("\u2019")) {
      t.remove_suffix(3);
    } else {
      break;
    }
  }
  return !t.empty() && std::string_view(".!?:;").find(t.back()) != std::string_view::npos;
}

std::string ExpandLigatures(std::string_view text) {
  static const char* const kSpelled[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // U+FB00..U+FB06 are EF AC 80..86 in UTF-8.
    if (i + 2 < text.size() && text[i] == '\xEF' && text[i + 1] == '\xAC' &&
        static_cast<unsigned char>(text[i + 2]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 2]) <= 0x86) {
      out += kSpelled[static_cast<unsigned char>(text[i + 2]) - 0x80];
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

size_t ListMarkerLength(std::string_view t) {
  size_t n = 0;
  for (const char* bullet : {"\u2022", "\u25E6", "\u25AA", "\u2023", "\u25CF", "\u25CB", "\u25A0",
                             "\u25A1", "\u2013", "-", "*", "+"}) {
    std::string_view b(bullet);
    if (t.starts_with(b)) {
      n = b.size();
      break;
    }
  }
  if (n == 0) {
    bool paren = !t.empty() && t[0] == '(';
    size_t i = paren ? 1 : 0, digits = 0, letters = 0;
    while (i < t.size() && digits < 3 && t[i] >= '0' && t[i] <= '9') ++i, ++digits;
    while (digits == 0 && i < t.size() && letters < 4 && t[i] >= 'a' && t[i] <= 'z') ++i, ++letters;
    bool closed = i < t.size() && (t[i] == ')' || (t[i] == '.' && digits > 0 && !paren));
    if ((digits == 0 && letters == 0) || !closed || (letters > 1 && !paren)) return 0;
    n = i + 1;
  }
  if (n >= t.size() || t[n] != ' ') return 0;
  while (n < t.size() && t[n] == ' ') ++n;
  return n;
}

void HyphenEvidence::AddLine(std::string_view line) {
  size_t pos = 0;
  while (pos < line.size()) {
    size_t end = line.find(' ', pos);
    if (end == std::string_view::npos) end = line.size();
    std::string_view word = TrimToWord(line.substr(pos, end - pos));
    bool last = end == line.size();
    pos = end + 1;
    if (word.empty() || (last && word.back() == '-')) continue;
    std::string key = AsciiLower(word);
    bool compound = key.find('-') != std::string::npos;
    (compound ? compounds_ : words_).insert(std::move(key));
  }
}

void AppendLine(std::string* text, std::string_view line, const HyphenEvidence& evidence) {
  std::string& t = *text;
  if (t.empty()) {
    t.assign(line);
    return;
  }
  if (t.ends_with("\u00AD")) {
    t.resize(t.size() - 2);
  } else if (t.ends_with("\u2010") && t.size() > 3 && t[t.size() - 4] != ' ') {
    // kept as written
  } else if (t.back() == '-' && t.size() > 1 && t[t.size() - 2] != ' ') {
    if (IsLower(CodepointBefore(t, t.size() - 1)) && IsLower(FirstCodepoint(line)) &&
        !RealHyphen(t, line, evidence)) {
      t.pop_back();
    }
  } else {
    t += ' ';
  }
  t.append(line);
}

}  // namespace pw::extract::pdf
