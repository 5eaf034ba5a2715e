// Technical upgrades: stored evidence re-derived with today's rules (check/reextract.h).
#include "check/reextract.h"

#include "check/derive.h"
#include "check/internal/evidence.h"
#include "check/internal/parts.h"
#include "extract/canonical.h"
#include "store/hash.h"

namespace pw::check {
namespace {

// A version's evidence extracted again.
struct Rederived {
  internal::ExtractedDocument extracted;
  std::string text_sha256;
  std::string raw_body;
};

// Re-derives `version`'s evidence as `document` is configured today. Fails,
// naming the version, when it has no evidence, the evidence cannot be read or
// split into the document's parts, or extraction fails.
Status Rederive(store::Store& store, const config::Document& document,
                const store::VersionRow& version, Rederived* out) {
  const std::string where = "version " + std::to_string(version.info.id) + ": ";
  Status s = store.GetEvidence(version.info.id, &out->raw_body);
  if (!s.ok()) return Status::Error(where + "evidence unreadable: " + s.message());
  if (out->raw_body.empty()) return Status::Error(where + "no evidence stored");
  std::vector<fetch::Response> parts;
  s = internal::PartsOfEvidence(document, out->raw_body, version.content_type, &parts);
  if (s.ok()) s = internal::ExtractDocument(document, parts, &out->extracted);
  if (!s.ok()) return Status::Error(where + "extraction failed: " + s.message());
  out->text_sha256 = store::Sha256Hex(extract::ToMarkdown(out->extracted.doc));
  return Status::Ok();
}

// all_versions: every version re-derived and compared with its own stored text.
Status Audit(store::Store& store, const Target& target, std::int64_t document_id,
             ReextractReport* report) {
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(store.ListVersions(document_id, &versions));
  for (const store::VersionInfo& info : versions) {
    store::VersionRow row;
    PW_RETURN_IF_ERROR(store.GetVersion(document_id, info.id, &row));
    VersionAudit audit;
    audit.version_id = info.id;
    audit.fetched_at = info.fetched_at;
    audit.technical = (info.flags & store::kVersionTechnical) != 0;
    Rederived r;
    Status s = Rederive(store, *target.document, row, &r);
    if (s.ok()) {
      audit.differs = r.text_sha256 != info.sha256;
    } else {
      audit.error = s.message();
      ++report->versions_failed;
    }
    report->versions.push_back(std::move(audit));
  }
  return Status::Ok();
}

void Fail(std::string error, ReextractReport* report) {
  report->outcome = ReextractOutcome::kFailed;
  report->error = std::move(error);
}

// One pass over the latest version: re-derived, compared, and (unless a dry
// run) stored when it differs. *conflict: another writer added a version first.
Status ReextractLatest(store::Store& store, const Target& target, std::int64_t document_id,
                       const ReextractOptions& options, ReextractReport* report,
                       bool* conflict) {
  *conflict = false;
  std::optional<store::VersionRow> latest;
  PW_RETURN_IF_ERROR(store.LatestVersion(document_id, &latest, /*with_text=*/false));
  if (!latest) {
    report->outcome = ReextractOutcome::kNoVersion;
    return Status::Ok();
  }
  report->from_version = latest->info.id;
  Rederived r;
  if (Status s = Rederive(store, *target.document, *latest, &r); !s.ok()) {
    Fail(s.message(), report);
    return Status::Ok();
  }
  if (!r.extracted.suspect_reason.empty()) {
    report->extraction_suspect = true;
    report->suspect_reason = r.extracted.suspect_reason;
    Fail("nothing stored: the re-derived text looks like a broken extraction (" +
             r.extracted.suspect_reason + "); fix the configuration, or let a check store it " +
             "(flagged and announced)",
         report);
    return Status::Ok();
  }
  DerivedVersion v{target.Key(), document_id, std::move(r.extracted.doc), std::move(r.raw_body),
                   latest->content_type, options.now, store::kVersionTechnical};
  DerivedOutcome o;
  Status s = options.dry_run ? PreviewDerived(store, v, &o) : AppendDerived(store, v, &o);
  if (!s.ok()) {
    *conflict = o.conflict;
    return s;
  }
  report->outcome = o.unchanged ? ReextractOutcome::kUnchanged : ReextractOutcome::kTechnical;
  report->version_id = o.version_id;
  report->changeset = std::move(o.changeset);
  return Status::Ok();
}

}  // namespace

const char* ReextractOutcomeName(ReextractOutcome outcome) {
  switch (outcome) {
    case ReextractOutcome::kUnchanged: return "unchanged";
    case ReextractOutcome::kTechnical: return "technical";
    case ReextractOutcome::kNoVersion: return "no-version";
    case ReextractOutcome::kFailed: return "failed";
  }
  return "failed";
}

Status Reextract(store::Store& store, const Target& target, const ReextractOptions& options,
                 ReextractReport* report) {
  *report = ReextractReport();
  report->key = target.Key();
  store::DocumentRow row;
  PW_RETURN_IF_ERROR(store.GetDocument(target.company->id, target.document->type, &row));
  if (options.all_versions) PW_RETURN_IF_ERROR(Audit(store, target, row.id, report));
  bool conflict = false;
  Status s = ReextractLatest(store, target, row.id, options, report, &conflict);
  if (!s.ok() && conflict) {  // a check stored a version meanwhile: once more from it
    s = ReextractLatest(store, target, row.id, options, report, &conflict);
  }
  return s;
}

}  // namespace pw::check
