// Reading a PDF through Poppler into positioned lines. Internal to extract/.
#pragma once

#include <string_view>
#include <vector>

#include "extract/internal/pdf_layout.h"
#include "util/status.h"

namespace pw::extract::pdf {

// Groups Poppler's words (in its reading order) into lines: a word starts a
// new line when its vertical middle lies outside the previous word's box or
// it lies left of the previous word (a new line or column). Words are joined
// with one space when Poppler saw a space or the gap is over 0.15 em.
std::vector<Line> GroupLines(const std::vector<Word>& words);

// True if a font name reads bold: contains "bold", "black", "heavy" or
// "semibold" (any case), after a subset prefix such as "ABCDEF+".
bool BoldFontName(std::string_view name);

// Loads `bytes` with Poppler (from memory; Poppler's error messages are kept
// from stderr) and reads every page's lines into *pages (one entry a page,
// empty pages included). Fails, saying why, when Poppler cannot open the
// document: encrypted with a password, truncated (no %%EOF at its end) or
// damaged / not a PDF (with Poppler's first error message).
Status ReadPages(std::string_view bytes, std::vector<Page>* pages);

}  // namespace pw::extract::pdf
