// /metrics in the Prometheus text format (version 0.0.4) and /healthz. The
// figures are read from the database (store::ReadStats): the daemon and
// `serve` report the same, and counters survive restarts.
#include <charconv>
#include <cstdio>

#include "web/internal/pages.h"

namespace pw::web {
namespace {

// Bounds of policywatch_check_duration_seconds: a fetch of a few ms to a
// browser render at its timeout.
const std::vector<double> kDurationBounds = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

// The shortest text that reads back as `value` ("0.05", not "0.050000000000000003"),
// so that queries can match le="0.05".
std::string Number(double value) {
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

// A label value escaped as the text format wants (\\, \", \n).
std::string LabelValue(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Family(std::string* out, const char* name, const char* type, const char* help) {
  *out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void Checks(const store::StoreStats& stats, std::string* out) {
  Family(out, "policywatch_checks_total", "counter", "Checks of documents, by outcome.");
  for (int i = 0; i < 5; ++i) {
    *out += "policywatch_checks_total{outcome=\"" +
            std::string(store::AttemptOutcomeName(static_cast<store::AttemptOutcome>(i))) + "\"} " +
            std::to_string(stats.attempts_by_outcome[i]) + "\n";
  }
}

void Changes(const store::StoreStats& stats, std::string* out) {
  Family(out, "policywatch_changes_total", "counter", "Changes stored, by severity.");
  for (Severity s : {Severity::kCosmetic, Severity::kMinor, Severity::kMaterial}) {
    std::int64_t n = 0;
    for (const auto& [name, count] : stats.changes_by_severity) {
      if (name == SeverityName(s)) n = count;
    }
    *out += "policywatch_changes_total{severity=\"" + std::string(SeverityName(s)) + "\"} " +
            std::to_string(n) + "\n";
  }
}

void Deliveries(const store::StoreStats& stats, std::string* out) {
  Family(out, "policywatch_deliveries", "gauge", "Notifications not delivered, by state.");
  *out += "policywatch_deliveries{state=\"pending\"} " + std::to_string(stats.deliveries_pending) + "\n";
  *out += "policywatch_deliveries{state=\"failed\"} " + std::to_string(stats.deliveries_failed) + "\n";
  Family(out, "policywatch_documents", "gauge", "Documents watched.");
  *out += "policywatch_documents " + std::to_string(stats.documents) + "\n";
}

void Durations(const store::StoreStats& stats, std::string* out) {
  Family(out, "policywatch_check_duration_seconds", "histogram", "How long checks took.");
  for (size_t i = 0; i < stats.duration_bounds.size(); ++i) {
    *out += "policywatch_check_duration_seconds_bucket{le=\"" + Number(stats.duration_bounds[i]) +
            "\"} " + std::to_string(stats.duration_buckets[i]) + "\n";
  }
  *out += "policywatch_check_duration_seconds_bucket{le=\"+Inf\"} " +
          std::to_string(stats.duration_count) + "\n";
  *out += "policywatch_check_duration_seconds_sum " + Number(stats.duration_sum) + "\n";
  *out += "policywatch_check_duration_seconds_count " + std::to_string(stats.duration_count) + "\n";
}

void LastSuccess(const store::StoreStats& stats, const DocumentIndex& index, std::string* out) {
  Family(out, "policywatch_last_success_timestamp_seconds", "gauge",
         "When each document was last checked successfully (0: never).");
  for (const auto& [id, at] : stats.last_success) {
    const auto doc = index.find(id);
    if (doc == index.end()) continue;
    *out += "policywatch_last_success_timestamp_seconds{document=\"" +
            LabelValue(doc->second.company_id + "/" + doc->second.type) + "\"} " + std::to_string(at) + "\n";
  }
}

}  // namespace

Status Metrics(const Site& site, const Request&, Response* response) {
  store::StoreStats stats;
  stats.duration_bounds = kDurationBounds;
  PW_RETURN_IF_ERROR(site.store->ReadStats(&stats));
  DocumentIndex index;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &index));
  std::string out;
  Checks(stats, &out);
  Changes(stats, &out);
  Deliveries(stats, &out);
  Durations(stats, &out);
  LastSuccess(stats, index, &out);
  response->content_type = "text/plain; version=0.0.4; charset=utf-8";
  response->body = std::move(out);
  return Status::Ok();
}

// Healthy when the database answers a query.
Status Health(const Site& site, const Request&, Response* response) {
  std::int64_t one = 0;
  const Status status = site.store->db()->QueryInt("SELECT 1", &one);
  response->content_type = "text/plain; charset=utf-8";
  if (!status.ok()) {
    response->status = 503;
    response->body = "unhealthy: " + status.message() + "\n";
  } else {
    response->body = "ok\n";
  }
  return Status::Ok();
}

}  // namespace pw::web
