#include "diff/internal/word_diff.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace pw::diff {
namespace {

// Decodes one UTF-8 code point at s[i]; sets *len. Invalid bytes decode as themselves.
inline uint32_t Decode(std::string_view s, size_t i, size_t* len) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
         cp == '\v' || cp == 0xA0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200B) ||
         cp == 0x3000;
}

bool IsWordChar(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp >= 0xA0 && cp <= 0xBF) return false;      // Latin-1 punctuation, symbols
  if (cp == 0xD7 || cp == 0xF7) return false;       // x, division
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
  return !IsSpace(cp);
}

bool IsApostrophe(uint32_t cp) { return cp == '\'' || cp == 0x2019; }

}  // namespace

bool IsWordToken(std::string_view token) {
  if (token.empty()) return false;
  size_t len;
  return IsWordChar(Decode(token, 0, &len));
}

bool ContainsWord(std::string_view s) {
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    if (IsWordChar(Decode(s, i, &len))) return true;
  }
  return false;
}

int CountWordTokens(std::string_view s) {
  // A word token starts at each word character not preceded by a word character
  // or by an apostrophe inside a word (see Tokenize).
  int n = 0;
  bool in_word = false, after_apostrophe = false;
  size_t len = 0;
  for (size_t i = 0; i < s.size(); i += len) {
    uint32_t cp = Decode(s, i, &len);
    if (IsWordChar(cp)) {
      if (!in_word && !after_apostrophe) ++n;
      in_word = true;
      after_apostrophe = false;
    } else {
      after_apostrophe = in_word && IsApostrophe(cp);
      in_word = false;
    }
  }
  return n;
}

std::vector<std::string_view> Tokenize(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0, len = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = Decode(s, i, &len);
    if (IsSpace(cp)) {
      // Only at the very start: a whitespace token of its own.
    } else if (IsWordChar(cp)) {
      i += len;
      while (i < s.size()) {
        cp = Decode(s, i, &len);
        if (IsWordChar(cp)) {
          i += len;
        } else if (IsApostrophe(cp) && i + len < s.size()) {
          size_t len2;
          if (!IsWordChar(Decode(s, i + len, &len2))) break;
          i += len;
        } else {
          break;
        }
      }
    } else {
      i += len;
    }
    while (i < s.size()) {
      cp = Decode(s, i, &len);
      if (!IsSpace(cp)) break;
      i += len;
    }
    out.push_back(s.substr(start, i - start));
  }
  return out;
}

namespace {

using Op = Segment::Op;

// An edit script: one op per token position consumed.
struct Script {
  std::vector<Op> ops;
  void Add(Op op, int n) { ops.insert(ops.end(), n, op); }
};

constexpr int kMaxD = 600;          // Myers gives up beyond this edit distance
constexpr int kMaxAnchorDepth = 4;  // patience recursion bound

// Myers' O((n+m)D) greedy diff of a[0..n) and b[0..m), appending to `out`.
// Returns false (and appends nothing) if the edit distance exceeds max_d.
bool Myers(const int* a, int n, const int* b, int m, int max_d, Script* out) {
  const int offset = max_d + 1;
  std::vector<int> v(2 * max_d + 3, 0);
  // trace holds, for each d, the band v[-d..d] as it was before step d: d*d + (k + d).
  std::vector<int> trace;
  int found_d = -1;
  for (int d = 0; d <= max_d && found_d < 0; ++d) {
    trace.insert(trace.end(), v.begin() + offset - d, v.begin() + offset + d + 1);
    for (int k = -d; k <= d; k += 2) {
      int x;
      if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
        x = v[offset + k + 1];
      } else {
        x = v[offset + k - 1] + 1;
      }
      int y = x - k;
      while (x < n && y < m && a[x] == b[y]) ++x, ++y;
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
  }
  if (found_d < 0) return false;
  // Backtrack through the saved bands.
  std::vector<Op> rev;
  int x = n, y = m;
  for (int d = found_d; d > 0; --d) {
    const int* pv = trace.data() + static_cast<size_t>(d) * d + d;  // pv[k], k in [-d, d]
    int k = x - y;
    int prev_k;
    if (k == -d || (k != d && pv[k - 1] < pv[k + 1])) {
      prev_k = k + 1;
    } else {
      prev_k = k - 1;
    }
    int prev_x = pv[prev_k];
    int prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) rev.push_back(Op::kEqual), --x, --y;
    if (prev_k == k + 1) {
      rev.push_back(Op::kInsert);
    } else {
      rev.push_back(Op::kDelete);
    }
    x = prev_x;
    y = prev_y;
  }
  while (x > 0 && y > 0) rev.push_back(Op::kEqual), --x, --y;
  out->ops.insert(out->ops.end(), rev.rbegin(), rev.rend());
  return true;
}

