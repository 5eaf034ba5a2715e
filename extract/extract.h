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
  // select and select_ranges: the union of their matches, in document order,
  // each node once (one inside another is held by the outer); both empty:
  // automatic. A range holds the nodes between its markers (extract/internal/
  // range.h): text nodes too, so part of a paragraph can be selected.
  config::SelectorList select;
  std::vector<config::RangeSelector> select_ranges;
  // What these match is dropped first (in both modes).
  config::SelectorList remove;
  std::vector<config::RangeSelector> remove_ranges;
  std::vector<std::string> ignore;  // ECMAScript regexes of volatile text
};

// Parses the select and remove entries (as written in the config: CSS or
// ranges) into *out. Errors name the entry that was wrong.
Status MakeOptions(const std::vector<config::SelectorEntry>& select,
                   const std::vector<config::SelectorEntry>& remove,
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
  // HTML only: why the page looks like a shell whose text scripts build (see
  // ScriptShellReason), "" when it does not.
  std::string script_shell;
  // PDF only.
  bool pdf = false;
  int pdf_pages = 0;
  bool pdf_without_text = false;  // no text layer (a scan): nothing to read, no OCR
};

// The largest body accepted (the fetcher caps bodies well below this).
inline constexpr size_t kMaxExtractBytes = 64u << 20;

// Extracts `utf8_html` into *out (replaced). With `select`, the union of its
// matches (minus `remove`); without, the page's main content with its chrome
// dropped (see boilerplate.h). Malformed markup is fine; fails only on bodies
// over kMaxExtractBytes or a bad `ignore` regex. A selector that matches
// nothing is not an error: info->selector_matched says so and *out is empty.
// A range whose start matches nothing, or whose end matches no element opening
// after the start boundary, matches nothing (in select: selector_matched stays
// false unless another entry matched; in remove: nothing is dropped).
Status ExtractHtml(std::string_view utf8_html, const Options& options, Document* out,
                   ExtractInfo* info = nullptr);

// Dispatches on `content_type`: a PDF (IsPdf) -> ExtractPdf; …html… -> HTML;
// anything else is sniffed: a body
// starting with <!doctype html>, <html>, or tags with end tags is HTML) else
// Markdown / plain text via ParseText (selectors do not apply to text).
Status Extract(std::string_view utf8_body, std::string_view content_type,
               const Options& options, Document* out, ExtractInfo* info = nullptr);

// True if `body` looks like HTML (the sniffing rule of Extract).
bool LooksLikeHtml(std::string_view body);

// True if the body is a PDF: `content_type` application/pdf (or x-pdf), or a
// body that starts with the "%PDF-" signature (within its first 1024 bytes).
// PDFs are binary: give Extract the raw bytes, not a charset-converted body.
bool IsPdf(std::string_view content_type, std::string_view body);

// A PDF's text through Poppler, reflowed and sectioned (extract/pdf.h); fails on
// a PDF Poppler cannot open (truncated, encrypted, not a PDF). A PDF without a
// text layer is not an error: *out is empty and info->pdf_without_text is set.
// Selectors do not apply; `ignore` does.
Status ExtractPdf(std::string_view pdf, const Options& options, Document* out,
                  ExtractInfo* info = nullptr);

// Why `utf8_html` looks like a page whose text is built by scripts after it
// loads, for a user ("" when it does not): little text of its own, and an empty
// application root (<div id="root"></div> and the like), a <noscript> asking for
// JavaScript, or mostly <script>. `render = "auto"` renders such pages with the
// browser; with `render = "static"` they are reported extraction_suspect.
std::string ScriptShellReason(std::string_view utf8_html);

}  // namespace pw::extract
