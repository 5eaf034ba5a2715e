#include "store/store.h"

#include <set>
#include <string>
#include <utility>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/schema.h"

namespace pw::store {
namespace {

#define PW_RETURN_IF_ERROR(expr)   \
  do {                             \
    ::pw::Status _s = (expr);      \
    if (!_s.ok()) return _s;       \
  } while (0)

// Steps `st` to its end, appending one row per result, filled by `read`.
template <typename Row, typename Read>
Status CollectRows(Statement* st, Read read, std::vector<Row>* rows) {
  while (true) {
    bool row = false;
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    rows->emplace_back();
    read(*st, &rows->back());
  }
}

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

const char kVersionInfoColumns[] =
    "SELECT v.id, v.document_id, v.fetched_at, v.sha256, length(CAST(v.text AS BLOB)),"
    " v.raw_size, v.flags, c.severity";

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

const char kOutboxColumns[] =
    "SELECT id, delivery_id, channel, event_type, document_id, payload_json, created_at,"
    " next_attempt_at, attempts, last_error, state, delivered_at FROM outbox ";

void ReadOutbox(const Statement& st, OutboxRow* row) {
  row->id = st.ColumnInt(0);
  row->delivery_id = st.ColumnText(1);
  row->channel = st.ColumnText(2);
  row->event_type = st.ColumnText(3);
  row->document_id = st.ColumnInt(4);
  row->payload_json = st.ColumnText(5);
  row->created_at = st.ColumnInt(6);
  row->next_attempt_at = st.ColumnInt(7);
  row->attempts = static_cast<int>(st.ColumnInt(8));
  row->last_error = st.ColumnText(9);
  std::string state = st.ColumnText(10);
  row->state = state == "delivered" ? DeliveryState::kDelivered
               : state == "failed"  ? DeliveryState::kFailed
                                    : DeliveryState::kPending;
  row->delivered_at = st.ColumnInt(11);
}

// The latest version of a document: id and text hash (id 0 when none).
Status ReadLatest(Db* db, std::int64_t document_id, std::int64_t* id, std::string* sha256) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "SELECT id, sha256 FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1", &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  *id = row ? st->ColumnInt(0) : 0;
  *sha256 = row ? st->ColumnText(1) : std::string();
  return Status::Ok();
}

}  // namespace

const char* AttemptOutcomeName(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::kUnchanged: return "unchanged";
    case AttemptOutcome::kNew: return "new";
    case AttemptOutcome::kChanged: return "changed";
    case AttemptOutcome::kNotModified: return "not_modified";
    case AttemptOutcome::kFailed: return "failed";
  }
  return "failed";
}

const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending: return "pending";
    case DeliveryState::kDelivered: return "delivered";
    case DeliveryState::kFailed: return "failed";
  }
  return "pending";
}

// --- Opening ---------------------------------------------------------------------

Status Store::Open(const std::string& path, const StoreOptions& options,
                   std::unique_ptr<Store>* store) {
  store->reset();
  DbOptions db_options;
  db_options.read_only = options.read_only;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  db_options.synchronous_full = options.synchronous_full;
  std::unique_ptr<Db> db;
  PW_RETURN_IF_ERROR(Db::Open(path, db_options, &db));
  if (options.read_only) {
    PW_RETURN_IF_ERROR(CheckSchemaVersion(db.get()));
  } else {
    PW_RETURN_IF_ERROR(MigrateTo(db.get(), CurrentSchemaVersion()));
  }
  store->reset(new Store(std::move(db)));
  (*store)->synchronous_full_ = options.synchronous_full;
  (*store)->fsync_now_ = options.synchronous_full;
  (*store)->group_checks_ = options.group_checks && !options.read_only;
  return Status::Ok();
}

Store::~Store() {
  Status s = CommitGroup();
  (void)s;  // nothing to tell at this point; the checks are at worst made again
}

