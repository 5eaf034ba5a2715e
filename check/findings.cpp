// The steps of one check between its fetch and its transaction: a failed or a
// successful fetch, the body's fingerprint, extraction, and, when the text
// changed, the new version, its suspicion and its change from the baseline.
#include "check/internal/findings.h"

#include <spdlog/spdlog.h>

#include "check/internal/parts.h"
#include "check/schedule.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/sections_json.h"
#include "store/hash.h"

namespace pw::check::internal {
namespace {

Seconds IntervalOf(const CheckInput& in) {
  return in.target.document->interval.value_or(in.config.daemon.interval);
}

notify::Subject SubjectOf(const Target& target) {
  return {target.company->id, target.company->name, target.document->type,
          target.document->url};
}

notify::VersionRef RefOf(const store::VersionInfo& info) {
  return {info.id, FromUnixSeconds(info.fetched_at), info.sha256};
}

// The attempt as every check writes it, before its outcome is known.
store::CheckAttempt AttemptOf(const CheckInput& in) {
  store::CheckAttempt a;
  a.document_id = in.row.id;
  if (in.row_read_before) a.expected_state = in.row.state;
  a.started_at = UnixSeconds(in.started);
  a.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(in.finished - in.started).count();
  // The status of the last part fetched: the failing one, or the last.
  a.http_status = in.parts.empty() ? 0 : static_cast<int>(in.parts.back().status);
  for (const fetch::Response& part : in.parts) {
    a.bytes += static_cast<std::int64_t>(part.bytes_downloaded);
  }
  return a;
}

// A failed check: counted toward back-off, and reported unreachable once after
// [daemon] unreachable_after failures in a row.
void Fail(const CheckInput& in, std::string kind, std::string message,
          std::optional<Seconds> retry_after, Findings* f) {
  const store::DocumentState& state = in.row.state;
  store::CheckAttempt& a = f->attempt;
  a.failed = true;
  a.error_kind = std::move(kind);
  a.error_message = message;
  const int failures = state.consecutive_failures + 1;
  a.next_check_at =
      UnixSeconds(NextAfterFailure(in.finished, IntervalOf(in), failures, retry_after));
  if (failures >= in.config.daemon.unreachable_after && !state.unreachable) {
    a.unreachable = true;
    f->facts.unreachable = notify::CheckFacts::Unreachable{failures, message};
  }
  f->error = std::move(message);
}

// A successful fetch: the next check, the validators, and a recovery said once.
void Succeed(const CheckInput& in, Findings* f) {
  const store::DocumentState& state = in.row.state;
  store::CheckAttempt& a = f->attempt;
  a.next_check_at = UnixSeconds(NextAfterSuccess(in.finished, IntervalOf(in),
                                                 in.config.daemon.jitter, in.target.Key()));
  if (UsesValidators(*in.target.document) && in.parts.size() == 1) {
    a.etag = in.parts[0].etag;
    a.last_modified = in.parts[0].last_modified;
    a.not_modified = in.parts[0].not_modified;
  }
  if (state.unreachable) {
    a.unreachable = false;
    f->facts.recovered_after = state.consecutive_failures;
  }
}

store::NewVersion VersionOf(const CheckInput& in, const extract::Document& doc) {
  store::NewVersion v;
  v.text = extract::ToMarkdown(doc);
  v.sections_json = extract::WriteSectionsJson(doc);
  Evidence evidence = EvidenceOf(in.parts);
  v.raw_body = std::move(evidence.body);
  v.content_type = std::move(evidence.content_type);
  v.text_sha256 = store::Sha256Hex(v.text);
  v.raw_sha256 = store::Sha256Hex(v.raw_body);
  return v;
}

// Why a changed text looks like a broken extraction rather than a policy
// change ("" when it does not): what its parts say (a selector matched
// nothing, a script shell, a PDF without text), the text shrank by more than
// half, or nothing was extracted.
std::string SuspectReason(const ExtractedDocument& extracted,
                          const std::optional<store::VersionRow>& latest,
                          const store::NewVersion& version) {
  if (!extracted.suspect_reason.empty()) return extracted.suspect_reason;
  const auto size = static_cast<std::int64_t>(version.text.size());
  if (latest && size * 2 < latest->info.text_size) {
    return "the extracted text shrank by more than half (" +
           std::to_string(latest->info.text_size) + " -> " + std::to_string(size) + " bytes)";
  }
  if (version.text.empty()) return "no text was extracted from the page";
  return "";
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
  PW_RETURN_IF_ERROR(store.ListVersions(document_id, &versions));
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    if (it->flags & store::kVersionExtractionSuspect) continue;
    store::VersionRow row;
    PW_RETURN_IF_ERROR(store.GetVersion(document_id, it->id, &row));
    *baseline = std::move(row);
    return Status::Ok();
  }
  return Status::Ok();  // every version is suspect: compare with the latest
}

// The change from the baseline of `latest` to `doc`: the changeset and what is
// stored and announced of it.
Status Compare(const CheckInput& in, const std::optional<store::VersionRow>& latest,
               const extract::Document& doc, Findings* f) {
  Comparison c;
  PW_RETURN_IF_ERROR(CompareWithBaseline(in.store, in.target.Key(), in.row.id, latest, doc,
                                         in.finished, &c));
  f->facts.changeset = diff::ToJson(c.changeset);
  f->facts.severity = c.changeset.severity;
  f->facts.compared_with = RefOf(c.baseline);
  f->change = store::NewChange{std::string(SeverityName(c.changeset.severity)),
                               f->facts.changeset.dump()};
  f->changeset = std::move(c.changeset);
  return Status::Ok();
}

// The extracted `doc` against the latest version: when its text differs, the
// new version (flagged when suspect) and its change.
Status FindVersion(const CheckInput& in, const ExtractedDocument& extracted, Findings* f) {
  const extract::Document& doc = extracted.doc;
  store::NewVersion version = VersionOf(in, doc);
  std::optional<store::VersionRow> latest;
  PW_RETURN_IF_ERROR(in.store.LatestVersion(in.row.id, &latest, /*with_text=*/false));
  f->attempt.expected_latest_version_id = latest ? latest->info.id : 0;
  if (latest && latest->info.sha256 == version.text_sha256) return Status::Ok();  // unchanged

  f->facts.suspect_reason = SuspectReason(extracted, latest, version);
  if (!f->facts.suspect_reason.empty()) version.flags |= store::kVersionExtractionSuspect;
  if (latest) PW_RETURN_IF_ERROR(Compare(in, latest, doc, f));
  // The id is the transaction's to give (CheckTransaction::AddVersion).
  f->facts.added = notify::VersionRef{0, in.started, version.text_sha256};
  f->version = std::move(version);
  return Status::Ok();
}

// The first failed part, or nullptr.
const fetch::Response* FailedPart(const CheckInput& in, size_t* index) {
  for (size_t i = 0; i < in.parts.size(); ++i) {
    if (!in.parts[i].ok()) {
      *index = i;
      return &in.parts[i];
    }
  }
  return nullptr;
}

// The findings of every kind of fetch: a failed part, 304, the same bodies, a
// document that does not extract, or an extracted one.
Status ExamineFetch(const CheckInput& in, Findings* f) {
  const config::Document& document = *in.target.document;
  size_t i = 0;
  if (const fetch::Response* failed = FailedPart(in, &i)) {
    Fail(in, std::string(fetch::FetchErrorName(failed->error)),
         PartPrefix(document, i) + failed->error_message, failed->retry_after, f);
    return Status::Ok();
  }
  if (in.parts.size() != document.parts.size()) {
    Fail(in, "other", in.target.Key() + ": fetched " + std::to_string(in.parts.size()) +
                          " of " + std::to_string(document.parts.size()) + " parts",
         std::nullopt, f);
    return Status::Ok();
  }
  if (in.parts.size() == 1 && in.parts[0].not_modified) {
    Succeed(in, f);
    return Status::Ok();
  }
  const std::string fingerprint = Fingerprint(document, in.parts);
  if (in.row.state.last_version_id != 0 && fingerprint == in.row.state.last_raw_sha256) {
    Succeed(in, f);  // the same bodies under the same settings: the same text
    f->attempt.raw_sha256 = fingerprint;
    return Status::Ok();
  }
  ExtractedDocument extracted;
  if (Status s = ExtractDocument(document, in.parts, &extracted); !s.ok()) {
    Fail(in, "extract", in.target.Key() + ": extraction failed: " + s.message(), std::nullopt,
         f);
    return Status::Ok();
  }
  Succeed(in, f);
  f->attempt.raw_sha256 = fingerprint;
  return FindVersion(in, extracted, f);
}

}  // namespace

