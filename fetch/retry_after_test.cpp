#include "fetch/internal/retry_after.h"

#include <catch2/catch.hpp>

using namespace pw::fetch;
using std::chrono::seconds;

namespace {
// Wed, 21 Oct 2015 07:28:00 GMT
const auto kNow = std::chrono::system_clock::from_time_t(1445412480);
}  // namespace

TEST_CASE("retry_after: delta-seconds") {
  CHECK(ParseRetryAfter("120", kNow) == seconds(120));
  CHECK(ParseRetryAfter(" 0 ", kNow) == seconds(0));
  CHECK(ParseRetryAfter("99999999999999999999999", kNow) == seconds(365LL * 24 * 3600));
}

TEST_CASE("retry_after: HTTP-date in the three RFC forms, relative to now") {
  CHECK(ParseRetryAfter("Wed, 21 Oct 2015 07:30:00 GMT", kNow) == seconds(120));
  CHECK(ParseRetryAfter("Wednesday, 21-Oct-15 07:30:00 GMT", kNow) == seconds(120));
  CHECK(ParseRetryAfter("Wed Oct 21 07:30:00 2015", kNow) == seconds(120));
  CHECK(ParseRetryAfter("Tue, 20 Oct 2015 07:28:00 GMT", kNow) == seconds(0));  // past
}

TEST_CASE("retry_after: malformed values are rejected") {
  CHECK_FALSE(ParseRetryAfter("", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("-5", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("1.5", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("soon", kNow).has_value());
  CHECK_FALSE(ParseRetryAfter("12 34", kNow).has_value());
}
