// Hidden copies of visible text (internal/boilerplate.h, MarkHiddenDuplicates).
#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

#include "extract/internal/boilerplate.h"
#include "extract/internal/html_node.h"

namespace pw::extract {
namespace {

constexpr size_t kShingle = 4;  // words per shingle

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Appends the hashes of the words of `text` (ASCII case folded; ASCII
// punctuation and spaces separate words).
void HashWords(const char* text, std::vector<uint64_t>* out) {
  uint64_t h = 0;
  bool in_word = false;
  for (const char* p = text;; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c != 0 && IsWordByte(c)) {
      if (!in_word) h = 1469598103934665603ULL;
      in_word = true;
      h = (h ^ static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c)) * 1099511628211ULL;
      continue;
    }
    if (in_word) out->push_back(h);
    in_word = false;
    if (c == 0) break;
  }
}

uint64_t ShingleAt(const std::vector<uint64_t>& words, size_t k) {
  uint64_t h = 0;
  for (size_t i = 0; i < kShingle; ++i) h = (h ^ words[k + i]) * 0x100000001B3ULL + i;
  return h;
}

std::vector<uint64_t> Shingles(const std::vector<uint64_t>& words) {
  std::vector<uint64_t> out;
  for (size_t k = 0; k + kShingle <= words.size(); ++k) out.push_back(ShingleAt(words, k));
  return out;
}

// Hidden inline (IsHidden), or by a class that frameworks use to hide
// ("hidden", "d-none", "sr-only", "visually-hidden"...).
bool IsHiddenBlock(const GumboNode* node) {
  if (IsHidden(node)) return true;
  if (Attribute(node, "class") == nullptr) return false;
  for (const char* token : {"hidden", "hide", "d-none", "is-hidden", "u-hidden", "invisible",
                            "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text"}) {
    if (HasToken(node, "class", token)) return true;
  }
  return false;
}

struct HiddenBlock {
  const GumboNode* node;
  std::vector<uint64_t> words;
};

// The visible text nodes under `root` (in order; hashed only when needed) and
// each hidden subtree's own words; removed and non-content subtrees give none.
void Collect(const GumboNode* root, const NodeSet& removed, std::vector<const char*>* visible,
             std::vector<HiddenBlock>* hidden) {
  const GumboNode* hidden_root = nullptr;
  Walk(
      root,
      [&](const GumboNode* node) {
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
          if (hidden_root == nullptr) {
            visible->push_back(node->v.text.text);
          } else {
            HashWords(node->v.text.text, &hidden->back().words);
          }
          return false;
        }
        if (!IsElement(node)) return node->type == GUMBO_NODE_DOCUMENT;
        if (IsNonContent(node) || removed.count(node) > 0) return false;
        if (hidden_root == nullptr && node != root && IsHiddenBlock(node)) {
          hidden_root = node;
          hidden->push_back({node, {}});
        }
        return true;
      },
      [&](const GumboNode* node) {
        if (node == hidden_root) hidden_root = nullptr;
      });
}

}  // namespace

void MarkHiddenDuplicates(const GumboNode* root, NodeSet* removed) {
  std::vector<const char*> visible_text;
  std::vector<HiddenBlock> hidden;
  Collect(root, *removed, &visible_text, &hidden);
  bool any = std::any_of(hidden.begin(), hidden.end(),
                         [](const HiddenBlock& b) { return b.words.size() >= kShingle; });
  if (!any) return;
  std::vector<uint64_t> visible;
  for (const char* text : visible_text) HashWords(text, &visible);
  std::vector<uint64_t> seen = Shingles(visible);
  std::sort(seen.begin(), seen.end());
  std::unordered_set<uint64_t> kept;  // shingles of hidden text kept so far
  for (const HiddenBlock& block : hidden) {
    if (block.words.size() < kShingle) continue;
    const std::vector<uint64_t> own = Shingles(block.words);
    size_t found = 0;
    for (uint64_t h : own) {
      if (std::binary_search(seen.begin(), seen.end(), h) || kept.count(h) > 0) ++found;
    }
    if (found * 10 >= own.size() * 8) {
      removed->insert(block.node);
    } else {
      kept.insert(own.begin(), own.end());
    }
  }
}

}  // namespace pw::extract
