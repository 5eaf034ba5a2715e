// Running headers, footers and page numbers of a PDF. Internal to extract/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/internal/pdf_layout.h"

namespace pw::extract::pdf {

// A bare page number: "3", "Page 3", "Page 3 of 10", "3 of 10", "3/10",
// "3 / 10", "- 3 -", "– 3 –", "[3]" (any case, spaces trimmed).
bool IsPageNumber(std::string_view text);

// The text of a line with each run of digits replaced by '#' and spaces
// collapsed, lower case: "Page 3 of 10" -> "page # of #".
std::string RunningKey(std::string_view text);

// Removes, from every page, the lines in its top or bottom band (the top and
// bottom 12% of the page) that are a bare page number, or whose RunningKey
// occurs in that band on at least half of the pages (and at least two).
// Documents of one page keep everything but bare page numbers.
void DropRunningLines(std::vector<Page>* pages);

}  // namespace pw::extract::pdf
