#include <catch2/catch.hpp>

#include "config/config.h"

namespace pw::config {
namespace {

using std::chrono::milliseconds;

milliseconds Duration(const char* text) {
  milliseconds out{-1};
  REQUIRE(ParseDuration(text, &out));
  return out;
}

std::uint64_t Size(const char* text) {
  std::uint64_t out = 0;
  REQUIRE(ParseSize(text, &out));
  return out;
}

TEST_CASE("ParseDuration accepts an integer and a unit", "[config][units]") {
  CHECK(Duration("500ms") == milliseconds(500));
  CHECK(Duration("90s") == milliseconds(90'000));
  CHECK(Duration("15m") == milliseconds(15 * 60'000));
  CHECK(Duration("6h") == milliseconds(6 * 3'600'000));
  CHECK(Duration("7d") == milliseconds(7LL * 86'400'000));
  CHECK(Duration("0s") == milliseconds(0));
}

TEST_CASE("ParseDuration rejects malformed and overflowing text", "[config][units]") {
  milliseconds out{};
  for (const char* bad : {"", "s", "6", "6 h", " 6h", "6h ", "-6h", "+6h", "6H", "1.5h", "6hours",
                          "6x", "1h30m", "99999999999999999999d", "9223372036854775807s",
                          "106751991167301d"}) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(ParseDuration(bad, &out));
  }
  CHECK(ParseDuration("106751991167d", &out));  // within int64 milliseconds
}

TEST_CASE("ParseSize uses SI units, and binary ones when asked", "[config][units]") {
  CHECK(Size("512B") == 512);
  CHECK(Size("512KB") == 512'000);
  CHECK(Size("10MB") == 10'000'000);
  CHECK(Size("1GB") == 1'000'000'000);
  CHECK(Size("10mb") == 10'000'000);
  CHECK(Size("1KiB") == 1024);
  CHECK(Size("1MiB") == 1024 * 1024);
  CHECK(Size("2GiB") == 2ULL * 1024 * 1024 * 1024);
}

TEST_CASE("ParseSize rejects malformed and overflowing text", "[config][units]") {
  std::uint64_t out = 0;
  for (const char* bad : {"", "10", "MB", "10 MB", "-1MB", "1.5MB", "10XB", "10M",
                          "99999999999999999999B", "18446744073709551616B", "18446744073709552GB"}) {
    INFO("text: '" << bad << "'");
    CHECK_FALSE(ParseSize(bad, &out));
  }
}

}  // namespace
}  // namespace pw::config
