// Plain text: which lines are headings, and their levels. Internal to
// extract/ (the plain mode of ParseText, whose contract in text.h gives the
// rules).
#pragma once

#include <string_view>
#include <vector>

#include "extract/internal/text_layout.h"

namespace pw::extract::textparse {

// One level per line of `lines` (the text's lines, untrimmed; `layout` is
// theirs, from DetectLayout): 1 for the title, 1 + numbering depth for a
// numbered heading (one more for an Arabic number among outline numbering),
// 2 for a short title-like line followed by body text, 0 for any other line
// (fence bodies included). In a canonical layout with fewer than two headings
// and no `1. Scope` heading, every level is 0.
std::vector<int> PlanPlainHeadings(const std::vector<std::string_view>& lines, const Layout& layout);

}  // namespace pw::extract::textparse
