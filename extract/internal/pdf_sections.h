// The paragraphs of a PDF into a sectioned Document. Internal to extract/.
#pragma once

#include <vector>

#include "extract/document.h"
#include "extract/internal/pdf_layout.h"

namespace pw::extract::pdf {

// Builds the Document from reflowed paragraphs (texts are normalised here).
// Headings come from two sources:
//  - the plain-text heading rules of ParseText (PlanPlainHeadings, text.h),
//    run over the paragraphs as one-line blocks between blank lines: the
//    title, numbered headings, short title-like lines before body text;
//  - the fonts: a "styled" paragraph is one of at most two lines and 150
//    bytes, not ending in ',' or ';', whose font is at least 15% larger than
//    the body's (the size and weight carrying most characters) or bold when
//    the body is not. Styled levels rank the styles used by headings, larger
//    first and bold before regular at a size: the first is level 1.
// When the document has styled paragraphs, the unstyled ones are headings
// only when numbered ("2.1 Retention") or the title, taking the plain rules'
// level; otherwise the plain rules alone decide.
// Other paragraphs opening with a list marker (ListMarkerLength) are list
// items (a bullet dropped, an enumerator such as "3." or "(b)" kept in the
// text); the rest are paragraphs.
Document BuildDocument(const std::vector<Paragraph>& paragraphs);

}  // namespace pw::extract::pdf
