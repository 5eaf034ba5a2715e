// fuzz_pdf: arbitrary bytes (given the %PDF- signature when they lack it) read
// as a PDF. Checked: ExtractPdf either fails with a message or gives valid
// UTF-8 text, sets info.pdf, and a PDF without text yields an empty document.
#include <string>

#include "extract/extract.h"
#include "fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.find("%PDF-") == std::string::npos) bytes.insert(0, "%PDF-1.4\n");
  pw::extract::Document doc;
  pw::extract::ExtractInfo info;
  pw::Status s = pw::extract::ExtractPdf(bytes, pw::extract::Options(), &doc, &info);
  pw::fuzz::Check(info.pdf, "ExtractPdf did not set info.pdf");
  if (!s.ok()) {
    pw::fuzz::Check(!s.message().empty(), "ExtractPdf failed without a message");
    return 0;
  }
  pw::fuzz::Check(pw::fuzz::DocumentIsUtf8(doc), "extracted PDF text is not valid UTF-8");
  if (info.pdf_without_text) pw::fuzz::Check(doc.sections.empty(), "a PDF without text gave text");
  return 0;
}
