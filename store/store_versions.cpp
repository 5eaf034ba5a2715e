// class Store: reading versions, their evidence and their changes (see
// store.cpp for the rest). Versions are written by CheckTransaction only
// (check_transaction.cpp).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/internal/rows.h"
#include "store/internal/version_bodies.h"
#include "store/store.h"

namespace pw::store {
namespace {

const char kVersionInfoColumns[] =
    "SELECT v.id, v.document_id, v.fetched_at, v.sha256, v.text_size, v.raw_size, v.flags,"
    " c.severity";

void ReadVersionInfo(const Statement& st, VersionInfo* info) {
  info->id = st.ColumnInt(0);
  info->document_id = st.ColumnInt(1);
  info->fetched_at = st.ColumnInt(2);
  info->sha256 = st.ColumnText(3);
  info->text_size = st.ColumnInt(4);
  info->raw_size = st.ColumnInt(5);
  info->flags = static_cast<std::uint32_t>(st.ColumnInt(6));
  info->severity = st.ColumnText(7);
}

// The version queries, built once each: the latest version of ?1, or version
// ?2 of ?1. The bodies are read after (LoadBodies).
enum class VersionQuery { kLatest, kById };

const std::string& VersionSql(VersionQuery query) {
  auto build = [](const char* where) {
    return std::string(kVersionInfoColumns) +
           ", v.raw_sha256, v.content_type FROM versions v"
           " LEFT JOIN changes c ON c.to_version = v.id WHERE v.document_id = ?1" + where;
  };
  static const std::string latest = build(" ORDER BY v.id DESC LIMIT 1");
  static const std::string by_id = build(" AND v.id = ?2");
  return query == VersionQuery::kLatest ? latest : by_id;
}

void ReadVersion(const Statement& st, VersionRow* v) {
  ReadVersionInfo(st, &v->info);
  v->raw_sha256 = st.ColumnText(8);
  v->content_type = st.ColumnText(9);
}

// Fills in the text (when `with_text`) and the section tree of `v`, checking
// the text against its recorded SHA-256.
Status ReadVersionBodies(Db* db, bool with_text, VersionRow* v) {
  VersionBodies bodies;
  PW_RETURN_IF_ERROR(LoadBodies(db, v->info.id, kBodyText | kBodyTree, &bodies));
  if (Sha256Hex(bodies.text) != v->info.sha256) {
    return Status::Error(db->path() + ": version " + std::to_string(v->info.id) +
                         ": text does not match its recorded SHA-256");
  }
  if (with_text) v->text = std::move(bodies.text);
  v->sections_json = std::move(bodies.tree);
  return Status::Ok();
}

// The columns of a change (from changes c joined with its to_version's
// versions v), its changeset still compressed (column 5, its size column 8):
// see UnpackChangeset.
const char kChangeColumns[] =
    "SELECT c.id, c.document_id, c.from_version, c.to_version, c.severity, c.changeset_z,"
    " c.created_at, v.flags, c.changeset_size";

void ReadChange(const Statement& st, ChangeRow* c) {
  c->id = st.ColumnInt(0);
  c->document_id = st.ColumnInt(1);
  c->from_version = st.ColumnInt(2);
  c->to_version = st.ColumnInt(3);
  c->severity = st.ColumnText(4);
  c->changeset_json = st.ColumnBlob(5);  // compressed until UnpackChangeset
  c->created_at = st.ColumnInt(6);
  c->to_flags = static_cast<std::uint32_t>(st.ColumnInt(7));
}

// Decompresses the changeset ReadChange left compressed in `c`, of `size` bytes.
Status UnpackChangeset(Db* db, std::int64_t size, ChangeRow* c) {
  std::string json;
  Status s = size < 0 ? Status::Error("negative changeset size")
                      : DecompressEvidence(c->changeset_json, static_cast<std::uint64_t>(size),
                                           &json);
  if (!s.ok()) {
    return Status::Error(db->path() + ": change " + std::to_string(c->id) + ": changeset: " +
                         s.message());
  }
  c->changeset_json = std::move(json);
  return Status::Ok();
}

}  // namespace

Status Store::LatestVersion(std::int64_t document_id, std::optional<VersionRow>* version,
                            bool with_text) {
  version->reset();
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), VersionSql(VersionQuery::kLatest).c_str(),
      [&](Statement* st) { st->BindInt(1, document_id); },
      [&](const Statement& st) { ReadVersion(st, &version->emplace()); }));
  if (!*version) return Status::Ok();
  Status s = ReadVersionBodies(db_.get(), with_text, &**version);
  if (!s.ok()) version->reset();
  return s;
}

Status Store::GetVersion(std::int64_t document_id, std::int64_t version_id, VersionRow* version) {
  bool found = false;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), VersionSql(VersionQuery::kById).c_str(),
      [&](Statement* st) {
        st->BindInt(1, document_id);
        st->BindInt(2, version_id);
      },
      [&](const Statement& st) { ReadVersion(st, version); }, &found));
  if (!found) {
    return Status::Error("no version " + std::to_string(version_id) + " of document " +
                         std::to_string(document_id) + " in " + db_->path());
  }
  return ReadVersionBodies(db_.get(), /*with_text=*/true, version);
}

