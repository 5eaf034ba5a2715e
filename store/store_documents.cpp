// class Store: companies and documents (see store.cpp for the rest).
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "store/internal/rows.h"
#include "store/store.h"

namespace pw::store {
namespace {

const char kDocumentColumns[] =
    "SELECT d.id, d.company_id, c.name, d.type, d.url,"
    " (d.archived_at IS NOT NULL OR c.archived_at IS NOT NULL),"
    " s.next_check_at, s.last_check_at, s.last_change_at, s.consecutive_failures, s.etag,"
    " s.last_modified, s.last_raw_sha256, s.last_version_id, s.unreachable"
    " FROM documents d JOIN companies c ON c.id = d.company_id"
    " LEFT JOIN document_state s ON s.document_id = d.id ";

void ReadDocument(const Statement& st, DocumentRow* row) {
  row->id = st.ColumnInt(0);
  row->company_id = st.ColumnText(1);
  row->company_name = st.ColumnText(2);
  row->type = st.ColumnText(3);
  row->url = st.ColumnText(4);
  row->archived = st.ColumnInt(5) != 0;
  DocumentState& s = row->state;
  s.next_check_at = st.ColumnInt(6);
  s.last_check_at = st.ColumnInt(7);
  s.last_change_at = st.ColumnInt(8);
  s.consecutive_failures = static_cast<int>(st.ColumnInt(9));
  s.etag = st.ColumnText(10);
  s.last_modified = st.ColumnText(11);
  s.last_raw_sha256 = st.ColumnText(12);
  s.last_version_id = st.ColumnInt(13);
  s.unreachable = st.ColumnInt(14) != 0;
}

// --- SyncConfig's steps ------------------------------------------------------------

// Adds the company, or updates its name and un-archives it.
Status UpsertCompany(Db* db, const config::Company& company) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO companies (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE"
      " SET name = excluded.name, archived_at = NULL"
      " WHERE name IS NOT excluded.name OR archived_at IS NOT NULL",  // unchanged: no write
      &st));
  ScopedReset reset(st);
  st->BindText(1, company.id);
  st->BindText(2, company.name);
  return st->Run();
}

// The stored document `type` of `company_id`: *id (0 when none) and whether
// its URL differs from `url`.
Status FindDocument(Db* db, const std::string& company_id, const config::Document& doc,
                    std::int64_t* id, bool* url_changed) {
  Statement* find;
  PW_RETURN_IF_ERROR(
      db->Cached("SELECT id, url FROM documents WHERE company_id = ? AND type = ?", &find));
  ScopedReset reset_find(find);
  find->BindText(1, company_id);
  find->BindText(2, doc.type);
  bool row = false;
  PW_RETURN_IF_ERROR(find->Step(&row));
  *id = row ? find->ColumnInt(0) : 0;
  *url_changed = row && find->ColumnText(1) != doc.url;
  return Status::Ok();
}

// Inserts the document when *id is 0 (setting *id), else updates its URL and
// un-archives it.
Status WriteDocument(Db* db, const std::string& company_id, const config::Document& doc,
                     std::int64_t* id) {
  Statement* write;
  if (*id == 0) {
    PW_RETURN_IF_ERROR(db->Cached(
        "INSERT INTO documents (company_id, type, url) VALUES (?, ?, ?)", &write));
    ScopedReset reset_write(write);
    write->BindText(1, company_id);
    write->BindText(2, doc.type);
    write->BindText(3, doc.url);
    PW_RETURN_IF_ERROR(write->Run());
    *id = db->LastInsertRowid();
    return Status::Ok();
  }
  PW_RETURN_IF_ERROR(db->Cached(
      "UPDATE documents SET url = ?1, archived_at = NULL"
      " WHERE id = ?2 AND (url IS NOT ?1 OR archived_at IS NOT NULL)",  // unchanged: no write
      &write));
  ScopedReset reset_write(write);
  write->BindText(1, doc.url);
  write->BindInt(2, *id);
  return write->Run();
}

// Gives a new document its state (due at `now`); after a URL change, drops the
// validators and the raw hash, which belong to the old URL, and makes it due.
Status PrepareDocumentState(Db* db, std::int64_t id, bool url_changed, std::int64_t now) {
  Statement* state;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT OR IGNORE INTO document_state (document_id, next_check_at) VALUES (?, ?)",
      &state));
  ScopedReset reset_state(state);
  state->BindInt(1, id);
  state->BindInt(2, now);
  PW_RETURN_IF_ERROR(state->Run());
  if (!url_changed) return Status::Ok();
  Statement* clear;
  PW_RETURN_IF_ERROR(db->Cached(
      "UPDATE document_state SET etag = NULL, last_modified = NULL,"
      " last_raw_sha256 = NULL, next_check_at = ? WHERE document_id = ?",
      &clear));
  ScopedReset reset_clear(clear);
  clear->BindInt(1, now);
  clear->BindInt(2, id);
  return clear->Run();
}

