#include "extract/internal/boilerplate.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/internal/html_node.h"
#include "extract/internal/text_scan.h"
#include "util/ascii.h"

namespace pw::extract {
namespace {

struct Stats {
  size_t text = 0;  // non-whitespace bytes of text
  size_t link = 0;  // of which inside <a>
  int headings = 0;
  int paragraphs = 0;
  int long_paragraphs = 0;  // <p> with >= 80 bytes of non-link text: prose
  size_t words = 0;          // words of text
  int headline_links = 0;    // links to another page of the site, >= 5 words of text
};
using StatsMap = std::unordered_map<const GumboNode*, Stats>;

bool Skipped(const GumboNode* node, const NodeSet& removed) {
  return !IsElement(node) || IsNonContent(node) || removed.count(node) > 0;
}

size_t CountWords(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = scan::IsHtmlSpace(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

enum class LinkTarget { kNone, kRelative, kAbsolute };

// Where an <a> leads: nowhere else ("#...", mailto:, javascript:...), a page
// by a relative URL (this site), or an absolute http(s) URL (*host set,
// lower-case, without "www.").
LinkTarget TargetOf(const GumboNode* a, std::string* host) {
  const char* href = Attribute(a, "href");
  if (href == nullptr) return LinkTarget::kNone;
  std::string_view h(href);
  while (!h.empty() && scan::IsHtmlSpace(h.front())) h.remove_prefix(1);
  if (h.empty() || h[0] == '#') return LinkTarget::kNone;
  const std::string head = AsciiLower(h.substr(0, 8));
  size_t start = 0;
  if (head.starts_with("https://")) start = 8;
  else if (head.starts_with("http://")) start = 7;
  else if (head.starts_with("//")) start = 2;
  if (start == 0) {
    const size_t colon = h.find(':');
    const bool scheme = colon != std::string_view::npos && h.find_first_of("/?#") > colon;
    return scheme ? LinkTarget::kNone : LinkTarget::kRelative;
  }
  h.remove_prefix(start);
  *host = AsciiLower(h.substr(0, h.find_first_of("/?#")));
  if (host->starts_with("www.")) host->erase(0, 4);
  return LinkTarget::kAbsolute;
}

// Per-element text statistics of the subtree under `root`, bottom-up. A
// headline link is a link of >= 5 words to a page of the site: a relative URL,
// or an absolute one to the host most of the page's absolute links go to (at
// least 3), so that a list of other sites' pages (browsers' cookie help, the
// partners' policies) is no list of teasers.
StatsMap ComputeStats(const GumboNode* root, const NodeSet& removed) {
  StatsMap stats;
  int link_depth = 0;
  std::unordered_map<std::string, int> hosts;  // absolute links per host
  std::vector<std::pair<const GumboNode*, std::string>> absolute_headlines;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
          const size_t n = scan::CountNonSpace(node->v.text.text);
          Stats& parent = stats[node->parent];
          parent.text += n;
          parent.words += CountWords(node->v.text.text);
          if (link_depth > 0) parent.link += n;
          return false;
        }
        if (node != root && Skipped(node, removed)) return false;
        if (IsElement(node) && node->v.element.tag == GUMBO_TAG_A) ++link_depth;
        stats.try_emplace(node);
        return true;
      },
      [&](const GumboNode* node) {
        if (!IsElement(node) || (node != root && Skipped(node, removed))) return;
        if (node->v.element.tag == GUMBO_TAG_A) --link_depth;
        Stats& self = stats[node];
        if (HeadingLevel(node) > 0) ++self.headings;
        if (node->v.element.tag == GUMBO_TAG_P) {
          ++self.paragraphs;
          if (self.text - self.link >= 80) ++self.long_paragraphs;
        }
        if (node->v.element.tag == GUMBO_TAG_A) {
          std::string host;
          const LinkTarget target = TargetOf(node, &host);
          if (target == LinkTarget::kAbsolute) ++hosts[host];
          if (target == LinkTarget::kRelative && self.words >= 5) ++self.headline_links;
          if (target == LinkTarget::kAbsolute && self.words >= 5) {
            absolute_headlines.emplace_back(node, std::move(host));
          }
        }
        if (node == root || node->parent == nullptr) return;
        Stats copy = self;
        Stats& parent = stats[node->parent];
        parent.text += copy.text;
        parent.link += copy.link;
        parent.headings += copy.headings;
        parent.paragraphs += copy.paragraphs;
        parent.long_paragraphs += copy.long_paragraphs;
        parent.words += copy.words;
        parent.headline_links += copy.headline_links;
      });
  if (absolute_headlines.empty()) return stats;
  const std::string* site = nullptr;
  int most = 2;
  for (const auto& [host, n] : hosts) {
    if (n > most) {
      most = n;
      site = &host;
    }
  }
  for (const auto& [a, host] : absolute_headlines) {
    if (site == nullptr || host != *site) continue;
    for (const GumboNode* n = a; n != nullptr; n = n->parent) {
      ++stats[n].headline_links;
      if (n == root) break;
    }
  }
  return stats;
}

std::string LowerAttr(const GumboNode* node, const char* name) {
  const char* value = Attribute(node, name);
  return AsciiLower(value == nullptr ? "" : value);
}

bool IsRole(const GumboNode* node, std::initializer_list<std::string_view> roles) {
  std::string role = LowerAttr(node, "role");
  for (std::string_view r : roles) {
    if (role == r) return true;
  }
  return false;
}

bool IsLandmark(const GumboNode* node) {
  GumboTag tag = node->v.element.tag;
  return tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_ARTICLE || IsRole(node, {"main"});
}

// id + class + aria-label, lower-cased, space separated.
std::string Names(const GumboNode* node) {
  return LowerAttr(node, "id") + " " + LowerAttr(node, "class") + " " +
         LowerAttr(node, "aria-label");
}

bool ContainsAny(const std::string& text, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (text.find(w) != std::string::npos) return true;
  }
  return false;
}

