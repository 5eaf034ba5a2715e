// The positioned text of a PDF as ExtractPdf reads it: words, lines, pages and
// the paragraphs reflowed from them. Internal to extract/.
//
// Coordinates are Poppler's: points, origin at the top-left of the page, y
// growing downwards.
#pragma once

#include <string>
#include <vector>

namespace pw::extract::pdf {

// One text box of Poppler (roughly a word).
struct Word {
  std::string text;  // UTF-8
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;          // font size in points
  bool bold = false;        // the font name says Bold, Black, Heavy or Semibold
  bool space_after = false;  // Poppler saw a space after this word
};

// Words on one baseline, in reading order.
struct Line {
  std::string text;  // the words, separated by one space where Poppler saw one
  double left = 0, top = 0, right = 0, bottom = 0;
  double size = 0;    // the font size carrying most of the line's characters
  bool bold = false;  // most of the line's characters are bold
  // Left of the second word when the first is a list marker ("•", "1."),
  // else `left`: where the wrapped lines of a list item start.
  double text_left = 0;
};

struct Page {
  double width = 0, height = 0;
  std::vector<Line> lines;  // in Poppler's reading order
};

// A paragraph (or heading, or list item) after reflow, text not yet
// normalised beyond ligature expansion and line joining.
struct Paragraph {
  std::string text;
  double size = 0;  // of its first line
  bool bold = false;
  int lines = 0;
};

}  // namespace pw::extract::pdf
