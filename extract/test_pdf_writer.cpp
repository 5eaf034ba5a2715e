// The test PDF writer (test_pdf_writer.h).
#include "extract/test_pdf_writer.h"

#include <cstdio>

namespace pw::extract::testing {
namespace {

std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string Escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string Content(const PdfPageSpec& page) {
  std::string s;
  for (const auto& r : page.rects) {
    s += "0.5 g " + Number(r[0]) + " " + Number(r[1]) + " " + Number(r[2]) + " " + Number(r[3]) +
         " re f\n";
  }
  for (const PdfText& t : page.texts) {
    s += "BT /" + std::string(t.bold ? "F2 " : "F1 ") + Number(t.size) + " Tf " + Number(t.x) + " " +
         Number(t.y) + " Td (" + Escaped(t.text) + ") Tj ET\n";
  }
  return s;
}

class Writer {
 public:
  // Appends object `body` as the next object; returns its number.
  int Add(const std::string& body) {
    offsets_.push_back(out_.size());
    int n = static_cast<int>(offsets_.size());
    out_ += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    return n;
  }
  std::string Finish(int root, const std::string& trailer_extra) {
    size_t xref = out_.size();
    out_ += "xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n";
    for (size_t off : offsets_) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
      out_ += buf;
    }
    out_ += "trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " +
            std::to_string(root) + " 0 R" + trailer_extra + " >>\nstartxref\n" +
            std::to_string(xref) + "\n%%EOF\n";
    return out_;
  }

 private:
  std::string out_ = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets_;
};

}  // namespace

std::string WritePdf(const std::vector<PdfPageSpec>& pages, const std::string& encrypt_dict) {
  Writer w;
  // Objects 1 (catalog) and 2 (page tree) first; pages follow from 5.
  w.Add("<< /Type /Catalog /Pages 2 0 R >>");
  std::string kids;
  for (size_t i = 0; i < pages.size(); ++i) kids += std::to_string(5 + 2 * i) + " 0 R ";
  w.Add("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
  const std::string encoding =
      " /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >>";
  w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica" + encoding + " >>");
  w.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold" + encoding + " >>");
  for (size_t i = 0; i < pages.size(); ++i) {
    const PdfPageSpec& p = pages[i];
    w.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + Number(p.width) + " " + Number(p.height) +
          "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " +
          std::to_string(6 + 2 * i) + " 0 R >>");
    std::string content = Content(p);
    w.Add("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
          "endstream");
  }
  std::string trailer_extra;
  if (!encrypt_dict.empty()) {
    int n = w.Add("<< " + encrypt_dict + " >>");
    trailer_extra = " /Encrypt " + std::to_string(n) + " 0 R /ID [<0123456789abcdef0123456789abcdef>"
                    " <0123456789abcdef0123456789abcdef>]";
  }
  return w.Finish(1, trailer_extra);
}

double AddLines(PdfPageSpec* page, double x, double y, double size, double leading, bool bold,
                const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    page->texts.push_back({x, y, size, bold, line});
    y -= leading;
  }
  return y;
}

}  // namespace pw::extract::testing
