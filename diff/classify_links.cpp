// The one rule for links: a change that stays inside a link on both sides — a
// Markdown link target or a visible URL, domain, path, e-mail address or
// identifier (links.h) — is a link change, never material by itself: cosmetic
// when only targets changed (the reader sees the same words), minor when the
// visible address changed. The diff keeps the changed target visible.
#include <algorithm>

#include "diff/internal/classify_rules.h"

namespace pw::diff {
namespace {

// The span of `links` holding the changed bytes [begin, end) of `body`
// (spaces at either end aside; an empty range may touch the span's ends).
const LinkSpan* Enclosing(std::string_view body, const std::vector<LinkSpan>& links, size_t begin,
                          size_t end) {
  while (begin < end && (body[begin] == ' ' || body[begin] == '\n')) ++begin;
  while (end > begin && (body[end - 1] == ' ' || body[end - 1] == '\n')) --end;
  auto it = std::lower_bound(links.begin(), links.end(), begin,
                             [](const LinkSpan& s, size_t pos) { return s.end < pos; });
  if (it == links.end() || it->begin > begin || end > it->end) return nullptr;
  return &*it;
}

}  // namespace

const std::vector<LinkSpan>& SectionView::Links(bool in_new) const {
  int k = in_new ? 1 : 0;
  if (!has_links_[k]) {
    links_[k] = LinkSpans(in_new ? new_body : old_body);
    has_links_[k] = true;
  }
  return links_[k];
}

bool ExplainedAsLinkChange(const Hunk& h, const SectionView& section, SectionChange* change) {
  const LinkSpan* was = Enclosing(section.old_body, section.Links(false), h.old_begin, h.old_end);
  if (was == nullptr) return false;
  const LinkSpan* is = Enclosing(section.new_body, section.Links(true), h.new_begin, h.new_end);
  if (is == nullptr) return false;
  bool visible = !was->target || !is->target;
  Raise(visible ? Severity::kMinor : Severity::kCosmetic, change);
  AddReason("link changed: \"" + Quote(section.old_body.substr(was->begin, was->end - was->begin), 120) +
                "\" -> \"" + Quote(section.new_body.substr(is->begin, is->end - is->begin), 120) + "\"",
            change);
  return true;
}

}  // namespace pw::diff
