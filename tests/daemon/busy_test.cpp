// `policywatch run` when our own side is slow: another process holding the
// database locked, a NOTIFY_SOCKET nobody reads. Fetching goes on, nothing is
// recorded as a page failure because of it, signals are answered, and STATUS=
// is sent at most about once a second.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

#include "tests/daemon/world.h"
#include "tests/support/write_lock.h"

namespace pw::daemon_e2e {
namespace {

using namespace std::chrono_literals;

std::string DocPath(int i) { return "/p" + std::to_string(i); }

// `docs` pages of company "acme" on w.site, checked every `interval`, with
// timeouts short enough that a loop stalled for seconds would see its fetches
// time out.
void SetupDocuments(World& w, int docs, const std::string& interval) {
  CompanySpec acme{"acme", {}, {}};
  for (int i = 0; i < docs; ++i) {
    w.site.Set(DocPath(i), PolicyPage("acme", i, Edit::kNone));
    acme.documents.emplace_back("policy-" + std::to_string(i), w.site.Url(DocPath(i)));
  }
  std::string toml = ConfigToml(interval, w.secret_file, {}, {acme});
  for (auto [from, to] : {std::pair<std::string, std::string>{"timeout = \"20s\"", "timeout = \"2s\""},
                          {"connect_timeout = \"5s\"", "connect_timeout = \"1s\""}}) {
    auto at = toml.find(from);
    REQUIRE(at != std::string::npos);
    toml.replace(at, from.size(), to);
  }
  w.WriteConfig(toml);
}

int TotalServed(const World& w, int docs) {
  int n = 0;
  for (int i = 0; i < docs; ++i) n += w.site.Served(DocPath(i));
  return n;
}

long long AllAttempts(const World& w) { return QueryInt(w.db, "SELECT count(*) FROM attempts"); }

std::int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

size_t CountStatus(const std::vector<NotifyMessage>& messages, size_t from) {
  size_t n = 0;
  for (size_t i = from; i < messages.size(); ++i) {
    n += messages[i].text.find("STATUS=") != std::string::npos;
  }
  return n;
}

}  // namespace

TEST_CASE("run: a database locked by another process delays recording, never fetching",
          "[daemon][e2e][busy]") {
  World w;
  constexpr int kDocs = 6;
  SetupDocuments(w, kDocs, "1s");
  auto daemon = w.Start();
  w.Require([&] { return AllAttempts(w) >= 2 * kDocs; }, "two rounds of checks");

  const int served_before = TotalServed(w, kDocs);
  const std::int64_t locked_at = UnixNow();
  testing::WriteLock lock(w.db);
  const long long attempts_locked = AllAttempts(w);
  // Longer than the old 5 s busy timeout, with fetches timing out after 2 s; a
  // reload asked for meanwhile waits for the database too.
  std::this_thread::sleep_for(3s);
  const size_t reloads = World::Count(daemon->Log(), "configuration reloaded");
  daemon->Signal(SIGHUP);
  std::this_thread::sleep_for(6s);
  CHECK(World::Count(daemon->Log(), "configuration reloaded") == reloads);
  // Fetching went on: every document was fetched while the database was locked.
  CHECK(TotalServed(w, kDocs) - served_before >= kDocs);
  CHECK(AllAttempts(w) == attempts_locked);  // the lock held: nothing could be written
  CHECK(daemon->running());
  lock.Release();
  const std::int64_t unlocked_at = UnixNow();
  w.Require([&] { return World::Count(daemon->Log(), "configuration reloaded") > reloads; },
            "the reload, once the lock is gone", 10s);

  // The checks made during the lock are recorded once it ends...
  const std::string during = "SELECT count(*) FROM attempts WHERE started_at >= " +
                             std::to_string(locked_at) +
                             " AND started_at <= " + std::to_string(unlocked_at);
  w.Require([&] { return QueryInt(w.db, during) >= kDocs; },
            "the checks made during the lock recorded", 15s);
  // ... and checking goes on after it.
  w.Require([&] {
    return QueryInt(w.db, "SELECT count(*) FROM attempts WHERE started_at > " +
                              std::to_string(unlocked_at)) >= kDocs;
  }, "checks after the lock", 15s);

  // No healthy page was recorded as failed.
  INFO("failures: " << QueryText(w.db, "SELECT group_concat(error_message, ' | ') FROM attempts"
                                       " WHERE outcome = 4"));
  INFO("daemon log:\n" << daemon->Log());
  CHECK(QueryInt(w.db, "SELECT count(*) FROM attempts WHERE outcome = 4") == 0);
  CHECK(QueryInt(w.db, "SELECT max(consecutive_failures) FROM document_state") == 0);
  // The delay is logged once, and its end.
  const std::string log = daemon->Log();
  CHECK(World::Count(log, "recording checks is delayed") == 1);
  CHECK(World::Count(log, "recording checks works again") >= 1);
  CHECK(World::Count(log, "storing the check failed") == 0);
  CHECK(World::Count(log, "trying again with back-off") == 2);  // the checks, the reload
  CHECK(World::Count(log, "keeping the running configuration") == 0);
  w.Stop(*daemon);
  CHECK(w.IntegrityCheck() == "ok");
}

TEST_CASE("run: a NOTIFY_SOCKET nobody reads stalls neither checks nor signals",
          "[daemon][e2e][busy][systemd]") {
  World w;
  constexpr int kDocs = 3;
  SetupDocuments(w, kDocs, "1s");
  DeafNotifySocket socket(w.dir.File("deaf.sock"));
  // A 200 ms watchdog ping, STATUS= and READY=1: the socket's queue (10
  // datagrams here) is full within two seconds.
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", socket.path()},
                             {"WATCHDOG_USEC", "400000"},
                             {"WATCHDOG_PID", "$PID"}});
  w.Require([&] { return AllAttempts(w) >= 6 * kDocs; }, "six rounds of checks", 20s);
  const int served = TotalServed(w, kDocs);
  std::this_thread::sleep_for(1500ms);
  CHECK(TotalServed(w, kDocs) > served);

  // SIGHUP is answered, and checking goes on after it.
  const size_t reloads = World::Count(daemon->Log(), "configuration reloaded");
  daemon->Signal(SIGHUP);
  w.Require([&] { return World::Count(daemon->Log(), "configuration reloaded") > reloads; },
            "the reload", 5s);
  const long long after_reload = AllAttempts(w);
  w.Require([&] { return AllAttempts(w) >= after_reload + 2 * kDocs; },
            "checks after the reload", 10s);

  // SIGTERM ends it promptly.
  const auto stop_at = std::chrono::steady_clock::now();
  w.Stop(*daemon, 5s);
  CHECK(std::chrono::steady_clock::now() - stop_at < 3s);
}

