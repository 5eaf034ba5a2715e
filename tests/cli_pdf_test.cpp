// `policywatch extract` and `diff --files` on PDF files: the raw bytes reach
// the PDF extractor (by the .pdf name or the %PDF- signature), not a
// charset-converted body. PDFs are written by the test writer.
#include <catch2/catch.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "extract/test_pdf_writer.h"
#include "tests/support/run_binary.h"
#include "tests/support/temp_dir.h"

namespace {

using pw::extract::testing::AddLines;
using pw::extract::testing::PdfPageSpec;

// A one-page policy whose retention sentence names `days`.
std::string PolicyPdf(const std::string& days) {
  PdfPageSpec page;
  page.texts.push_back({72, 720, 18, true, "Data Policy"});
  page.texts.push_back({72, 690, 13, true, "Retention"});
  AddLines(&page, 72, 670, 10, 12, false,
           {"We keep your records for " + days + " days after you close your account, then",
            "we delete them \xE9verywhere."});  // WinAnsi e-acute: not UTF-8 in the file
  return pw::extract::testing::WritePdf({page});
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

}  // namespace

TEST_CASE("extract and diff --files read PDF files", "[cli][pdf]") {
  pw::testing::TempDir dir;
  const std::string old_pdf = dir.path() + "/old.pdf";
  const std::string new_pdf = dir.path() + "/new-no-extension";
  WriteFile(old_pdf, PolicyPdf("30"));
  WriteFile(new_pdf, PolicyPdf("90"));

  pw::testing::Outcome o = pw::testing::RunBinary({"extract", old_pdf});
  INFO("stderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out ==
        "# Data Policy\n\n## Retention\n\nWe keep your records for 30 days after you close your "
        "account, then we delete them \xC3\xA9verywhere.\n");

  pw::testing::Outcome d = pw::testing::RunBinary({"diff", "--files", old_pdf, new_pdf});
  INFO("stderr: " << d.err);
  REQUIRE(d.exit_code == 0);
  CHECK(d.out.find("Retention") != std::string::npos);
  CHECK(d.out.find("90") != std::string::npos);

  WriteFile(dir.path() + "/broken.pdf", PolicyPdf("30").substr(0, 40));
  pw::testing::Outcome bad = pw::testing::RunBinary({"extract", dir.path() + "/broken.pdf"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("broken.pdf") != std::string::npos);
  CHECK(bad.err.find("PDF") != std::string::npos);
}
