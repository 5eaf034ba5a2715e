#include <spdlog/spdlog.h>

#include <chrono>

#include "store/evidence.h"
#include "store/internal/migrations.h"
#include "store/internal/version_bodies.h"
#include "store/internal/version_writes.h"

namespace pw::store {
namespace {

// A version row as v3 stored it.
struct V3Version {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string text;
  std::string tree;
  std::string raw_zstd;
  std::int64_t raw_size = 0;
};

// The v3 row after `after_id`; *found false past the last.
Status NextV3Version(Db* db, std::int64_t after_id, V3Version* v, bool* found) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "SELECT id, document_id, text, sections_json, raw_zstd, raw_size FROM versions"
      " WHERE id > ? ORDER BY id LIMIT 1", &st));
  ScopedReset reset(st);
  st->BindInt(1, after_id);
  PW_RETURN_IF_ERROR(st->Step(found));
  if (!*found) return Status::Ok();
  v->id = st->ColumnInt(0);
  v->document_id = st->ColumnInt(1);
  v->text = st->ColumnText(2);
  v->tree = st->ColumnText(3);
  v->raw_zstd = st->ColumnBlob(4);
  v->raw_size = st->ColumnInt(5);
  return Status::Ok();
}

// The v4 bodies of `v`. A raw body that does not decompress stays as it was
// stored (a plain zstd frame is what a keyframe's raw_z is) and the version
// becomes a keyframe.
Status EncodeV3Version(Db* db, const V3Version& v, StoredBodies* out) {
  VersionBodies bodies{v.text, v.tree, {}};
  Status raw = v.raw_size < 0 ? Status::Error("negative raw size")
                              : DecompressEvidence(v.raw_zstd,
                                                   static_cast<std::uint64_t>(v.raw_size),
                                                   &bodies.raw);
  if (raw.ok()) return EncodeNextVersion(db, v.document_id, v.id, bodies, out);
  spdlog::warn("{}: version {}: its raw body does not decompress ({}); kept as stored",
               db->path(), v.id, raw.message());
  PW_RETURN_IF_ERROR(EncodeBodies(bodies, nullptr, 0, out));
  out->raw_z = v.raw_zstd;
  out->raw_size = v.raw_size;
  return Status::Ok();
}

Status WriteV4Version(Db* db, std::int64_t id, const StoredBodies& b) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "UPDATE versions SET text_size = ?2, base_id = ?3, text_z = ?4, tree_z = ?5, raw_z = ?6"
      " WHERE id = ?1", &st));
  ScopedReset reset(st);
  st->BindInt(1, id);
  st->BindInt(2, b.text_size);
  if (b.base_id != 0) st->BindInt(3, b.base_id);
  st->BindBlob(4, b.text_z);
  st->BindBlob(5, b.tree_z);
  st->BindBlob(6, b.raw_z);
  return st->Run();
}

Status CountRows(Db* db, const char* table, std::int64_t* n) {
  return db->QueryInt((std::string("SELECT count(*) FROM ") + table).c_str(), n);
}

Status MigrateVersions(Db* db, const UpgradeProgress& progress) {
  std::int64_t total = 0, done = 0;
  auto told = std::chrono::steady_clock::now();
  PW_RETURN_IF_ERROR(CountRows(db, "versions", &total));
  V3Version v;
  for (bool found = true;;) {
    PW_RETURN_IF_ERROR(NextV3Version(db, v.id, &v, &found));
    if (!found) return Status::Ok();
    StoredBodies b;
    PW_RETURN_IF_ERROR(EncodeV3Version(db, v, &b));
    PW_RETURN_IF_ERROR(WriteV4Version(db, v.id, b));
    if (++done % 10000 == 0) {
      spdlog::info("{}: upgrading: {} of {} versions re-encoded", db->path(), done, total);
    }
    if (progress && std::chrono::steady_clock::now() - told >= std::chrono::seconds(1)) {
      progress(done, total);
      told = std::chrono::steady_clock::now();
    }
  }
}

// Compresses the changeset of change `after_id`'s successor; *found false past the last.
Status MigrateNextChange(Db* db, std::int64_t* after_id, bool* found) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "SELECT id, changeset_json FROM changes WHERE id > ? ORDER BY id LIMIT 1", &st));
  ScopedReset reset(st);
  st->BindInt(1, *after_id);
  PW_RETURN_IF_ERROR(st->Step(found));
  if (!*found) return Status::Ok();
  *after_id = st->ColumnInt(0);
  const std::string json = st->ColumnText(1);
  std::string compressed;
  PW_RETURN_IF_ERROR(CompressChangeset(json, &compressed));
  Statement* up;
  PW_RETURN_IF_ERROR(db->Cached(
      ("UPDATE changes SET changeset_z = ?2, changeset_size = ?3, categories = " +
       std::string(kCategoriesOfChangeset) + " WHERE id = ?1").c_str(), &up));
  ScopedReset reset_up(up);
  up->BindInt(1, *after_id);
  up->BindBlob(2, compressed);
  up->BindInt(3, static_cast<std::int64_t>(json.size()));
  up->BindText(7, json);
  return up->Run();
}

Status MigrateChanges(Db* db) {
  std::int64_t after = 0;
  for (bool found = true; found;) PW_RETURN_IF_ERROR(MigrateNextChange(db, &after, &found));
  return Status::Ok();
}

}  // namespace

Status MigrateBodiesV4(Db* db, const UpgradeProgress& progress) {
  PW_RETURN_IF_ERROR(MigrateVersions(db, progress));
  return MigrateChanges(db);
}

}  // namespace pw::store
