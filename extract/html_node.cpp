#include "extract/internal/html_node.h"

#include "extract/internal/text_scan.h"
#include "util/ascii.h"

namespace pw::extract {

std::string TagName(const GumboNode* element) {
  const GumboElement& el = element->v.element;
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  if (piece.data == nullptr) return "";
  return AsciiLower(std::string_view(piece.data, piece.length));
}

const char* Attribute(const GumboNode* element, const char* name) {
  if (!IsElement(element)) return nullptr;
  const GumboAttribute* attr = gumbo_get_attribute(&element->v.element.attributes, name);
  return attr == nullptr ? nullptr : attr->value;
}

bool HasToken(const GumboNode* element, const char* name, std::string_view token) {
  const char* value = Attribute(element, name);
  if (value == nullptr) return false;
  std::string_view rest(value);
  while (!rest.empty()) {
    size_t start = rest.find_first_not_of(" \t\n\r\f");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    size_t end = rest.find_first_of(" \t\n\r\f");
    if (rest.substr(0, end) == token) return true;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  return false;
}

const GumboVector* Children(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (IsElement(node)) return &node->v.element.children;
  return nullptr;
}

}  // namespace pw::extract

namespace pw::extract {

bool IsNonContent(const GumboNode* element) {
  if (!IsElement(element)) return false;
  switch (element->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
    case GUMBO_TAG_DATALIST:
      return true;
    default:
      return false;
  }
}

bool IsInline(const GumboNode* element) {
  if (!IsElement(element)) return true;
  switch (element->v.element.tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I:
    case GUMBO_TAG_KBD: case GUMBO_TAG_MARK: case GUMBO_TAG_Q: case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_U:
    case GUMBO_TAG_VAR: case GUMBO_TAG_WBR: case GUMBO_TAG_DEL: case GUMBO_TAG_INS:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_IMG: case GUMBO_TAG_BIG: case GUMBO_TAG_TT:
    case GUMBO_TAG_STRIKE: case GUMBO_TAG_NOBR: case GUMBO_TAG_ACRONYM: case GUMBO_TAG_RUBY:
    case GUMBO_TAG_RT: case GUMBO_TAG_RP:
      return true;
    default:
      return false;
  }
}

int HeadingLevel(const GumboNode* element) {
  if (!IsElement(element)) return 0;
  switch (element->v.element.tag) {
    case GUMBO_TAG_H1: return 1;
    case GUMBO_TAG_H2: return 2;
    case GUMBO_TAG_H3: return 3;
    case GUMBO_TAG_H4: return 4;
    case GUMBO_TAG_H5: return 5;
    case GUMBO_TAG_H6: return 6;
    default: break;
  }
  const char* role = Attribute(element, "role");
  if (role == nullptr || AsciiLower(role) != "heading") return 0;
  const char* level = Attribute(element, "aria-level");
  if (level != nullptr && level[0] >= '1' && level[0] <= '6' && level[1] == '\0') {
    return level[0] - '0';
  }
  return 2;
}

std::string CompactStyle(const GumboNode* element) {
  const char* style = Attribute(element, "style");
  std::string compact;
  if (style == nullptr) return compact;
  for (char c : AsciiLower(style)) {
    if (!scan::IsHtmlSpace(c)) compact.push_back(c);
  }
  return compact;
}

bool IsHidden(const GumboNode* element) {
  if (!IsElement(element)) return false;
  if (Attribute(element, "hidden") != nullptr) return true;
  const char* aria = Attribute(element, "aria-hidden");
  if (aria != nullptr && AsciiLower(aria) == "true") return true;
  const std::string compact = CompactStyle(element);
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

size_t TextLength(const GumboNode* node) {
  size_t length = 0;
  Walk(
      node,
      [&](const GumboNode* n) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
          for (const char* p = n->v.text.text; *p != '\0'; ++p) {
            if (!scan::IsHtmlSpace(*p)) ++length;
          }
          return false;
        }
        return !IsNonContent(n);
      },
      [](const GumboNode*) {});
  return length;
}

}  // namespace pw::extract