// Adds or updates one configured document; *id receives its id.
Status UpsertDocument(Db* db, const std::string& company_id, const config::Document& doc,
                      std::int64_t now, std::int64_t* id) {
  bool url_changed = false;
  PW_RETURN_IF_ERROR(FindDocument(db, company_id, doc, id, &url_changed));
  PW_RETURN_IF_ERROR(WriteDocument(db, company_id, doc, id));
  return PrepareDocumentState(db, *id, url_changed, now);
}

// The ids of the rows of `sql` (ids of unarchived rows) not in `kept`.
template <typename Id>
Status CollectGone(Db* db, const char* sql, const std::set<Id>& kept, std::vector<Id>* gone) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(sql, &st));
  ScopedReset reset(st);
  bool row = false;
  while (true) {
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    Id id;
    if constexpr (std::is_same_v<Id, std::string>) {
      id = st->ColumnText(0);
    } else {
      id = st->ColumnInt(0);
    }
    if (!kept.count(id)) gone->push_back(id);
  }
}

// Runs `sql` (archived_at = ?1 for row ?2) for each of `ids`.
template <typename Id>
Status ArchiveEach(Db* db, const char* sql, const std::vector<Id>& ids, std::int64_t now) {
  for (const Id& id : ids) {
    Statement* st;
    PW_RETURN_IF_ERROR(db->Cached(sql, &st));
    ScopedReset reset(st);
    st->BindInt(1, now);
    if constexpr (std::is_same_v<Id, std::string>) {
      st->BindText(2, id);
    } else {
      st->BindInt(2, id);
    }
    PW_RETURN_IF_ERROR(st->Run());
  }
  return Status::Ok();
}

// Archives the companies and documents that are not in `companies` / `documents`.
Status ArchiveGone(Db* db, const std::set<std::string>& companies,
                   const std::set<std::int64_t>& documents, std::int64_t now) {
  std::vector<std::string> gone_companies;
  std::vector<std::int64_t> gone_documents;
  PW_RETURN_IF_ERROR(CollectGone(db, "SELECT id FROM companies WHERE archived_at IS NULL",
                                 companies, &gone_companies));
  PW_RETURN_IF_ERROR(CollectGone(db, "SELECT id FROM documents WHERE archived_at IS NULL",
                                 documents, &gone_documents));
  PW_RETURN_IF_ERROR(ArchiveEach(db, "UPDATE companies SET archived_at = ? WHERE id = ?",
                                 gone_companies, now));
  return ArchiveEach(db, "UPDATE documents SET archived_at = ? WHERE id = ?", gone_documents,
                     now);
}

}  // namespace

Status Store::SyncConfig(const config::Config& config, std::int64_t now) {
  PW_RETURN_IF_ERROR(RequireWritable("syncing the configuration"));
  PW_RETURN_IF_ERROR(UseFsync(true));
  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());
  std::set<std::string> companies;
  std::set<std::int64_t> documents;
  for (const config::Company& company : config.companies) {
    companies.insert(company.id);
    PW_RETURN_IF_ERROR(UpsertCompany(db_.get(), company));
    for (const config::Document& doc : company.documents) {
      std::int64_t id = 0;
      PW_RETURN_IF_ERROR(UpsertDocument(db_.get(), company.id, doc, now, &id));
      documents.insert(id);
    }
  }
  // Archive what the config no longer names.
  PW_RETURN_IF_ERROR(ArchiveGone(db_.get(), companies, documents, now));
  return txn.Commit();
}

// --- Reads ---------------------------------------------------------------------------

Status Store::GetDocument(const std::string& company_id, const std::string& type,
                          DocumentRow* out) {
  static const std::string sql =
      std::string(kDocumentColumns) + "WHERE d.company_id = ? AND d.type = ?";
  bool found = false;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), sql.c_str(),
      [&](Statement* st) {
        st->BindText(1, company_id);
        st->BindText(2, type);
      },
      [&](const Statement& st) { ReadDocument(st, out); }, &found));
  if (!found) {
    return Status::Error("no document '" + company_id + "/" + type + "' in " + db_->path());
  }
  return Status::Ok();
}

Status Store::GetDocumentById(std::int64_t document_id, DocumentRow* out) {
  static const std::string sql = std::string(kDocumentColumns) + "WHERE d.id = ?";
  bool found = false;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db_.get(), sql.c_str(), [&](Statement* st) { st->BindInt(1, document_id); },
      [&](const Statement& st) { ReadDocument(st, out); }, &found));
  if (!found) {
    return Status::Error("no document with id " + std::to_string(document_id) + " in " +
                         db_->path());
  }
  return Status::Ok();
}

Status Store::ListDocuments(bool include_archived, std::vector<DocumentRow>* rows) {
  static const std::string all = std::string(kDocumentColumns) + "ORDER BY d.company_id, d.type";
  static const std::string active =
      std::string(kDocumentColumns) +
      "WHERE d.archived_at IS NULL AND c.archived_at IS NULL ORDER BY d.company_id, d.type";
  rows->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(include_archived ? all.c_str() : active.c_str(), &st));
  ScopedReset reset(st);
  return CollectRows(st, ReadDocument, rows);
}

}  // namespace pw::store
