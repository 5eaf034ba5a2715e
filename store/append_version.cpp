// Store::AppendVersion: versions no check fetched (technical, imported).
#include <string>

#include "store/hash.h"
#include "store/internal/rows.h"
#include "store/internal/version_writes.h"
#include "store/store.h"

namespace pw::store {
namespace {

// Fails unless `v` says where it came from and names a document.
Status CheckAppended(const AppendedVersion& v) {
  const std::uint32_t origin = kVersionTechnical | kVersionImported;
  if ((v.version.flags & origin) == 0) {
    return Status::Error("appending a version of document " + std::to_string(v.document_id) +
                         ": it is neither technical nor imported (checks add fetched ones)");
  }
  if (v.change && v.expected_latest_version_id == 0) {
    return Status::Error("appending a version of document " + std::to_string(v.document_id) +
                         ": a change needs the version it was diffed against");
  }
  return Status::Ok();
}

// Points the document's state at its new latest version (a row is made for a
// document never checked: due at once).
Status MoveState(Db* db, std::int64_t document_id, std::int64_t version_id,
                 std::int64_t fetched_at) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO document_state (document_id, last_change_at, last_version_id)"
      " VALUES (?1, ?2, ?3) ON CONFLICT (document_id) DO UPDATE SET"
      " last_change_at = ?2, last_version_id = ?3",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  st->BindInt(2, fetched_at);
  st->BindInt(3, version_id);
  return st->Run();
}

}  // namespace

Status Store::AppendVersion(const AppendedVersion& v, std::int64_t* version_id, bool* conflict) {
  if (conflict != nullptr) *conflict = false;
  *version_id = 0;
  PW_RETURN_IF_ERROR(RequireWritable("appending a version"));
  PW_RETURN_IF_ERROR(CheckAppended(v));
  PW_RETURN_IF_ERROR(UseFsync(true));
  Db* db = db_.get();
  Transaction txn(db);
  PW_RETURN_IF_ERROR(txn.Begin());
  std::int64_t latest = 0;
  std::string latest_sha;
  PW_RETURN_IF_ERROR(ReadLatestVersion(db, v.document_id, &latest, &latest_sha));
  const std::string doc = "document " + std::to_string(v.document_id);
  if (latest != v.expected_latest_version_id) {
    if (conflict != nullptr) *conflict = true;
    return Status::Error("appending a version of " + doc + ": its latest version is " +
                         std::to_string(latest) + ", not " +
                         std::to_string(v.expected_latest_version_id) + " as read before diffing");
  }
  const std::string sha =
      v.version.text_sha256.empty() ? Sha256Hex(v.version.text) : v.version.text_sha256;
  if (latest != 0 && sha == latest_sha) {
    return Status::Error("appending a version of " + doc + ": its text is the latest version's");
  }
  PW_RETURN_IF_ERROR(InsertVersion(db, v.document_id, v.fetched_at, v.version, sha, version_id));
  if (v.change) {
    PW_RETURN_IF_ERROR(
        InsertChange(db, v.document_id, *v.change, latest, *version_id, v.fetched_at));
  }
  PW_RETURN_IF_ERROR(MoveState(db, v.document_id, *version_id, v.fetched_at));
  Status s = txn.Commit();
  if (!s.ok()) *version_id = 0;
  return s;
}

}  // namespace pw::store
