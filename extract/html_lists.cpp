// Ordered-list markers (internal/html_lists.h).
#include "extract/internal/html_lists.h"

#include <cstdlib>

#include "extract/internal/html_node.h"
#include "extract/internal/text_scan.h"
#include "util/ascii.h"

namespace pw::extract {
namespace {

bool IsTag(const GumboNode* node, GumboTag tag) {
  return node != nullptr && node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag;
}

// An integer attribute ("3", " -2 "), or false.
bool IntAttribute(const GumboNode* element, const char* name, long* out) {
  const char* value = Attribute(element, name);
  if (value == nullptr) return false;
  char* end = nullptr;
  long v = std::strtol(value, &end, 10);
  if (end == value) return false;
  if (v > 1000000000L) v = 1000000000L;
  if (v < -1000000000L) v = -1000000000L;
  *out = v;
  return true;
}

// The list type an attribute names ('1', 'a', 'A', 'i', 'I'), or 0.
char TypeAttribute(const GumboNode* element) {
  const char* value = Attribute(element, "type");
  if (value == nullptr || value[0] == '\0' || value[1] != '\0') return 0;
  switch (value[0]) {
    case '1': case 'a': case 'A': case 'i': case 'I': return value[0];
    default: return 0;
  }
}

bool MarkersHidden(const GumboNode* ol) {
  const std::string compact = CompactStyle(ol);
  return compact.find("list-style:none") != std::string::npos ||
         compact.find("list-style-type:none") != std::string::npos;
}

long CountItems(const GumboNode* ol) {
  long n = 0;
  const GumboVector& kids = ol->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    if (IsTag(static_cast<const GumboNode*>(kids.data[i]), GUMBO_TAG_LI)) ++n;
  }
  return n;
}

std::string Roman(long value) {
  static const struct { long v; const char* s; } kDigits[] = {
      {1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
      {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}};
  std::string out;
  for (const auto& d : kDigits) {
    while (value >= d.v) {
      out += d.s;
      value -= d.v;
    }
  }
  return out;
}

// 1 -> a, 26 -> z, 27 -> aa (bijective base 26, as CSS lower-alpha).
std::string Alpha(long value) {
  std::string out;
  while (value > 0) {
    --value;
    out.insert(out.begin(), static_cast<char>('a' + value % 26));
    value /= 26;
  }
  return out;
}

bool IsRomanLetter(char c) {
  switch (c | 0x20) {
    case 'i': case 'v': case 'x': case 'l': case 'c': case 'd': case 'm': return true;
    default: return false;
  }
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::string FormatListMarker(long value, char type) {
  switch (type) {
    case 'a': case 'A':
      if (value >= 1) {
        std::string s = Alpha(value);
        if (type == 'A') s = Upper(s);
        return s + ")";
      }
      break;
    case 'i': case 'I':
      if (value >= 1 && value <= 3999) {
        std::string s = Roman(value);
        if (type == 'I') s = Upper(s);
        return s + ".";
      }
      break;
    default:
      break;
  }
  return std::to_string(value) + ".";
}

ListNumbering::ListState& ListNumbering::StateOf(const GumboNode* ol) {
  auto [it, inserted] = lists_.try_emplace(ol);
  ListState& state = it->second;
  if (!inserted) return state;
  const bool reversed = Attribute(ol, "reversed") != nullptr;
  state.step = reversed ? -1 : 1;
  if (!IntAttribute(ol, "start", &state.next)) state.next = reversed ? CountItems(ol) : 1;
  char type = TypeAttribute(ol);
  state.type = type == 0 ? '1' : type;
  return state;
}

std::string ListNumbering::MarkerOf(const GumboNode* li) {
  const GumboNode* ol = li->parent;
  if (!IsTag(ol, GUMBO_TAG_OL)) return "";
  ListState& state = StateOf(ol);
  long value = state.next;
  IntAttribute(li, "value", &value);
  state.next = value + state.step;
  if (MarkersHidden(ol)) return "";
  char type = TypeAttribute(li);
  return FormatListMarker(value, type == 0 ? state.type : type);
}

bool StartsWithEnumerator(std::string_view t) {
  size_t i = 0;
  const bool paren = !t.empty() && t[0] == '(';
  if (paren) ++i;
  const size_t start = i;
  if (i < t.size() && IsAsciiDigit(t[i])) {
    // 1, 12, 1.2, 1.2.3
    while (i < t.size() && (IsAsciiDigit(t[i]) || (t[i] == '.' && i + 1 < t.size() &&
                                                   IsAsciiDigit(t[i + 1])))) {
      ++i;
    }
  } else if (i < t.size() && IsAsciiLetter(t[i])) {
    ++i;
    while (i < t.size() && i - start < 6 && IsRomanLetter(t[i]) && IsRomanLetter(t[start])) ++i;
  }
  if (i == start) return false;
  // "2.3 x": a dotted number is an enumerator without a closing '.' or ')'.
  const bool dotted = t.substr(start, i - start).find('.') != std::string_view::npos;
  if (dotted && !paren && (i == t.size() || t[i] == ' ')) return true;
  if (i >= t.size()) return false;
  const bool closed = t[i] == ')' || (!paren && t[i] == '.');
  if (!closed) return false;
  ++i;
  return i == t.size() || t[i] == ' ';
}

}  // namespace pw::extract
