// The daemon's web view: served with [web] listen, the webhook event's
// change_url opens the change page it names, /metrics counts what the daemon
// did, and a reload that drops [web] stops the server while checks go on.
#include <catch2/catch.hpp>

#include "tests/support/free_port.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {
namespace {

int FreePort() { return ::pw::testing::FreeLoopbackPort(); }

std::string WebTable(int port) {
  const std::string address = "127.0.0.1:" + std::to_string(port);
  return "[web]\nlisten = \"" + address + "\"\nbase_url = \"http://" + address + "\"\n";
}

}  // namespace

TEST_CASE("run: the web view serves the change an alert links to", "[daemon][e2e][web]") {
  World w;
  const int port = FreePort();
  w.site.Set("/acme/privacy", PolicyPage("acme", 0, Edit::kNone));
  const std::string config =
      ConfigToml("2s", w.secret_file, {{"legal", w.hook.Url("legal"), "material"}},
                 {{"acme", {"legal"}, {{"privacy-policy", w.site.Url("/acme/privacy")}}}});
  w.WriteConfig(WebTable(port) + config);
  auto daemon = w.Start();
  w.Require([&] { return Versions(w.db, "acme", "privacy-policy") == 1; }, "the first version");
  w.site.Set("/acme/privacy", PolicyPage("acme", 0, Edit::kMaterial));
  w.Require([&] { return w.hook.Unique().size() == 1; }, "the material change's webhook");

  const nlohmann::json event = w.hook.Unique()[0].event;
  const std::string prefix = "http://127.0.0.1:" + std::to_string(port);
  const std::string link = event.value("change_url", "");
  REQUIRE(link.rfind(prefix + "/documents/acme/privacy-policy/changes/", 0) == 0);
  httplib::Client client("127.0.0.1", port);
  auto page = client.Get(link.substr(prefix.size()));
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->body.find("<ins>may </ins>") != std::string::npos);
  CHECK(page->body.find("sev sev-material") != std::string::npos);
  auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("policywatch_changes_total{severity=\"material\"} 1\n") != std::string::npos);
  CHECK(metrics->body.find("policywatch_documents 1\n") != std::string::npos);

  // A reload without [web]: the server stops, the daemon goes on.
  w.WriteConfig(config);
  daemon->Signal(SIGHUP);
  w.Require([&] { return World::Count(ReadFile(w.log), "configuration reloaded") == 1; }, "the reload");
  httplib::Client after("127.0.0.1", port);
  CHECK_FALSE(after.Get("/healthz"));
  w.Stop(*daemon);
}

TEST_CASE("run: a web port already taken is logged and checks go on", "[daemon][e2e][web]") {
  World w;
  httplib::Server squatter;
  const int port = squatter.bind_to_any_port("127.0.0.1");
  w.site.Set("/acme/privacy", PolicyPage("acme", 0, Edit::kNone));
  w.WriteConfig(WebTable(port) + ConfigToml("2s", w.secret_file, {},
                                            {{"acme", {}, {{"privacy-policy", w.site.Url("/acme/privacy")}}}}));
  auto daemon = w.Start();
  w.Require([&] { return Versions(w.db, "acme", "privacy-policy") == 1; }, "the first version");
  CHECK(ReadFile(w.log).find("web: cannot listen on 127.0.0.1:" + std::to_string(port)) != std::string::npos);
  w.Stop(*daemon);
}

}  // namespace pw::daemon_e2e
