#include "extract/extract.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>

#include "extract/canonical.h"
#include "extract/internal/boilerplate.h"
#include "extract/internal/html.h"
#include "extract/internal/html_depth.h"
#include "extract/internal/ignore.h"
#include "extract/internal/match.h"
#include "extract/internal/range.h"
#include "extract/internal/script_shell.h"
#include "extract/parsed_html.h"
#include "extract/text.h"
#include "util/ascii.h"

namespace pw::extract {
namespace {

bool InsideAny(const GumboNode* node, const NodeSet& set) {
  for (; node != nullptr; node = node->parent) {
    if (set.count(node) > 0) return true;
  }
  return false;
}

Status Finish(const Options& options, Document* out, ExtractInfo* info) {
  if (!options.ignore.empty()) {
    Status s = ApplyIgnore(out, options.ignore);
    if (!s.ok()) return s;
  }
  info->text_bytes = TextBytes(*out);
  return Status::Ok();
}

}  // namespace

namespace {

Status ParseMarker(const char* key, const config::SelectorEntry& entry, const std::string& css,
                   config::SelectorList* out) {
  Status s = config::ParseSelectorList(css, out);
  if (!s.ok()) return Status::Error(std::string(key) + " " + entry.ToString() + ": " + s.message());
  return Status::Ok();
}

// A range entry: one start marker and one end marker.
Status ParseRange(const char* key, const config::SelectorEntry& entry,
                  config::RangeSelector* out) {
  const bool start_after = !entry.start_after.empty();
  const bool end_after = !entry.end_after.empty();
  if (start_after == !entry.start_before.empty() || end_after == !entry.end_before.empty()) {
    return Status::Error(std::string(key) + " " + entry.ToString() +
                         ": a range needs one start (start_before or start_after) and one end "
                         "(end_before or end_after)");
  }
  out->start_after = start_after;
  out->end_after = end_after;
  PW_RETURN_IF_ERROR(ParseMarker(key, entry, start_after ? entry.start_after : entry.start_before,
                                 &out->start));
  return ParseMarker(key, entry, end_after ? entry.end_after : entry.end_before, &out->end);
}

// Appends the parsed `entries` to *list (CSS) and *ranges.
Status ParseEntries(const char* key, const std::vector<config::SelectorEntry>& entries,
                    config::SelectorList* list, std::vector<config::RangeSelector>* ranges) {
  for (const config::SelectorEntry& entry : entries) {
    if (entry.IsRange()) {
      config::RangeSelector range;
      PW_RETURN_IF_ERROR(ParseRange(key, entry, &range));
      ranges->push_back(std::move(range));
      continue;
    }
    config::SelectorList parsed;
    Status s = config::ParseSelectorList(entry.css, &parsed);
    if (!s.ok()) return Status::Error(std::string(key) + " \"" + entry.css + "\": " + s.message());
    list->insert(list->end(), parsed.begin(), parsed.end());
  }
  return Status::Ok();
}

// `select` and `remove` without ranges: SelectAll alone.
Selection SelectCss(const GumboNode* document, const Options& options, NodeSet* removed) {
  if (!options.remove.empty()) {
    for (const GumboNode* node : SelectAll(document, options.remove)) removed->insert(node);
  }
  Selection out;
  if (options.select.empty()) return out;
  for (const GumboNode* node : SelectAll(document, options.select)) {
    if (!InsideAny(node, *removed)) out.roots.push_back(node);
  }
  return out;
}

// Fills *removed with what `remove` drops and returns what `select` keeps.
Selection ApplySelectors(const GumboNode* document, const Options& options, NodeSet* removed) {
  if (options.select_ranges.empty() && options.remove_ranges.empty()) {
    return SelectCss(document, options, removed);
  }
  DocumentOrder order(document);
  RemoveEntries(order, options.remove, options.remove_ranges, removed);
  return SelectEntries(order, options.select, options.select_ranges, *removed);
}

}  // namespace

Status MakeOptions(const std::vector<config::SelectorEntry>& select,
                   const std::vector<config::SelectorEntry>& remove,
                   const std::vector<std::string>& ignore, Options* out) {
  Options options;
  PW_RETURN_IF_ERROR(ParseEntries("select", select, &options.select, &options.select_ranges));
  PW_RETURN_IF_ERROR(ParseEntries("remove", remove, &options.remove, &options.remove_ranges));
  options.ignore = ignore;
  *out = std::move(options);
  return Status::Ok();
}

Status ExtractHtml(std::string_view utf8_html, const Options& options, Document* out,
                   ExtractInfo* info) {
  ExtractInfo local;
  if (info == nullptr) info = &local;
  *info = ExtractInfo();
  info->html = true;
  *out = Document();
  if (utf8_html.size() > kMaxExtractBytes) {
    return Status::Error("HTML body of " + std::to_string(utf8_html.size()) +
                         " bytes is over the extraction limit of " +
                         std::to_string(kMaxExtractBytes) + " bytes");
  }
  std::string capped;
  if (CapNesting(utf8_html, kMaxHtmlNesting, &capped)) {
    info->nesting_capped = true;
    utf8_html = capped;
  }
  ParsedHtml parsed(utf8_html);
  const GumboOutput* output = parsed.output();
  if (output == nullptr) return Status::Error("the HTML parser (Gumbo) gave no document");
  const GumboNode* document = output->document;
  info->script_shell = ScriptShellReasonOfTree(document, utf8_html.size());

  NodeSet removed;
  Selection selection = ApplySelectors(document, options, &removed);
  if (!options.select.empty() || !options.select_ranges.empty()) {
    info->selectors_used = true;
    info->main_content_rule = "select";
    info->selector_matched = !selection.roots.empty();
  } else {
    const GumboNode* body = HtmlBody(document);
    MarkHiddenDuplicates(body, &removed);
    MainContent main = RemoveChromeAndChooseMain(body, &removed);
    if (main.rule == "body" || main.rule == "densest") MarkLinkClusters(main.node, &removed);
    selection.roots.push_back(main.node);
    info->main_content_rule = main.rule;
  }
  ConvertHtml(selection.roots, removed, out, selection.joined);
  // An h1 opening the content names the policy better than <title>, which
  // often carries the site name and SEO words that change independently.
  const Section* first = out->sections.empty() ? nullptr : &out->sections.front();
  if (first != nullptr && first->level == 0 && first->blocks.empty()) first = nullptr;
  out->title = first != nullptr && first->level == 1 ? first->heading : HtmlTitle(document);
  return Finish(options, out, info);
}

bool LooksLikeHtml(std::string_view body) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  size_t start = body.find_first_not_of(" \t\r\n\f");
  if (start == std::string_view::npos) return false;
  std::string head = AsciiLower(body.substr(start, 2048));
  if (head.starts_with("<!doctype html") || head.starts_with("<html") ||
      head.starts_with("<?xml")) {
    return true;
  }
  if (head.find("<html") != std::string::npos || head.find("<body") != std::string::npos ||
      head.find("<head") != std::string::npos) {
    return true;
  }
  return head.size() > 1 && head[0] == '<' && (std::isalpha(static_cast<unsigned char>(head[1])) ||
                                                head[1] == '!') &&
         head.find("</") != std::string::npos;
}

Status Extract(std::string_view utf8_body, std::string_view content_type,
               const Options& options, Document* out, ExtractInfo* info) {
  if (IsPdf(content_type, utf8_body)) return ExtractPdf(utf8_body, options, out, info);
  std::string type = AsciiLower(content_type);
  if (type.find("html") != std::string::npos || LooksLikeHtml(utf8_body)) {
    return ExtractHtml(utf8_body, options, out, info);
  }
  ExtractInfo local;
  if (info == nullptr) info = &local;
  *info = ExtractInfo();
  info->main_content_rule = "text";
  info->selector_matched = true;
  if (utf8_body.size() > kMaxExtractBytes) {
    return Status::Error("text body of " + std::to_string(utf8_body.size()) +
                         " bytes is over the extraction limit of " +
                         std::to_string(kMaxExtractBytes) + " bytes");
  }
  *out = ParseText(utf8_body);
  return Finish(options, out, info);
}

}  // namespace pw::extract
