#include "extract/internal/match.h"

#include <string_view>

#include "extract/internal/html_node.h"

namespace pw::extract {
namespace {

bool MatchesAttribute(const GumboNode* element, const config::AttributeTest& test) {
  const char* raw = Attribute(element, test.name.c_str());
  if (raw == nullptr) return false;
  std::string_view value(raw);
  const std::string& want = test.value;
  switch (test.op) {
    case config::AttributeTest::Op::kExists:
      return true;
    case config::AttributeTest::Op::kEquals:
      return value == want;
    case config::AttributeTest::Op::kPrefix:
      return !want.empty() && value.starts_with(want);
    case config::AttributeTest::Op::kSuffix:
      return !want.empty() && value.ends_with(want);
    case config::AttributeTest::Op::kContains:
      return !want.empty() && value.find(want) != std::string_view::npos;
    case config::AttributeTest::Op::kWord:
      return !want.empty() && HasToken(element, test.name.c_str(), want);
  }
  return false;
}

bool MatchesCompound(const GumboNode* node, const config::CompoundSelector& compound) {
  if (node == nullptr || !IsElement(node)) return false;
  if (!compound.tag.empty() && compound.tag != "*" && TagName(node) != compound.tag) {
    return false;
  }
  if (!compound.id.empty()) {
    const char* id = Attribute(node, "id");
    if (id == nullptr || compound.id != id) return false;
  }
  for (const std::string& cls : compound.classes) {
    if (!HasToken(node, "class", cls)) return false;
  }
  for (const config::AttributeTest& test : compound.attributes) {
    if (!MatchesAttribute(node, test)) return false;
  }
  return true;
}

// Does compounds[0..index] match with compounds[index] on `node`? Recursion is
// bounded by the number of compounds; ancestors are walked in a loop.
bool MatchesFrom(const GumboNode* node, const config::ComplexSelector& sel, size_t index) {
  if (!MatchesCompound(node, sel.compounds[index])) return false;
  if (index == 0) return true;
  const GumboNode* up = node->parent;
  if (sel.combinators[index - 1] == config::ComplexSelector::Combinator::kChild) {
    return up != nullptr && MatchesFrom(up, sel, index - 1);
  }
  for (; up != nullptr; up = up->parent) {
    if (MatchesFrom(up, sel, index - 1)) return true;
  }
  return false;
}

}  // namespace

bool Matches(const GumboNode* element, const config::ComplexSelector& selector) {
  if (selector.compounds.empty() ||
      selector.combinators.size() + 1 != selector.compounds.size()) {
    return false;
  }
  return MatchesFrom(element, selector, selector.compounds.size() - 1);
}

bool MatchesAny(const GumboNode* element, const config::SelectorList& list) {
  if (!IsElement(element)) return false;
  for (const config::ComplexSelector& selector : list) {
    if (Matches(element, selector)) return true;
  }
  return false;
}

std::vector<const GumboNode*> SelectAll(const GumboNode* root, const config::SelectorList& list) {
  std::vector<const GumboNode*> found;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (!IsElement(node) && node->type != GUMBO_NODE_DOCUMENT) return false;
        if (MatchesAny(node, list)) {
          found.push_back(node);
          return false;
        }
        return true;
      },
      [](const GumboNode*) {});
  return found;
}

}  // namespace pw::extract
