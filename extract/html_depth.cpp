#include "extract/internal/html_depth.h"

#include <strings.h>

#include <cstring>
#include <unordered_map>
#include <vector>

namespace pw::extract {
namespace {

bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool InList(const std::string& name, const char* const* list) {
  for (; *list != nullptr; ++list) {
    if (name == *list) return true;
  }
  return false;
}

// Elements that never nest: void elements.
const char* const kVoid[] = {"area", "base", "br",   "col",   "embed",  "hr",
                             "img",  "input", "link", "meta", "param", "source",
                             "track", "wbr",  "keygen", "basefont", "bgsound", "frame",
                             nullptr};
// Elements whose end tag is optional or which the parser closes by itself when
// repeated; they cannot build depth on their own, so they are not counted.
const char* const kSelfClosing[] = {"p",     "li",    "dt",     "dd",       "tr",    "td",
                                    "th",    "tbody", "thead",  "tfoot",    "option", "optgroup",
                                    "colgroup", "caption", "rb", "rt",      "rp",    "rtc",
                                    "html",  "head",  "body",   "a",        nullptr};
// Elements whose content is raw text up to their end tag.
const char* const kRawText[] = {"script", "style",    "textarea", "title",    "xmp",
                                "iframe", "noembed", "noframes", "plaintext", nullptr};

struct Tag {
  bool end = false;
  bool self_closing = false;
  std::string name;  // lower-case
  size_t begin = 0;  // index of '<'
  size_t after = 0;  // index just past '>'
};

// Parses the tag at html[pos] == '<' followed by a letter or "/letter".
Tag ReadTag(std::string_view html, size_t pos) {
  Tag tag;
  tag.begin = pos;
  size_t i = pos + 1;
  if (html[i] == '/') {
    tag.end = true;
    ++i;
  }
  while (i < html.size() && html[i] != '>' && html[i] != '/' && html[i] != ' ' &&
         html[i] != '\t' && html[i] != '\n' && html[i] != '\r' && html[i] != '\f') {
    char c = html[i++];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    tag.name.push_back(c);
  }
  char quote = 0;
  for (; i < html.size(); ++i) {
    char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      tag.self_closing = i > pos && html[i - 1] == '/';
      tag.after = i + 1;
      return tag;
    }
  }
  tag.after = html.size();
  return tag;
}

// Index just past the end of the raw-text element `name` whose content starts
// at `pos` (case-insensitive "</name").
size_t SkipRawText(std::string_view html, size_t pos, const std::string& name) {
  while (true) {
    size_t lt = html.find("</", pos);
    if (lt == std::string_view::npos) return html.size();
    if (lt + 2 + name.size() <= html.size() &&
        strncasecmp(html.data() + lt + 2, name.data(), name.size()) == 0) {
      return lt;
    }
    pos = lt + 2;
  }
}

// Runs the tokenizer; calls drop(begin, after) for every tag to remove.
// Returns true if any tag had to be dropped.
template <typename Drop>
bool Scan(std::string_view html, int max_depth, Drop&& drop) {
  std::vector<std::string> open;
  std::unordered_map<std::string, int> dropped;
  bool any = false;
  size_t pos = 0;
  while (true) {
    pos = html.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= html.size()) break;
    char next = html[pos + 1];
    if (next == '!') {
      if (html.substr(pos, 4) == "<!--") {
        size_t end = html.find("-->", pos + 4);
        pos = end == std::string_view::npos ? html.size() : end + 3;
      } else {
        size_t end = html.find('>', pos);
        pos = end == std::string_view::npos ? html.size() : end + 1;
      }
      continue;
    }
    if (!(IsAsciiAlpha(next) || (next == '/' && pos + 2 < html.size() &&
                                 IsAsciiAlpha(html[pos + 2])))) {
      ++pos;
      continue;
    }
    Tag tag = ReadTag(html, pos);
    pos = tag.after;
    if (tag.end) {
      auto it = dropped.find(tag.name);
      if (it != dropped.end() && it->second > 0) {
        --it->second;
        drop(tag.begin, tag.after);
        continue;
      }
      for (size_t k = open.size(); k > 0; --k) {
        if (open[k - 1] == tag.name) {
          open.resize(k - 1);
          break;
        }
      }
      continue;
    }
    if (InList(tag.name, kRawText)) {
      pos = SkipRawText(html, pos, tag.name);
      continue;
    }
    if (tag.self_closing || InList(tag.name, kVoid) || InList(tag.name, kSelfClosing)) {
      continue;
    }
    if (static_cast<int>(open.size()) >= max_depth) {
      ++dropped[tag.name];
      drop(tag.begin, tag.after);
      any = true;
      continue;
    }
    open.push_back(tag.name);
  }
  return any;
}

}  // namespace

bool CapNesting(std::string_view html, int max_depth, std::string* out) {
  // Fewer tags than levels: nothing can nest that deep.
  int tags = 0;
  for (const char* p = html.data(); tags <= max_depth;) {
    p = static_cast<const char*>(std::memchr(p, '<', html.data() + html.size() - p));
    if (p == nullptr) return false;
    ++p;
    ++tags;
  }
  if (!Scan(html, max_depth, [](size_t, size_t) {})) return false;
  std::string result;
  result.reserve(html.size());
  size_t copied = 0;
  Scan(html, max_depth, [&](size_t begin, size_t after) {
    result.append(html.substr(copied, begin - copied));
    copied = after;
  });
  result.append(html.substr(copied));
  *out = std::move(result);
  return true;
}

}  // namespace pw::extract
