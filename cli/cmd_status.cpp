// policywatch status: every document with its last check, last change and its
// severity, consecutive failures, next check, checks and failures over the last
// 7, 30 and 365 days; pending and failed deliveries.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/support.h"
#include "util/clock.h"

namespace pw::cli {

void StatusOptions(po::options_description& desc, po::positional_options_description&) {
  desc.add_options()("all", "include archived documents (no longer in the config)");
}

namespace {

// What status shows.
struct StatusReport {
  std::vector<store::DocumentRow> rows;
  std::vector<store::OutboxRow> outbox;  // pending or failed deliveries, errors masked
  // Document -> severity of its latest version ("first" for a first version).
  std::map<std::int64_t, std::string> last_severity;
  std::map<std::int64_t, std::pair<int, int>> deliveries;  // document -> pending, failed
  // Document -> how it is read (ReadingOf), from the configuration when there is one.
  std::map<std::int64_t, std::string> reading;
  // Document -> its checks by UTC day over the last year (store::ReadDailyChecks).
  std::map<std::int64_t, std::vector<store::DailyChecks>> daily;
  std::int64_t today = 0;  // unix day

  std::string LastSeverity(std::int64_t document, const std::string& absent) const {
    auto it = last_severity.find(document);
    return it != last_severity.end() ? it->second : absent;
  }
  std::string Reading(std::int64_t document) const {
    auto it = reading.find(document);
    return it != reading.end() ? it->second : "";
  }
  // The document's checks on the last `days` UTC days, today included.
  store::DailyChecks ChecksOver(std::int64_t document, int days) const {
    auto it = daily.find(document);
    if (it == daily.end()) return store::DailyChecks();
    return store::SumDays(it->second, today - days + 1);
  }
  std::pair<int, int> Deliveries(std::int64_t document) const {
    auto it = deliveries.find(document);
    return it != deliveries.end() ? it->second : std::pair<int, int>{0, 0};
  }
};

std::map<std::int64_t, std::string> LastSeverities(store::Store& store,
                                                   const std::vector<store::DocumentRow>& rows) {
  std::map<std::int64_t, std::string> out;
  for (const auto& row : rows) {
    std::vector<store::VersionInfo> versions;
    if (store.ListVersions(row.id, &versions).ok() && !versions.empty()) {
      out[row.id] = versions.back().severity.empty() ? "first" : versions.back().severity;
    }
  }
  return out;
}

// How a configured document is read: "static", "browser", "auto", or for a
// document of parts "3 parts: static, browser, static".
std::string ReadingOf(const config::Document& document) {
  if (document.parts.size() == 1) return std::string(config::RenderName(document.parts[0].render));
  std::string out = std::to_string(document.parts.size()) + " parts:";
  for (size_t i = 0; i < document.parts.size(); ++i) {
    out += std::string(i ? ", " : " ") + std::string(config::RenderName(document.parts[i].render));
  }
  return out;
}

std::map<std::int64_t, std::string> Readings(const config::Config* config,
                                             const std::vector<store::DocumentRow>& rows) {
  std::map<std::int64_t, std::string> out;
  if (!config) return out;
  // By id, once: Config::FindCompany per row would be O(rows x companies).
  std::unordered_map<std::string_view, const config::Company*> companies;
  for (const auto& company : config->companies) companies.emplace(company.id, &company);
  for (const auto& row : rows) {
    auto found = companies.find(row.company_id);
    if (found == companies.end()) continue;
    const config::Company* company = found->second;
    for (const auto& document : company->documents) {
      if (document.type == row.type) out[row.id] = ReadingOf(document);
    }
  }
  return out;
}

// The windows status reports checks over, in days.
constexpr int kWindows[] = {7, 30, 365};

// Every document's checks by day since `today` - 364, in one read.
Status DailyByDocument(store::Store& store, std::int64_t today,
                       std::map<std::int64_t, std::vector<store::DailyChecks>>* out) {
  std::vector<store::DailyChecks> days;
  PW_RETURN_IF_ERROR(store.ReadDailyChecks(0, today - 364, &days));
  for (const auto& d : days) (*out)[d.document_id].push_back(d);
  return Status::Ok();
}

std::map<std::int64_t, std::pair<int, int>> DeliveryCounts(
    const std::vector<store::OutboxRow>& outbox) {
  std::map<std::int64_t, std::pair<int, int>> out;
  for (const auto& o : outbox) {
    auto& counts = out[o.document_id];
    (o.state == store::DeliveryState::kFailed ? counts.second : counts.first)++;
  }
  return out;
}

// Reads the report from the database at `db_path`; `config` (may be null) gives
// the secrets masked out of delivery errors.
Status ReadStatus(const std::string& db_path, bool all, const config::Config* config,
                  StatusReport* report) {
  std::unique_ptr<store::Store> store;
  Status s = OpenStoreForReading(db_path, &store);
  if (s.ok()) s = store->ListDocuments(all, &report->rows);
  if (s.ok()) s = store->ListPendingOrFailed(1000, &report->outbox);
  if (!s.ok()) return s;
  // Stored delivery errors were masked when written; the current secrets are
  // masked again here, for errors written by older versions or other paths.
  for (auto& o : report->outbox) o.last_error = Masked(config, std::move(o.last_error));
  report->last_severity = LastSeverities(*store, report->rows);
  report->deliveries = DeliveryCounts(report->outbox);
  report->reading = Readings(config, report->rows);
  report->today = UnixSeconds(Clock::now()) / 86400;
  return DailyByDocument(*store, report->today, &report->daily);
}

// {"7d": {"checks": N, "failed": M}, "30d": ..., "365d": ...}
nlohmann::json ChecksJson(const StatusReport& report, std::int64_t document) {
  nlohmann::json out = nlohmann::json::object();
  for (int days : kWindows) {
    const store::DailyChecks sum = report.ChecksOver(document, days);
    out[std::to_string(days) + "d"] = {{"checks", sum.checks()}, {"failed", sum.failed}};
  }
  return out;
}

// Writes `value` as dump(2) writes it `depth` levels deep in an enclosing
// document (JSON text has no raw newline in a string: each is an indent).
void WriteNested(const nlohmann::json& value, int depth) {
  const std::string text = value.dump(2);
  const std::string pad(static_cast<size_t>(2 * depth), ' ');
  size_t from = 0;
  for (size_t nl; (nl = text.find('\n', from)) != std::string::npos; from = nl + 1) {
    std::cout.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from)) << pad;
  }
  std::cout.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

nlohmann::json DocumentJson(const StatusReport& report, const store::DocumentRow& r) {
  auto [pending, failed] = report.Deliveries(r.id);
  return {{"company", r.company_id},
          {"type", r.type},
          {"url", r.url},
          {"reading", report.Reading(r.id)},
          {"archived", r.archived},
          {"last_check", FormatTime(r.state.last_check_at)},
          {"last_change", FormatTime(r.state.last_change_at)},
          {"last_change_severity", report.LastSeverity(r.id, "")},
          {"consecutive_failures", r.state.consecutive_failures},
          {"unreachable", r.state.unreachable},
          {"next_check", FormatTime(r.state.next_check_at)},
          {"checks", ChecksJson(report, r.id)},
          {"deliveries_pending", pending},
          {"deliveries_failed", failed}};
}

nlohmann::json DeliveriesJson(const StatusReport& report) {
  nlohmann::json out_rows = nlohmann::json::array();
  for (const auto& o : report.outbox) {
    out_rows.push_back({{"delivery_id", o.delivery_id},
                        {"channel", o.channel},
                        {"event", o.event_type},
                        {"state", store::DeliveryStateName(o.state)},
                        {"attempts", o.attempts},
                        {"next_attempt", FormatTime(o.next_attempt_at)},
                        {"last_error", o.last_error}});
  }
  return out_rows;
}

// The report as one JSON object (keys in order, as nlohmann::json sorts them),
// byte for byte what dump(2) of the whole object gives, written one document
// at a time: a tree of every document would take ~4 KB of memory per document.
void PrintJson(const StatusReport& report) {
  std::cout << "{\n  \"deliveries\": ";
  WriteNested(DeliveriesJson(report), 1);
  std::cout << ",\n  \"documents\": " << (report.rows.empty() ? "[]" : "[\n");
  for (size_t i = 0; i < report.rows.size(); ++i) {
    std::cout << "    ";
    WriteNested(DocumentJson(report, report.rows[i]), 2);
    std::cout << (i + 1 < report.rows.size() ? ",\n" : "\n  ]");
  }
  std::cout << ",\n  \"schema\": \"policywatch.status.v1\"\n}\n";
}

// "2 pending, 1 FAILED", or "-".
std::string DeliveryNotes(std::pair<int, int> counts) {
  auto [pending, failed] = counts;
  std::string notes;
  if (pending) notes += std::to_string(pending) + " pending";
  if (failed) notes += std::string(notes.empty() ? "" : ", ") + std::to_string(failed) + " FAILED";
  return notes.empty() ? "-" : notes;
}

// Checks and failures over each window: "21/0 90/3 1460/12".
std::string ChecksText(const StatusReport& report, std::int64_t document) {
  std::string out;
  for (int days : kWindows) {
    const store::DailyChecks sum = report.ChecksOver(document, days);
    out += (out.empty() ? "" : " ") + std::to_string(sum.checks()) + "/" + std::to_string(sum.failed);
  }
  return out;
}

void PrintTable(const StatusReport& report) {
  std::printf("%-36s %-8s %-20s %-20s %-9s %-5s %-20s %-25s %s\n", "DOCUMENT", "READ",
              "LAST CHECK", "LAST CHANGE", "SEVERITY", "FAILS", "NEXT CHECK",
              "CHECKS/FAILED 7D 30D 365D", "DELIVERIES");
  for (const auto& r : report.rows) {
    std::string key = r.company_id + "/" + r.type + (r.archived ? " (archived)" : "");
    const std::string reading = report.Reading(r.id);
    std::printf("%-36s %-8s %-20s %-20s %-9s %-5d %-20s %-25s %s\n", key.c_str(),
                reading.empty() ? "-" : reading.c_str(),
                FormatTime(r.state.last_check_at).c_str(),
                FormatTime(r.state.last_change_at).c_str(),
                report.LastSeverity(r.id, "-").c_str(), r.state.consecutive_failures,
                FormatTime(r.state.next_check_at).c_str(), ChecksText(report, r.id).c_str(),
                DeliveryNotes(report.Deliveries(r.id)).c_str());
  }
  for (const auto& o : report.outbox) {
    if (o.state != store::DeliveryState::kFailed) continue;
    std::printf("failed delivery %s to channel '%s' (%s) after %d attempts: %s\n",
                o.delivery_id.c_str(), o.channel.c_str(), o.event_type.c_str(), o.attempts,
                o.last_error.c_str());
  }
  std::fflush(stdout);
}

}  // namespace

int RunStatus(const po::variables_map& vm) {
  auto format = FormatOption(vm, {"text", "json"}, "status");
  if (!format) return kExitUsage;
  // The configuration, loaded once: for the database path (without --db) and
  // for its channels' secrets, masked out of stored delivery errors.
  const auto config = LoadConfigIfValid(vm);
  std::string db_path = vm.count("db") || !config ? DatabasePath(vm) : config->daemon.database;
  if (db_path.empty()) return kExitFailure;
  StatusReport report;
  Status s = ReadStatus(db_path, vm.count("all") > 0, config.get(), &report);
  if (!s.ok()) {
    std::cerr << "policywatch status: " << s.message() << "\n";
    return kExitFailure;
  }
  if (*format == "json") {
    PrintJson(report);
  } else {
    PrintTable(report);
  }
  return kExitOk;
}

}  // namespace pw::cli