Status Store::CommitChecks(std::vector<std::uint64_t>* lost_groups) {
  Status s = CommitGroup();
  if (s.ok()) s = lost_group_;  // a group lost by a commit made on another write's behalf
  lost_group_ = Status::Ok();
  if (lost_groups) *lost_groups = lost_groups_;
  lost_groups_.clear();
  return s;
}

void Store::SetBusyTimeout(std::chrono::milliseconds timeout) {
  sqlite3_busy_timeout(db_->handle(), static_cast<int>(timeout.count()));
}

Status Store::CommitGroup() {
  if (!group_open_) return Status::Ok();
  group_open_ = false;
  Status s;
  if (sqlite3_get_autocommit(db_->handle()) != 0) {
    // SQLite rolled the group back itself after an I/O or full-disk error.
    s = Status::Error(db_->path() + ": the checks recorded since the last commit were "
                      "rolled back after an error; their documents are checked again");
  } else {
    s = db_->ExecCached("COMMIT");
    if (!s.ok()) db_->ExecCached("ROLLBACK");
  }
  if (!s.ok()) {  // until CommitChecks tells its caller
    lost_group_ = s;
    lost_groups_.push_back(group_serial_);
  }
  return s;
}

std::optional<std::chrono::steady_clock::duration> Store::ChecksWaiting() const {
  if (!group_open_) return std::nullopt;
  return std::chrono::steady_clock::now() - group_started_;
}

Status Store::OpenGroup(bool durable) {
  // A group that SQLite rolled back after an error is gone (CommitGroup notes
  // it for CommitChecks): start another.
  if (group_open_ && sqlite3_get_autocommit(db_->handle()) != 0) (void)CommitGroup();
  // A check that must be fsync'ed does not wait in a group that will not be.
  if (group_open_ && durable && synchronous_full_ && !group_fsync_) {
    PW_RETURN_IF_ERROR(CommitGroup());
  }
  if (group_open_) return Status::Ok();
  PW_RETURN_IF_ERROR(UseFsync(durable));
  PW_RETURN_IF_ERROR(db_->ExecCached("BEGIN IMMEDIATE"));
  group_open_ = true;
  ++group_serial_;
  group_fsync_ = fsync_now_;
  group_started_ = std::chrono::steady_clock::now();
  return Status::Ok();
}

