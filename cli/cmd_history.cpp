// policywatch history COMPANY/TYPE, policywatch show COMPANY/TYPE [VERSION]
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/support.h"

namespace pw::cli {

void HistoryOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()("document", po::value<std::string>()->value_name("COMPANY/TYPE"),
                     "the document");
  pos.add("document", 1);
}

void ShowOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("document", po::value<std::string>()->value_name("COMPANY/TYPE"), "the document")
      ("version", po::value<std::int64_t>()->value_name("VERSION"),
           "version id (default: the latest)");
  pos.add("document", 1).add("version", 1);
}

namespace {

// Opens the store and finds the document named on the command line.
int OpenDocument(const po::variables_map& vm, const char* command,
                 std::unique_ptr<store::Store>* store, store::DocumentRow* row) {
  if (!vm.count("document")) {
    std::cerr << "policywatch " << command << ": name the document as COMPANY/TYPE\n";
    return kExitUsage;
  }
  std::string company, type;
  const std::string key = vm["document"].as<std::string>();
  if (!SplitDocumentKey(key, &company, &type)) {
    std::cerr << "policywatch " << command << ": '" << key << "' is not COMPANY/TYPE\n";
    return kExitUsage;
  }
  std::string db_path = DatabasePath(vm);
  if (db_path.empty()) return kExitFailure;
  Status s = OpenStoreForReading(db_path, store);
  if (s.ok()) s = (*store)->GetDocument(company, type, row);
  if (!s.ok()) {
    std::cerr << "policywatch " << command << ": " << s.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

// "  technical (no alert)  [extraction suspect]": what a version's flags say.
std::string Marks(std::uint32_t flags) {
  std::string out;
  if (flags & store::kVersionTechnical) out += "  technical (no alert)";
  if (flags & store::kVersionImported) out += "  imported";
  if (flags & store::kVersionExtractionSuspect) out += "  [extraction suspect]";
  return out;
}

}  // namespace

int RunHistory(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "history");
  if (!format) return kExitUsage;
  std::unique_ptr<store::Store> store;
  store::DocumentRow row;
  if (int rc = OpenDocument(vm, "history", &store, &row); rc != kExitOk) return rc;
  std::vector<store::VersionInfo> versions;
  Status s = store->ListVersions(row.id, &versions);
  if (!s.ok()) {
    std::cerr << "policywatch history: " << s.message() << "\n";
    return kExitFailure;
  }
  if (*format == "json") {
    nlohmann::json out = {{"schema", "policywatch.history.v1"},
                          {"company", row.company_id},
                          {"document", {{"type", row.type}, {"url", row.url}}},
                          {"versions", nlohmann::json::array()}};
    for (const auto& v : versions) {
      out["versions"].push_back({{"id", v.id},
                                 {"fetched_at", FormatTime(v.fetched_at)},
                                 {"severity", v.severity.empty() ? "new" : v.severity},
                                 {"text_bytes", v.text_size},
                                 {"raw_bytes", v.raw_size},
                                 {"sha256", v.sha256},
                                 {"extraction_suspect",
                                  (v.flags & store::kVersionExtractionSuspect) != 0},
                                 {"technical", (v.flags & store::kVersionTechnical) != 0},
                                 {"imported", (v.flags & store::kVersionImported) != 0}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << row.company_id << "/" << row.type << "  " << row.url
            << (row.archived ? "  (archived: no longer in the config)" : "") << "\n";
  if (versions.empty()) std::cout << "no versions yet\n";
  for (const auto& v : versions) {
    std::string sev = v.severity.empty() ? "first" : v.severity;
    std::printf("%6lld  %s  %-9s %8lld bytes  sha256:%.12s%s\n", static_cast<long long>(v.id),
                FormatTime(v.fetched_at).c_str(), sev.c_str(),
                static_cast<long long>(v.text_size), v.sha256.c_str(), Marks(v.flags).c_str());
  }
  std::fflush(stdout);
  return kExitOk;
}

int RunShow(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "markdown", "json"}, "show");
  if (!format) return kExitUsage;
  std::unique_ptr<store::Store> store;
  store::DocumentRow row;
  if (int rc = OpenDocument(vm, "show", &store, &row); rc != kExitOk) return rc;
  store::VersionRow version;
  Status s;
  if (vm.count("version")) {
    s = store->GetVersion(row.id, vm["version"].as<std::int64_t>(), &version);
  } else {
    std::optional<store::VersionRow> latest;
    s = store->LatestVersion(row.id, &latest);
    if (s.ok() && !latest) s = Status::Error(row.company_id + "/" + row.type + " has no version yet");
    if (s.ok()) version = std::move(*latest);
  }
  if (!s.ok()) {
    std::cerr << "policywatch show: " << s.message() << "\n";
    return kExitFailure;
  }
  if (*format == "json") {
    nlohmann::json out = {{"schema", "policywatch.version.v1"},
                          {"id", version.info.id},
                          {"fetched_at", FormatTime(version.info.fetched_at)},
                          {"sha256", version.info.sha256},
                          {"document", nlohmann::json::parse(version.sections_json, nullptr, false)}};
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << version.text;
  }
  return kExitOk;
}

}  // namespace pw::cli
