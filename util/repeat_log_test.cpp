#include "util/repeat_log.h"

#include <catch2/catch.hpp>

#include <sstream>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace {

// Every spdlog line of the scope, one per element.
class Lines {
 public:
  Lines() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    sink->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("lines", sink);
    logger->set_level(spdlog::level::trace);
    spdlog::set_default_logger(logger);
  }
  ~Lines() { spdlog::set_default_logger(previous_); }
  std::vector<std::string> get() const {
    std::vector<std::string> lines;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

 private:
  std::ostringstream out_;
  std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace

TEST_CASE("repeat log: once per window per key, with the count of those left out") {
  using std::chrono::seconds;
  Lines lines;
  pw::RepeatLog log(seconds(60));
  const auto t0 = pw::SteadyClock::time_point() + seconds(1000);
  for (int i = 0; i < 57; ++i)
    log.Log(spdlog::level::err, "db", "disk full #" + std::to_string(i), t0 + seconds(i));
  log.Log(spdlog::level::warn, "other", "another key", t0);
  REQUIRE(lines.get() == std::vector<std::string>{"error disk full #0", "warning another key"});

  // The first copy after the window carries the count: it and the 56 left out.
  log.Log(spdlog::level::err, "db", "disk full #57", t0 + seconds(60));
  REQUIRE(lines.get().size() == 3);
  REQUIRE(lines.get()[2] == "error disk full #57 (repeated 57 times in the last 60 s)");

  // Cleared: the ones left out since are told, and the next copy is logged at
  // once.
  log.Log(spdlog::level::err, "db", "disk full #58", t0 + seconds(61));
  log.Log(spdlog::level::err, "db", "disk full #59", t0 + seconds(62));
  log.Clear("db", t0 + seconds(70));
  REQUIRE(lines.get()[3] == "error disk full #59 (repeated 2 times in the last 10 s)");
  log.Clear("db", t0 + seconds(71));  // nothing left out: nothing written
  log.Log(spdlog::level::err, "db", "disk full again", t0 + seconds(72));
  REQUIRE(lines.get().size() == 5);
  REQUIRE(lines.get()[4] == "error disk full again");
  log.Clear("other", t0 + seconds(80));  // logged once, nothing left out
  REQUIRE(lines.get().size() == 5);
}
