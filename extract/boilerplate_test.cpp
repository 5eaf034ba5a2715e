// RemoveChromeAndChooseMain (one pass of text statistics, adjusted as chrome is
// removed) must decide exactly as MarkBoilerplate then ChooseMainContent (a
// pass each): same removed nodes, same main content, same rule.
#include "extract/internal/boilerplate.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "extract/internal/html.h"
#include "extract/parsed_html.h"
#include "extract/internal/test_corpus.h"

namespace pw::extract {
namespace {

namespace fs = std::filesystem;

void CheckSameDecision(const std::string& html) {
  ParsedHtml parsed(html);
  REQUIRE(parsed.output() != nullptr);
  const GumboNode* body = HtmlBody(parsed.output()->document);
  NodeSet separate, combined;
  MarkBoilerplate(body, &separate);
  MainContent want = ChooseMainContent(body, separate);
  MainContent got = RemoveChromeAndChooseMain(body, &combined);
  CHECK(combined == separate);
  CHECK(got.node == want.node);
  CHECK(got.rule == want.rule);
}

std::string Prose(int words) {
  std::string s;
  for (int i = 0; i < words; ++i) s += (i ? " " : "") + std::string("information");
  return s;
}

}  // namespace

TEST_CASE("one pass of statistics decides as two", "[boilerplate]") {
  const std::string p = Prose(12);
  const std::vector<std::string> pages = {
      "<body><main><h1>Policy</h1><p>" + p + "</p></main></body>",
      // A long paragraph that is long only with its button: it stops counting as
      // prose once the button goes, and that decides the densest subtree.
      "<body><div><p>short <button>" + p + "</button></p></div><div><p>" + p +
          "</p><p>" + p + "</p></div></body>",
      "<body><div><p>" + Prose(4) + "<button>" + p + "</button></p>" +
          "<nav><a href='/'>" + p + "</a></nav></div><div><p>" + Prose(3) + "</p></div></body>",
      "<body><header><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></header>"
      "<div class='cookie-banner'>We use cookies " + p + "</div>"
      "<div id='content'><h1>Privacy</h1><p>" + p + "</p><aside>" + p + "</aside>"
      "<p>" + p + " <a href='#x'>" + p + "</a></p></div><footer>(c) " + p + "</footer></body>",
      "<body><article><h2>News</h2><p>" + Prose(3) + "</p></article><main><h1>Terms</h1><p>" + p +
          "</p><dialog>" + p + "</dialog><form><input><button>Go " + p + "</button></form></main>"
          "</body>",
      "<body><div><div><div><p>" + p + "</p><div role='navigation'>" + p + "</div></div></div>"
      "<div aria-hidden='true'><a href='/1'>" + p + "</a></div></div></body>",
      "<body></body>",
      "<body><nav>" + p + "</nav></body>",
  };
  for (const std::string& html : pages) {
    INFO(html);
    CheckSameDecision(html);
  }
}

// Real pages, read at run time only; skipped where the corpus is absent.
TEST_CASE("one pass of statistics decides as two on the corpus", "[boilerplate][corpus]") {
  const int pages = testing::ForEachSnapshotPage([](const fs::path& path, const std::string& page) {
    INFO(path.string());
    CheckSameDecision(page);
  });
  if (pages == 0) WARN("corpus not found at " << testing::SnapshotDir().string() << "; skipping");
}

}  // namespace pw::extract
