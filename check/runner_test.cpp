// The Runner when the store refuses records (RetryRecording, the daemon's mode):
// a real SQLite file locked by a second connection, a real page on 127.0.0.1.
#include "check/runner.h"

#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "fetch/test_http_servers.h"
#include "tests/support/temp_dir.h"
#include "tests/support/write_lock.h"

namespace pw::check {
namespace {

using namespace std::chrono_literals;

using ::pw::testing::TempDir;

// "privacy" at `url`, "terms" at `slow_url`.
std::shared_ptr<const config::Config> TwoDocuments(const std::string& url,
                                                  const std::string& slow_url) {
  auto c = std::make_shared<config::Config>();
  config::Company acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.documents.push_back(config::PageDocument("privacy", url));
  acme.documents.push_back(config::PageDocument("terms", slow_url));
  c->companies.push_back(acme);
  return c;
}

std::int64_t CountAttempts(const std::string& path) {
  std::unique_ptr<store::Store> reader;
  store::StoreOptions ro;
  ro.read_only = true;
  REQUIRE(store::Store::Open(path, ro, &reader).ok());
  std::int64_t n = -1;
  REQUIRE(reader->db()->QueryInt("SELECT count(*) FROM attempts", &n).ok());
  return n;
}

struct Fixture {
  TempDir dir;
  std::string db = dir.path() + "/pw.db";
  std::atomic<int> served{0};  // of /p
  fetch::testing::HttpServer site{[this](httplib::Server& s) {
    s.Get("/p", [this](const httplib::Request&, httplib::Response& res) {
      ++served;
      res.set_content("<main><h1>Privacy</h1><p>We keep your data for a year.</p></main>",
                      "text/html");
    });
    s.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(700));
      res.set_content("<main><h1>Terms</h1><p>Be nice.</p></main>", "text/html");
    });
  }};
  std::shared_ptr<const config::Config> config = TwoDocuments(site.Url("/p"), site.Url("/slow"));
  std::unique_ptr<store::Store> store;

  Fixture() {
    store::StoreOptions options;
    options.group_checks = true;
    REQUIRE(store::Store::Open(db, options, &store).ok());
    REQUIRE(store->SyncConfig(*config, 1'800'000'000).ok());
    store->SetBusyTimeout(20ms);
  }
  Target target(size_t i = 0) const {
    return {&config->companies[0], &config->companies[0].documents[i]};
  }
};

}  // namespace

TEST_CASE("runner: a locked database delays the record, not the fetch, and no failure is "
          "reported", "[runner]") {
  Fixture f;
  Runner runner(f.store.get(), 4, 0ms);
  runner.RetryRecording(true);
  std::vector<CheckResult> results;
  auto on_result = [&](const CheckResult& r) { results.push_back(r); };

  testing::WriteLock lock(f.db);
  runner.Add(f.config, f.target());
  const auto until = std::chrono::steady_clock::now() + 1500ms;
  while (std::chrono::steady_clock::now() < until) runner.Step(100ms, on_result);
  CHECK(f.served == 1);            // fetched at once
  CHECK(results.empty());          // not reported: not recorded
  CHECK(runner.Unrecorded() == 1);  // kept for later
  CHECK(runner.Pending() == 0);

  lock.Release();
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (results.empty() && std::chrono::steady_clock::now() < deadline) {
    runner.Step(100ms, on_result);
  }
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == store::AttemptOutcome::kNew);
  CHECK(runner.Unrecorded() == 0);
  CHECK(CountAttempts(f.db) == 1);
  CHECK(f.served == 1);  // recorded from the fetch kept, not fetched again
}

TEST_CASE("runner: without RetryRecording a refused record is reported failed", "[runner]") {
  Fixture f;
  Runner runner(f.store.get(), 4, 0ms);
  std::vector<CheckResult> results;
  testing::WriteLock lock(f.db);
  runner.Add(f.config, f.target());
  runner.RunUntilIdle([&](const CheckResult& r) { results.push_back(r); });
  REQUIRE(results.size() == 1);
  CHECK(results[0].outcome == store::AttemptOutcome::kFailed);
  CHECK_THAT(results[0].error, Catch::Contains("storing the check failed"));
}

TEST_CASE("runner: the checks of a group SQLite rolled back are recorded again, once",
          "[runner]") {
  Fixture f;
  Runner runner(f.store.get(), 4, 0ms);
  runner.RetryRecording(true);
  std::vector<CheckResult> results;
  auto on_result = [&](const CheckResult& r) { results.push_back(r); };
  runner.Add(f.config, f.target(0));
  runner.Add(f.config, f.target(1));  // slow: the group stays open while it fetches
  // Until the first check is recorded in the open group (not yet committed).
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!f.store->ChecksWaiting() && std::chrono::steady_clock::now() < deadline) {
    runner.Step(10ms, on_result);
  }
  REQUIRE(f.store->ChecksWaiting());
  REQUIRE(results.empty());
  // What SQLite does by itself after an I/O error or a full disk.
  REQUIRE(f.store->db()->Exec("ROLLBACK").ok());
  runner.RunUntilIdle(on_result);
  REQUIRE(results.size() == 2);
  for (const auto& r : results) CHECK(r.outcome == store::AttemptOutcome::kNew);
  CHECK(CountAttempts(f.db) == 2);  // the first one again, once, and the slow one
  CHECK(f.served == 1);
}

}  // namespace pw::check
