#include "extract/folded_html.h"

#include "extract/text_scan.h"

#include <strings.h>

#include <cstdint>
#include <cstring>

namespace pw::extract {
namespace {

// Placeholder i is code point kPlane15 + i (i < kPerPlane), then kPlane16 + ...
// Both planes are private use; their last two code points are noncharacters.
constexpr std::uint32_t kPlane15 = 0xF0000;
constexpr std::uint32_t kPlane16 = 0x100000;
constexpr size_t kPerPlane = 0xFFFE;
constexpr size_t kMaxRuns = 2 * kPerPlane;

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }
// HTML whitespace, with CR (the input stream turns it into LF first).
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
// Whitespace as tree construction tells it from other characters (no CR: a
// run never holds one).
bool IsRunSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f'; }

// Byte classes for the run scanner.
enum : std::uint8_t {
  kStop = 0,   // ends a run: '<', '&', NUL, CR, other controls, DEL
  kPlain = 1,  // printable ASCII or run whitespace
  kLead = 2,   // starts a multi-byte UTF-8 sequence
  kBad = 3,    // never valid in UTF-8 at this place
};

struct ByteClasses {
  std::uint8_t c[256];
  constexpr ByteClasses() : c() {
    for (int b = 0; b < 256; ++b) {
      std::uint8_t k = kBad;
      if (b >= 0x20 && b < 0x7F) k = kPlain;
      if (b == '<' || b == '&') k = kStop;
      if (b < 0x20 || b == 0x7F) k = kStop;
      if (b == '\t' || b == '\n' || b == '\f') k = kPlain;
      if (b >= 0xC2 && b <= 0xF4) k = kLead;
      c[b] = k;
    }
  }
};
constexpr ByteClasses kClasses;

// Decodes the UTF-8 sequence at s[0..n) whose first byte is a lead byte.
// Returns its length, or 0 when invalid; *cp gets the code point.
size_t DecodeUtf8(const unsigned char* s, size_t n, std::uint32_t* cp) {
  unsigned char b = s[0];
  size_t len = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  if (n < len) return 0;
  std::uint32_t v = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF))) return 0;
  if (v >= 0xD800 && v <= 0xDFFF) return 0;
  *cp = v;
  return len;
}

// Code points Gumbo passes through as they are, and which are not ours.
bool RunCodePoint(std::uint32_t cp) {
  if (cp < 0xA0) return false;                      // C1 controls: Gumbo replaces them
  if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;   // noncharacters: replaced too
  if ((cp & 0xFFFE) == 0xFFFE) return false;
  return cp < kPlane15;                             // the placeholder planes
}

void AppendPlaceholder(size_t index, std::string* out) {
  std::uint32_t cp = index < kPerPlane ? kPlane15 + static_cast<std::uint32_t>(index)
                                       : kPlane16 + static_cast<std::uint32_t>(index - kPerPlane);
  char bytes[4] = {static_cast<char>(0xF0 | (cp >> 18)),
                   static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                   static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                   static_cast<char>(0x80 | (cp & 0x3F))};
  out->append(bytes, 4);
}

bool StartsWithNoCase(std::string_view s, size_t pos, std::string_view prefix) {
  return s.size() - pos >= prefix.size() &&
         strncasecmp(s.data() + pos, prefix.data(), prefix.size()) == 0;
}

bool InList(std::string_view name, std::initializer_list<std::string_view> list) {
  for (std::string_view item : list) {
    if (name == item) return true;
  }
  return false;
}

// Start tags that end foreign content when met inside it (the HTML standard's
// list; <font> only with some attributes, here always).
bool BreaksOutOfForeign(std::string_view name) {
  return InList(name, {"b", "big", "blockquote", "body", "br", "center", "code", "dd", "div",
                       "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head",
                       "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p",
                       "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup",
                       "table", "tt", "u", "ul", "var", "font"});
}

// Elements whose content the tokenizer reads as text up to their end tag.
bool IsRawText(std::string_view name) {
  return InList(name, {"script", "style", "xmp", "iframe", "noembed", "noframes", "title",
                       "textarea"});
}

