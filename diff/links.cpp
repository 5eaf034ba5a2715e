// Link targets, URLs, domains, paths, e-mail addresses and identifiers in text
// (internal/links.h).
#include "diff/internal/links.h"

#include <algorithm>
#include <array>

namespace pw::diff {
namespace {

bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsLower(c) || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsLetter(c) || IsDigit(c); }

// Characters that end a token: whitespace and the brackets, quotes and markup
// around links.
bool IsDelimiter(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(' || c == ')' || c == '[' ||
         c == ']' || c == '<' || c == '>' || c == '"' || c == '|' || c == '*' || c == '`';
}

// "a.example", "www.acme.co.uk": dot-separated labels of letters, digits and
// hyphens, the last a known top-level domain (or any lower-case one after two
// dots). Not "e.g", "U.S", "3.2" or a glued "parties.Before".
bool LooksLikeDomain(std::string_view t) {
  static const std::array<std::string_view, 36> kTlds = {
      "com", "net", "org", "io", "co", "uk", "de", "fr", "eu", "gov", "edu", "info",
      "biz", "app", "ai", "me", "us", "ca", "au", "ch", "nl", "be", "es", "it",
      "at", "jp", "in", "tv", "ly", "dev", "cloud", "example", "test", "ie", "se", "br"};
  size_t labels = 1, last = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == '.') {
      if (i == 0 || i + 1 == t.size() || t[i - 1] == '.') return false;
      ++labels;
      last = i + 1;
    } else if (!IsAlnum(c) && c != '-') {
      return false;
    }
  }
  if (labels < 2) return false;
  std::string_view tld = t.substr(last);
  if (tld.size() < 2 || !std::all_of(tld.begin(), tld.end(), IsLower)) return false;
  return std::find(kTlds.begin(), kTlds.end(), tld) != kTlds.end() || labels >= 3;
}

// "covid-19", "office-365", "plan-30-days": letters joined to a number by a
// hyphen, or a slug of several hyphens with a digit ("30-day" stays a word).
bool LooksLikeIdentifier(std::string_view t) {
  size_t hyphens = 0;
  bool digit = false;
  for (size_t i = 0; i < t.size(); ++i) {
    digit = digit || IsDigit(t[i]);
    if (t[i] != '-') continue;
    ++hyphens;
    if (i > 0 && i + 1 < t.size() && IsLetter(t[i - 1]) && IsDigit(t[i + 1])) return true;
  }
  return hyphens >= 2 && digit;
}

}  // namespace

bool LooksLikeAddressToken(std::string_view t) {
  if (t.size() < 2) return false;
  if (t.find("://") != std::string_view::npos || t.starts_with("www.")) return true;
  size_t at = t.find('@');
  if (at != std::string_view::npos && at > 0 && t.find('.', at) != std::string_view::npos) return true;
  if ((t[0] == '/' || t[0] == '#') && IsAlnum(t[1])) return true;  // a path or an anchor
  if (t.find('/') != std::string_view::npos) {
    if (std::all_of(t.begin(), t.end(), [](char c) { return IsDigit(c) || c == '/'; })) {
      return false;  // "24/7", "1/2"
    }
    size_t slashes = static_cast<size_t>(std::count(t.begin(), t.end(), '/'));
    if (slashes >= 2 || t.find_first_of(".-_0123456789") != std::string_view::npos) return true;
  }
  if (t.find('_') != std::string_view::npos && std::any_of(t.begin(), t.end(), IsAlnum)) return true;
  return LooksLikeDomain(t) || LooksLikeIdentifier(t);
}

std::vector<LinkSpan> LinkSpans(std::string_view text) {
  std::vector<LinkSpan> spans;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ']' && i + 1 < text.size() && text[i + 1] == '(') {
      size_t close = text.find(')', i + 2);
      size_t space = text.find_first_of(" \n", i + 2);
      if (close != std::string_view::npos && (space == std::string_view::npos || space > close)) {
        spans.push_back({i + 2, close, true});
        i = close + 1;
        continue;
      }
    }
    if (IsDelimiter(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !IsDelimiter(text[j])) ++j;
    size_t e = j;
    while (e > i && std::string_view(".,;:!?'").find(text[e - 1]) != std::string_view::npos) --e;
    if (e > i && LooksLikeAddressToken(text.substr(i, e - i))) spans.push_back({i, e, false});
    i = j;
  }
  return spans;
}

std::string WithoutLinks(std::string_view text) {
  std::string out(text);
  for (const LinkSpan& s : LinkSpans(text)) {
    if (!s.target) std::fill(out.begin() + static_cast<long>(s.begin), out.begin() + static_cast<long>(s.end), ' ');
  }
  return out;
}

}  // namespace pw::diff
