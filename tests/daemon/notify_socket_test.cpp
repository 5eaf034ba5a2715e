// `policywatch run` under a (simulated) systemd: sd_notify messages on a real
// NOTIFY_SOCKET, with the sender's credentials.
#include <catch2/catch.hpp>

#include <signal.h>
#include <time.h>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {
namespace {

void SetupOneDocument(World& w) {
  w.site.Set("/p", PolicyPage("acme", 1, Edit::kNone));
  w.WriteConfig(ConfigToml("2s", w.secret_file, {}, {{"acme", {}, {{"privacy", w.site.Url("/p")}}}}));
}

size_t CountMessages(const NotifySocket& socket, const std::string& needle) {
  size_t n = 0;
  for (const auto& m : socket.Messages()) n += m.text.find(needle) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("run: READY, STATUS, WATCHDOG, RELOADING, STOPPING on NOTIFY_SOCKET",
          "[daemon][e2e][systemd]") {
  World w;
  SetupOneDocument(w);
  NotifySocket socket(w.dir.File("notify.sock"));
  // A 400 ms watchdog for this very process (WATCHDOG_PID = the daemon's pid).
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", socket.path()},
                             {"WATCHDOG_USEC", "400000"},
                             {"WATCHDOG_PID", "$PID"}});

  w.Require([&] { return socket.Find("READY=1") >= 0; }, "READY=1");
  int ready = socket.Find("READY=1");
  CHECK(socket.Messages()[ready].text.find("STATUS=watching 1 documents") != std::string::npos);

  // STATUS follows the checks.
  w.Require([&] { return socket.MostChecksReported() >= 2; }, "a STATUS update after two checks");
  // The watchdog is pinged (every half period) while the daemon sleeps between checks.
  w.Require([&] { return CountMessages(socket, "WATCHDOG=1") >= 3; }, "WATCHDOG=1 pings");

  // SIGHUP: RELOADING=1, then READY=1 again.
  size_t before_reload = socket.Messages().size();
  daemon->Signal(SIGHUP);
  w.Require([&] { return socket.Find("RELOADING=1", before_reload) >= 0; }, "RELOADING=1");
  int reloading = socket.Find("RELOADING=1", before_reload);
  {
    // With the time of the reload on CLOCK_MONOTONIC, as systemd 253+ asks.
    const std::string m = socket.Messages()[static_cast<size_t>(reloading)].text;
    const size_t at = m.find("MONOTONIC_USEC=");
    REQUIRE(at != std::string::npos);
    const long long sent = std::stoll(m.substr(at + 15));
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    const long long now_usec = now.tv_sec * 1000000ll + now.tv_nsec / 1000;
    CHECK(sent <= now_usec);
    CHECK(sent > now_usec - 60ll * 1000000);
  }
  w.Require([&] { return socket.Find("READY=1", reloading + 1) >= 0; }, "READY=1 after the reload");

  // SIGTERM: STOPPING=1, and a clean exit.
  size_t before_stop = socket.Messages().size();
  w.Stop(*daemon);
  CHECK(socket.Find("STOPPING=1", before_stop) >= 0);

  // Every message came from the daemon itself, none empty.
  auto messages = socket.Messages();
  REQUIRE(!messages.empty());
  for (const auto& m : messages) {
    INFO(m.text);
    CHECK(m.pid == daemon->pid());
    CHECK(!m.text.empty());
  }
}

TEST_CASE("run: no WATCHDOG=1 when WATCHDOG_PID names another process",
          "[daemon][e2e][systemd]") {
  World w;
  SetupOneDocument(w);
  NotifySocket socket(w.dir.File("notify.sock"));
  // sd_watchdog_enabled(): the watchdog is for WATCHDOG_PID only (here: this test).
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", socket.path()},
                             {"WATCHDOG_USEC", "200000"},
                             {"WATCHDOG_PID", std::to_string(getpid())}});
  w.Require([&] { return socket.Find("READY=1") >= 0; }, "READY=1");
  // Three checks take at least 4 s: a 200 ms watchdog would have pinged ~20 times.
  w.Require([&] { return socket.MostChecksReported() >= 3; }, "three checks");
  CHECK(CountMessages(socket, "WATCHDOG=1") == 0);
  w.Stop(*daemon);
}

TEST_CASE("run: a NOTIFY_SOCKET where nobody listens does not stop the daemon",
          "[daemon][e2e][systemd]") {
  World w;
  SetupOneDocument(w);
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", w.dir.File("nobody.sock")},
                             {"WATCHDOG_USEC", "200000"}});
  w.Require([&] { return Attempts(w.db, "acme", "privacy") >= 2; }, "two checks");
  CHECK(daemon->running());
  w.Stop(*daemon);
}

}  // namespace pw::daemon_e2e
