// class Store: the figures /metrics reports (StoreStats), each one query.
#include <algorithm>

#include "store/internal/rows.h"
#include "store/store.h"

namespace pw::store {
namespace {

// Calls `read` for each row of `sql` (no parameters).
template <typename Read>
Status ForEachRow(Db* db, const char* sql, Read read) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(sql, &st));
  ScopedReset reset(st);
  for (bool row = true;;) {
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    read(*st);
  }
}

// Every check counts in attempt_days as it is recorded, and pruning keeps those
// counts: the counter never goes down, and no attempt row is read.
Status CountAttempts(Db* db, StoreStats* stats) {
  return ForEachRow(db,
                    "SELECT sum(unchanged), sum(new), sum(changed), sum(not_modified), sum(failed)"
                    " FROM attempt_days",
                    [&](const Statement& st) {
                      for (int i = 0; i < 5; ++i) stats->attempts_by_outcome[i] = st.ColumnInt(i);
                    });
}

// Durations grouped by milliseconds, then bucketed here: one pass whatever the
// number of buckets. Pruned attempts are kept by exact duration
// (attempt_durations), so they fall in the buckets they always did.
Status CountDurations(Db* db, StoreStats* stats) {
  stats->duration_buckets.assign(stats->duration_bounds.size(), 0);
  return ForEachRow(db, "SELECT duration_ms, count(*) FROM attempts GROUP BY duration_ms"
                        " UNION ALL SELECT duration_ms, count FROM attempt_durations",
                    [&](const Statement& st) {
                      const double seconds = static_cast<double>(st.ColumnInt(0)) / 1000.0;
                      const std::int64_t n = st.ColumnInt(1);
                      stats->duration_sum += seconds * static_cast<double>(n);
                      stats->duration_count += n;
                      for (size_t i = 0; i < stats->duration_bounds.size(); ++i) {
                        if (seconds <= stats->duration_bounds[i]) stats->duration_buckets[i] += n;
                      }
                    });
}

Status CountChanges(Db* db, StoreStats* stats) {
  return ForEachRow(db, "SELECT severity, count(*) FROM changes GROUP BY severity ORDER BY severity",
                    [&](const Statement& st) {
                      stats->changes_by_severity.emplace_back(st.ColumnText(0), st.ColumnInt(1));
                    });
}

Status CountDeliveries(Db* db, StoreStats* stats) {
  return ForEachRow(db, "SELECT state, count(*) FROM outbox WHERE state <> 'delivered' GROUP BY state",
                    [&](const Statement& st) {
                      if (st.ColumnText(0) == "pending") stats->deliveries_pending = st.ColumnInt(1);
                      if (st.ColumnText(0) == "failed") stats->deliveries_failed = st.ColumnInt(1);
                    });
}

Status LastSuccesses(Db* db, StoreStats* stats) {
  return ForEachRow(
      db,
      // One pass over the attempts (they have no index by document).
      "SELECT d.id, s.t FROM documents d LEFT JOIN (SELECT document_id, max(started_at) AS t"
      " FROM attempts WHERE outcome <> 4 GROUP BY document_id) s ON s.document_id = d.id"
      " WHERE d.archived_at IS NULL ORDER BY d.id",
      [&](const Statement& st) {
        stats->last_success.emplace_back(st.ColumnInt(0), st.ColumnInt(1));
      });
}

}  // namespace

Status Store::ReadStats(StoreStats* stats) {
  std::sort(stats->duration_bounds.begin(), stats->duration_bounds.end());
  PW_RETURN_IF_ERROR(CountAttempts(db_.get(), stats));
  PW_RETURN_IF_ERROR(CountDurations(db_.get(), stats));
  PW_RETURN_IF_ERROR(CountChanges(db_.get(), stats));
  PW_RETURN_IF_ERROR(CountDeliveries(db_.get(), stats));
  PW_RETURN_IF_ERROR(LastSuccesses(db_.get(), stats));
  stats->documents = static_cast<std::int64_t>(stats->last_success.size());
  return Status::Ok();
}

}  // namespace pw::store
