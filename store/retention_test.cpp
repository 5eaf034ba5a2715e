// Attempt retention on a real database file: every check is counted in its
// day; PruneAttempts deletes old attempts, their durations folded; reads answer the same before and after,
// versions, changes, the outbox and document state are untouched, /metrics
// figures never go down, and a failed batch loses or doubles nothing.
#include <catch2/catch.hpp>

#include "store/internal/schema.h"
#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::CountRows;
using testing::Fetched;
using testing::MakeConfig;
using testing::OpenOrDie;
using testing::RecordCheck;
using testing::TempDir;
using testing::TestCheck;
using testing::Unchanged;

constexpr std::int64_t kDay0 = 20000;  // a unix day (2024-10-04)
constexpr int kDays = 20;

std::int64_t At(int day, int hour) { return (kDay0 + day) * 86400 + hour * 3600; }

// Every row of `table`, as text, in rowid (or key) order.
std::string Dump(Store* store, const std::string& table) {
  std::string out;
  const std::string sql = "SELECT * FROM " + table + " ORDER BY 1, 2";
  auto add = [](void* text, int n, char** values, char**) {
    auto* s = static_cast<std::string*>(text);
    for (int i = 0; i < n; ++i) *s += std::string(values[i] ? values[i] : "NULL") + "|";
    *s += "\n";
    return 0;
  };
  REQUIRE(sqlite3_exec(store->db()->handle(), sql.c_str(), add, &out, nullptr) == SQLITE_OK);
  return out;
}

std::string DumpKept(Store* store) {
  std::string out;
  for (const char* t : {"versions", "changes", "outbox", "document_state", "documents"}) {
    out += std::string(t) + ":\n" + Dump(store, t);
  }
  return out;
}

// Four documents checked three times a day for kDays days: unchanged (a new
// version every fifth day), failed after 30 s, not modified in 40 ms; one
// change enqueues a delivery.
struct Checked {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("pw.db"));
  std::vector<DocumentRow> docs;

  Checked() {
    REQUIRE(store->SyncConfig(MakeConfig(2), At(0, 0)).ok());
    REQUIRE(store->ListDocuments(false, &docs).ok());
    for (const DocumentRow& doc : docs) Check(doc.id);
  }
  void Check(std::int64_t id) {
    std::int64_t latest = 0;
    for (int day = 0; day < kDays; ++day) {
      const std::string text = "text " + std::to_string(day / 5);
      TestCheck fetched = Fetched(id, At(day, 1), text, "raw " + text, latest);
      if (day % 5 != 0) fetched = Unchanged(fetched);
      if (day == 5 && id == docs[0].id) {
        fetched.change = NewChange{"material", "{}"};
        fetched.deliveries.push_back(Delivery{"d-1", "legal", "document.changed", "{}", 0});
      } else if (day % 5 == 0 && day > 0) {
        fetched.change = NewChange{"minor", "{}"};
      }
      Record(fetched, &latest);
      TestCheck failed;
      failed.attempt.document_id = id;
      failed.attempt.started_at = At(day, 9);
      failed.attempt.duration_ms = 30000;
      failed.attempt.failed = true;
      failed.attempt.error_kind = "timeout";
      Record(failed, nullptr);
      TestCheck not_modified = Unchanged(Fetched(id, At(day, 17), text, "raw", latest));
      not_modified.attempt.not_modified = true;
      not_modified.attempt.http_status = 304;
      not_modified.attempt.duration_ms = 40;
      Record(not_modified, nullptr);
    }
  }
  void Record(const TestCheck& check, std::int64_t* latest) {
    CheckOutcome out;
    Status s = RecordCheck(store.get(), check, &out);
    INFO(s.ToString());
    REQUIRE(s.ok());
    if (latest != nullptr && out.version_created) *latest = out.version_id;
  }
  std::vector<DailyChecks> Days(std::int64_t document_id = 0) {
    std::vector<DailyChecks> days;
    REQUIRE(store->ReadDailyChecks(document_id, 0, &days).ok());
    return days;
  }
  std::int64_t OlderThan(std::int64_t before) {
    std::int64_t n = -1;
    const std::string sql = "SELECT count(*) FROM attempts WHERE started_at < " + std::to_string(before);
    REQUIRE(store->db()->QueryInt(sql.c_str(), &n).ok());
    return n;
  }
};

