// Selector matching on Gumbo trees, and the pre-parse nesting cap.
#include <catch2/catch.hpp>

#include <gumbo.h>

#include <string>
#include <vector>

#include "extract/internal/html_depth.h"
#include "extract/internal/html_node.h"
#include "extract/internal/match.h"

namespace pw::extract {
namespace {

const char kPage[] = R"(<html><body>
<main id="m" class="page wide" data-kind="policy-text">
  <div class="TextContent__abc x"><p id="p1" lang="en-GB">one</p></div>
  <section><div><p id="p2" title="a b c">two</p></div></section>
</main>
<footer><p id="p3">three</p></footer>
<my-widget id="w">custom</my-widget>
</body></html>)";

class Page {
 public:
  Page() : out_(gumbo_parse(kPage)) {}
  ~Page() { gumbo_destroy_output(&kGumboDefaultOptions, out_); }
  Page(const Page&) = delete;
  Page& operator=(const Page&) = delete;

  // Ids of the elements `selector` selects, in document order ("" for no id).
  std::string Select(const std::string& selector) {
    config::SelectorList list;
    Status s = config::ParseSelectorList(selector, &list);
    REQUIRE(s.ok());
    std::string ids;
    for (const GumboNode* node : SelectAll(out_->document, list)) {
      const char* id = Attribute(node, "id");
      if (!ids.empty()) ids += ",";
      ids += id == nullptr ? TagName(node) : id;
    }
    return ids;
  }

 private:
  GumboOutput* out_;
};

TEST_CASE("match: type, id, class, compound") {
  Page page;
  CHECK(page.Select("p") == "p1,p2,p3");
  CHECK(page.Select("#p2") == "p2");
  CHECK(page.Select(".wide") == "m");
  CHECK(page.Select("main.page.wide#m") == "m");
  CHECK(page.Select("main.page.narrow") == "");
  CHECK(page.Select("my-widget") == "w");
  CHECK(page.Select("#P2") == "");  // ids are case-sensitive
}

TEST_CASE("match: attribute operators") {
  Page page;
  CHECK(page.Select("[lang]") == "p1");
  CHECK(page.Select("[lang=en-GB]") == "p1");
  CHECK(page.Select("[lang=en]") == "");
  CHECK(page.Select("[class^=TextContent]") == "div");
  CHECK(page.Select("[class^=x]") == "");
  CHECK(page.Select("[data-kind$=text]") == "m");
  CHECK(page.Select("[data-kind*=cy-te]") == "m");
  CHECK(page.Select("[title~=b]") == "p2");
  CHECK(page.Select("[title~=\"a b\"]") == "");
  CHECK(page.Select("[data-kind^=\"\"]") == "");
}

TEST_CASE("match: combinators, lists and document order") {
  Page page;
  CHECK(page.Select("main p") == "p1,p2");
  CHECK(page.Select("main > p") == "");
  CHECK(page.Select("main > div > p") == "p1");
  CHECK(page.Select("main section p") == "p2");
  CHECK(page.Select("main > section > div p") == "p2");
  CHECK(page.Select("body > main > section p") == "p2");
  CHECK(page.Select("footer p, main p") == "p1,p2,p3");
  CHECK(page.Select("main, p") == "m,p3");  // p1, p2 are inside main: not repeated
  CHECK(page.Select("* > footer > *") == "p3");
}

TEST_CASE("match: deep trees are searched without recursion") {
  std::string html;
  for (int i = 0; i < 400; ++i) html += "<div class='d'>";
  html += "<p id='deep'>x</p>";
  GumboOutput* out = gumbo_parse(html.c_str());
  config::SelectorList list;
  REQUIRE(config::ParseSelectorList("div.d > p#deep, div div div p", &list).ok());
  std::vector<const GumboNode*> found = SelectAll(out->document, list);
  REQUIRE(found.size() == 1);
  CHECK(std::string(Attribute(found[0], "id")) == "deep");
  gumbo_destroy_output(&kGumboDefaultOptions, out);
}

TEST_CASE("nesting cap: normal pages are untouched") {
  std::string out = "unchanged";
  CHECK_FALSE(CapNesting("<div><p>a<p>b<ul><li>c</ul></div><br/><img src=x>", 3, &out));
  CHECK(out == "unchanged");
  // Optional-end-tag and void elements do not build depth.
  std::string many;
  for (int i = 0; i < 100; ++i) many += "<p><li><td><br><a href=x>";
  CHECK_FALSE(CapNesting(many, 3, &out));
}

TEST_CASE("nesting cap: excess start tags and their end tags go, text stays") {
  std::string out;
  REQUIRE(CapNesting("<div><div><div>x</div></div></div>y", 2, &out));
  CHECK(out == "<div><div>x</div></div>y");
  REQUIRE(CapNesting("<div class=\"a>b\"><section><b>t</b></section></div>", 2, &out));
  CHECK(out == "<div class=\"a>b\"><section>t</section></div>");
}

TEST_CASE("nesting cap: comments, scripts and self-closing tags are not counted") {
  std::string out;
  CHECK_FALSE(CapNesting("<div><!-- <div><div><div> --><script>'<div><div><div>'</script>"
                         "<svg><path/><path/><path/></svg></div>",
                         2, &out));
  // Hostile fragments: unterminated tag, comment, script.
  CHECK_FALSE(CapNesting("<div", 2, &out));
  CHECK_FALSE(CapNesting("<!-- x", 2, &out));
  CHECK_FALSE(CapNesting("<script><div><div><div>", 2, &out));
  CHECK_FALSE(CapNesting("</div></div><", 2, &out));
}

}  // namespace
}  // namespace pw::extract