// A whitespace-separated token of `names` is `word`, or `word` joined to other
// parts by '-' or '_' ("site-header", "footer_links", "nav-main").
bool HasNameToken(const std::string& names, std::initializer_list<std::string_view> words) {
  size_t pos = 0;
  while (pos < names.size()) {
    size_t end = names.find(' ', pos);
    if (end == std::string::npos) end = names.size();
    std::string_view token(names.data() + pos, end - pos);
    pos = end + 1;
    // Split the token on '-' / '_' and compare the parts.
    size_t p = 0;
    while (p <= token.size()) {
      size_t q = token.find_first_of("-_", p);
      if (q == std::string_view::npos) q = token.size();
      std::string_view part = token.substr(p, q - p);
      for (std::string_view w : words) {
        if (part == w) return true;
      }
      p = q + 1;
    }
  }
  return false;
}

bool IsConsentVendor(const std::string& names) {
  return ContainsAny(names, {"onetrust", "optanon", "cookiebot", "cybotcookiebot", "didomi",
                             "usercentrics", "truste", "trustarc", "qc-cmp", "cmpbox",
                             "sp_message", "cookieyes", "cky-consent", "iubenda-cs",
                             "osano", "termly", "klaro", "tarteaucitron", "axeptio"});
}

bool IsConsentName(const std::string& names) {
  return ContainsAny(names, {"cookie", "consent", "gdpr"}) || HasNameToken(names, {"cmp"});
}

bool IsChromeName(const std::string& names) {
  return HasNameToken(names, {"header", "footer", "nav", "navbar", "navigation", "menu", "copyright",
                              "breadcrumb", "breadcrumbs", "sidebar", "masthead", "topbar"});
}

bool IsContainerTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_UNKNOWN:
    case GUMBO_TAG_NAV: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
      return true;
    default:
      return false;
  }
}

bool IsSkipLink(const GumboNode* node) {
  if (node->v.element.tag != GUMBO_TAG_A) return false;
  const char* href = Attribute(node, "href");
  if (href == nullptr || href[0] != '#') return false;
  if (LowerAttr(node, "class").find("skip") != std::string::npos) return true;
  std::string text;
  Walk(
      node,
      [&](const GumboNode* n) {
        if (n->type == GUMBO_NODE_TEXT) text += n->v.text.text;
        return IsElement(n);
      },
      [](const GumboNode*) {});
  size_t start = text.find_first_not_of(" \t\r\n\f");
  if (start == std::string::npos) return false;
  return AsciiLower(text.substr(start, 4)) == "skip";
}

