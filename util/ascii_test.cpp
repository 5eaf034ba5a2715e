#include "util/ascii.h"

#include <catch2/catch.hpp>

TEST_CASE("ascii lower: only A-Z fold, other bytes stay") {
  CHECK(pw::AsciiLower("Content-Type: TEXT/Html") == "content-type: text/html");
  CHECK(pw::AsciiLower("") == "");
  CHECK(pw::AsciiLower("@[`{") == "@[`{");                  // the bytes around A-Z
  CHECK(pw::AsciiLower("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89");  // "ÉTÉ": É untouched
  CHECK(pw::AsciiLower('Z') == 'z');
  CHECK(pw::AsciiLower('z') == 'z');
}
