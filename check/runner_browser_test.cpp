// The Runner and the browser: started only when a check needs it, and gone
// with the Runner. A real page on 127.0.0.1 and a real headless Chromium.
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "check/runner.h"
#include "fetch/test_http_servers.h"
#include "tests/support/temp_dir.h"

namespace pw::check {
namespace {

using namespace std::chrono_literals;

constexpr const char* kBuiltByScript =
    "<html><body><main id='app'></main><script>"
    "document.getElementById('app').innerHTML = '<h1>Privacy</h1><p>We keep your "
    "data for one year and then delete it.</p>';</script></body></html>";

struct Fixture {
  testing::TempDir dir;
  fetch::testing::HttpServer site{[](httplib::Server& s) {
    s.Get("/static", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<main><h1>Terms</h1><p>Be kind to each other.</p></main>", "text/html");
    });
    s.Get("/script", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(kBuiltByScript, "text/html");
    });
  }};
  std::unique_ptr<store::Store> store;

  Fixture() { REQUIRE(store::Store::Open(dir.path() + "/pw.db", {}, &store).ok()); }

  // One company with a document per path; `rendered` ones with render = "browser".
  std::shared_ptr<const config::Config> Config(const std::vector<std::string>& paths,
                                               size_t first_rendered) {
    auto c = std::make_shared<config::Config>();
    c->daemon.browser_sandbox = geteuid() != 0;  // Chromium's sandbox refuses root
    config::Company acme;
    acme.id = "acme";
    acme.name = "Acme";
    for (size_t i = 0; i < paths.size(); ++i) {
      auto document = config::PageDocument("doc" + std::to_string(i), site.Url(paths[i]));
      if (i >= first_rendered) document.parts[0].render = config::Render::kBrowser;
      acme.documents.push_back(document);
    }
    c->companies.push_back(acme);
    REQUIRE(store->SyncConfig(*c, 1'800'000'000).ok());
    return c;
  }
};

std::vector<CheckResult> CheckAll(Runner& runner,
                                  const std::shared_ptr<const config::Config>& config) {
  for (const auto& document : config->companies[0].documents) {
    runner.Add(config, {&config->companies[0], &document});
  }
  std::vector<CheckResult> results;
  runner.RunUntilIdle([&](const CheckResult& r) { results.push_back(r); });
  return results;
}

bool ProcessExists(int pid) { return kill(pid, 0) == 0; }

}  // namespace

TEST_CASE("runner: no browser is started while no document needs one",
          "[runner][browser]") {
  Fixture f;
  Runner runner(f.store.get(), 2, 0ms);
  const auto results = CheckAll(runner, f.Config({"/static", "/static"}, 2));
  REQUIRE(results.size() == 2);
  for (const auto& r : results) CHECK(r.outcome == store::AttemptOutcome::kNew);
  CHECK(runner.BrowserProcessId() == 0);
}

TEST_CASE("runner: the browser starts with the first rendered document and stops with "
          "the Runner", "[runner][browser]") {
  Fixture f;
  int pid = 0;
  {
    Runner runner(f.store.get(), 2, 0ms);
    const auto results = CheckAll(runner, f.Config({"/static", "/script"}, 1));
    REQUIRE(results.size() == 2);
    for (const auto& r : results) {
      INFO(r.error);
      CHECK(r.outcome == store::AttemptOutcome::kNew);
    }
    pid = runner.BrowserProcessId();
    REQUIRE(pid > 0);
    CHECK(ProcessExists(pid));
  }
  // Killed and reaped by the Runner's destructor: no process, no zombie.
  CHECK_FALSE(ProcessExists(pid));
}

}  // namespace pw::check
