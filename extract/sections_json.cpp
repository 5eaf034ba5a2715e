#include "extract/sections_json.h"

#include <cstdint>
#include <cstring>
#include <vector>

#include "extract/canonical.h"
#include "extract/internal/normalize.h"

namespace pw::extract {
namespace {

// --- Writing ------------------------------------------------------------------

void WriteString(std::string_view s, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t plain = 0;  // s[plain, i) not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.substr(plain));
  out->push_back('"');
}

void WriteSection(const Section& s, std::string* out) {
  out->append("{\"blocks\":[");
  for (size_t i = 0; i < s.blocks.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->append("{\"kind\":\"");
    out->append(BlockKindName(s.blocks[i].kind));
    out->append("\",\"text\":");
    WriteString(s.blocks[i].text, out);
    out->push_back('}');
  }
  out->append("],\"children\":[");
}

void CloseSection(const Section& s, std::string* out) {
  out->append("],\"heading\":");
  WriteString(s.heading, out);
  out->append(",\"level\":");
  out->append(std::to_string(s.level));
  out->append(",\"path\":[");
  for (size_t i = 0; i < s.path.size(); ++i) {
    if (i > 0) out->push_back(',');
    WriteString(s.path[i], out);
  }
  out->append("]}");
}

// --- Reading ------------------------------------------------------------------

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (len == 0 || s.size() - i < len) return false;
    std::uint32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += len;
  }
  return true;
}

class Reader {
 public:
  Reader(std::string_view json, Document* doc) : s_(json), doc_(doc) {}

  bool Document() {
    *doc_ = extract::Document{};
    bool title = false, sections = false;
    bool ok = Object([&](std::string_view key) {
      if (key == "title") return Once(&title) && String(&doc_->title);
      if (key == "sections") {
        return Once(&sections) && Array([&] { return Section(0); });
      }
      return Skip(0);
    });
    Space();
    return ok && title && sections && i_ == s_.size();
  }

 private:
  static constexpr int kMaxDepth = 64;  // as FromJson

  // A section and its children, flattened in document order: the section's
  // slot is taken before its children (which come before its heading in the
  // key order ToJson writes).
  bool Section(int depth) {
    if (depth > kMaxDepth) return false;
    const size_t slot = doc_->sections.size();
    doc_->sections.emplace_back();
    bool heading = false, level = false, blocks = false, path = false, children = false;
    return Object([&](std::string_view key) {
             if (key == "heading") return Once(&heading) && String(&doc_->sections[slot].heading);
             if (key == "level") return Once(&level) && Level(&doc_->sections[slot].level);
             if (key == "path") {
               return Once(&path) && Array([&] {
                 std::string p;
                 if (!String(&p)) return false;
                 doc_->sections[slot].path.push_back(std::move(p));
                 return true;
               });
             }
             if (key == "blocks") {
               return Once(&blocks) && Array([&] {
                 Block b;
                 if (!BlockObject(&b)) return false;
                 doc_->sections[slot].blocks.push_back(std::move(b));
                 return true;
               });
             }
             if (key == "children") {
               return Once(&children) && Array([&] { return Section(depth + 1); });
             }
             return Skip(depth);
           }) &&
           heading && level && blocks;
  }

  bool BlockObject(Block* b) {
    bool kind = false, text = false;
    return Object([&](std::string_view key) {
             if (key == "kind") {
               std::string name;
               if (!Once(&kind) || !String(&name)) return false;
               for (BlockKind k : {BlockKind::kParagraph, BlockKind::kListItem,
                                   BlockKind::kTableRow, BlockKind::kPreformatted}) {
                 if (name == BlockKindName(k)) {
                   b->kind = k;
                   return true;
                 }
               }
               return false;
             }
             if (key == "text") return Once(&text) && String(&b->text);
             return Skip(0);
           }) &&
           kind && text;
  }