Status Store::UseFsync(bool fsync) {
  PW_RETURN_IF_ERROR(CommitGroup());
  fsync = fsync && synchronous_full_;
  if (fsync == fsync_now_) return Status::Ok();
  PW_RETURN_IF_ERROR(
      db_->ExecCached(fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
  fsync_now_ = fsync;
  return Status::Ok();
}

Status Store::RequireWritable(const char* what) const {
  if (db_->read_only()) {
    return Status::Error(db_->path() + ": " + what + ": the store was opened read-only");
  }
  return Status::Ok();
}

// --- Companies and documents ------------------------------------------------------

Status Store::SyncConfig(const config::Config& config, std::int64_t now) {
  PW_RETURN_IF_ERROR(RequireWritable("syncing the configuration"));
  PW_RETURN_IF_ERROR(UseFsync(true));
  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());
  std::set<std::string> companies;
  std::set<std::int64_t> documents;
  for (const config::Company& company : config.companies) {
    companies.insert(company.id);
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(
        "INSERT INTO companies (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE"
        " SET name = excluded.name, archived_at = NULL"
        " WHERE name IS NOT excluded.name OR archived_at IS NOT NULL",  // unchanged: no write
        &st));
    ScopedReset reset(st);
    st->BindText(1, company.id);
    st->BindText(2, company.name);
    PW_RETURN_IF_ERROR(st->Run());

    for (const config::Document& doc : company.documents) {
      Statement* find;
      PW_RETURN_IF_ERROR(
          db_->Cached("SELECT id, url FROM documents WHERE company_id = ? AND type = ?", &find));
      ScopedReset reset_find(find);
      find->BindText(1, company.id);
      find->BindText(2, doc.type);
      bool row = false;
      PW_RETURN_IF_ERROR(find->Step(&row));
      std::int64_t id = row ? find->ColumnInt(0) : 0;
      bool url_changed = row && find->ColumnText(1) != doc.url;
      find->Reset();

      Statement* write;
      if (id == 0) {
        PW_RETURN_IF_ERROR(db_->Cached(
            "INSERT INTO documents (company_id, type, url) VALUES (?, ?, ?)", &write));
        ScopedReset reset_write(write);
        write->BindText(1, company.id);
        write->BindText(2, doc.type);
        write->BindText(3, doc.url);
        PW_RETURN_IF_ERROR(write->Run());
        id = db_->LastInsertRowid();
      } else {
        PW_RETURN_IF_ERROR(db_->Cached(
            "UPDATE documents SET url = ?1, archived_at = NULL"
            " WHERE id = ?2 AND (url IS NOT ?1 OR archived_at IS NOT NULL)",  // unchanged: no write
            &write));
        ScopedReset reset_write(write);
        write->BindText(1, doc.url);
        write->BindInt(2, id);
        PW_RETURN_IF_ERROR(write->Run());
      }
      documents.insert(id);

      Statement* state;
      PW_RETURN_IF_ERROR(db_->Cached(
          "INSERT OR IGNORE INTO document_state (document_id, next_check_at) VALUES (?, ?)",
          &state));
      ScopedReset reset_state(state);
      state->BindInt(1, id);
      state->BindInt(2, now);
      PW_RETURN_IF_ERROR(state->Run());
      if (url_changed) {
        // Validators and the raw hash belong to the old URL.
        Statement* clear;
        PW_RETURN_IF_ERROR(db_->Cached(
            "UPDATE document_state SET etag = NULL, last_modified = NULL,"
            " last_raw_sha256 = NULL, next_check_at = ? WHERE document_id = ?",
            &clear));
        ScopedReset reset_clear(clear);
        clear->BindInt(1, now);
        clear->BindInt(2, id);
        PW_RETURN_IF_ERROR(clear->Run());
      }
    }
  }

  // Archive what the config no longer names.
  std::vector<std::string> gone_companies;
  std::vector<std::int64_t> gone_documents;
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached("SELECT id FROM companies WHERE archived_at IS NULL", &st));
    ScopedReset reset(st);
    bool row = false;
    while (true) {
      PW_RETURN_IF_ERROR(st->Step(&row));
      if (!row) break;
      std::string id = st->ColumnText(0);
      if (!companies.count(id)) gone_companies.push_back(id);
    }
  }
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached("SELECT id FROM documents WHERE archived_at IS NULL", &st));
    ScopedReset reset(st);
    bool row = false;
    while (true) {
      PW_RETURN_IF_ERROR(st->Step(&row));
      if (!row) break;
      std::int64_t id = st->ColumnInt(0);
      if (!documents.count(id)) gone_documents.push_back(id);
    }
  }
  for (const std::string& id : gone_companies) {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached("UPDATE companies SET archived_at = ? WHERE id = ?", &st));
    ScopedReset reset(st);
    st->BindInt(1, now);
    st->BindText(2, id);
    PW_RETURN_IF_ERROR(st->Run());
  }
  for (std::int64_t id : gone_documents) {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached("UPDATE documents SET archived_at = ? WHERE id = ?", &st));
    ScopedReset reset(st);
    st->BindInt(1, now);
    st->BindInt(2, id);
    PW_RETURN_IF_ERROR(st->Run());
  }
  return txn.Commit();
}

Status Store::GetDocument(const std::string& company_id, const std::string& type,
                          DocumentRow* out) {
  static const std::string sql =
      std::string(kDocumentColumns) + "WHERE d.company_id = ? AND d.type = ?";
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindText(1, company_id);
  st->BindText(2, type);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (!row) {
    return Status::Error("no document '" + company_id + "/" + type + "' in " + db_->path());
  }
  ReadDocument(*st, out);
  return Status::Ok();
}

