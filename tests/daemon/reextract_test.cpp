// `policywatch reextract` while `policywatch run` holds the same database: the
// technical version is stored beside the running daemon, nothing is announced,
// and the daemon goes on (reloaded with the configuration reextract read).
#include <signal.h>

#include <chrono>
#include <thread>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {

TEST_CASE("reextract: beside the running daemon a changed remove makes a technical version "
          "and no alert", "[daemon][e2e][reextract]") {
  World w;
  w.site.Set("/p", PolicyPage("acme", 1, Edit::kNone));
  const std::string base =
      ConfigToml("1h", w.secret_file, {{"hook", w.hook.Url("hook"), "cosmetic"}},
                 {{"acme", {"hook"}, {{"privacy", w.site.Url("/p")}}}});
  w.WriteConfig(base);
  auto daemon = w.Start();
  w.Require([&] { return Versions(w.db, "acme", "privacy") == 1; }, "the first version");

  w.WriteConfig(base + "  remove = [\"h1\"]\n");  // the document's table is the last one
  Outcome re = Run({"reextract", "--config", w.config, "--db", w.db});
  INFO(re.out << re.err);
  CHECK(re.exit_code == 0);
  CHECK(re.out.find("acme/privacy: technical version") != std::string::npos);
  daemon->Signal(SIGHUP);
  CHECK(Versions(w.db, "acme", "privacy") == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(QueryInt(w.db, "SELECT count(*) FROM outbox") == 0);
  CHECK(w.hook.Posts() == 0);
  CHECK(daemon->running());
  w.Stop(*daemon);
}

}  // namespace pw::daemon_e2e
