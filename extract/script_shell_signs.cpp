// The signs of a script shell: scripts, application roots, <noscript> messages.
#include <string_view>

#include "extract/internal/html_node.h"
#include "extract/internal/script_shell.h"
#include "extract/internal/text_scan.h"
#include "util/ascii.h"

namespace pw::extract {
namespace {

// Ids that the common frameworks give the element they render into: React
// (create-react-app, Vite), Vue, Next.js, Nuxt, Gatsby, Svelte.
constexpr std::string_view kAppRootIds[] = {"root", "app", "__next", "__nuxt", "___gatsby",
                                            "svelte"};
// Attributes that mark a framework's root: React 15-17, Angular, AngularJS.
constexpr const char* kAppRootAttributes[] = {"data-reactroot", "ng-version", "ng-app",
                                              "data-ng-app"};

// Words that, next to "javascript", ask the reader to turn it on (stems, so
// that "enable" also finds "enabled"; "activ" is French and Spanish).
constexpr std::string_view kAskWords[] = {
    // English
    "enabl", "turn on", "switch on", "requir", "need", "disabled", "must be", "support",
    // French
    "activ", "requis", "nécessit", "désactiv",
    // German
    "aktiv", "benötig", "erforderlich", "notwendig", "einschalten",
    // Spanish (and Portuguese habilitar)
    "habilit", "requiere", "necesit",
    // Italian
    "attiv", "abilit", "richied", "necessari",
    // Dutch
    "inschakel", "schakel", "vereist", "nodig", "uitgeschakeld",
    // Portuguese
    "ativar", "ative", "ativad", "requer", "precisa", "necessári"};

// A script the browser runs: no type, or a JavaScript / module one (not JSON
// data such as __NEXT_DATA__ or ld+json, nor a client-side template).
bool IsProgramScript(const GumboNode* script) {
  const char* type = Attribute(script, "type");
  if (type == nullptr || *type == '\0') return true;
  std::string t = AsciiLower(type);
  return t.find("javascript") != std::string::npos || t.find("ecmascript") != std::string::npos ||
         t == "module" || t.find("jsx") != std::string::npos ||
         t.find("babel") != std::string::npos;
}

// Bytes of an element's inline content (a <script>'s code).
size_t InlineBytes(const GumboNode* element) {
  size_t n = 0;
  const GumboVector* kids = Children(element);
  for (unsigned i = 0; kids != nullptr && i < kids->length; ++i) {
    const GumboNode* kid = static_cast<const GumboNode*>(kids->data[i]);
    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA) {
      n += std::string_view(kid->v.text.text).size();
    }
  }
  return n;
}

// The text under `element` (scripts and styles skipped), spaces collapsed,
// at most `limit` bytes.
std::string TextUnder(const GumboNode* element, size_t limit) {
  std::string text;
  Walk(
      element,
      [&](const GumboNode* node) {
        if (text.size() >= limit) return false;
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
          for (const char* p = node->v.text.text; *p != '\0' && text.size() < limit; ++p) {
            bool space = scan::IsHtmlSpace(*p);
            if (space && (text.empty() || text.back() == ' ')) continue;
            text.push_back(space ? ' ' : *p);
          }
          if (!text.empty() && text.back() != ' ') text.push_back(' ');
          return false;
        }
        if (!IsElement(node)) return true;
        GumboTag tag = node->v.element.tag;
        return tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE;
      },
      [](const GumboNode*) {});
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The attribute that makes `element` an application root, or nullptr.
const char* AppRootAttribute(const GumboNode* element) {
  const char* id = Attribute(element, "id");
  if (id != nullptr) {
    for (std::string_view root : kAppRootIds) {
      if (root == id) return "id";
    }
  }
  for (const char* attr : kAppRootAttributes) {
    if (Attribute(element, attr) != nullptr) return attr;
  }
  return nullptr;
}

bool IsAppRoot(const GumboNode* element) {
  return AppRootAttribute(element) != nullptr || TagName(element) == "app-root";
}

// Elements that a page's body holds around its application root without
// showing anything: scripts, styles, noscript, template, link, meta.
bool IsPlumbing(const GumboNode* element) {
  switch (element->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool AsksForJavaScript(std::string_view lowered) {
  if (lowered.find("javascript") == std::string_view::npos) return false;
  for (std::string_view word : kAskWords) {
    if (lowered.find(word) != std::string_view::npos) return true;
  }
  return false;
}

std::string ShowElement(const GumboNode* element, const char* attr) {
  std::string shown = "<" + TagName(element);
  if (attr != nullptr) {
    shown += std::string(" ") + attr;
    const char* value = Attribute(element, attr);
    if (value != nullptr && *value != '\0') {
      std::string_view v(value);
      shown += "=\"" + std::string(v.substr(0, 40)) + (v.size() > 40 ? "…" : "") + "\"";
    }
  }
  return shown + ">";
}

ShellSigns FindShellSigns(const GumboNode* document) {
  ShellSigns signs;
  Walk(
      document,
      [&](const GumboNode* node) {
        if (!IsElement(node)) return node->type == GUMBO_NODE_DOCUMENT;
        GumboTag tag = node->v.element.tag;
        if (tag == GUMBO_TAG_SCRIPT) {
          signs.runs_script = signs.runs_script || IsProgramScript(node);
          signs.script_bytes += InlineBytes(node);
          return false;
        }
        if (tag == GUMBO_TAG_NOSCRIPT) {
          std::string text = TextUnder(node, 400);
          if (signs.noscript_message.empty() && AsksForJavaScript(AsciiLower(text))) {
            signs.noscript_message = text;
          }
          return false;
        }
        if (signs.app_root == nullptr && IsAppRoot(node)) {
          signs.app_root = node;
          signs.app_root_tag = ShowElement(node, AppRootAttribute(node));
        }
        return true;
      },
      [](const GumboNode*) {});
  return signs;
}

const GumboNode* LoneEmptyDiv(const GumboNode* body) {
  const GumboNode* lone = nullptr;
  const GumboVector* kids = Children(body);
  for (unsigned i = 0; kids != nullptr && i < kids->length; ++i) {
    const GumboNode* kid = static_cast<const GumboNode*>(kids->data[i]);
    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA) return nullptr;
    if (!IsElement(kid) || IsPlumbing(kid)) continue;
    if (lone != nullptr) return nullptr;
    lone = kid;
  }
  if (lone == nullptr || lone->v.element.tag != GUMBO_TAG_DIV) return nullptr;
  return CountLetters(lone, 1) == 0 ? lone : nullptr;
}

}  // namespace pw::extract
