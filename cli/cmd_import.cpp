// policywatch import DIR [--dry-run] [--map SOURCE=TARGET]...: an export or an
// Open Terms Archive dataset into the history of the configured documents
// (archive/import.h). Imported versions never alert.
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "archive/import.h"
#include "cli/commands.h"
#include "cli/support.h"

namespace pw::cli {

void ImportOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("dir", po::value<std::string>()->value_name("DIR"), "the tree to read")
      ("dry-run", "read and count what would be imported; write nothing")
      ("map", po::value<std::vector<std::string>>()->value_name("SOURCE=TARGET"),
           "send a service or 'service/terms type' to a company or 'company/type' (repeatable)");
  pos.add("dir", 1);
}

namespace {

std::unique_ptr<store::Store> OpenForImport(const po::variables_map& vm,
                                            const config::Config& config) {
  const std::string path = vm.count("db") ? vm["db"].as<std::string>() : config.daemon.database;
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::unique_ptr<store::Store> store;
  Status s = store::Store::Open(path, &store);
  if (!s.ok()) {
    std::cerr << "policywatch import: " << s.message() << "\n";
    return nullptr;
  }
  return store;
}

nlohmann::json DocumentJson(const archive::ImportedDocument& d) {
  return {{"document", d.key}, {"source", d.source},   {"appended", d.appended},
          {"unchanged", d.unchanged}, {"present", d.present}, {"older", d.older},
          {"failed", d.failed}};
}

void PrintImport(const std::string& format, bool dry_run, const archive::ImportResult& r) {
  if (format == "json") {
    nlohmann::json docs = nlohmann::json::array(), errors = nlohmann::json::array();
    for (const auto& d : r.documents) docs.push_back(DocumentJson(d));
    for (const auto& e : r.errors) errors.push_back({{"path", e.path}, {"error", e.message}});
    nlohmann::json out = {{"schema", "policywatch.import-summary.v1"}, {"layout", r.layout},
                          {"dry_run", dry_run},     {"appended", r.Appended()},
                          {"documents", docs},      {"unmatched", r.unmatched},
                          {"errors", errors}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << (dry_run ? "would import " : "imported ") << r.Appended() << " versions from "
            << (r.layout == "policywatch" ? "a policywatch export" : "an Open Terms Archive dataset")
            << "\n";
  for (const auto& d : r.documents) {
    std::cout << "  " << d.key << " <- " << d.source << ": " << d.appended << " new, "
              << d.unchanged << " unchanged, " << d.present << " already present, " << d.older
              << " older than the stored history (skipped), " << d.failed << " failed\n";
  }
  for (const auto& u : r.unmatched) std::cout << "  unmatched: " << u << "\n";
  for (const auto& e : r.errors) std::cout << "  error: " << e.path << ": " << e.message << "\n";
}

}  // namespace

int RunImport(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "import");
  if (!format) return kExitUsage;
  if (!vm.count("dir")) {
    std::cerr << "policywatch import: name the tree to read: import DIR\n";
    return kExitUsage;
  }
  archive::ImportOptions options;
  options.dry_run = vm.count("dry-run") > 0;
  if (vm.count("map")) options.map = vm["map"].as<std::vector<std::string>>();
  auto config = LoadConfigOrReport(vm);
  if (!config) return kExitFailure;
  auto store = OpenForImport(vm, *config);
  if (!store) return kExitFailure;
  archive::ImportResult result;
  Status s = archive::Import(*store, *config, vm["dir"].as<std::string>(), options, &result);
  if (!s.ok()) {
    std::cerr << "policywatch import: " << s.message() << "\n";
    return s.message().starts_with("--map") ? kExitUsage : kExitFailure;
  }
  PrintImport(*format, options.dry_run, result);
  return result.errors.empty() ? kExitOk : kExitFailure;
}

}  // namespace pw::cli
