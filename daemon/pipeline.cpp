#include "daemon/pipeline.h"

#include <spdlog/spdlog.h>

#include "daemon/schedule.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "extract/sections_json.h"
#include "notify/event.h"
#include "notify/route.h"
#include "store/hash.h"

namespace pw::daemon {
namespace {

using SysClock = std::chrono::system_clock;

std::int64_t UnixSeconds(SysClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

SysClock::time_point FromUnix(std::int64_t s) { return SysClock::time_point(std::chrono::seconds(s)); }

std::chrono::seconds IntervalOf(const config::Config& config, const Target& target) {
  return target.document->interval.value_or(config.daemon.interval);
}

notify::Subject SubjectOf(const Target& target) {
  return {target.company->id, target.company->name, target.document->type,
          target.document->url};
}

notify::VersionRef RefOf(const store::VersionInfo& info) {
  return {info.id, FromUnix(info.fetched_at), info.sha256};
}

// The hash that lets an unchanged page skip extraction: the body and every
// setting that shapes the extracted text, so that editing `select`, `remove` or
// `ignore` takes effect on the next check even if the page did not change.
// `body_hash` holds the body hashed; it is left as it is (for the body's own
// SHA-256, the evidence's checksum, should the body be stored).
std::string BodyFingerprint(const store::Sha256& body_hash, const config::Document& doc) {
  store::Sha256 hash(body_hash);  // body + ('\0' + each item + '\x1f') per list
  for (const auto* list : {&doc.select, &doc.remove, &doc.ignore}) {
    hash.Update(std::string_view("\0", 1));
    for (const auto& item : *list) {
      hash.Update(item);
      hash.Update("\x1f");
    }
  }
  return hash.HexDigest();
}

// Adds one delivery per channel that wants `event` (notify/route.h).
void AddDeliveries(const config::Config& config, const Target& target,
                   const nlohmann::json& event, std::vector<store::Delivery>* out) {
  for (auto& d : notify::RouteEvent(config, *target.company, event)) out->push_back(std::move(d));
}

// The version to compare against: the latest, unless it was flagged as a
// suspect extraction (a redesign, an empty selector match), in which case the
// most recent trustworthy one, so that a recovered page does not alert as
// "everything added".
Status Baseline(store::Store& store, std::int64_t document_id,
                const std::optional<store::VersionRow>& latest,
                std::optional<store::VersionRow>* baseline) {
  *baseline = latest;
  if (!latest || !(latest->info.flags & store::kVersionExtractionSuspect)) return Status::Ok();
  std::vector<store::VersionInfo> versions;
  Status s = store.ListVersions(document_id, &versions);
  if (!s.ok()) return s;
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    if (it->flags & store::kVersionExtractionSuspect) continue;
    store::VersionRow row;
    s = store.GetVersion(document_id, it->id, &row);
    if (!s.ok()) return s;
    *baseline = std::move(row);
    return Status::Ok();
  }
  return Status::Ok();  // every version is suspect: compare with the latest
}

std::string Plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

fetch::Request MakeRequest(const config::Config& config, const Target& target,
                           const store::DocumentState& state) {
  fetch::Request r;
  r.url = target.document->url;
  r.user_agent = config.daemon.user_agent;
  r.if_none_match = state.etag;
  r.if_modified_since = state.last_modified;
  r.connect_timeout = config.daemon.connect_timeout;
  r.timeout = config.daemon.timeout;
  r.max_body_size = config.daemon.max_body_size;
  r.max_redirects = config.daemon.max_redirects;
  // A conditional request only makes sense when we hold the version it refers to.
  if (state.last_version_id == 0) {
    r.if_none_match.clear();
    r.if_modified_since.clear();
  }
  return r;
}

namespace {

// One try of ProcessFetch; *conflict is set when another writer stored a version
// of the document between our read and our write.
Status ProcessFetchOnce(store::Store& store, const config::Config& config, const Target& target,
                        const fetch::Response& response, SysClock::time_point started,
                        SysClock::time_point finished, const store::DocumentRow* read_before,
                        CheckResult* result, bool* conflict) {
  *conflict = false;
  *result = CheckResult();
  result->key = target.Key();
  const auto now = finished;
  const std::string key = target.Key();

  store::DocumentRow fresh;
  Status s;
  if (read_before == nullptr) {
    s = store.GetDocument(target.company->id, target.document->type, &fresh);
    if (!s.ok()) return s;
  }
  const store::DocumentRow& row = read_before ? *read_before : fresh;
  const store::DocumentState& state = row.state;

  store::CheckRecord rec;
  rec.document_id = row.id;
  if (read_before) rec.expected_state = state;
  rec.started_at = UnixSeconds(started);
  rec.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now - started).count();
  rec.http_status = static_cast<int>(response.status);
  rec.bytes = static_cast<std::int64_t>(response.bytes_downloaded);

