// The CSS selector subset that policywatch understands, for `select` / `remove`.
//
//   type            div, main, *
//   #id             #content
//   .class          .cookie-banner
//   [attr]          [hidden]
//   [attr=value]    [role=main], [role="main"]
//   [attr^=v] [attr$=v] [attr*=v] [attr~=v]   prefix, suffix, substring, word
//   compounds       main.article#x[data-y]
//   combinators     descendant "A B", child "A > B"
//   lists           "A, B"
//
// The language users write in `select` and `remove`: config/ parses and
// validates it; extract/ matches the parsed selectors (internal/match.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace pw::config {

struct AttributeTest {
  enum class Op { kExists, kEquals, kPrefix, kSuffix, kContains, kWord };
  std::string name;  // lower-cased
  Op op = Op::kExists;
  std::string value;
};

// One compound selector: every part must match the same element.
struct CompoundSelector {
  std::string tag;  // lower-cased; empty or "*" matches any element
  std::string id;
  std::vector<std::string> classes;
  std::vector<AttributeTest> attributes;
};

// compounds[0] is the leftmost. combinators[i] joins compounds[i] and compounds[i+1].
struct ComplexSelector {
  enum class Combinator { kDescendant, kChild };
  std::vector<CompoundSelector> compounds;
  std::vector<Combinator> combinators;
};

using SelectorList = std::vector<ComplexSelector>;

// A range (config.h SelectorEntry), parsed: every node in document order after
// the start boundary and before the end boundary. The start boundary is just
// before the first element `start` matches (start_after: just after that
// element's end); the end boundary is just before the first element `end`
// matches after the start (end_after: just after that element's end).
struct RangeSelector {
  SelectorList start;
  bool start_after = false;
  SelectorList end;
  bool end_after = false;
};

// One entry of `select` or `remove`, as written: a CSS selector list, or a range
// of everything in document order between two elements, given by one start
// marker (start_before: from that element on; start_after: from just after it)
// and one end marker (end_before: up to that element; end_after: up to and
// including it) -- Open Terms Archive's startBefore/startAfter/endBefore/endAfter.
struct SelectorEntry {
  std::string css;  // a selector list; empty for a range
  std::string start_before, start_after, end_before, end_after;  // a range: one start, one end
  bool IsRange() const { return css.empty(); }
  // "main > article" or "{ start_before = \"#a\", end_before = \"#b\" }": for messages
  // and the fingerprint of a document's settings.
  std::string ToString() const;
  bool operator==(const SelectorEntry&) const = default;
};

// CSS selector lists as entries (the command line's --select and --remove).
std::vector<SelectorEntry> CssEntries(const std::vector<std::string>& css);

// Parses `text` into *out. On error, the message says what was wrong and where
// (e.g. "unexpected ':' at column 4; supported: type, #id, .class, [attr], ...").
Status ParseSelectorList(std::string_view text, SelectorList* out);

}  // namespace pw::config
