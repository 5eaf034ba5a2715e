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
// `- `, `* `, `+ `, `1.`, `1)` list items -> kListItem (a bullet dropped, a
// number kept in the text: "1. x"; nesting
// flattened); `|` rows -> kTableRow with cells joined by " | " (the `|---|`
// separator row is skipped); ``` / ~~~ fences -> kPreformatted; `>` quote
// markers are dropped; thematic breaks are dropped; a paragraph is consecutive
// non-blank lines joined with a space. Inline syntax is stripped: `[text](url)`
// -> text, `![alt](src)` -> alt, `**x**`, `__x__`, `*x*`, `_x_` -> x, `code` ->
// code, backslash escapes of ASCII punctuation -> the punctuation.
//
// Plain mode (no Markdown headings): each line is a block (if the text looks
// hard-wrapped — blank-line separated groups of lines under ~100 chars — a
// group is joined into one paragraph). Headings are recognised whether they
// stand on their own line between blank lines, on bare lines between text, or
// (in hard-wrapped text, Title Case only) on the line just above their
// paragraph:
//  - numbered lines with a short title: `1. Scope`, `2.3 Retention`, `IV. Law`,
//    `Article 5 - Liability`, `Section 3: Terms`, `§ 4 Remedies`, `Article 7`;
//    the number stays in the heading text; level = 1 + depth of the number
//    (+1 for Arabic numbers when Roman/Article/Section/§ numbering is used).
//    A numbered line that is not Title Case must be <= 8 words and lead into
//    longer text, so "1. We collect your name when you register..." stays a
//    list item. A run of short numbered lines in sequence (1., 2., 3. with no
//    body between, e.g. a list or a table of contents) stays a list;
//  - short title-like lines (< 80 chars, no terminal '.', ';' or ',', Title Case,
//    ALL CAPS or a question, optional trailing ':') followed by body text;
//    level 2. One of a run of such short lines is not a heading.
// The first non-blank line (after an optional bare URL line) is the title (a
// level-1 heading) when it is title-like.
// Fixed point: ToMarkdown writes ATX headings, so for documents with headings
// ToMarkdown(ParseText(ToMarkdown(d))) == ToMarkdown(d). A heading-less
// document's Markdown is one-line blocks between blank lines, which is also
// how many plain-text policies look. In that layout headings are kept only
// when there are at least two (title included) or one reads `1. Scope`
// (ToMarkdown escapes such a paragraph as `1\. Scope`), so one short Title
// Case paragraph stays text. Two or more heading-like paragraphs are read as
// headings: such a heading-less document is then not a fixed point (stored
// versions are reloaded from JSON, not re-parsed, so storage is unaffected).
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
