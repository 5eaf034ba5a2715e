// policywatch reextract [COMPANY[/TYPE]] [--all-versions] [--dry-run]: each
// document's latest text re-derived from its stored evidence with today's
// configuration and release; a difference is stored as a technical version,
// never alerted (check/reextract.h). One line (or JSON entry) per document.
#include <iostream>
#include <set>

#include <nlohmann/json.hpp>

#include "check/reextract.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "cli/targets.h"
#include "diff/changeset_render.h"
#include "util/clock.h"

namespace pw::cli {

void ReextractOptions(po::options_description& desc, po::positional_options_description& pos) {
  desc.add_options()
      ("target", po::value<std::string>()->value_name("COMPANY[/TYPE]"),
           "only this company, or this one document")
      ("all-versions", po::bool_switch(),
           "also re-derive every past version and say which would read differently today "
           "(only the latest's may be stored)")
      ("dry-run", po::bool_switch(), "show what would be stored; write nothing");
  pos.add("target", 1);
}

namespace {

std::string SeverityOf(const check::ReextractReport& r) {
  return r.changeset ? std::string(SeverityName(r.changeset->severity)) : std::string();
}

nlohmann::json AuditJson(const check::VersionAudit& v) {
  nlohmann::json j = {{"id", v.version_id},
                      {"fetched_at", FormatTime(v.fetched_at)},
                      {"technical", v.technical},
                      {"differs", v.differs}};
  if (!v.error.empty()) j["error"] = v.error;
  return j;
}

nlohmann::json ReportJson(const check::ReextractReport& r, bool all_versions) {
  nlohmann::json j = {{"document", r.key},
                      {"outcome", check::ReextractOutcomeName(r.outcome)},
                      {"from_version", r.from_version},
                      {"version", r.version_id}};
  if (!r.error.empty()) j["error"] = r.error;
  if (r.changeset) j["changeset"] = diff::ToJson(*r.changeset);
  if (all_versions) {
    j["versions"] = nlohmann::json::array();
    for (const auto& v : r.versions) j["versions"].push_back(AuditJson(v));
  }
  return j;
}

// "acme/privacy-policy: technical version 7 (minor; no alert)".
std::string Describe(const check::ReextractReport& r, bool dry_run) {
  const std::string head = r.key + ": ";
  switch (r.outcome) {
    case check::ReextractOutcome::kUnchanged:
      return head + "unchanged (version " + std::to_string(r.from_version) + ")";
    case check::ReextractOutcome::kNoVersion:
      return head + "no version yet: nothing to re-derive";
    case check::ReextractOutcome::kFailed:
      return head + "failed: " + r.error;
    case check::ReextractOutcome::kTechnical:
      if (dry_run) {
        return head + "would store a technical version (" + SeverityOf(r) + " from version " +
               std::to_string(r.from_version) + "; dry run, nothing written)";
      }
      return head + "technical version " + std::to_string(r.version_id) + " (" + SeverityOf(r) +
             " from version " + std::to_string(r.from_version) + "; no alert)";
  }
  return head;
}

void PrintText(const check::ReextractReport& r, bool dry_run) {
  std::cout << Describe(r, dry_run) << "\n";
  for (const auto& v : r.versions) {
    std::cout << "  version " << v.version_id << " (" << FormatTime(v.fetched_at)
              << (v.technical ? ", technical" : "") << "): "
              << (!v.error.empty() ? "failed: " + v.error
                                   : v.differs ? "reads differently today" : "same text")
              << "\n";
  }
  if (!r.changeset) return;
  for (const auto& section : r.changeset->sections) {
    std::string path;
    for (const auto& p : section.path) path += (path.empty() ? "" : " > ") + p;
    std::cout << "  " << section.status << " [" << SeverityName(section.severity) << "] "
              << (path.empty() ? "(preamble)" : path) << "\n";
  }
}

// The keys (company/type) of the documents in the store.
Status StoredKeys(store::Store& store, std::set<std::string>* keys) {
  std::vector<store::DocumentRow> rows;
  PW_RETURN_IF_ERROR(store.ListDocuments(/*include_archived=*/true, &rows));
  for (const auto& row : rows) keys->insert(row.company_id + "/" + row.type);
  return Status::Ok();
}

// Re-derives `target`; a store failure is reported as the document's failure.
check::ReextractReport ReextractOne(store::Store& store, const check::Target& target,
                                    const check::ReextractOptions& options,
                                    const std::set<std::string>& stored) {
  check::ReextractReport r;
  r.key = target.Key();
  if (!stored.count(r.key)) {  // a dry run before the store knows it: never checked
    r.outcome = check::ReextractOutcome::kNoVersion;
    return r;
  }
  if (Status s = check::Reextract(store, target, options, &r); !s.ok()) {
    r.outcome = check::ReextractOutcome::kFailed;
    r.error = s.message();
  }
  return r;
}

// A dry run opens the store read-only: it cannot write, even by mistake.
std::unique_ptr<store::Store> OpenStore(const po::variables_map& vm, const config::Config& config,
                                        bool dry_run) {
  if (!dry_run) return OpenStoreForWriting(vm, config, "reextract");
  const std::string path = DatabasePath(vm);
  if (path.empty()) return nullptr;
  std::unique_ptr<store::Store> store;
  if (Status s = OpenStoreForReading(path, &store); !s.ok()) {
    std::cerr << "policywatch reextract: " << s.message() << "\n";
    return nullptr;
  }
  return store;
}

}  // namespace

int RunReextract(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "reextract");
  if (!format) return kExitUsage;
  auto config = LoadConfigOrReport(vm);
  if (!config) return kExitFailure;
  auto targets = TargetsOrReport(vm, *config, "reextract");
  if (targets.empty()) return kExitUsage;
  const check::ReextractOptions options{vm["all-versions"].as<bool>(),
                                        vm["dry-run"].as<bool>(), Clock::now()};
  auto store = OpenStore(vm, *config, options.dry_run);
  if (!store) return kExitFailure;
  std::set<std::string> stored;
  Status s = options.dry_run ? Status::Ok() : store->SyncConfig(*config, UnixSeconds(options.now));
  if (s.ok()) s = StoredKeys(*store, &stored);
  if (!s.ok()) {
    std::cerr << "policywatch reextract: " << s.message() << "\n";
    return kExitFailure;
  }
  int failed = 0;
  nlohmann::json results = nlohmann::json::array();
  for (const auto& target : targets) {
    const check::ReextractReport r = ReextractOne(*store, target, options, stored);
    if (r.outcome == check::ReextractOutcome::kFailed || r.versions_failed > 0) ++failed;
    if (*format == "json") {
      results.push_back(ReportJson(r, options.all_versions));
    } else {
      PrintText(r, options.dry_run);
    }
  }
  if (*format == "json") {
    nlohmann::json out = {{"schema", "policywatch.reextract.v1"},
                          {"dry_run", options.dry_run},
                          {"all_versions", options.all_versions},
                          {"results", results}};
    std::cout << out.dump(2) << "\n";
  }
  return failed ? kExitFailure : kExitOk;
}

}  // namespace pw::cli
