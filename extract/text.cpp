#include "extract/text.h"

#include <algorithm>
#include <string>
#include <unordered_set>
#include <vector>

#include "extract/normalize.h"

namespace pw::extract {
namespace {

// ---------------------------------------------------------------- lines

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

std::string_view TrimAscii(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t e = pos;
    while (e < text.size() && text[e] != '\n' && text[e] != '\r') ++e;
    lines.push_back(text.substr(pos, e - pos));
    if (e < text.size() && text[e] == '\r' && e + 1 < text.size() && text[e + 1] == '\n') ++e;
    pos = e + 1;
  }
  return lines;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiPunct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// ---------------------------------------------------------------- block syntax
// All take a line already trimmed of leading/trailing ASCII whitespace.

int AtxLevel(std::string_view t) {
  size_t n = 0;
  while (n < t.size() && t[n] == '#') ++n;
  if (n == 0 || n > 6) return 0;
  if (n < t.size() && !IsAsciiSpace(t[n])) return 0;
  return static_cast<int>(n);
}

std::string_view AtxContent(std::string_view t, int level) {
  std::string_view c = TrimAscii(t.substr(static_cast<size_t>(level)));
  // Optional closing sequence: spaces then '#'s at the end (or only '#'s).
  size_t e = c.size();
  while (e > 0 && c[e - 1] == '#') --e;
  if (e < c.size() && (e == 0 || IsAsciiSpace(c[e - 1]))) c = TrimAscii(c.substr(0, e));
  return c;
}

// Fence opener: returns the fence length (>= 3) and char, or 0.
size_t FenceLength(std::string_view t, char* fence_char) {
  if (t.empty() || (t[0] != '`' && t[0] != '~')) return 0;
  size_t n = 0;
  while (n < t.size() && t[n] == t[0]) ++n;
  if (n < 3) return 0;
  if (t[0] == '`' && t.substr(n).find('`') != std::string_view::npos) return 0;
  *fence_char = t[0];
  return n;
}

bool IsFenceClose(std::string_view t, char fence_char, size_t len) {
  size_t n = 0;
  while (n < t.size() && t[n] == fence_char) ++n;
  return n >= len && n == t.size();
}

bool IsThematicBreak(std::string_view t) {
  if (t.empty() || (t[0] != '-' && t[0] != '*' && t[0] != '_')) return false;
  int count = 0;
  for (char c : t) {
    if (c == t[0]) ++count;
    else if (!IsAsciiSpace(c)) return false;
  }
  return count >= 3;
}

// A setext underline: '=' -> 1, '-' -> 2 (at least three), else 0.
int SetextLevel(std::string_view t) {
  if (t.size() < 3 || (t[0] != '=' && t[0] != '-')) return 0;
  for (char c : t)
    if (c != t[0]) return 0;
  return t[0] == '=' ? 1 : 2;
}

// List marker: returns the content after the marker, or false.
bool ListItem(std::string_view t, std::string_view* content) {
  size_t n = 0;
  if (!t.empty() && (t[0] == '-' || t[0] == '*' || t[0] == '+')) {
    n = 1;
  } else {
    while (n < t.size() && n < 9 && IsDigit(t[n])) ++n;
    if (n == 0 || n >= t.size() || (t[n] != '.' && t[n] != ')')) return false;
    ++n;
  }
  if (n < t.size() && !IsAsciiSpace(t[n])) return false;
  *content = TrimAscii(t.substr(n));
  return true;
}

// ---------------------------------------------------------------- inline

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

// ---------------------------------------------------------------- plain-text headings

bool EndsWithAny(std::string_view t, std::string_view chars) {
  return !t.empty() && chars.find(t.back()) != std::string_view::npos;
}

size_t CountWords(std::string_view t) {
  size_t words = 0;
  bool in = false;
  for (char c : t) {
    bool sp = IsAsciiSpace(c);
    if (!sp && !in) ++words;
    in = !sp;
  }
  return words;
}

bool IsSmallWord(std::string_view w) {
  static const char* const kSmall[] = {"with", "from", "into", "onto", "upon", "than", "that",
                                       "over", "under", "within", "your", "their", "when",
                                       "what", "where", "which", "whom", "these", "those",
                                       "they", "them", "this"};
  for (const char* s : kSmall)
    if (w == s) return true;
  return false;
}

// Title Case (most significant words capitalised) or ALL CAPS.
bool LooksTitleCased(std::string_view t) {
  size_t significant = 0, capitalised = 0, letters = 0, upper_letters = 0;
  bool first_word = true, first_ok = false;
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && IsAsciiSpace(t[i])) ++i;
    size_t b = i;
    while (i < t.size() && !IsAsciiSpace(t[i])) ++i;
    std::string_view w = t.substr(b, i - b);
    if (w.empty()) break;
    // Skip leading quotes/brackets.
    size_t k = 0;
    while (k < w.size() && (w[k] == '(' || w[k] == '"' || w[k] == '\'')) ++k;
    w = w.substr(k);
    for (char c : w) {
      if (IsUpper(c)) ++letters, ++upper_letters;
      else if (IsLower(c)) ++letters;
    }
    if (first_word) {
      first_ok = w.empty() || IsUpper(w[0]) || IsDigit(w[0]) ||
                 static_cast<unsigned char>(w[0]) >= 0x80;
      first_word = false;
    }
    if (w.size() >= 4 && (IsUpper(w[0]) || IsLower(w[0])) && !IsSmallWord(w)) {
      ++significant;
      if (IsUpper(w[0])) ++capitalised;
    }
  }
  if (!first_ok || letters == 0) return false;
  if (letters >= 4 && upper_letters == letters) return true;
  if (significant == 0) return CountWords(t) >= 2;  // "Who We Are", not "YES"
  return capitalised * 5 >= significant * 4;
}

