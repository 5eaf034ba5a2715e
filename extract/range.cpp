#include "extract/internal/range.h"

#include <algorithm>
#include <unordered_set>

#include "extract/internal/html_node.h"
#include "extract/internal/match.h"

namespace pw::extract {
namespace {

bool IsContent(const GumboNode* node) {
  switch (node->type) {
    case GUMBO_NODE_ELEMENT: case GUMBO_NODE_TEMPLATE: case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA: case GUMBO_NODE_WHITESPACE:
      return true;
    default:
      return false;
  }
}

bool InsideAny(const GumboNode* node, const NodeSet& set) {
  for (; node != nullptr; node = node->parent) {
    if (set.count(node) > 0) return true;
  }
  return false;
}

// The maximal content nodes whose span lies within [lo, hi], in document order.
std::vector<const GumboNode*> NodesWithin(const DocumentOrder& order, std::uint32_t lo,
                                          std::uint32_t hi) {
  std::vector<const GumboNode*> out;
  if (lo > hi) return out;
  Walk(
      order.document(),
      [&](const GumboNode* node) {
        DocumentOrder::Span span = order.SpanOf(node);
        if (span.close < lo || span.open > hi) return false;
        if (span.open < lo || span.close > hi) return true;  // partly inside: look closer
        if (IsContent(node)) out.push_back(node);
        return false;
      },
      [](const GumboNode*) {});
  return out;
}

// Is there a block element between `a` and the later `b`: an ancestor of either
// below the one they share, whose end or start breaks the line?
bool BlockBetween(const GumboNode* a, const GumboNode* b) {
  std::unordered_set<const GumboNode*> above_a;
  for (const GumboNode* up = a->parent; up != nullptr; up = up->parent) above_a.insert(up);
  const GumboNode* common = b->parent;
  while (common != nullptr && above_a.count(common) == 0) common = common->parent;
  for (const GumboNode* node : {a, b}) {
    for (const GumboNode* up = node->parent; up != common; up = up->parent) {
      if (IsElement(up) && !IsInline(up)) return true;
    }
  }
  return false;
}

struct Found {
  const GumboNode* node;
  int range;  // index of the range that holds it; -1 for a CSS match
  std::uint32_t open;
};

std::vector<Found> FindAll(const DocumentOrder& order, const config::SelectorList& css,
                           const std::vector<config::RangeSelector>& ranges) {
  std::vector<Found> found;
  if (!css.empty()) {
    for (const GumboNode* node : SelectAll(order.document(), css)) {
      found.push_back({node, -1, order.SpanOf(node).open});
    }
  }
  for (size_t i = 0; i < ranges.size(); ++i) {
    for (const GumboNode* node : RangeNodes(order, ranges[i])) {
      found.push_back({node, static_cast<int>(i), order.SpanOf(node).open});
    }
  }
  std::stable_sort(found.begin(), found.end(),
                   [](const Found& x, const Found& y) { return x.open < y.open; });
  return found;
}

}  // namespace

DocumentOrder::DocumentOrder(const GumboNode* document) : document_(document) {
  std::uint32_t next = 0;
  Walk(
      document,
      [&](const GumboNode* node) {
        spans_[node].open = next++;
        if (IsElement(node)) elements_.push_back(node);
        return IsElement(node) || node->type == GUMBO_NODE_DOCUMENT;
      },
      [&](const GumboNode* node) { spans_[node].close = next++; });
}

const GumboNode* DocumentOrder::FirstMatchFrom(std::uint32_t position,
                                               const config::SelectorList& list) const {
  auto it = std::lower_bound(
      elements_.begin(), elements_.end(), position,
      [&](const GumboNode* node, std::uint32_t p) { return spans_.at(node).open < p; });
  for (; it != elements_.end(); ++it) {
    if (MatchesAny(*it, list)) return *it;
  }
  return nullptr;
}

std::vector<const GumboNode*> RangeNodes(const DocumentOrder& order,
                                         const config::RangeSelector& range) {
  const GumboNode* start = order.FirstMatchFrom(0, range.start);
  if (start == nullptr) return {};
  const DocumentOrder::Span s = order.SpanOf(start);
  const std::uint32_t lo = range.start_after ? s.close + 1 : s.open;
  const GumboNode* end = order.FirstMatchFrom(lo, range.end);
  if (end == nullptr) return {};
  const DocumentOrder::Span e = order.SpanOf(end);
  if (!range.end_after && e.open == 0) return {};
  return NodesWithin(order, lo, range.end_after ? e.close : e.open - 1);
}

Selection SelectEntries(const DocumentOrder& order, const config::SelectorList& css,
                        const std::vector<config::RangeSelector>& ranges,
                        const NodeSet& removed) {
  Selection out;
  const GumboNode* last = nullptr;
  int last_range = -1;
  std::uint32_t last_close = 0;
  for (const Found& f : FindAll(order, css, ranges)) {
    if (last != nullptr && f.open <= last_close) continue;  // inside the last one kept
    if (InsideAny(f.node, removed)) continue;
    // Range nodes continue the previous line when they are of one range (whose
    // nodes are contiguous) or of two ranges that meet, with no block between.
    bool contiguous = f.range >= 0 && last_range >= 0 &&
                      (f.range == last_range || f.open == last_close + 1);
    bool joined = last != nullptr && contiguous && !BlockBetween(last, f.node);
    out.roots.push_back(f.node);
    out.joined.push_back(joined);
    last = f.node;
    last_range = f.range;
    last_close = order.SpanOf(f.node).close;
  }
  return out;
}

void RemoveEntries(const DocumentOrder& order, const config::SelectorList& css,
                   const std::vector<config::RangeSelector>& ranges, NodeSet* removed) {
  if (!css.empty()) {
    for (const GumboNode* node : SelectAll(order.document(), css)) removed->insert(node);
  }
  for (const config::RangeSelector& range : ranges) {
    for (const GumboNode* node : RangeNodes(order, range)) removed->insert(node);
  }
}

}  // namespace pw::extract
