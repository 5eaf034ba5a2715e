#include "fetch/charset.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "util/ascii.h"

namespace pw::fetch {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr size_t kMetaScanBytes = 4096;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '"' || s.front() == '\'')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '"' || s.back() == '\'')) s.remove_suffix(1);
  return s;
}

// Finds `needle` (lower case) in `hay` ignoring ASCII case, from `from`.
size_t FindNoCase(std::string_view hay, std::string_view needle, size_t from = 0) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    size_t j = 0;
    while (j < needle.size() && AsciiLower(hay[i + j]) == needle[j]) ++j;
    if (j == needle.size()) return i;
  }
  return std::string_view::npos;
}

// The value after "charset=" in a parameter list such as "text/html; charset=utf-8".
std::string CharsetFromParams(std::string_view text) {
  size_t pos = 0;
  while ((pos = FindNoCase(text, "charset", pos)) != std::string_view::npos) {
    size_t i = pos + 7;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i < text.size() && text[i] == '=') {
      ++i;
      while (i < text.size() && IsSpace(text[i])) ++i;
      size_t end = i;
      if (end < text.size() && (text[end] == '"' || text[end] == '\'')) {
        char quote = text[end];
        size_t close = text.find(quote, end + 1);
        return std::string(Trim(text.substr(end + 1, close == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : close - end - 1)));
      }
      while (end < text.size() && !IsSpace(text[end]) && text[end] != ';') ++end;
      return std::string(Trim(text.substr(i, end - i)));
    }
    pos = i;
  }
  return "";
}

// Parses one tag's attributes starting after "<meta"; stops at '>'.
struct MetaAttributes {
  std::string charset, http_equiv, content;
};

