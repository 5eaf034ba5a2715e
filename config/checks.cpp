#include "config/internal/checks.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "util/edit_distance.h"

namespace pw::config {
namespace {

bool IsSpaceOrControl(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

std::string LowerFolded(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '-') c = '_';
  }
  return out;
}

}  // namespace

std::string CheckUrl(std::string_view url, const std::vector<std::string>& schemes) {
  std::string expected;
  for (size_t i = 0; i < schemes.size(); ++i) {
    expected += (i == 0 ? "" : (i + 1 == schemes.size() ? " or " : ", ")) + schemes[i];
  }
  if (url.empty()) return "empty URL (use " + expected + ")";
  for (size_t i = 0; i < url.size(); ++i) {
    if (IsSpaceOrControl(url[i])) {
      return "URL contains a space or control character at position " + std::to_string(i + 1) +
             " (percent-encode it, e.g. %20)";
    }
  }
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) {
    return "not an absolute URL: missing scheme (use " + expected + ")";
  }
  std::string scheme = LowerFolded(url.substr(0, colon));
  if (std::find(schemes.begin(), schemes.end(), scheme) == schemes.end()) {
    return "unsupported scheme '" + std::string(url.substr(0, colon)) + "' (use " + expected +
           ")";
  }
  std::string_view rest = url.substr(colon + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return "unterminated IPv6 address in URL";
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return "unexpected text after IPv6 address in URL";
      port = after.substr(1);
      if (port.empty()) return "empty port in URL";
    }
  } else {
    size_t pcolon = authority.rfind(':');
    if (pcolon != std::string_view::npos) {
      host = authority.substr(0, pcolon);
      port = authority.substr(pcolon + 1);
      if (port.empty()) return "empty port in URL";
    }
  }
  if (host.empty() || host == "[]") return "URL has no host";
  if (!port.empty()) {
    bool digits = port.size() <= 5 &&
                  std::all_of(port.begin(), port.end(),
                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (!digits || std::stoi(std::string(port)) < 1 || std::stoi(std::string(port)) > 65535) {
      return "invalid port '" + std::string(port) + "' in URL (use 1-65535)";
    }
  }
  return "";
}

std::string CheckEmailAddress(std::string_view address) {
  const std::string bad = "invalid email address '" + std::string(address) +
                          "' (use user@example.org or \"Name <user@example.org>\")";
  if (address.find_first_of("\r\n") != std::string_view::npos) {
    return "email address contains a line break";
  }
  std::string_view spec = address;
  size_t open = address.find('<');
  if (open != std::string_view::npos) {
    size_t close = address.find('>', open);
    if (close == std::string_view::npos || close + 1 != address.size()) return bad;
    spec = address.substr(open + 1, close - open - 1);
  }
  size_t at = spec.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == spec.size() ||
      spec.find('@', at + 1) != std::string_view::npos) {
    return bad;
  }
  for (char c : spec) {
    if (IsSpaceOrControl(c) || c == '<' || c == '>' || c == ',') return bad;
  }
  return "";
}

std::string CheckSlug(std::string_view id) {
  if (id.empty()) return "must not be empty";
  if (id.size() > 64) return "'" + std::string(id.substr(0, 64)) + "...' is longer than 64 characters";
  auto ok_first = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  bool ok = ok_first(id[0]);
  for (char c : id) ok = ok && (ok_first(c) || c == '.' || c == '_' || c == '-');
  if (ok) return "";
  return "invalid '" + std::string(id) +
         "' (use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit)";
}

std::string CheckExecutable(const std::string& path) {
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "browser '" + path + "' does not exist";
  if (!std::filesystem::is_regular_file(status)) {
    return "browser '" + path + "' is not a regular file";
  }
  if (::access(path.c_str(), X_OK) != 0) return "browser '" + path + "' is not executable";
  return "";
}

std::string Suggest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string folded = LowerFolded(word);
  std::string best;
  size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    size_t d = EditDistance(folded, LowerFolded(candidate));
    if (best.empty() || d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  if (best.empty()) return "";
  // A near miss: at most 2 edits, and fewer edits than half the word's length.
  size_t limit = std::min<size_t>(2, std::max<size_t>(folded.size(), best.size()) / 2);
  if (best_distance > limit) return "";
  return best;
}

namespace {

// Reads the whole secret file, at most 64 KiB.
bool ReadSecretBytes(const std::string& path, std::string* content, std::string* error) {
  constexpr std::uintmax_t kMaxSecret = 64 * 1024;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "secret file '" + path + "' is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read secret file '" + path + "': " + std::strerror(errno);
    return false;
  }
  char buffer[4096];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content->append(buffer, static_cast<size_t>(in.gcount()));
    if (content->size() > kMaxSecret) {
      *error = "secret file '" + path + "' is larger than 64 KiB";
      return false;
    }
  }
  if (in.bad()) {
    *error = "cannot read secret file '" + path + "': read error";
    return false;
  }
  return true;
}

std::string_view DropFinalLineBreak(std::string_view text) {
  if (text.size() >= 2 && text.substr(text.size() - 2) == "\r\n") {
    text.remove_suffix(2);
  } else if (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Lines of `text`: CRLF, LF and a lone CR each start a new one ("x" 1, "x\n" 2).
size_t CountLines(std::string_view text) {
  size_t lines = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) {
      ++lines;
    }
  }
  return lines;
}

}  // namespace

std::string OneLineSecret(std::string_view content, std::string* secret) {
  const bool blank = std::all_of(content.begin(), content.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  });
  if (blank) return "is empty";
  std::string_view line = DropFinalLineBreak(content);
  const size_t lines = CountLines(line);
  if (lines > 1) {
    return "holds " + std::to_string(lines) +
           " lines; a secret file must hold exactly one line (a final newline is fine)";
  }
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\t' && line[i] != ' ' && IsSpaceOrControl(line[i])) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(line[i]));
      return std::string("holds a control character (byte ") + hex + " at column " +
             std::to_string(i + 1) + "); a secret is one line of text";
    }
  }
  *secret = std::string(line);
  return "";
}

bool ReadSecretFile(const std::string& path, std::string* secret, std::string* error) {
  std::string content;
  if (!ReadSecretBytes(path, &content, error)) return false;
  const std::string problem = OneLineSecret(content, secret);
  if (!problem.empty()) {
    *error = "secret file '" + path + "' " + problem;
    return false;
  }
  return true;
}

TextPosition FindOverlyDottedKey(std::string_view text, int max_parts) {
  int line = 1;
  int column = 0;
  int dots = 0;
  size_t i = 0;
  auto advance = [&](size_t n) {
    for (size_t k = 0; k < n && i < text.size(); ++k, ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 0;
      } else {
        ++column;
      }
    }
  };
  while (i < text.size()) {
    std::string_view rest = text.substr(i);
    char c = text[i];
    if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) {
      std::string_view fence = rest.substr(0, 3);
      advance(3);
      while (i < text.size() && !text.substr(i).starts_with(fence)) {
        advance(text[i] == '\\' && fence[0] == '"' ? 2 : 1);
      }
      advance(3);
      continue;
    }
    if (c == '"' || c == '\'') {
      advance(1);
      while (i < text.size() && text[i] != c && text[i] != '\n') {
        advance(text[i] == '\\' && c == '"' ? 2 : 1);
      }
      advance(1);
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') advance(1);
      continue;
    }
    if (c == '.') {
      if (++dots >= max_parts) return {line, column + 1};
    } else if (c == '\n' || c == '=' || c == ',' || c == '{' || c == '[' || c == ']') {
      dots = 0;
    }
    advance(1);
  }
  return {};
}

}  // namespace pw::config
