// class CheckTransaction: one document check, written top to bottom (see
// store.cpp for the group of checks it writes into).
#include "store/check_transaction.h"

#include <string>

#include "store/hash.h"
#include "store/internal/rows.h"
#include "store/internal/version_writes.h"
#include "store/store.h"

namespace pw::store {
namespace {

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

// Fails, setting *conflict, when the state the caller decided from is not the
// stored one any more.
Status CheckExpectedState(const CheckAttempt& attempt, const DocumentState& state,
                          const std::string& doc_name, bool* conflict) {
  if (!attempt.expected_state) return Status::Ok();
  const DocumentState& e = *attempt.expected_state;
  if (e.consecutive_failures != state.consecutive_failures ||
      e.unreachable != state.unreachable || e.last_raw_sha256 != state.last_raw_sha256 ||
      e.last_version_id != state.last_version_id) {
    *conflict = true;
    return Status::Error("recording a check of " + doc_name +
                         ": its state changed since it was read before the fetch (another "
                         "check was recorded); re-read it and check again");
  }
  return Status::Ok();
}

// Fails, setting *conflict, when the latest version is not the one the caller
// compared the extracted text with.
Status CheckExpectedLatest(const CheckAttempt& attempt, std::int64_t latest_id,
                           const std::string& doc_name, bool* conflict) {
  if (!attempt.expected_latest_version_id) return Status::Ok();
  if (latest_id == *attempt.expected_latest_version_id) return Status::Ok();
  *conflict = true;
  return Status::Error("recording a check of " + doc_name + ": its latest version is " +
                       std::to_string(latest_id) + ", not " +
                       std::to_string(*attempt.expected_latest_version_id) +
                       " as read before diffing; re-read it and check again");
}

// What the check found, for the attempts row.
AttemptOutcome OutcomeOf(const CheckAttempt& attempt, std::int64_t added_version,
                         std::int64_t previous_version) {
  if (attempt.failed) return AttemptOutcome::kFailed;
  if (attempt.not_modified) return AttemptOutcome::kNotModified;
  if (added_version == 0) return AttemptOutcome::kUnchanged;
  return previous_version == 0 ? AttemptOutcome::kNew : AttemptOutcome::kChanged;
}

// Writes the attempt row; sets out->attempt_id.
Status InsertAttempt(Db* db, const CheckAttempt& rec, CheckOutcome* out) {
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

// Counts the attempt in its document's day (attempt_days): what status, the web
// and /metrics read, so that they never scan the attempt rows, and what stays
// when those are pruned.
Status CountAttemptDay(Db* db, const CheckAttempt& rec, AttemptOutcome outcome) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(
      "INSERT INTO attempt_days (document_id, day, unchanged, new, changed, not_modified,"
      " failed, duration_ms_sum) VALUES (?1, ?2, ?3 = 0, ?3 = 1, ?3 = 2, ?3 = 3, ?3 = 4, ?4)"
      " ON CONFLICT (document_id, day) DO UPDATE SET unchanged = unchanged + (?3 = 0),"
      " new = new + (?3 = 1), changed = changed + (?3 = 2), not_modified = not_modified + (?3 = 3),"
      " failed = failed + (?3 = 4), duration_ms_sum = duration_ms_sum + ?4",
      &st));
  ScopedReset reset(st);
  st->BindInt(1, rec.document_id);
  st->BindInt(2, rec.started_at / 86400);
  st->BindInt(3, static_cast<int>(outcome));
  st->BindInt(4, rec.duration_ms);
  return st->Run();
}

// The document's state after the check.
void ApplyCheck(const CheckAttempt& rec, bool version_created, DocumentState* state) {
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

Status WriteState(Db* db, const CheckAttempt& rec, const DocumentState& state,
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

CheckTransaction::CheckTransaction(Store* store)
    : store_(store), txn_(store->db_.get()) {}

CheckTransaction::~CheckTransaction() = default;  // txn_ rolls back unless committed

Status CheckTransaction::Require(bool condition, const char* step, const char* why) const {
  if (condition) return Status::Ok();
  return Status::Error(std::string(step) + " in the check of " + doc_name_ + ": " + why);
}

Status CheckTransaction::Begin(const CheckAttempt& attempt) {
  attempt_ = attempt;
  doc_name_ = "document " + std::to_string(attempt.document_id);
  PW_RETURN_IF_ERROR(store_->RequireWritable("recording a check"));
  // Only work that must survive a power cut pays for an fsync.
  if (store_->group_checks_) {
    PW_RETURN_IF_ERROR(store_->OpenGroup(attempt.durable));
  } else {
    PW_RETURN_IF_ERROR(store_->UseFsync(attempt.durable));
  }
  Db* db = store_->db_.get();
  PW_RETURN_IF_ERROR(txn_.Begin());
  PW_RETURN_IF_ERROR(ReadCheckState(db, attempt.document_id, doc_name_, &state_));
  // The state keeps the latest version's id (every check writes it; checks are
  // the only writers of versions); a check that compared text needs its hash too.
  latest_id_ = state_.last_version_id;
  if (attempt.expected_latest_version_id) {
    PW_RETURN_IF_ERROR(ReadLatestVersion(db, attempt.document_id, &latest_id_, &latest_sha_));
  }
  PW_RETURN_IF_ERROR(CheckExpectedState(attempt, state_, doc_name_, &conflict_));
  return CheckExpectedLatest(attempt, latest_id_, doc_name_, &conflict_);
}

Status CheckTransaction::AddVersion(const NewVersion& version, std::int64_t* version_id) {
  const char* step = "adding a version";
  PW_RETURN_IF_ERROR(Require(!attempt_.failed && !attempt_.not_modified, step,
                             "the fetch brought no new body"));
  PW_RETURN_IF_ERROR(Require(attempt_.durable, step, "the check was begun as routine"));
  PW_RETURN_IF_ERROR(Require(attempt_.expected_latest_version_id.has_value(), step,
                             "the check named no latest version it compared with"));
  PW_RETURN_IF_ERROR(Require(added_version_ == 0, step, "a version was added already"));
  const std::string text_sha =
      version.text_sha256.empty() ? Sha256Hex(version.text) : version.text_sha256;
  PW_RETURN_IF_ERROR(Require(latest_id_ == 0 || text_sha != latest_sha_, step,
                             "its text is the latest version's (that is unchanged)"));
  PW_RETURN_IF_ERROR(
      InsertVersion(store_->db_.get(), attempt_.document_id, attempt_.started_at, version, text_sha,
                    &added_version_));
  *version_id = added_version_;
  return Status::Ok();
}

Status CheckTransaction::AddChange(const NewChange& change) {
  PW_RETURN_IF_ERROR(
      Require(added_version_ != 0, "adding a change", "no version was added"));
  return InsertChange(store_->db_.get(), attempt_.document_id, change, latest_id_, added_version_,
                      attempt_.started_at);
}

Status CheckTransaction::Enqueue(const std::vector<Delivery>& deliveries) {
  if (deliveries.empty()) return Status::Ok();
  PW_RETURN_IF_ERROR(
      Require(attempt_.durable, "enqueuing deliveries", "the check was begun as routine"));
  for (const Delivery& d : deliveries) {
    PW_RETURN_IF_ERROR(store_->InsertDelivery(d, attempt_.document_id, attempt_.started_at));
  }
  return Status::Ok();
}

Status CheckTransaction::Commit(CheckOutcome* out) {
  *out = CheckOutcome();
  out->outcome = OutcomeOf(attempt_, added_version_, latest_id_);
  out->version_created = added_version_ != 0;
  out->previous_version_id = latest_id_;
  out->version_id = out->version_created ? added_version_ : latest_id_;
  Db* db = store_->db_.get();
  PW_RETURN_IF_ERROR(InsertAttempt(db, attempt_, out));
  PW_RETURN_IF_ERROR(CountAttemptDay(db, attempt_, out->outcome));
  ApplyCheck(attempt_, out->version_created, &state_);
  out->consecutive_failures = state_.consecutive_failures;
  PW_RETURN_IF_ERROR(WriteState(db, attempt_, state_, out->version_id));
  return txn_.Commit();
}

}  // namespace pw::store
