#include "config/selector.h"

#include <cctype>

#include "util/ascii.h"

namespace pw::config {
namespace {

constexpr const char* kSupported =
    "supported: type, *, #id, .class, [attr], [attr=value], [attr^=|$=|*=|~=value], "
    "descendant 'A B', child 'A > B', lists 'A, B'";

bool IsIdentChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '_' || u >= 0x80;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Status Parse(SelectorList* out) {
    out->clear();
    SkipSpace();
    if (AtEnd()) return Error("empty selector");
    while (true) {
      ComplexSelector complex;
      Status s = ParseComplex(&complex);
      if (!s.ok()) return s;
      out->push_back(std::move(complex));
      SkipSpace();
      if (AtEnd()) return Status::Ok();
      if (Peek() != ',') return Unexpected();
      ++pos_;
      SkipSpace();
      if (AtEnd()) return Error("selector list ends with ','");
    }
  }

 private:
  Status ParseComplex(ComplexSelector* out) {
    CompoundSelector first;
    Status s = ParseCompound(&first);
    if (!s.ok()) return s;
    out->compounds.push_back(std::move(first));
    while (true) {
      bool had_space = SkipSpace();
      if (AtEnd() || Peek() == ',') return Status::Ok();
      auto combinator = ComplexSelector::Combinator::kDescendant;
      if (Peek() == '>') {
        combinator = ComplexSelector::Combinator::kChild;
        ++pos_;
        SkipSpace();
        if (AtEnd()) return Error("'>' must be followed by a selector");
      } else if (!had_space) {
        return Unexpected();
      }
      CompoundSelector next;
      s = ParseCompound(&next);
      if (!s.ok()) return s;
      out->combinators.push_back(combinator);
      out->compounds.push_back(std::move(next));
    }
  }

  Status ParseCompound(CompoundSelector* out) {
    size_t start = pos_;
    if (!AtEnd() && Peek() == '*') {
      out->tag = "*";
      ++pos_;
    } else if (!AtEnd() && IsIdentChar(Peek())) {
      out->tag = AsciiLower(Ident());
    }
    while (!AtEnd()) {
      char c = Peek();
      if (c == '#' || c == '.') {
        ++pos_;
        std::string name = Ident();
        if (name.empty()) return Error(std::string("'") + c + "' must be followed by a name");
        if (c == '#') {
          if (!out->id.empty()) return Error("a compound selector may name one #id");
          out->id = name;
        } else {
          out->classes.push_back(name);
        }
      } else if (c == '[') {
        ++pos_;
        AttributeTest test;
        Status s = ParseAttribute(&test);
        if (!s.ok()) return s;
        out->attributes.push_back(std::move(test));
      } else {
        break;
      }
    }
    if (pos_ == start) return Unexpected();
    return Status::Ok();
  }

  Status ParseAttribute(AttributeTest* out) {
    SkipSpace();
    out->name = AsciiLower(Ident());
    if (out->name.empty()) return Error("'[' must be followed by an attribute name");
    SkipSpace();
    if (AtEnd()) return Error("unclosed '['");
    if (Peek() == ']') {
      ++pos_;
      return Status::Ok();
    }
    char c = Peek();
    if (c == '=') {
      out->op = AttributeTest::Op::kEquals;
      ++pos_;
    } else if ((c == '^' || c == '$' || c == '*' || c == '~') && pos_ + 1 < text_.size() &&
               text_[pos_ + 1] == '=') {
      out->op = c == '^'   ? AttributeTest::Op::kPrefix
                : c == '$' ? AttributeTest::Op::kSuffix
                : c == '*' ? AttributeTest::Op::kContains
                           : AttributeTest::Op::kWord;
      pos_ += 2;
    } else {
      return Unexpected();
    }
    SkipSpace();
    if (AtEnd()) return Error("unclosed '['");
    if (Peek() == '"' || Peek() == '\'') {
      char quote = Peek();
      ++pos_;
      size_t end = text_.find(quote, pos_);
      if (end == std::string_view::npos) return Error("unclosed quoted value");
      out->value = std::string(text_.substr(pos_, end - pos_));
      pos_ = end + 1;
    } else {
      out->value = Ident();
      if (out->value.empty()) return Error("attribute value expected");
    }
    SkipSpace();
    if (AtEnd() || Peek() != ']') return Error("expected ']'");
    ++pos_;
    return Status::Ok();
  }

  std::string Ident() {
    size_t start = pos_;
    while (!AtEnd() && IsIdentChar(Peek())) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  bool SkipSpace() {
    bool any = false;
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) {
      ++pos_;
      any = true;
    }
    return any;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  Status Unexpected() {
    if (AtEnd()) return Error("unexpected end of selector");
    return Error(std::string("unexpected '") + Peek() + "' at column " +
                 std::to_string(pos_ + 1) + "; " + kSupported);
  }
  Status Error(const std::string& what) {
    return Status::Error("invalid CSS selector '" + std::string(text_) + "': " + what);
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

Status ParseSelectorList(std::string_view text, SelectorList* out) {
  return Parser(text).Parse(out);
}

namespace {

// A TOML basic string of `text`.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string SelectorEntry::ToString() const {
  if (!IsRange()) return css;
  std::string out = "{ ";
  const std::pair<const char*, const std::string*> markers[] = {
      {"start_before", &start_before}, {"start_after", &start_after},
      {"end_before", &end_before}, {"end_after", &end_after}};
  bool first = true;
  for (const auto& [name, value] : markers) {
    if (value->empty()) continue;
    if (!first) out += ", ";
    out += std::string(name) + " = " + Quoted(*value);
    first = false;
  }
  return out + " }";
}

std::vector<SelectorEntry> CssEntries(const std::vector<std::string>& css) {
  std::vector<SelectorEntry> out;
  for (const std::string& text : css) {
    SelectorEntry entry;
    entry.css = text;
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace pw::config
