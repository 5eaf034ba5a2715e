// PDF extraction end to end: PDFs written by the test writer (exact layout),
// read through Poppler, reflowed and sectioned; hostile PDFs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/test_pdf_writer.h"

namespace pw::extract {
namespace {

using testing::AddLines;
using testing::PdfPageSpec;
using testing::WritePdf;

// The running header, footer and page number of page `n` of `of`.
void AddRunning(PdfPageSpec* page, int n, int of) {
  page->texts.push_back({72, 760, 9, false, "Acme Privacy Policy"});
  page->texts.push_back({270, 40, 9, false, "Page " + std::to_string(n) + " of " + std::to_string(of)});
  page->texts.push_back({300, 24, 9, false, std::to_string(n)});
}

// Two pages: a title, numbered bold headings, wrapped paragraphs (one word
// hyphenated, one compound split at its hyphen), bullets, a paragraph running
// over the page break, ligature glyphs.
std::string PolicyPdf() {
  PdfPageSpec p1, p2;
  AddRunning(&p1, 1, 2);
  AddRunning(&p2, 2, 2);
  p1.texts.push_back({72, 700, 18, true, "Privacy Notice"});
  p1.texts.push_back({72, 670, 13, true, "1. Information We Collect"});
  double y = AddLines(&p1, 72, 650, 10, 12, false,
                      {"We collect the information you give us when you create an account, such",
                       "as your name and email address. We also collect some informa-",
                       "tion about how you use the service."});
  y = AddLines(&p1, 72, y - 12, 10, 12, false,
               {"You can change your choices at any time from the settings page, and you can opt-",
                "out of marketing email; we will stop within ten days."});
  y = AddLines(&p1, 72, y - 12, 10, 12, false,
               {"\x95 Account data such as your name", "\x95 Usage data such as the pages you visit"});
  p1.texts.push_back({72, y - 14, 13, true, "2. How We Use Information"});
  AddLines(&p1, 72, 100, 10, 12, false,
           {"We use the information to provide the service, to keep it secure and to make",
            "it better over time. We keep it only for as long as we need it for these"});
  y = AddLines(&p2, 72, 700, 10, 12, false, {"purposes, and then we delete it."});
  p2.texts.push_back({72, y - 14, 13, true, "3. Contact Us"});
  AddLines(&p2, 72, y - 34, 10, 12, false,
           {"You can \x01nd our address on the contact page, and we will \x02ow your",
            "questions to the right team."});
  return WritePdf({p1, p2});
}

Document MustExtract(const std::string& bytes, ExtractInfo* info, const Options& options = {}) {
  Document doc;
  Status s = Extract(bytes, "application/pdf", options, &doc, info);
  INFO(s.message());
  REQUIRE(s.ok());
  return doc;
}

}  // namespace

TEST_CASE("IsPdf: by media type or by the %PDF- signature", "[pdf]") {
  CHECK(IsPdf("application/pdf", ""));
  CHECK(IsPdf("Application/PDF; qs=0.9", ""));
  CHECK(IsPdf("application/x-pdf", ""));
  CHECK(IsPdf("", "%PDF-1.7\n..."));
  CHECK(IsPdf("application/octet-stream", std::string(1000, '\n') + "%PDF-1.4"));
  CHECK_FALSE(IsPdf("", std::string(1030, ' ') + "%PDF-1.4"));
  CHECK_FALSE(IsPdf("text/html", "<html>%PDF</html>"));
  CHECK_FALSE(IsPdf("application/pdfx", "hello"));
}

TEST_CASE("A PDF becomes sections with exact reflowed paragraphs", "[pdf]") {
  ExtractInfo info;
  Document doc = MustExtract(PolicyPdf(), &info);
  CHECK(info.pdf);
  CHECK(info.pdf_pages == 2);
  CHECK_FALSE(info.pdf_without_text);
  CHECK(doc.title == "Privacy Notice");
  const std::string expected =
      "# Privacy Notice\n\n"
      "## 1. Information We Collect\n\n"
      "We collect the information you give us when you create an account, such as your name "
      "and email address. We also collect some information about how you use the service.\n\n"
      "You can change your choices at any time from the settings page, and you can opt-out of "
      "marketing email; we will stop within ten days.\n\n"
      "- Account data such as your name\n\n"
      "- Usage data such as the pages you visit\n\n"
      "## 2. How We Use Information\n\n"
      "We use the information to provide the service, to keep it secure and to make it better "
      "over time. We keep it only for as long as we need it for these purposes, and then we "
      "delete it.\n\n"
      "## 3. Contact Us\n\n"
      "You can find our address on the contact page, and we will flow your questions to the "
      "right team.\n";
  CHECK(ToMarkdown(doc) == expected);
  REQUIRE(doc.sections.size() == 4);
  CHECK(doc.sections[1].path == std::vector<std::string>{"Privacy Notice", "1. Information We Collect"});
  CHECK(doc.sections[1].blocks[2].kind == BlockKind::kListItem);
  CHECK(info.text_bytes > 300);
}

TEST_CASE("Running headers, footers and page numbers are dropped", "[pdf]") {
  ExtractInfo info;
  std::string md = ToMarkdown(MustExtract(PolicyPdf(), &info));
  CHECK(md.find("Acme Privacy Policy") == std::string::npos);
  CHECK(md.find("Page 1") == std::string::npos);
  CHECK(md.find("of 2") == std::string::npos);
}

TEST_CASE("Plain-text heading rules section a PDF in one font", "[pdf]") {
  PdfPageSpec page;
  double y = AddLines(&page, 72, 720, 10, 12, false, {"Terms of Service"});
  y = AddLines(&page, 72, y - 12, 10, 12, false, {"1. Scope"});
  y = AddLines(&page, 72, y - 12, 10, 12, false,
               {"These terms apply to every use of the service by anyone, anywhere, at any",
                "time."});
  y = AddLines(&page, 72, y - 12, 10, 12, false, {"2. Changes"});
  AddLines(&page, 72, y - 12, 10, 12, false, {"We may change these terms after notice to you."});
  ExtractInfo info;
  Document doc = MustExtract(WritePdf({page}), &info);
  CHECK(ToMarkdown(doc) ==
        "# Terms of Service\n\n## 1. Scope\n\nThese terms apply to every use of the service by "
        "anyone, anywhere, at any time.\n\n## 2. Changes\n\nWe may change these terms after "
        "notice to you.\n");
}

TEST_CASE("ignore applies to PDF text", "[pdf]") {
  Options options;
  options.ignore = {"within ten days"};
  ExtractInfo info;
  std::string md = ToMarkdown(MustExtract(PolicyPdf(), &info, options));
  CHECK(md.find("ten days") == std::string::npos);
  CHECK(md.find("we will stop .") != std::string::npos);
  options.ignore = {"("};
  Document doc;
  CHECK_FALSE(ExtractPdf(PolicyPdf(), options, &doc, &info).ok());
}

TEST_CASE("A PDF without a text layer is empty, not an error", "[pdf]") {
  PdfPageSpec page;
  page.rects.push_back({100, 100, 200, 300});
  ExtractInfo info;
  Document doc = MustExtract(WritePdf({page, page, page}), &info);
  CHECK(info.pdf);
  CHECK(info.pdf_without_text);
  CHECK(info.pdf_pages == 3);
  CHECK(doc.sections.empty());
  CHECK(doc.title.empty());
}

TEST_CASE("Hostile PDFs fail with a clear message or read what is there", "[pdf][hostile]") {
  Document doc;
  ExtractInfo info;
  SECTION("truncated to half") {
    std::string bytes = PolicyPdf();
    bytes.resize(bytes.size() / 2);
    Status s = ExtractPdf(bytes, {}, &doc, &info);
    if (!s.ok()) CHECK(s.message().find("truncated") != std::string::npos);
    CHECK(info.pdf);
  }
  SECTION("garbage after the signature") {
    std::string bytes = "%PDF-1.4\n";
    for (int i = 0; i < 2000; ++i) bytes += static_cast<char>((i * 7919) % 251);
    Status s = ExtractPdf(bytes, {}, &doc, &info);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("PDF") != std::string::npos);
  }
  SECTION("an encrypted PDF whose password we do not have") {
    std::string encrypt =
        "/Filter /Standard /V 1 /R 2 /P -4 "
        "/O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> "
        "/U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100>";
    Status s = ExtractPdf(WritePdf({PdfPageSpec{}}, encrypt), {}, &doc, &info);
    CHECK_FALSE(s.ok());
    CHECK(s.message().find("encrypted") != std::string::npos);
    CHECK(s.message().find("password") != std::string::npos);
  }
  SECTION("empty and signature-only bodies") {
    CHECK_FALSE(ExtractPdf("", {}, &doc, &info).ok());
    CHECK_FALSE(ExtractPdf("%PDF-", {}, &doc, &info).ok());
  }
}

TEST_CASE("Extract dispatches PDFs by type or signature, never as text", "[pdf]") {
  ExtractInfo info;
  Document doc;
  REQUIRE(Extract(PolicyPdf(), "", {}, &doc, &info).ok());
  CHECK(info.pdf);
  CHECK(doc.title == "Privacy Notice");
  REQUIRE(Extract(PolicyPdf(), "application/octet-stream", {}, &doc, &info).ok());
  CHECK(info.pdf);
  CHECK_FALSE(Extract("plain words", "application/pdf", {}, &doc, &info).ok());
  REQUIRE(Extract("plain words", "text/plain", {}, &doc, &info).ok());
  CHECK_FALSE(info.pdf);
}

}  // namespace pw::extract
