// The extract module's entry point: a fetched body -> a sectioned Document.
//
//   Options options;                       // select / remove / ignore
//   Document doc;
//   ExtractInfo info;
//   Status s = Extract(body, "text/html; charset=utf-8", options, &doc, &info);
//   if (info.selectors_used && !info.selector_matched) -> extraction_suspect
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/document.h"
#include "config/selector.h"
#include "util/status.h"

namespace pw::extract {

struct Options {
  config::SelectorList select;  // union of matches, in document order; empty: automatic
  config::SelectorList remove;  // subtrees dropped first (in both modes)
  std::vector<std::string> ignore;  // ECMAScript regexes of volatile text
};

// Parses the selector texts (as written in the config) into *out.
// Errors name the selector that was wrong.
Status MakeOptions(const std::vector<std::string>& select,
                   const std::vector<std::string>& remove,
                   const std::vector<std::string>& ignore, Options* out);

// What happened during an extraction, for the daemon's suspicion checks and
// for `policywatch extract` diagnostics.
struct ExtractInfo {
  bool html = false;              // parsed as HTML (else Markdown / plain text)
  bool selectors_used = false;    // `select` was configured (and the body is HTML)
  bool selector_matched = false;  // ... and matched at least one element
  size_t text_bytes = 0;          // bytes of headings + block text extracted
  std::string main_content_rule;  // "select", "main", "article", "role=main",
                                  // "densest", "body", "text"
  bool nesting_capped = false;    // the page nested deeper than kMaxHtmlNesting
};

// The largest body accepted (the fetcher caps bodies well below this).
inline constexpr size_t kMaxExtractBytes = 64u << 20;

// Extracts `utf8_html` into *out (replaced). With `select`, the union of its
// matches (minus `remove`); without, the page's main content with its chrome
// dropped (see boilerplate.h). Malformed markup is fine; fails only on bodies
// over kMaxExtractBytes or a bad `ignore` regex. A selector that matches
// nothing is not an error: info->selector_matched says so and *out is empty.
Status ExtractHtml(std::string_view utf8_html, const Options& options, Document* out,
                   ExtractInfo* info = nullptr);

// Dispatches on `content_type` (…html… -> HTML; anything else is sniffed: a body
// starting with <!doctype html>, <html>, or tags with end tags is HTML) else
// Markdown / plain text via ParseText (selectors do not apply to text).
Status Extract(std::string_view utf8_body, std::string_view content_type,
               const Options& options, Document* out, ExtractInfo* info = nullptr);

// True if `body` looks like HTML (the sniffing rule of Extract).
bool LooksLikeHtml(std::string_view body);

}  // namespace pw::extract
