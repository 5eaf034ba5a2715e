#include "extract/internal/normalize.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "extract/internal/text_scan.h"

namespace pw::extract {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid input yields U+FFFD
// and consumes one byte (or the maximal invalid prefix, as WHATWG does).
char32_t DecodeOne(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t k = *i;
  unsigned char c = p[k];
  if (c < 0x80) {
    *i = k + 1;
    return c;
  }
  int len;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *i = k + 1;
    return kReplacement;
  }
  size_t j = k + 1;
  for (int m = 1; m < len; ++m, ++j) {
    if (j >= n) {
      *i = j;
      return kReplacement;
    }
    unsigned char b = p[j];
    if (m == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) {
      *i = j;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  *i = j;
  return cp;
}

bool IsUnicodeSpace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// Invisible characters that carry no words: removed.
bool IsInvisible(char32_t c) {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xAD || c == 0x180E ||
         (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

// Characters that NFC leaves alone and that never compose with what precedes
// them: below U+0300 (Latin), typographic punctuation and currency signs. Text
// made only of these skips the (slow) NFC pass.
bool NfcInert(char32_t c) {
  return c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
         (c >= 0x20A0 && c <= 0x20C0);
}

std::string Nfc(std::string s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t r = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (r < 0) {  // cannot happen on sanitised input; keep the sanitised text
    std::free(out);
    return s;
  }
  std::string result(reinterpret_cast<const char*>(out), static_cast<size_t>(r));
  std::free(out);
  return result;
}

// Sanitises UTF-8 and maps whitespace / invisibles; *non_ascii is set when
// the result may need NFC. If `keep_lines`, '\n' is
// kept (and '\r' dropped), leading spaces of a line are kept, trailing ones cut.
std::string Clean(std::string_view in, bool keep_lines, bool* non_ascii) {
  std::string out;
  out.reserve(in.size());
  bool pending_space = false;
  *non_ascii = false;
  size_t i = 0;
  const size_t n = in.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c >= 0x21 && c < 0x7F) {  // ASCII fast path: visible characters
      if (pending_space) {
        if (!out.empty()) out.push_back(' ');
        pending_space = false;
      }
      // ... and the single spaces between them, which stay as they are.
      size_t j = i + 1;
      while (j < n) {
        const auto d = static_cast<unsigned char>(in[j]);
        if (d >= 0x21 && d < 0x7F) {
          ++j;
        } else if (d == ' ' && j + 1 < n && static_cast<unsigned char>(in[j + 1]) >= 0x21 &&
                   static_cast<unsigned char>(in[j + 1]) < 0x7F) {
          j += 2;
        } else {
          break;
        }
      }
      out.append(in.data() + i, j - i);
      i = j;
      continue;
    }
    if (c == ' ' && !keep_lines) {
      pending_space = true;
      ++i;
      continue;
    }
    char32_t cp = DecodeOne(in, &i);
    if (keep_lines && cp == '\n') {
      pending_space = false;
      out.push_back('\n');
      continue;
    }
    if (keep_lines && cp == '\r') continue;
    if (IsUnicodeSpace(cp)) {
      if (keep_lines && (out.empty() || out.back() == '\n')) {
        out.push_back(' ');  // indentation is kept as is
      } else {
        pending_space = true;
      }
      continue;
    }
    if (IsInvisible(cp)) continue;
    if (pending_space) {
      if (!out.empty()) out.push_back(' ');
      pending_space = false;
    }
    if (!NfcInert(cp)) *non_ascii = true;
    AppendUtf8(cp, &out);
  }
  return out;
}

// NFC of valid UTF-8, word by word: composition and reordering never cross a
// space, so only words holding a non-inert character go through utf8proc.
std::string NfcByWord(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    size_t end = s.find_first_of(" \n", pos);
    if (end == std::string::npos) end = s.size();
    std::string_view word(s.data() + pos, end - pos);
    bool inert = true;
    for (size_t i = 0; i < word.size() && inert;) {
      if (static_cast<unsigned char>(word[i]) < 0x80) {
        ++i;
        continue;
      }
      inert = NfcInert(DecodeOne(word, &i));
    }
    if (inert) out.append(word);
    else out += Nfc(std::string(word));
    if (end < s.size()) out.push_back(s[end]);
    pos = end + 1;
  }
  return out;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string NormalizeText(std::string_view utf8) {
  // Printable ASCII, single-spaced, trimmed: already normal (the common case,
  // as extraction collapses whitespace before it normalises).
  size_t spaces = 0;
  if (scan::PrintableAscii(utf8) && scan::SingleSpaced(utf8, &spaces)) return std::string(utf8);
  bool non_ascii = false;
  std::string out = Clean(utf8, /*keep_lines=*/false, &non_ascii);
  if (!non_ascii) return out;
  // NFC can turn a character into one of the removed/space ones only for
  // compatibility forms, which NFC does not touch; one pass is enough.
  return NfcByWord(out);
}

std::string NormalizePreformatted(std::string_view utf8) {
  bool non_ascii = false;
  std::string cleaned = Clean(utf8, /*keep_lines=*/true, &non_ascii);
  if (non_ascii) cleaned = NfcByWord(cleaned);
  // Trim trailing spaces of each line; drop leading and trailing blank lines.
  std::string out;
  out.reserve(cleaned.size());
  size_t pos = 0;
  size_t blank_run = 0;
  while (pos <= cleaned.size()) {
    size_t nl = cleaned.find('\n', pos);
    if (nl == std::string::npos) nl = cleaned.size();
    size_t end = nl;
    while (end > pos && cleaned[end - 1] == ' ') --end;
    if (end == pos) {
      if (!out.empty()) ++blank_run;
    } else {
      if (!out.empty()) out.append(blank_run + 1, '\n');
      blank_run = 0;
      out.append(cleaned, pos, end - pos);
    }
    pos = nl + 1;
  }
  return out;
}

}  // namespace pw::extract

namespace pw::extract {
namespace {

struct Entity {
  const char* name;
  char32_t cp;
};

// Sorted by name (strcmp order) for binary search.
constexpr Entity kEntities[] = {
    {"AElig", 0xC6},   {"Aacute", 0xC1},  {"Acirc", 0xC2},   {"Agrave", 0xC0},
    {"Aring", 0xC5},   {"Atilde", 0xC3},  {"Auml", 0xC4},    {"Ccedil", 0xC7},
    {"Dagger", 0x2021}, {"ETH", 0xD0},    {"Eacute", 0xC9},  {"Ecirc", 0xCA},
    {"Egrave", 0xC8},  {"Euml", 0xCB},    {"Iacute", 0xCD},  {"Icirc", 0xCE},
    {"Igrave", 0xCC},  {"Iuml", 0xCF},    {"Ntilde", 0xD1},  {"OElig", 0x152},
    {"Oacute", 0xD3},  {"Ocirc", 0xD4},   {"Ograve", 0xD2},  {"Oslash", 0xD8},
    {"Otilde", 0xD5},  {"Ouml", 0xD6},    {"Scaron", 0x160}, {"THORN", 0xDE},
    {"Uacute", 0xDA},  {"Ucirc", 0xDB},   {"Ugrave", 0xD9},  {"Uuml", 0xDC},
    {"Yacute", 0xDD},  {"Yuml", 0x178},   {"aacute", 0xE1},  {"acirc", 0xE2},
    {"acute", 0xB4},   {"aelig", 0xE6},   {"agrave", 0xE0},  {"amp", '&'},
    {"apos", '\''},    {"aring", 0xE5},   {"atilde", 0xE3},  {"auml", 0xE4},
    {"bdquo", 0x201E}, {"brvbar", 0xA6},  {"bull", 0x2022},  {"ccedil", 0xE7},
    {"cedil", 0xB8},   {"cent", 0xA2},    {"circ", 0x2C6},   {"colon", ':'},
    {"comma", ','},    {"copy", 0xA9},    {"curren", 0xA4},  {"dagger", 0x2020},
    {"deg", 0xB0},     {"divide", 0xF7},  {"eacute", 0xE9},  {"ecirc", 0xEA},
    {"egrave", 0xE8},  {"emsp", 0x2003},  {"ensp", 0x2002},  {"eth", 0xF0},
    {"euml", 0xEB},    {"euro", 0x20AC},  {"frac12", 0xBD},  {"frac14", 0xBC},
    {"frac34", 0xBE},  {"gt", '>'},       {"hellip", 0x2026}, {"iacute", 0xED},
    {"icirc", 0xEE},   {"iexcl", 0xA1},   {"igrave", 0xEC},  {"iquest", 0xBF},
    {"iuml", 0xEF},    {"laquo", 0xAB},   {"ldquo", 0x201C}, {"lrm", 0x200E},
    {"lsaquo", 0x2039}, {"lsquo", 0x2018}, {"lt", '<'},      {"macr", 0xAF},
    {"mdash", 0x2014}, {"micro", 0xB5},   {"middot", 0xB7},  {"nbsp", 0xA0},
    {"ndash", 0x2013}, {"not", 0xAC},     {"ntilde", 0xF1},  {"oacute", 0xF3},
    {"ocirc", 0xF4},   {"oelig", 0x153},  {"ograve", 0xF2},  {"ordf", 0xAA},
    {"ordm", 0xBA},    {"oslash", 0xF8},  {"otilde", 0xF5},  {"ouml", 0xF6},
    {"para", 0xB6},    {"period", '.'},   {"permil", 0x2030}, {"plusmn", 0xB1},
    {"pound", 0xA3},   {"prime", 0x2032}, {"quot", '"'},     {"raquo", 0xBB},
    {"rdquo", 0x201D}, {"reg", 0xAE},     {"rlm", 0x200F},   {"rsaquo", 0x203A},
    {"rsquo", 0x2019}, {"sbquo", 0x201A}, {"scaron", 0x161}, {"sect", 0xA7},
    {"shy", 0xAD},     {"sol", '/'},      {"sup1", 0xB9},    {"sup2", 0xB2},
    {"sup3", 0xB3},    {"szlig", 0xDF},   {"thinsp", 0x2009}, {"thorn", 0xFE},
    {"tilde", 0x2DC},  {"times", 0xD7},   {"trade", 0x2122}, {"uacute", 0xFA},
    {"ucirc", 0xFB},   {"ugrave", 0xF9},  {"uml", 0xA8},     {"uuml", 0xFC},
    {"yacute", 0xFD},  {"yen", 0xA5},     {"yuml", 0xFF},    {"zwj", 0x200D},
    {"zwnj", 0x200C},
};

// HTML5: numeric references 0x80..0x9F are read as Windows-1252.
constexpr char32_t kWin1252[32] = {
    0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
    0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};

bool LookupEntity(std::string_view name, char32_t* cp) {
  size_t lo = 0, hi = sizeof(kEntities) / sizeof(kEntities[0]);
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    std::string_view m = kEntities[mid].name;
    if (m == name) {
      *cp = kEntities[mid].cp;
      return true;
    }
    if (m < name) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Tries to decode a reference starting at text[i] == '&'. On success appends the
// character, sets *next past the reference and returns true.
bool DecodeReference(std::string_view text, size_t i, std::string* out, size_t* next) {
  size_t n = text.size();
  size_t j = i + 1;
  if (j < n && text[j] == '#') {
    ++j;
    bool hex = j < n && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    size_t start = j;
    uint64_t value = 0;
    while (j < n && (hex ? IsHex(text[j]) : (text[j] >= '0' && text[j] <= '9'))) {
      if (value <= 0x10FFFF) {
        char c = text[j];
        int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        value = value * (hex ? 16 : 10) + static_cast<uint64_t>(d);
      }
      ++j;
    }
    if (j == start) return false;
    if (j < n && text[j] == ';') ++j;
    char32_t cp;
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) cp = 0xFFFD;
    else if (value >= 0x80 && value <= 0x9F) cp = kWin1252[value - 0x80];
    else cp = static_cast<char32_t>(value);
    AppendUtf8(cp, out);
    *next = j;
    return true;
  }
  size_t start = j;
  while (j < n && j - start < 10 &&
         ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
          (text[j] >= '0' && text[j] <= '9')))
    ++j;
  if (j == start || j >= n || text[j] != ';') return false;
  char32_t cp;
  if (!LookupEntity(text.substr(start, j - start), &cp)) return false;
  AppendUtf8(cp, out);
  *next = j + 1;
  return true;
}

}  // namespace

bool DecodeEntityAt(std::string_view text, size_t pos, std::string* out, size_t* next) {
  if (pos >= text.size() || text[pos] != '&') return false;
  return DecodeReference(text, pos, out, next);
}

std::string DecodeEntities(std::string_view text) {
  size_t amp = text.find('&');
  if (amp == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (amp != std::string_view::npos) {
    out.append(text.data() + pos, amp - pos);
    size_t next;
    if (DecodeReference(text, amp, &out, &next)) {
      pos = next;
    } else {
      out.push_back('&');
      pos = amp + 1;
    }
    amp = text.find('&', pos);
  }
  out.append(text.data() + pos, text.size() - pos);
  return out;
}

}  // namespace pw::extract
