// Running headers and footers (pdf_running.h).
#include "extract/internal/pdf_running.h"

#include <map>
#include <set>

#include "util/ascii.h"

namespace pw::extract::pdf {
namespace {

constexpr double kBand = 0.12;

bool InBand(const Line& line, const Page& page) {
  if (page.height <= 0) return false;
  return line.top < page.height * kBand || line.bottom > page.height * (1 - kBand);
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 5) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// `s` without `open` at its start and `close` at its end, when both are there.
bool StripPair(std::string_view* s, std::string_view open, std::string_view close) {
  if (!s->starts_with(open) || !s->ends_with(close) || s->size() <= open.size() + close.size())
    return false;
  *s = Trim(s->substr(open.size(), s->size() - open.size() - close.size()));
  return true;
}

}  // namespace

std::string RunningKey(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (key.empty() || key.back() != '#') key += '#';
    } else if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += AsciiLower(c);
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

bool IsPageNumber(std::string_view text) {
  std::string lower = AsciiLower(Trim(text));
  std::string_view s = lower;
  if (StripPair(&s, "-", "-") || StripPair(&s, "\u2013", "\u2013") || StripPair(&s, "[", "]")) {
    return AllDigits(s);
  }
  if (s.starts_with("page ")) s = Trim(s.substr(5));
  if (AllDigits(s)) return true;
  for (std::string_view sep : {" of ", "/"}) {
    size_t at = s.find(sep);
    if (at != std::string_view::npos) {
      return AllDigits(Trim(s.substr(0, at))) && AllDigits(Trim(s.substr(at + sep.size())));
    }
  }
  return false;
}

void DropRunningLines(std::vector<Page>* pages) {
  std::map<std::string, int> pages_with;  // RunningKey -> pages having it in a band
  for (const Page& page : *pages) {
    std::set<std::string> seen;
    for (const Line& line : page.lines) {
      if (InBand(line, page)) seen.insert(RunningKey(line.text));
    }
    for (const std::string& key : seen) ++pages_with[key];
  }
  const int n = static_cast<int>(pages->size());
  for (Page& page : *pages) {
    std::vector<Line> kept;
    for (Line& line : page.lines) {
      bool drop = false;
      if (InBand(line, page)) {
        int count = pages_with[RunningKey(line.text)];
        drop = IsPageNumber(line.text) || (n >= 2 && count >= 2 && 2 * count >= n);
      }
      if (!drop) kept.push_back(std::move(line));
    }
    page.lines = std::move(kept);
  }
}

}  // namespace pw::extract::pdf
