// policywatch serve [--listen HOST:PORT]: the web view, feeds, API and metrics
// over the database alone, read-only, until SIGINT or SIGTERM. For a database
// copied elsewhere (a researcher's laptop) as much as beside the daemon.
#include <signal.h>

#include <iostream>

#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "cli/support.h"
#include "web/web.h"

namespace pw::cli {

void ServeOptions(po::options_description& desc, po::positional_options_description&) {
  desc.add_options()("listen", po::value<std::string>()->value_name("HOST:PORT"),
                     "address to serve on (default: [web] listen, else 127.0.0.1:8787; "
                     "port 0 picks a free one)");
}

namespace {

constexpr const char* kDefaultListen = "127.0.0.1:8787";

// [web] of the configuration when it loads (its listen, base_url and token),
// with --listen in place of its listen. False, with the reason printed, when the
// address is wrong or not loopback without a token.
bool ServeSettings(const po::variables_map& vm, const config::Config* config, config::WebConfig* web) {
  if (config != nullptr) *web = config->web;
  std::string listen = vm.count("listen") ? vm["listen"].as<std::string>() : web->listen;
  if (listen.empty()) listen = kDefaultListen;
  const std::string problem = config::ParseListen(listen, web);
  if (!problem.empty()) {
    std::cerr << "policywatch serve: --listen: " << problem << "\n";
    return false;
  }
  if (!web->loopback && web->token.empty()) {
    std::cerr << "policywatch serve: listening on '" << web->host
              << "', which is not loopback, requires a token: set [web] token_file in the "
                 "configuration (--config)\n";
    return false;
  }
  return true;
}

// Blocks SIGINT and SIGTERM in every thread (the server's threads inherit the
// mask) and returns the set to wait on.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

}  // namespace

int RunServe(const po::variables_map& vm) {
  const auto config = LoadConfigIfValid(vm);
  web::WebOptions options;
  if (!ServeSettings(vm, config.get(), &options.web)) return kExitUsage;
  options.database = DatabasePath(vm);
  if (options.database.empty()) return kExitFailure;
  std::unique_ptr<store::Store> probe;
  if (Status s = OpenStoreForReading(options.database, &probe); !s.ok()) {
    std::cerr << "policywatch serve: " << s.message() << "\n";
    return kExitFailure;
  }
  probe.reset();
  const sigset_t stop = BlockStopSignals();
  std::unique_ptr<web::WebServer> server;
  if (Status s = web::WebServer::Start(options, &server); !s.ok()) {
    std::cerr << "policywatch serve: " << s.message() << "\n";
    return kExitFailure;
  }
  std::cout << "serving " << server->url() << "/ (read-only: " << options.database
            << "); Ctrl-C stops\n" << std::flush;
  int signal = 0;
  sigwait(&stop, &signal);
  spdlog::info("serve: stopping on signal {}", signal);
  server->Stop();
  return kExitOk;
}

}  // namespace pw::cli