Status CompareWithBaseline(store::Store& store, const std::string& key, std::int64_t document_id,
                           const std::optional<store::VersionRow>& latest,
                           const extract::Document& doc, TimePoint when, Comparison* out) {
  std::optional<store::VersionRow> baseline;
  PW_RETURN_IF_ERROR(Baseline(store, document_id, latest, &baseline));
  extract::Document old_doc;
  if (!extract::ReadSectionsJson(baseline->sections_json, &old_doc)) {
    spdlog::warn("{}: stored section tree of version {} is unreadable; comparing with "
                 "an empty document", key, baseline->info.id);
  }
  out->baseline = baseline->info;
  out->changeset =
      diff::Compare(old_doc, doc, {.today = std::chrono::floor<std::chrono::days>(when)});
  // The bytes differ, so the change is at least cosmetic.
  if (out->changeset.severity == Severity::kNone) out->changeset.severity = Severity::kCosmetic;
  return Status::Ok();
}

Status Examine(const CheckInput& in, Findings* f) {
  *f = Findings();
  f->attempt = AttemptOf(in);
  f->facts.subject = SubjectOf(in.target);
  f->facts.at = in.finished;
  PW_RETURN_IF_ERROR(ExamineFetch(in, f));
  // A new version, and the notifications only a change of the flag or a new
  // version can make, must survive a power cut.
  f->attempt.durable = f->version.has_value() || f->attempt.unreachable.has_value();
  return Status::Ok();
}

}  // namespace pw::check::internal
