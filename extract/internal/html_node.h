// Small helpers over Gumbo nodes shared by the HTML side of extract/: tag names,
// attributes, and an iterative (explicit-stack) tree walk, so that no traversal
// depends on the depth of the page.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace pw::extract {

inline bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

// Lower-case tag name of an element ("div"; custom elements by their source name).
std::string TagName(const GumboNode* element);

// The attribute's value, or nullptr when absent. `name` must be lower-case.
const char* Attribute(const GumboNode* element, const char* name);

// True if the whitespace-separated attribute `name` contains `token`.
bool HasToken(const GumboNode* element, const char* name, std::string_view token);

// The element's children (elements, text, comments), or an empty vector.
const GumboVector* Children(const GumboNode* node);

// Pre-order walk of `root` and its descendants, without recursion. `enter(node)`
// returns false to skip the node's children; `leave(node)` is called after the
// children of every entered node (also for leaves and skipped subtrees' roots).
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!enter(root)) {
    leave(root);
    return;
  }
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector* kids = Children(top.node);
    if (kids == nullptr || top.next >= kids->length) {
      const GumboNode* done = top.node;
      stack.pop_back();
      leave(done);
      continue;
    }
    const GumboNode* child = static_cast<const GumboNode*>(kids->data[top.next++]);
    if (enter(child)) {
      stack.push_back({child, 0});
    } else {
      leave(child);
    }
  }
}

}  // namespace pw::extract

namespace pw::extract {

// Elements that never hold readable text: script, style, noscript, template,
// svg, math, iframe, object, embed, canvas, select, textarea, input, head...
bool IsNonContent(const GumboNode* element);

// Elements rendered inline (a, b, span, em, ...): no word break at their edges.
bool IsInline(const GumboNode* element);

// h1..h6 -> 1..6; role=heading -> aria-level (default 2); otherwise 0.
int HeadingLevel(const GumboNode* element);

// `hidden`, aria-hidden="true", or an inline style with display:none or
// visibility:hidden.
bool IsHidden(const GumboNode* element);

// The element's `style` attribute lower-cased with every space removed
// ("display:none;color:red"), or empty when it has none.
std::string CompactStyle(const GumboNode* element);

// Number of non-whitespace bytes of text under `node` (iterative; non-content
// elements excluded).
size_t TextLength(const GumboNode* node);

}  // namespace pw::extract
