// XML text (internal/xml.h).
#include "web/internal/xml.h"

#include <cstdint>

namespace pw::web {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// The code point of the UTF-8 sequence at text[*at], advancing *at past it; an
// invalid sequence (overlong, a surrogate, truncated, out of range) reads as
// kInvalid and advances one byte.
char32_t DecodeUtf8(std::string_view text, size_t* at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(*at);
  int length = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++*at;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07;
  } else {
    ++*at;
    return kInvalid;
  }
  if (*at + length > text.size()) {
    ++*at;
    return kInvalid;
  }
  for (int i = 1; i < length; ++i) {
    if ((byte(*at + i) & 0xC0) != 0x80) {
      ++*at;
      return kInvalid;
    }
    cp = (cp << 6) | (byte(*at + i) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*at;
    return kInvalid;
  }
  *at += length;
  return cp;
}

// XML 1.0's Char production.
bool XmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

void AppendEscaped(char32_t cp, std::string_view bytes, std::string* out) {
  switch (cp) {
    case '&': *out += "&amp;"; break;
    case '<': *out += "&lt;"; break;
    case '>': *out += "&gt;"; break;
    case '"': *out += "&quot;"; break;
    default: out->append(bytes);
  }
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t at = 0; at < text.size();) {
    const size_t start = at;
    const char32_t cp = DecodeUtf8(text, &at);
    if (cp == kInvalid) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (XmlChar(cp)) {
      AppendEscaped(cp, text.substr(start, at - start), &out);
    }
  }
  return out;
}

}  // namespace pw::web
