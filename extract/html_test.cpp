// HTML extraction: synthetic pages written for these tests (no corpus text).
#include <catch2/catch.hpp>

#include <string>

#include "extract/canonical.h"
#include "extract/extract.h"

namespace pw::extract {
namespace {

Options MakeOpts(const std::string& select, const std::string& remove = "") {
  Options options;
  std::vector<std::string> sel, rem;
  if (!select.empty()) sel.push_back(select);
  if (!remove.empty()) rem.push_back(remove);
  REQUIRE(MakeOptions(config::CssEntries(sel), config::CssEntries(rem), {}, &options).ok());
  return options;
}

std::string Md(const std::string& html, const Options& options = Options(),
               ExtractInfo* info = nullptr) {
  Document doc;
  Status s = ExtractHtml(html, options, &doc, info);
  REQUIRE(s.ok());
  return ToMarkdown(doc);
}

const char kPolicyPage[] = R"(<!DOCTYPE html>
<html><head><title>Example Co | Privacy</title>
<style>.x{color:red}</style><script>var tracking = "do not show";</script></head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="logo">Example Co</div>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/blog">Blog</a></li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">We use cookies. <button>Accept all</button></div>
<main id="main">
  <article>
    <header><h1>Privacy Policy</h1><p>Last updated: 1 March 2024</p></header>
    <p>This policy explains how we handle your data.</p>
    <h2>1. What we collect</h2>
    <p>We collect your <em>name</em> and e&shy;mail addr<span>ess</span>.</p>
    <ul><li>Account data</li><li>Usage data<ul><li>Pages visited</li></ul></li></ul>
    <p><strong>Sensitive data</strong></p>
    <p>We never collect health data.</p>
    <h2>2. Sharing</h2>
    <table><tr><th>Recipient</th><th>Purpose</th></tr>
      <tr><td>Payment provider</td><td>Billing<br>and fraud checks</td></tr></table>
    <details><summary>Read more about sharing</summary><p>We do not sell personal data.</p></details>
    <div class="more" style="display:none"><p>Processors act on our instructions.</p></div>
    <div role="heading" aria-level="3">Transfers abroad</div>
    <p>Data may leave the country under safeguards.</p>
    <aside class="note"><p>Contact our data protection officer at any time.</p></aside>
    <footer><p>Questions? Write to privacy@example.com.</p></footer>
  </article>
  <aside><a href="/terms">Terms</a> <a href="/cookies">Cookies</a></aside>
</main>
<footer class="site-footer"><p>Copyright Example Co</p><a href="/imprint">Imprint</a></footer>
<div role="dialog" aria-modal="true"><p>Subscribe to our newsletter!</p></div>
</body></html>)";

TEST_CASE("policy page: chrome dropped, structure and hidden text kept") {
  ExtractInfo info;
  std::string md = Md(kPolicyPage, Options(), &info);
  CHECK(md ==
        "# Privacy Policy\n\n"
        "Last updated: 1 March 2024\n\n"
        "This policy explains how we handle your data.\n\n"
        "## 1. What we collect\n\n"
        "We collect your name and email address.\n\n"
        "- Account data\n\n"
        "- Usage data\n\n"
        "- Pages visited\n\n"
        "### Sensitive data\n\n"
        "We never collect health data.\n\n"
        "## 2. Sharing\n\n"
        "| Recipient | Purpose |\n\n"
        "| Payment provider | Billing and fraud checks |\n\n"
        "Read more about sharing\n\n"
        "We do not sell personal data.\n\n"
        "Processors act on our instructions.\n\n"
        "### Transfers abroad\n\n"
        "Data may leave the country under safeguards.\n\n"
        "Contact our data protection officer at any time.\n\n"
        "Questions? Write to privacy@example.com.\n");
  CHECK(info.html);
  CHECK_FALSE(info.selectors_used);
  CHECK(info.main_content_rule == "main");
  CHECK(info.text_bytes > 300);
}

TEST_CASE("title: a leading h1, else <title>") {
  Document doc;
  REQUIRE(ExtractHtml(kPolicyPage, Options(), &doc).ok());
  CHECK(doc.title == "Privacy Policy");
  REQUIRE(ExtractHtml("<title> Terms &amp; Conditions </title><p>Text.</p><h1>Later</h1>",
                      Options(), &doc)
              .ok());
  CHECK(doc.title == "Terms & Conditions");
}

TEST_CASE("sections carry heading paths and levels") {
  Document doc;
  REQUIRE(ExtractHtml("<h1>A</h1><p>a</p><h2>B</h2><p>b</p><h3>C</h3><p>c</p><h2>D</h2>",
                      Options(), &doc)
              .ok());
  REQUIRE(doc.sections.size() == 4);
  CHECK(doc.sections[2].path == std::vector<std::string>{"A", "B", "C"});
  CHECK(doc.sections[2].level == 3);
  CHECK(doc.sections[3].path == std::vector<std::string>{"A", "D"});
  CHECK(doc.sections[3].blocks.empty());
}

TEST_CASE("inline spacing: no words glued, none split") {
  CHECK(Md("<p>pri<span>va</span>cy <b>po</b>licy</p>") == "privacy policy\n");
  CHECK(Md("<div>one</div><div>two</div>") == "one\n\ntwo\n");
  CHECK(Md("<p>line one<br>line two</p>") == "line one line two\n");
  CHECK(Md("<p>first<br><br>second</p>") == "first\n\nsecond\n");
  CHECK(Md("<table><tr><td>a<p>b</p></td><td>c</td></tr></table>") == "| a b | c |\n");
  CHECK(Md("<p>A&nbsp;&nbsp;B\n\t C&#8203;D</p>") == "A B CD\n");
  CHECK(Md("<custom-el>alpha</custom-el><custom-el>beta</custom-el>") == "alpha\n\nbeta\n");
}

TEST_CASE("pseudo-headings: short bold paragraphs and dt terms") {
  CHECK(Md("<h2>Main</h2><p><b>Retention</b></p><p>We keep data 30 days.</p>"
           "<p><strong>This bold sentence is a paragraph.</strong></p>"
           "<p><b>Label:</b> value</p>"
           "<dl><dt>Controller</dt><dd>Example Co</dd></dl>") ==
        "## Main\n\n### Retention\n\nWe keep data 30 days.\n\n"
        "This bold sentence is a paragraph.\n\nLabel: value\n\n### Controller\n\nExample Co\n");
}

TEST_CASE("tables: data rows, layout tables read as blocks, pre kept") {
  CHECK(Md("<table><caption>Cookies</caption><thead><tr><th>Name</th><th>Duration</th></tr></thead>"
           "<tbody><tr><td>sid</td><td>30 days</td></tr><tr><td></td><td></td></tr></tbody></table>") ==
        "Cookies\n\n| Name | Duration |\n\n| sid | 30 days |\n");
  CHECK(Md("<table><tr><td><h2>Terms</h2><p>Body text.</p></td></tr></table>") ==
        "## Terms\n\nBody text.\n");
  CHECK(Md("<pre>\n  indented\n\tline two\n</pre>") == "```\n  indented\n line two\n```\n");
}

TEST_CASE("broken markup still gives text, never a crash") {
  CHECK(Md("<p>one<p>two<li>three<div><b>four") == "one\n\ntwo\n\n- three\n\n- four\n");
  CHECK(Md("<h2>Unclosed heading<p>its paragraph</p>") == "## Unclosed heading\n\nits paragraph\n");
  CHECK(Md("<p>x</p><!-- never closed <p>hidden") == "x\n");
  CHECK(Md("<p>before</p><script>document.write('<p>no')") == "before\n");
  CHECK(Md("<p>bad \xff\xfe bytes \xc3</p>") == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD\n");
  CHECK(Md(std::string("<p>nul\0byte</p>", 15)).find("nul") == 0);
  CHECK(Md("<<<>>><p>&bogus; &#xD800; &#0;</p>") ==
        "<<<>>>\n\n&bogus; \xEF\xBF\xBD \xEF\xBF\xBD\n");
}

TEST_CASE("private-use code points are text like any other, never another word", "[hostile]") {
  // Icon fonts use the supplementary private use planes (U+F0000..U+10FFFD).
  CHECK(Md("<main><h1>Privacy Policy</h1><p>Alpha bravo charlie delta echo foxtrot golf hotel.</p>\n"
           "<p>We never sell data &#983040; to anyone, ever.</p></main>") ==
        "# Privacy Policy\n\nAlpha bravo charlie delta echo foxtrot golf hotel.\n\n"
        "We never sell data \xF3\xB0\x80\x80 to anyone, ever.\n");
  CHECK(Md("<p>Contact us <i>&#xF0001;</i> by email or by post at any time.</p>"
           "<p>We keep logs \xF4\x8F\xBF\xBD for thirty days at most.</p>") ==
        "Contact us \xF3\xB0\x80\x81 by email or by post at any time.\n\n"
        "We keep logs \xF4\x8F\xBF\xBD for thirty days at most.\n");
}

TEST_CASE("an attribute after a duplicate one keeps its name (selectors still match)",
          "[hostile]") {
  const std::string page =
      "<div data-x data-x id=\"policy\"><p>We keep your data for thirty days.</p>"
      "</div><div id=\"other\"><p>Elsewhere on the page.</p></div>";
  CHECK(Md(page, MakeOpts("#policy")) == "We keep your data for thirty days.\n");
}

TEST_CASE("empty and whitespace bodies give an empty document") {
  ExtractInfo info;
  CHECK(Md("", Options(), &info) == "");
  CHECK(info.text_bytes == 0);
  CHECK(Md("  \n\t ") == "");
  CHECK(Md("<html><body></body></html>") == "");
}

TEST_CASE("a promo article before the real one loses") {
  ExtractInfo info;
  std::string md = Md(
      "<body><article class='promo'><h2>Try Premium</h2><p>Half price this week only.</p></article>"
      "<article><h1>Terms of Service</h1><p>These terms govern your use of the service and are "
      "binding on you.</p><h2>Liability</h2><p>Our liability is limited to the amount you paid us in "
      "the last twelve months.</p></article></body>",
      Options(), &info);
  CHECK(info.main_content_rule == "article");
  CHECK(md.find("Premium") == std::string::npos);
  CHECK(md.find("# Terms of Service") == 0);
}

TEST_CASE("a sidebar full of links that comes first loses to the dense text") {
  std::string links;
  for (int i = 0; i < 40; ++i) links += "<li><a href='/p" + std::to_string(i) + "'>Page " +
                                        std::to_string(i) + "</a></li>";
  ExtractInfo info;
  std::string md = Md("<body><div class='col'><ul>" + links + "</ul></div>"
                      "<div class='col'><h1>Privacy</h1><p>We process the data you give us to "
                      "run the service and for no other purpose.</p><p>You may ask us to delete "
                      "it at any time by writing to us.</p></div></body>",
                      Options(), &info);
  CHECK(info.main_content_rule == "densest");
  CHECK(md == "# Privacy\n\nWe process the data you give us to run the service and for no other "
              "purpose.\n\nYou may ask us to delete it at any time by writing to us.\n");
}

TEST_CASE("a cookie policy's own content and cookie table stay") {
  std::string md = Md(
      "<body><div class='cookie-notice'>We use cookies <a href='#'>OK</a></div>"
      "<div class='cookie-policy'><h1>Cookie Policy</h1><p>This page lists the cookies we set and "
      "why we set them, for how long they live, and how to refuse them.</p>"
      "<table class='cookie-table'><tr><th>Cookie</th><th>Purpose</th></tr>"
      "<tr><td>sid</td><td>Keeps you signed in</td></tr></table></div></body>");
  CHECK(md == "# Cookie Policy\n\nThis page lists the cookies we set and why we set them, for how "
              "long they live, and how to refuse them.\n\n| Cookie | Purpose |\n\n"
              "| sid | Keeps you signed in |\n");
}

TEST_CASE("consent vendors, dialogs and hidden menus go, forms wrapping a page stay") {
  std::string md = Md(
      "<body><form id='aspnetForm'><input type='hidden' name='v'>"
      "<div id='onetrust-consent-sdk'><h2>Your privacy choices</h2><p>Manage them here please "
      "and accept or reject all of the optional cookies.</p></div>"
      "<div aria-hidden='true'><a href='/a'>A</a><a href='/b'>B</a></div>"
      "<dialog open><p>Sign up!</p></dialog>"
      "<h1>Policy</h1><p>Paragraph one of the policy text.</p><p>Two.</p><p>Three.</p>"
      "</form><form><label>Email</label><input name='e'><button>Go</button></form></body>");
  CHECK(md == "# Policy\n\nParagraph one of the policy text.\n\nTwo.\n\nThree.\n");
}

TEST_CASE("select: union in document order, nested matches once, remove first") {
  const char* page =
      "<div class='a'><p>one</p><div class='a'><p>two</p></div><p class='ad'>buy</p></div>"
      "<p>outside</p><section class='b'><p>three</p></section>";
  ExtractInfo info;
  CHECK(Md(page, MakeOpts(".a, .b", ".ad"), &info) == "one\n\ntwo\n\nthree\n");
  CHECK(info.selectors_used);
  CHECK(info.selector_matched);
  CHECK(info.main_content_rule == "select");
  CHECK(Md(page, MakeOpts("section.b > p")) == "three\n");
  CHECK(Md("<div class='TextContent__x'><p>kept</p></div><div class='Other'><p>no</p></div>",
           MakeOpts("[class^=TextContent]")) == "kept\n");
  // With a selector, nothing is guessed: hidden text and asides inside stay.
  CHECK(Md("<div id='c'><nav>Menu</nav><p hidden>h</p></div>", MakeOpts("#c")) == "Menu\n\nh\n");
}

TEST_CASE("select matching nothing is reported, not an error") {
  ExtractInfo info;
  Document doc;
  REQUIRE(ExtractHtml("<p>text</p>", MakeOpts("#missing"), &doc, &info).ok());
  CHECK(info.selectors_used);
  CHECK_FALSE(info.selector_matched);
  CHECK(doc.sections.empty());
  // A match inside a removed subtree does not count.
  REQUIRE(ExtractHtml("<div class='x'><p class='y'>t</p></div>", MakeOpts(".y", ".x"), &doc, &info)
              .ok());
  CHECK_FALSE(info.selector_matched);
}

TEST_CASE("remove without select still drops chrome automatically") {
  CHECK(Md("<nav>Menu</nav><main><p>Keep this.</p><p class='promo'>Drop this.</p></main>",
           MakeOpts("", ".promo")) == "Keep this.\n");
}

TEST_CASE("bad selectors and bad ignore regexes are named") {
  Options options;
  Status s = MakeOptions(config::CssEntries({"div:hover"}), {}, {}, &options);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("select \"div:hover\"") != std::string::npos);
  s = MakeOptions({}, config::CssEntries({"[x"}), {}, &options);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("remove \"[x\"") != std::string::npos);
  Document doc;
  options = Options();
  options.ignore = {"(unclosed"};
  s = ExtractHtml("<p>x</p>", options, &doc);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find("(unclosed") != std::string::npos);
}