TEST_CASE("ReadDailyChecks counts each day by outcome", "[retention]") {
  Checked c;
  const std::vector<DailyChecks> days = c.Days(c.docs[0].id);
  REQUIRE(days.size() == kDays);
  CHECK(days[0].day == kDay0);
  CHECK(days[0].new_version == 1);
  CHECK(days[1].unchanged == 1);
  CHECK(days[5].changed == 1);
  CHECK(days[5].failed == 1);
  CHECK(days[5].not_modified == 1);
  CHECK(days[5].checks() == 3);
  CHECK(days[5].duration_ms_sum == 120 + 30000 + 40);
  CHECK(c.Days().size() == 4 * kDays);
  const DailyChecks week = SumDays(days, kDay0 + kDays - 7);
  CHECK(week.checks() == 21);
  CHECK(week.failed == 7);
}

TEST_CASE("PruneAttempts deletes old attempts and keeps their daily counts", "[retention]") {
  Checked c;
  const auto days_before = c.Days();
  const std::string counts_before = Dump(c.store.get(), "attempt_days");
  const auto doc_before = c.Days(c.docs[1].id);
  const std::string kept_before = DumpKept(c.store.get());
  const std::int64_t total = CountRows(c.store.get(), "attempts");
  // Mid-day: day 10 has attempts on both sides of the bound.
  const std::int64_t before = At(10, 12);
  const std::int64_t old = c.OlderThan(before);
  REQUIRE(old == 4 * (10 * 3 + 2));

  PruneResult result;
  REQUIRE(c.store->PruneAttempts(before, &result).ok());
  CHECK(result.attempts == old);
  CHECK(result.batches == 1);
  CHECK(c.OlderThan(before) == 0);
  CHECK(CountRows(c.store.get(), "attempts") == total - old);
  CHECK(CountRows(c.store.get(), "attempt_days") == 4 * kDays);
  CHECK(Dump(c.store.get(), "attempt_days") == counts_before);
  CHECK(c.Days() == days_before);
  CHECK(c.Days(c.docs[1].id) == doc_before);
  CHECK(DumpKept(c.store.get()) == kept_before);
}

TEST_CASE("a second prune with the same bound is a no-op", "[retention]") {
  Checked c;
  PruneResult result;
  REQUIRE(c.store->PruneAttempts(At(15, 0), &result).ok());
  const std::string days = Dump(c.store.get(), "attempt_days");
  const std::string durations = Dump(c.store.get(), "attempt_durations");
  const std::string attempts = Dump(c.store.get(), "attempts");
  REQUIRE(c.store->PruneAttempts(At(15, 0), &result).ok());
  CHECK(result.attempts == 0);
  CHECK(result.batches == 0);
  CHECK(Dump(c.store.get(), "attempt_days") == days);
  CHECK(Dump(c.store.get(), "attempt_durations") == durations);
  CHECK(Dump(c.store.get(), "attempts") == attempts);
}

TEST_CASE("prunes in small batches and in steps add up to the same counts", "[retention]") {
  Checked c;
  const auto days_before = c.Days();
  PruneResult result;
  int batches = 0;
  do {
    REQUIRE(c.store->PruneAttemptBatch(At(7, 0), 5, &result).ok());
    ++batches;
  } while (result.more);
  CHECK(result.attempts == 4 * 7 * 3);
  CHECK(result.batches == batches - (result.attempts % 5 == 0 ? 1 : 0));
  CHECK(c.Days() == days_before);
  // A later prune adds to the days already folded (day 7 is folded twice).
  REQUIRE(c.store->PruneAttempts(At(7, 12), &result).ok());
  REQUIRE(c.store->PruneAttempts(At(kDays, 0), &result).ok());
  CHECK(CountRows(c.store.get(), "attempts") == 0);
  CHECK(c.Days() == days_before);
}

