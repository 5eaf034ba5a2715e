// Attempt retention (Store::PruneAttempts): a year of 5-minute checks of
// DOCS documents, then keep_attempts = 90d. Prints the attempts table before and
// after (rows, and database pages from PRAGMA page_count / freelist_count, before
// and after a VACUUM), the attempt_days rows, and the longest batch (how long
// the writer lock is held at most).
// Usage: bench_store_retention [DOCS [DAYS]]   (default 100 365)
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench/store/bench_support.h"
#include "store/store.h"

using namespace pw::store;
using Clock = std::chrono::steady_clock;

namespace {

void Die(const pw::Status& s) { pw::bench::DieUnlessOk("bench_store_retention", s); }

std::int64_t Int(Store* store, const std::string& sql) {
  std::int64_t v = 0;
  Die(store->db()->QueryInt(sql.c_str(), &v));
  return v;
}

void Report(Store* store, const char* when) {
  const std::int64_t page = Int(store, "PRAGMA page_size");
  const std::int64_t pages = Int(store, "PRAGMA page_count");
  const std::int64_t free_pages = Int(store, "PRAGMA freelist_count");
  printf("%-22s attempts %9lld rows, attempt_days %7lld rows; %8lld pages (%lld free) = %7.1f MB in use\n",
         when, static_cast<long long>(Int(store, "SELECT count(*) FROM attempts")),
         static_cast<long long>(Int(store, "SELECT count(*) FROM attempt_days")),
         static_cast<long long>(pages), static_cast<long long>(free_pages),
         static_cast<double>((pages - free_pages) * page) / 1e6);
}

// `docs` documents, one company each.
pw::config::Config Documents(int docs) {
  pw::config::Config c;
  for (int i = 0; i < docs; ++i) {
    pw::config::Company company;
    company.id = "c" + std::to_string(i);
    company.name = company.id;
    company.documents.push_back(pw::config::PageDocument("terms", "https://example.org/" + company.id));
    c.companies.push_back(company);
  }
  return c;
}

// Every 5 minutes, every document, as the daemon writes them: mostly 304s and
// unchanged bodies, 1% failures.
void FillYear(Store* store, int docs, int days, std::int64_t start) {
  const std::int64_t total = static_cast<std::int64_t>(docs) * days * 288;
  const std::int64_t first = Int(store, "SELECT min(id) FROM documents");  // ids are consecutive
  Die(store->db()->Exec(
      "BEGIN; WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " +
      std::to_string(total - 1) +
      ") INSERT INTO attempts (document_id, started_at, duration_ms, outcome, http_status, bytes,"
      " error_kind, error_message) SELECT " + std::to_string(first) + " + i % " +
      std::to_string(docs) + ", " + std::to_string(start) + " + (i / " +
      std::to_string(docs) + ") * 300, 40 + abs(random() % 900),"
      " CASE WHEN i % 100 = 0 THEN 4 WHEN i % 3 = 0 THEN 0 ELSE 3 END,"
      " CASE WHEN i % 100 = 0 THEN NULL WHEN i % 3 = 0 THEN 200 ELSE 304 END,"
      " CASE WHEN i % 3 = 0 THEN 48000 ELSE 0 END,"
      " CASE WHEN i % 100 = 0 THEN 'timeout' END,"
      " CASE WHEN i % 100 = 0 THEN 'no answer in 60s' END"
      " FROM n; COMMIT;"));
}

}  // namespace

int main(int argc, char** argv) {
  const int docs = argc > 1 ? atoi(argv[1]) : 100;
  const int days = argc > 2 ? atoi(argv[2]) : 365;
  const std::string dir = std::filesystem::temp_directory_path() / "pw-bench-retention";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/pw.db";
  std::unique_ptr<Store> store;
  StoreOptions options;
  options.synchronous_full = false;
  Die(Store::Open(path, options, &store));
  const std::int64_t start = 1'700'000'000;  // 2023-11-14
  Die(store->SyncConfig(Documents(docs), start));
  printf("%d documents checked every 5 minutes for %d days; keep_attempts = 90d\n", docs, days);
  const auto t0 = Clock::now();
  FillYear(store.get(), docs, days, start);
  printf("filled in %.1f s\n", std::chrono::duration<double>(Clock::now() - t0).count());
  Report(store.get(), "before pruning:");

  const std::int64_t before = start + static_cast<std::int64_t>(days - 90) * 86400;
  PruneResult total;
  double longest_ms = 0;
  const auto t1 = Clock::now();
  do {
    const auto b = Clock::now();
    Die(store->PruneAttemptBatch(before, kPruneBatchRows, &total));
    longest_ms = std::max(longest_ms, std::chrono::duration<double, std::milli>(Clock::now() - b).count());
  } while (total.more);
  const double seconds = std::chrono::duration<double>(Clock::now() - t1).count();
  printf("pruned %lld attempts in %d batches of %d: %.1f s, longest batch %.0f ms\n",
         static_cast<long long>(total.attempts), total.batches, kPruneBatchRows, seconds, longest_ms);
  Report(store.get(), "after pruning:");
  Die(store->db()->Exec("VACUUM"));
  Report(store.get(), "after VACUUM:");
  const auto t2 = Clock::now();
  std::vector<DailyChecks> daily;
  Die(store->ReadDailyChecks(0, start / 86400 + days - 365, &daily));
  printf("ReadDailyChecks, every document, a year: %zu rows in %.0f ms\n", daily.size(),
         std::chrono::duration<double, std::milli>(Clock::now() - t2).count());
  const auto t3 = Clock::now();
  Die(store->ReadDailyChecks(Int(store.get(), "SELECT min(id) FROM documents"), start / 86400 + days - 30,
                             &daily));
  printf("ReadDailyChecks, one document, 30 days: %zu rows in %.0f ms\n", daily.size(),
         std::chrono::duration<double, std::milli>(Clock::now() - t3).count());
  store.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