TEST_CASE("ignore regexes drop volatile text") {
  Options options;
  options.ignore = {"Last updated: .*"};
  CHECK(Md("<main><p>Last updated: 2 May</p><p>Body.</p></main>", options) == "Body.\n");
}

TEST_CASE("Extract dispatches on content type, then sniffs") {
  Document doc;
  ExtractInfo info;
  REQUIRE(Extract("# Title\n\nSome text.\n", "text/markdown", Options(), &doc, &info).ok());
  CHECK_FALSE(info.html);
  CHECK(info.main_content_rule == "text");
  CHECK(ToMarkdown(doc) == "# Title\n\nSome text.\n");
  REQUIRE(Extract("<!DOCTYPE html><p>Hi</p>", "text/plain", Options(), &doc, &info).ok());
  CHECK(info.html);
  REQUIRE(Extract("<p>Hi</p>", "TEXT/HTML; charset=UTF-8", Options(), &doc, &info).ok());
  CHECK(info.html);
  REQUIRE(Extract("Plain text, 1 < 2.\n", "", Options(), &doc, &info).ok());
  CHECK_FALSE(info.html);
  CHECK(LooksLikeHtml("\xEF\xBB\xBF  <html><body>x</body></html>"));
  CHECK(LooksLikeHtml("<div>x</div>"));
  CHECK_FALSE(LooksLikeHtml("<not really> markup"));
  CHECK_FALSE(LooksLikeHtml(""));
}

