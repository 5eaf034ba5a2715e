// fuzz_parse: our parse path (ParsedHtml: arena allocator, no parse errors
// recorded) against a plain gumbo_parse with its default options. Both trees
// are walked together; any difference in node types, tag names, namespaces,
// attributes, text or the doctype is a crash.
#include <gumbo.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/parsed_html.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Fail;

std::string_view Text(const GumboStringPiece& s) { return {s.data, s.length}; }

// The tag's name as Gumbo reports it (the original text for unknown tags).
std::string TagName(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece original = e.original_tag;
  gumbo_tag_from_original_text(&original);
  return std::string(Text(original));
}

void CompareAttributes(const GumboVector& a, const GumboVector& b) {
  if (a.length != b.length) Fail("attribute count differs");
  for (unsigned i = 0; i < a.length; ++i) {
    const auto* x = static_cast<const GumboAttribute*>(a.data[i]);
    const auto* y = static_cast<const GumboAttribute*>(b.data[i]);
    if (x->attr_namespace != y->attr_namespace) Fail("attribute namespace differs", x->name, y->name);
    if (std::string_view(x->name) != y->name) Fail("attribute name differs", x->name, y->name);
    if (std::string_view(x->value) != y->value) Fail("attribute value differs", x->value, y->value);
  }
}

const GumboVector* Children(const GumboNode* n) {
  switch (n->type) {
    case GUMBO_NODE_DOCUMENT: return &n->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: return &n->v.element.children;
    default: return nullptr;
  }
}

void CompareNode(const GumboNode* a, const GumboNode* b) {
  if (a->type != b->type) Fail("node type differs");
  switch (a->type) {
    case GUMBO_NODE_DOCUMENT: {
      const GumboDocument& x = a->v.document;
      const GumboDocument& y = b->v.document;
      if (x.has_doctype != y.has_doctype || std::string_view(x.name) != y.name ||
          std::string_view(x.public_identifier) != y.public_identifier ||
          std::string_view(x.system_identifier) != y.system_identifier ||
          x.doc_type_quirks_mode != y.doc_type_quirks_mode) {
        Fail("doctype differs", x.name, y.name);
      }
      break;
    }
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      const GumboElement& x = a->v.element;
      const GumboElement& y = b->v.element;
      if (x.tag != y.tag || x.tag_namespace != y.tag_namespace) Fail("tag differs");
      if (TagName(x) != TagName(y)) Fail("tag name differs", TagName(x), TagName(y));
      CompareAttributes(x.attributes, y.attributes);
      break;
    }
    default:  // text, CDATA, comment, whitespace
      if (std::string_view(a->v.text.text) != b->v.text.text) {
        Fail("text differs", a->v.text.text, b->v.text.text);
      }
  }
}

// Walks both trees together, iteratively (pages nest deeper than a stack).
void CompareTrees(const GumboNode* a, const GumboNode* b) {
  std::vector<std::pair<const GumboNode*, const GumboNode*>> todo = {{a, b}};
  while (!todo.empty()) {
    auto [x, y] = todo.back();
    todo.pop_back();
    CompareNode(x, y);
    const GumboVector* cx = Children(x);
    const GumboVector* cy = Children(y);
    if (cx == nullptr) continue;
    if (cx->length != cy->length) Fail("child count differs");
    for (unsigned i = cx->length; i-- > 0;) {
      todo.emplace_back(static_cast<const GumboNode*>(cx->data[i]),
                        static_cast<const GumboNode*>(cy->data[i]));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html(reinterpret_cast<const char*>(data), size);
  GumboOutput* plain = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  {
    pw::extract::ParsedHtml ours(html);
    if ((plain == nullptr) != (ours.output() == nullptr)) Fail("one parse gave no output");
    if (plain != nullptr) CompareTrees(ours.output()->document, plain->document);
  }
  if (plain != nullptr) gumbo_destroy_output(&kGumboDefaultOptions, plain);
  return 0;
}
