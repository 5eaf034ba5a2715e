// policywatch check [COMPANY[/TYPE]]: one check of every (or the named) document
// now, concurrently; prints one line per document; then one delivery attempt for
// every due notification.
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "check/runner.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "cli/targets.h"
#include "diff/changeset_render.h"
#include "notify/worker.h"
#include "util/clock.h"

namespace pw::cli {

void CheckOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()("target", po::value<std::string>()->value_name("COMPANY[/TYPE]"),
                     "check only this company, or this one document");
  pos.add("target", 1);
}

std::unique_ptr<store::Store> OpenStoreForWriting(const po::variables_map& vm,
                                                  const config::Config& config,
                                                  const char* command) {
  std::string path = vm.count("db") ? vm["db"].as<std::string>() : config.daemon.database;
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::unique_ptr<store::Store> store;
  store::StoreOptions options;
  options.group_checks = true;  // the Runner commits them (check/runner.h)
  Status s = store::Store::Open(path, options, &store);
  if (!s.ok()) {
    std::cerr << "policywatch " << command << ": " << s.message() << "\n";
    return nullptr;
  }
  return store;
}

std::vector<check::Target> SelectTargets(const config::Config& config, const std::string& filter) {
  std::string company = filter, type;
  if (auto slash = filter.find('/'); slash != std::string::npos) {
    company = filter.substr(0, slash);
    type = filter.substr(slash + 1);
  }
  std::vector<check::Target> targets;
  for (const auto& c : config.companies) {
    if (!company.empty() && c.id != company) continue;
    for (const auto& d : c.documents) {
      if (!type.empty() && d.type != type) continue;
      targets.push_back({&c, &d});
    }
  }
  return targets;
}

std::vector<check::Target> TargetsOrReport(const po::variables_map& vm,
                                           const config::Config& config, const char* command) {
  const std::string filter = vm.count("target") ? vm["target"].as<std::string>() : "";
  auto targets = SelectTargets(config, filter);
  if (targets.empty()) {
    std::cerr << "policywatch " << command << ": no configured document matches '" << filter
              << "'\n";
  }
  return targets;
}

int RunCheck(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "check");
  if (!format) return kExitUsage;
  auto config = LoadConfigOrReport(vm);
  if (!config) return kExitFailure;
  auto targets = TargetsOrReport(vm, *config, "check");
  if (targets.empty()) return kExitUsage;
  auto store = OpenStoreForWriting(vm, *config, "check");
  if (!store) return kExitFailure;
  Status s = store->SyncConfig(*config, UnixSeconds(Clock::now()));
  if (!s.ok()) {
    std::cerr << "policywatch check: " << s.message() << "\n";
    return kExitFailure;
  }

  check::Runner runner(store.get(), config->daemon.concurrency, config->daemon.per_host_delay);
  for (const auto& t : targets) runner.Add(config, t);
  int failed = 0;
  nlohmann::json results = nlohmann::json::array();
  const bool interactive = StdoutIsTerminal();
  runner.RunUntilIdle([&](const check::CheckResult& r) {
    if (r.outcome == store::AttemptOutcome::kFailed) ++failed;
    if (*format == "json") {
      nlohmann::json j = {{"document", r.key},
                          {"outcome", store::AttemptOutcomeName(r.outcome)},
                          {"version", r.version_id}};
      if (!r.error.empty()) j["error"] = Masked(config.get(), r.error);
      if (r.changeset) j["changeset"] = diff::ToJson(*r.changeset);
      if (r.extraction_suspect) j["extraction_suspect"] = r.suspect_reason;
      results.push_back(std::move(j));
      return;
    }
    std::cout << Masked(config.get(), check::DescribeResult(r)) << "\n";
    if (r.changeset) {
      for (const auto& section : r.changeset->sections) {
        std::string path;
        for (const auto& p : section.path) path += (path.empty() ? "" : " > ") + p;
        std::cout << "  " << section.status << " [" << SeverityName(section.severity) << "] "
                  << (path.empty() ? "(preamble)" : path) << "\n";
        for (const auto& reason : section.reasons) std::cout << "      " << reason << "\n";
      }
    }
    if (interactive) std::cout.flush();  // a terminal sees each check as it ends
  });

  notify::DeliveryReport report;
  s = notify::DeliverDue(*store, *config, UnixSeconds(Clock::now()), &report);
  if (!s.ok()) spdlog::error("deliveries: {}", Masked(config.get(), s.message()));
  if (*format == "json") {
    nlohmann::json out = {{"schema", "policywatch.check.v1"},
                          {"results", results},
                          {"deliveries", {{"delivered", report.delivered},
                                          {"retrying", report.retrying},
                                          {"failed", report.failed}}}};
    std::cout << out.dump(2) << "\n";
  } else if (report.delivered + report.retrying + report.failed > 0) {
    std::cout << "notifications: " << report.delivered << " delivered, " << report.retrying
              << " to retry, " << report.failed << " failed\n";
  }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace pw::cli
