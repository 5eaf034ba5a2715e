// Automatic mode (no `select` configured): what is page chrome, and where the
// main content is.
//
// Chrome, removed wherever it is:
//  - modal dialogs: <dialog>, role=dialog|alertdialog, aria-modal=true;
//  - cookie / consent banners: id, class or aria-label naming a consent vendor
//    (onetrust, cookiebot, didomi, usercentrics, truste, quantcast cmp...) always;
//    naming cookie|consent|gdpr|cmp only on a container holding < 20% of the
//    page's text (so a cookie *policy* and its cookie tables stay);
//  - <nav>, role=navigation|search|banner|contentinfo|complementary;
//  - <header>/<footer> outside <main>/<article>/role=main (inside an article
//    they usually hold its title and dates: policy text, kept);
//  - <aside> outside main/article, or inside with mostly links;
//  - <form> unless it wraps content (a heading or 3+ paragraphs: ASP.NET pages
//    wrap the whole page in one form); <button> unless it is in a heading or is
//    an accordion toggle (aria-expanded / aria-controls);
//  - skip links; hidden elements (hidden, aria-hidden, display:none) that are
//    mostly links (menus). Hidden text is otherwise kept: collapsed accordions,
//    <details> and "read more" blocks are policy text.
//  - containers whose id/class says header, footer, nav, menu, breadcrumb or
//    sidebar (and no heading), or a language switcher, outside main/article,
//    with < 25% of the page's text.
//  - anywhere, furniture containers (< 25% of the page's text) whose id/class
//    says comment(s)/disqus/replies (a comment thread), or share, social,
//    tags, related, recommended, popular, trending, promo, sponsored, ad(s),
//    advert(isement), newsletter, outbrain, taboola when mostly links or
//    without prose (>= 80 bytes in a <p>); a section with a heading and few
//    links (< 20%) stays, whatever its name;
//  - teaser lists (related articles, "most popular", teaser grids): a
//    container whose >= 3 child items hold >= 70% of its text and are each a
//    teaser, that holds < 50% of the page's text or leaves >= 3 prose
//    paragraphs elsewhere (an article wins over teasers). A teaser: < 600 bytes, at most one prose
//    paragraph, a link of >= 5 words to another page, and >= 50% link text
//    (>= 25% when it has a heading);
//  - "back to top" links: in-page links to #top or to an element holding
//    the link.
//
// Main content: the <main>/role=main holding >= 50% of the page's remaining
// text; else the main/article candidate with the most text if it holds >= 40%
// (so a promo article or a sidebar that comes first loses); else the densest
// subtree: descend from <body> while one child holds >= 97% of the non-link
// text and no sibling left behind holds a paragraph of prose (>= 80 bytes).
#pragma once

#include <gumbo.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace pw::extract {

using NodeSet = std::unordered_set<const GumboNode*>;

// Adds the chrome under `root` to *removed (which may already hold nodes
// removed by `remove` selectors; those subtrees are not examined).
void MarkBoilerplate(const GumboNode* root, NodeSet* removed);

struct MainContent {
  const GumboNode* node = nullptr;  // the subtree to extract
  std::string rule;                 // "main", "article", "role=main", "densest", "body"
};

// Chooses the main content under `body`, ignoring `removed` subtrees.
MainContent ChooseMainContent(const GumboNode* body, const NodeSet& removed);

// MarkBoilerplate(body, removed), then ChooseMainContent(body, *removed): the
// same result from one pass of text statistics instead of two. Extraction uses
// this; the two on their own are its reference (boilerplate_test.cpp).
MainContent RemoveChromeAndChooseMain(const GumboNode* body, NodeSet* removed);

// Hidden copies (hidden, aria-hidden, display:none / visibility:hidden, or a
// class that hides: "hidden", "d-none", "sr-only"...; subtrees of >= 4 words) whose text is >= 80% found in the page's visible text
// (4-word shingles), or in a hidden block kept before them: schema.org
// `itemprop` blocks, a collapsed duplicate of the article. Hidden text found
// nowhere else (an accordion panel, a "read more" part) stays. Adds them to
// *removed.
void MarkHiddenDuplicates(const GumboNode* root, NodeSet* removed);

// For a main content found by density ("body" / "densest"), which may still
// hold chrome: removes containers (div, section, lists) of < 2000 bytes whose
// text is >= 80% links, unless the links mostly point inside the page (a table
// of contents).
void MarkLinkClusters(const GumboNode* root, NodeSet* removed);

}  // namespace pw::extract
