// Recognising a "script shell" from a parse tree: a page that carries almost
// no text of its own because scripts build it after the page loads, so what a
// static fetch sees is not the document (the public entry point is
// ScriptShellReason in extract/extract.h). Internal to extract/.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace pw::extract {

// At most this many letters of its own text for a page to be a shell: about
// 50 words, two or three sentences. Shells hold a title, a "Loading…" or a
// <noscript> message (typically 0-100 letters); the shortest real policy,
// and even a server-rendered page's cookie banner plus footer, has more.
inline constexpr size_t kShellMaxLetters = 300;

// Scripts (inline code and data) making up more than this share of the page's
// bytes count as a sign of a shell: "most of the page is script".
inline constexpr double kShellMinScriptShare = 0.5;

// The letters (Unicode category L) of the text under `root`, not counting
// script, style, noscript, template and other non-content elements; counting
// stops once it reaches `limit` (the result is then `limit`).
size_t CountLetters(const GumboNode* root, size_t limit);

// What the page holds that a shell holds (script_shell_signs.cpp), from one
// walk of the whole document.
struct ShellSigns {
  bool runs_script = false;  // a <script> that runs (not JSON or a template)
  size_t script_bytes = 0;   // inline content of every <script>, data included
  // The first application root: an element with id root, app, __next, __nuxt,
  // ___gatsby or svelte, data-reactroot, ng-version, ng-app, or <app-root>.
  const GumboNode* app_root = nullptr;
  std::string app_root_tag;        // as the user would find it: <div id="root">
  std::string noscript_message;    // a <noscript> asking for JavaScript, its text
};
ShellSigns FindShellSigns(const GumboNode* document);

// A body whose only content element is one empty <div> (besides scripts,
// styles, noscript, template, link and meta): that div; else nullptr.
const GumboNode* LoneEmptyDiv(const GumboNode* body);

// True if `lowered` (ASCII-lower-cased <noscript> text) asks for JavaScript,
// in English, French, German, Spanish, Italian, Dutch or Portuguese.
bool AsksForJavaScript(std::string_view lowered);

// `<tag attr="value">` for showing an element to a user (value shortened).
std::string ShowElement(const GumboNode* element, const char* attr);

// Why the page parsed as `document` (from `html_bytes` bytes) looks like a
// script shell, for a user; "" when it does not. Needs little text of its own
// (< kShellMaxLetters letters), at least one script that runs, and a sign: an
// application root with (almost) no text, a <noscript> asking for JavaScript,
// or scripts making up most of the page's bytes. Cheap on pages with text:
// the count stops at kShellMaxLetters.
std::string ScriptShellReasonOfTree(const GumboNode* document, size_t html_bytes);

}  // namespace pw::extract
