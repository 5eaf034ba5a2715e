// Page furniture in automatic mode (internal/boilerplate.h): what goes, and the
// policy text that must stay. Pages written for these tests.
#include <catch2/catch.hpp>

#include <string>

#include "extract/canonical.h"
#include "extract/extract.h"

namespace pw::extract {
namespace {

const char kProse[] =
    "<p>We collect the information you give us when you create an account, and we use it to "
    "provide the service you asked for and nothing else.</p>";

std::string Auto(const std::string& body) {
  Document doc;
  REQUIRE(ExtractHtml("<html><body>" + body + "</body></html>", Options(), &doc, nullptr).ok());
  return ToMarkdown(doc);
}

bool Has(const std::string& md, const std::string& text) { return md.find(text) != std::string::npos; }

TEST_CASE("furniture: comment threads, share and tag bars go", "[html][furniture]") {
  const std::string md = Auto(
      std::string("<main><h1>Policy</h1>") + kProse + kProse + kProse + kProse +
      "<div class='social-share'><a href='https://s.example/a'>Share on Facebook</a></div>"
      "<ul class='post-tags'><li><a href='/t/a'>Privacy</a></li><li><a href='/t/b'>Data</a></li></ul>"
      "<div id='comments'><h3>2 comments</h3><p>I think this policy is fair enough for a small "
      "company like this one, thanks for writing it in plain words.</p></div></main>");
  CHECK(Has(md, "We collect the information"));
  CHECK_FALSE(Has(md, "Share on Facebook"));
  CHECK_FALSE(Has(md, "Privacy\n"));
  CHECK_FALSE(Has(md, "plain words"));
}

TEST_CASE("furniture: a policy section named like furniture stays when it is prose",
          "[html][furniture]") {
  const std::string md = Auto(
      std::string("<main><h1>Privacy</h1>") + kProse + kProse + kProse +
      "<section id='social-media'><h2>Social media</h2><p>Our pages on social networks are run "
      "jointly with the networks.</p><ul><li>Likes</li><li>Comments you post</li></ul></section>"
      "<div class='data-sharing'><h2>Sharing</h2><p>We share data with processors only.</p></div>"
      "<ul><li><a href='https://g.example/privacy'>Google Analytics</a></li>"
      "<li><a href='https://f.example/privacy'>Meta Pixel</a></li>"
      "<li><a href='https://h.example/privacy'>Hotjar</a></li></ul>"
      "<ul><li><a href='https://browser-a.example/help'>How to manage cookies in Browser A</a></li>"
      "<li><a href='https://browser-b.example/help'>How to manage cookies in Browser B</a></li>"
      "<li><a href='https://browser-c.example/help'>How to manage cookies in Browser C</a></li></ul>"
      "</main>");
  CHECK(Has(md, "## Social media"));
  CHECK(Has(md, "- Comments you post"));
  CHECK(Has(md, "We share data with processors only."));
  CHECK(Has(md, "- Google Analytics"));  // partners' names are not headlines
  CHECK(Has(md, "- How to manage cookies in Browser C"));  // other sites' pages: no teasers
}

TEST_CASE("furniture: a teaser list loses to the article", "[html][furniture]") {
  std::string teasers;
  for (int i = 0; i < 6; ++i) {
    teasers += "<div><h3><a href='/story/" + std::to_string(i) +
               "'>A long headline about another story number " + std::to_string(i) +
               " on this site</a></h3><p>Summary of the story.</p></div>";
  }
  const std::string md = Auto(std::string("<div class='story'><h1>Article</h1>") + kProse + kProse +
                              kProse + "</div><main><section>" + teasers + "</section></main>");
  CHECK(Has(md, "# Article"));
  CHECK(Has(md, "We collect the information"));
  CHECK_FALSE(Has(md, "another story"));
}

TEST_CASE("furniture: hidden copies of visible text go, collapsed policy text stays",
          "[html][furniture][hidden]") {
  const std::string md = Auto(
      std::string("<main><h1>Privacy</h1>") + kProse +
      "<div style='display:none' itemprop='description'>We collect the information you give us "
      "when you create an account.</div>"
      "<button aria-expanded='false' aria-controls='p'>Retention</button>"
      "<div id='p' hidden><p>We keep account data for two years after your last login.</p></div>"
      "<div hidden><p>We keep account data for two years after your last login.</p></div>"
      "<details><summary>Cookies</summary><p>We set one cookie for your session.</p></details></main>");
  size_t first = md.find("We collect the information");
  REQUIRE(first != std::string::npos);
  CHECK(md.find("We collect the information", first + 1) == std::string::npos);
  size_t kept = md.find("We keep account data");
  REQUIRE(kept != std::string::npos);
  CHECK(md.find("We keep account data", kept + 1) == std::string::npos);  // its copy went
  CHECK(Has(md, "We set one cookie for your session."));
}

TEST_CASE("furniture: markup as text and back-to-top links go", "[html][furniture]") {
  const std::string md = Auto(
      std::string("<main id='main'><h1>Privacy</h1>") + kProse +
      "<div>&lt;img src=\"/a.jpg\" alt=\"x\"&gt;</div>"
      "<p>Use <code>&lt;b&gt;</code> for bold; write &lt;b&gt; tags in posts.</p>"
      "<p><a href='#top'>Back to top</a></p><p><a href='#main'>Top</a></p>"
      "<p><a href='#cookies'>Jump to cookies</a></p><h2 id='cookies'>Cookies</h2></main>");
  CHECK_FALSE(Has(md, "img src"));
  CHECK(Has(md, "<b>"));  // quoted markup in code and in a sentence stays
  CHECK_FALSE(Has(md, "Back to top"));
  CHECK_FALSE(Has(md, "Top\n"));
  CHECK(Has(md, "Jump to cookies"));  // a table of contents link stays
}

}  // namespace
}  // namespace pw::extract
