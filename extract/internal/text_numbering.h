// Numbered plain-text lines: the number that opens a numbered heading or list
// line, and whether the line is shaped like a numbered heading. Internal to
// extract/ (plain-text headings of ParseText).
#pragma once

#include <cstddef>
#include <string_view>

namespace pw::extract::textparse {

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

// The title after the number of a numbered line, minus a separating '-', ':'
// or dash; empty if there is none or it is no heading title (too long, a
// sentence ending in '.', ';' or ',', or starting lowercase).
std::string_view NumberedTitle(std::string_view t, const Numbering& n);

// A numbered line shaped like a heading: sets *numbering to the number that
// opens `t` (depth 0 if none) and returns its numbering depth (>= 1) when the
// number is followed by a heading title (NumberedTitle), or stands alone and
// may ("Article 5"); else 0. Whether it is a heading also depends on its
// neighbours (PlanPlainHeadings).
int NumberedHeading(std::string_view t, Numbering* numbering);

}  // namespace pw::extract::textparse
