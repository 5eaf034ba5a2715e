// The cosmetic normalisation (SPEC.md, "cosmetic"): two texts whose normalised
// words are equal differ only in whitespace, markup, quotes, letter case,
// punctuation or date stamps.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pw::diff {

// Markdown inline markup removed: links and images keep their text and lose their
// target ("[text](url)" -> "text"), empty anchors "[](#x)" vanish, emphasis and
// code markers, backslash escapes, heading '#' and table '|' are dropped.
std::string StripMarkup(std::string_view text);

// Case-folded (Unicode, NFKC) word of letters and digits.
std::string FoldWord(std::string_view word);

struct NormalizeOptions {
  bool mask_dates = true;          // a date ("March 3, 2024", "2024-03-03",
                                   // "3 mars 2024", "3. März 2024") -> "<date>"
  bool strip_enumerators = false;  // leading "3.", "3a.", "1.2.3" of the text dropped
};

// The words of `text` after StripMarkup, folding and masking: punctuation,
// whitespace and quotes are gone, and so is the list marker that opens each
// line of a text of several lines (a section body of several blocks: "- ",
// "3. ", "12) ", "(b) ", "c) ", "iv. "): "- x", "1. x" and "a) x" are the same
// item, so a list renumbered, or numbered where it had bullets, is formatting.
// A single line (a heading, one block) keeps its number: a renumbered heading
// is minor.
std::vector<std::string> NormalizedWords(std::string_view text,
                                         const NormalizeOptions& options = {});

// True if the word looks like a month name in English, French or German
// (full or abbreviated, tolerant of small misspellings such as "Feburary").
bool IsMonthWord(std::string_view folded_word);

}  // namespace pw::diff
