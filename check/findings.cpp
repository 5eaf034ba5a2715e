// The steps of one check between its fetch and its transaction: a failed or a
// successful fetch, the body's fingerprint, extraction, and, when the text
// changed, the new version, its suspicion and its change from the baseline.
#include "check/internal/findings.h"

#include <spdlog/spdlog.h>

#include "check/schedule.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/extract.h"
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
  a.http_status = static_cast<int>(in.response.status);
  a.bytes = static_cast<std::int64_t>(in.response.bytes_downloaded);
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
  a.etag = in.response.etag;
  a.last_modified = in.response.last_modified;
  a.not_modified = in.response.not_modified;
  if (state.unreachable) {
    a.unreachable = false;
    f->facts.recovered_after = state.consecutive_failures;
  }
}

// The hash that lets an unchanged page skip extraction: the body and every
// setting that shapes the extracted text, so that editing `select`, `remove` or
// `ignore` takes effect on the next check even if the page did not change.
std::string BodyFingerprint(const store::Sha256& body_hash, const config::Document& doc) {
  store::Sha256 hash(body_hash);  // body + ('\0' + each item + '\x1f') per list
  const config::Part& part = doc.parts.at(0);
  for (const auto* list : {&part.select, &part.remove}) {
    hash.Update(std::string_view("\0", 1));
    for (const auto& item : *list) {
      hash.Update(item.ToString());
      hash.Update("\x1f");
    }
  }
  hash.Update(std::string_view("\0", 1));
  for (const auto& item : doc.ignore) {
    hash.Update(item);
    hash.Update("\x1f");
  }
  return hash.HexDigest();
}

Status ExtractPage(const CheckInput& in, extract::Document* doc, extract::ExtractInfo* info) {
  const config::Document& d = *in.target.document;
  extract::Options options;
  PW_RETURN_IF_ERROR(
      extract::MakeOptions(d.parts.at(0).select, d.parts.at(0).remove, d.ignore, &options));
  return extract::Extract(in.response.Utf8Body(), in.response.content_type, options, doc, info);
}

store::NewVersion VersionOf(const CheckInput& in, const extract::Document& doc,
                            const std::string& body_sha256) {
  store::NewVersion v;
  v.text = extract::ToMarkdown(doc);
  v.sections_json = extract::WriteSectionsJson(doc);
  v.raw_body = in.response.body;
  v.content_type = in.response.content_type;
  v.text_sha256 = store::Sha256Hex(v.text);
  v.raw_sha256 = body_sha256;
  return v;
}

// Why a changed text looks like a broken extraction rather than a policy
// change ("" when it does not): the selector matched nothing, the text shrank
// by more than half, or nothing was extracted.
std::string SuspectReason(const extract::ExtractInfo& info,
                          const std::optional<store::VersionRow>& latest,
                          const store::NewVersion& version) {
  if (info.selectors_used && !info.selector_matched) {
    return "the select selector matched nothing on the page";
  }
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
  std::optional<store::VersionRow> baseline;
  PW_RETURN_IF_ERROR(Baseline(in.store, in.row.id, latest, &baseline));
  extract::Document old_doc;
  if (!extract::ReadSectionsJson(baseline->sections_json, &old_doc)) {
    spdlog::warn("{}: stored section tree of version {} is unreadable; comparing with "
                 "an empty document", in.target.Key(), baseline->info.id);
  }
  diff::Changeset changeset = diff::Compare(old_doc, doc);
  // The bytes differ, so the change is at least cosmetic.
  if (changeset.severity == Severity::kNone) changeset.severity = Severity::kCosmetic;
  f->facts.changeset = diff::ToJson(changeset);
  f->facts.severity = changeset.severity;
  f->facts.compared_with = RefOf(baseline->info);
  f->change = store::NewChange{std::string(SeverityName(changeset.severity)),
                               f->facts.changeset.dump()};
  f->changeset = std::move(changeset);
  return Status::Ok();
}

// The extracted `doc` against the latest version: when its text differs, the
// new version (flagged when suspect) and its change.
Status FindVersion(const CheckInput& in, const extract::Document& doc,
                   const extract::ExtractInfo& info, const std::string& body_sha256,
                   Findings* f) {
  store::NewVersion version = VersionOf(in, doc, body_sha256);
  std::optional<store::VersionRow> latest;
  PW_RETURN_IF_ERROR(in.store.LatestVersion(in.row.id, &latest, /*with_text=*/false));
  f->attempt.expected_latest_version_id = latest ? latest->info.id : 0;
  if (latest && latest->info.sha256 == version.text_sha256) return Status::Ok();  // unchanged

  f->facts.suspect_reason = SuspectReason(info, latest, version);
  if (!f->facts.suspect_reason.empty()) version.flags |= store::kVersionExtractionSuspect;
  if (latest) PW_RETURN_IF_ERROR(Compare(in, latest, doc, f));
  // The id is the transaction's to give (CheckTransaction::AddVersion).
  f->facts.added = notify::VersionRef{0, in.started, version.text_sha256};
  f->version = std::move(version);
  return Status::Ok();
}

// The findings of every kind of fetch: failed, 304, the same body, a body
// that does not extract, or an extracted page.
Status ExamineFetch(const CheckInput& in, Findings* f) {
  const fetch::Response& response = in.response;
  if (!response.ok()) {
    Fail(in, std::string(fetch::FetchErrorName(response.error)), response.error_message,
         response.retry_after, f);
    return Status::Ok();
  }
  if (response.not_modified) {
    Succeed(in, f);
    return Status::Ok();
  }
  store::Sha256 body_hash;
  body_hash.Update(response.body);
  const std::string fingerprint = BodyFingerprint(body_hash, *in.target.document);
  if (in.row.state.last_version_id != 0 && fingerprint == in.row.state.last_raw_sha256) {
    Succeed(in, f);  // the same body under the same settings: the same text
    f->attempt.raw_sha256 = fingerprint;
    return Status::Ok();
  }
  extract::Document doc;
  extract::ExtractInfo info;
  if (Status s = ExtractPage(in, &doc, &info); !s.ok()) {
    Fail(in, "extract", in.target.Key() + ": extraction failed: " + s.message(), std::nullopt,
         f);
    return Status::Ok();
  }
  Succeed(in, f);
  f->attempt.raw_sha256 = fingerprint;
  return FindVersion(in, doc, info, body_hash.HexDigest(), f);
}

}  // namespace

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