  auto record_failure = [&](std::string kind, std::string message,
                            std::optional<std::chrono::seconds> retry_after) -> Status {
    rec.failed = true;
    rec.error_kind = std::move(kind);
    rec.error_message = message;
    int failures = state.consecutive_failures + 1;
    rec.next_check_at =
        UnixSeconds(NextAfterFailure(now, IntervalOf(config, target), failures, retry_after));
    if (failures >= config.daemon.unreachable_after && !state.unreachable) {
      rec.unreachable = true;
      auto event = notify::MakeUnreachableEvent(notify::NewEventId(), now, SubjectOf(target),
                                                failures, message);
      AddDeliveries(config, target, event, &rec.deliveries);
    }
    result->error = message;
    result->deliveries = static_cast<int>(rec.deliveries.size());
    store::CheckOutcome outcome;
    Status st = store.RecordCheck(rec, &outcome);
    result->outcome = store::AttemptOutcome::kFailed;
    result->version_id = outcome.version_id;
    if (st.ok()) result->next_check_at = rec.next_check_at;
    return st;
  };

  if (!response.ok()) {
    return record_failure(std::string(fetch::FetchErrorName(response.error)),
                          response.error_message, response.retry_after);
  }

  // Success from here on: a recovered document says so once.
  rec.next_check_at = UnixSeconds(NextAfterSuccess(now, IntervalOf(config, target),
                                                   config.daemon.jitter, key));
  rec.etag = response.etag;
  rec.last_modified = response.last_modified;
  if (state.unreachable) {
    rec.unreachable = false;
    auto event = notify::MakeRecoveredEvent(notify::NewEventId(), now, SubjectOf(target),
                                            state.consecutive_failures);
    AddDeliveries(config, target, event, &rec.deliveries);
  }

  store::Sha256 body_hash;
  if (response.not_modified) {
    rec.not_modified = true;
  } else {
    body_hash.Update(response.body);
    rec.raw_sha256 = BodyFingerprint(body_hash, *target.document);
  }
  const bool body_unchanged = !response.not_modified && state.last_version_id != 0 &&
                              rec.raw_sha256 == state.last_raw_sha256;

  int routed = 0;  // deliveries made inside the transaction (make_deliveries)
  if (!response.not_modified && !body_unchanged) {
    extract::Options options;
    s = extract::MakeOptions(target.document->select, target.document->remove,
                             target.document->ignore, &options);
    extract::Document doc;
    extract::ExtractInfo info;
    if (s.ok()) s = extract::Extract(response.Utf8Body(), response.content_type, options, &doc, &info);
    if (!s.ok()) {
      rec.deliveries.clear();  // a failed check does not announce a recovery
      rec.unreachable.reset();
      return record_failure("extract", key + ": extraction failed: " + s.message(),
                            std::nullopt);
    }

    store::NewVersion version;
    version.text = extract::ToMarkdown(doc);
    version.sections_json = extract::WriteSectionsJson(doc);
    version.raw_body = response.body;
    version.content_type = response.content_type;
    version.text_sha256 = store::Sha256Hex(version.text);
    version.raw_sha256 = body_hash.HexDigest();

    std::optional<store::VersionRow> latest;
    s = store.LatestVersion(row.id, &latest, /*with_text=*/false);
    if (!s.ok()) return s;
    rec.expected_latest_version_id = latest ? latest->info.id : 0;

    // The new version as events name it; its id is assigned in the transaction.
    store::VersionInfo to_info;
    to_info.fetched_at = UnixSeconds(started);
    to_info.sha256 = version.text_sha256;
    const bool text_changed = !latest || to_info.sha256 != latest->info.sha256;
    if (text_changed) {
      // Suspicion: the selector matched nothing, or the text shrank by more than half.
      if (info.selectors_used && !info.selector_matched) {
        result->suspect_reason = "the select selector matched nothing on the page";
      } else if (latest && static_cast<std::int64_t>(version.text.size()) * 2 <
                               latest->info.text_size) {
        result->suspect_reason = "the extracted text shrank by more than half (" +
                                 std::to_string(latest->info.text_size) + " -> " +
                                 std::to_string(version.text.size()) + " bytes)";
      } else if (version.text.empty()) {
        result->suspect_reason = "no text was extracted from the page";
      }
      if (!result->suspect_reason.empty()) {
        result->extraction_suspect = true;
        version.flags |= store::kVersionExtractionSuspect;
      }
    }

    std::optional<notify::VersionRef> from;  // the version compared with
    nlohmann::json changeset_json;
    if (text_changed && latest) {
      std::optional<store::VersionRow> baseline;
      s = Baseline(store, row.id, latest, &baseline);
      if (!s.ok()) return s;
      extract::Document old_doc;
      if (!extract::ReadSectionsJson(baseline->sections_json, &old_doc)) {
        spdlog::warn("{}: stored section tree of version {} is unreadable; comparing with "
                     "an empty document", key, baseline->info.id);
      }
      diff::Changeset changeset = diff::Compare(old_doc, doc);
      // The bytes differ, so the change is at least cosmetic.
      if (changeset.severity == Severity::kNone) changeset.severity = Severity::kCosmetic;
      changeset_json = diff::ToJson(changeset);
      rec.change = store::ChangeRecord{std::string(SeverityName(changeset.severity)),
                                       changeset_json.dump(), {}};
      from = RefOf(baseline->info);
      result->changeset = std::move(changeset);
    }
    // A change, or a suspect extraction (more likely a redesign than a policy
    // change, so announced as such instead of as a change; a suspect first
    // version too). The events name the new version, whose id the transaction
    // assigns.
    const std::string event_type = result->extraction_suspect ? notify::kEventExtractionSuspect
                                                              : notify::kEventChanged;
    const Severity event_severity =
        result->changeset ? result->changeset->severity : Severity::kNone;
    if (text_changed && (from || result->extraction_suspect) &&
        notify::AnyChannelWants(config, *target.company, event_type, event_severity)) {
      rec.make_deliveries = [&config, target, now, to_info, from,
                             changeset_json = std::move(changeset_json),
                             reason = result->suspect_reason,
                             routed = &routed](std::int64_t version_id) {
        notify::VersionRef to = RefOf(to_info);
        to.id = version_id;
        auto event = reason.empty()
                         ? notify::MakeChangedEvent(notify::NewEventId(), now, SubjectOf(target),
                                                    *from, to, changeset_json)
                         : notify::MakeExtractionSuspectEvent(notify::NewEventId(), now,
                                                              SubjectOf(target), to, reason);
        std::vector<store::Delivery> deliveries;
        AddDeliveries(config, target, event, &deliveries);
        *routed = static_cast<int>(deliveries.size());
        return deliveries;
      };
    }
    rec.version = std::move(version);
  }

