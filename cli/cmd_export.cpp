// policywatch export DIR: every version as dated Markdown files with a manifest
// (archive/export.h). Reads the database read-only: runs next to the daemon.
#include <iostream>

#include <nlohmann/json.hpp>

#include "archive/export.h"
#include "cli/commands.h"
#include "cli/support.h"

namespace pw::cli {

void ExportOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("dir", po::value<std::string>()->value_name("DIR"), "the directory to write")
      ("force", "write into a non-empty DIR that holds no previous export");
  pos.add("dir", 1);
}

namespace {

void PrintExport(const std::string& format, const std::string& dir,
                 const archive::ExportResult& r) {
  if (format == "json") {
    nlohmann::json out = {{"schema", "policywatch.export-summary.v1"},
                          {"dir", dir},
                          {"documents", r.documents},
                          {"versions", r.versions},
                          {"bytes", r.bytes},
                          {"errors", r.errors}};
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << "exported " << r.versions << " versions of " << r.documents << " documents ("
            << r.bytes << " bytes of text) to " << dir << "\n";
  for (const auto& e : r.errors) std::cout << "  error: " << e << "\n";
}

}  // namespace

int RunExport(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "export");
  if (!format) return kExitUsage;
  if (!vm.count("dir")) {
    std::cerr << "policywatch export: name the directory to write: export DIR\n";
    return kExitUsage;
  }
  const std::string dir = vm["dir"].as<std::string>();
  const std::string db_path = DatabasePath(vm);
  if (db_path.empty()) return kExitFailure;
  std::unique_ptr<store::Store> store;
  Status s = OpenStoreForReading(db_path, &store);
  archive::ExportOptions options;
  options.force = vm.count("force") > 0;
  archive::ExportResult result;
  if (s.ok()) s = archive::Export(*store, dir, options, &result);
  if (!s.ok()) {
    std::cerr << "policywatch export: " << s.message() << "\n";
    return kExitFailure;
  }
  PrintExport(*format, dir, result);
  return result.errors.empty() ? kExitOk : kExitFailure;
}

}  // namespace pw::cli
