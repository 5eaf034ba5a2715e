#include "config/selector.h"

#include <catch2/catch.hpp>

using pw::config::ComplexSelector;
using pw::config::ParseSelectorList;
using pw::config::SelectorList;

TEST_CASE("selector: type, id, class, attributes in one compound") {
  SelectorList list;
  REQUIRE(ParseSelectorList("DIV#main.content.wide[role=\"main\"][hidden]", &list).ok());
  REQUIRE(list.size() == 1);
  const auto& c = list[0].compounds.at(0);
  CHECK(c.tag == "div");
  CHECK(c.id == "main");
  CHECK(c.classes == std::vector<std::string>{"content", "wide"});
  REQUIRE(c.attributes.size() == 2);
  CHECK(c.attributes[0].name == "role");
  CHECK(c.attributes[0].value == "main");
  CHECK(c.attributes[1].op == pw::config::AttributeTest::Op::kExists);
}

TEST_CASE("selector: combinators and lists") {
  SelectorList list;
  REQUIRE(ParseSelectorList("main  article > p, .a .b", &list).ok());
  REQUIRE(list.size() == 2);
  REQUIRE(list[0].compounds.size() == 3);
  CHECK(list[0].combinators[0] == ComplexSelector::Combinator::kDescendant);
  CHECK(list[0].combinators[1] == ComplexSelector::Combinator::kChild);
  CHECK(list[1].compounds.size() == 2);
}

TEST_CASE("selector: attribute operators") {
  SelectorList list;
  REQUIRE(ParseSelectorList("[class^=TextContent], [a$='x'], [b*=y], [c~=z]", &list).ok());
  CHECK(list[0].compounds[0].attributes[0].op == pw::config::AttributeTest::Op::kPrefix);
  CHECK(list[0].compounds[0].attributes[0].value == "TextContent");
  CHECK(list[1].compounds[0].attributes[0].op == pw::config::AttributeTest::Op::kSuffix);
  CHECK(list[2].compounds[0].attributes[0].op == pw::config::AttributeTest::Op::kContains);
  CHECK(list[3].compounds[0].attributes[0].op == pw::config::AttributeTest::Op::kWord);
}

TEST_CASE("selector: hostile and unsupported input is rejected with a reason") {
  SelectorList list;
  struct Case { const char* text; const char* message; };
  const Case cases[] = {
      {"", "empty selector"},
      {"   ", "empty selector"},
      {"div:hover", "unexpected ':' at column 4"},
      {"a ~ b", "unexpected '~'"},
      {"a + b", "unexpected '+'"},
      {"div,", "selector list ends with ','"},
      {"#", "'#' must be followed by a name"},
      {".", "'.' must be followed by a name"},
      {"[", "'[' must be followed by an attribute name"},
      {"[x", "unclosed '['"},
      {"[x=\"y]", "unclosed quoted value"},
      {"[x=y", "expected ']'"},
      {"a >", "'>' must be followed by a selector"},
      {"#a#b", "one #id"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto s = ParseSelectorList(c.text, &list);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains(c.message));
  }
}
