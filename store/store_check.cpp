// class Store: one document check, RecordCheck (see store.cpp for the rest,
// and for the group of checks it writes into).
#include <string>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/rows.h"
#include "store/store.h"

namespace pw::store {
namespace {

// The latest version of a document: id and text hash (id 0 when none).
Status ReadLatest(Db* db, std::int64_t document_id, std::int64_t* id, std::string* sha256) {
  *id = 0;
  sha256->clear();
  return ReadOneRow(
      db, "SELECT id, sha256 FROM versions WHERE document_id = ? ORDER BY id DESC LIMIT 1",
      [&](Statement* st) { st->BindInt(1, document_id); },
      [&](const Statement& st) {
        *id = st.ColumnInt(0);
        *sha256 = st.ColumnText(1);
      });
}

// What RecordCheck works out before taking the write lock, so that the lock is
// held for the writes only.
struct Prepared {
  bool extracted = false;  // a body was fetched and its text extracted
  std::string text_sha;    // of the extracted text
  std::string compressed;  // the raw body's evidence, when the text probably changed
  bool have_compressed = false;
};

// Hashes the extracted text and, when it differs from the latest version's,
// compresses the raw body.
Status Prepare(Db* db, const CheckRecord& rec, Prepared* p) {
  p->extracted = !rec.failed && !rec.not_modified && rec.version.has_value();
  if (!p->extracted) return Status::Ok();
  p->text_sha =
      rec.version->text_sha256.empty() ? Sha256Hex(rec.version->text) : rec.version->text_sha256;
  std::int64_t peek_id = 0;
  std::string peek_sha;
  PW_RETURN_IF_ERROR(ReadLatest(db, rec.document_id, &peek_id, &peek_sha));
  if (peek_sha != p->text_sha) {
    PW_RETURN_IF_ERROR(CompressEvidence(rec.version->raw_body, kEvidenceLevel, &p->compressed));
    p->have_compressed = true;
  }
  return Status::Ok();
}

// The document's current state; fails when there is no such document.
Status ReadCheckState(Db* db, std::int64_t document_id, const std::string& doc_name,
                     DocumentState* state) {
  bool found = false;
  PW_RETURN_IF_ERROR(ReadOneRow(
      db,
      "SELECT d.id, s.consecutive_failures, s.etag, s.last_modified, s.last_raw_sha256,"
      " s.unreachable, s.last_change_at, s.last_version_id FROM documents d"
      " LEFT JOIN document_state s ON s.document_id = d.id WHERE d.id = ?",
      [&](Statement* st) { st->BindInt(1, document_id); },
      [&](const Statement& st) {
        state->consecutive_failures = static_cast<int>(st.ColumnInt(1));
        state->etag = st.ColumnText(2);
        state->last_modified = st.ColumnText(3);
        state->last_raw_sha256 = st.ColumnText(4);
        state->unreachable = st.ColumnInt(5) != 0;
        state->last_change_at = st.ColumnInt(6);
        state->last_version_id = st.ColumnInt(7);
      },
      &found));
  if (!found) return Status::Error("recording a check: no " + doc_name + " in " + db->path());
  return Status::Ok();
}

// Fails, setting out->conflict, when the state the caller decided from is not
// the stored one any more.
Status CheckExpectedState(const CheckRecord& rec, const DocumentState& state,
                          const std::string& doc_name, CheckOutcome* out) {
  if (!rec.expected_state) return Status::Ok();
  const DocumentState& e = *rec.expected_state;
  if (e.consecutive_failures != state.consecutive_failures ||
      e.unreachable != state.unreachable || e.last_raw_sha256 != state.last_raw_sha256 ||
      e.last_version_id != state.last_version_id) {
    out->conflict = true;
    return Status::Error("recording a check of " + doc_name +
                         ": its state changed since it was read before the fetch (another "
                         "check was recorded); re-read it and check again");
  }
  return Status::Ok();
}

// Sets out->outcome and out->version_created; fails, setting out->conflict,
// when the latest version is not the one the caller diffed against.
Status DecideOutcome(const CheckRecord& rec, const Prepared& p, std::int64_t latest_id,
                     const std::string& latest_sha, const std::string& doc_name,
                     CheckOutcome* out) {
  if (rec.failed) {
    out->outcome = AttemptOutcome::kFailed;
  } else if (rec.not_modified) {
    out->outcome = AttemptOutcome::kNotModified;
  } else if (p.extracted) {
    if (latest_id != rec.expected_latest_version_id) {
      out->conflict = true;
      return Status::Error("recording a check of " + doc_name + ": its latest version is " +
                           std::to_string(latest_id) + ", not " +
                           std::to_string(rec.expected_latest_version_id) +
                           " as read before diffing; re-read it and check again");
    }
    if (latest_id != 0 && latest_sha == p.text_sha) {
      out->outcome = AttemptOutcome::kUnchanged;
    } else {
      out->outcome = latest_id == 0 ? AttemptOutcome::kNew : AttemptOutcome::kChanged;
      out->version_created = true;
    }
  } else {
    out->outcome = AttemptOutcome::kUnchanged;  // raw body unchanged, not extracted
  }
  return Status::Ok();
}

// Writes the attempt row; sets out->attempt_id.
Status InsertAttempt(Db* db, const CheckRecord& rec, CheckOutcome* out) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
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
  out->attempt_id = db->LastInsertRowid();
  return Status::Ok();
}

// Writes rec.version as a new version (compressing its evidence into `p`
// unless it has it already); sets *version_id.
Status InsertVersion(Db* db, const CheckRecord& rec, Prepared* p, std::int64_t* version_id) {
  const NewVersion& v = *rec.version;
  if (!p->have_compressed) {  // the latest moved since the peek
    PW_RETURN_IF_ERROR(CompressEvidence(v.raw_body, kEvidenceLevel, &p->compressed));
  }
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO versions (document_id, fetched_at, sha256, text, sections_json,"
      " raw_sha256, raw_zstd, raw_size, content_type, flags)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, rec.document_id);
  st->BindInt(2, rec.started_at);
  st->BindText(3, p->text_sha);
  st->BindText(4, v.text);
  st->BindText(5, v.sections_json);
  st->BindText(6, v.raw_sha256.empty() ? Sha256Hex(v.raw_body) : v.raw_sha256);
  st->BindBlob(7, p->compressed);
  st->BindInt(8, static_cast<std::int64_t>(v.raw_body.size()));
  st->BindText(9, v.content_type);
  st->BindInt(10, v.flags);
  PW_RETURN_IF_ERROR(st->Run());
  *version_id = db->LastInsertRowid();
  return Status::Ok();
}

// Writes rec.change as the change from `from_version` (0: none) to `to_version`.
Status InsertChange(Db* db, const CheckRecord& rec, std::int64_t from_version,
                    std::int64_t to_version) {
  Statement* ch;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO changes (document_id, from_version, to_version, severity,"
      " changeset_json, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      &ch));
  ScopedReset reset_ch(ch);
  ch->BindInt(1, rec.document_id);
  if (from_version != 0) ch->BindInt(2, from_version);
  ch->BindInt(3, to_version);
  ch->BindText(4, rec.change->severity);
  ch->BindText(5, rec.change->changeset_json);
  ch->BindInt(6, rec.started_at);
  return ch->Run();
}

// The document's state after the check.
void ApplyCheck(const CheckRecord& rec, bool version_created, DocumentState* state) {
  if (rec.failed) {
    state->consecutive_failures += 1;
  } else {
    state->consecutive_failures = 0;
    if (!rec.not_modified || !rec.etag.empty()) state->etag = rec.etag;
    if (!rec.not_modified || !rec.last_modified.empty()) state->last_modified = rec.last_modified;
    if (!rec.raw_sha256.empty()) state->last_raw_sha256 = rec.raw_sha256;
  }
  if (version_created) state->last_change_at = rec.started_at;
  if (rec.unreachable) state->unreachable = *rec.unreachable;
}

Status WriteState(Db* db, const CheckRecord& rec, const DocumentState& state,
                  std::int64_t version_id) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
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
  if (version_id != 0) st->BindInt(9, version_id);
  st->BindInt(10, state.unreachable ? 1 : 0);
  return st->Run();
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

Status Store::RecordCheck(const CheckRecord& rec, CheckOutcome* out) {
  *out = CheckOutcome();
  PW_RETURN_IF_ERROR(RequireWritable("recording a check"));
  const std::string doc_name = "document " + std::to_string(rec.document_id);
  Prepared p;
  PW_RETURN_IF_ERROR(Prepare(db_.get(), rec, &p));

  // Only work that must survive a power cut pays for an fsync.
  const bool durable = p.have_compressed || !rec.deliveries.empty() || rec.make_deliveries ||
                       (rec.change && !rec.change->deliveries.empty());
  if (group_checks_) {
    PW_RETURN_IF_ERROR(OpenGroup(durable));
  } else {
    PW_RETURN_IF_ERROR(UseFsync(durable));
  }

  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());
  DocumentState state;
  PW_RETURN_IF_ERROR(ReadCheckState(db_.get(), rec.document_id, doc_name, &state));

  // The latest version: its hash decides "changed" when text was extracted;
  // otherwise its id is all that is needed, and the state keeps it
  // (last_version_id is written by every RecordCheck, the only writer of versions).
  std::int64_t latest_id = state.last_version_id;
  std::string latest_sha;
  if (p.extracted) {
    PW_RETURN_IF_ERROR(ReadLatest(db_.get(), rec.document_id, &latest_id, &latest_sha));
  }
  out->previous_version_id = latest_id;
  out->version_id = latest_id;
  PW_RETURN_IF_ERROR(CheckExpectedState(rec, state, doc_name, out));
  PW_RETURN_IF_ERROR(DecideOutcome(rec, p, latest_id, latest_sha, doc_name, out));
  PW_RETURN_IF_ERROR(InsertAttempt(db_.get(), rec, out));

  // The version, its change and the change's notifications.
  if (out->version_created) {
    PW_RETURN_IF_ERROR(InsertVersion(db_.get(), rec, &p, &out->version_id));
    if (rec.change) {
      PW_RETURN_IF_ERROR(InsertChange(db_.get(), rec, latest_id, out->version_id));
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
  ApplyCheck(rec, out->version_created, &state);
  out->consecutive_failures = state.consecutive_failures;
  PW_RETURN_IF_ERROR(WriteState(db_.get(), rec, state, out->version_id));
  return txn.Commit();
}

}  // namespace pw::store