TEST_CASE("run: STATUS= at most about once a second, following the checks",
          "[daemon][e2e][systemd]") {
  World w;
  constexpr int kDocs = 20;
  SetupDocuments(w, kDocs, "1s");
  NotifySocket socket(w.dir.File("notify.sock"));
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", socket.path()}});
  w.Require([&] { return socket.Find("READY=1") >= 0; }, "READY=1");
  w.Require([&] { return AllAttempts(w) >= kDocs; }, "a first round of checks");

  const size_t from = socket.Messages().size();
  const long long attempts_from = AllAttempts(w);
  const auto window = 5s;
  std::this_thread::sleep_for(window);
  const auto messages = socket.Messages();
  const long long checks = AllAttempts(w) - attempts_from;
  const size_t statuses = CountStatus(messages, from);
  INFO(checks << " checks, " << statuses << " STATUS= messages in 5 s");
  // Many checks (one STATUS= each would be dozens)...
  CHECK(checks >= 3 * kDocs);
  // ... but about one STATUS= a second, and they keep coming.
  CHECK(statuses <= 7);
  CHECK(statuses >= 3);
  // The latest one counts the checks.
  const std::string& last = messages.back().text;
  INFO(last);
  const auto at = last.find("documents; ");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoll(last.substr(at + 11)) >= attempts_from);
  w.Stop(*daemon);
}

TEST_CASE("run: READY and STATUS on an abstract NOTIFY_SOCKET (@name)", "[daemon][e2e][systemd]") {
  World w;
  SetupDocuments(w, 1, "1s");
  NotifySocket socket("@pw-e2e-notify-" + std::to_string(getpid()));
  auto daemon = w.Start({}, {{"NOTIFY_SOCKET", socket.path()}});
  w.Require([&] { return socket.Find("READY=1") >= 0; }, "READY=1");
  w.Require([&] { return socket.MostChecksReported() >= 2; }, "STATUS after two checks");
  w.Stop(*daemon);
  CHECK(socket.Find("STOPPING=1") >= 0);
}

}  // namespace pw::daemon_e2e
