// Ordered-list numbering of HTML lists (internal/html_lists.h): pages written
// for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/internal/html_lists.h"
#include "extract/text.h"

namespace pw::extract {
namespace {

std::string Md(const std::string& body) {
  Document doc;
  REQUIRE(ExtractHtml("<html><body><main><h1>Terms</h1>" + body + "</main></body></html>",
                      Options(), &doc, nullptr)
              .ok());
  return ToMarkdown(doc);
}

TEST_CASE("lists: ordered items keep their numbers", "[html][lists]") {
  CHECK(Md("<ol><li>Scope</li><li>Fees</li></ol>") == "# Terms\n\n1. Scope\n\n2. Fees\n");
  CHECK(Md("<ul><li>Scope</li><li>Fees</li></ul>") == "# Terms\n\n- Scope\n\n- Fees\n");
  CHECK(Md("<ol type='a'><li>Scope</li><li>Fees</li></ol>") == "# Terms\n\n- a) Scope\n\n- b) Fees\n");
  CHECK(Md("<ol type='A'><li>Scope</li></ol>") == "# Terms\n\n- A) Scope\n");
  CHECK(Md("<ol type='i' start='3'><li>Scope</li><li>Fees</li></ol>") ==
        "# Terms\n\n- iii. Scope\n\n- iv. Fees\n");
  CHECK(Md("<ol type='I'><li>Scope</li></ol>") == "# Terms\n\n- I. Scope\n");
}

TEST_CASE("lists: start, value, reversed and the item's type", "[html][lists]") {
  CHECK(Md("<ol start='7'><li>a</li><li>b</li></ol>") == "# Terms\n\n7. a\n\n8. b\n");
  CHECK(Md("<ol><li>a</li><li value='10'>b</li><li>c</li></ol>") ==
        "# Terms\n\n1. a\n\n10. b\n\n11. c\n");
  CHECK(Md("<ol reversed><li>a</li><li>b</li><li>c</li></ol>") ==
        "# Terms\n\n3. a\n\n2. b\n\n1. c\n");
  CHECK(Md("<ol reversed start='10'><li>a</li><li>b</li></ol>") == "# Terms\n\n10. a\n\n9. b\n");
  CHECK(Md("<ol><li>a</li><li type='a'>b</li><li>c</li></ol>") == "# Terms\n\n1. a\n\n- b) b\n\n3. c\n");
  // Values the type cannot write fall back to decimal; letters go on past z.
  CHECK(Md("<ol type='a' start='0'><li>a</li></ol>") == "# Terms\n\n0. a\n");
  CHECK(Md("<ol type='a' start='27'><li>a</li></ol>") == "# Terms\n\n- aa) a\n");
  CHECK(Md("<ol start='-1'><li>a</li></ol>") == "# Terms\n\n- -1. a\n");
  // Hostile attributes do not crash.
  CHECK(Md("<ol start='99999999999999999999'><li>a</li></ol>").find("a") != std::string::npos);
  CHECK(Md("<ol type='a' start='-99999999999999'><li>a</li></ol>").find("a") != std::string::npos);
  CHECK(FormatListMarker(3999, 'i') == "mmmcmxcix.");
  CHECK(FormatListMarker(4000, 'I') == "4000.");
}

TEST_CASE("lists: nested lists number on their own", "[html][lists]") {
  CHECK(Md("<ol><li>Data<ol type='a'><li>name</li><li>email</li></ol></li><li>Use</li></ol>") ==
        "# Terms\n\n1. Data\n\n- a) name\n\n- b) email\n\n2. Use\n");
  // An item whose text comes after a paragraph break is numbered once.
  CHECK(Md("<ol><li><p>First part.</p><p>Second part.</p></li></ol>") ==
        "# Terms\n\n1. First part.\n\n- Second part.\n");
}

TEST_CASE("lists: a page that numbers its items in the text is not numbered twice",
          "[html][lists]") {
  CHECK(Md("<ol><li>1. Scope</li><li>2. Fees</li></ol>") == "# Terms\n\n1. Scope\n\n2. Fees\n");
  CHECK(Md("<ol><li>(a) Scope</li></ol>") == "# Terms\n\n- (a) Scope\n");
  CHECK(Md("<ol style='list-style: none'><li>Scope</li></ol>") == "# Terms\n\n- Scope\n");
  CHECK(StartsWithEnumerator("iv. x"));
  CHECK(StartsWithEnumerator("2.3 x"));
  CHECK(StartsWithEnumerator("b)"));
  CHECK_FALSE(StartsWithEnumerator("Scope. x"));
  CHECK_FALSE(StartsWithEnumerator("2024 was"));
  CHECK_FALSE(StartsWithEnumerator("1.5million"));
}

TEST_CASE("lists: numbered items survive the canonical text and the sections JSON",
          "[html][lists][roundtrip]") {
  const std::string md = Md("<ol start='2'><li>Scope</li><li>Fees</li></ol><ol type='a'><li>x</li></ol>");
  Document back = ParseText(md);
  REQUIRE(back.sections.size() == 1);
  REQUIRE(back.sections[0].blocks.size() == 3);
  CHECK(back.sections[0].blocks[0].kind == BlockKind::kListItem);
  CHECK(back.sections[0].blocks[0].text == "2. Scope");
  CHECK(back.sections[0].blocks[1].text == "3. Fees");
  CHECK(back.sections[0].blocks[2].text == "a) x");
  CHECK(ToMarkdown(back) == md);
  // Markdown's own ordered lists keep their numbers too; bullets go.
  Document parsed = ParseText("# T\n\n1. one\n2) two\n- three\n");
  REQUIRE(parsed.sections.at(0).blocks.size() == 3);
  CHECK(parsed.sections[0].blocks[0].text == "1. one");
  CHECK(parsed.sections[0].blocks[1].text == "2) two");
  CHECK(parsed.sections[0].blocks[2].text == "three");
}

TEST_CASE("lists: a numbered list in plain text is not taken for numbered headings",
          "[text][plain][lists]") {
  const char* text =
      "Terms of Service\n\n"
      "1. Scope\n\nThese terms apply to the service.\n\n"
      "2. Fees\n\nWe may charge fees for the following:\n\n"
      "1. storage above the free quota;\n2. priority support;\n3. custom domains.\n\n"
      "3. Termination\n\nEither party may end the contract.\n";
  Document doc = ParseText(text);
  std::vector<std::string> headings;
  std::vector<std::string> items;
  for (const Section& s : doc.sections) {
    if (!s.heading.empty()) headings.push_back(s.heading);
    for (const Block& b : s.blocks) {
      if (b.kind == BlockKind::kListItem) items.push_back(b.text);
    }
  }
  CHECK(headings == std::vector<std::string>{"Terms of Service", "1. Scope", "2. Fees", "3. Termination"});
  CHECK(items == std::vector<std::string>{"1. storage above the free quota;", "2. priority support;",
                                          "3. custom domains."});
}

}  // namespace
}  // namespace pw::extract