bool LooksLikeUrlOrEmail(std::string_view t) {
  return t.find("://") != std::string_view::npos || t.find('@') != std::string_view::npos ||
         t.substr(0, 4) == "www.";
}

// A short title-like line, judged on its own (no follower check).
bool TitleShaped(std::string_view t) {
  if (t.empty() || t.size() >= 80 || CountWords(t) > 12) return false;
  if (EndsWithAny(t, ".;,!")) return false;
  if (LooksLikeUrlOrEmail(t)) return false;
  if (std::count_if(t.begin(), t.end(), IsDigit) >= 4) return false;  // dates, phone numbers
  unsigned char f = static_cast<unsigned char>(t[0]);
  if (IsLower(t[0]) || (f < 0x80 && !IsUpper(t[0]) && !IsDigit(t[0]) && t[0] != '"' &&
                        t[0] != '\'' && t[0] != '('))
    return false;
  bool question = t.back() == '?';
  bool titled = LooksTitleCased(t);
  if (t.back() == ':') return titled;
  return titled || question;
}

// The number that opens a numbered heading or list line: "1.", "2.3",
// "2.3.", "IV.", "Article 5", "Section 3:", "§ 4", "§4.1".
struct Numbering {
  int depth = 0;         // 0 when the line has no such number; "2.3" -> 2
  bool outline = false;  // Roman numeral, a word (Article, Section...) or '§'
  bool bare_ok = false;  // the number alone is a heading ("Article 5")
  size_t end = 0;        // index just past the number (and its '.' / ':')
  size_t last = 0;       // index where the last number group starts ("2.3" -> 2)
  int value = 0;         // value of the last group ("2.3" -> 3, "IV" -> 4)
};

bool IsRomanChar(char c) { return std::string_view("IVXLC").find(c) != std::string_view::npos; }

int RomanValue(std::string_view r) {
  int total = 0;
  for (size_t k = 0; k < r.size(); ++k) {
    int v = std::string_view("IVXLC").find(r[k]);
    static const int kValues[] = {1, 5, 10, 50, 100};
    int next = k + 1 < r.size() ? kValues[std::string_view("IVXLC").find(r[k + 1])] : 0;
    total += kValues[v] < next ? -kValues[v] : kValues[v];
  }
  return total;
}

int DigitsValue(std::string_view d) {
  int v = 0;
  for (char c : d) v = v * 10 + (c - '0');
  return v;
}

// Digits (at most three a group) with optional ".digits" groups from *i; sets
// *n's last group and value. Returns the group count (0 if none).
int DottedNumber(std::string_view t, size_t* i, Numbering* n) {
  int groups = 0;
  while (true) {
    size_t b = *i;
    while (*i < t.size() && *i - b < 3 && IsDigit(t[*i])) ++*i;
    if (*i == b || (*i < t.size() && IsDigit(t[*i]))) return 0;
    ++groups;
    n->last = b;
    n->value = DigitsValue(t.substr(b, *i - b));
    if (*i + 1 < t.size() && t[*i] == '.' && IsDigit(t[*i + 1])) {
      ++*i;
      continue;
    }
    return groups;
  }
}

