// fuzz_text: plain-text / Markdown sectioning (ParseText) of arbitrary bytes.
// Checked: valid UTF-8 out, each section's path ends with its own heading, and
// the documented fixed point: for a document with headings,
// ToMarkdown(ParseText(ToMarkdown(d))) == ToMarkdown(d).
#include <string>

#include "extract/canonical.h"
#include "extract/text.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Check;

void CheckPaths(const pw::extract::Document& doc) {
  for (const pw::extract::Section& s : doc.sections) {
    Check(s.level >= 0 && s.level <= 6, "section level out of 0..6");
    if (s.level == 0) {
      Check(s.heading.empty() && s.path.empty(), "the preamble has a heading or a path");
    } else {
      Check(!s.path.empty() && s.path.back() == s.heading, "path does not end with the heading");
    }
  }
}

bool HasHeadings(const pw::extract::Document& doc) {
  for (const pw::extract::Section& s : doc.sections) {
    if (s.level > 0) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const pw::extract::Document doc = pw::extract::ParseText(text);
  Check(pw::fuzz::DocumentIsUtf8(doc), "ParseText gave invalid UTF-8");
  CheckPaths(doc);
  if (!HasHeadings(doc)) return 0;
  const std::string markdown = pw::extract::ToMarkdown(doc);
  const std::string again = pw::extract::ToMarkdown(pw::extract::ParseText(markdown));
  if (again != markdown) pw::fuzz::Fail("ToMarkdown is not a fixed point", markdown, again);
  return 0;
}
