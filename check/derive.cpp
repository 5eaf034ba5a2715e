#include "check/derive.h"

#include "check/internal/findings.h"
#include "diff/changeset_render.h"
#include "extract/canonical.h"
#include "extract/sections_json.h"
#include "store/hash.h"

namespace pw::check {
namespace {

store::NewVersion NewVersionOf(const DerivedVersion& v) {
  store::NewVersion n;
  n.text = extract::ToMarkdown(v.doc);
  n.sections_json = extract::WriteSectionsJson(v.doc);
  n.raw_body = v.raw_body;
  n.content_type = v.content_type;
  n.flags = v.flags;
  n.text_sha256 = store::Sha256Hex(n.text);
  n.raw_sha256 = store::Sha256Hex(n.raw_body);
  return n;
}

// Compares `v` with the document's latest version and fills *out and, unless
// its text is the latest's, *appended: what AppendDerived writes.
Status Prepare(store::Store& store, const DerivedVersion& v, DerivedOutcome* out,
               store::AppendedVersion* appended) {
  *out = DerivedOutcome();
  std::optional<store::VersionRow> latest;
  PW_RETURN_IF_ERROR(store.LatestVersion(v.document_id, &latest, /*with_text=*/false));
  appended->document_id = v.document_id;
  appended->fetched_at = UnixSeconds(v.at);
  appended->version = NewVersionOf(v);
  if (!latest) return Status::Ok();
  out->previous_version_id = latest->info.id;
  appended->expected_latest_version_id = latest->info.id;
  if (latest->info.sha256 == appended->version.text_sha256) {
    out->unchanged = true;
    return Status::Ok();
  }
  internal::Comparison c;
  PW_RETURN_IF_ERROR(internal::CompareWithBaseline(store, v.key, v.document_id, latest, v.doc,
                                                   v.at, &c));
  appended->change = store::NewChange{std::string(SeverityName(c.changeset.severity)),
                                      diff::ToJson(c.changeset).dump()};
  out->changeset = std::move(c.changeset);
  return Status::Ok();
}

}  // namespace

Status AppendDerived(store::Store& store, const DerivedVersion& v, DerivedOutcome* out) {
  store::AppendedVersion appended;
  PW_RETURN_IF_ERROR(Prepare(store, v, out, &appended));
  if (out->unchanged) return Status::Ok();
  return store.AppendVersion(appended, &out->version_id, &out->conflict);
}

Status PreviewDerived(store::Store& store, const DerivedVersion& v, DerivedOutcome* out) {
  store::AppendedVersion appended;
  return Prepare(store, v, out, &appended);
}

}  // namespace pw::check
