// fuzz_normalized_words: NormalizedWords' ASCII fast path against its general path.
// The fast path takes ASCII text without '\', '[' or ']'; the same text with
// " \" appended (a lone backslash is a punctuation token, never a word) takes
// the general path (Strip, Tokenize, FoldWord). Both must give the same words,
// with and without date masking and enumerator stripping.
//
// Input: a flags byte, then text (bytes >= 0x80 lose their top bit and '\',
// '[' and ']' become spaces, so the fast path applies).
#include <string>
#include <vector>

#include "diff/internal/normalized_words.h"
#include "fuzz/fuzz_support.h"

namespace {

std::string Join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += "<" + w + ">";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pw::fuzz::Input in(data, size);
  const uint8_t flags = in.Byte();
  std::string text(in.Rest());
  for (char& c : text) {
    c = static_cast<char>(c & 0x7F);
    if (c == '\\' || c == '[' || c == ']') c = ' ';
  }
  pw::diff::NormalizeOptions options;
  options.mask_dates = (flags & 1) != 0;
  options.strip_enumerators = (flags & 2) != 0;
  const std::vector<std::string> fast = pw::diff::NormalizedWords(text, options);
  const std::vector<std::string> general = pw::diff::NormalizedWords(text + " \\", options);
  if (fast != general) pw::fuzz::Fail("ASCII fast path != general path", Join(fast), Join(general));
  return 0;
}
