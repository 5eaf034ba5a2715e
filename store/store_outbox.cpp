// class Store: the notification outbox, for the delivery worker (see store.cpp
// for the rest; a CheckTransaction enqueues through InsertDelivery).
#include <functional>
#include <string>
#include <vector>

#include "store/internal/rows.h"
#include "store/store.h"

namespace pw::store {
namespace {

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

}  // namespace

const char* DeliveryStateName(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending: return "pending";
    case DeliveryState::kDelivered: return "delivered";
    case DeliveryState::kFailed: return "failed";
  }
  return "pending";
}

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
  return ReadOneRow(
      db_.get(), "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'", BindNothing,
      [&](const Statement& st) { *at = st.ColumnInt(0); });
}

Status Store::NextDeliveryAt(const std::string& channel, std::int64_t* at) {
  *at = 0;
  return ReadOneRow(
      db_.get(), "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending' AND channel = ?",
      [&](Statement* st) { st->BindText(1, channel); },
      [&](const Statement& st) { *at = st.ColumnInt(0); });
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

Status Store::MarkAll(const std::vector<std::int64_t>& ids,
                      const std::function<Status(std::int64_t)>& mark) {
  PW_RETURN_IF_ERROR(RequireWritable("updating deliveries"));
  PW_RETURN_IF_ERROR(UseFsync(true));
  Transaction txn(db_.get());
  PW_RETURN_IF_ERROR(txn.Begin());
  for (std::int64_t id : ids) PW_RETURN_IF_ERROR(mark(id));
  return txn.Commit();
}

Status Store::MarkAllDelivered(const std::vector<std::int64_t>& ids, std::int64_t now) {
  return MarkAll(ids, [&](std::int64_t id) { return MarkDelivered(id, now); });
}

Status Store::MarkAllAttemptFailed(const std::vector<std::int64_t>& ids, const std::string& error,
                                   std::int64_t next_attempt_at) {
  return MarkAll(ids,
                 [&](std::int64_t id) { return MarkAttemptFailed(id, error, next_attempt_at); });
}

}  // namespace pw::store
