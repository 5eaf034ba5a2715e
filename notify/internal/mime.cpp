#include "notify/internal/mime.h"

#include <ctime>

namespace pw::notify {

namespace {

constexpr size_t kQpLine = 76;
constexpr size_t kFoldLine = 78;
const char* kHex = "0123456789ABCDEF";

std::string QpEscape(unsigned char c) {
  return std::string{'=', kHex[c >> 4], kHex[c & 0xf]};
}

// Encodes one line (no line break inside) into `out`, with soft breaks.
void QpLine(std::string_view line, std::string* out) {
  size_t col = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    bool last = i + 1 == line.size();
    std::string token;
    if ((c == ' ' || c == '\t') && !last) {
      token = std::string(1, static_cast<char>(c));
    } else if (c == '.' && col == 0) {
      token = QpEscape(c);
    } else if (c >= 33 && c <= 126 && c != '=') {
      token = std::string(1, static_cast<char>(c));
    } else {
      token = QpEscape(c);
    }
    // Keep room for the soft break '=' unless this is the line's last token.
    size_t limit = last ? kQpLine : kQpLine - 1;
    if (col + token.size() > limit) {
      out->append("=\r\n");
      col = 0;
      if (c == '.') token = QpEscape(c);
    }
    out->append(token);
    col += token.size();
  }
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string Sanitize(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return out;
}

std::string Base64(std::string_view in) {
  static const char* kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                 (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 B encoded-words of `text`, each of at most 39 bytes of input (a
// 64-character word), split on UTF-8 character boundaries.
std::vector<std::string> EncodedWords(std::string_view text) {
  constexpr size_t kMaxBytes = 39;
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(start + kMaxBytes, text.size());
    // Back off to the start of a UTF-8 character (not a continuation byte).
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    words.push_back("=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=");
    start = end;
  }
  return words;
}

// Joins `pieces` after "Name: " with spaces, folding before a piece that would
// pass kFoldLine.
std::string Fold(std::string_view name, const std::vector<std::string>& pieces) {
  std::string out = std::string(name) + ":";
  size_t col = out.size();
  for (const std::string& piece : pieces) {
    if (col + 1 + piece.size() > kFoldLine && col > name.size() + 1) {
      out += "\r\n";
      col = 0;
    }
    out += ' ';
    out += piece;
    col += 1 + piece.size();
  }
  return out;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::string QuotedPrintable(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    QpLine(line, &out);
    if (nl == std::string_view::npos) break;
    out += "\r\n";
    start = nl + 1;
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view qp) {
  auto hexval = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    char c = qp[i];
    if (c == '\r') continue;
    if (c == '=' && i + 1 < qp.size()) {
      if (qp[i + 1] == '\n') { ++i; continue; }
      if (qp[i + 1] == '\r' && i + 2 < qp.size() && qp[i + 2] == '\n') { i += 2; continue; }
      if (i + 2 < qp.size() && hexval(qp[i + 1]) >= 0 && hexval(qp[i + 2]) >= 0) {
        out += static_cast<char>(hexval(qp[i + 1]) * 16 + hexval(qp[i + 2]));
        i += 2;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::string HeaderField(std::string_view name, std::string_view value) {
  std::string clean = Sanitize(value);
  if (IsAscii(clean)) return Fold(name, SplitWords(clean));
  return Fold(name, EncodedWords(Trim(clean)));
}

std::string EncodeMailbox(std::string_view mailbox) {
  std::string clean = Trim(Sanitize(mailbox));
  size_t lt = clean.rfind('<');
  if (lt == std::string::npos) return clean;
  std::string display = Trim(std::string_view(clean).substr(0, lt));
  std::string addr = clean.substr(lt);
  if (display.empty()) return addr;
  if (display.size() >= 2 && display.front() == '"' && display.back() == '"') {
    display = display.substr(1, display.size() - 2);
  }
  if (!IsAscii(display)) {
    std::string words;
    for (const std::string& w : EncodedWords(display)) words += (words.empty() ? "" : " ") + w;
    return words + " " + addr;
  }
  if (display.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
    std::string quoted = "\"";
    for (char c : display) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + "\" " + addr;
  }
  return display + " " + addr;
}

std::string AddrSpec(std::string_view mailbox) {
  std::string clean = Trim(mailbox);
  size_t lt = clean.rfind('<');
  std::string addr;
  if (lt != std::string::npos) {
    size_t gt = clean.find('>', lt);
    if (gt == std::string::npos) return "";
    addr = Trim(std::string_view(clean).substr(lt + 1, gt - lt - 1));
  } else {
    if (clean.find('>') != std::string::npos) return "";
    addr = clean;
  }
  size_t at = addr.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == addr.size()) return "";
  for (unsigned char c : addr) {
    if (c <= 0x20 || c == 0x7f || c == '<' || c == '>') return "";
  }
  return addr;
}

std::string Rfc5322Date(std::chrono::system_clock::time_point t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string MultipartAlternative(const std::vector<std::pair<std::string, std::string>>& headers,
                                 std::string_view text, std::string_view html,
                                 std::string_view boundary_seed) {
  const std::string boundary = "=_policywatch_" + std::string(boundary_seed);
  std::string out;
  for (const auto& [name, value] : headers) out += HeaderField(name, value) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  out += "\r\n";
  out += "This is a multi-part message in MIME format.\r\n";
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += QuotedPrintable(text);
  out += "\r\n--" + boundary + "\r\n";
  out += "Content-Type: text/html; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += QuotedPrintable(html);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace pw::notify
