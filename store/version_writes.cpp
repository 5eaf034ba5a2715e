#include "store/internal/version_writes.h"

#include "store/evidence.h"
#include "store/hash.h"
#include "store/internal/rows.h"

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
  std::string compressed;
  PW_RETURN_IF_ERROR(CompressEvidence(v.raw_body, kEvidenceLevel, &compressed));
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO versions (document_id, fetched_at, sha256, text, sections_json,"
      " raw_sha256, raw_zstd, raw_size, content_type, flags)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  st->BindInt(2, fetched_at);
  st->BindText(3, text_sha);
  st->BindText(4, v.text);
  st->BindText(5, v.sections_json);
  st->BindText(6, v.raw_sha256.empty() ? Sha256Hex(v.raw_body) : v.raw_sha256);
  st->BindBlob(7, compressed);
  st->BindInt(8, static_cast<std::int64_t>(v.raw_body.size()));
  st->BindText(9, v.content_type);
  st->BindInt(10, v.flags);
  PW_RETURN_IF_ERROR(st->Run());
  *version_id = db->LastInsertRowid();
  return Status::Ok();
}

Status InsertChange(Db* db, std::int64_t document_id, const NewChange& change,
                    std::int64_t from_version, std::int64_t to_version, std::int64_t created_at) {
  Statement* ch;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO changes (document_id, from_version, to_version, severity,"
      " changeset_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      &ch));
  ScopedReset reset_ch(ch);
  ch->BindInt(1, document_id);
  if (from_version != 0) ch->BindInt(2, from_version);
  ch->BindInt(3, to_version);
  ch->BindText(4, change.severity);
  ch->BindText(5, change.changeset_json);
  ch->BindInt(6, created_at);
  return ch->Run();
}

}  // namespace pw::store
