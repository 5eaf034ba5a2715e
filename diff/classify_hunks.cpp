// Hunks of a word diff, the sentence around a hunk, and how reasons quote them.
#include <algorithm>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"
#include "diff/internal/word_diff.h"

namespace pw::diff {
namespace {

using Op = Segment::Op;

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The first q >= from where Tokenize(text) surely has a token boundary: an ASCII
// space or newline, then an ASCII letter or digit. npos if none.
size_t TokenBoundary(std::string_view text, size_t from) {
  for (size_t q = std::max<size_t>(from, 1); q < text.size(); ++q) {
    if ((text[q - 1] == ' ' || text[q - 1] == '\n') && IsAsciiAlnum(text[q])) return q;
  }
  return std::string_view::npos;
}

// The last word of `text` and what follows it. Only the end of a long text is
// tokenized (from a token boundary, so the tokens are the same).
std::string LastWord(std::string_view text) {
  if (text.size() > 256) {
    size_t cut = TokenBoundary(text, text.size() - 200);
    if (cut != std::string_view::npos) text = text.substr(cut);
  }
  auto toks = Tokenize(text);
  for (size_t k = toks.size(); k-- > 0;) {
    if (IsWordToken(toks[k])) {
      std::string out;
      for (size_t m = k; m < toks.size(); ++m) out += toks[m];
      return out;
    }
  }
  return std::string(text.substr(text.size() > 20 ? text.size() - 20 : 0));
}

// What precedes the first word of `text`, and that word. Only the start of a
// long text is tokenized (up to a token boundary after its first word).
std::string FirstWord(std::string_view text) {
  if (text.size() > 256) {
    size_t i = 0;
    while (i < 200 && static_cast<unsigned char>(text[i]) < 0x80 && !IsAsciiAlnum(text[i])) ++i;
    if (i < 200 && IsAsciiAlnum(text[i])) {
      size_t cut = TokenBoundary(text, i + 1);
      if (cut != std::string_view::npos) text = text.substr(0, cut);
    }
  }
  auto toks = Tokenize(text);
  std::string out;
  for (std::string_view t : toks) {
    out += t;
    if (IsWordToken(t)) break;
  }
  return out;
}

}  // namespace

// Splits the diff into hunks; equal runs without any word (a space, a comma) do
// not separate hunks.
std::vector<Hunk> FindHunks(const std::vector<Segment>& diff) {
  std::vector<Hunk> hunks;
  size_t old_pos = 0, new_pos = 0;
  Hunk* open = nullptr;
  for (size_t i = 0; i < diff.size(); ++i) {
    const Segment& s = diff[i];
    if (s.op == Op::kEqual) {
      bool joins = open != nullptr && !ContainsWord(s.text) && i + 1 < diff.size();
      if (joins) {
        open->del += s.text;
        open->ins += s.text;
        open->old_end = old_pos + s.text.size();
        open->new_end = new_pos + s.text.size();
      } else if (open != nullptr) {
        open->after = FirstWord(s.text);
        open = nullptr;
      }
      old_pos += s.text.size();
      new_pos += s.text.size();
      continue;
    }
    if (open == nullptr) {
      hunks.push_back({old_pos, old_pos, new_pos, new_pos, "", "", "", ""});
      open = &hunks.back();
      if (i > 0) open->before = LastWord(diff[i - 1].text);
    }
    if (s.op == Op::kDelete) {
      open->del += s.text;
      old_pos += s.text.size();
      open->old_end = old_pos;
    } else {
      open->ins += s.text;
      new_pos += s.text.size();
      open->new_end = new_pos;
    }
  }
  return hunks;
}

// The sentence(s) of `text` around [begin, end): from the previous sentence end
// to the next one, at most ~400 bytes either side.
std::string_view Sentence(std::string_view text, size_t begin, size_t end) {
  auto is_boundary = [&](size_t k) {  // a sentence ends at text[k]
    char c = text[k];
    if (c == '\n') return true;
    if ((c == '.' || c == ';' || c == '!' || c == '?') && k + 1 < text.size() &&
        text[k + 1] == ' ') {
      return true;
    }
    return false;
  };
  size_t s = begin;
  size_t limit = begin > 400 ? begin - 400 : 0;
  while (s > limit && !is_boundary(s - 1)) --s;
  size_t e = std::max(end, begin);
  size_t elimit = std::min(text.size(), e + 400);
  while (e < elimit && !is_boundary(e)) ++e;
  if (e < text.size()) ++e;
  return text.substr(s, e - s);
}

void AddReason(std::string reason, SectionChange* change) {
  if (change->reasons.size() < kMaxReasons) {
    if (std::find(change->reasons.begin(), change->reasons.end(), reason) ==
        change->reasons.end()) {
      change->reasons.push_back(std::move(reason));
    }
  } else if (change->reasons.size() == kMaxReasons) {
    change->reasons.push_back("(further changes not listed)");
  }
}

void Raise(Severity s, SectionChange* change) {
  if (s > change->severity) change->severity = s;
}

std::string Arrow(const Hunk& h) {
  std::string a = Quote(h.before + h.del + h.after, 90);
  std::string b = Quote(h.before + h.ins + h.after, 90);
  return "\"" + a + "\" -> \"" + b + "\"";
}

void AddCategory(std::string_view category, SectionChange* change, std::string_view phrase) {
  if (std::find(change->categories.begin(), change->categories.end(), category) ==
      change->categories.end()) {
    change->categories.emplace_back(category);
    change->category_evidence.push_back({std::string(category), std::string(phrase)});
  }
}

int CountWords(std::string_view text) { return CountWordTokens(text); }

std::string Quote(std::string_view text, size_t max) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (out.size() > max + 1) break;  // enough to cut below
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > max) {
    size_t cut = out.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + " …";
  }
  return out;
}

}  // namespace pw::diff
