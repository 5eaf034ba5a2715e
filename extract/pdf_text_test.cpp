// The text rules of PDF reflow on their own: hyphens, ligatures, list markers,
// page numbers and running lines, and reflow over hand-made lines.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/internal/pdf_reflow.h"
#include "extract/internal/pdf_running.h"
#include "extract/internal/pdf_text.h"

namespace pw::extract::pdf {
namespace {

std::string Joined(const std::vector<std::string>& lines, const std::vector<std::string>& all = {}) {
  HyphenEvidence evidence;
  for (const std::string& l : all) evidence.AddLine(l);
  for (const std::string& l : lines) evidence.AddLine(l);
  std::string text;
  for (const std::string& l : lines) AppendLine(&text, l, evidence);
  return text;
}

// A line of body text at baseline `y` (10 pt, 12 pt leading).
Line BodyLine(const std::string& text, double y, double left = 72, double right = 500) {
  Line l;
  l.text = text;
  l.left = l.text_left = left;
  l.right = right;
  l.top = y - 9;
  l.bottom = y + 2;
  l.size = 10;
  return l;
}

}  // namespace

TEST_CASE("Line joining: hyphenation dropped, real hyphens kept", "[pdf][reflow]") {
  CHECK(Joined({"we collect informa-", "tion about you"}) == "we collect information about you");
  CHECK(Joined({"you can opt-", "out at any time"}) == "you can opt-out at any time");
  CHECK(Joined({"send an e-", "mail"}) == "send an e-mail");
  CHECK(Joined({"our self-", "service tools"}) == "our self-service tools");
  // The document writes the compound with a hyphen elsewhere, never whole.
  CHECK(Joined({"non-", "essential cookies"}, {"only non-essential ones"}) ==
        "non-essential cookies");
  CHECK(Joined({"non-", "essential cookies"}) == "nonessential cookies");  // a known limit
  CHECK(Joined({"COVID-", "19 rules"}) == "COVID-19 rules");
  CHECK(Joined({"Jean-", "Luc said"}) == "Jean-Luc said");
  CHECK(Joined({"this -", "and that"}) == "this - and that");
  CHECK(Joined({"soft\u00AD", "ware"}) == "software");
  CHECK(Joined({"caf\u00E9-", "bar"}) == "caf\u00E9bar");
  CHECK(Joined({"one", "two"}) == "one two");
}

TEST_CASE("Ligatures are spelled out", "[pdf][reflow]") {
  CHECK(ExpandLigatures("\uFB01nd \uFB02ow e\uFB00ect o\uFB03ce ba\uFB04e \uFB05op \uFB06op") ==
        "find flow effect office baffle stop stop");
  CHECK(ExpandLigatures("plain \xEF\xAC") == "plain \xEF\xAC");  // truncated: left alone
  // Through reflow: lines as Poppler would give them.
  Page page;
  page.height = 792;
  page.lines = {BodyLine("the con\uFB01guration \uFB02ows", 100)};
  std::vector<Paragraph> paragraphs = Reflow({page});
  REQUIRE(paragraphs.size() == 1);
  CHECK(paragraphs[0].text == "the configuration flows");
}

TEST_CASE("List markers", "[pdf][reflow]") {
  CHECK(ListMarkerLength("\u2022 item") == 4);
  CHECK(ListMarkerLength("- item") == 2);
  CHECK(ListMarkerLength("1. item") == 3);
  CHECK(ListMarkerLength("12) item") == 4);
  CHECK(ListMarkerLength("a) item") == 3);
  CHECK(ListMarkerLength("(iv) item") == 5);
  CHECK(ListMarkerLength("(1) item") == 4);
  CHECK(ListMarkerLength("1.2 Scope") == 0);
  CHECK(ListMarkerLength("ab) x") == 0);
  CHECK(ListMarkerLength("-item") == 0);
  CHECK(ListMarkerLength("2024. x") == 0);
}

TEST_CASE("Page numbers and running keys", "[pdf][running]") {
  for (const char* s : {"3", "Page 3", "page 3 of 10", "3 of 10", "3/10", "3 / 10", "- 3 -",
                        "\u2013 3 \u2013", "[3]", " 12 "}) {
    INFO(s);
    CHECK(IsPageNumber(s));
  }
  for (const char* s : {"", "Page", "3 apples", "Section 3", "2024-01-01", "123456"}) {
    INFO(s);
    CHECK_FALSE(IsPageNumber(s));
  }
  CHECK(RunningKey("Page 3  of 10") == "page # of #");
}

TEST_CASE("Running lines repeat in the page bands, body lines stay", "[pdf][running]") {
  std::vector<Page> pages(4);
  for (int i = 0; i < 4; ++i) {
    pages[i].height = 792;
    pages[i].lines = {BodyLine("Acme Policy - version " + std::to_string(i + 1), 30),
                      BodyLine("Body text " + std::to_string(i), 300),
                      BodyLine("Acme Policy - version 1", 400),  // repeated, but mid-page
                      BodyLine(std::string("Draft ") + static_cast<char>('a' + i), 770)};
  }
  DropRunningLines(&pages);
  for (const Page& p : pages) {
    REQUIRE(p.lines.size() == 3);
    CHECK(p.lines[0].text.starts_with("Body text"));
    CHECK(p.lines[1].text == "Acme Policy - version 1");
    CHECK(p.lines[2].text.starts_with("Draft "));  // different on each page
  }
  std::vector<Page> one(1);
  one[0].height = 792;
  one[0].lines = {BodyLine("Acme Policy", 30), BodyLine("7", 780)};
  DropRunningLines(&one);
  REQUIRE(one[0].lines.size() == 1);
  CHECK(one[0].lines[0].text == "Acme Policy");
}

TEST_CASE("Reflow breaks paragraphs on gaps, indents, short lines and fonts", "[pdf][reflow]") {
  Page page;
  page.height = 792;
  Line heading = BodyLine("Heading", 88, 72, 140);
  heading.size = 14;
  heading.bold = true;
  page.lines = {heading,
                BodyLine("first paragraph line one", 100),
                BodyLine("and line two ends here.", 112, 72, 300),
                BodyLine("After a short line, a new paragraph starts right away", 124),
                BodyLine("without a gap.", 136, 72, 150),
                BodyLine("Indented start of a third paragraph", 148, 100),
                BodyLine("that wraps at the margin.", 160, 72, 250),
                BodyLine("A gap before this one.", 190, 72, 250)};
  std::vector<Paragraph> paragraphs = Reflow({page});
  REQUIRE(paragraphs.size() == 5);
  CHECK(paragraphs[0].text == "Heading");
  CHECK(paragraphs[0].bold);
  CHECK(paragraphs[1].text == "first paragraph line one and line two ends here.");
  CHECK(paragraphs[2].text == "After a short line, a new paragraph starts right away without a gap.");
  CHECK(paragraphs[3].text == "Indented start of a third paragraph that wraps at the margin.");
  CHECK(paragraphs[4].text == "A gap before this one.");
}

}  // namespace pw::extract::pdf
