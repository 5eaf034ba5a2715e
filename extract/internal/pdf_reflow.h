// Reflow: the lines of a PDF's pages into paragraphs. Internal to extract/.
#pragma once

#include <vector>

#include "extract/internal/pdf_layout.h"

namespace pw::extract::pdf {

// The lines of all pages (running lines already dropped), in order, grouped
// into paragraphs whose text is the lines' text (ligatures expanded) joined by
// AppendLine (pdf_text.h). A line starts a new paragraph when:
//  - its font differs from the line before (size by more than 10%, or bold
//    against regular);
//  - it opens with a list marker (ListMarkerLength) and is a bullet, or the
//    line before ends with '.', ':', ';', '!' or '?' or was itself a list item;
//  - on the same page and column: the baseline gap is over 1.3 times the
//    paragraph's own line spacing (between its first two lines), or, for its
//    second line, the document's usual spacing for that font size (a low
//    percentile of the ratio of baseline gap to font size between lines of
//    one style, 1.2 if unknown);
//    or it is indented more than 0.8 em past where the paragraph's lines
//    start (its second line's left, else its first line's text after a list
//    marker); or the line before stopped short: the next line's first word
//    (its width estimated from its share of the line's bytes) plus 1 em
//    would have fitted after it, short of where the next line ends, so it
//    was not wrapped;
//  - across a page or column break (the line is higher up than the one
//    before): the line before ends a sentence ('.', '!', '?', ':') and this
//    one does not start with a lowercase letter.
// A paragraph continued across a page break is thus one paragraph.
std::vector<Paragraph> Reflow(const std::vector<Page>& pages);

}  // namespace pw::extract::pdf
