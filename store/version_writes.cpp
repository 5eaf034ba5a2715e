#include "store/internal/version_writes.h"

#include <cstdint>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/internal/rows.h"
#include "store/internal/version_bodies.h"

namespace pw::store {

Status ReadLatestVersion(Db* db, std::int64_t document_id, std::int64_t* id, std::string* sha) {
  *id = 0;
  sha->clear();
  return ReadOneRow(
      db, "SELECT id, sha256 FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
      [&](Statement* st) { st->BindInt(1, document_id); },
      [&](const Statement& st) {
        *id = st.ColumnInt(0);
        *sha = st.ColumnText(1);
      });
}

Status InsertVersion(Db* db, std::int64_t document_id, std::int64_t fetched_at,
                     const NewVersion& v, const std::string& text_sha, std::int64_t* version_id) {
  StoredBodies stored;
  PW_RETURN_IF_ERROR(EncodeNextVersion(db, document_id, INT64_MAX,
                                       {v.text, v.sections_json, v.raw_body}, &stored));
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO versions (document_id, fetched_at, sha256, text_size, raw_sha256, raw_size,"
      " content_type, flags, base_id, text_z, tree_z, raw_z)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  st->BindInt(2, fetched_at);
  st->BindText(3, text_sha);
  st->BindInt(4, stored.text_size);
  st->BindText(5, v.raw_sha256.empty() ? Sha256Hex(v.raw_body) : v.raw_sha256);
  st->BindInt(6, stored.raw_size);
  st->BindText(7, v.content_type);
  st->BindInt(8, v.flags);
  if (stored.base_id != 0) st->BindInt(9, stored.base_id);
  st->BindBlob(10, stored.text_z);
  st->BindBlob(11, stored.tree_z);
  st->BindBlob(12, stored.raw_z);
  PW_RETURN_IF_ERROR(st->Run());
  *version_id = db->LastInsertRowid();
  return Status::Ok();
}

Status CompressChangeset(const std::string& changeset_json, std::string* compressed) {
  return CompressEvidence(changeset_json, kEvidenceLevel, compressed);
}

Status InsertChange(Db* db, std::int64_t document_id, const NewChange& change,
                    std::int64_t from_version, std::int64_t to_version, std::int64_t created_at) {
  std::string compressed;
  PW_RETURN_IF_ERROR(CompressChangeset(change.changeset_json, &compressed));
  Statement* ch;
  static const std::string sql =
      "INSERT INTO changes (document_id, from_version, to_version, severity, changeset_z,"
      " changeset_size, categories, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, " +
      std::string(kCategoriesOfChangeset) + ", ?8)";
  PW_RETURN_IF_ERROR(db->Cached(sql.c_str(), &ch));
  ScopedReset reset_ch(ch);
  ch->BindInt(1, document_id);
  if (from_version != 0) ch->BindInt(2, from_version);
  ch->BindInt(3, to_version);
  ch->BindText(4, change.severity);
  ch->BindBlob(5, compressed);
  ch->BindInt(6, static_cast<std::int64_t>(change.changeset_json.size()));
  ch->BindText(7, change.changeset_json);
  ch->BindInt(8, created_at);
  return ch->Run();
}

}  // namespace pw::store