TEST_CASE("a 3 MB page is extracted whole") {
  std::string html = "<html><body><nav><a href='/'>Home</a></nav><main><h1>Big</h1>";
  int sections = 0;
  while (html.size() < 3u << 20) {
    ++sections;
    html += "<h2>Section " + std::to_string(sections) + "</h2>";
    for (int p = 0; p < 10; ++p) {
      html += "<p>Paragraph " + std::to_string(p) +
              " of this section says what we do with the data we hold about you.</p>";
    }
  }
  html += "</main></body></html>";
  Document doc;
  ExtractInfo info;
  REQUIRE(ExtractHtml(html, Options(), &doc, &info).ok());
  CHECK(info.main_content_rule == "main");
  REQUIRE(doc.sections.size() == static_cast<size_t>(sections) + 1);
  CHECK(doc.sections.back().heading == "Section " + std::to_string(sections));
  CHECK(doc.sections.back().blocks.size() == 10);
  CHECK(doc.sections.back().path == std::vector<std::string>{"Big", doc.sections.back().heading});
}

TEST_CASE("100,000 levels of nesting: capped before parsing, text kept") {
  for (const char* tag : {"div", "span", "b", "section"}) {
    std::string html = "<p>start</p>";
    for (int i = 0; i < 100000; ++i) html += std::string("<") + tag + ">";
    html += "deep text";
    for (int i = 0; i < 100000; ++i) html += std::string("</") + tag + ">";
    html += "<p>end</p>";
    Document doc;
    ExtractInfo info;
    REQUIRE(ExtractHtml(html, Options(), &doc, &info).ok());
    CHECK(info.nesting_capped);
    std::string md = ToMarkdown(doc);
    INFO(tag);
    CHECK(md.find("start") != std::string::npos);
    CHECK(md.find("deep text") != std::string::npos);
    CHECK(md.find("end") != std::string::npos);
  }
}

TEST_CASE("unclosed deep nesting without end tags is capped too") {
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div><i>";
  html += "bottom";
  Document doc;
  ExtractInfo info;
  REQUIRE(ExtractHtml(html, Options(), &doc, &info).ok());
  CHECK(info.nesting_capped);
  CHECK(ToMarkdown(doc) == "bottom\n");
}

TEST_CASE("bodies over the limit are refused with the size named") {
  std::string huge(kMaxExtractBytes + 1, 'a');
  Document doc;
  Status s = ExtractHtml(huge, Options(), &doc);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().find(std::to_string(kMaxExtractBytes + 1)) != std::string::npos);
}

}  // namespace
}  // namespace pw::extract