// Most of the element's links point inside the page (a table of contents).
bool IsInPageLinkList(const GumboNode* element) {
  int inside = 0, outside = 0;
  Walk(
      element,
      [&](const GumboNode* n) {
        if (!IsElement(n)) return false;
        if (n->v.element.tag == GUMBO_TAG_A) {
          const char* href = Attribute(n, "href");
          (href != nullptr && href[0] == '#' ? inside : outside) += 1;
        }
        return true;
      },
      [](const GumboNode*) {});
  return inside > outside;
}

// Page furniture that publishers name by what it is: comment threads, share
// and tag bars, related / most-popular / recommended teasers, ads and promos.
enum class Furniture { kNone, kComments, kOther };

Furniture FurnitureName(const std::string& names) {
  if (HasNameToken(names, {"comment", "comments", "commentlist", "disqus", "replies"})) {
    return Furniture::kComments;
  }
  if (HasNameToken(names, {"share", "sharing", "sharebar", "social", "related", "recommended",
                           "recommendations", "popular", "mostpopular", "trending", "promo",
                           "sponsored", "sponsor", "advert", "advertisement", "ad", "ads",
                           "adslot", "outbrain", "taboola", "newsletter", "tags", "tag",
                           "tagcloud", "taglist"})) {
    return Furniture::kOther;
  }
  return Furniture::kNone;
}

// A furniture-named container that is not policy text: a comment thread, or
// other furniture that is mostly links or has no prose, unless it is a
// section with a heading and few links (a policy's "Social media" part). One
// that holds most of the page's prose is the content whatever its name
// ("node--comments-open").
bool IsFurniture(const GumboNode* node, const Stats& s, const Stats& page) {
  GumboTag tag = node->v.element.tag;
  if (!IsContainerTag(tag) && tag != GUMBO_TAG_ARTICLE) return false;
  if (s.text == 0 || s.text * 4 >= page.text) return false;
  if (s.long_paragraphs >= 2 && s.long_paragraphs * 2 > page.long_paragraphs) return false;
  Furniture kind = FurnitureName(Names(node));
  if (kind == Furniture::kComments) return true;
  if (kind == Furniture::kNone) return false;
  const bool link_dense = s.link * 2 >= s.text;
  if (s.headings > 0 && s.link * 5 < s.text) return false;
  return link_dense || s.long_paragraphs == 0;
}

// A teaser: a short item (< 600 bytes, at most one paragraph of prose) led
// by a headline link to another page, mostly link text (or a quarter of it
// when the headline is a heading).
bool IsTeaser(const Stats& s) {
  if (s.headline_links == 0 || s.text >= 600 || s.long_paragraphs > 1) return false;
  return s.link * 2 >= s.text || (s.headings > 0 && s.link * 4 >= s.text);
}

// A list of teasers (related articles, "most popular", a teaser grid): a
// container with >= 3 teaser items holding >= 70% of its text, that holds less
// than half of the page's text or leaves an article (>= 3 prose paragraphs)
// elsewhere on the page. A real article (long paragraphs, few links) is never
// one, so teasers lose to it whatever their size.
bool IsTeaserList(const GumboNode* node, const StatsMap& stats, const Stats& s, const Stats& page) {
  if (!IsContainerTag(node->v.element.tag) || s.text == 0) return false;
  if (s.text * 2 >= page.text && page.long_paragraphs - s.long_paragraphs < 3) return false;
  int teasers = 0;
  size_t teaser_text = 0;
  const GumboVector& kids = node->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    const GumboNode* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (!IsElement(kid)) continue;
    auto it = stats.find(kid);
    if (it == stats.end() || !IsTeaser(it->second)) continue;
    ++teasers;
    teaser_text += it->second.text;
  }
  return teasers >= 3 && teaser_text * 10 >= s.text * 7;
}

// A "back to top" link: an in-page link to "#top" or to an element that
// holds the link (the page, its wrapper). A table of contents links to what
// follows it, and stays.
bool IsBackToTop(const GumboNode* a) {
  const char* href = Attribute(a, "href");
  if (href == nullptr || href[0] != '#') return false;
  const std::string target(href + 1);
  if (AsciiLower(target) == "top") return true;
  if (target.empty()) return false;
  for (const GumboNode* up = a->parent; up != nullptr; up = up->parent) {
    const char* id = Attribute(up, "id");
    if (id != nullptr && target == id) return true;
  }
  return false;
}