TEST_CASE("pruning leaves the metrics counters and histogram unchanged", "[retention]") {
  Checked c;
  auto read = [&] {
    StoreStats stats;
    stats.duration_bounds = {0.05, 0.1, 1, 30, 60};
    REQUIRE(c.store->ReadStats(&stats).ok());
    return stats;
  };
  const StoreStats before = read();
  CHECK(before.attempts_by_outcome[4] == 4 * kDays);
  PruneResult result;
  REQUIRE(c.store->PruneAttempts(At(kDays - 3, 0), &result).ok());
  REQUIRE(result.attempts > 0);
  const StoreStats after = read();
  CHECK(after.attempts_by_outcome == before.attempts_by_outcome);
  CHECK(after.duration_buckets == before.duration_buckets);
  CHECK(after.duration_count == before.duration_count);
  CHECK(after.duration_sum == Approx(before.duration_sum));
  CHECK(after.changes_by_severity == before.changes_by_severity);
  CHECK(after.deliveries_pending == before.deliveries_pending);
}

TEST_CASE("a batch that fails is rolled back whole and the next prune finishes", "[retention]") {
  Checked c;
  const auto days_before = c.Days();
  std::int64_t poisoned = 0;
  REQUIRE(c.store->db()->QueryInt("SELECT id FROM attempts ORDER BY id LIMIT 1 OFFSET 12",
                                  &poisoned).ok());
  REQUIRE(c.store->db()->Exec("CREATE TEMP TRIGGER poison BEFORE DELETE ON attempts WHEN old.id = " +
                              std::to_string(poisoned) + " BEGIN SELECT RAISE(ABORT, 'disk gone'); END")
              .ok());
  PruneResult result;
  Status s;
  do {
    s = c.store->PruneAttemptBatch(At(kDays, 0), 5, &result);
  } while (s.ok() && result.more);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("disk gone"));
  CHECK(result.attempts == 10);  // the two batches before the poisoned one
  CHECK(c.Days() == days_before);
  REQUIRE(c.store->db()->Exec("DROP TRIGGER poison").ok());
  REQUIRE(c.store->PruneAttempts(At(kDays, 0), &result).ok());
  CHECK(CountRows(c.store.get(), "attempts") == 0);
  CHECK(c.Days() == days_before);
}

TEST_CASE("a database at v3 gains the retention tables with its attempts counted", "[retention][schema]") {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  {
    std::unique_ptr<Db> db;
    REQUIRE(Db::Open(path, DbOptions(), &db).ok());
    REQUIRE(MigrateTo(db.get(), 3).ok());
    REQUIRE(db->Exec(
        "INSERT INTO companies (id, name) VALUES ('acme', 'Acme');"
        "INSERT INTO documents (id, company_id, type, url) VALUES (1, 'acme', 'terms', 'https://a');"
        "INSERT INTO attempts (document_id, started_at, duration_ms, outcome)"
        "  VALUES (1, 86400, 10, 0), (1, 86401, 20, 4), (1, 2 * 86400, 30, 3);").ok());
  }
  auto store = OpenOrDie(path);
  CHECK(CurrentSchemaVersion() >= 5);
  CHECK(CountRows(store.get(), "attempt_days") == 2);  // counted from the attempts kept
  CHECK(CountRows(store.get(), "attempt_durations") == 0);
  std::vector<DailyChecks> days;
  REQUIRE(store->ReadDailyChecks(1, 0, &days).ok());
  REQUIRE(days.size() == 2);
  CHECK(days[0].day == 1);
  CHECK(days[0].unchanged == 1);
  CHECK(days[0].failed == 1);
  CHECK(days[1].not_modified == 1);
  PruneResult result;
  REQUIRE(store->PruneAttempts(2 * 86400, &result).ok());
  CHECK(result.attempts == 2);
  std::vector<DailyChecks> after;
  REQUIRE(store->ReadDailyChecks(1, 0, &after).ok());
  CHECK(after == days);
}

TEST_CASE("a read-only store cannot prune", "[retention]") {
  TempDir dir;
  const std::string path = dir.File("pw.db");
  OpenOrDie(path);
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> reader;
  REQUIRE(Store::Open(path, ro, &reader).ok());
  PruneResult result;
  Status s = reader->PruneAttempts(1000, &result);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("pruning attempts"));
}

}  // namespace
}  // namespace pw::store
