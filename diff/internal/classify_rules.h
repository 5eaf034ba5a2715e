// What the pieces of the severity classifier share (internal to classify*.cpp):
// hunks of a word diff, the sentence pair around a hunk, the section being
// judged, and the hunk rules. classify.cpp walks the hunks and applies, in order,
// the benign rules (kBenignRules in classify_benign.cpp), then the material ones
// (kMaterialRules in classify.cpp, defined in classify_meaning.cpp,
// classify_parties.cpp, classify_extent.cpp).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diff/internal/classify.h"
#include "diff/internal/lexicon.h"
#include "diff/internal/links.h"

namespace pw::diff {

constexpr size_t kMaxReasons = 8;
constexpr int kRealContentWords = 20;  // an added/removed section this long is material

// ---- Hunks and quoting (classify_hunks.cpp) ----

// One changed region: byte ranges [old_begin, old_end) / [new_begin, new_end) in
// the two texts, the deleted and inserted text.
struct Hunk {
  size_t old_begin, old_end, new_begin, new_end;
  std::string del, ins;
  std::string before, after;  // one word of equal text on each side, for quotes
};

// NormalizedWords() of a hunk's deleted and inserted text.
struct HunkWords {
  std::vector<std::string> del, ins;
};

// Splits the diff into hunks; equal runs without any word (a space, a comma) do
// not separate hunks.
std::vector<Hunk> FindHunks(const std::vector<Segment>& diff);

// The sentence(s) of `text` around [begin, end): from the previous sentence end
// to the next one, at most ~400 bytes either side.
std::string_view Sentence(std::string_view text, size_t begin, size_t end);

// Whether text[k] ends a sentence (abbreviations, initials and glued full
// stops are judged the same way in every text).
bool EndsSentence(std::string_view text, size_t k);

// The old and new sentence(s) around a hunk, each from Sentence(), then made
// to start (end) at the same place in the text the two sides share before
// (after) the hunk: an unchanged sentence is never paired with another one.
std::pair<std::string_view, std::string_view> SentencesAround(const Hunk& h, std::string_view old_text,
                                                              std::string_view new_text);

// `"old words" -> "new words"` of a hunk, with a word of context either side.
std::string Arrow(const Hunk& h);

// Adds `reason` once; past kMaxReasons, one "(further changes not listed)".
void AddReason(std::string reason, SectionChange* change);

// Raises change->severity to `s` (never lowers it).
void Raise(Severity s, SectionChange* change);

// ---- The sentences around a hunk (classify_sentences.cpp) ----

// Quantities in normalised words: a number with a unit after it ("30 days",
// "3 ans"), or after a limit cue ("at least 15", "under 13"). Phone numbers,
// addresses and other runs of several numbers are not quantities.
std::multiset<std::string> Quantities(const std::vector<std::string>& words);

// A lexicon term whose count differs between the old and new sentence.
struct TermChange {
  LexiconHit hit;
  bool added;  // appears more often in the new sentence
  std::string quote;
};

// What the checks need about the old and new sentence around a hunk. Consecutive
// hunks often fall in the same sentences: Load() recomputes only when they differ.
struct SentencePair {
  std::string_view old_sentence, new_sentence;
  bool loaded = false;
  std::vector<std::string> old_words, new_words;  // normalised, links set aside (links.h)
  std::set<std::string> old_modals, new_modals;
  std::multiset<std::string> old_quantities, new_quantities;
  std::vector<LexiconHit> old_hits, new_hits;
  std::vector<TermChange> changed_terms;

  void Load(std::string_view old_s, std::string_view new_s);
};

// ---- The section being judged ----

// The two bodies of a modified section, their normalised words and the documents.
class SectionView {
 public:
  SectionView(std::string_view old_body, std::string_view new_body,
              const std::vector<std::string>& old_norm, const std::vector<std::string>& new_norm,
              const DocumentContext& doc)
      : old_body(old_body), new_body(new_body), old_norm(old_norm), new_norm(new_norm), doc(doc) {}