struct Context {
  int landmark = 0;  // open main / article / role=main ancestors
  int heading = 0;   // open heading ancestors
};

bool IsChrome(const GumboNode* node, const Context& ctx, const StatsMap& stats, const Stats& s,
              const Stats& page) {
  const size_t total = page.text;
  GumboTag tag = node->v.element.tag;
  bool in_landmark = ctx.landmark > 0;
  double link_density = s.text == 0 ? 0.0 : static_cast<double>(s.link) / s.text;
  if ((tag == GUMBO_TAG_UNKNOWN && TagName(node) == "dialog") || IsRole(node, {"dialog", "alertdialog"}) ||
      LowerAttr(node, "aria-modal") == "true") {
    return true;
  }
  if (IsRole(node, {"navigation", "search", "banner", "contentinfo", "complementary"})) {
    return true;
  }
  switch (tag) {
    case GUMBO_TAG_NAV:
      return true;
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER:
      if (!in_landmark) return true;
      break;
    case GUMBO_TAG_ASIDE:
      if (!in_landmark || link_density > 0.5) return true;
      break;
    case GUMBO_TAG_FORM:
      if (s.headings == 0 && s.paragraphs < 3) return true;
      break;
    case GUMBO_TAG_BUTTON:
      if (ctx.heading == 0 && Attribute(node, "aria-expanded") == nullptr &&
          Attribute(node, "aria-controls") == nullptr) {
        return true;
      }
      break;
    case GUMBO_TAG_A:
      if (IsSkipLink(node) || IsBackToTop(node)) return true;
      break;
    default:
      break;
  }
  std::string names = Names(node);
  if (names.size() > 2) {
    if (IsConsentVendor(names)) return true;
    if (IsContainerTag(tag) && IsConsentName(names) && s.text * 5 < total) return true;
    if (!in_landmark && IsContainerTag(tag) && tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL &&
        s.text * 4 < total) {
      if (IsChromeName(names) && s.headings == 0) return true;
      if (HasNameToken(names, {"language", "languages", "lang", "locale", "wpml"})) return true;
    }
  }
  if (IsHidden(node) && link_density > 0.5) return true;
  if (names.size() > 2 && IsFurniture(node, s, page)) return true;
  return IsTeaserList(node, stats, s, page);
}

// MarkBoilerplate over `stats` (ComputeStats of root); the nodes it removes are
// also appended to *newly.
void MarkWithStats(const GumboNode* root, StatsMap& stats, NodeSet* removed,
                   std::vector<const GumboNode*>* newly) {
  const Stats page = stats[root];
  Context ctx;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (Skipped(node, *removed)) return false;
        if (node != root && IsChrome(node, ctx, stats, stats[node], page)) {
          removed->insert(node);
          newly->push_back(node);
          return false;
        }
        if (IsLandmark(node)) ++ctx.landmark;
        if (HeadingLevel(node) > 0) ++ctx.heading;
        return true;
      },
      [&](const GumboNode* node) {
        if (Skipped(node, *removed)) return;
        if (IsLandmark(node)) --ctx.landmark;
        if (HeadingLevel(node) > 0) --ctx.heading;
      });
}

// Makes `stats` (ComputeStats of root before `newly` were removed) what
// ComputeStats gives with them removed: each removed subtree's figures come off
// its ancestors, and a <p> on the way that falls below the prose length stops
// counting as a long paragraph. (Removed subtrees never nest: MarkBoilerplate
// does not look inside what it removes.)
void SubtractRemoved(const GumboNode* root, const std::vector<const GumboNode*>& newly,
                     StatsMap* stats) {
  for (const GumboNode* gone : newly) {
    Stats d = (*stats)[gone];
    for (const GumboNode* a = gone->parent; a != nullptr; a = a->parent) {
      Stats& s = (*stats)[a];
      const bool p = IsElement(a) && a->v.element.tag == GUMBO_TAG_P;
      const bool long_before = p && s.text - s.link >= 80;
      s.text -= d.text;
      s.link -= d.link;
      s.headings -= d.headings;
      s.paragraphs -= d.paragraphs;
      s.long_paragraphs -= d.long_paragraphs;
      s.words -= d.words;
      s.headline_links -= d.headline_links;
      const bool long_after = p && s.text - s.link >= 80;
      if (long_before != long_after) {
        s.long_paragraphs += long_after ? 1 : -1;
        d.long_paragraphs += long_before ? 1 : -1;  // as the ancestors above count it
      }
      if (a == root) break;
    }
  }
}

