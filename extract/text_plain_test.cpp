// Plain-text sectioning: headings separated from their text by blank lines,
// numbered headings, lists of short numbered lines, line-ending and
// indentation variants, and the ToMarkdown round trip. All fixtures are ours.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/canonical.h"
#include "extract/text.h"

using pw::extract::BlockKind;
using pw::extract::Document;
using pw::extract::ParseText;
using pw::extract::Section;
using pw::extract::ToMarkdown;

namespace {

using V = std::vector<std::string>;

V Headings(const Document& d) {
  V out;
  for (const Section& s : d.sections) out.push_back(std::to_string(s.level) + ":" + s.heading);
  return out;
}

const Section* Find(const Document& d, const std::string& heading) {
  for (const Section& s : d.sections)
    if (s.heading == heading) return &s;
  return nullptr;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

// Parsing the canonical Markdown of a document with headings gives the same
// sections back, so the Markdown is a fixed point.
void CheckRoundTrip(const Document& d) {
  std::string md = ToMarkdown(d);
  Document back = ParseText(md);
  CHECK(back.title == d.title);
  CHECK(Headings(back) == Headings(d));
  for (size_t i = 0; i < d.sections.size() && i < back.sections.size(); ++i) {
    CHECK(back.sections[i].path == d.sections[i].path);
    CHECK(back.sections[i].blocks.size() == d.sections[i].blocks.size());
  }
  CHECK(ToMarkdown(back) == md);
}

constexpr const char* kAcme =
    "ACME PRIVACY POLICY\n"
    "\n"
    "Last updated: 1 March 2026\n"
    "\n"
    "1. Information We Collect\n"
    "\n"
    "We collect your name and email address when you register for an account with us.\n"
    "\n"
    "2. How We Share Information\n"
    "\n"
    "We share your data with payment processors who handle transactions on our behalf.\n"
    "\n"
    "Your Choices\n"
    "\n"
    "You can opt out of marketing emails at any time by clicking the unsubscribe link.\n";

constexpr const char* kAcmeMarkdown =
    "# ACME PRIVACY POLICY\n"
    "\n"
    "Last updated: 1 March 2026\n"
    "\n"
    "## 1. Information We Collect\n"
    "\n"
    "We collect your name and email address when you register for an account with us.\n"
    "\n"
    "## 2. How We Share Information\n"
    "\n"
    "We share your data with payment processors who handle transactions on our behalf.\n"
    "\n"
    "## Your Choices\n"
    "\n"
    "You can opt out of marketing emails at any time by clicking the unsubscribe link.\n";

}  // namespace

TEST_CASE("Plain text: blank-line separated headings are sections", "[text][plain]") {
  Document d = ParseText(kAcme);
  CHECK(d.title == "ACME PRIVACY POLICY");
  CHECK(Headings(d) == V{"1:ACME PRIVACY POLICY", "2:1. Information We Collect",
                         "2:2. How We Share Information", "2:Your Choices"});
  CHECK(ToMarkdown(d) == kAcmeMarkdown);
  const Section* share = Find(d, "2. How We Share Information");
  REQUIRE(share);
  CHECK(share->path == V{"ACME PRIVACY POLICY", "2. How We Share Information"});
  REQUIRE(share->blocks.size() == 1);
  CHECK(share->blocks[0].kind == BlockKind::kParagraph);
  // The date line under the title is text, not a heading.
  REQUIRE(d.sections[0].blocks.size() == 1);
  CHECK(d.sections[0].blocks[0].text == "Last updated: 1 March 2026");
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: CRLF, tabs and indentation do not change the sections",
          "[text][plain]") {
  std::string crlf = Replace(kAcme, "\n", "\r\n");
  CHECK(ToMarkdown(ParseText(crlf)) == kAcmeMarkdown);
  std::string cr = Replace(kAcme, "\n", "\r");  // old Mac line ends
  CHECK(ToMarkdown(ParseText(cr)) == kAcmeMarkdown);
  std::string indented = Replace(kAcme, "\n", "\n\t  ");
  indented = Replace(indented, "Information\n", "Information \t\n");
  CHECK(ToMarkdown(ParseText(indented)) == kAcmeMarkdown);
  // Blank lines that hold only whitespace are blank.
  std::string spaced = Replace(Replace(kAcme, "\n\n", "\n \t \r\n"), "\r\n", "\n");
  CHECK(ToMarkdown(ParseText(spaced)) == kAcmeMarkdown);
}

TEST_CASE("Plain text: headings with a trailing colon", "[text][plain]") {
  Document d = ParseText(
      "Privacy Notice\n"
      "\n"
      "Who We Are:\n"
      "\n"
      "We are a small bakery that sells bread online to customers in the region.\n"
      "\n"
      "3. Contact Us:\n"
      "\n"
      "Write to us at the shop address printed on every receipt we send out.\n");
  CHECK(Headings(d) == V{"1:Privacy Notice", "2:Who We Are:", "2:3. Contact Us:"});
  CHECK(Find(d, "3. Contact Us:")->blocks.at(0).text ==
        "Write to us at the shop address printed on every receipt we send out.");
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: Roman numerals nest Arabic numbers under them", "[text][plain]") {
  Document d = ParseText(
      "Terms of Service\n"
      "\n"
      "I. Introduction\n"
      "\n"
      "These terms apply to every account opened with the service on any device.\n"
      "\n"
      "II. Accounts\n"
      "\n"
      "You must keep your password secret and tell us when it has been stolen.\n"
      "\n"
      "1. Closing Your Account\n"
      "\n"
      "You can close your account from the settings page whenever you like to.\n"
      "\n"
      "IV. Governing Law\n"
      "\n"
      "The law of the country where we are established governs these terms.\n");
  CHECK(Headings(d) == V{"1:Terms of Service", "2:I. Introduction", "2:II. Accounts",
                         "3:1. Closing Your Account", "2:IV. Governing Law"});
  CHECK(Find(d, "1. Closing Your Account")->path ==
        V{"Terms of Service", "II. Accounts", "1. Closing Your Account"});
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: Article, Section and section-sign headings", "[text][plain]") {
  Document d = ParseText(
      "Subscription Agreement\n"
      "\n"
      "Article 5 - Liability\n"
      "\n"
      "Our liability is limited to the fees you paid during the last twelve months.\n"
      "\n"
      "Article 6 \xE2\x80\x93 Governing Law\n"
      "\n"
      "This agreement is governed by the law of the place where we are based.\n"
      "\n"
      "Section 3: Termination\n"
      "\n"
      "Either party may end this agreement with thirty days of written notice.\n"
      "\n"
      "\xC2\xA7 4 Remedies\n"
      "\n"
      "Nothing in this agreement limits the remedies that the law gives you.\n"
      "\n"
      "Article 7\n"
      "\n"
      "Notices are sent to the email address you gave us when you signed up.\n");
  CHECK(Headings(d) == V{"1:Subscription Agreement", "2:Article 5 - Liability",
                         "2:Article 6 \xE2\x80\x93 Governing Law", "2:Section 3: Termination",
                         "2:\xC2\xA7 4 Remedies", "2:Article 7"});
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: ALL CAPS headings with an ampersand", "[text][plain]") {
  Document d = ParseText(
      "Acme Cloud Privacy Policy\n"
      "\n"
      "DATA RETENTION & DELETION\n"
      "\n"
      "We delete backups of your files ninety days after you remove them from the app.\n"
      "\n"
      "COOKIES & SIMILAR TECHNOLOGIES\n"
      "\n"
      "We use cookies to keep you signed in and to remember your language setting.\n");
  CHECK(Headings(d) == V{"1:Acme Cloud Privacy Policy", "2:DATA RETENTION & DELETION",
                         "2:COOKIES & SIMILAR TECHNOLOGIES"});
  std::string md = ToMarkdown(d);
  CHECK(md.find("\n## DATA RETENTION & DELETION\n") != std::string::npos);
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: a list of short numbered lines stays a list", "[text][plain]") {
  const char* blank_separated =
      "Service Privacy Policy\n"
      "\n"
      "1. How We Use Data\n"
      "\n"
      "We use the information we hold about you for these purposes only:\n"
      "\n"
      "1. Provide The Service\n"
      "\n"
      "2. Send Receipts\n"
      "\n"
      "3. Improve Features\n"
      "\n"
      "We never use it for advertising by anyone else, now or in the future.\n"
      "\n"
      "2. Your Rights\n"
      "\n"
      "You may ask for a copy of everything we hold about you, free of charge.\n";
  for (const std::string& text :
       {std::string(blank_separated), Replace(blank_separated, "\n\n", "\n")}) {
    INFO(text);
    Document d = ParseText(text);
    CHECK(Headings(d) ==
          V{"1:Service Privacy Policy", "2:1. How We Use Data", "2:2. Your Rights"});
    const Section* use = Find(d, "1. How We Use Data");
    REQUIRE(use);
    REQUIRE(use->blocks.size() == 5);
    CHECK(use->blocks[1].kind == BlockKind::kListItem);
    CHECK(use->blocks[1].text == "1. Provide The Service");  // the list keeps its numbers
    CHECK(use->blocks[3].kind == BlockKind::kListItem);
    CHECK(use->blocks[3].text == "3. Improve Features");
    CHECK(use->blocks[4].kind == BlockKind::kParagraph);
    CheckRoundTrip(d);
  }
}

TEST_CASE("Plain text: a table of contents is a list, the headings come later",
          "[text][plain]") {
  Document d = ParseText(
      "Cookie Policy\n"
      "\n"
      "1. What Cookies Are\n"
      "2. Which Cookies We Use\n"
      "\n"
      "1. What Cookies Are\n"
      "\n"
      "Cookies are small files a website stores in your browser between visits.\n"
      "\n"
      "2. Which Cookies We Use\n"
      "\n"
      "We only use cookies that keep you signed in and remember your choices.\n");
  CHECK(Headings(d) ==
        V{"1:Cookie Policy", "2:1. What Cookies Are", "2:2. Which Cookies We Use"});
  REQUIRE(d.sections[0].blocks.size() == 2);
  CHECK(d.sections[0].blocks[0].kind == BlockKind::kListItem);
}

TEST_CASE("Plain text: numbered sentences are not headings", "[text][plain]") {
  Document d = ParseText(
      "Data Sharing Terms\n"
      "\n"
      "1. We collect your name when you register and we keep it for two years\n"
      "\n"
      "The rest of this page explains who else sees the details you give us, and why.\n"
      "\n"
      "2. we may share data with couriers\n"
      "\n"
      "3. We share data with the courier who delivers your parcel to your door.\n"
      "\n"
      "Couriers must delete your address once the parcel has been delivered to you.\n"
      "\n"
      "4. Your Rights\n"
      "\n"
      "You can ask couriers for the details they hold about you at any time.\n");
  CHECK(Headings(d) == V{"1:Data Sharing Terms", "2:4. Your Rights"});
  const auto& blocks = d.sections.at(0).blocks;
  REQUIRE(blocks.size() == 5);
  CHECK(blocks[0].kind == BlockKind::kListItem);
  CHECK(blocks[0].text == "1. We collect your name when you register and we keep it for two years");
}

TEST_CASE("Plain text: hard-wrapped paragraphs under blank-line separated headings",
          "[text][plain]") {
  // Lines wrapped at 72 columns, as in a text/plain policy or an email.
  Document d = ParseText(
      "EXAMPLE MAIL PRIVACY NOTICE\n"
      "\n"
      "1. Scope\n"
      "\n"
      "This notice explains how Example Mail handles the personal information\n"
      "of people who use its webmail service, its mobile apps and its support\n"
      "desk. It does not cover services run by other companies.\n"
      "\n"
      "1.1 Who Is Responsible\n"
      "\n"
      "Example Mail Ltd is the controller of your information. You can reach\n"
      "its data protection officer through the contact form on the website.\n"
      "\n"
      "2. What We Collect\n"
      "\n"
      "We collect the details you give us when you sign up, the messages you\n"
      "send and receive, and technical logs of the devices that connect to us.\n"
      "\n"
      "Security\n"
      "\n"
      "We encrypt messages at rest and in transit, and only a small team of\n"
      "engineers can reach the servers that store them, after review.\n");
  CHECK(d.title == "EXAMPLE MAIL PRIVACY NOTICE");
  CHECK(Headings(d) == V{"1:EXAMPLE MAIL PRIVACY NOTICE", "2:1. Scope",
                         "3:1.1 Who Is Responsible", "2:2. What We Collect", "2:Security"});
  const Section* scope = Find(d, "1. Scope");
  REQUIRE(scope);
  REQUIRE(scope->blocks.size() == 1);
  CHECK(scope->blocks[0].text ==
        "This notice explains how Example Mail handles the personal information of people "
        "who use its webmail service, its mobile apps and its support desk. It does not cover "
        "services run by other companies.");
  CHECK(Find(d, "1.1 Who Is Responsible")->path ==
        V{"EXAMPLE MAIL PRIVACY NOTICE", "1. Scope", "1.1 Who Is Responsible"});
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: heading-less Markdown keeps a lone short line as text",
          "[text][plain][roundtrip]") {
  // What ToMarkdown writes for a document without headings: one short
  // Title Case paragraph among sentences is not taken for a heading.
  const char* md =
      "Thank you for choosing our shop today.\n"
      "\n"
      "Opening Hours\n"
      "\n"
      "We are open every day from nine in the morning until six in the evening.\n";
  Document d = ParseText(md);
  CHECK(Headings(d) == V{"0:"});
  CHECK(d.sections[0].blocks.size() == 3);
  CHECK(ToMarkdown(d) == md);
  // Documented limit: with two such lines the structure is taken as real.
  Document two = ParseText(
      "Thank you for choosing our shop today.\n"
      "\n"
      "Opening Hours\n"
      "\n"
      "We are open every day from nine in the morning until six in the evening.\n"
      "\n"
      "Delivery Area\n"
      "\n"
      "We deliver to every address within ten miles of the shop, free of charge.\n");
  CHECK(Headings(two) == V{"0:", "2:Opening Hours", "2:Delivery Area"});
}

TEST_CASE("Hostile: odd numbered lines in plain text", "[text][plain][hostile]") {
  Document d = ParseText(
      "1.\n"
      "\n"
      "\xC2\xA7\n"
      "\n"
      "Article\n"
      "\n"
      "IV.\n"
      "\n"
      "Section 99999999999 Huge Number\n"
      "\n"
      "1.2.3.4.5.6.7.8.9 Very Deep Heading\n"
      "\n"
      "This body text follows the deep heading and is longer than the heading.\n"
      "\n"
      "\xC2\xA7\xC2\xA7 Double Sign\n"
      "\n"
      "2024. A Year Line\n"
      "\n"
      "Another body line that is long enough to follow a heading if there is one.\n");
  for (const Section& s : d.sections) {
    CHECK(s.level >= 0);
    CHECK(s.level <= 6);
    CHECK(s.path.size() <= 6);
  }
  const Section* deep = Find(d, "1.2.3.4.5.6.7.8.9 Very Deep Heading");
  REQUIRE(deep);
  CHECK(deep->level == 6);
  CHECK(Find(d, "Section 99999999999 Huge Number") == nullptr);
  std::string md = ToMarkdown(d);
  CHECK(ToMarkdown(ParseText(md)) == md);

  // 50,000 short numbered lines: one long list, no sections.
  std::string many = "Item Catalogue\n\n";
  for (int i = 1; i <= 50000; ++i) many += std::to_string(i % 1000 + 1) + ". Item Name\n";
  many += "\nThe catalogue above lists every item that we sell in the shop.\n";
  Document list = ParseText(many);
  CHECK(Headings(list) == V{"1:Item Catalogue"});
  CHECK(list.sections.at(0).blocks.size() == 50001);
}

TEST_CASE("Plain text: a heading may sit right above its wrapped paragraph",
          "[text][plain]") {
  Document d = ParseText(
      "Example Forum Rules\n"
      "\n"
      "1. Posting Content\n"
      "You keep the rights to what you post, but you let us show it to other\n"
      "members of the forum and to visitors who are not signed in.\n"
      "\n"
      "MODERATION\n"
      "Moderators may remove posts that break these rules, and may suspend an\n"
      "account that keeps breaking them after a warning has been given.\n"
      "\n"
      "2. Your posts are yours\n"
      "and we never sell them to anyone, nor use them to train any software\n"
      "that we build or buy from other companies at any time.\n"
      "\n"
      "Posts that you delete\n"
      "are gone from our servers within thirty days, including from backups\n"
      "that we keep for recovering from failures of our hardware.\n");
  CHECK(Headings(d) == V{"1:Example Forum Rules", "2:1. Posting Content", "2:MODERATION"});
  const Section* posting = Find(d, "1. Posting Content");
  REQUIRE(posting);
  REQUIRE(posting->blocks.size() == 1);
  CHECK(posting->blocks[0].text ==
        "You keep the rights to what you post, but you let us show it to other members of the "
        "forum and to visitors who are not signed in.");
  // Sentence starts that wrap are not headings: they stay in their paragraphs.
  const Section* moderation = Find(d, "MODERATION");
  REQUIRE(moderation);
  REQUIRE(moderation->blocks.size() == 3);
  CHECK(moderation->blocks[1].kind == BlockKind::kListItem);
  CHECK(moderation->blocks[1].text.rfind("2. Your posts are yours and we never sell", 0) == 0);
  CHECK(moderation->blocks[2].text.rfind("Posts that you delete are gone", 0) == 0);
  CheckRoundTrip(d);
}

TEST_CASE("Plain text: heading-less documents with one heading-like paragraph round-trip",
          "[text][plain][roundtrip]") {
  for (const char* odd : {"Opening Hours", "1. Scope", "2.3 Retention", "IV. Governing Law",
                          "Article 5 - Liability", "\xC2\xA7 4 Remedies", "OPENING HOURS"}) {
    INFO(odd);
    Document d;
    Section s;
    s.blocks = {{BlockKind::kParagraph, "Thank you for choosing our shop today."},
                {BlockKind::kParagraph, odd},
                {BlockKind::kParagraph,
                 "We are open every day from nine in the morning until six in the evening."}};
    d.sections.push_back(s);
    std::string md = ToMarkdown(d);
    Document back = ParseText(md);
    CHECK(Headings(back) == V{"0:"});
    REQUIRE(back.sections.at(0).blocks.size() == 3);
    CHECK(back.sections[0].blocks[1].text == odd);
    CHECK(ToMarkdown(back) == md);
  }
}
