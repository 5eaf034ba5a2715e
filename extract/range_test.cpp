// Ranges in `select` and `remove`: synthetic pages written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "extract/extract.h"

namespace pw::extract {
namespace {

using config::SelectorEntry;

SelectorEntry Css(const std::string& css) { return config::CssEntries({css}).front(); }

// A range from "before:CSS" / "after:CSS" markers.
SelectorEntry Range(const std::string& start, const std::string& end) {
  SelectorEntry e;
  auto set = [](const std::string& marker, std::string* before, std::string* after) {
    bool is_after = marker.starts_with("after:");
    (is_after ? *after : *before) = marker.substr(marker.find(':') + 1);
  };
  set(start, &e.start_before, &e.start_after);
  set(end, &e.end_before, &e.end_after);
  return e;
}

// The extracted text, one line per heading ("## Start") or block.
std::vector<std::string> Lines(const std::string& html, const std::vector<SelectorEntry>& select,
                               const std::vector<SelectorEntry>& remove = {},
                               ExtractInfo* info = nullptr) {
  Options options;
  Status made = MakeOptions(select, remove, {}, &options);
  INFO(made.message());
  REQUIRE(made.ok());
  Document doc;
  REQUIRE(ExtractHtml(html, options, &doc, info).ok());
  std::vector<std::string> out;
  for (const Section& s : doc.sections) {
    if (!s.heading.empty()) out.push_back(std::string(s.level, '#') + " " + s.heading);
    for (const Block& b : s.blocks) out.push_back(b.text);
  }
  return out;
}

using Text = std::vector<std::string>;

const char kPage[] = R"(<html><body>
<div id="top"><p>Before</p></div>
<div class="wrap"><div class="inner"><h2 id="s">Start</h2><p>One</p></div>
<p>Two <b id="mid">bold</b> tail</p></div>
<section><div><p id="e">End</p></div><p>After</p></section>
</body></html>)";

TEST_CASE("range: each of the four markers, at different depths", "[extract][range]") {
  CHECK(Lines(kPage, {Range("before:#s", "before:#e")}) ==
        Text{"## Start", "One", "Two bold tail"});
  CHECK(Lines(kPage, {Range("after:#s", "before:#e")}) == Text{"One", "Two bold tail"});
  CHECK(Lines(kPage, {Range("before:#s", "after:#e")}) ==
        Text{"## Start", "One", "Two bold tail", "End"});
  CHECK(Lines(kPage, {Range("after:#s", "after:#e")}) == Text{"One", "Two bold tail", "End"});
}

TEST_CASE("range: bare text between markers reads as one paragraph", "[extract][range]") {
  const char page[] = R"(<body><p>Intro <span id="a">A</span> middle text <em>emph</em>
    more <span id="b">B</span> rest</p></body>)";
  ExtractInfo info;
  CHECK(Lines(page, {Range("after:#a", "before:#b")}, {}, &info) ==
        Text{"middle text emph more"});
  CHECK(info.selector_matched);
  CHECK(info.main_content_rule == "select");
}

TEST_CASE("range: text of partly covered blocks keeps its paragraph breaks", "[extract][range]") {
  const char page[] = R"(<body><div>lead <i id="a">x</i> one</div> two <p>three</p>
    <div><span>four</span> <i id="b">y</i> no</div></body>)";
  CHECK(Lines(page, {Range("after:#a", "before:#b")}) == Text{"one", "two", "three", "four"});
}

TEST_CASE("range: the union with CSS entries, in document order, once", "[extract][range]") {
  CHECK(Lines(kPage, {Css("section > p"), Range("before:#s", "before:#e"), Css(".inner"),
                      Css("#top")}) ==
        Text{"Before", "## Start", "One", "Two bold tail", "After"});
}

TEST_CASE("range: nested and overlapping ranges give each node once", "[extract][range]") {
  CHECK(Lines(kPage, {Range("before:.wrap", "after:section"), Range("before:#s", "before:#e")}) ==
        Text{"## Start", "One", "Two bold tail", "End", "After"});
  CHECK(Lines(kPage, {Range("before:#s", "before:#mid"), Range("before:#mid", "after:#e")}) ==
        Text{"## Start", "One", "Two bold tail", "End"});
}

