#include "extract/text.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using pw::extract::BlockKind;
using pw::extract::Document;
using pw::extract::ParseText;
using pw::extract::Section;
using pw::extract::StripInlineMarkdown;

namespace {

std::vector<std::string> Headings(const Document& d) {
  std::vector<std::string> out;
  for (const Section& s : d.sections) out.push_back(std::to_string(s.level) + ":" + s.heading);
  return out;
}

const Section* Find(const Document& d, const std::string& heading) {
  for (const Section& s : d.sections)
    if (s.heading == heading) return &s;
  return nullptr;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("Markdown ATX headings give levels, paths and the title", "[text][markdown]") {
  Document d = ParseText(
      "# Acme Privacy Notice\n"
      "\n"
      "Intro paragraph.\n"
      "\n"
      "## What We Collect\n"
      "\n"
      "We collect your name.\n"
      "\n"
      "### Device Data ###\n"
      "\n"
      "IP address and browser.\n"
      "\n"
      "## Sharing\n"
      "\n"
      "We do not sell data.\n");
  CHECK(d.title == "Acme Privacy Notice");
  CHECK(Headings(d) == V{"1:Acme Privacy Notice", "2:What We Collect", "3:Device Data", "2:Sharing"});
  const Section* device = Find(d, "Device Data");
  REQUIRE(device);
  CHECK(device->path == V{"Acme Privacy Notice", "What We Collect", "Device Data"});
  REQUIRE(device->blocks.size() == 1);
  CHECK(device->blocks[0].text == "IP address and browser.");
  CHECK(Find(d, "Sharing")->path == V{"Acme Privacy Notice", "Sharing"});
  CHECK(d.sections[0].blocks[0].text == "Intro paragraph.");
}

TEST_CASE("Setext headings are recognised", "[text][markdown]") {
  Document d = ParseText(
      "Terms of Use\n"
      "============\n"
      "\n"
      "1\\. Acceptance\n"
      "--------------\n"
      "\n"
      "By using the service you agree.\n");
  CHECK(d.title == "Terms of Use");
  CHECK(Headings(d) == V{"1:Terms of Use", "2:1. Acceptance"});
  CHECK(d.sections[1].blocks.at(0).text == "By using the service you agree.");
}

TEST_CASE("Paragraph lines are joined, lists, tables and code become blocks",
          "[text][markdown]") {
  Document d = ParseText(
      "## Data\n"
      "We collect\n"
      "your   email  \n"
      "address.\n"
      "\n"
      "- first item\n"
      "* second\n"
      "  continued\n"
      "+ third\n"
      "1. numbered one\n"
      "2) numbered two\n"
      "\n"
      "| Category | Retention |\n"
      "|---|:---:|\n"
      "| Email | 2 years |\n"
      "\n"
      "```\n"
      "  code line\n"
      "# not a heading\n"
      "```\n"
      "\n"
      "* * *\n"
      "\n"
      "> Quoted note.\n");
  REQUIRE(d.sections.size() == 1);
  const auto& b = d.sections[0].blocks;
  REQUIRE(b.size() == 10);
  CHECK(b[0].kind == BlockKind::kParagraph);
  CHECK(b[0].text == "We collect your email address.");
  CHECK(b[1].kind == BlockKind::kListItem);
  CHECK(b[1].text == "first item");
  CHECK(b[2].text == "second continued");
  CHECK(b[3].text == "third");
  CHECK(b[4].text == "1. numbered one");  // numbers kept, bullets dropped
  CHECK(b[5].text == "2) numbered two");
  CHECK(b[5].kind == BlockKind::kListItem);
  CHECK(b[6].kind == BlockKind::kTableRow);
  CHECK(b[6].text == "Category | Retention");
  CHECK(b[7].text == "Email | 2 years");
  CHECK(b[8].kind == BlockKind::kPreformatted);
  CHECK(b[8].text == "  code line\n# not a heading");
  CHECK(b[9].kind == BlockKind::kParagraph);
  CHECK(b[9].text == "Quoted note.");
}

TEST_CASE("Inline Markdown syntax is stripped", "[text][markdown][inline]") {
  CHECK(StripInlineMarkdown("see [our policy](https://x.example/p?a=(1)) now") ==
        "see our policy now");
  CHECK(StripInlineMarkdown("**bold** and *it* and __b__ and _i_") == "bold and it and b and i");
  CHECK(StripInlineMarkdown("![logo](img.png) `code` [ref][1]") == "logo code ref");
  CHECK(StripInlineMarkdown("[**nested**](u)") == "nested");
  CHECK(StripInlineMarkdown("<https://example.org> and <me@example.org>") ==
        "https://example.org and me@example.org");
  CHECK(StripInlineMarkdown("1\\. not a list \\*x\\*") == "1. not a list *x*");
  CHECK(StripInlineMarkdown("AT&amp;T &copy;") == "AT&T \xC2\xA9");
  // Things that are not markup stay.
  CHECK(StripInlineMarkdown("user_id and snake_case_name") == "user_id and snake_case_name");
  CHECK(StripInlineMarkdown("2 * 3 = 6, a < b, [draft], C:\\path") ==
        "2 * 3 = 6, a < b, [draft], C:\\path");
  CHECK(StripInlineMarkdown("Terms* apply") == "Terms* apply");
  CHECK(StripInlineMarkdown("unclosed `tick and [bracket") == "unclosed `tick and [bracket");
  CHECK(StripInlineMarkdown("### [](#)") == "### ");
}

TEST_CASE("Inline syntax in headings and list items is stripped", "[text][markdown]") {
  Document d = ParseText("## [Cookies](#cookies)\n\n* **Essential**: needed.\n");
  CHECK(Headings(d) == V{"2:Cookies"});
  CHECK(d.sections[0].blocks.at(0).text == "Essential: needed.");
}

TEST_CASE("Preamble before the first heading is a level-0 section", "[text]") {
  Document d = ParseText("Archived copy.\n\n# Privacy\n\nBody.\n");
  REQUIRE(d.sections.size() == 2);
  CHECK(d.sections[0].level == 0);
  CHECK(d.sections[0].heading.empty());
  CHECK(d.sections[0].path.empty());
  CHECK(d.sections[0].blocks.at(0).text == "Archived copy.");
  CHECK(d.title == "Privacy");
}

TEST_CASE("No title when the first heading is not level 1", "[text]") {
  Document d = ParseText("## Scope\n\nText.\n\n# Later\n\nMore.\n");
  CHECK(d.title.empty());
  CHECK(Headings(d) == V{"2:Scope", "1:Later"});
  CHECK(d.sections[1].path == V{"Later"});
}

// A plain-text policy written for this test: headings are bare short lines.
constexpr const char* kPlainPolicy =
    "https://shop.example/privacy\n"
    "Example Shop Privacy Notice\n"
    "Last revised in spring\n"
    "Who We Are\n"
    "Example Shop Ltd runs the online store at shop.example and decides how your data is used.\n"
    "What We Collect\n"
    "When you order we keep the following details:\n"
    "Your name;\n"
    "Your delivery address;\n"
    "Your payment reference.\n"
    "How long do we keep it?\n"
    "We keep order records for six years because tax law requires it, then delete them.\n"
    "YOUR RIGHTS\n"
    "You may ask for a copy of your data or ask us to correct it at any time by email.\n"
    "Contact Us:\n"
    "Write to the data protection officer at the address shown on the invoice.\n";

TEST_CASE("Plain text: title-like short lines become headings", "[text][plain]") {
  Document d = ParseText(kPlainPolicy);
  CHECK(d.title == "Example Shop Privacy Notice");
  CHECK(Headings(d) == V{"0:", "1:Example Shop Privacy Notice", "2:Who We Are",
                         "2:What We Collect", "2:How long do we keep it?", "2:YOUR RIGHTS",
                         "2:Contact Us:"});
  CHECK(d.sections[0].blocks.at(0).text == "https://shop.example/privacy");
  // "Last revised in spring" is not Title Case: it stays a paragraph.
  CHECK(d.sections[1].blocks.at(0).text == "Last revised in spring");
  const Section* collect = Find(d, "What We Collect");
  REQUIRE(collect);
  CHECK(collect->path == V{"Example Shop Privacy Notice", "What We Collect"});
  REQUIRE(collect->blocks.size() == 4);  // lead-in plus three lines
  CHECK(collect->blocks[1].text == "Your name;");
}

TEST_CASE("Plain text: numbered headings nest by depth", "[text][plain]") {
  Document d = ParseText(
      "SERVICE TERMS\n"
      "1. Scope\n"
      "These terms govern your use of the service offered by us to you.\n"
      "1.1 Eligibility\n"
      "You must be an adult to create an account with the service.\n"
      "1.2. Accounts\n"
      "You are responsible for what happens under your account.\n"
      "2. Liability\n"
      "Our liability is limited to the amount you paid in the last year.\n"
      "3. we may change these terms.\n"
      "A sentence after a numbered sentence that is no heading.\n");
  CHECK(d.title == "SERVICE TERMS");
  CHECK(Headings(d) ==
        V{"1:SERVICE TERMS", "2:1. Scope", "3:1.1 Eligibility", "3:1.2. Accounts", "2:2. Liability"});
  CHECK(Find(d, "1.2. Accounts")->path == V{"SERVICE TERMS", "1. Scope", "1.2. Accounts"});
  // "3. we may change..." is a sentence: it stays text under "2. Liability".
  CHECK(Find(d, "2. Liability")->blocks.size() == 3);
}

TEST_CASE("Plain text: Roman numerals and Article headings", "[text][plain]") {
  Document d = ParseText(
      "Rental Agreement\n"
      "I. General Provisions\n"
      "This agreement applies to every rental made through the platform by you.\n"
      "1. Definitions\n"
      "Words have the meaning given to them in the glossary at the end of it.\n"
      "Article 5 Governing Law\n"
      "The law of the place where we are established applies to this agreement.\n");
  CHECK(Headings(d) == V{"1:Rental Agreement", "2:I. General Provisions", "3:1. Definitions",
                         "2:Article 5 Governing Law"});
}

TEST_CASE("Plain text that is hard-wrapped joins lines into paragraphs", "[text][plain]") {
  Document d = ParseText(
      "Data Retention\n"
      "\n"
      "We keep your account data for as long as your account is open and\n"
      "for thirty days after you close it, unless the law asks for longer.\n"
      "\n"
      "Security Measures\n"
      "\n"
      "We encrypt data in transit and at rest and limit who can read it\n"
      "to staff who need it for their work.\n");
  CHECK(Headings(d) == V{"1:Data Retention", "2:Security Measures"});
  REQUIRE(d.sections[0].blocks.size() == 1);
  CHECK(d.sections[0].blocks[0].text ==
        "We keep your account data for as long as your account is open and for thirty days "
        "after you close it, unless the law asks for longer.");
}

TEST_CASE("Text is normalised", "[text]") {
  Document d = ParseText("## Caf\x65\xCC\x81\xC2\xA0Policy\n\nNo\xE2\x80\x8B sale\xC2\xA0\xC2\xA0here.\n");
  CHECK(d.sections.at(0).heading == "Caf\xC3\xA9 Policy");
  CHECK(d.sections.at(0).blocks.at(0).text == "No sale here.");
}

TEST_CASE("Hostile: empty and whitespace-only input", "[text][hostile]") {
  CHECK(ParseText("").sections.empty());
  CHECK(ParseText(" \n\t\n\r\n  ").sections.empty());
  CHECK(ParseText("\xC2\xA0\xE2\x80\x8B").sections.empty());
  CHECK(ParseText("").title.empty());
}

TEST_CASE("Hostile: a 1 MB single line", "[text][hostile]") {
  std::string line;
  while (line.size() < (1u << 20)) line += "We [may *share _data` with <partners & ";
  Document d = ParseText(line);
  REQUIRE(d.sections.size() == 1);
  REQUIRE(d.sections[0].blocks.size() == 1);
  CHECK(d.sections[0].blocks[0].text.size() > (1u << 19));
}

TEST_CASE("Hostile: 100,000 lines of '#'", "[text][hostile]") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "#\n";
  Document d = ParseText(text);
  CHECK(d.sections.size() == 100000);
  CHECK(d.sections.back().level == 1);
  CHECK(d.sections.back().heading.empty());
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += std::string(1 + i % 6, '#') + " h\n";
  Document e = ParseText(deep);
  CHECK(e.sections.size() == 100000);
  CHECK(e.sections.back().path.size() <= 6);
}

TEST_CASE("Hostile: binary garbage parses into valid text", "[text][hostile]") {
  std::string garbage;
  unsigned x = 12345;
  for (int i = 0; i < 200000; ++i) {
    x = x * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(x >> 16));
  }
  Document d = ParseText(garbage);
  for (const Section& s : d.sections) {
    for (const auto& b : s.blocks) {
      CHECK_FALSE(b.text.empty());
      if (b.kind != BlockKind::kPreformatted) CHECK(b.text.find('\n') == std::string::npos);
    }
  }
  // Unclosed fences run to the end instead of failing.
  Document f = ParseText("```\nopen fence\n");
  REQUIRE(f.sections.size() == 1);
  CHECK(f.sections[0].blocks.at(0).kind == BlockKind::kPreformatted);
  // Pathological nesting of brackets and emphasis.
  std::string brackets(200000, '[');
  brackets += std::string(200000, '*');
  CHECK(ParseText(brackets).sections.size() == 1);
}
