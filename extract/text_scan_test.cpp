// The eight-bytes-at-a-time scans (text_scan.h) against the obvious loops, on
// random text of every length around the word size and every byte value.
#include "extract/internal/text_scan.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>

namespace pw::extract::scan {
namespace {

bool NaiveIsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

size_t NaiveCountNonSpace(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !NaiveIsSpace(c);
  return n;
}

bool NaiveSingleSpaced(std::string_view s, size_t* spaces) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') return false;
    if (s[i] != ' ') continue;
    if (i == 0 || i + 1 == s.size() || s[i - 1] == ' ') return false;
    ++n;
  }
  *spaces = n;
  return true;
}

size_t NaivePlainPrefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) >= 0x20 &&
         static_cast<unsigned char>(s[i]) <= 0x7E && s[i] != '<' && s[i] != '&') {
    ++i;
  }
  return i;
}

bool NaivePrintableAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("text scans give the answers of byte-by-byte loops", "[text_scan]") {
  std::mt19937 rng(3);
  // Mostly letters and single spaces, so that the "true" answers come up too.
  const std::string common = "abcdefghij ABCXYZ.,;-<&";
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const size_t len = rng() % 40;
    const bool rare = round % 3 == 0;
    for (size_t i = 0; i < len; ++i) {
      if (rare && rng() % 8 == 0) {
        s += static_cast<char>(rng() % 256);  // any byte: controls, DEL, UTF-8 parts
      } else {
        s += common[rng() % common.size()];
      }
    }
    INFO("round " << round << " length " << s.size());
    CHECK(CountNonSpace(s) == NaiveCountNonSpace(s));
    CHECK(PrintableAscii(s) == NaivePrintableAscii(s));
    CHECK(PlainPrefix(s) == NaivePlainPrefix(s));
    size_t fast = 99, naive = 99;
    const bool ok = SingleSpaced(s, &fast);
    REQUIRE(ok == NaiveSingleSpaced(s, &naive));
    if (ok) CHECK(fast == naive);
  }
  // Every byte value, at every position of a word.
  for (int b = 0; b < 256; ++b) {
    for (size_t pos = 0; pos < 17; ++pos) {
      std::string s(17, 'x');
      s[pos] = static_cast<char>(b);
      size_t fast = 0, naive = 0;
      CHECK(PrintableAscii(s) == NaivePrintableAscii(s));
      CHECK(PlainPrefix(s) == NaivePlainPrefix(s));
      CHECK(CountNonSpace(s) == NaiveCountNonSpace(s));
      CHECK(SingleSpaced(s, &fast) == NaiveSingleSpaced(s, &naive));
    }
  }
  size_t n = 0;
  CHECK(SingleSpaced("", &n));
  CHECK(n == 0);
  CHECK_FALSE(SingleSpaced("abcdefg  hijklmnop", &n));   // double space across a word boundary
  CHECK_FALSE(SingleSpaced("abcdefg\x20\x20", &n));
  CHECK(SingleSpaced("abcdefg h", &n));
  CHECK(n == 1);
}

}  // namespace pw::extract::scan
