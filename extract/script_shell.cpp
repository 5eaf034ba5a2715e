// A "script shell": a page whose text scripts build after it loads. See
// extract/internal/script_shell.h for the rule and its thresholds.
#include <utf8proc.h>

#include <algorithm>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/html.h"
#include "extract/internal/html_depth.h"
#include "extract/internal/html_node.h"
#include "extract/internal/script_shell.h"
#include "extract/parsed_html.h"

namespace pw::extract {
namespace {

// Letters in UTF-8 `text`: ASCII by range, the rest by Unicode category
// (Lu, Ll, Lt, Lm, Lo); invalid bytes are not letters.
size_t LettersIn(std::string_view text) {
  size_t n = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    if (*p < 0x80) {
      unsigned char lower = *p | 0x20;
      n += lower >= 'a' && lower <= 'z';
      ++p, --left;
      continue;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
    if (len <= 0) len = 1;
    utf8proc_category_t category = utf8proc_category(cp);
    n += len > 1 && category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
    p += len, left -= len;
  }
  return n;
}

// "a", "a and b", "a, b and c".
std::string JoinSigns(const std::vector<std::string>& signs) {
  std::string joined;
  for (size_t i = 0; i < signs.size(); ++i) {
    if (i > 0) joined += i + 1 == signs.size() ? " and " : ", ";
    joined += signs[i];
  }
  return joined;
}

// `text` cut to about `max` bytes at a UTF-8 boundary, with "…" when cut.
std::string Shorten(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// The application root sign, for a user: how empty the root is.
std::string DescribeAppRoot(const GumboNode* root, const std::string& shown) {
  size_t letters = CountLetters(root, kShellMaxLetters);
  if (letters == 0) return "an empty application root " + shown;
  return "an application root " + shown + " holding only " + std::to_string(letters) +
         " letters";
}

// The signs seen, each as a phrase for a user.
std::vector<std::string> DescribeSigns(const ShellSigns& signs, const GumboNode* body,
                                       size_t html_bytes) {
  std::vector<std::string> seen;
  if (signs.app_root != nullptr) {
    seen.push_back(DescribeAppRoot(signs.app_root, signs.app_root_tag));
  } else if (const GumboNode* lone = LoneEmptyDiv(body)) {
    const char* attr = Attribute(lone, "id") != nullptr      ? "id"
                       : Attribute(lone, "class") != nullptr ? "class"
                                                             : nullptr;
    seen.push_back("a body holding only an empty " + ShowElement(lone, attr) +
                   " besides scripts");
  }
  if (!signs.noscript_message.empty()) {
    seen.push_back("a <noscript> asking for JavaScript (\"" +
                   Shorten(signs.noscript_message, 100) + "\")");
  }
  double share = html_bytes == 0 ? 0.0 : static_cast<double>(signs.script_bytes) / html_bytes;
  if (share > kShellMinScriptShare) {
    seen.push_back("scripts making up " + std::to_string(static_cast<int>(share * 100)) +
                   "% of its bytes");
  }
  return seen;
}

}  // namespace

size_t CountLetters(const GumboNode* root, size_t limit) {
  size_t letters = 0;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (letters >= limit) return false;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
          letters += LettersIn(node->v.text.text);
          return false;
        }
        return !IsNonContent(node);
      },
      [](const GumboNode*) {});
  return std::min(letters, limit);
}

std::string ScriptShellReasonOfTree(const GumboNode* document, size_t html_bytes) {
  const GumboNode* body = HtmlBody(document);
  size_t letters = CountLetters(body, kShellMaxLetters);
  if (letters >= kShellMaxLetters) return "";
  ShellSigns signs = FindShellSigns(document);
  if (!signs.runs_script) return "";  // an empty page, not one scripts fill
  std::vector<std::string> seen = DescribeSigns(signs, body, html_bytes);
  if (seen.empty()) return "";
  seen.insert(seen.begin(),
              "the page has almost no text of its own (" + std::to_string(letters) + " letters)");
  return JoinSigns(seen) + ": its text is built by scripts";
}

std::string ScriptShellReason(std::string_view utf8_html) {
  if (utf8_html.size() > kMaxExtractBytes) return "";
  std::string capped;
  if (CapNesting(utf8_html, kMaxHtmlNesting, &capped)) utf8_html = capped;
  ParsedHtml parsed(utf8_html);
  if (parsed.output() == nullptr) return "";
  return ScriptShellReasonOfTree(parsed.output()->document, utf8_html.size());
}

}  // namespace pw::extract
