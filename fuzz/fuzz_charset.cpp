// fuzz_charset: charset detection and conversion to UTF-8 of arbitrary bytes.
//
// Input: a line holding a Content-Type header value, a byte choosing the source
// charset (detected, or one of a fixed list), then the body. Checked: whatever
// the bytes and charset, ConvertToUtf8 gives valid UTF-8 (as a validator written
// here judges it), IsValidUtf8 agrees with that validator, and the detected or
// canonical charset name is one CanonicalCharset accepts as it is.
#include <array>
#include <string>

#include "fetch/charset.h"
#include "fuzz/fuzz_support.h"

namespace {

using pw::fuzz::Check;

constexpr std::array<const char*, 12> kCharsets = {
    "utf-8",    "windows-1252", "utf-16le",   "utf-16be", "shift_jis", "euc-jp",
    "iso-2022-jp", "gb18030",   "big5",       "koi8-r",   "euc-kr",    "windows-1251"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pw::fuzz::Input in(data, size);
  const std::string_view header = in.Line(128);
  const uint8_t choice = in.Byte();
  const std::string_view body = in.Rest();

  Check(pw::fetch::IsValidUtf8(body) == pw::fuzz::ValidUtf8(body),
        "IsValidUtf8 disagrees with the reference validator");
  (void)pw::fetch::MediaType(header);
  const std::string label = pw::fetch::CanonicalCharset(pw::fetch::CharsetParameter(header));
  if (!label.empty()) {
    Check(pw::fetch::CanonicalCharset(label) == label, "a canonical charset name is not canonical");
  }
  std::string charset;
  if (choice < kCharsets.size()) {
    charset = kCharsets[choice];
  } else {
    const pw::fetch::CharsetGuess guess = pw::fetch::DetectCharset(body, header);
    Check(!guess.name.empty(), "DetectCharset gave no charset");
    Check(pw::fetch::CanonicalCharset(guess.name) == guess.name,
          "DetectCharset gave a name that is not canonical");
    charset = guess.name;
  }
  const std::string utf8 = pw::fetch::ConvertToUtf8(body, charset);
  Check(pw::fuzz::ValidUtf8(utf8), "ConvertToUtf8 gave invalid UTF-8");
  return 0;
}
