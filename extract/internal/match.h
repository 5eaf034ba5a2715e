// CSS selector matching (the config/selector.h subset) on Gumbo nodes.
#pragma once

#include <gumbo.h>

#include <vector>

#include "config/selector.h"

namespace pw::extract {

// True if `element` matches `selector` (combinators are checked against its
// ancestors). Non-element nodes never match.
bool Matches(const GumboNode* element, const config::ComplexSelector& selector);

// True if `element` matches any selector of `list`.
bool MatchesAny(const GumboNode* element, const config::SelectorList& list);

// Every element under `root` (inclusive) matching `list`, in document order.
// A match nested in another match is not returned again: the outer one holds it.
// Iterative.
std::vector<const GumboNode*> SelectAll(const GumboNode* root, const config::SelectorList& list);

}  // namespace pw::extract
