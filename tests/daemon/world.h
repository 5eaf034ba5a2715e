// The world of one daemon test: a temp dir with the config, database, secret
// and log, a site, a webhook receiver, and the daemon started on them.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tests/daemon/daemon_support.h"

namespace pw::daemon_e2e {

struct World {
  TempDir dir;
  Site site;
  HookReceiver hook{"e2e-webhook-secret"};
  std::string secret_file = dir.Write("webhook-secret", "e2e-webhook-secret\n", 0600);
  std::string config = dir.File("policywatch.toml");
  std::string db = dir.File("pw.db");
  std::string log = dir.File("daemon.log");

  void WriteConfig(const std::string& toml) { dir.Write("policywatch.toml", toml); }

  std::unique_ptr<Daemon> Start(std::vector<std::string> extra = {},
                                const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> args = {"--config", config, "--db", db, "--first-spread", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    size_t starts = Count(ReadFile(log), "policywatch started");
    auto daemon = std::make_unique<Daemon>(args, log, env);
    // Started: the config is loaded and the database open and in sync with it.
    Require([&] { return Count(ReadFile(log), "policywatch started") > starts; },
            "the daemon to start");
    return daemon;
  }

  static size_t Count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  // Stops `daemon` with SIGTERM and requires a clean exit within `bound`.
  void Stop(Daemon& daemon, std::chrono::seconds bound = std::chrono::seconds(20)) {
    daemon.Signal(SIGTERM);
    int code = -2;
    REQUIRE(daemon.WaitExit(bound, &code));
    INFO(daemon.Log());
    REQUIRE(code == 0);
  }

  // Waits for a condition, with the daemon's log in the failure message.
  void Require(const std::function<bool()>& condition, const std::string& what,
               std::chrono::seconds timeout = std::chrono::seconds(40)) {
    bool ok = WaitFor(condition, timeout);
    if (!ok) {
      INFO("daemon log:\n" << ReadFile(log));
      FAIL("timed out waiting for: " << what);
    }
  }

  long long Pending() const {
    return QueryInt(db, "SELECT count(*) FROM outbox WHERE state = 'pending'");
  }
  std::string IntegrityCheck() const { return QueryText(db, "PRAGMA integrity_check"); }
};

}  // namespace pw::daemon_e2e