Status Store::GetDocumentById(std::int64_t document_id, DocumentRow* out) {
  static const std::string sql = std::string(kDocumentColumns) + "WHERE d.id = ?";
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (!row) {
    return Status::Error("no document with id " + std::to_string(document_id) + " in " +
                         db_->path());
  }
  ReadDocument(*st, out);
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

// --- Versions --------------------------------------------------------------------------

namespace {

// The version queries, built once each: the latest version of ?1 (with its
// text or, for a diff baseline, an empty one in its place, so that the columns
// keep their numbers) or version ?2 of ?1.
enum class VersionQuery { kLatest, kLatestWithoutText, kById };

const std::string& VersionSql(VersionQuery query) {
  auto build = [](const char* text, const char* where) {
    return std::string(kVersionInfoColumns) + ", " + text +
           ", v.sections_json, v.raw_sha256, v.content_type FROM versions v"
           " LEFT JOIN changes c ON c.to_version = v.id WHERE v.document_id = ?1" + where;
  };
  static const std::string latest = build("v.text", " ORDER BY v.id DESC LIMIT 1");
  static const std::string latest_no_text = build("'' AS text", " ORDER BY v.id DESC LIMIT 1");
  static const std::string by_id = build("v.text", " AND v.id = ?2");
  switch (query) {
    case VersionQuery::kLatest: return latest;
    case VersionQuery::kLatestWithoutText: return latest_no_text;
    case VersionQuery::kById: break;
  }
  return by_id;
}

void ReadVersion(const Statement& st, VersionRow* v) {
  ReadVersionInfo(st, &v->info);
  v->text = st.ColumnText(8);
  v->sections_json = st.ColumnText(9);
  v->raw_sha256 = st.ColumnText(10);
  v->content_type = st.ColumnText(11);
}

}  // namespace

Status Store::LatestVersion(std::int64_t document_id, std::optional<VersionRow>* version,
                            bool with_text) {
  version->reset();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(VersionSql(with_text ? VersionQuery::kLatest : VersionQuery::kLatestWithoutText).c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (row) {
    version->emplace();
    ReadVersion(*st, &**version);
  }
  return Status::Ok();
}

Status Store::GetVersion(std::int64_t document_id, std::int64_t version_id, VersionRow* version) {
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(VersionSql(VersionQuery::kById).c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  st->BindInt(2, version_id);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (!row) {
    return Status::Error("no version " + std::to_string(version_id) + " of document " +
                         std::to_string(document_id) + " in " + db_->path());
  }
  ReadVersion(*st, version);
  return Status::Ok();
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
  Statement* st;
  PW_RETURN_IF_ERROR(
      db_->Cached("SELECT raw_zstd, raw_size, raw_sha256 FROM versions WHERE id = ?", &st));
  ScopedReset reset(st);
  st->BindInt(1, version_id);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (!row) {
    return Status::Error("no version " + std::to_string(version_id) + " in " + db_->path());
  }
  std::string where = db_->path() + ": version " + std::to_string(version_id) + ": ";
  std::int64_t size = st->ColumnInt(1);
  if (size < 0) return Status::Error(where + "negative raw size");
  Status s = DecompressEvidence(st->ColumnBlob(0), static_cast<std::uint64_t>(size), raw_body);
  if (!s.ok()) return Status::Error(where + s.message());
  if (Sha256Hex(*raw_body) != st->ColumnText(2)) {
    raw_body->clear();
    return Status::Error(where + "evidence does not match its recorded SHA-256");
  }
  return Status::Ok();
}

Status Store::GetChange(std::int64_t to_version, std::optional<ChangeRow>* change) {
  change->reset();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(
      "SELECT id, document_id, from_version, to_version, severity, changeset_json, created_at"
      " FROM changes WHERE to_version = ?",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, to_version);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (row) {
    ChangeRow c;
    c.id = st->ColumnInt(0);
    c.document_id = st->ColumnInt(1);
    c.from_version = st->ColumnInt(2);
    c.to_version = st->ColumnInt(3);
    c.severity = st->ColumnText(4);
    c.changeset_json = st->ColumnText(5);
    c.created_at = st->ColumnInt(6);
    *change = std::move(c);
  }
  return Status::Ok();
}

// --- One check ------------------------------------------------------------------------

Status Store::RecordCheck(const CheckRecord& rec, CheckOutcome* out) {
  *out = CheckOutcome();
  PW_RETURN_IF_ERROR(RequireWritable("recording a check"));
  const std::string doc_name = "document " + std::to_string(rec.document_id);

  // Hash (and, when the text probably changed, compress) before taking the
  // write lock, so that the lock is held for the writes only.
  std::string text_sha;
  std::string compressed;
  bool have_compressed = false;
  const bool extracted = !rec.failed && !rec.not_modified && rec.version.has_value();
  if (extracted) {
    text_sha = rec.version->text_sha256.empty() ? Sha256Hex(rec.version->text)
                                                : rec.version->text_sha256;
    std::int64_t peek_id = 0;
    std::string peek_sha;
    PW_RETURN_IF_ERROR(ReadLatest(db_.get(), rec.document_id, &peek_id, &peek_sha));
    if (peek_sha != text_sha) {
      PW_RETURN_IF_ERROR(
          CompressEvidence(rec.version->raw_body, kEvidenceLevel, &compressed));
      have_compressed = true;
    }
  }

  // Only work that must survive a power cut pays for an fsync.
  const bool durable = have_compressed || !rec.deliveries.empty() || rec.make_deliveries ||
                       (rec.change && !rec.change->deliveries.empty());
  if (group_checks_) {
    PW_RETURN_IF_ERROR(OpenGroup(durable));
  } else {
    PW_RETURN_IF_ERROR(UseFsync(durable));
  }

  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());

  // Current state (and existence of the document).
  DocumentState state;
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(
        "SELECT d.id, s.consecutive_failures, s.etag, s.last_modified, s.last_raw_sha256,"
        " s.unreachable, s.last_change_at, s.last_version_id FROM documents d"
        " LEFT JOIN document_state s ON s.document_id = d.id WHERE d.id = ?",
        &st));
    ScopedReset reset(st);
    st->BindInt(1, rec.document_id);
    bool row = false;
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Error("recording a check: no " + doc_name + " in " + db_->path());
    state.consecutive_failures = static_cast<int>(st->ColumnInt(1));
    state.etag = st->ColumnText(2);
    state.last_modified = st->ColumnText(3);
    state.last_raw_sha256 = st->ColumnText(4);
    state.unreachable = st->ColumnInt(5) != 0;
    state.last_change_at = st->ColumnInt(6);
    state.last_version_id = st->ColumnInt(7);
  }

  // The latest version: its hash decides "changed" when text was extracted;
  // otherwise its id is all that is needed, and the state keeps it
  // (last_version_id is written by every RecordCheck, the only writer of versions).
  std::int64_t latest_id = state.last_version_id;
  std::string latest_sha;
  if (extracted) PW_RETURN_IF_ERROR(ReadLatest(db_.get(), rec.document_id, &latest_id, &latest_sha));
  out->previous_version_id = latest_id;
  out->version_id = latest_id;
  if (rec.expected_state) {
    const DocumentState& e = *rec.expected_state;
    if (e.consecutive_failures != state.consecutive_failures ||
        e.unreachable != state.unreachable || e.last_raw_sha256 != state.last_raw_sha256 ||
        e.last_version_id != state.last_version_id) {
      out->conflict = true;
      return Status::Error("recording a check of " + doc_name +
                           ": its state changed since it was read before the fetch (another "
                           "check was recorded); re-read it and check again");
    }
  }

  if (rec.failed) {
    out->outcome = AttemptOutcome::kFailed;
  } else if (rec.not_modified) {
    out->outcome = AttemptOutcome::kNotModified;
  } else if (extracted) {
    if (latest_id != rec.expected_latest_version_id) {
      out->conflict = true;
      return Status::Error("recording a check of " + doc_name + ": its latest version is " +
                           std::to_string(latest_id) + ", not " +
                           std::to_string(rec.expected_latest_version_id) +
                           " as read before diffing; re-read it and check again");
    }
    if (latest_id != 0 && latest_sha == text_sha) {
      out->outcome = AttemptOutcome::kUnchanged;
    } else {
      out->outcome = latest_id == 0 ? AttemptOutcome::kNew : AttemptOutcome::kChanged;
      out->version_created = true;
    }
  } else {
    out->outcome = AttemptOutcome::kUnchanged;  // raw body unchanged, not extracted
  }

  // The attempt.
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(
        "INSERT INTO attempts (document_id, started_at, duration_ms, outcome, http_status,"
        " bytes, error_kind, error_message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        &st));
    ScopedReset reset(st);
    st->BindInt(1, rec.document_id);
    st->BindInt(2, rec.started_at);
    st->BindInt(3, rec.duration_ms);
    st->BindInt(4, static_cast<int>(out->outcome));
    if (rec.http_status != 0) st->BindInt(5, rec.http_status);
    if (rec.bytes != 0) st->BindInt(6, rec.bytes);
    st->BindTextOrNull(7, rec.error_kind);
    st->BindTextOrNull(8, rec.error_message);
    PW_RETURN_IF_ERROR(st->Run());
    out->attempt_id = db_->LastInsertRowid();
  }

  // The version, its change and the change's notifications.
  if (out->version_created) {
    const NewVersion& v = *rec.version;
    if (!have_compressed) {  // the latest moved since the peek
      PW_RETURN_IF_ERROR(CompressEvidence(v.raw_body, kEvidenceLevel, &compressed));
    }
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(
        "INSERT INTO versions (document_id, fetched_at, sha256, text, sections_json,"
        " raw_sha256, raw_zstd, raw_size, content_type, flags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &st));
    ScopedReset reset(st);
    st->BindInt(1, rec.document_id);
    st->BindInt(2, rec.started_at);
    st->BindText(3, text_sha);
    st->BindText(4, v.text);
    st->BindText(5, v.sections_json);
    st->BindText(6, v.raw_sha256.empty() ? Sha256Hex(v.raw_body) : v.raw_sha256);
    st->BindBlob(7, compressed);
    st->BindInt(8, static_cast<std::int64_t>(v.raw_body.size()));
    st->BindText(9, v.content_type);
    st->BindInt(10, v.flags);
    PW_RETURN_IF_ERROR(st->Run());
    out->version_id = db_->LastInsertRowid();

    if (rec.change) {
      Statement* ch;
      PW_RETURN_IF_ERROR(db_->Cached(
          "INSERT INTO changes (document_id, from_version, to_version, severity,"
          " changeset_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
          &ch));
      ScopedReset reset_ch(ch);
      ch->BindInt(1, rec.document_id);
      if (latest_id != 0) ch->BindInt(2, latest_id);
      ch->BindInt(3, out->version_id);
      ch->BindText(4, rec.change->severity);
      ch->BindText(5, rec.change->changeset_json);
      ch->BindInt(6, rec.started_at);
      PW_RETURN_IF_ERROR(ch->Run());
      for (const Delivery& d : rec.change->deliveries) {
        PW_RETURN_IF_ERROR(InsertDelivery(d, rec.document_id, rec.started_at));
      }
    }
    if (rec.make_deliveries) {
      for (const Delivery& d : rec.make_deliveries(out->version_id)) {
        PW_RETURN_IF_ERROR(InsertDelivery(d, rec.document_id, rec.started_at));
      }
    }
  }
  for (const Delivery& d : rec.deliveries) {
    PW_RETURN_IF_ERROR(InsertDelivery(d, rec.document_id, rec.started_at));
  }

  // The state.
  if (rec.failed) {
    state.consecutive_failures += 1;
  } else {
    state.consecutive_failures = 0;
    if (!rec.not_modified || !rec.etag.empty()) state.etag = rec.etag;
    if (!rec.not_modified || !rec.last_modified.empty()) state.last_modified = rec.last_modified;
    if (!rec.raw_sha256.empty()) state.last_raw_sha256 = rec.raw_sha256;
  }
  if (out->version_created) state.last_change_at = rec.started_at;
  if (rec.unreachable) state.unreachable = *rec.unreachable;
  out->consecutive_failures = state.consecutive_failures;
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(
        "INSERT INTO document_state (document_id, next_check_at, last_check_at, last_change_at,"
        " consecutive_failures, etag, last_modified, last_raw_sha256, last_version_id,"
        " unreachable) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        " ON CONFLICT (document_id) DO UPDATE SET next_check_at = ?2, last_check_at = ?3,"
        " last_change_at = ?4, consecutive_failures = ?5, etag = ?6, last_modified = ?7,"
        " last_raw_sha256 = ?8, last_version_id = ?9, unreachable = ?10",
        &st));
    ScopedReset reset(st);
    st->BindInt(1, rec.document_id);
    st->BindInt(2, rec.next_check_at);
    st->BindInt(3, rec.started_at);
    if (state.last_change_at != 0) st->BindInt(4, state.last_change_at);
    st->BindInt(5, state.consecutive_failures);
    st->BindTextOrNull(6, state.etag);
    st->BindTextOrNull(7, state.last_modified);
    st->BindTextOrNull(8, state.last_raw_sha256);
    if (out->version_id != 0) st->BindInt(9, out->version_id);
    st->BindInt(10, state.unreachable ? 1 : 0);
    PW_RETURN_IF_ERROR(st->Run());
  }
  return txn.Commit();
}

