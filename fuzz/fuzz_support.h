// Helpers shared by the fuzz_* targets: splitting one fuzz input into parts,
// comparing Documents, and a crash that says what was wrong.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "extract/document.h"

namespace pw::fuzz {

// Aborts (libFuzzer saves the input) after printing `what` and, if given, the
// two values that should have been equal.
[[noreturn]] inline void Fail(const char* what, std::string_view a = {}, std::string_view b = {}) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
  if (!a.empty() || !b.empty()) {
    std::fprintf(stderr, "  first:  %.*s\n  second: %.*s\n", static_cast<int>(a.size()), a.data(),
                 static_cast<int>(b.size()), b.data());
  }
  std::abort();
}

inline void Check(bool ok, const char* what) {
  if (!ok) Fail(what);
}

// An input in two parts: split at its first "\n%%\n", else in two halves.
inline std::pair<std::string_view, std::string_view> SplitInput(std::string_view input) {
  const size_t cut = input.find("\n%%\n");
  if (cut != std::string_view::npos) return {input.substr(0, cut), input.substr(cut + 4)};
  return {input.substr(0, input.size() / 2), input.substr(input.size() / 2)};
}

// Reads a fuzz input front to back: a byte of flags, lines, the rest.
class Input {
 public:
  Input(const uint8_t* data, size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  uint8_t Byte() {
    if (rest_.empty()) return 0;
    const auto b = static_cast<uint8_t>(rest_[0]);
    rest_.remove_prefix(1);
    return b;
  }
  // Up to the next '\n' (dropped), at most `max` bytes.
  std::string_view Line(size_t max = 256) {
    size_t end = rest_.find('\n');
    if (end == std::string_view::npos) end = rest_.size();
    std::string_view line = rest_.substr(0, std::min(end, max));
    rest_.remove_prefix(std::min(end + 1, rest_.size()));
    return line;
  }
  // A string of the length given by the next byte (any bytes, newlines too).
  std::string_view Counted() {
    const size_t n = std::min<size_t>(Byte(), rest_.size());
    std::string_view s = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return s;
  }
  std::string_view Rest() const { return rest_; }

 private:
  std::string_view rest_;
};

// Strictly valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF),
// written independently of the code under test.
inline bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

inline bool SameBlocks(const extract::Section& a, const extract::Section& b) {
  if (a.blocks.size() != b.blocks.size()) return false;
  for (size_t i = 0; i < a.blocks.size(); ++i) {
    if (a.blocks[i].kind != b.blocks[i].kind || a.blocks[i].text != b.blocks[i].text) return false;
  }
  return true;
}

inline bool SameDocument(const extract::Document& a, const extract::Document& b) {
  if (a.title != b.title || a.sections.size() != b.sections.size()) return false;
  for (size_t i = 0; i < a.sections.size(); ++i) {
    const extract::Section& x = a.sections[i];
    const extract::Section& y = b.sections[i];
    if (x.heading != y.heading || x.level != y.level || x.path != y.path || !SameBlocks(x, y)) {
      return false;
    }
  }
  return true;
}

// Every string of `doc` is valid UTF-8.
inline bool DocumentIsUtf8(const extract::Document& doc) {
  if (!ValidUtf8(doc.title)) return false;
  for (const extract::Section& s : doc.sections) {
    if (!ValidUtf8(s.heading)) return false;
    for (const std::string& p : s.path) {
      if (!ValidUtf8(p)) return false;
    }
    for (const extract::Block& b : s.blocks) {
      if (!ValidUtf8(b.text)) return false;
    }
  }
  return true;
}

}  // namespace pw::fuzz