  void Space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }

  bool Eat(char c) {
    Space();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  // {"key": value, ...}; member(key) reads the value.
  template <typename Member>
  bool Object(Member&& member) {
    if (!Eat('{')) return false;
    if (Eat('}')) return true;
    std::string key;
    do {
      if (!String(&key) || !Eat(':')) return false;
      if (!member(std::string_view(key))) return false;
    } while (Eat(','));
    return Eat('}');
  }

  // Marks a known key as read; false when it was read already (JSON would keep
  // the last of two; a stored tree never repeats a key, so it is refused).
  static bool Once(bool* seen) {
    if (*seen) return false;
    *seen = true;
    return true;
  }

  template <typename Element>
  bool Array(Element&& element) {
    if (!Eat('[')) return false;
    if (Eat(']')) return true;
    do {
      if (!element()) return false;
    } while (Eat(','));
    return Eat(']');
  }

  bool Hex4(std::uint32_t* v) {
    if (s_.size() - i_ < 4) return false;
    *v = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      *v <<= 4;
      if (c >= '0' && c <= '9') *v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') *v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') *v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  bool String(std::string* out) {
    Space();
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    ++i_;
    out->clear();
    while (true) {
      size_t plain = i_;
      bool ascii = true;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
             static_cast<unsigned char>(s_[i_]) >= 0x20) {
        ascii = ascii && static_cast<unsigned char>(s_[i_]) < 0x80;
        ++i_;
      }
      std::string_view chunk = s_.substr(plain, i_ - plain);
      if (!ascii && !ValidUtf8(chunk)) return false;  // as JSON parsers refuse it
      out->append(chunk);
      if (i_ >= s_.size() || static_cast<unsigned char>(s_[i_]) < 0x20) return false;
      if (s_[i_++] == '"') return true;
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a lone low surrogate
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (s_.size() - i_ < 2 || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
            i_ += 2;
            if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          AppendUtf8(static_cast<char32_t>(cp), out);
          break;
        }
        default:
          return false;
      }
    }
  }

  // An integer 0..6 (FromJson's rule: a JSON integer, not 2.0 or "2").
  bool Level(int* level) {
    Space();
    size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    size_t digits = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ == digits || (s_[digits] == '0' && i_ - digits > 1)) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return false;
    if (i_ - start > 3) return false;
    *level = std::stoi(std::string(s_.substr(start, i_ - start)));
    return *level >= 0 && *level <= 6;
  }

  // Any JSON value (an unknown key's): checked, not kept.
  bool Skip(int depth) {
    if (depth > kMaxDepth) return false;
    Space();
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      std::string ignored;
      return String(&ignored);
    }
    if (c == '{') {
      return Object([&](std::string_view) { return Skip(depth + 1); });
    }
    if (c == '[') return Array([&] { return Skip(depth + 1); });
    for (const char* word : {"true", "false", "null"}) {
      const size_t n = std::strlen(word);
      if (s_.compare(i_, n, word) == 0) {
        i_ += n;
        return true;
      }
    }
    // A number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
    if (c == '-') ++i_;
    auto digits = [&] {
      size_t from = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - from;
    };
    size_t lead = i_;
    size_t n = digits();
    if (n == 0 || (n > 1 && s_[lead] == '0')) return false;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) return false;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return false;
    }
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
  extract::Document* doc_;
};

}  // namespace

std::string WriteSectionsJson(const Document& doc) {
  std::string out;
  size_t bytes = 64 + doc.title.size();
  for (const Section& s : doc.sections) {
    bytes += 96 + s.heading.size() * (1 + s.path.size());
    for (const Block& b : s.blocks) bytes += 32 + b.text.size();
  }
  out.reserve(bytes);
  out.append("{\"sections\":[");
  // A section is the child of the nearest preceding section of a lower level
  // (ToJson's rule); open ones wait on this stack for their closing fields.
  std::vector<const Section*> open;
  std::vector<char> has_child;  // per open section: a child was written
  char top_written = 0;
  for (const Section& s : doc.sections) {
    while (!open.empty() && (open.back()->level >= s.level || s.level <= 0)) {
      CloseSection(*open.back(), &out);
      open.pop_back();
      has_child.pop_back();
    }
    char& written = open.empty() ? top_written : has_child.back();
    if (written) out.push_back(',');
    written = 1;
    WriteSection(s, &out);
    if (s.level > 0) {
      open.push_back(&s);
      has_child.push_back(0);
    } else {
      CloseSection(s, &out);
    }
  }
  while (!open.empty()) {
    CloseSection(*open.back(), &out);
    open.pop_back();
  }
  out.append("],\"title\":");
  WriteString(doc.title, &out);
  out.push_back('}');
  return out;
}

bool ReadSectionsJson(std::string_view json, Document* doc) {
  return Reader(json, doc).Document();
}

}  // namespace pw::extract