// --- Outbox ------------------------------------------------------------------------------

Status Store::InsertDelivery(const Delivery& d, std::int64_t document_id, std::int64_t now) {
  if (d.delivery_id.empty() || d.channel.empty() || d.event_type.empty()) {
    return Status::Error("enqueuing a delivery: delivery_id, channel and event_type are "
                         "required (got id '" + d.delivery_id + "', channel '" + d.channel +
                         "', event '" + d.event_type + "')");
  }
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(
      "INSERT INTO outbox (delivery_id, channel, event_type, document_id, payload_json,"
      " created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      &st));
  ScopedReset reset(st);
  st->BindText(1, d.delivery_id);
  st->BindText(2, d.channel);
  st->BindText(3, d.event_type);
  if (document_id != 0) st->BindInt(4, document_id);
  st->BindText(5, d.payload_json);
  st->BindInt(6, now);
  st->BindInt(7, d.next_attempt_at != 0 ? d.next_attempt_at : now);
  Status s = st->Run();
  if (!s.ok()) {
    return Status::Error("enqueuing delivery '" + d.delivery_id + "' to channel '" + d.channel +
                         "': " + s.message());
  }
  return Status::Ok();
}

Status Store::Enqueue(const Delivery& delivery, std::int64_t document_id, std::int64_t now,
                      std::int64_t* id) {
  PW_RETURN_IF_ERROR(RequireWritable("enqueuing a delivery"));
  PW_RETURN_IF_ERROR(UseFsync(true));
  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());
  PW_RETURN_IF_ERROR(InsertDelivery(delivery, document_id, now));
  if (id != nullptr) *id = db_->LastInsertRowid();
  return txn.Commit();
}

