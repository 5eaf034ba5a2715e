// The lexicon: phrases that tie a text to a privacy-practice category (OPP-115)
// or a terms-of-service category, in English, French and German. Documented in
// diff/README.md. Matching is on NormalizedWords() (case-folded, no punctuation).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pw::diff {

// The category names are config::CategoryNames() (config/categories.h).

struct LexiconHit {
  std::string_view category;
  std::string_view term;  // the lexicon entry, e.g. "sell*" or "third part*"
  bool material = false;  // a change touching it is material
  bool recipient = false; // names a recipient of data ("advertising partners")
  size_t begin = 0;       // word index range [begin, end) in the searched words
  size_t end = 0;
};

// Every lexicon term occurring in `words` (folded words, see NormalizedWords).
// A term is a sequence of words; a word ending in '*' matches any word starting
// with it ("collect*" matches "collected", "collection").
std::vector<LexiconHit> FindLexiconTerms(const std::vector<std::string>& words);
// The same over words[0, count); hit ranges are relative to `words`.
std::vector<LexiconHit> FindLexiconTerms(const std::string* words, size_t count);

// Negations and modals (en/fr/de): "not", "never", "may", "must", "only", "ne",
// "pas", "nicht", "kein", "darf"... Flipping one is material.
bool IsNegationOrModal(std::string_view folded_word);

// Units that make a number a quantity: durations ("days", "ans", "Jahre"), ages,
// money and percentages.
bool IsQuantityUnit(std::string_view folded_word);

// Words announcing a coming or recent update of the document itself ("we're
// updating our terms"): such banners are minor, not a change of practice.
bool LooksLikeUpdateNotice(const std::vector<std::string>& words);

// Words of a sentence that only points to another page or document ("For more
// information, see our Cookie Policy", "Pour plus d'informations, consultez…",
// "Weitere Informationen finden Sie…"): a cue and a target (a page-like noun),
// with no negation. Whether a link is present is for the caller to add.
bool LooksLikeReference(const std::vector<std::string>& words, bool has_link);

}  // namespace pw::diff
