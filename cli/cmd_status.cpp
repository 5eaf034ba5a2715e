// policywatch status: every document with its last check, last change and its
// severity, consecutive failures, next check; pending and failed deliveries.
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/support.h"

namespace pw::cli {

void StatusOptions(po::options_description& desc, po::positional_options_description&) {
  desc.add_options()("all", "include archived documents (no longer in the config)");
}

int RunStatus(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "status");
  if (!format) return kExitUsage;
  // The configuration, loaded once: for the database path (without --db) and
  // for its channels' secrets, masked out of stored delivery errors.
  const auto config = LoadConfigIfValid(vm);
  std::string db_path = vm.count("db") || !config ? DatabasePath(vm) : config->daemon.database;
  if (db_path.empty()) return kExitFailure;
  std::unique_ptr<store::Store> store;
  Status s = OpenStoreForReading(db_path, &store);
  std::vector<store::DocumentRow> rows;
  if (s.ok()) s = store->ListDocuments(vm.count("all") > 0, &rows);
  std::vector<store::OutboxRow> outbox;
  if (s.ok()) s = store->ListPendingOrFailed(1000, &outbox);
  if (!s.ok()) {
    std::cerr << "policywatch status: " << s.message() << "\n";
    return kExitFailure;
  }
  // Stored delivery errors were masked when written; the current secrets are
  // masked again here, for errors written by older versions or other paths.
  for (auto& o : outbox) o.last_error = Masked(config.get(), std::move(o.last_error));
  // Severity of each document's latest change.
  std::map<std::int64_t, std::string> last_severity;
  for (const auto& row : rows) {
    std::vector<store::VersionInfo> versions;
    if (store->ListVersions(row.id, &versions).ok() && !versions.empty()) {
      last_severity[row.id] = versions.back().severity.empty() ? "first" : versions.back().severity;
    }
  }
  std::map<std::int64_t, std::pair<int, int>> deliveries;  // document -> pending, failed
  for (const auto& o : outbox) {
    auto& counts = deliveries[o.document_id];
    (o.state == store::DeliveryState::kFailed ? counts.second : counts.first)++;
  }

  if (*format == "json") {
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& r : rows) {
      docs.push_back({{"company", r.company_id},
                      {"type", r.type},
                      {"url", r.url},
                      {"archived", r.archived},
                      {"last_check", FormatTime(r.state.last_check_at)},
                      {"last_change", FormatTime(r.state.last_change_at)},
                      {"last_change_severity", last_severity.count(r.id) ? last_severity[r.id] : ""},
                      {"consecutive_failures", r.state.consecutive_failures},
                      {"unreachable", r.state.unreachable},
                      {"next_check", FormatTime(r.state.next_check_at)},
                      {"deliveries_pending", deliveries[r.id].first},
                      {"deliveries_failed", deliveries[r.id].second}});
    }
    nlohmann::json out_rows = nlohmann::json::array();
    for (const auto& o : outbox) {
      out_rows.push_back({{"delivery_id", o.delivery_id},
                          {"channel", o.channel},
                          {"event", o.event_type},
                          {"state", store::DeliveryStateName(o.state)},
                          {"attempts", o.attempts},
                          {"next_attempt", FormatTime(o.next_attempt_at)},
                          {"last_error", o.last_error}});
    }
    std::cout << nlohmann::json({{"schema", "policywatch.status.v1"},
                                 {"documents", docs},
                                 {"deliveries", out_rows}})
                     .dump(2)
              << "\n";
    return kExitOk;
  }

  std::printf("%-36s %-20s %-20s %-9s %-5s %-20s %s\n", "DOCUMENT", "LAST CHECK", "LAST CHANGE",
              "SEVERITY", "FAILS", "NEXT CHECK", "DELIVERIES");
  for (const auto& r : rows) {
    std::string key = r.company_id + "/" + r.type + (r.archived ? " (archived)" : "");
    auto [pending, failed] = deliveries[r.id];
    std::string notes;
    if (pending) notes += std::to_string(pending) + " pending";
    if (failed) notes += std::string(notes.empty() ? "" : ", ") + std::to_string(failed) + " FAILED";
    if (notes.empty()) notes = "-";
    std::printf("%-36s %-20s %-20s %-9s %-5d %-20s %s\n", key.c_str(),
                FormatTime(r.state.last_check_at).c_str(),
                FormatTime(r.state.last_change_at).c_str(),
                last_severity.count(r.id) ? last_severity[r.id].c_str() : "-",
                r.state.consecutive_failures, FormatTime(r.state.next_check_at).c_str(),
                notes.c_str());
  }
  for (const auto& o : outbox) {
    if (o.state != store::DeliveryState::kFailed) continue;
    std::printf("failed delivery %s to channel '%s' (%s) after %d attempts: %s\n",
                o.delivery_id.c_str(), o.channel.c_str(), o.event_type.c_str(), o.attempts,
                o.last_error.c_str());
  }
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace pw::cli