Status Store::DueDeliveries(std::int64_t now, int limit, std::vector<OutboxRow>* rows) {
  static const std::string sql =
      std::string(kOutboxColumns) +
      "WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?";
  rows->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, now);
  st->BindInt(2, limit);
  return CollectRows(st, ReadOutbox, rows);
}

Status Store::DueDeliveries(const std::string& channel, std::int64_t now, int limit,
                            std::vector<OutboxRow>* rows) {
  static const std::string sql =
      std::string(kOutboxColumns) +
      "WHERE state = 'pending' AND next_attempt_at <= ? AND channel = ?"
      " ORDER BY next_attempt_at, id LIMIT ?";
  rows->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, now);
  st->BindText(2, channel);
  st->BindInt(3, limit);
  return CollectRows(st, ReadOutbox, rows);
}

Status Store::ListPendingOrFailed(int limit, std::vector<OutboxRow>* rows) {
  static const std::string sql =
      std::string(kOutboxColumns) + "WHERE state != 'delivered' ORDER BY id DESC LIMIT ?";
  rows->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(sql.c_str(), &st));
  ScopedReset reset(st);
  st->BindInt(1, limit);
  return CollectRows(st, ReadOutbox, rows);
}

Status Store::NextDeliveryAt(std::int64_t* at) {
  *at = 0;
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(
      "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'", &st));
  ScopedReset reset(st);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (row) *at = st->ColumnInt(0);
  return Status::Ok();
}

