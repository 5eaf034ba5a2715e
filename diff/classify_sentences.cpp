// The sentence pair around a hunk (modals, quantities, lexicon terms).
#include <algorithm>
#include <map>

#include "diff/internal/classify_rules.h"
#include "diff/internal/normalized_words.h"

namespace pw::diff {
namespace {

bool IsDigitWord(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsNumberWord(std::string_view w) {
  static const std::vector<std::string_view> kSpelled = {
      "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "fifteen", "twenty", "thirty", "sixty", "ninety", "hundred",
      "un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "dix", "douze",
      "trente", "ein", "eine", "zwei", "drei", "vier", "fünf", "sechs", "zehn", "zwölf",
      "dreißig"};
  if (IsDigitWord(w)) return true;
  return std::find(kSpelled.begin(), kSpelled.end(), w) != kSpelled.end();
}

// The lexicon terms whose count differs between the two sentences.
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

bool Same(std::string_view a, std::string_view b) {
  return a.data() == b.data() && a.size() == b.size();
}

std::set<std::string> Modals(const std::vector<std::string>& words) {
  std::set<std::string> out;
  for (const auto& w : words) {
    if (IsNegationOrModal(w)) out.insert(w);
  }
  return out;
}

}  // namespace

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

void SentencePair::Load(std::string_view old_s, std::string_view new_s) {
  bool old_same = loaded && Same(old_s, old_sentence);
  bool new_same = loaded && Same(new_s, new_sentence);
  if (old_same && new_same) return;
  if (!old_same) {
    old_sentence = old_s;
    old_words = NormalizedWords(WithoutLinks(old_s));
    old_modals = Modals(old_words);
    old_quantities = Quantities(old_words);
    old_hits = FindLexiconTerms(old_words);
  }
  if (!new_same) {
    new_sentence = new_s;
    new_words = NormalizedWords(WithoutLinks(new_s));
    new_modals = Modals(new_words);
    new_quantities = Quantities(new_words);
    new_hits = FindLexiconTerms(new_words);
  }
  changed_terms = ChangedTerms(old_words, old_hits, new_words, new_hits);
  loaded = true;
}

}  // namespace pw::diff
