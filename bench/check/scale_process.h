// The `policywatch` binary as bench_scale measures it: `status` over a
// database, and `run` from its start to its first plan and through a reload.
#pragma once

#include <string>
#include <vector>

namespace pw::bench {

// What one child process cost: wall and CPU (user + sys) seconds, peak RSS.
struct ProcessCost {
  double wall = 0;
  double cpu = 0;
  double peak_mib = 0;
  bool ok = false;  // exited 0
};

// Runs `argv` (argv[0] a path) to its end, its output discarded.
ProcessCost TimeCommand(const std::vector<std::string>& argv);

// `policywatch status --config CONFIG --db DB --format json`, its output discarded.
ProcessCost TimeStatus(const std::string& binary, const std::string& config,
                       const std::string& db);

// `policywatch run --config CONFIG --db DB`: seconds from exec to its
// "policywatch started" line (config load, SyncConfig, the plan), then from a
// SIGHUP to its "configuration reloaded" line (load, SyncConfig, plan Rebuild
// of the same configuration); the process is then stopped (SIGTERM).
struct DaemonTimes {
  double start = 0;
  double reload = 0;
  bool ok = false;
};
DaemonTimes TimeDaemon(const std::string& binary, const std::string& config,
                       const std::string& db);

}  // namespace pw::bench
