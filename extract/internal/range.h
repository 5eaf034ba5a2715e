// Ranges (config/selector.h RangeSelector) on the Gumbo tree, and the union of
// `select` entries (CSS matches and ranges) that ExtractHtml converts.
//
// A range covers everything in document order between its start boundary and its
// end boundary. Its content is given as the maximal nodes entirely inside it, text
// nodes included: <p>a <b id=s>b</b> c</p><p>d</p> with start_after "#s" and no
// end before the page ends holds the text " c" (a child of the partly covered <p>)
// and the second <p>. The end is looked for only among elements that open after
// the start boundary (an element holding the start is never the end). A range
// whose start matches nothing, or whose end matches nothing after the start,
// holds nothing.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "config/selector.h"
#include "extract/internal/boilerplate.h"

namespace pw::extract {

// Every node's place in document order: `open` when it starts, `close` after its
// last descendant (open < a descendant's open <= its close < close). Iterative.
class DocumentOrder {
 public:
  struct Span {
    std::uint32_t open = 0;
    std::uint32_t close = 0;
  };
  explicit DocumentOrder(const GumboNode* document);
  const GumboNode* document() const { return document_; }
  Span SpanOf(const GumboNode* node) const { return spans_.at(node); }
  // The first element opening at or after `position` that matches `list`, or null.
  const GumboNode* FirstMatchFrom(std::uint32_t position, const config::SelectorList& list) const;

 private:
  const GumboNode* document_;
  std::unordered_map<const GumboNode*, Span> spans_;
  std::vector<const GumboNode*> elements_;  // in document order
};

// The maximal nodes entirely inside `range`, in document order (empty when it
// matches nothing; see above).
std::vector<const GumboNode*> RangeNodes(const DocumentOrder& order,
                                         const config::RangeSelector& range);

// What `select` keeps: the CSS matches (outermost) and the ranges' nodes, in
// document order, each at most once (a node inside another kept one is dropped),
// none inside `removed`. joined[i]: roots[i] continues roots[i-1]'s line of text
// (both of one range, or of two ranges that meet, with no block element between
// them), so no paragraph break.
struct Selection {
  std::vector<const GumboNode*> roots;
  std::vector<bool> joined;
};
Selection SelectEntries(const DocumentOrder& order, const config::SelectorList& css,
                        const std::vector<config::RangeSelector>& ranges,
                        const NodeSet& removed);

// Adds what `remove` drops (CSS matches and range nodes) to *removed.
void RemoveEntries(const DocumentOrder& order, const config::SelectorList& css,
                   const std::vector<config::RangeSelector>& ranges, NodeSet* removed);

}  // namespace pw::extract