// Elements of foreign content inside which HTML rules apply.
bool IsIntegrationPoint(std::string_view name) {
  return InList(name, {"foreignobject", "desc", "title", "annotation-xml", "mi", "mo", "mn",
                       "ms", "mtext"});
}

struct Tag {
  bool end = false;
  bool self_closing = false;
  std::string name;   // ASCII lower case
  size_t after = 0;   // just past its '>'; npos: the page ended inside it
};

// The HTML tokenizer's tag states from the first letter of the name at `pos`
// to the closing '>' (quoted attribute values may hold '>').
Tag ReadTag(std::string_view s, size_t pos, bool end) {
  Tag tag;
  tag.end = end;
  const size_t n = s.size();
  size_t i = pos;
  for (; i < n && !IsSpace(s[i]) && s[i] != '/' && s[i] != '>'; ++i) {
    char c = s[i];
    tag.name.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  enum { kBeforeName, kName, kAfterName, kBeforeValue, kValue, kAfterQuoted, kSelfClosing };
  int state = kBeforeName;
  char quote = 0;
  for (; i < n; ++i) {
    const char c = s[i];
    switch (state) {
      case kBeforeName:
        if (IsSpace(c)) break;
        if (c == '/') { state = kSelfClosing; break; }
        if (c == '>') { tag.after = i + 1; return tag; }
        state = kName;
        break;
      case kName:
        if (IsSpace(c)) { state = kAfterName; break; }
        if (c == '/') { state = kSelfClosing; break; }
        if (c == '=') { state = kBeforeValue; break; }
        if (c == '>') { tag.after = i + 1; return tag; }
        break;
      case kAfterName:
        if (IsSpace(c)) break;
        if (c == '/') { state = kSelfClosing; break; }
        if (c == '=') { state = kBeforeValue; break; }
        if (c == '>') { tag.after = i + 1; return tag; }
        state = kName;
        break;
      case kBeforeValue:
        if (IsSpace(c)) break;
        if (c == '"' || c == '\'') { quote = c; state = kValue; break; }
        if (c == '>') { tag.after = i + 1; return tag; }
        quote = 0;  // unquoted
        state = kValue;
        break;
      case kValue:
        if (quote != 0) {
          if (c == quote) state = kAfterQuoted;
        } else if (IsSpace(c)) {
          state = kBeforeName;
        } else if (c == '>') {
          tag.after = i + 1;
          return tag;
        }
        break;
      case kAfterQuoted:
        if (IsSpace(c)) { state = kBeforeName; break; }
        if (c == '/') { state = kSelfClosing; break; }
        if (c == '>') { tag.after = i + 1; return tag; }
        state = kBeforeName;
        --i;  // reconsume
        break;
      case kSelfClosing:
        if (c == '>') {
          tag.self_closing = true;
          tag.after = i + 1;
          return tag;
        }
        state = kBeforeName;
        --i;  // reconsume
        break;
    }
  }
  tag.after = std::string_view::npos;
  return tag;
}

// Just past the comment whose "<!--" ends at `pos` (npos: it runs to the end),
// by the comment states of the tokenizer Gumbo 0.10 implements.
size_t CommentEnd(std::string_view s, size_t pos) {
  enum { kStart, kStartDash, kBody, kEndDash, kEnd, kEndBang };
  int state = kStart;
  for (size_t i = pos; i < s.size(); ++i) {
    const char c = s[i];
    switch (state) {
      case kStart:
        if (c == '-') state = kStartDash;
        else if (c == '>') return i + 1;
        else state = kBody;
        break;
      case kStartDash:
        if (c == '-') state = kEnd;
        else if (c == '>') return i + 1;
        else state = kBody;
        break;
      case kBody:
        if (c == '-') state = kEndDash;
        break;
      case kEndDash:
        state = c == '-' ? kEnd : kBody;
        break;
      case kEnd:
        if (c == '>') return i + 1;
        if (c == '!') state = kEndBang;
        else if (c != '-') state = kBody;
        break;
      case kEndBang:
        if (c == '-') state = kEndDash;
        else if (c == '>') return i + 1;
        else state = kBody;
        break;
    }
  }
  return std::string_view::npos;
}

size_t PastChar(std::string_view s, size_t pos, char c) {
  size_t at = s.find(c, pos);
  return at == std::string_view::npos ? at : at + 1;
}

// Where the raw text of element `name`, starting at `pos`, ends: the "</name"
// followed by whitespace, '/' or '>' (npos: at the end of the page).
size_t RawTextEnd(std::string_view s, size_t pos, std::string_view name) {
  while (true) {
    size_t lt = s.find("</", pos);
    if (lt == std::string_view::npos) return lt;
    size_t after = lt + 2 + name.size();
    if (StartsWithNoCase(s, lt + 2, name) && after < s.size() &&
        (IsSpace(s[after]) || s[after] == '/' || s[after] == '>')) {
      return lt;
    }
    pos = lt + 2;
  }
}

bool ContainsNoCase(std::string_view s, std::string_view needle) {
  for (size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (strncasecmp(s.data() + i, needle.data(), needle.size()) == 0) return true;
  }
  return false;
}

class Folder {
 public:
  Folder(std::string_view in, FoldedHtml* out) : in_(in), out_(out) {}

  void Run() {
    while (pos_ < in_.size() && !stopped_) Step();
    out_->html.append(in_.substr(copied_));
  }

 private:
  enum class Mode { kHtml, kForeign, kSelect };

  // One token or run of the content in the current mode.
  void Step() {
    const char c = in_[pos_];
    if (c == '<') return Markup();
    if (c == '&') {  // a character reference: left to Gumbo with what follows it
      ++pos_;
      while (pos_ < in_.size() && (IsAlnum(in_[pos_]) || in_[pos_] == '#' || in_[pos_] == ';')) {
        ++pos_;
      }
      return;
    }
    Text(in_.size(), mode_ == Mode::kHtml);
  }

  // Text from pos_ up to the next '<' or '&' before `limit`, folded if `fold`;
  // then past the character that ended it, unless that is '<' or '&'.
  void Text(size_t limit, bool fold) {
    const auto* s = reinterpret_cast<const unsigned char*>(in_.data());
    const size_t start = pos_;
    size_t i = start;
    size_t skip = 0;  // length of the character that ended the run, passed over as it is
    while (i < limit) {
      i += scan::PlainPrefix(in_.substr(i, limit - i));
      if (i >= limit) break;
      const std::uint8_t k = kClasses.c[s[i]];
      if (k == kPlain) {
        ++i;
        continue;
      }
      if (k == kLead) {
        std::uint32_t cp = 0;
        const size_t len = DecodeUtf8(s + i, limit - i, &cp);
        if (len != 0 && RunCodePoint(cp)) {
          i += len;
          continue;
        }
        if (len != 0) {
          skip = len;
          break;
        }
      }
      if (k != kStop) {  // invalid UTF-8: how Gumbo repairs it is not ours to repeat
        Stop(i);
        break;
      }
      if (s[i] != '<' && s[i] != '&') skip = 1;
      break;
    }
    if (fold) Fold(start, i);
    if (!stopped_) pos_ = i + skip;
  }

  // Replaces in_[begin, end) by a placeholder, whitespace at both ends kept.
  void Fold(size_t begin, size_t end) {
    while (begin < end && IsRunSpace(in_[begin])) ++begin;
    while (end > begin && IsRunSpace(in_[end - 1])) --end;
    if (end - begin < kMinFoldedRun) return;
    if (out_->runs.size() >= kMaxRuns) return Stop(begin);
    out_->html.append(in_.substr(copied_, begin - copied_));
    AppendPlaceholder(out_->runs.size(), &out_->html);
    out_->runs.push_back(in_.substr(begin, end - begin));
    copied_ = end;
  }

  // Folding ends here: the rest of the page is parsed as written.
  void Stop(size_t at) {
    stopped_ = true;
    pos_ = at;
  }

  // At '<'.
  void Markup() {
    const size_t n = in_.size();
    if (pos_ + 1 >= n) {
      pos_ = n;
      return;
    }
    const char next = in_[pos_ + 1];
    if (next == '!') {
      if (in_.compare(pos_, 4, "<!--") == 0) return Skip(CommentEnd(in_, pos_ + 4));
      if (StartsWithNoCase(in_, pos_, "<![cdata[")) return Stop(pos_);
      return Skip(PastChar(in_, pos_, '>'));  // doctype or bogus comment
    }
    if (next == '?') return Skip(PastChar(in_, pos_, '>'));
    if (next == '/') {
      if (pos_ + 2 >= n) return Skip(n);
      const char c = in_[pos_ + 2];
      if (c == '>') return Skip(pos_ + 3);
      if (!IsAlpha(c)) return Skip(PastChar(in_, pos_, '>'));
      Tag tag = ReadTag(in_, pos_ + 2, true);
      Skip(tag.after);
      if (!stopped_ && pos_ < n) EndTag(tag);
      return;
    }
    if (!IsAlpha(next)) {  // a '<' of the text
      ++pos_;
      return;
    }
    Tag tag = ReadTag(in_, pos_ + 1, false);
    Skip(tag.after);
    if (!stopped_ && pos_ < n) StartTag(tag);
  }

  void Skip(size_t to) { pos_ = to == std::string_view::npos ? in_.size() : to; }

  void StartTag(const Tag& tag) {
    const std::string& name = tag.name;
    switch (mode_) {
      case Mode::kHtml:
        if (IsRawText(name)) return RawText(name);
        if (name == "plaintext" || name == "frameset") return Stop(pos_);
        if (name == "select") {
          mode_ = Mode::kSelect;
        } else if ((name == "svg" || name == "math") && !tag.self_closing) {
          mode_ = Mode::kForeign;
          foreign_.assign(1, name);
        }
        return;
      case Mode::kSelect:
        if (name == "option" || name == "optgroup") return;
        if (name == "script") return RawText(name);
        return Stop(pos_);
      case Mode::kForeign:
        if (tag.self_closing && !BreaksOutOfForeign(name)) return;
        if (IsIntegrationPoint(name)) {
          // HTML rules apply inside: followed only when it holds just text.
          size_t lt = in_.find('<', pos_);
          if (lt == std::string_view::npos || in_.compare(lt, 2, "</") != 0 ||
              !StartsWithNoCase(in_, lt + 2, name)) {
            return Stop(pos_);
          }
        } else if (BreaksOutOfForeign(name) || IsRawText(name) || name == "plaintext" ||
                   name == "frameset") {
          return Stop(pos_);
        }
        foreign_.push_back(name);
        return;
    }
  }

  void EndTag(const Tag& tag) {
    switch (mode_) {
      case Mode::kHtml:
        return;
      case Mode::kSelect:
        if (tag.name == "select") mode_ = Mode::kHtml;
        else if (tag.name != "option" && tag.name != "optgroup") Stop(pos_);
        return;
      case Mode::kForeign:
        for (size_t k = foreign_.size(); k > 0; --k) {
          if (foreign_[k - 1] == tag.name) {
            foreign_.resize(k - 1);
            if (foreign_.empty()) mode_ = Mode::kHtml;
            return;
          }
        }
        return Stop(pos_);  // Gumbo would look past foreign content for it
    }
  }

  // After the start tag of a raw-text element: its text, folded, then its end tag.
  void RawText(const std::string& name) {
    size_t end = RawTextEnd(in_, pos_, name);
    const size_t limit = end == std::string_view::npos ? in_.size() : end;
    if (name == "script") {
      // "<!--" then "<script" would enter the double-escaped state, where the
      // end tag is not where RawTextEnd looks.
      std::string_view body = in_.substr(pos_, limit - pos_);
      if (body.find("<!--") != std::string_view::npos && ContainsNoCase(body, "<script")) {
        return Stop(pos_);
      }
    }
    while (pos_ < limit && !stopped_) {
      const char c = in_[pos_];
      if (c == '<' || c == '&') {
        // Letters after '<' or "</" may be an end tag's name: left alone.
        ++pos_;
        if (c == '<' && pos_ < limit && in_[pos_] == '/') ++pos_;
        while (pos_ < limit && (c == '<' ? IsAlpha(in_[pos_])
                                         : IsAlnum(in_[pos_]) || in_[pos_] == '#' ||
                                               in_[pos_] == ';')) {
          ++pos_;
        }
        continue;
      }
      Text(limit, true);
    }
    if (stopped_ || end == std::string_view::npos) return;
    Tag tag = ReadTag(in_, end + 2, true);
    Skip(tag.after);
  }

  std::string_view in_;
  FoldedHtml* out_;
  size_t pos_ = 0;
  size_t copied_ = 0;  // in_[copied_, ...) is not in out_->html yet
  bool stopped_ = false;
  Mode mode_ = Mode::kHtml;
  std::vector<std::string> foreign_;  // open elements of foreign content, lower case
};

// The placeholder index of the 4 bytes at s, or -1.
long PlaceholderAt(const unsigned char* s) {
  if (s[0] == 0xF3 && s[1] >= 0xB0) {
    return static_cast<long>(((s[1] & 0x0F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
  }
  if (s[0] == 0xF4 && s[1] < 0x90) {
    return static_cast<long>(kPerPlane) +
           static_cast<long>(((s[1] & 0x0F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
  }
  return -1;
}

// True if `html` holds a code point of the placeholder planes (lead byte F3
// followed by B0..BF, or F4).
bool HasPlaceholderCodePoints(std::string_view html) {
  if (std::memchr(html.data(), '\xF4', html.size()) != nullptr) return true;
  for (size_t at = html.find('\xF3'); at != std::string_view::npos; at = html.find('\xF3', at + 1)) {
    if (at + 1 < html.size() && static_cast<unsigned char>(html[at + 1]) >= 0xB0) return true;
  }
  return false;
}

}  // namespace

bool FoldText(std::string_view html, FoldedHtml* out) {
  out->html.clear();
  out->runs.clear();
  if (HasPlaceholderCodePoints(html)) return false;
  out->html.reserve(html.size() / 4 + 64);
  Folder(html, out).Run();
  if (out->runs.empty()) {
    out->html.clear();
    return false;
  }
  return true;
}

void UnfoldText(GumboNode* root, const std::vector<std::string_view>& runs,
                FoldAllocator allocate, void* userdata) {
  std::vector<GumboNode*> stack{root};
  std::string text;
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_DOCUMENT || node->type == GUMBO_NODE_ELEMENT ||
        node->type == GUMBO_NODE_TEMPLATE) {
      GumboVector* kids = node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children
                                                           : &node->v.element.children;
      for (unsigned i = 0; i < kids->length; ++i) {
        stack.push_back(static_cast<GumboNode*>(kids->data[i]));
      }
      continue;
    }
    if (node->type != GUMBO_NODE_TEXT) continue;  // only text nodes hold placeholders
    const auto* s = reinterpret_cast<const unsigned char*>(node->v.text.text);
    const size_t length = std::strlen(node->v.text.text);
    size_t copied = 0;
    text.clear();
    for (size_t i = 0; i + 4 <= length; ++i) {
      if (s[i] < 0xF3) continue;
      long index = PlaceholderAt(s + i);
      if (index < 0 || static_cast<size_t>(index) >= runs.size()) continue;
      text.append(node->v.text.text + copied, i - copied);
      text.append(runs[static_cast<size_t>(index)]);
      i += 3;
      copied = i + 1;
    }
    if (copied == 0) continue;
    text.append(node->v.text.text + copied, length - copied);
    char* mem = static_cast<char*>(allocate(userdata, text.size() + 1));
    std::memcpy(mem, text.data(), text.size());
    mem[text.size()] = '\0';
    node->v.text.text = mem;
  }
}

}  // namespace pw::extract
