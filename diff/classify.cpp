#include "diff/classify.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>

#include "diff/lexicon.h"
#include "diff/normalize.h"
#include "diff/word_diff.h"

namespace pw::diff {
namespace {

using Op = Segment::Op;

constexpr size_t kMaxReasons = 8;
constexpr int kRealContentWords = 20;  // an added/removed section this long is material
constexpr size_t kMovedTextWords = 8;  // a hunk this long may be text moved elsewhere
constexpr size_t kMaxHunks = 200;
constexpr size_t kItemWords = 5;       // a paragraph or list item this long has content      // more changed places: a rewrite, judged whole
//  // a hunk this long may be text moved elsewhere

// One changed region: segments [first, last] and its byte ranges in both texts.
struct Hunk {
  size_t old_begin, old_end, new_begin, new_end;
  std::string del, ins;
  std::string before, after;  // one word of equal text on each side, for quotes
};

bool HasWord(std::string_view text) { return ContainsWord(text); }

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

// Splits the diff into hunks; equal runs without any word (a space, a comma) do
// not separate hunks.
std::vector<Hunk> FindHunks(const std::vector<Segment>& diff) {
  std::vector<Hunk> hunks;
  size_t old_pos = 0, new_pos = 0;
  Hunk* open = nullptr;
  for (size_t i = 0; i < diff.size(); ++i) {
    const Segment& s = diff[i];
    if (s.op == Op::kEqual) {
      bool joins = open != nullptr && !HasWord(s.text) && i + 1 < diff.size();
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

bool IsNumberWord(std::string_view w) {
  static const std::vector<std::string_view> kSpelled = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "fifteen", "twenty", "thirty", "sixty", "ninety", "hundred",
      "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "dix", "douze",
      "trente", "ein", "eine", "zwei", "drei", "vier", "fünf", "sechs", "zehn", "zwölf",
      "dreißig"};
  if (w.empty()) return false;
  bool digits = std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) return true;
  return std::find(kSpelled.begin(), kSpelled.end(), w) != kSpelled.end();
}

bool IsDigitWord(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Quantities in a sentence: a number with a unit after it ("30 days", "3 ans"),
// or after a limit cue ("at least 15", "under 13"). Phone numbers, addresses and
// other runs of several numbers are not quantities.
std::multiset<std::string> Quantities(const std::vector<std::string>& w) {
  std::multiset<std::string> out;
  for (size_t i = 0; i < w.size(); ++i) {
    if (!IsNumberWord(w[i])) continue;
    bool digit = IsDigitWord(w[i]);
    bool in_run = digit && ((i > 0 && IsDigitWord(w[i - 1])) ||
                            (i + 1 < w.size() && IsDigitWord(w[i + 1])));
    if (in_run) continue;
    std::string unit;
    for (size_t k = i + 1; k < std::min(w.size(), i + 3); ++k) {
      if (IsQuantityUnit(w[k])) {
        unit = w[k];
        break;
      }
    }
    bool cue = false;
    if (i > 0 && digit) {
      const std::string& p = w[i - 1];
      const std::string p2 = i > 1 ? w[i - 2] + " " + p : p;
      cue = p == "under" || p == "over" || p == "aged" || p == "age" || p == "minimum" ||
            p == "maximum" || p == "within" || p2 == "at least" || p2 == "up to" ||
            p2 == "au moins" || p == "moins" || p == "plus" || p == "mindestens" ||
            p == "unter" || p == "über" || p == "ab";
    }
    if (unit.empty() && !cue) continue;
    std::string q = w[i];
    if (!unit.empty()) q += " " + unit;
    if (cue) q = w[i - 1] + " " + q;
    out.insert(q);
  }
  return out;
}

std::string Join(const std::multiset<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

std::multiset<std::string> Minus(const std::multiset<std::string>& a,
                                 const std::multiset<std::string>& b) {
  std::multiset<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
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

// Words starting with a capital letter in `text`, not at a sentence start: names.
std::vector<std::string> CapitalisedWords(std::string_view text, bool first_is_start) {
  std::vector<std::string> out;
  bool start = first_is_start;
  for (std::string_view t : Tokenize(text)) {
    if (IsWordToken(t)) {
      unsigned char c = static_cast<unsigned char>(t[0]);
      if (!start && c >= 'A' && c <= 'Z') {
        size_t e = t.size();
        while (e > 0 && std::isspace(static_cast<unsigned char>(t[e - 1]))) --e;
        out.emplace_back(t.substr(0, e));
      }
      start = false;
    } else if (t[0] == '.' || t[0] == '!' || t[0] == '?' || t[0] == '\n' || t[0] == ':') {
      start = true;
    }
  }
  return out;
}

// Lexicon terms whose count differs between the two sentences.
struct TermChange {
  LexiconHit hit;
  bool added;  // appears more often in the new sentence
  std::string quote;
};

std::vector<TermChange> ChangedTerms(const std::vector<std::string>& old_words,
                                     const std::vector<LexiconHit>& old_hits,
                                     const std::vector<std::string>& new_words,
                                     const std::vector<LexiconHit>& new_hits) {
  std::map<std::pair<std::string_view, std::string_view>, int> balance;
  for (const auto& h : old_hits) --balance[{h.category, h.term}];
  for (const auto& h : new_hits) ++balance[{h.category, h.term}];
  std::vector<TermChange> out;
  auto quote_of = [](const std::vector<std::string>& w, const LexiconHit& h) {
    std::string q;
    for (size_t k = h.begin; k < h.end; ++k) q += (q.empty() ? "" : " ") + w[k];
    return q;
  };
  for (const auto& [key, n] : balance) {
    if (n == 0) continue;
    const auto& hits = n > 0 ? new_hits : old_hits;
    const auto& words = n > 0 ? new_words : old_words;
    for (const auto& h : hits) {
      if (h.category == key.first && h.term == key.second) {
        out.push_back({h, n > 0, quote_of(words, h)});
        break;
      }
    }
  }
  return out;
}

// What the checks need about the old and new sentence around a hunk. Consecutive
// hunks often fall in the same sentences: Load() recomputes only when they differ.
struct SentencePair {
  std::string_view old_sentence, new_sentence;
  bool loaded = false;
  std::vector<std::string> old_words, new_words;
  std::set<std::string> old_modals, new_modals;
  std::multiset<std::string> old_quantities, new_quantities;
  std::vector<LexiconHit> old_hits, new_hits;
  std::vector<TermChange> changed_terms;

  static bool Same(std::string_view a, std::string_view b) {
    return a.data() == b.data() && a.size() == b.size();
  }
  static std::set<std::string> Modals(const std::vector<std::string>& words) {
    std::set<std::string> out;
    for (const auto& w : words) {
      if (IsNegationOrModal(w)) out.insert(w);
    }
    return out;
  }
  void Load(std::string_view old_s, std::string_view new_s) {
    bool old_same = loaded && Same(old_s, old_sentence);
    bool new_same = loaded && Same(new_s, new_sentence);
    if (old_same && new_same) return;
    if (!old_same) {
      old_sentence = old_s;
      old_words = NormalizedWords(old_s);
      old_modals = Modals(old_words);
      old_quantities = Quantities(old_words);
      old_hits = FindLexiconTerms(old_words);
    }
    if (!new_same) {
      new_sentence = new_s;
      new_words = NormalizedWords(new_s);
      new_modals = Modals(new_words);
      new_quantities = Quantities(new_words);
      new_hits = FindLexiconTerms(new_words);
    }
    changed_terms = ChangedTerms(old_words, old_hits, new_words, new_hits);
    loaded = true;
  }
};

// The material categories of runs of text: Add() sentences in order; overlapping
// or touching ones are merged and each run is normalised and searched once.
class CategorySpans {
 public:
  void Add(std::string_view body, std::string_view sentence, SectionChange* change) {
    size_t b = static_cast<size_t>(sentence.data() - body.data()), e = b + sentence.size();
    if (body_.data() == body.data() && b <= end_) {
      end_ = std::max(end_, e);
      return;
    }
    Flush(change);
    body_ = body;
    begin_ = b;
    end_ = e;
  }
  void Flush(SectionChange* change) {
    if (end_ > begin_) {
      for (const auto& hit : FindLexiconTerms(NormalizedWords(body_.substr(begin_, end_ - begin_)))) {
        if (hit.material) AddCategory(hit.category, change);
      }
    }
    begin_ = end_ = 0;
  }

 private:
  std::string_view body_;
  size_t begin_ = 0, end_ = 0;
};

std::string Concat(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

bool LooksLikeUrl(std::string_view text) {
  size_t b = text.find_first_not_of(" \n\t(<");
  size_t e = text.find_last_not_of(" \n\t)>.,;");
  if (b == std::string_view::npos) return false;
  std::string_view t = text.substr(b, e - b + 1);
  return (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) &&
         t.find(' ') == std::string_view::npos;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// One word for one, spelled almost alike: a typo fix or a plural.
bool IsSpellingFix(const std::vector<std::string>& del, const std::vector<std::string>& ins) {
  if (del.size() != 1 || ins.size() != 1) return false;
  const std::string& a = del[0];
  const std::string& b = ins[0];
  if (a.size() < 5 || b.size() < 5 || IsNegationOrModal(a) || IsNegationOrModal(b)) return false;
  if (a.find_first_of("0123456789") != std::string::npos ||
      b.find_first_of("0123456789") != std::string::npos) {
    return false;
  }
  return EditDistance(a, b) <= 2;
}

bool IsEntitySuffix(std::string_view w) {
  static const std::vector<std::string_view> kSuffixes = {
      "inc", "llc", "ltd", "limited", "gmbh", "pbc", "corp", "corporation", "plc", "ag",
      "bv", "sarl", "sàrl", "ulc", "llp", "lp", "pte", "pty", "kk", "srl", "spa", "nv"};
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}

// True if `text` is one whole sentence: it starts with a capital letter (after
// spaces), ends with a sentence end (after spaces) and has no sentence end or
// ';' inside.
bool IsOneSentence(std::string_view text) {
  size_t b = text.find_first_not_of(" \n\t");
  size_t e = text.find_last_not_of(" \n\t");
  if (b == std::string_view::npos) return false;
  for (size_t k = b; k < e; ++k) {
    char c = text[k];
    if (c == ';' || c == '\n' ||
        ((c == '.' || c == '!' || c == '?') && k + 1 < e && text[k + 1] == ' ')) {
      return false;
    }
  }
  auto first = static_cast<unsigned char>(text[b]);
  bool capital = (first >= 'A' && first <= 'Z') || first >= 0xC0;
  char last = text[e];
  return capital && (last == '.' || last == '!' || last == '?' || last == ')' || last == ':');
}

bool IsYear(const std::string& w) {
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A copyright notice whose years changed ("© 2023 Acme" -> "Copyright © 2021-2025
// Acme"): the same words once years and "copyright"/"all rights reserved" are
// set aside, and a "©" or "copyright" in the sentence.
bool IsCopyrightYearChange(std::string_view old_sentence, const std::vector<std::string>& old_words,
                           std::string_view new_sentence, const std::vector<std::string>& new_words) {
  auto is_notice = [](std::string_view s) {
    return s.find("\xC2\xA9") != std::string_view::npos || s.find("opyright") != std::string_view::npos ||
           s.find("(c)") != std::string_view::npos || s.find("(C)") != std::string_view::npos;
  };
  if (!is_notice(old_sentence) || !is_notice(new_sentence)) return false;
  auto core = [](const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const std::string& w : words) {
      if (IsYear(w) || w == "copyright" || w == "c" || w == "all" || w == "rights" || w == "reserved") continue;
      out.push_back(w);
    }
    return out;
  };
  return core(old_words) == core(new_words);
}

// True if text after `before` starts a sentence: `before` is empty or ends
// (spaces aside) with a sentence end or a line break.
bool AtSentenceStart(std::string_view before) {
  size_t e = before.find_last_not_of(" \t");
  if (e == std::string_view::npos) return true;
  char c = before[e];
  return c == '\n' || c == '.' || c == '!' || c == '?' || c == ':';
}

// Words of a date stamp: "<date>" and words such as "last updated", "effective",
// "dernière mise à jour", "Stand", "gültig ab", at most 12 words.
bool IsDateStamp(const std::vector<std::string>& words) {
  static const std::vector<std::string_view> kStampWords = {
      "last", "updated", "update", "revised", "revision", "modified", "effective", "date",
      "dated", "as", "of", "on", "from", "this", "these", "the", "policy", "privacy", "notice",
      "section", "page", "document",
      "statement", "terms", "was", "were", "is", "are", "version", "in", "force", "since",
      "dernière", "derniere", "mise", "à", "jour", "le", "la", "en", "vigueur", "depuis",
      "du", "version", "modifiée", "stand", "zuletzt", "aktualisiert", "geändert", "gültig",
      "ab", "seit", "datum", "vom", "am", "diese", "datenschutzerklärung", "fassung"};
  if (words.size() > 12) return false;
  bool date = false;
  for (const std::string& w : words) {
    if (w == "<date>") {
      date = true;
    } else if (std::find(kStampWords.begin(), kStampWords.end(), w) == kStampWords.end()) {
      return false;
    }
  }
  return date;
}

// Capitalised words that name the documents' own defined terms, not places.
bool IsDefinedTermWord(std::string_view w) {
  static const std::vector<std::string_view> kWords = {
      "terms", "term", "agreement", "agreements", "service", "services", "policy", "policies",
      "conditions", "platform", "site", "sites", "website", "websites", "content", "user",
      "users", "account", "accounts", "section", "sections", "product", "products", "privacy",
      "statement", "notice", "app", "apps", "software", "you", "we", "us", "our", "your",
      "party", "parties", "company", "dispute", "disputes", "claim", "claims", "rules",
      "conditions", "bedingungen", "nutzungsbedingungen", "conditions", "contrat", "services"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

// A capitalised word of `changed` that is not in `other_sentence` and follows a
// place preposition ("of", "in", "de", "von"...), possibly over "the" and other
// capitalised words: "laws of [the State of New] York". Empty if none.
std::string PlaceName(const std::string& before, const std::string& changed,
                      const std::vector<std::string>& other_sentence) {
  static const std::vector<std::string_view> kPrepositions = {
      "of", "in", "de", "du", "des", "en", "à", "von", "in", "nach", "der"};
  std::vector<std::string_view> words;
  for (std::string_view t : Tokenize(before)) {
    if (IsWordToken(t)) words.push_back(t);
  }
  size_t first_changed = words.size();
  for (std::string_view t : Tokenize(changed)) {
    if (IsWordToken(t)) words.push_back(t);
  }
  auto core = [](std::string_view t) {
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
    return t;
  };
  auto capital = [](std::string_view t) {
    auto c = static_cast<unsigned char>(t[0]);
    return (c >= 'A' && c <= 'Z') || c >= 0xC0;
  };
  for (size_t i = first_changed; i < words.size(); ++i) {
    std::string_view w = core(words[i]);
    if (!capital(w)) continue;
    std::string folded = FoldWord(w);
    if (IsNegationOrModal(folded) || IsDefinedTermWord(folded) || IsMonthWord(folded) ||
        std::find(other_sentence.begin(), other_sentence.end(), folded) != other_sentence.end()) {
      continue;
    }
    size_t k = i;
    while (k > 0 && (capital(core(words[k - 1])) || FoldWord(core(words[k - 1])) == "the" ||
                     FoldWord(core(words[k - 1])) == "and")) {
      --k;
    }
    if (k == 0) continue;
    std::string prep = FoldWord(core(words[k - 1]));
    if (std::find(kPrepositions.begin(), kPrepositions.end(), prep) != kPrepositions.end()) {
      return std::string(w);
    }
  }
  return std::string();
}

bool IsConjunction(std::string_view w) {
  return w == "or" || w == "and" || w == "ou" || w == "et" || w == "oder" || w == "und";
}

}  // namespace

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

uint64_t ShingleHash(const std::vector<std::string>& words, size_t i) {
  uint64_t h = 1469598103934665603ull;
  for (size_t k = i; k < i + 3 && k < words.size(); ++k) {
    for (unsigned char c : words[k]) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xFF) * 1099511628211ull;
  }
  return h;
}

namespace {

// Fast 3-word shingles of a text: words of letters/digits (any byte >= 0x80 counts
// as a letter), ASCII case folded, apostrophes skipped. No allocation per word.
// Feed() the pieces in order (a piece ends a word); `emit` gets each shingle hash.
enum : uint8_t { kBreakByte, kWordByte, kSkippedByte };

constexpr std::array<uint8_t, 256> kByteKind = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    t[c] = c == '\'' ? kSkippedByte : word ? kWordByte : kBreakByte;
  }
  return t;
}();

template <typename Emit>
class Shingler {
 public:
  explicit Shingler(Emit emit) : emit_(emit) {}
  void Feed(std::string_view text) {
    for (char ch : text) {
      auto c = static_cast<unsigned char>(ch);
      uint8_t kind = kByteKind[c];
      if (kind == kWordByte) {
        if (!in_word_) h_ = 1469598103934665603ull;
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
        h_ = (h_ ^ c) * 1099511628211ull;
        in_word_ = true;
      } else if (kind == kBreakByte && in_word_) {
        EndWord();
      }
    }
    if (in_word_) EndWord();
  }

 private:
  void EndWord() {
    in_word_ = false;
    w_[0] = w_[1];
    w_[1] = w_[2];
    w_[2] = h_;
    if (++words_ >= 3) {
      emit_(w_[0] * 0x9E3779B97F4A7C15ull ^ (w_[1] * 0xC2B2AE3D27D4EB4Full) ^
            (w_[2] + 0x165667B19E3779F9ull));
    }
  }
  Emit emit_;
  uint64_t h_ = 0, w_[3] = {0, 0, 0};
  size_t words_ = 0;
  bool in_word_ = false;
};

std::vector<uint64_t> RawShingles(std::string_view text) {
  std::vector<uint64_t> out;
  Shingler shingler([&](uint64_t s) { out.push_back(s); });
  shingler.Feed(text);
  return out;
}

uint32_t Fingerprint(uint64_t shingle) {
  auto fp = static_cast<uint32_t>(shingle >> 32);
  return fp == 0 ? 1 : fp;
}

}  // namespace

void ShingleSet::Build(const std::vector<std::string_view>& pieces) {
  size_t bytes = 0;
  for (std::string_view p : pieces) bytes += p.size();
  sorted_.clear();
  sorted_.reserve(bytes / 5 + 16);
  Shingler shingler([&](uint64_t s) { sorted_.push_back(Fingerprint(s)); });
  for (std::string_view p : pieces) shingler.Feed(p);
  // LSD radix sort, 11 + 11 + 10 bits: sequential passes, no random probing of a
  // large table (which costs a cache miss per shingle).
  std::vector<uint32_t> tmp(sorted_.size());
  for (int shift : {0, 11, 22}) {
    std::array<size_t, 2049> start{};
    for (uint32_t v : sorted_) ++start[((v >> shift) & 2047) + 1];
    for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
    for (uint32_t v : sorted_) tmp[start[(v >> shift) & 2047]++] = v;
    sorted_.swap(tmp);
  }
  // bucket_[b] = first index whose top bits are >= b, about one bucket per entry:
  // a lookup searches one small bucket.
  int bits = 4;
  while (bits < 20 && (size_t{1} << bits) < sorted_.size()) ++bits;
  shift_ = 32 - bits;
  bucket_.assign((size_t{1} << bits) + 1, 0);
  for (uint32_t v : sorted_) ++bucket_[(v >> shift_) + 1];
  for (size_t i = 1; i < bucket_.size(); ++i) bucket_[i] += bucket_[i - 1];
  built_ = true;
}

bool ShingleSet::Contains(uint64_t s) const {
  if (!built_) return false;
  uint32_t fp = Fingerprint(s);
  auto begin = sorted_.begin() + bucket_[fp >> shift_];
  auto end = sorted_.begin() + bucket_[(fp >> shift_) + 1];
  return std::binary_search(begin, end, fp);
}

DocumentContext::DocumentContext(std::vector<std::string_view> old_pieces,
                                 std::vector<std::string_view> new_pieces)
    : old_pieces_(std::move(old_pieces)), new_pieces_(std::move(new_pieces)) {}

double DocumentContext::Found(std::string_view text, const std::vector<std::string_view>& doc,
                              ShingleSet* cache) {
  std::vector<uint64_t> mine = RawShingles(text);
  if (mine.empty()) return 0.0;
  if (!cache->built()) cache->Build(doc);
  size_t found = 0;
  for (uint64_t s : mine) found += cache->Contains(s) ? 1 : 0;
  return static_cast<double>(found) / static_cast<double>(mine.size());
}

double DocumentContext::FoundInOld(std::string_view text) const {
  return Found(text, old_pieces_, &old_shingles_);
}

double DocumentContext::FoundInNew(std::string_view text) const {
  return Found(text, new_pieces_, &new_shingles_);
}

void AddCategory(std::string_view category, SectionChange* change) {
  if (std::find(change->categories.begin(), change->categories.end(), category) ==
      change->categories.end()) {
    change->categories.emplace_back(category);
  }
}

void ClassifyModified(std::string_view old_body, std::string_view new_body,
                      const DocumentContext& doc, SectionChange* change,
                      const std::vector<std::string>* old_normalized,
                      const std::vector<std::string>* new_normalized) {
  for (const Segment& s : change->diff) {
    if (s.op == Op::kInsert) change->words_added += CountWords(s.text);
    if (s.op == Op::kDelete) change->words_removed += CountWords(s.text);
  }
  if (old_body == new_body) return;
  // The whole body equal under the cosmetic normalisation?
  std::vector<std::string> old_own, new_own;
  if (old_normalized == nullptr) old_own = NormalizedWords(old_body);
  if (new_normalized == nullptr) new_own = NormalizedWords(new_body);
  const std::vector<std::string>& old_norm = old_normalized ? *old_normalized : old_own;
  const std::vector<std::string>& new_norm = new_normalized ? *new_normalized : new_own;
  if (old_norm == new_norm || Concat(old_norm) == Concat(new_norm)) {
    Raise(Severity::kCosmetic, change);
    NormalizeOptions no_mask;
    no_mask.mask_dates = false;
    if (NormalizedWords(old_body, no_mask) != NormalizedWords(new_body, no_mask)) {
      for (const Hunk& h : FindHunks(change->diff)) {
        if (NormalizedWords(h.del, no_mask) != NormalizedWords(h.ins, no_mask)) {
          AddReason("date stamp changed: " + Arrow(h), change);
        }
      }
    } else {
      AddReason("formatting only (whitespace, markup, quotes, case or punctuation)", change);
    }
    return;
  }
  std::vector<Hunk> hunks = FindHunks(change->diff);
  if (hunks.size() > kMaxHunks) {
    // Rewritten rather than edited: judge the new text as a whole.
    Raise(Severity::kMaterial, change);
    AddReason("section rewritten: " + std::to_string(change->words_removed) + " words removed, " +
                  std::to_string(change->words_added) + " added in " + std::to_string(hunks.size()) +
                  " places",
              change);
    for (const auto& hit : FindLexiconTerms(new_norm)) {
      if (hit.material) AddCategory(hit.category, change);
    }
    if (change->categories.empty()) AddCategory("other", change);
    return;
  }
  SentencePair pair;  // the sentences of the previous hunk, often shared
  // Whether the old (new) section is about a data practice or an obligation: it
  // has a material lexicon term. Computed on first use.
  int practice[2] = {-1, -1};
  auto about_practice = [&](bool in_new) {
    int& p = practice[in_new ? 1 : 0];
    if (p < 0) {
      auto hits = FindLexiconTerms(in_new ? new_norm : old_norm);
      p = std::any_of(hits.begin(), hits.end(), [](const LexiconHit& x) { return x.material; }) ? 1 : 0;
    }
    return p == 1;
  };
  CategorySpans old_spans, new_spans;
  for (const Hunk& h : hunks) {
    if (change->severity == Severity::kMaterial && change->reasons.size() > kMaxReasons) {
      // Nothing left to raise and no room for reasons: only the categories of
      // the changed sentences are still to collect, one lexicon pass per run
      // of adjacent changed sentences.
      old_spans.Add(old_body, Sentence(old_body, h.old_begin, h.old_end), change);
      new_spans.Add(new_body, Sentence(new_body, h.new_begin, h.new_end), change);
      continue;
    }
    std::vector<std::string> del_words = NormalizedWords(h.del);
    std::vector<std::string> ins_words = NormalizedWords(h.ins);
    if (del_words == ins_words || Concat(del_words) == Concat(ins_words)) {
      Raise(Severity::kCosmetic, change);  // e.g. "handlesPersonal" -> "handles Personal"
      continue;
    }
    // Text that is still (or already) in the document, elsewhere: a move.
    bool moved_out = ins_words.empty() && del_words.size() >= kMovedTextWords &&
                     doc.FoundInNew(h.del) >= 0.9;
    bool moved_in = del_words.empty() && ins_words.size() >= kMovedTextWords &&
                    doc.FoundInOld(h.ins) >= 0.9;
    if (moved_out || moved_in) {
      Raise(Severity::kMinor, change);
      AddReason(std::string(moved_out ? "text moved to another section: \"" : "text moved from another section: \"") +
                    Quote(moved_out ? h.del : h.ins, 80) + "\"",
                change);
      continue;
    }
    // An "we're updating our terms" banner added or removed.
    bool ins_bigger = ins_words.size() >= del_words.size();
    std::vector<std::string> changed = ins_bigger ? ins_words : del_words;
    size_t other = ins_bigger ? del_words.size() : ins_words.size();
    bool banner = other <= 6 && LooksLikeUpdateNotice(changed) &&
                  (std::find(changed.begin(), changed.end(), "<date>") != changed.end() ||
                   std::find(changed.begin(), changed.end(), "today") != changed.end());
    if (banner) {
      Raise(Severity::kMinor, change);
      AddCategory("policy-change", change);
      AddReason(std::string(ins_bigger ? "update notice added: \"" : "update notice removed: \"") +
                    Quote(ins_bigger ? h.ins : h.del, 100) + "\"",
                change);
      continue;
    }
    // A link shown as its URL now shown by its title (or back), or a typo fixed.
    if ((LooksLikeUrl(h.del) && !ins_words.empty()) || (LooksLikeUrl(h.ins) && !del_words.empty())) {
      Raise(Severity::kMinor, change);
      AddReason("link reference changed: " + Arrow(h), change);
      continue;
    }
    if (IsSpellingFix(del_words, ins_words)) {
      Raise(Severity::kMinor, change);
      AddReason("spelling changed: " + Arrow(h), change);
      continue;
    }
    // A date stamp added or removed ("This policy was last updated on <date>").
    if (del_words.empty() != ins_words.empty() && IsDateStamp(del_words.empty() ? ins_words : del_words)) {
      Raise(Severity::kCosmetic, change);
      AddReason(std::string(del_words.empty() ? "date stamp added: \"" : "date stamp removed: \"") +
                    Quote(del_words.empty() ? h.ins : h.del, 100) + "\"",
                change);
      continue;
    }
    // A sentence that only points to another page ("For more information, see
    // our Cookie Policy") added or removed: the practices are stated elsewhere.
    {
      const auto& changed_words = del_words.empty() ? ins_words : del_words;
      const std::string& changed_text = del_words.empty() ? h.ins : h.del;
      bool one_side = del_words.empty() != ins_words.empty();
      bool link = changed_text.find("](") != std::string::npos ||
                  changed_text.find("http") != std::string::npos;
      if (one_side && changed_words.size() <= 40 && Quantities(changed_words).empty() &&
          IsOneSentence(changed_text) && LooksLikeReference(changed_words, link)) {
        Raise(Severity::kMinor, change);
        AddReason(std::string(del_words.empty() ? "reference to other information added: \""
                                                : "reference to other information removed: \"") +
                      Quote(changed_text, 100) + "\"",
                  change);
        continue;
      }
    }
    pair.Load(Sentence(old_body, h.old_begin, h.old_end), Sentence(new_body, h.new_begin, h.new_end));
    std::string_view new_sentence = pair.new_sentence;
    const std::vector<std::string>& old_words = pair.old_words;
    const std::vector<std::string>& new_words = pair.new_words;
    if (old_words == new_words) {  // e.g. "September 1, 2021" -> "September 1st, 2021"
      Raise(Severity::kCosmetic, change);
      continue;
    }
    if (IsCopyrightYearChange(pair.old_sentence, old_words, pair.new_sentence, new_words)) {
      Raise(Severity::kCosmetic, change);
      AddReason("copyright notice years changed: " + Arrow(h), change);
      continue;
    }
    bool material = false;
    // Negations and modals flipped.
    const std::set<std::string>& old_set = pair.old_modals;
    const std::set<std::string>& new_set = pair.new_modals;
    if (old_set != new_set) {
      material = true;
      auto is_neg = [](const std::string& w) {
        return w == "not" || w == "no" || w == "never" || w == "cannot" || w == "nicht" ||
               w == "kein" || w == "keine" || w == "pas" || w == "jamais" || w == "ne" ||
               w.ends_with("nt");
      };
      bool neg_old = std::any_of(old_set.begin(), old_set.end(), is_neg);
      bool neg_new = std::any_of(new_set.begin(), new_set.end(), is_neg);
      std::string kind = neg_old && !neg_new   ? "negation removed"
                         : !neg_old && neg_new ? "negation added"
                                               : "modal changed";
      AddReason(kind + ": " + Arrow(h), change);
    }
    // Numbers and durations.
    const auto& old_q = pair.old_quantities;
    const auto& new_q = pair.new_quantities;
    if (old_q != new_q) {
      material = true;
      auto gone = Minus(old_q, new_q), came = Minus(new_q, old_q);
      AddReason("number changed: \"" + (gone.empty() ? std::string("(none)") : Join(gone)) +
                    "\" -> \"" + (came.empty() ? std::string("(none)") : Join(came)) + "\"",
                change);
    }
    // Lexicon terms touched.
    bool sentence_about_recipients = false;
    for (const auto& hit : pair.new_hits) {
      if (hit.category == "third-party-sharing") sentence_about_recipients = true;
    }
    for (const TermChange& tc : pair.changed_terms) {
      AddCategory(tc.hit.category, change);
      if (!tc.hit.material) continue;
      material = true;
      if (tc.hit.recipient) {
        AddReason(std::string(tc.added ? "new recipient: \"" : "recipient removed: \"") + tc.quote +
                      "\"",
                  change);
      } else {
        AddReason(std::string(tc.hit.category) + " wording " +
                      (tc.added ? "added" : "removed") + " (\"" + tc.quote + "\"): " + Arrow(h),
                  change);
      }
    }
    // A named party appearing in a sentence about sharing.
    if (sentence_about_recipients) {
      for (const std::string& name : CapitalisedWords(h.ins, AtSentenceStart(h.before))) {
        std::vector<std::string> folded = {FoldWord(name)};
        if (!FindLexiconTerms(folded).empty() || IsNegationOrModal(folded[0]) || IsMonthWord(folded[0]) ||
            IsDefinedTermWord(folded[0])) {
          continue;
        }
        if (std::find(old_words.begin(), old_words.end(), folded[0]) != old_words.end()) continue;
        material = true;
        AddCategory("third-party-sharing", change);
        AddReason("new named party in a sharing context: \"" + name + "\" in \"" +
                      Quote(new_sentence, 100) + "\"",
                  change);
        break;
      }
    }
    // The contracting entity: a changed name next to "Inc.", "LLC", "GmbH"...
    // (the suffix is in the changed words or right after them).
    auto has_suffix = [](const std::string& text) {
      auto w = NormalizedWords(text);
      return std::any_of(w.begin(), w.end(), [](const std::string& x) { return IsEntitySuffix(x); });
    };
    if (!material && del_words.size() <= 4 && ins_words.size() <= 4 &&
        has_suffix(h.del + " " + h.after) && has_suffix(h.ins + " " + h.after)) {
      material = true;
      AddReason("contracting entity changed: " + Arrow(h), change);
    }
    // A named place or forum in a sentence about governing law, courts or
    // arbitration: "the laws of England" -> "the laws of Ireland".
    bool about_jurisdiction = false;
    for (const auto* hits : {&pair.old_hits, &pair.new_hits}) {
      for (const auto& hit : *hits) {
        about_jurisdiction = about_jurisdiction || hit.category == "governing-law" ||
                             hit.category == "arbitration";
      }
    }
    if (!material && about_jurisdiction) {
      std::string added = PlaceName(h.before, h.ins, old_words);
      std::string removed = PlaceName(h.before, h.del, new_words);
      if (!added.empty() || !removed.empty()) {
        material = true;
        AddReason("named jurisdiction or forum changed: " + Arrow(h), change);
      }
    }
    // An item added to or dropped from what an obligation or prohibition covers.
    bool contact_details = h.del.find('@') != std::string::npos || h.ins.find('@') != std::string::npos ||
                           h.del.find("http") != std::string::npos || h.ins.find("http") != std::string::npos;
    if (!material && !contact_details && del_words.size() <= 6 && ins_words.size() <= 6 && !new_set.empty() &&
        (std::any_of(del_words.begin(), del_words.end(), [](const std::string& w) { return IsConjunction(w); }) ||
         std::any_of(ins_words.begin(), ins_words.end(), [](const std::string& w) { return IsConjunction(w); }))) {
      material = true;
      AddReason("scope changed in a sentence with \"" + *new_set.begin() + "\": " + Arrow(h), change);
    }
    // A whole paragraph or list item added to (removed from) a section about a
    // data practice or an obligation: a new item of collected data, a purpose
    // dropped.
    if (!material && !contact_details && del_words.empty() != ins_words.empty()) {
      bool added = del_words.empty();
      std::string_view body = added ? new_body : old_body;
      const std::string& text = added ? h.ins : h.del;
      size_t first = 0;
      while (first < text.size() && !ContainsWord(std::string_view(text).substr(first, 1)) &&
             static_cast<unsigned char>(text[first]) < 0x80) {
        ++first;
      }
      size_t at = (added ? h.new_begin : h.old_begin) + first;
      size_t nl = at == 0 ? std::string_view::npos : body.rfind('\n', at - 1);
      size_t line_begin = nl == std::string_view::npos ? 0 : nl + 1;
      size_t line_end = std::min(body.find('\n', at), body.size());
      std::string_view line = body.substr(line_begin, line_end - line_begin);
      size_t line_words = NormalizedWords(line).size();
      const auto& changed_words = added ? ins_words : del_words;
      bool whole_line = line_words >= kItemWords && changed_words.size() * 5 >= line_words * 4;
      // Not an item that only moved (a reordered list).
      if (whole_line && about_practice(added) &&
          (added ? doc.FoundInOld(line) : doc.FoundInNew(line)) < 0.9) {
        material = true;
        AddReason(std::string(added ? "paragraph or list item added: \"" : "paragraph or list item removed: \"") +
                      Quote(body.substr(line_begin, line_end - line_begin), 100) + "\"",
                  change);
      }
    }
    // A long run of new (or dropped) text, not found elsewhere in the document.
    if (!material) {
      bool long_ins = ins_words.size() >= kRealContentWords && doc.FoundInOld(h.ins) < 0.5;
      bool long_del = del_words.size() >= kRealContentWords && doc.FoundInNew(h.del) < 0.5;
      if (long_ins || long_del) {
        material = true;
        AddReason(std::string(long_ins ? "text added (" : "text removed (") +
                      std::to_string(long_ins ? ins_words.size() : del_words.size()) +
                      " words): \"" + Quote(long_ins ? h.ins : h.del, 100) + "\"",
                  change);
      }
    }
    if (material) {
      // The categories of what the changed sentences are about.
      for (const auto* hits : {&pair.old_hits, &pair.new_hits}) {
        for (const auto& hit : *hits) {
          if (hit.material) AddCategory(hit.category, change);
        }
      }
      Raise(Severity::kMaterial, change);
    } else {
      Raise(Severity::kMinor, change);
      AddReason("wording changed: " + Arrow(h), change);
    }
  }
  old_spans.Flush(change);
  new_spans.Flush(change);
  if (change->severity >= Severity::kMinor && change->categories.empty()) {
    AddCategory("other", change);
  }
}

void ClassifyAddedOrRemoved(bool added, std::string_view heading, std::string_view body,
                            const DocumentContext& doc, SectionChange* change,
                            const std::vector<std::string>* normalized) {
  int words = CountWords(body);
  (added ? change->words_added : change->words_removed) = words;
  std::vector<std::string> own;
  if (normalized == nullptr) own = NormalizedWords(body);
  const std::vector<std::string>& norm = normalized ? *normalized : own;
  std::string what = std::string(added ? "section added" : "section removed") + ": \"" +
                     Quote(heading.empty() ? std::string_view("(untitled)") : heading, 80) +
                     "\" (" + std::to_string(words) + " words)";
  std::vector<LexiconHit> hits = FindLexiconTerms(norm);
  for (const auto& h : hits) AddCategory(h.category, change);
  bool has_material_term =
      std::any_of(hits.begin(), hits.end(), [](const LexiconHit& h) { return h.material; });
  double found = added ? doc.FoundInOld(body) : doc.FoundInNew(body);
  if (norm.empty()) {
    change->severity = Severity::kCosmetic;
    change->reasons.push_back(what + ", no text");
  } else if (norm.size() >= 6 && found >= 0.8 &&
             (1.0 - found) * static_cast<double>(norm.size() - 2) < 15.0) {
    change->severity = Severity::kMinor;
    change->reasons.push_back(what + "; its text was " +
                              (added ? "already in the document elsewhere" : "kept elsewhere"));
  } else if (LooksLikeUpdateNotice(norm) && words < 80) {
    change->severity = Severity::kMinor;
    AddCategory("policy-change", change);
    change->reasons.push_back(what + "; an update notice");
  } else if (words >= kRealContentWords || has_material_term) {
    change->severity = Severity::kMaterial;
    change->reasons.push_back(what);
  } else {
    change->severity = Severity::kMinor;
    change->reasons.push_back(what + "; little text, no data practice or obligation");
  }
  if (change->categories.empty()) AddCategory("other", change);
}

void ClassifyHeadingChange(std::string_view old_heading, std::string_view new_heading,
                           SectionChange* change) {
  if (old_heading == new_heading) return;
  std::string arrow = "\"" + Quote(old_heading, 80) + "\" -> \"" + Quote(new_heading, 80) + "\"";
  if (NormalizedWords(old_heading) == NormalizedWords(new_heading)) {
    Raise(Severity::kCosmetic, change);
    AddReason("heading formatting changed: " + arrow, change);
    return;
  }
  NormalizeOptions strip;
  strip.strip_enumerators = true;
  Raise(Severity::kMinor, change);
  if (NormalizedWords(old_heading, strip) == NormalizedWords(new_heading, strip)) {
    AddReason("heading renumbered: " + arrow, change);
  } else {
    AddReason("heading renamed: " + arrow, change);
  }
  if (change->categories.empty()) AddCategory("other", change);
}

}  // namespace pw::diff