Numbering ParseNumbering(std::string_view t) {
  Numbering n;
  if (t.empty() || t.size() > 100) return n;
  size_t i = 0;
  if (IsDigit(t[0])) {
    int depth = DottedNumber(t, &i, &n);
    bool dot = i < t.size() && t[i] == '.';
    if (depth == 0 || (depth == 1 && !dot)) return n;  // "2024 was..." is no heading
    n.depth = depth;
    n.end = i + (dot ? 1 : 0);
    return n;
  }
  static const char* const kWords[] = {"Article", "ARTICLE", "Section", "SECTION", "Chapter",
                                       "CHAPTER", "Part",    "PART",    "Clause",  "CLAUSE",
                                       "\xC2\xA7"};  // U+00A7 SECTION SIGN
  for (const char* w : kWords) {
    std::string_view ws(w);
    if (t.substr(0, ws.size()) != ws || t.size() == ws.size()) continue;
    i = ws.size();
    bool sign = ws[0] == '\xC2';
    if (t[i] == ' ') ++i;
    else if (!sign) return n;
    int depth = 1;
    if (i < t.size() && IsDigit(t[i])) {
      depth = DottedNumber(t, &i, &n);
    } else if (!sign) {
      size_t b = i;
      while (i < t.size() && i - b < 6 && IsRomanChar(t[i])) ++i;
      if (i == b) return n;
      n.last = b;
      n.value = RomanValue(t.substr(b, i - b));
    } else {
      return n;
    }
    if (depth == 0) return n;
    if (i < t.size() && (t[i] == '.' || t[i] == ':')) ++i;
    n.depth = depth;
    n.outline = n.bare_ok = true;
    n.end = i;
    return n;
  }
  while (i < t.size() && i < 6 && IsRomanChar(t[i])) ++i;
  if (i == 0 || i >= t.size() || t[i] != '.') return n;
  n.value = RomanValue(t.substr(0, i));
  n.depth = 1;
  n.outline = true;
  n.end = i + 1;
  return n;
}

// The title after the number of a numbered line, minus a separating '-', ':'
// or dash; empty if there is none or it is no heading title (too long, a
// sentence ending in '.', ';' or ',', or starting lowercase).
std::string_view NumberedTitle(std::string_view t, const Numbering& n) {
  if (n.end >= t.size() || !IsAsciiSpace(t[n.end])) return {};
  std::string_view title = TrimAscii(t.substr(n.end));
  for (std::string_view sep : {"-", ":", "\xE2\x80\x93", "\xE2\x80\x94"}) {  // en/em dash
    if (title.substr(0, sep.size()) == sep) {
      title = TrimAscii(title.substr(sep.size()));
      break;
    }
  }
  if (title.empty() || title.size() > 80 || CountWords(title) > 12) return {};
  if (EndsWithAny(title, ".;,") || IsLower(title[0])) return {};
  return title;
}

// A numbered line shaped like a heading: returns its numbering depth (>= 1)
// or 0. Whether it is one also depends on its neighbours (PlanPlainHeadings).
int NumberedHeading(std::string_view t, Numbering* numbering) {
  Numbering n = ParseNumbering(t);
  *numbering = n;
  if (n.depth == 0) return 0;
  if (n.end == t.size()) return n.bare_ok ? n.depth : 0;  // "Article 5" alone
  return NumberedTitle(t, n).empty() ? 0 : n.depth;
}

// ---------------------------------------------------------------- document builder

class Builder {
 public:
  void Heading(int level, std::string text) {
    level = std::clamp(level, 1, 6);
    if (!seen_heading_ && level == 1) doc_.title = text;
    seen_heading_ = true;
    while (!stack_.empty() && stack_.back().first >= level) stack_.pop_back();
    stack_.emplace_back(level, text);
    Section s;
    s.level = level;
    s.heading = std::move(text);
    for (auto& [l, h] : stack_) s.path.push_back(h);
    doc_.sections.push_back(std::move(s));
  }

  void Add(BlockKind kind, std::string text) {
    if (text.empty()) return;
    if (doc_.sections.empty()) doc_.sections.push_back(Section{});
    doc_.sections.back().blocks.push_back(Block{kind, std::move(text)});
  }

  Document Take() { return std::move(doc_); }

