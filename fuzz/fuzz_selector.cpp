// fuzz_selector: the CSS selector parser (extract/selector.h) on arbitrary text,
// and matching what it accepts against a small fixed page.
// Checked: an error has a message; an accepted list is not empty, each complex
// selector has one combinator fewer than compounds, tag and attribute names
// are lower-case; SelectAll gives each element once, in document order.
#include <gumbo.h>

#include <cctype>
#include <set>
#include <string>

#include "extract/internal/match.h"
#include "extract/parsed_html.h"
#include "fuzz/fuzz_support.h"
#include "config/selector.h"

namespace {

using pw::fuzz::Check;

constexpr std::string_view kPage =
    "<!doctype html><html lang=en><body class='a b'><header id=top role=banner>x</header>"
    "<main id=content class=\"policy main\" data-x=\"1-2\"><h1 title=Privacy>P</h1>"
    "<div class=cookie-banner hidden><p>c</p></div><article><section lang=en-GB><p "
    "class=note>t</p><ul><li>i</li></ul></section></article></main><footer>f</footer>"
    "</body></html>";

bool LowerCase(std::string_view s) {
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void CheckShape(const pw::config::SelectorList& list) {
  Check(!list.empty(), "an accepted selector list is empty");
  for (const pw::config::ComplexSelector& complex : list) {
    Check(!complex.compounds.empty(), "a complex selector without compounds");
    Check(complex.combinators.size() + 1 == complex.compounds.size(),
          "combinators do not join the compounds");
    for (const pw::config::CompoundSelector& c : complex.compounds) {
      Check(LowerCase(c.tag), "a tag name is not lower-cased");
      for (const pw::config::AttributeTest& a : c.attributes) {
        Check(!a.name.empty() && LowerCase(a.name), "an attribute name is empty or not lower-cased");
      }
    }
  }
}

void CheckMatches(const pw::config::SelectorList& list) {
  static const pw::extract::ParsedHtml page(kPage);
  const std::vector<const GumboNode*> found = pw::extract::SelectAll(page.output()->document, list);
  std::set<const GumboNode*> seen;
  for (const GumboNode* n : found) {
    Check(n->type == GUMBO_NODE_ELEMENT, "SelectAll gave a node that is not an element");
    Check(seen.insert(n).second, "SelectAll gave an element twice");
    Check(pw::extract::MatchesAny(n, list), "SelectAll gave an element that does not match");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  pw::config::SelectorList list;
  const pw::Status s = pw::config::ParseSelectorList(text, &list);
  if (!s.ok()) {
    Check(!s.message().empty(), "a selector error without a message");
    return 0;
  }
  CheckShape(list);
  CheckMatches(list);
  return 0;
}