  store::CheckOutcome outcome;
  s = store.RecordCheck(rec, &outcome);
  *conflict = outcome.conflict;
  if (!s.ok()) return s;
  result->outcome = outcome.outcome;
  result->version_id = outcome.version_id;
  result->previous_version_id = outcome.previous_version_id;
  result->deliveries = static_cast<int>(rec.deliveries.size()) + routed;
  result->next_check_at = rec.next_check_at;
  if (!outcome.version_created) result->changeset.reset();
  return Status::Ok();
}

}  // namespace

Status ProcessFetch(store::Store& store, const config::Config& config, const Target& target,
                    const fetch::Response& response, SysClock::time_point started,
                    CheckResult* result, const store::DocumentRow* read_before,
                    std::optional<SysClock::time_point> finished) {
  const SysClock::time_point ended = finished.value_or(SysClock::now());
  bool conflict = false;
  Status s = ProcessFetchOnce(store, config, target, response, started, ended, read_before,
                              result, &conflict);
  if (conflict) {
    spdlog::info("{}: {}; processing the fetch again", target.Key(), s.message());
    // Another process (a `check` beside the daemon) recorded a check or stored a
    // version meanwhile: decide again from what is stored now.
    s = ProcessFetchOnce(store, config, target, response, started, ended, nullptr, result,
                         &conflict);
  }
  return s;
}

std::string DescribeResult(const CheckResult& r) {
  std::string line = r.key + ": ";
  switch (r.outcome) {
    case store::AttemptOutcome::kFailed:
      return line + "failed: " + r.error;
    case store::AttemptOutcome::kNotModified:
      return line + "unchanged (304 not modified)";
    case store::AttemptOutcome::kUnchanged:
      return line + "unchanged";
    case store::AttemptOutcome::kNew:
      line += "new (version " + std::to_string(r.version_id) + ")";
      break;
    case store::AttemptOutcome::kChanged: {
      Severity sev = r.changeset ? r.changeset->severity : Severity::kCosmetic;
      line += "changed (" + std::string(SeverityName(sev)) + ", version " +
              std::to_string(r.previous_version_id) + " -> " + std::to_string(r.version_id) + ")";
      if (r.changeset) {
        const auto& sum = r.changeset->summary;
        std::vector<std::string> parts;
        if (sum.sections_added) parts.push_back(Plural(sum.sections_added, "section") + " added");
        if (sum.sections_removed) parts.push_back(Plural(sum.sections_removed, "section") + " removed");
        if (sum.sections_modified) parts.push_back(Plural(sum.sections_modified, "section") + " modified");
        if (sum.sections_moved) parts.push_back(Plural(sum.sections_moved, "section") + " moved");
        if (sum.sections_renamed) parts.push_back(Plural(sum.sections_renamed, "section") + " renamed");
        for (size_t i = 0; i < parts.size(); ++i) line += (i == 0 ? ": " : ", ") + parts[i];
      }
      break;
    }
  }
  if (r.extraction_suspect) line += " [extraction suspect: " + r.suspect_reason + "]";
  return line;
}

}  // namespace pw::daemon
