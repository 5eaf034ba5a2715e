#include "diff/internal/normalized_words.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

#include "diff/internal/word_diff.h"

namespace pw::diff {
namespace {

bool IsDigits(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "3", "3a", "12" — an enumerator or a day number.
bool IsSmallNumber(std::string_view w, int max) {
  size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  if (i == 0 || i > 3) return false;
  return std::atoi(std::string(w.substr(0, i)).c_str()) <= max;
}

// Day of month: "3", "03", "3rd", "23th", "1er".
bool IsDay(std::string_view w) {
  size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  if (i == 0 || i > 2) return false;
  std::string_view suffix = w.substr(i);
  if (!(suffix.empty() || suffix == "st" || suffix == "nd" || suffix == "rd" ||
        suffix == "th" || suffix == "er")) {
    return false;
  }
  int d = std::atoi(std::string(w.substr(0, i)).c_str());
  return d >= 1 && d <= 31;
}

// A year a date may carry: 1990..2099.
bool IsDateYear(std::string_view w) {
  if (w.size() != 4 || !IsDigits(w)) return false;
  int y = std::atoi(std::string(w).c_str());
  return y >= 1990 && y <= 2099;
}

}  // namespace

bool IsMonthWord(std::string_view w) {
  static const std::array<std::string_view, 40> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december", "janvier", "février", "mars",
      "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
      "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
      "sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "oct"};
  if (w.size() < 3) return false;
  // Every month word (and stem) starts with one of these three bytes ("fév",
  // "déc", "mär" and "aoû" by their first UTF-8 bytes): most words end here.
  const char b = w[1], c = w[2];
  bool prefix = false;
  switch (w[0]) {
    case 'a': prefix = (b == 'p' && c == 'r') || (b == 'v' && c == 'r') || (b == 'u' && c == 'g') ||
                       (b == 'o' && c == '\xC3'); break;
    case 'd': prefix = (b == 'e' && (c == 'c' || c == 'z')) || (b == '\xC3' && c == '\xA9'); break;
    case 'f': prefix = (b == 'e' && c == 'b') || (b == '\xC3' && c == '\xA9'); break;
    case 'j': prefix = (b == 'a' && c == 'n') || (b == 'u' && (c == 'n' || c == 'l' || c == 'i')); break;
    case 'm': prefix = (b == 'a' && (c == 'r' || c == 'y' || c == 'i')) || (b == '\xC3' && c == '\xA4'); break;
    case 'n': prefix = b == 'o' && c == 'v'; break;
    case 'o': prefix = (b == 'c' || b == 'k') && c == 't'; break;
    case 's': prefix = b == 'e' && c == 'p'; break;
    default: break;
  }
  if (!prefix) return false;
  if (w.size() > 10) return false;  // longer than any month word
  for (std::string_view m : kMonths) {
    if (w == m) return true;
  }
  // Abbreviations ("nov", "dec") and misspellings ("feburary"): the first three
  // letters of a month and a plausible length.
  static const std::array<std::string_view, 12> kStems = {
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "déc"};
  for (std::string_view s : kStems) {
    if (w.substr(0, s.size()) == s && (w.size() <= 4 || w.size() >= 6)) {
      // Exclude common words that share a stem.
      if (w == "march" || w == "mark" || w == "market" || w == "marketing" ||
          w == "jury" || w == "apply" || w == "decision" || w == "declare" ||
          w == "octet" || w == "novel" || w == "augment" || w == "septic") {
        return w == "march";
      }
      if (w.size() >= 6 && !(s == "feb" || s == "sep" || s == "dec" || s == "déc" ||
                             s == "oct" || s == "nov" || s == "jan" || s == "aug")) {
        return false;
      }
      if (w.size() >= 6) {
        // Long words: only month-like endings.
        std::string_view tail = w.substr(w.size() - 3);
        return tail == "ary" || tail == "ber" || tail == "ust" || tail == "bre" ||
               tail == "ier" || tail == "uar";
      }
      return true;
    }
  }
  return false;
}

namespace {

// StripMarkup, and with drop_apostrophes also "'", "’" and "‘" removed.
std::string Strip(std::string_view s, bool drop_apostrophes) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      ++i;
      if (!(drop_apostrophes && s[i] == '\'')) out += s[i];
      continue;
    }
    if (c == '!' && i + 1 < s.size() && s[i + 1] == '[') continue;  // image: keep alt
    if (c == '[' || c == ']') {
      // "](target)" -> drop the target.
      if (c == ']' && i + 1 < s.size() && s[i + 1] == '(') {
        size_t close = s.find(')', i + 2);
        size_t space = s.find(' ', i + 2);
        if (close != std::string_view::npos && (space == std::string_view::npos || space > close)) {
          i = close;
          out += ' ';
          continue;
        }
      }
      out += ' ';
      continue;
    }
    if (c == '*' || c == '_' || c == '`' || c == '#' || c == '|' || c == '>' || c == '~') {
      out += ' ';
      continue;
    }
    if (drop_apostrophes) {
      if (c == '\'') continue;
      if (c == '\xE2' && (s.compare(i, 3, "\xE2\x80\x99") == 0 || s.compare(i, 3, "\xE2\x80\x98") == 0)) {
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace

std::string StripMarkup(std::string_view s) { return Strip(s, false); }

std::string FoldWord(std::string_view word) {
  bool ascii = true;
  for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    std::string out(word.size(), '\0');
    size_t n = 0;
    for (char c : word) {
      if (c == '\'') continue;
      out[n++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    out.resize(n);
    return out;
  }
  utf8proc_uint8_t* folded = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(word.data()),
      static_cast<utf8proc_ssize_t>(word.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                     UTF8PROC_CASEFOLD));
  std::string out;
  if (n >= 0) {
    out.assign(reinterpret_cast<char*>(folded), static_cast<size_t>(n));
  } else {
    for (char c : word) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::free(folded);
  // Curly apostrophe inside a word -> straight, then drop it ("won’t" == "won't" == "wont").
  std::string clean;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\'') continue;
    if (out.compare(i, 3, "\xE2\x80\x99") == 0) {
      i += 2;
      continue;
    }
    clean += out[i];
  }
  return clean;
}

namespace {

// The folded words of ASCII text holding none of the markup StripMarkup reads
// ('\\', '[', ']'): runs of letters and digits, lower-cased, apostrophes dropped
// (what Strip, Tokenize and FoldWord make of such text). False otherwise.
bool PlainAsciiWords(std::string_view text, std::vector<std::string>* words) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '\\' || c == '[' || c == ']') return false;
  }
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  };
  words->reserve(text.size() / 6 + 1);
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    while (i < n && !alnum(text[i])) ++i;  // separators; an apostrophe here just goes
    if (i == n) break;
    const size_t start = i;
    bool apostrophe = false, upper = false;
    for (; i < n && (alnum(text[i]) || text[i] == '\''); ++i) {
      apostrophe = apostrophe || text[i] == '\'';
      upper = upper || (text[i] >= 'A' && text[i] <= 'Z');
    }
    std::string& w = words->emplace_back(text.substr(start, i - start));
    if (apostrophe) w.erase(std::remove(w.begin(), w.end(), '\''), w.end());
    if (upper) {
      for (char& c : w) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
  }
  return true;
}

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// "iv", "XII": a Roman numeral written the usual way (1..3999).
bool IsRomanNumeral(std::string_view w) {
  static const struct { int v; std::string_view s; } kDigits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
  std::string lower;
  for (char c : w) lower += static_cast<char>(c | 0x20);
  int value = 0;
  size_t i = 0;
  for (const auto& d : kDigits) {
    while (lower.compare(i, d.s.size(), d.s) == 0) {
      value += d.v;
      i += d.s.size();
    }
  }
  return i == lower.size() && value > 0 && value < 4000;
}