Status Store::ListVersions(std::int64_t document_id, std::vector<VersionInfo>* versions) {
  static const std::string sql = std::string(kVersionInfoColumns) +
                                 " FROM versions v LEFT JOIN changes c ON c.to_version = v.id"
                                 " WHERE v.document_id = ? ORDER BY v.id";
  versions->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  return CollectRows(st, ReadVersionInfo, versions);
}

Status Store::GetEvidence(std::int64_t version_id, std::string* raw_body) {
  raw_body->clear();
  std::string raw_sha;
  bool found = false;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), "SELECT raw_sha256 FROM versions WHERE id = ?",
      [&](Statement* st) { st->BindInt(1, version_id); },
      [&](const Statement& st) { raw_sha = st.ColumnText(0); }, &found));
  if (!found) {
    return Status::Error("no version " + std::to_string(version_id) + " in " + db_->path());
  }
  VersionBodies bodies;
  PW_RETURN_IF_ERROR(LoadBodies(db_.get(), version_id, kBodyRaw, &bodies));
  if (Sha256Hex(bodies.raw) != raw_sha) {
    return Status::Error(db_->path() + ": version " + std::to_string(version_id) +
                         ": evidence does not match its recorded SHA-256");
  }
  *raw_body = std::move(bodies.raw);
  return Status::Ok();
}

Status Store::GetChange(std::int64_t to_version, std::optional<ChangeRow>* change) {
  change->reset();
  static const std::string sql =
      std::string(kChangeColumns) +
      " FROM changes c JOIN versions v ON v.id = c.to_version WHERE c.to_version = ?";
  std::int64_t size = 0;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), sql.c_str(), [&](Statement* st) { st->BindInt(1, to_version); },
      [&](const Statement& st) {
        ReadChange(st, &change->emplace());
        size = st.ColumnInt(8);
      }));
  if (!*change) return Status::Ok();
  Status s = UnpackChangeset(db_.get(), size, &**change);
  if (!s.ok()) change->reset();
  return s;
}

namespace {

// The query of a filter: only the conditions it sets, so that a document's
// changes are found through changes_by_document; to_version's flags come from
// its versions row, by primary key. One cached statement per shape of filter
// (at most 64). Parameters: ?1 document, ?2 company, ?3 before, ?4 since, ?5
// severity rank, ?6 category, ?7 limit.
std::string ChangeQuery(const ChangeFilter& f) {
  std::string sql = std::string(kChangeColumns) +
                    " FROM changes c JOIN versions v ON v.id = c.to_version";
  if (!f.company_id.empty()) sql += " JOIN documents d ON d.id = c.document_id AND d.company_id = ?2";
  sql += " WHERE c.id < ?3";
  if (f.document_id != 0) sql += " AND c.document_id = ?1";
  if (f.min_severity != Severity::kNone) {
    // The ranks are config/severity.h's Severity values.
    sql += " AND (CASE c.severity WHEN 'material' THEN 3 WHEN 'minor' THEN 2 WHEN 'cosmetic' THEN 1"
           " ELSE 0 END) >= ?5";
  }
  if (f.since != 0) sql += " AND c.created_at >= ?4";
  if (!f.include_technical) sql += " AND (v.flags & 2) = 0";  // kVersionTechnical
  if (!f.category.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM json_each(c.categories) k WHERE k.value = ?6)";
  }
  return sql + " ORDER BY c.id DESC LIMIT ?7";
}

}  // namespace

Status Store::ListChanges(const ChangeFilter& f, std::vector<ChangeRow>* changes) {
  changes->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(ChangeQuery(f).c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, f.document_id);
  st->BindText(2, f.company_id);
  st->BindInt(3, f.before_id > 0 ? f.before_id : INT64_MAX);
  st->BindInt(4, f.since);
  st->BindInt(5, static_cast<int>(f.min_severity));
  st->BindText(6, f.category);
  st->BindInt(7, f.limit);
  std::vector<std::int64_t> sizes;
  PW_RETURN_IF_ERROR(CollectRows(st, [&](const Statement& s, ChangeRow* c) {
    ReadChange(s, c);
    sizes.push_back(s.ColumnInt(8));
  }, changes));
  for (size_t i = 0; i < changes->size(); ++i) {
    Status s = UnpackChangeset(db_.get(), sizes[i], &(*changes)[i]);
    if (!s.ok()) {
      changes->clear();
      return s;
    }
  }
  return Status::Ok();
}

Status Store::LatestChangeSeverities(std::vector<std::pair<std::int64_t, std::string>>* out) {
  out->clear();
  Statement* st;
  // The change that made each document's latest version: one lookup each.
  PW_RETURN_IF_ERROR(db_->Cached(
      "SELECT s.document_id, c.severity FROM document_state s"
      " JOIN changes c ON c.to_version = s.last_version_id ORDER BY s.document_id", &st));
  ScopedReset reset(st);
  return CollectRows(
      st, [](const Statement& s, std::pair<std::int64_t, std::string>* row) {
        *row = {s.ColumnInt(0), s.ColumnText(1)};
      }, out);
}

}  // namespace pw::store