Status Store::NextDeliveryAt(const std::string& channel, std::int64_t* at) {
  *at = 0;
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(
      "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending' AND channel = ?", &st));
  ScopedReset reset(st);
  st->BindText(1, channel);
  bool row = false;
  PW_RETURN_IF_ERROR(st->Step(&row));
  if (row) *at = st->ColumnInt(0);
  return Status::Ok();
}

Status Store::PendingChannels(std::vector<std::string>* channels) {
  channels->clear();
  Statement* st;
  PW_RETURN_IF_ERROR(db_->Cached(
      "SELECT DISTINCT channel FROM outbox WHERE state = 'pending' ORDER BY channel", &st));
  ScopedReset reset(st);
  for (;;) {
    bool row = false;
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    channels->push_back(st->ColumnText(0));
  }
}

Status Store::MarkOutbox(const char* sql, std::int64_t id, bool* changed, std::int64_t a,
                         const std::string* text) {
  PW_RETURN_IF_ERROR(RequireWritable("updating a delivery"));
  PW_RETURN_IF_ERROR(UseFsync(true));
  if (changed != nullptr) *changed = false;
  {
    Statement* st;
    PW_RETURN_IF_ERROR(db_->Cached(sql, &st));
    ScopedReset reset(st);
    st->BindInt(1, id);
    st->BindInt(2, a);
    if (text != nullptr) st->BindText(3, *text);
    PW_RETURN_IF_ERROR(st->Run());
    if (db_->Changes() > 0) {
      if (changed != nullptr) *changed = true;
      return Status::Ok();
    }
  }
  Statement* exists;
  PW_RETURN_IF_ERROR(db_->Cached("SELECT 1 FROM outbox WHERE id = ?", &exists));
  ScopedReset reset(exists);
  exists->BindInt(1, id);
  bool row = false;
  PW_RETURN_IF_ERROR(exists->Step(&row));
  if (!row) return Status::Error("no delivery with id " + std::to_string(id) + " in " + db_->path());
  return Status::Ok();
}

Status Store::MarkDelivered(std::int64_t id, std::int64_t now, bool* changed) {
  return MarkOutbox(
      "UPDATE outbox SET state = 'delivered', delivered_at = ?2, attempts = attempts + 1,"
      " last_error = NULL WHERE id = ?1 AND state = 'pending'",
      id, changed, now, nullptr);
}

Status Store::MarkAttemptFailed(std::int64_t id, const std::string& error,
                                std::int64_t next_attempt_at, bool* changed) {
  return MarkOutbox(
      "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3"
      " WHERE id = ?1 AND state = 'pending'",
      id, changed, next_attempt_at, &error);
}

Status Store::MarkFailed(std::int64_t id, const std::string& error, bool* changed) {
  return MarkOutbox(
      "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?3"
      " WHERE id = ?1 AND state = 'pending' AND ?2 = ?2",
      id, changed, 0, &error);
}

}  // namespace pw::store