TEST_CASE("range: an end inside the start element", "[extract][range]") {
  CHECK(Lines(kPage, {Range("before:.wrap", "before:#mid")}) == Text{"## Start", "One", "Two"});
}

TEST_CASE("range: the end is looked for after the start, never among its ancestors",
          "[extract][range]") {
  // "div" matches .wrap and #top first, both opening before #mid: the end is the
  // <div> in <section>.
  CHECK(Lines(kPage, {Range("before:#mid", "before:div")}) == Text{"bold tail"});
}

TEST_CASE("range: a remove range drops its nodes, text included", "[extract][range]") {
  CHECK(Lines(kPage, {Css("body")}, {Range("before:#s", "before:#e")}) ==
        Text{"Before", "End", "After"});
  const char page[] = R"(<body><p>Intro <span id="a">A</span> middle <span id="b">B</span>
    rest</p></body>)";
  CHECK(Lines(page, {Css("p")}, {Range("after:#a", "before:#b")}) == Text{"Intro A B rest"});
  CHECK(Lines(page, {}, {Range("after:#a", "before:#b")}) == Text{"Intro A B rest"});
}

TEST_CASE("range: a start that matches nothing matches nothing", "[extract][range]") {
  ExtractInfo info;
  CHECK(Lines(kPage, {Range("before:#nope", "before:#e")}, {}, &info).empty());
  CHECK(info.selectors_used);
  CHECK_FALSE(info.selector_matched);
  CHECK(Lines(kPage, {Range("before:#nope", "before:#e"), Css("#top")}, {}, &info) ==
        Text{"Before"});
  CHECK(info.selector_matched);
  CHECK(Lines(kPage, {Css("body")}, {Range("before:#nope", "before:#e")}) ==
        Text{"Before", "## Start", "One", "Two bold tail", "End", "After"});
}

TEST_CASE("range: an end before the start, or nowhere, matches nothing", "[extract][range]") {
  ExtractInfo info;
  CHECK(Lines(kPage, {Range("before:#s", "before:#top")}, {}, &info).empty());
  CHECK_FALSE(info.selector_matched);
  CHECK(Lines(kPage, {Range("before:#s", "after:#nope")}, {}, &info).empty());
  CHECK_FALSE(info.selector_matched);
}

TEST_CASE("range: markers on the same element", "[extract][range]") {
  ExtractInfo info;
  CHECK(Lines(kPage, {Range("before:#e", "after:#e")}) == Text{"End"});
  CHECK(Lines(kPage, {Range("before:#e", "before:#e")}, {}, &info).empty());
  CHECK_FALSE(info.selector_matched);
  CHECK(Lines(kPage, {Range("after:#e", "before:#e")}, {}, &info).empty());
  CHECK_FALSE(info.selector_matched);
}

TEST_CASE("range: MakeOptions names the entry it cannot parse", "[extract][range]") {
  Options options;
  Status s = MakeOptions({Range("before:#a", "before:p:x")}, {}, {}, &options);
  REQUIRE_FALSE(s.ok());
  CHECK(s.message().starts_with(
      "select { start_before = \"#a\", end_before = \"p:x\" }: invalid CSS selector 'p:x'"));
  SelectorEntry both = Range("before:#a", "before:#b");
  both.start_after = "#c";
  s = MakeOptions({}, {both}, {}, &options);
  CHECK(s.message() ==
        "remove { start_before = \"#a\", start_after = \"#c\", end_before = \"#b\" }: a range "
        "needs one start (start_before or start_after) and one end (end_before or end_after)");
  REQUIRE(MakeOptions({Range("after:#a", "after:#b"), Css("main")}, {}, {}, &options).ok());
  CHECK(options.select.size() == 1);
  REQUIRE(options.select_ranges.size() == 1);
  CHECK(options.select_ranges[0].start_after);
  CHECK(options.select_ranges[0].end_after);
}

}  // namespace
}  // namespace pw::extract
