// Logging an error that may repeat, once with a count instead of once per loop.
// Not thread-safe: one per thread (or per worker), or guard it.
#pragma once

#include <chrono>
#include <map>
#include <string>

#include <spdlog/common.h>

#include "util/clock.h"

namespace pw {

class RepeatLog {
 public:
  explicit RepeatLog(std::chrono::seconds window = std::chrono::seconds(60)) : window_(window) {}

  // Logs `message` at `level` the first time `key` is seen; later ones within
  // `window` of the last line logged for `key` are only counted, and the first
  // one after it is logged as "<message> (repeated N times in the last W s)",
  // N counting it and those left out. So a key logs at most once per window.
  void Log(spdlog::level::level_enum level, const std::string& key, const std::string& message,
           SteadyClock::time_point now = SteadyClock::now());

  // The condition behind `key` is over: copies left out since the last line are
  // logged now, as above, and the next Log of `key` is logged at once.
  void Clear(const std::string& key, SteadyClock::time_point now = SteadyClock::now());

  // The line Log or Clear would write for `count` copies of `message` over
  // `span` (the message itself when count <= 1).
  static std::string Format(const std::string& message, int count, SteadyClock::duration span);

 private:
  struct Entry {
    SteadyClock::time_point logged_at;  // when a line was last written
    int left_out = 0;             // copies since then not written
    spdlog::level::level_enum level = spdlog::level::err;
    std::string last;  // the latest copy's text
  };
  std::chrono::seconds window_;
  std::map<std::string, Entry> entries_;
};

}  // namespace pw
