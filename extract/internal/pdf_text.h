// Text-level rules of PDF reflow: ligatures, list markers, and joining the
// lines of a paragraph (hyphenation). Internal to extract/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>

namespace pw::extract::pdf {

// `text` with the Latin ligatures U+FB00..U+FB06 spelled out: ff fi fl ffi
// ffl st st (NFC, applied later by NormalizeText, keeps them otherwise).
std::string ExpandLigatures(std::string_view text);

// True if `t` starts with a lowercase letter (Unicode category Ll).
bool StartsLowercase(std::string_view t);

// True if `t` ends a sentence or clause: its last character, past closing
// quotes and brackets, is '.', '!', '?', ':' or ';'.
bool EndsSentence(std::string_view t);

// The length of the list marker opening `t` with the spaces after it, or 0:
// a bullet ("•", "◦", "▪", "‣", "●", "○", "■", "□", "–") or "-", "*", "+"
// followed by a space; "1." / "1)" (up to three digits), "a)" / "(a)" / "(1)"
// / "(iv)" followed by a space.
size_t ListMarkerLength(std::string_view t);

// What the whole document says about hyphenated words: the compounds written
// with a hyphen inside a line ("opt-out") and every word as written. Keys are
// lower case ASCII-folded words of letters and hyphens.
class HyphenEvidence {
 public:
  // Records the words of one line (its last word, when it ends in '-', is
  // not evidence of a compound: it may be a hyphenated fragment).
  void AddLine(std::string_view line);
  bool HasCompound(const std::string& word) const { return compounds_.count(word) > 0; }
  bool HasWord(const std::string& word) const { return words_.count(word) > 0; }

 private:
  std::unordered_set<std::string> compounds_;
  std::unordered_set<std::string> words_;
};

// Appends the next line of a paragraph to *text. The hyphen rule:
//  - *text ends with a lowercase letter + '-' and `line` starts with a
//    lowercase letter: the hyphen is a line-end hyphenation and is dropped
//    ("informa-" + "tion" -> "information"), unless the fragment before it
//    is one that takes a hyphen ("opt", "self", "third", "cross", "well", a
//    single letter as in "e-mail"), or the document writes the compound with
//    a hyphen elsewhere ("opt-out" inside a line) and never as one word;
//    then the hyphen stays and no space is added ("opt-" + "out" -> "opt-out");
//  - *text ends with a soft hyphen (U+00AD): dropped, joined without a space;
//  - any other '-' or U+2010 right after a non-space ("COVID-" + "19",
//    "Jean-" + "Luc"): kept, joined without a space;
//  - otherwise the lines are joined with one space.
// Limits: without a dictionary, a real compound split at its hyphen whose
// first part is not in the list and that the document never writes whole
// ("non-" + "essential") loses its hyphen; a lowercase fragment ending a
// line with a dash used as punctuation ("word-" + "and") is joined.
void AppendLine(std::string* text, std::string_view line, const HyphenEvidence& evidence);

}  // namespace pw::extract::pdf
