// class Store: attempt retention. Every check is counted in its document's day
// as it is recorded (attempt_days, CheckTransaction); old attempt rows are
// folded into a histogram of their durations (attempt_durations), then
// deleted. ReadDailyChecks reads the daily counts alone.
#include <map>
#include <string>
#include <utility>

#include "store/internal/rows.h"
#include "store/store.h"

namespace pw::store {
namespace {

// The attempts of a batch: started before ?1, with an id at most ?2.
constexpr const char* kBatchEnd =
    "SELECT max(id), count(*) FROM (SELECT id FROM attempts WHERE started_at < ?1"
    " ORDER BY id LIMIT ?2)";

constexpr const char* kFoldDurations =
    "INSERT INTO attempt_durations (duration_ms, count)"
    " SELECT duration_ms, count(*) FROM attempts WHERE started_at < ?1 AND id <= ?2"
    " GROUP BY duration_ms"
    " ON CONFLICT (duration_ms) DO UPDATE SET count = count + excluded.count";

constexpr const char* kDeleteBatch = "DELETE FROM attempts WHERE started_at < ?1 AND id <= ?2";

// ?1 the document (0: all), ?2 the first day.
constexpr const char* kFoldedDays =
    "SELECT document_id, day, unchanged, new, changed, not_modified, failed, duration_ms_sum"
    " FROM attempt_days WHERE day >= ?2 AND (?1 = 0 OR document_id = ?1)";
using DayMap = std::map<std::pair<std::int64_t, std::int64_t>, DailyChecks>;  // document, day

// Runs `sql` (?1 document, ?2 first day), calling `read` for each row.
template <typename Read>
Status ForEachDayRow(Db* db, const char* sql, std::int64_t document_id, std::int64_t since_day,
                     Read read) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(sql, &st));
  ScopedReset reset(st);
  st->BindInt(1, document_id);
  st->BindInt(2, since_day);
  for (bool row = true;;) {
    PW_RETURN_IF_ERROR(st->Step(&row));
    if (!row) return Status::Ok();
    read(*st);
  }
}

DailyChecks& DayOf(DayMap* days, std::int64_t document_id, std::int64_t day) {
  DailyChecks& d = (*days)[{document_id, day}];
  d.document_id = document_id;
  d.day = day;
  return d;
}

// The counts of attempt_days (by document, then day: the map's order).
Status AddFolded(Db* db, std::int64_t document_id, std::int64_t since_day, DayMap* days) {
  return ForEachDayRow(db, kFoldedDays, document_id, since_day, [&](const Statement& s) {
    DailyChecks& d = DayOf(days, s.ColumnInt(0), s.ColumnInt(1));
    d.unchanged += s.ColumnInt(2);
    d.new_version += s.ColumnInt(3);
    d.changed += s.ColumnInt(4);
    d.not_modified += s.ColumnInt(5);
    d.failed += s.ColumnInt(6);
    d.duration_ms_sum += s.ColumnInt(7);
  });
}

// Runs the cached statement `sql` with ?1 = before, ?2 = last_id.
Status RunBatchStatement(Db* db, const char* sql, std::int64_t before, std::int64_t last_id) {
  Statement* st;
  PW_RETURN_IF_ERROR(db->Cached(sql, &st));
  ScopedReset reset(st);
  st->BindInt(1, before);
  st->BindInt(2, last_id);
  return st->Run();
}

// The last id and the number of the (at most max_rows) oldest attempts started
// before `before`.
Status FindBatch(Db* db, std::int64_t before, int max_rows, std::int64_t* last_id,
                 std::int64_t* rows) {
  return ReadOneRow(
      db, kBatchEnd,
      [&](Statement* st) {
        st->BindInt(1, before);
        st->BindInt(2, max_rows);
      },
      [&](const Statement& st) {
        *last_id = st.ColumnInt(0);
        *rows = st.ColumnInt(1);
      });
}

}  // namespace

DailyChecks SumDays(const std::vector<DailyChecks>& days, std::int64_t since_day) {
  DailyChecks sum;
  for (const DailyChecks& d : days) {
    if (d.day < since_day) continue;
    sum.unchanged += d.unchanged;
    sum.new_version += d.new_version;
    sum.changed += d.changed;
    sum.not_modified += d.not_modified;
    sum.failed += d.failed;
    sum.duration_ms_sum += d.duration_ms_sum;
  }
  return sum;
}

Status Store::PruneAttemptBatch(std::int64_t before, int max_rows, PruneResult* result) {
  result->more = false;
  PW_RETURN_IF_ERROR(RequireWritable("pruning attempts"));
  if (max_rows < 1) return Status::Error("pruning attempts: a batch needs at least one row");
  PW_RETURN_IF_ERROR(UseFsync(false));  // commits the group; a lost batch is whole
  Db* db = db_.get();
  Transaction txn(db);
  PW_RETURN_IF_ERROR(txn.Begin());
  std::int64_t last_id = 0, rows = 0;
  PW_RETURN_IF_ERROR(FindBatch(db, before, max_rows, &last_id, &rows));
  if (rows == 0) return txn.Commit();
  PW_RETURN_IF_ERROR(RunBatchStatement(db, kFoldDurations, before, last_id));
  PW_RETURN_IF_ERROR(RunBatchStatement(db, kDeleteBatch, before, last_id));
  if (db->Changes() != rows) {
    return Status::Error(db->path() + ": pruning attempts: deleted " +
                         std::to_string(db->Changes()) + " rows, folded " + std::to_string(rows));
  }
  PW_RETURN_IF_ERROR(txn.Commit());
  result->attempts += rows;
  result->batches += 1;
  result->more = rows == max_rows;
  return Status::Ok();
}

Status Store::PruneAttempts(std::int64_t before, PruneResult* result) {
  *result = PruneResult();
  do {
    PW_RETURN_IF_ERROR(PruneAttemptBatch(before, kPruneBatchRows, result));
  } while (result->more);
  return Status::Ok();
}

Status Store::ReadDailyChecks(std::int64_t document_id, std::int64_t since_day,
                              std::vector<DailyChecks>* days) {
  days->clear();
  DayMap by_day;
  PW_RETURN_IF_ERROR(AddFolded(db_.get(), document_id, since_day, &by_day));
  for (auto& [key, d] : by_day) days->push_back(d);
  return Status::Ok();
}

}  // namespace pw::store