 private:
  Document doc_;
  bool seen_heading_ = false;
  std::vector<std::pair<int, std::string>> stack_;
};

std::string InlineText(std::string_view raw) { return NormalizeText(StripInlineMarkdown(raw)); }

std::string TableRowText(std::string_view t) {
  // Strip the outer pipes, split on unescaped '|'.
  std::string_view body = t.substr(1);
  if (!body.empty() && body.back() == '|' && !(body.size() >= 2 && body[body.size() - 2] == '\\'))
    body.remove_suffix(1);
  std::string out;
  size_t start = 0;
  bool first = true;
  for (size_t i = 0; i <= body.size(); ++i) {
    if (i < body.size() && body[i] == '\\') {
      ++i;
      continue;
    }
    if (i == body.size() || body[i] == '|') {
      if (!first) out += " | ";
      out += InlineText(body.substr(start, i - start));
      first = false;
      start = i + 1;
    }
  }
  return NormalizeText(out);
}

bool IsTableSeparator(std::string_view t) {
  bool dash = false;
  for (char c : t) {
    if (c == '-') dash = true;
    else if (c != '|' && c != ':' && !IsAsciiSpace(c)) return false;
  }
  return dash;
}

// Strips leading '>' quote markers.
std::string_view StripQuote(std::string_view t) {
  while (!t.empty() && t[0] == '>') t = TrimAscii(t.substr(1));
  return t;
}

// ---------------------------------------------------------------- the parser

enum class Mode { kMarkdown, kPlain };

struct Layout {
  Mode mode = Mode::kPlain;
  bool canonical = false;  // every block a single line between blank lines
  bool wrapped = false;    // plain text hard-wrapped in blank-line separated groups
};

