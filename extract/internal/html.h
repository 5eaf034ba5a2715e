// Gumbo tree -> Document: the conversion of already chosen content.
//
//  - headings: h1..h6, role=heading (+ aria-level, default 2), and
//    pseudo-headings: a paragraph of <= 150 characters wholly inside <b>/<strong>
//    not ending in '.', ';' or ',', and short <dt> terms; their level is one
//    below the last real heading (2 when there is none);
//  - blocks: p, div and other block elements (and runs of text between them)
//    -> paragraph; li -> list item, an <ol> item opening with its marker
//    ("3. ", "c) ", "iv. ": internal/html_lists.h) unless its text already
//    starts with an enumerator; tr of a data table -> table row, non-empty
//    cells joined by " | "; pre -> preformatted. A table is a layout table
//    (its cells are read as plain blocks) when it holds another table or a
//    heading, or has no row with two cells;
//  - inline elements join without a space (wo<span>rd</span> -> "word"); a block
//    boundary, a cell boundary or <br> is a word break; <br><br> ends a
//    paragraph; a single <br> keeps the paragraph on one line;
//  - text goes through NormalizeText (NormalizePreformatted for <pre>).
// Non-content elements (script, style, svg, form controls...) give no text,
// nor does a text node that is only markup ("<img src=...>" as text: raw HTML
// of a <noscript>), outside <pre>.
// Iterative: the depth of the tree does not matter.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "extract/internal/boilerplate.h"
#include "extract/document.h"

namespace pw::extract {

// Appends the sections of `roots` (in order; subtrees and text nodes in `removed`
// skipped) to *out. Roots may be text nodes. Each root ends its block of text,
// unless joined[i + 1] says the next continues it (parts of one paragraph).
// Does not set the title.
void ConvertHtml(const std::vector<const GumboNode*>& roots, const NodeSet& removed,
                 Document* out, const std::vector<bool>& joined = {});

// The normalised text of the page's first <title>, or "".
std::string HtmlTitle(const GumboNode* document);

// The first <body> element under `document` (Gumbo always creates one).
const GumboNode* HtmlBody(const GumboNode* document);

}  // namespace pw::extract
