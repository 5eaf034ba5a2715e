// `policywatch run`: the daemon. Checks every configured document on its own
// schedule (kept in the database, so a restart resumes the plan), delivers
// notifications from the outbox on a thread of its own, reloads its config on
// SIGHUP and stops gracefully on SIGTERM / SIGINT, reporting to systemd.
#pragma once

#include <chrono>
#include <string>

namespace pw::daemon {

struct DaemonOptions {
  std::string config_path;
  std::string database_override;  // --db; empty: [daemon] database
  // Bound on finishing in-flight checks after a stop request.
  std::chrono::seconds stop_timeout{10};
  // On the first start (or after downtime), overdue checks are spread over
  // min(interval, first_spread) instead of all firing at once.
  std::chrono::seconds first_spread{300};
};

// Runs until stopped. Returns the process exit code: 0 after a graceful stop,
// 1 when it cannot start (invalid config, unusable database).
int RunDaemon(const DaemonOptions& options);

}  // namespace pw::daemon
