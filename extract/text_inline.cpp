// StripInlineMarkdown: the inline pass of ParseText (links, images, emphasis,
// code spans, autolinks, backslash escapes, character references).
#include "extract/text.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/internal/normalize.h"
#include "extract/internal/text_chars.h"

namespace pw::extract {
namespace textparse {
namespace {

struct Piece {
  std::string text;  // literal text, or the delimiter run
  char delim = 0;    // '*' or '_' for a delimiter run, else 0
  bool can_open = false, can_close = false;
  size_t open_used = 0;  // chars of the run consumed by matches (from its inner side)
};

bool IsSpaceAt(std::string_view s, size_t i) {
  return i >= s.size() || IsAsciiSpace(s[i]) || s[i] == '\n';
}

// For every '[' and '(' in s, the index of its matching ']' / ')' (npos if
// none), honouring nesting and backslash escapes. One linear pass.
std::vector<size_t> MatchBrackets(std::string_view s) {
  std::vector<size_t> match(s.size(), std::string_view::npos);
  std::vector<size_t> squares, parens;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      squares.push_back(i);
    } else if (c == '(') {
      parens.push_back(i);
    } else if (c == ']' && !squares.empty()) {
      match[squares.back()] = i;
      squares.pop_back();
    } else if (c == ')' && !parens.empty()) {
      match[parens.back()] = i;
      parens.pop_back();
    }
  }
  return match;
}

class InlineStripper {
 public:
  explicit InlineStripper(int depth = 0) : depth_(depth) {}

  std::string Run(std::string_view s) {
    if (s.find('[') != std::string_view::npos) match_ = MatchBrackets(s);
    Scan(s);
    Match();
    std::string out;
    out.reserve(s.size());
    for (const Piece& p : pieces_) {
      if (!p.delim) {
        out += p.text;
      } else {
        out.append(p.text.size() - p.open_used, p.delim);
      }
    }
    return out;
  }

 private:
  void Literal(std::string_view t) {
    if (!pieces_.empty() && !pieces_.back().delim) pieces_.back().text.append(t);
    else pieces_.push_back(Piece{std::string(t)});
  }

  void Scan(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
      char c = s[i];
      if (c == '\\' && i + 1 < n && IsAsciiPunct(s[i + 1])) {
        Literal(s.substr(i + 1, 1));
        i += 2;
      } else if (c == '`') {
        size_t run = 1;
        while (i + run < n && s[i + run] == '`') ++run;
        size_t close = FindBacktickRun(s, i + run, run);
        if (close == std::string_view::npos) {
          Literal(s.substr(i, run));
          i += run;
        } else {
          Literal(s.substr(i + run, close - (i + run)));
          i = close + run;
        }
      } else if (c == '[' || (c == '!' && i + 1 < n && s[i + 1] == '[')) {
        size_t open = c == '!' ? i + 1 : i;
        if (!Link(s, open, &i)) {
          Literal(s.substr(i, open - i + 1));
          i = open + 1;
        }
      } else if (c == '<') {
        size_t close = s.substr(0, i + 2048).find('>', i + 1);
        std::string_view inner =
            close == std::string_view::npos ? std::string_view() : s.substr(i + 1, close - i - 1);
        if (!inner.empty() && inner.size() < 2048 && inner.find(' ') == std::string_view::npos &&
            (inner.find("://") != std::string_view::npos ||
             inner.substr(0, 7) == "mailto:" ||
             (inner.find('@') != std::string_view::npos && inner.find('<') == std::string_view::npos))) {
          Literal(inner);
          i = close + 1;
        } else {
          Literal("<");
          ++i;
        }
      } else if (c == '&') {
        std::string decoded;
        size_t next;
        if (DecodeEntityAt(s, i, &decoded, &next)) {
          Literal(decoded);
          i = next;
        } else {
          Literal("&");
          ++i;
        }
      } else if (c == '*' || c == '_') {
        size_t run = 1;
        while (i + run < n && s[i + run] == c) ++run;
        bool left = !IsSpaceAt(s, i + run);
        bool right = i > 0 && !IsSpaceAt(s, i - 1);
        Piece p;
        p.text.assign(run, c);
        p.delim = c;
        if (c == '*') {
          p.can_open = left;
          p.can_close = right;
        } else {  // '_' inside a word is not emphasis
          p.can_open = left && !right;
          p.can_close = right && !left;
        }
        pieces_.push_back(std::move(p));
        i += run;
      } else {
        size_t j = i + 1;
        while (j < n && !IsSpecial(s[j])) ++j;
        Literal(s.substr(i, j - i));
        i = j;
      }
    }
  }

  static bool IsSpecial(char c) {
    return c == '\\' || c == '`' || c == '[' || c == '!' || c == '<' || c == '&' || c == '*' ||
           c == '_';
  }

  size_t FindBacktickRun(std::string_view s, size_t from, size_t run) {
    if (no_run_after_.count(run)) return std::string_view::npos;
    size_t i = from;
    while (i < s.size()) {
      if (s[i] != '`') {
        ++i;
        continue;
      }
      size_t len = 1;
      while (i + len < s.size() && s[i + len] == '`') ++len;
      if (len == run) return i;
      i += len;
    }
    no_run_after_.insert(run);
    return std::string_view::npos;
  }

  // `[text](url)`, `[text][ref]`, `![alt](src)` at s[open] == '['. On success
  // emits the (recursively stripped) text and sets *i past the construct.
  bool Link(std::string_view s, size_t open, size_t* i) {
    size_t close = match_[open];
    if (close == std::string_view::npos || close + 1 >= s.size()) return false;
    if (s[close + 1] != '(' && s[close + 1] != '[') return false;
    size_t end = match_[close + 1];
    if (end == std::string_view::npos) return false;
    if (depth_ >= 8) return false;  // deeply nested links stay literal
    InlineStripper inner(depth_ + 1);
    Literal(inner.Run(s.substr(open + 1, close - open - 1)));
    *i = end + 1;
    return true;
  }

  void Match() {
    std::vector<size_t> openers;
    constexpr size_t kMaxLookBack = 64;
    for (size_t k = 0; k < pieces_.size(); ++k) {
      Piece& p = pieces_[k];
      if (!p.delim) continue;
      bool matched = false;
      if (p.can_close) {
        size_t looked = 0;
        for (size_t m = openers.size(); m-- > 0 && looked < kMaxLookBack; ++looked) {
          Piece& o = pieces_[openers[m]];
          if (o.delim != p.delim) continue;
          size_t use = std::min(o.text.size() - o.open_used, p.text.size());
          o.open_used += use;
          p.open_used = use;
          openers.resize(m);
          matched = true;
          break;
        }
      }
      if (!matched && p.can_open) openers.push_back(k);
    }
  }

  std::vector<Piece> pieces_;
  std::vector<size_t> match_;
  int depth_ = 0;
  std::unordered_set<size_t> no_run_after_;
};

}  // namespace
}  // namespace textparse

std::string StripInlineMarkdown(std::string_view text) {
  // Text without a character the stripper acts on is its own result (a '!' is
  // only an image marker before a '[').
  bool special = false;
  for (char c : text) {
    if (c == '\\' || c == '`' || c == '[' || c == '<' || c == '&' || c == '*' || c == '_') {
      special = true;
      break;
    }
  }
  if (!special) return std::string(text);
  textparse::InlineStripper s;
  return s.Run(text);
}

}  // namespace pw::extract
