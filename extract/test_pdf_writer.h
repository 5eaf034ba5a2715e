// A small PDF writer for tests and benches: PDF 1.4 pages of text placed at
// exact positions in the standard Type1 fonts Helvetica and Helvetica-Bold,
// and filled rectangles. Not part of pw_extract (library pw_extract_testing).
//
//   PdfPageSpec page;
//   page.texts.push_back({72, 720, 18, true, "Privacy Policy"});
//   std::string bytes = WritePdf({page});
#pragma once

#include <array>
#include <string>
#include <vector>

namespace pw::extract::testing {

// One run of text. (x, y) is its baseline start in PDF coordinates (points
// from the bottom-left). `text` is WinAnsi bytes (ASCII in practice); '\x01'
// and '\x02' draw the glyphs "fi" and "fl" (ligatures, U+FB01 and U+FB02).
struct PdfText {
  double x = 72, y = 720;
  double size = 10;
  bool bold = false;
  std::string text;
};

struct PdfPageSpec {
  double width = 612, height = 792;  // US Letter
  std::vector<PdfText> texts;
  std::vector<std::array<double, 4>> rects;  // x, y, width, height, filled grey
};

// The bytes of a PDF of `pages` with a correct cross-reference table. With
// `encrypt_dict` (the body of a dictionary, e.g. "/Filter /Standard ..."), the
// trailer names it as /Encrypt (and gives an /ID); the content is not
// actually encrypted.
std::string WritePdf(const std::vector<PdfPageSpec>& pages, const std::string& encrypt_dict = "");

// Lays `lines` out top-down from baseline y, one every `leading` points,
// appending them to page->texts; returns the baseline below the last line.
double AddLines(PdfPageSpec* page, double x, double y, double size, double leading, bool bold,
                const std::vector<std::string>& lines);

}  // namespace pw::extract::testing
