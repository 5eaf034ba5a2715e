#include "util/backoff.h"

#include <catch2/catch.hpp>

#include <vector>

namespace pw {
namespace {

using namespace std::chrono_literals;

TEST_CASE("backoff: doubles from the first delay to the cap, and starts over") {
  using Steady = pw::SteadyClock;
  Backoff b(100ms, 1000ms);
  const Steady::time_point t0{std::chrono::seconds(1000)};
  CHECK(b.Due(t0));
  CHECK(b.failures() == 0);
  b.Failed(t0);
  CHECK_FALSE(b.Due(t0 + 99ms));
  CHECK(b.Due(t0 + 100ms));
  CHECK(b.Left(t0 + 40ms) == 60ms);
  std::vector<std::chrono::milliseconds> delays;
  Steady::time_point t = t0 + 100ms;
  for (int i = 0; i < 6; ++i) {
    b.Failed(t);
    auto d = b.Left(t);
    delays.push_back(d);
    t += d;
  }
  CHECK(delays == std::vector<std::chrono::milliseconds>{200ms, 400ms, 800ms, 1000ms, 1000ms,
                                                         1000ms});
  CHECK(b.failures() == 7);
  CHECK(b.failing_since() == t0);
  b.Succeeded();
  CHECK(b.failures() == 0);
  CHECK(b.Due(t0));
  b.Failed(t);
  CHECK(b.Left(t) == 100ms);  // starts over
  CHECK(b.failing_since() == t);
}

}  // namespace
}  // namespace pw