Layout DetectLayout(const std::vector<std::string_view>& lines) {
  Layout layout;
  bool in_fence = false;
  char fence_char = 0;
  size_t fence_len = 0;
  bool prev_text = false;  // previous line is non-blank paragraph-ish text
  bool prev_nonblank = false;
  bool consecutive = false;
  size_t blank = 0, nonblank = 0, short_lines = 0, multi_groups = 0, run = 0;
  for (std::string_view raw : lines) {
    std::string_view t = TrimAscii(raw);
    if (in_fence) {
      if (IsFenceClose(t, fence_char, fence_len)) in_fence = false;
      prev_text = false;
      prev_nonblank = true;
      continue;
    }
    if (t.empty()) {
      ++blank;
      if (run >= 2) ++multi_groups;
      run = 0;
      prev_text = prev_nonblank = false;
      continue;
    }
    ++nonblank;
    ++run;
    if (t.size() <= 100) ++short_lines;
    if (prev_nonblank) consecutive = true;
    prev_nonblank = true;
    char fc;
    if (size_t fl = FenceLength(t, &fc)) {
      in_fence = true;
      fence_char = fc;
      fence_len = fl;
      prev_text = false;
      continue;
    }
    std::string_view q = StripQuote(t);
    if (AtxLevel(q) > 0 || (prev_text && SetextLevel(q) > 0)) layout.mode = Mode::kMarkdown;
    std::string_view content;
    prev_text = !IsThematicBreak(q) && !ListItem(q, &content) && q.substr(0, 1) != "|" && !q.empty();
  }
  if (run >= 2) ++multi_groups;
  layout.canonical = !consecutive;
  layout.wrapped = blank > 0 && multi_groups > 0 && nonblank > 0 && short_lines * 10 >= nonblank * 9;
  return layout;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : lines_(SplitLines(text)) {}

  Document Run() {
    layout_ = DetectLayout(lines_);
    if (layout_.mode == Mode::kPlain) PlanPlainHeadings();
    for (i_ = 0; i_ < lines_.size(); ++i_) Line(lines_[i_]);
    Flush();
    return builder_.Take();
  }

 private:
  enum class Open { kNone, kParagraph, kListItem };

  void Flush() {
    if (open_ == Open::kNone) return;
    builder_.Add(open_ == Open::kParagraph ? BlockKind::kParagraph : BlockKind::kListItem,
                 InlineText(pending_));
    pending_.clear();
    open_ = Open::kNone;
  }

  void Append(std::string_view t) {
    if (!pending_.empty()) pending_.push_back(' ');
    pending_.append(t);
  }

  void Line(std::string_view raw) {
    std::string_view t = TrimAscii(raw);
    if (t.empty()) {
      Flush();
      return;
    }
    char fc;
    if (size_t fl = FenceLength(t, &fc)) {
      Flush();
      Fence(fc, fl);
      return;
    }
    t = StripQuote(t);
    if (t.empty()) {
      Flush();
      return;
    }
    if (layout_.mode == Mode::kMarkdown) {
      if (int level = AtxLevel(t)) {
        Flush();
        builder_.Heading(level, InlineText(AtxContent(t, level)));
        return;
      }
      if (open_ == Open::kParagraph) {
        if (int level = SetextLevel(t)) {
          std::string text = InlineText(pending_);
          pending_.clear();
          open_ = Open::kNone;
          builder_.Heading(level, std::move(text));
          return;
        }
      }
    } else if (i_ < plain_levels_.size() && plain_levels_[i_] > 0) {
      Flush();
      builder_.Heading(plain_levels_[i_], InlineText(t));
      return;
    }
    if (IsThematicBreak(t)) {
      Flush();
      return;
    }
    std::string_view content;
    if (ListItem(t, &content)) {
      Flush();
      open_ = Open::kListItem;
      Append(content);
      if (layout_.mode == Mode::kPlain && !layout_.wrapped) Flush();
      return;
    }
    if (t[0] == '|') {
      Flush();
      if (!IsTableSeparator(t)) builder_.Add(BlockKind::kTableRow, TableRowText(t));
      return;
    }
    if (open_ == Open::kNone) open_ = Open::kParagraph;
    Append(t);
    if (layout_.mode == Mode::kPlain && !layout_.wrapped) Flush();
  }

  void Fence(char fence_char, size_t fence_len) {
    std::string body;
    size_t j = i_ + 1;
    for (; j < lines_.size(); ++j) {
      if (IsFenceClose(TrimAscii(lines_[j]), fence_char, fence_len)) break;
      if (j > i_ + 1) body.push_back('\n');
      body.append(lines_[j]);
    }
    i_ = j;  // the closing line (or the end)
    builder_.Add(BlockKind::kPreformatted, NormalizePreformatted(body));
  }

  // Plain text: decides which lines are headings, and their levels.
  void PlanPlainHeadings() {
    plain_levels_.assign(lines_.size(), 0);
    struct Candidate {
      size_t line;
      int depth;
      bool outline;
    };
    std::vector<Candidate> numbered;
    std::vector<std::string_view> trimmed(lines_.size());
    for (size_t k = 0; k < lines_.size(); ++k) trimmed[k] = TrimAscii(lines_[k]);
    const size_t kNone = trimmed.size();
    auto next_nonblank = [&](size_t k) {
      for (size_t m = k + 1; m < trimmed.size(); ++m)
        if (!trimmed[m].empty()) return m;
      return kNone;
    };
    // The title: first non-blank line (after a bare URL line) if title-like.
    size_t first = next_nonblank(static_cast<size_t>(-1));
    if (first < kNone && trimmed[first].substr(0, 4) == "http" &&
        trimmed[first].find(' ') == std::string_view::npos)
      first = next_nonblank(first);
    size_t title_line = kNone;
    if (first < kNone) {
      std::string_view t = trimmed[first];
      std::string_view dummy;
      Numbering num;
      if (t.size() < 100 && !EndsWithAny(t, ".;,:") && LooksTitleCased(t) && !ListItem(t, &dummy) &&
          !LooksLikeUrlOrEmail(t) && NumberedHeading(t, &num) == 0) {
        title_line = first;
        plain_levels_[first] = 1;
      }
    }
    // Whether line m is a heading-shaped numbered line that comes just
    // before (step 1) or just after (step -1) `num` on line k in one sequence:
    // same style and parent number, last number equal or one apart.
    auto numbered_sibling = [&](size_t m, size_t k, const Numbering& num, int step) {
      Numbering o;
      if (m >= kNone || NumberedHeading(trimmed[m], &o) != num.depth || o.outline != num.outline)
        return false;
      if (trimmed[m].substr(0, o.last) != trimmed[k].substr(0, num.last)) return false;
      return o.value == num.value || o.value + step == num.value;
    };
    bool any_outline = false;
    size_t unnumbered = 0;
    bool list_like_number = false;  // a heading such as "1. Scope"
    bool in_fence = false;
    char fence_char = 0;
    size_t fence_len = 0;
    size_t prev = kNone;  // previous non-blank line
    for (size_t k = 0; k < trimmed.size(); prev = trimmed[k].empty() ? prev : k, ++k) {
      std::string_view t = trimmed[k];
      if (in_fence) {
        if (IsFenceClose(t, fence_char, fence_len)) in_fence = false;
        continue;
      }
      if (t.empty() || k == title_line) continue;
      char fc;
      if (size_t fl = FenceLength(t, &fc)) {
        in_fence = true;
        fence_char = fc;
        fence_len = fl;
        continue;
      }
      if (layout_.wrapped && k > 0 && !trimmed[k - 1].empty()) continue;  // inside a group
      size_t nx = next_nonblank(k);
      if (nx >= kNone) continue;  // a heading needs text after it
      std::string_view next = trimmed[nx];
      Numbering num;
      std::string_view title_dummy;
      if (layout_.wrapped && nx == k + 1) {
        // The first line of a longer group is a heading only when it is Title
        // Case (or ALL CAPS) and clearly shorter than the wrapped line under it.
        std::string_view title = NumberedHeading(t, &num) ? NumberedTitle(t, num) : t;
        if (t.size() * 3 > next.size() * 2 || !LooksTitleCased(title)) continue;
      }
      if (int depth = NumberedHeading(t, &num)) {
        // "1. We never sell your data to anyone" is a list entry: a numbered
        // line that is not Title Case must be short and lead into longer text.
        if (!num.outline) {
          std::string_view title = NumberedTitle(t, num);
          if (!LooksTitleCased(title) && (CountWords(title) > 8 || next.size() <= t.size()))
            continue;
        }
        // A run of short numbered lines with nothing between is a list (or a
        // table of contents), not a row of empty sections.
        if (numbered_sibling(prev, k, num, 1) || numbered_sibling(nx, k, num, -1)) continue;
        numbered.push_back({k, depth, num.outline});
        any_outline = any_outline || num.outline;
        list_like_number = list_like_number || ListItem(t, &title_dummy);
        continue;
      }
      std::string_view dummy;
      if (ListItem(t, &dummy) || t[0] == '|') continue;
      if (!TitleShaped(t)) continue;
      // One of a run of short lines (a list, a flattened table) is no heading.
      if (prev < k && prev != title_line && plain_levels_[prev] == 0 && TitleShaped(trimmed[prev]))
        continue;
      // Followed by body text, possibly after one sub-heading.
      auto body = [&](std::string_view line, std::string_view after) {
        return !TitleShaped(line) && (line.size() > after.size() || EndsWithAny(line, ".;:!") ||
                                      ListItem(line, &dummy));
      };
      bool heading = body(next, t);
      if (!heading && TitleShaped(next)) {
        size_t nn = next_nonblank(nx);
        heading = nn < kNone && body(trimmed[nn], next);
      }
      if (heading) {
        plain_levels_[k] = 2;
        ++unnumbered;
      }
    }
    // One blank-line separated layout is also what ToMarkdown writes for a
    // document without headings. There a lone title-like line is weak
    // evidence of structure: ask for a "1. Scope" heading (ToMarkdown escapes
    // such lines in paragraphs) or at least two headings, the title included.
    if (layout_.canonical && !list_like_number &&
        numbered.size() + unnumbered + (title_line < kNone ? 1 : 0) < 2) {
      plain_levels_.assign(lines_.size(), 0);
      return;
    }
    for (const Candidate& c : numbered) {
      int depth = c.depth + ((any_outline && !c.outline) ? 1 : 0);
      plain_levels_[c.line] = std::min(6, 1 + depth);
    }
  }

  std::vector<std::string_view> lines_;
  Layout layout_;
  std::vector<int> plain_levels_;
  size_t i_ = 0;
  Builder builder_;
  Open open_ = Open::kNone;
  std::string pending_;
};

}  // namespace

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
  InlineStripper s;
  return s.Run(text);
}

bool StartsMarkdownBlock(std::string_view line) {
  std::string_view t = TrimAscii(line);
  if (t.empty()) return false;
  char fc;
  std::string_view content;
  return AtxLevel(t) > 0 || FenceLength(t, &fc) > 0 || IsThematicBreak(t) ||
         ListItem(t, &content) || t[0] == '|' || t[0] == '>';
}

Document ParseText(std::string_view utf8) {
  Parser parser(utf8);
  return parser.Run();
}

}  // namespace pw::extract