// The length of the list marker that opens `line` ("- ", "* ", "• ", "3. ",
// "12) ", "(b) ", "c) ", "iv. ", "- 2. "), or 0. A marker is followed by a space
// or the end of the line.
size_t ListMarkerLength(std::string_view line) {
  size_t i = 0;
  auto spaces = [&] {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  };
  spaces();
  // Bullets (punctuation, dropped anyway) may come before a number.
  while (i < line.size()) {
    if ((line[i] == '-' || line[i] == '*' || line[i] == '+') &&
        (i + 1 == line.size() || line[i + 1] == ' ')) {
      ++i;
    } else if (line.compare(i, 3, "\xE2\x80\xA2") == 0) {  // •
      i += 3;
    } else {
      break;
    }
    spaces();
  }
  const size_t bullets = i;
  const bool paren = i < line.size() && line[i] == '(';
  if (paren) ++i;
  const size_t start = i;
  while (i < line.size() && i - start < 3 && line[i] >= '0' && line[i] <= '9') ++i;
  if (i == start) {
    while (i < line.size() && i - start < 7 && IsAsciiAlpha(line[i])) ++i;
    const std::string_view letters = line.substr(start, i - start);
    if (letters.size() > 1 && !IsRomanNumeral(letters)) return bullets;
  }
  if (i == start || i >= line.size()) return bullets;
  if (!(line[i] == ')' || (line[i] == '.' && !paren))) return bullets;
  ++i;
  if (i < line.size() && line[i] != ' ' && line[i] != '\t') return bullets;
  return i;
}