  // Whether the new (old) section is about a data practice or an obligation: it
  // has a material lexicon term. Computed on first use.
  bool AboutPractice(bool in_new) const;
  // Whether the new (old) section names recipients, choices or tracking: a
  // partner, opt-out or cookie list. Computed on first use.
  bool AboutPartnersOrChoices(bool in_new) const;
  // The link spans (links.h) of the new (old) body. Computed on first use.
  const std::vector<LinkSpan>& Links(bool in_new) const;

  std::string_view old_body, new_body;
  const std::vector<std::string>& old_norm;
  const std::vector<std::string>& new_norm;
  const DocumentContext& doc;

 private:
  mutable int practice_[2] = {-1, -1};
  mutable int partners_[2] = {-1, -1};
  mutable std::vector<LinkSpan> links_[2];
  mutable bool has_links_[2] = {false, false};
};

// ---- Benign hunks: cosmetic or minor (classify_benign.cpp) ----
// Each rule returns true when it explains the hunk (severity and reason added).

// Before the sentence checks: text moved, an update banner, a URL shown as link
// text, a typo, a date stamp line, a sentence that only points elsewhere.
bool ExplainedAsBenign(const Hunk& h, const HunkWords& w, const DocumentContext& doc,
                       SectionChange* change);

// classify_links.cpp: a hunk inside a link on both sides (a link target or a
// visible URL changed): cosmetic for a target, minor for a visible URL, with a
// `link changed: "old" -> "new"` reason; never material.
bool ExplainedAsLinkChange(const Hunk& h, const SectionView& section, SectionChange* change);

// classify_furniture.cpp: page furniture rather than policy text — link-only
// lines, short UI labels ("Back to top", "Print this page (PDF)"), menus.
// A line (one block) of furniture.
bool LooksLikeFurnitureLine(std::string_view line);
// A section body (blocks joined by '\n') that is only furniture.
bool LooksLikeFurniture(std::string_view heading, std::string_view body);
// A one-sided hunk of whole furniture lines: minor.
bool ExplainedAsFurniture(const Hunk& h, const HunkWords& w, const SectionView& section,
                          SectionChange* change);

// After them: a copyright notice whose years changed.
bool ExplainedAsCopyrightYears(const Hunk& h, const SentencePair& pair, SectionChange* change);

// ---- Material rules: each returns true when it found a material change ----

// classify_meaning.cpp: what the sentence says changed.
// A negation ("not", "never", "pas", "nicht", "dont"...), not a modal.
bool IsNegationWord(const std::string& folded_word);
bool NegationOrModalChanged(const Hunk& h, const SentencePair& pair, SectionChange* change);
bool QuantityChanged(const SentencePair& pair, SectionChange* change);
// Also adds the category of every lexicon term whose count changed.
bool MaterialTermChanged(const Hunk& h, const SentencePair& pair, SectionChange* change);

// classify_parties.cpp: who is named.
bool NamedPartyAdded(const Hunk& h, const SentencePair& pair, SectionChange* change);
bool ContractingEntityChanged(const Hunk& h, const HunkWords& w, SectionChange* change);
bool JurisdictionChanged(const Hunk& h, const SentencePair& pair, SectionChange* change);

// classify_extent.cpp: how much is covered or said.
// An email address or a link in the hunk: contact details, not scope or items.
bool HasContactDetails(const Hunk& h);
bool ScopeChanged(const Hunk& h, const HunkWords& w, const SentencePair& pair, SectionChange* change);
bool ItemAddedOrRemoved(const Hunk& h, const HunkWords& w, const SectionView& section,
                        SectionChange* change);
// A short whole line (a name, a few words) added to or removed from a list in
// a section that names recipients, choices or tracking (a partner, opt-out or
// cookie list); not one that only moved within the section.
bool ShortListItemChanged(const Hunk& h, const HunkWords& w, const SectionView& section,
                          SectionChange* change);
bool LongTextChanged(const Hunk& h, const HunkWords& w, const DocumentContext& doc,
                     SectionChange* change);

}  // namespace pw::diff
