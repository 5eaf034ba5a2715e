// policywatch run: the daemon, in the foreground (systemd Type=notify).
#include "cli/commands.h"
#include "daemon/daemon.h"

namespace pw::cli {

void RunOptions(po::options_description& desc, po::positional_options_description&) {
  desc.add_options()
      ("stop-timeout", po::value<int>()->value_name("SECONDS")->default_value(10),
           "on SIGTERM, how long to let checks under way finish")
      ("first-spread", po::value<int>()->value_name("SECONDS")->default_value(300),
           "spread overdue first checks over at most this long");
}

int RunRun(const po::variables_map& vm) {
  daemon::DaemonOptions options;
  options.config_path = vm["config"].as<std::string>();
  if (vm.count("db")) options.database_override = vm["db"].as<std::string>();
  options.stop_timeout = std::chrono::seconds(std::max(0, vm["stop-timeout"].as<int>()));
  options.first_spread = std::chrono::seconds(std::max(0, vm["first-spread"].as<int>()));
  return daemon::RunDaemon(options);
}

}  // namespace pw::cli
