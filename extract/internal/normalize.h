// Text normalisation: the one place that decides when two texts are "the same".
// Every extractor (HTML, Markdown, plain text) passes its text through here, so
// that a policy whose words did not change yields the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace pw::extract {

// Returns `utf8` as normalised single-line text:
//  - invalid UTF-8 (bad bytes, overlongs, surrogates, > U+10FFFF) -> U+FFFD;
//  - every Unicode whitespace (incl. U+00A0, U+2007, U+202F, U+2028, U+2029,
//    tabs and newlines) -> ' ';
//  - zero-width and invisible format characters removed (U+200B..U+200F,
//    U+2060, U+FEFF, soft hyphen U+00AD, bidi embeddings), and C0/C1 controls;
//  - Unicode NFC;
//  - runs of spaces collapsed to one, leading/trailing spaces trimmed.
// Never fails; idempotent. Pure ASCII input takes a fast path.
std::string NormalizeText(std::string_view utf8);

// Like NormalizeText but for preformatted text: keeps line breaks and leading
// indentation; tabs, other whitespace and CR become spaces / are dropped,
// trailing spaces of each line and leading/trailing blank lines are removed.
std::string NormalizePreformatted(std::string_view utf8);

// Decodes HTML character references in plain text: named ones (the common set:
// amp, lt, gt, quot, apos, nbsp, the Latin-1 range, typographic quotes, dashes,
// ellipsis, ...; a ';' is required) and numeric ones (&#169; &#xA9;). Unknown or
// malformed references are left as they are; numeric references to 0,
// surrogates or beyond U+10FFFF become U+FFFD; 0x80..0x9F map as Windows-1252
// (as browsers do). Does not normalise otherwise.
std::string DecodeEntities(std::string_view text);

// Decodes the one character reference starting at text[pos] == '&' (same rules
// as DecodeEntities). On success appends the character to *out, sets *next to
// the index just past the reference and returns true; otherwise returns false.
bool DecodeEntityAt(std::string_view text, size_t pos, std::string* out, size_t* next);

// Appends the UTF-8 encoding of `cp` (must be a valid scalar value) to `out`.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace pw::extract