MetaAttributes ParseMeta(std::string_view s, size_t i) {
  MetaAttributes attrs;
  while (i < s.size() && s[i] != '>') {
    while (i < s.size() && (IsSpace(s[i]) || s[i] == '/')) ++i;
    size_t name_start = i;
    while (i < s.size() && !IsSpace(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/') ++i;
    std::string name = AsciiLower(s.substr(name_start, i - name_start));
    while (i < s.size() && IsSpace(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && IsSpace(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        char quote = s[i++];
        size_t close = s.find(quote, i);
        if (close == std::string_view::npos) close = s.size();
        value = s.substr(i, close - i);
        i = close + 1;
      } else {
        size_t start = i;
        while (i < s.size() && !IsSpace(s[i]) && s[i] != '>') ++i;
        value = s.substr(start, i - start);
      }
    }
    if (name.empty() && value.empty()) {
      if (i < s.size() && s[i] != '>') ++i;  // stray character: skip it
      continue;
    }
    if (name == "charset") attrs.charset = value;
    if (name == "http-equiv") attrs.http_equiv = AsciiLower(Trim(value));
    if (name == "content") attrs.content = value;
  }
  return attrs;
}

// The charset label declared by a <meta> in the first bytes, or "".
std::string MetaCharset(std::string_view body) {
  std::string_view head = body.substr(0, std::min(body.size(), kMetaScanBytes));
  size_t i = 0;
  while (i < head.size()) {
    size_t lt = head.find('<', i);
    if (lt == std::string_view::npos) break;
    if (head.substr(lt, 4) == "<!--") {
      size_t end = head.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    if (FindNoCase(head.substr(lt, 6), "<meta") == 0 && lt + 5 < head.size() &&
        (IsSpace(head[lt + 5]) || head[lt + 5] == '/')) {
      MetaAttributes attrs = ParseMeta(head, lt + 5);
      if (!attrs.charset.empty()) return std::string(Trim(attrs.charset));
      if (attrs.http_equiv == "content-type") {
        std::string label = CharsetFromParams(attrs.content);
        if (!label.empty()) return label;
      }
    }
    i = lt + 1;
  }
  return "";
}

bool IconvKnows(const std::string& name) {
  iconv_t cd = iconv_open("UTF-8", name.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  iconv_close(cd);
  return true;
}

// Length of the valid UTF-8 sequence at text[i], or 0 if invalid there.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

// The index of the first non-ASCII byte at or after `i` (text.size() if none),
// eight bytes at a time: most policy pages are mostly ASCII.
size_t SkipAscii(std::string_view text, size_t i) {
  while (i + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
    i += 8;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

std::string Utf8Repair(std::string_view in) {
  if (in.substr(0, 3) == "\xEF\xBB\xBF") in.remove_prefix(3);
  std::string out;
  out.reserve(in.size());
  size_t i = 0;
  while (i < in.size()) {
    size_t ascii_end = SkipAscii(in, i);
    if (ascii_end > i) {
      out.append(in.data() + i, ascii_end - i);
      i = ascii_end;
      if (i == in.size()) break;
    }
    size_t len = Utf8SequenceLength(in, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(in.data() + i, len);
      i += len;
    }
  }
  return out;
}

void AppendCodePoint(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// windows-1252 as the WHATWG Encoding Standard defines it (undefined bytes map
// to the C1 control of the same value, as browsers do).
std::string Windows1252ToUtf8(std::string_view in) {
  static constexpr uint16_t kHigh[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
      0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  std::string out;
  out.reserve(in.size() + in.size() / 8);
  for (char c : in) {
    auto b = static_cast<unsigned char>(c);
    AppendCodePoint(out, (b >= 0x80 && b < 0xA0) ? kHigh[b - 0x80] : b);
  }
  return out;
}

std::string IconvToUtf8(std::string_view in, const std::string& charset) {
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return Windows1252ToUtf8(in);
  size_t unit = (charset.rfind("utf-16", 0) == 0) ? 2 : (charset.rfind("utf-32", 0) == 0) ? 4 : 1;
  std::string out;
  std::string buffer(in.size() * 2 + 64, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  while (src_left > 0) {
    char* dst = buffer.data();
    size_t dst_left = buffer.size();
    size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    out.append(buffer.data(), buffer.size() - dst_left);
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) continue;
    out += kReplacement;  // EILSEQ (bad bytes) or EINVAL (truncated at the end)
    if (errno == EINVAL) break;
    size_t skip = std::min(unit, src_left);
    src += skip;
    src_left -= skip;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset shift state
  }
  iconv_close(cd);
  // iconv output is valid UTF-8 already; repair only strips a BOM it passed through.
  return Utf8Repair(out);
}

std::string_view BomCharset(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") return "utf-8";
  if (body.substr(0, 2) == "\xFF\xFE") return "utf-16le";
  if (body.substr(0, 2) == "\xFE\xFF") return "utf-16be";
  return "";
}

}  // namespace

std::string CanonicalCharset(std::string_view label) {
  std::string name = AsciiLower(Trim(label));
  if (name.empty()) return "";
  if (name == "utf8" || name == "unicode-1-1-utf-8" || name == "x-unicode20utf8") return "utf-8";
  if (name == "iso-8859-1" || name == "iso8859-1" || name == "iso_8859-1" || name == "latin1" ||
      name == "l1" || name == "latin-1" || name == "us-ascii" || name == "ascii" ||
      name == "cp1252" || name == "x-cp1252" || name == "cp819" || name == "ibm819" ||
      name == "iso-ir-100" || name == "x-user-defined" || name == "iso_8859-1:1987" ||
      name == "windows-1252") {
    return "windows-1252";
  }
  if (name == "utf-8") return name;
  if (name == "utf-16") return "utf-16le";
  if (name == "sjis" || name == "x-sjis" || name == "ms_kanji") return "shift_jis";
  if (name == "gb2312" || name == "x-gbk") return "gbk";
  if (!IconvKnows(name)) return "";
  return name;
}

std::string CharsetParameter(std::string_view content_type_header) {
  size_t semi = content_type_header.find(';');
  if (semi == std::string_view::npos) return "";
  return CharsetFromParams(content_type_header.substr(semi + 1));
}

std::string MediaType(std::string_view content_type_header) {
  size_t semi = content_type_header.find(';');
  std::string_view type = content_type_header.substr(0, semi);
  while (!type.empty() && IsSpace(type.front())) type.remove_prefix(1);
  while (!type.empty() && IsSpace(type.back())) type.remove_suffix(1);
  return AsciiLower(type);
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    i = SkipAscii(text, i);
    if (i == text.size()) break;
    size_t len = Utf8SequenceLength(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

CharsetGuess DetectCharset(std::string_view body, std::string_view content_type_header) {
  CharsetGuess guess;
  if (std::string_view bom = BomCharset(body); !bom.empty()) {
    guess.name = std::string(bom);
    guess.source = CharsetSource::kBom;
    return guess;
  }
  std::string declared = CharsetParameter(content_type_header);
  if (!declared.empty()) {
    std::string name = CanonicalCharset(declared);
    if (!name.empty()) {
      guess.name = name;
      guess.source = CharsetSource::kHeader;
      return guess;
    }
    guess.note = "unknown charset '" + declared + "' in the Content-Type header was ignored";
  }
  std::string meta = MetaCharset(body);
  if (!meta.empty()) {
    std::string name = CanonicalCharset(meta);
    // A page that can declare itself in ASCII is not UTF-16 (WHATWG prescan rule).
    if (name.rfind("utf-16", 0) == 0 || name.rfind("utf-32", 0) == 0) name = "utf-8";
    if (!name.empty()) {
      guess.name = name;
      guess.source = CharsetSource::kMeta;
      return guess;
    }
    if (!guess.note.empty()) guess.note += "; ";
    guess.note += "unknown charset '" + meta + "' in a <meta> tag was ignored";
  }
  if (IsValidUtf8(body)) {
    guess.name = "utf-8";
    guess.source = CharsetSource::kSniffedUtf8;
  } else {
    guess.name = "windows-1252";
    guess.source = CharsetSource::kDefault;
  }
  return guess;
}

std::string ConvertToUtf8(std::string_view input, std::string_view charset) {
  std::string name = CanonicalCharset(charset);
  if (name == "utf-8") return Utf8Repair(input);
  if (name.empty() || name == "windows-1252") return Windows1252ToUtf8(input);
  if (name == "utf-16le" && input.substr(0, 2) == "\xFF\xFE") input.remove_prefix(2);
  if (name == "utf-16be" && input.substr(0, 2) == "\xFE\xFF") input.remove_prefix(2);
  return IconvToUtf8(input, name);
}

}  // namespace pw::fetch