void DiffRange(const int* a, int n, const int* b, int m, int depth, Script* out);

// Aligns on tokens that occur exactly once in each side, in increasing order
// (longest increasing subsequence), and diffs the gaps between them.
bool Patience(const int* a, int n, const int* b, int m, int depth, Script* out) {
  std::unordered_map<int, std::pair<int, int>> count;  // token -> (count in a, pos in a)
  count.reserve(n);
  for (int i = 0; i < n; ++i) {
    auto& c = count[a[i]];
    ++c.first;
    c.second = i;
  }
  std::unordered_map<int, std::pair<int, int>> in_b;  // token -> (count in b, pos in b)
  for (int j = 0; j < m; ++j) {
    auto it = count.find(b[j]);
    if (it == count.end() || it->second.first != 1) continue;
    auto& c = in_b[b[j]];
    ++c.first;
    c.second = j;
  }
  std::vector<std::pair<int, int>> pairs;  // (pos in a, pos in b)
  for (auto& [tok, c] : in_b) {
    if (c.first == 1) pairs.emplace_back(count[tok].second, c.second);
  }
  if (pairs.empty()) return false;
  std::sort(pairs.begin(), pairs.end());
  // LIS on the b positions.
  std::vector<int> tails, tails_idx, prev(pairs.size(), -1);
  for (size_t i = 0; i < pairs.size(); ++i) {
    int key = pairs[i].second;
    auto it = std::lower_bound(tails.begin(), tails.end(), key);
    size_t pos = it - tails.begin();
    if (pos == tails.size()) {
      tails.push_back(key);
      tails_idx.push_back(static_cast<int>(i));
    } else {
      *it = key;
      tails_idx[pos] = static_cast<int>(i);
    }
    prev[i] = pos > 0 ? tails_idx[pos - 1] : -1;
  }
  std::vector<std::pair<int, int>> anchors;
  for (int i = tails_idx.back(); i >= 0; i = prev[i]) anchors.push_back(pairs[i]);
  std::reverse(anchors.begin(), anchors.end());
  int ai = 0, bi = 0;
  for (auto [x, y] : anchors) {
    DiffRange(a + ai, x - ai, b + bi, y - bi, depth + 1, out);
    out->Add(Op::kEqual, 1);
    ai = x + 1;
    bi = y + 1;
  }
  DiffRange(a + ai, n - ai, b + bi, m - bi, depth + 1, out);
  return true;
}

void DiffRange(const int* a, int n, const int* b, int m, int depth, Script* out) {
  int pre = 0;
  while (pre < n && pre < m && a[pre] == b[pre]) ++pre;
  out->Add(Op::kEqual, pre);
  a += pre, b += pre, n -= pre, m -= pre;
  int suf = 0;
  while (suf < n && suf < m && a[n - 1 - suf] == b[m - 1 - suf]) ++suf;
  n -= suf, m -= suf;
  if (n == 0 || m == 0) {
    out->Add(Op::kDelete, n);
    out->Add(Op::kInsert, m);
  } else {
    // Budget the Myers attempt so a hopeless one costs about as much as a linear pass.
    int max_d = std::min({kMaxD, n + m, 64 + 4'000'000 / (n + m), 32 + (n + m) / 3});
    Script tmp;
    if (Myers(a, n, b, m, max_d, &tmp)) {
      out->ops.insert(out->ops.end(), tmp.ops.begin(), tmp.ops.end());
    } else if (depth >= kMaxAnchorDepth || !Patience(a, n, b, m, depth, out)) {
      out->Add(Op::kDelete, n);
      out->Add(Op::kInsert, m);
    }
  }
  out->Add(Op::kEqual, suf);
}

// The token without its trailing whitespace (the whole token if it is all space).
std::string_view Core(std::string_view token) {
  size_t end = token.size();
  while (end > 0) {
    unsigned char c = static_cast<unsigned char>(token[end - 1]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      --end;
    } else if (end >= 2 && token.substr(end - 2, 2) == "\xC2\xA0") {
      end -= 2;
    } else {
      break;
    }
  }
  return end == 0 ? token : token.substr(0, end);
}