// `text` with the list marker at the start of each line blanked out (markers
// are list formatting: "- x", "1. x" and "a) x" are the same item), or false
// when no line opens with one. Only in a text of several lines (a section
// body of several blocks): a single line is a heading, whose number is no list
// marker (renumbering a heading is minor), or one block, of which a hunk may
// be a part.
bool BlankListMarkers(std::string_view text, std::string* out) {
  if (text.find('\n') == std::string_view::npos) return false;
  bool any = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const size_t n = ListMarkerLength(text.substr(pos, end - pos));
    if (n > 0) {
      if (!any) out->assign(text);
      any = true;
      for (size_t k = pos; k < pos + n; ++k) (*out)[k] = ' ';
    }
    pos = end + 1;
  }
  return any;
}

}  // namespace

std::vector<std::string> NormalizedWords(std::string_view text, const NormalizeOptions& opt) {
  std::vector<std::string> words;
  std::string unmarked;
  if (BlankListMarkers(text, &unmarked)) text = unmarked;
  if (!PlainAsciiWords(text, &words)) {
    words.clear();
    // Apostrophes are dropped, not split on: "won’t" == "won't" == "wont".
    std::string stripped = Strip(text, true);
    for (std::string_view tok : Tokenize(stripped)) {
      if (!IsWordToken(tok)) continue;
      size_t end = tok.size();
      while (end > 0 && std::isspace(static_cast<unsigned char>(tok[end - 1]))) --end;
      if (end >= 2 && tok.substr(end - 2, 2) == "\xC2\xA0") end -= 2;
      words.push_back(FoldWord(tok.substr(0, end)));
    }
  }
  if (opt.strip_enumerators) {
    size_t k = 0;
    while (k < words.size() && IsSmallNumber(words[k], 999) && words[k].size() <= 4) ++k;
    if (k < words.size()) words.erase(words.begin(), words.begin() + static_cast<long>(k));
  }
  if (!opt.mask_dates) return words;
  // What each word can be in a date, looked at once per word.
  enum : std::uint8_t { kDay = 1, kMonth = 2, kYear = 4, kUpTo12 = 8, kUpTo31 = 16, kOf = 32 };
  std::vector<std::uint8_t> kind(words.size(), 0);
  bool any = false;
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    std::uint8_t f = 0;
    if (!w.empty() && w[0] >= '0' && w[0] <= '9') {
      f |= (IsDay(w) ? kDay : 0) | (IsDateYear(w) ? kYear : 0) | (IsSmallNumber(w, 12) ? kUpTo12 : 0) |
           (IsSmallNumber(w, 31) ? kUpTo31 : 0);
    } else if (IsMonthWord(w)) {
      f |= kMonth;
    } else if (w == "of") {
      f |= kOf;
    }
    any = any || (f & (kDay | kMonth | kYear)) != 0;
    kind[k] = f;
  }
  if (!any) return words;
  auto is = [&](size_t k, std::uint8_t f) { return k < kind.size() && (kind[k] & f) != 0; };
  // Date masking over the word sequence, in place (out <= i; kind[] is of the
  // words as they were).
  size_t out = 0;
  size_t i = 0;
  while (i < words.size()) {
    size_t j = i;
    // [day] [of] month [day] [year] / numeric y-m-d and d-m-y.
    if (is(j, kDay) && is(j + 1, kOf) && is(j + 2, kMonth)) {
      j += 3;
    } else if (is(j, kDay) && is(j + 1, kMonth)) {
      j += 2;
    } else if (is(j, kMonth) && (is(j + 1, kDay) || is(j + 1, kYear))) {
      j += 1;
      if (is(j, kDay)) ++j;
    } else if (is(j, kYear) && is(j + 1, kUpTo12) && is(j + 2, kDay)) {
      j += 3;  // 2024-03-03
    } else if (is(j, kDay) && is(j + 1, kUpTo31) && is(j + 2, kYear)) {
      j += 2;  // 03/03/2024 (year taken below)
    }
    if (j != i) {
      if (is(j, kOf)) ++j;  // "of" between month and year is rare; harmless
      if (is(j, kYear)) ++j;
      words[out++] = "<date>";
      i = j;
      continue;
    }
    if (out != i) words[out] = std::move(words[i]);
    ++out;
    ++i;
  }
  words.resize(out);
  return words;
}

}  // namespace pw::diff