MainContent ChooseWithStats(const GumboNode* body, const NodeSet& removed, StatsMap& stats) {
  size_t total = stats[body].text;
  if (total == 0) return {body, "body"};

  const GumboNode* best_main = nullptr;
  const GumboNode* best_any = nullptr;
  Walk(
      body,
      [&](const GumboNode* node) {
        if (Skipped(node, removed)) return false;
        if (node != body && IsLandmark(node) && !IsHidden(node)) {
          size_t text = stats[node].text;
          bool is_main = node->v.element.tag != GUMBO_TAG_ARTICLE;
          if (is_main && (best_main == nullptr || text > stats[best_main].text)) best_main = node;
          if (best_any == nullptr || text > stats[best_any].text) best_any = node;
        }
        return true;
      },
      [](const GumboNode*) {});
  auto rule_of = [](const GumboNode* node) -> std::string {
    if (node->v.element.tag == GUMBO_TAG_MAIN) return "main";
    if (node->v.element.tag == GUMBO_TAG_ARTICLE) return "article";
    return "role=main";
  };
  if (best_main != nullptr && stats[best_main].text * 2 >= total) {
    return {best_main, rule_of(best_main)};
  }
  if (best_any != nullptr && stats[best_any].text * 10 >= total * 4) {
    return {best_any, rule_of(best_any)};
  }

  // Densest subtree: descend while one child holds nearly all the non-link text.
  auto good = [&](const GumboNode* node) {
    const Stats& s = stats[node];
    return s.text - s.link;
  };
  size_t body_good = good(body);
  const GumboNode* node = body;
  while (true) {
    const GumboNode* best_child = nullptr;
    const GumboVector* kids = Children(node);
    for (unsigned i = 0; kids != nullptr && i < kids->length; ++i) {
      const GumboNode* child = static_cast<const GumboNode*>(kids->data[i]);
      if (Skipped(child, removed)) continue;
      if (best_child == nullptr || good(child) > good(best_child)) best_child = child;
    }
    if (best_child == nullptr || good(best_child) * 100 < body_good * 97) break;
    // Prose left behind in a sibling is content (an introduction, say): stop.
    if (stats[node].long_paragraphs > stats[best_child].long_paragraphs) break;
    node = best_child;
  }
  return {node, node == body ? "body" : "densest"};
}

}  // namespace

void MarkBoilerplate(const GumboNode* root, NodeSet* removed) {
  StatsMap stats = ComputeStats(root, *removed);
  std::vector<const GumboNode*> newly;
  MarkWithStats(root, stats, removed, &newly);
}

MainContent ChooseMainContent(const GumboNode* body, const NodeSet& removed) {
  StatsMap stats = ComputeStats(body, removed);
  return ChooseWithStats(body, removed, stats);
}

MainContent RemoveChromeAndChooseMain(const GumboNode* body, NodeSet* removed) {
  StatsMap stats = ComputeStats(body, *removed);
  std::vector<const GumboNode*> newly;
  MarkWithStats(body, stats, removed, &newly);
  SubtractRemoved(body, newly, &stats);
  return ChooseWithStats(body, *removed, stats);
}

void MarkLinkClusters(const GumboNode* root, NodeSet* removed) {
  StatsMap stats = ComputeStats(root, *removed);
  Walk(
      root,
      [&](const GumboNode* node) {
        if (Skipped(node, *removed)) return false;
        const Stats& s = stats[node];
        GumboTag tag = node->v.element.tag;
        bool container = tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION ||
                         tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_UNKNOWN;
        if (node != root && container && s.text > 0 && s.text < 2000 &&
            s.link * 10 >= s.text * 8 && !IsInPageLinkList(node)) {
          removed->insert(node);
          return false;
        }
        return true;
      },
      [](const GumboNode*) {});
}

}  // namespace pw::extract