bool AllSpace(std::string_view s) {
  return !s.empty() && s.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos;
}

// "2026\n" -> "2026. New sentence.\n" comes out of the token script as
// delete "\n", insert ". New sentence.\n"; shown that way, the unchanged line
// break looks deleted. When a deleted run of whitespace ends the insertion that
// follows it, keep it equal after the shortened insertion (and the mirror case,
// a sentence removed before a line break). Both texts are unchanged:
// old = ... W ..., new = ... X = X' W ....
// If `shorter` is whitespace that ends `longer`: `longer` without it.
std::optional<std::string> WithoutTrailing(const std::string& longer, const std::string& shorter) {
  if (!AllSpace(shorter) || longer.size() <= shorter.size() || !longer.ends_with(shorter)) {
    return std::nullopt;
  }
  return longer.substr(0, longer.size() - shorter.size());
}

void KeepTrailingSpaceEqual(std::vector<Segment>* segments) {
  std::vector<Segment>& s = *segments;
  std::vector<Segment> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const bool pair = i + 1 < s.size() && s[i].op != Op::kEqual && s[i + 1].op != Op::kEqual &&
                      s[i].op != s[i + 1].op;
    if (pair) {
      Segment& del = s[i].op == Op::kDelete ? s[i] : s[i + 1];
      Segment& ins = s[i].op == Op::kInsert ? s[i] : s[i + 1];
      if (auto rest = WithoutTrailing(ins.text, del.text)) {  // a sentence added
        out.push_back({Op::kInsert, std::move(*rest)});
        out.push_back({Op::kEqual, std::move(del.text)});
        ++i;
        continue;
      }
      if (auto rest = WithoutTrailing(del.text, ins.text)) {  // a sentence removed
        out.push_back({Op::kDelete, std::move(*rest)});
        out.push_back({Op::kEqual, std::move(ins.text)});
        ++i;
        continue;
      }
    }
    out.push_back(std::move(s[i]));
  }
  // Merge an equal run that now touches the next one.
  std::vector<Segment> merged;
  for (Segment& seg : out) {
    if (!merged.empty() && merged.back().op == seg.op) {
      merged.back().text += seg.text;
    } else {
      merged.push_back(std::move(seg));
    }
  }
  s = std::move(merged);
}

}  // namespace

std::vector<Segment> WordDiff(std::string_view a_text, std::string_view b_text) {
  std::vector<std::string_view> a = Tokenize(a_text), b = Tokenize(b_text);
  std::unordered_map<std::string_view, int> ids;
  ids.reserve(a.size() + b.size());
  auto intern = [&](const std::vector<std::string_view>& toks) {
    std::vector<int> out;
    out.reserve(toks.size());
    for (std::string_view t : toks) {
      out.push_back(ids.emplace(Core(t), static_cast<int>(ids.size())).first->second);
    }
    return out;
  };
  std::vector<int> ai = intern(a), bi = intern(b);
  Script script;
  DiffRange(ai.data(), static_cast<int>(ai.size()), bi.data(), static_cast<int>(bi.size()), 0,
            &script);
  // Turn the per-token script into segments; within each changed run put the
  // deletion first so that renderers show "old -> new".
  std::vector<Segment> out;
  size_t x = 0, y = 0;
  auto append = [&](Op op, std::string_view text) {
    if (text.empty()) return;
    if (!out.empty() && out.back().op == op) {
      out.back().text += text;
    } else {
      out.push_back({op, std::string(text)});
    }
  };
  std::string del, ins;
  auto flush = [&] {
    append(Op::kDelete, del);
    append(Op::kInsert, ins);
    del.clear();
    ins.clear();
  };
  for (Op op : script.ops) {
    if (op == Op::kEqual) {
      flush();
      // Equal cores; the whitespace after them may differ.
      std::string_view core = Core(a[x]);
      std::string_view wa = a[x].substr(core.size()), wb = b[y].substr(core.size());
      if (wa == wb) {
        append(Op::kEqual, a[x]);
      } else {
        append(Op::kEqual, core);
        append(Op::kDelete, wa);
        append(Op::kInsert, wb);
      }
      ++x, ++y;
    } else if (op == Op::kDelete) {
      del += a[x++];
    } else {
      ins += b[y++];
    }
  }
  flush();
  KeepTrailingSpaceEqual(&out);
  return out;
}

}  // namespace pw::diff
