// Nesting cap applied before Gumbo parses a page. Gumbo 0.10 has no depth
// limit and becomes quadratic on deep nesting (10,000 nested <div> take ~10 s;
// 100,000 do not finish), so hostile or broken pages are flattened first.
#pragma once

#include <string>
#include <string_view>

namespace pw::extract {

// The default cap: far above real pages (which nest < 100 levels).
inline constexpr int kMaxHtmlNesting = 512;

// Scans `html` with a light tag tokenizer (comments, raw-text elements such as
// <script>, quoted attribute values, void and self-closing tags handled) and
// counts the nesting of elements whose end tag is required. If the depth never
// exceeds `max_depth`, returns false and leaves *out untouched. Otherwise sets
// *out to a copy of `html` in which every start tag that would open a level
// deeper than `max_depth` (and its matching end tag) is removed — the text is
// kept, only the excess structure goes — and returns true.
bool CapNesting(std::string_view html, int max_depth, std::string* out);

}  // namespace pw::extract
