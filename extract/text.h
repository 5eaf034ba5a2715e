// Markdown and plain text -> Document.
#pragma once

#include <string_view>

#include "extract/document.h"

namespace pw::extract {

// Parses Markdown or plain text into sections. Never fails: any bytes give a
// Document (invalid UTF-8 becomes U+FFFD).
//
// Markdown mode (chosen when the text has at least one ATX `#` or setext
// heading): ATX and setext headings (level = number of '#', '=' -> 1, '-' -> 2);
// `- `, `* `, `+ `, `1.`, `1)` list items -> kListItem (marker dropped, nesting
// flattened); `|` rows -> kTableRow with cells joined by " | " (the `|---|`
// separator row is skipped); ``` / ~~~ fences -> kPreformatted; `>` quote
// markers are dropped; thematic breaks are dropped; a paragraph is consecutive
// non-blank lines joined with a space. Inline syntax is stripped: `[text](url)`
// -> text, `![alt](src)` -> alt, `**x**`, `__x__`, `*x*`, `_x_` -> x, `code` ->
// code, backslash escapes of ASCII punctuation -> the punctuation.
//
// Plain mode (no Markdown headings): each line is a block (if the text looks
// hard-wrapped — blank-line separated groups of lines under ~100 chars — a
// group is joined into one paragraph). Headings are recognised as
//  - numbered lines with a short title: `1. Scope`, `2.3 Retention`, `IV. Law`,
//    `Article 5 Liability`, `Section 3: Terms`; level = 1 + depth of the number;
//  - short title-like lines (< 80 chars, no terminal '.', ';' or ',', Title Case,
//    ALL CAPS or a question) followed by body text; level 2.
// The first non-blank line (after an optional bare URL line) is the title when
// it is title-like.
//
// In both modes: the first level-1 heading is Document::title when the text
// starts with it (that heading still opens a level-1 section). Text before
// the first heading is a level-0 section with an empty heading. Section::path
// is the ancestors' headings plus its own. All text goes through NormalizeText.
Document ParseText(std::string_view utf8);

// The inline pass of ParseText on its own: strips link/emphasis/code syntax,
// resolves backslash escapes and character references. No normalisation.
std::string StripInlineMarkdown(std::string_view text);

// True if `line`, at the start of a block, would be read by ParseText as
// markup (heading, list item, fence, thematic break, table row, quote) rather
// than as paragraph text. ToMarkdown uses it to decide what to escape.
bool StartsMarkdownBlock(std::string_view line);

}  // namespace pw::extract
