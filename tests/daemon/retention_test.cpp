// Attempt retention end to end: the daemon prunes attempts older than
// keep_attempts at start, and `policywatch status` counts the same checks
// before and after.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>

#include <ctime>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {
namespace {

// Runs `sql` on the database file, writable (the daemon is stopped).
void Write(const std::string& db, const std::string& sql) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &handle) == SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(handle);
  REQUIRE(rc == SQLITE_OK);
}

nlohmann::json Checks(const World& w) {
  const Outcome o = Run({"status", "--format", "json", "--config", w.config, "--db", w.db});
  INFO("status stderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  const nlohmann::json status = Json(o);
  REQUIRE(status["documents"].size() == 1);
  return status["documents"][0]["checks"];
}

}  // namespace

TEST_CASE("run: attempts older than keep_attempts are pruned at start and status counts them still",
          "[daemon][e2e][retention]") {
  World w;
  w.site.Set("/p", PolicyPage("acme", 0, Edit::kNone));
  std::string toml = ConfigToml("1h", w.secret_file, {}, {{"acme", {}, {{"privacy", w.site.Url("/p")}}}});
  toml.replace(toml.find("[daemon]\n"), 9, "[daemon]\nkeep_attempts = \"30d\"\n");
  w.WriteConfig(toml);
  {
    auto daemon = w.Start();
    w.Require([&] { return Attempts(w.db, "acme", "privacy") == 1; }, "the first check");
    w.Stop(*daemon);
  }
  // Older checks, as if the daemon had run for weeks: two 40 days ago (one
  // failed), one 35 days ago, one 3 days ago.
  const std::int64_t now = std::time(nullptr);
  // Each written as a check writes it: its row, and its count in its day.
  auto row = [&](std::int64_t days_ago, int outcome) {
    const std::string at = std::to_string(now - days_ago * 86400);
    const std::string o = std::to_string(outcome);
    return "INSERT INTO attempts (document_id, started_at, duration_ms, outcome) SELECT id, " +
           at + ", 100, " + o + " FROM documents;"
           "INSERT INTO attempt_days (document_id, day, unchanged, new, changed, not_modified,"
           " failed, duration_ms_sum) SELECT id, " + at + " / 86400, " + o + " = 0, " + o +
           " = 1, " + o + " = 2, " + o + " = 3, " + o + " = 4, 100 FROM documents WHERE true"
           " ON CONFLICT (document_id, day) DO UPDATE SET unchanged = unchanged + excluded.unchanged,"
           " new = new + excluded.new, changed = changed + excluded.changed,"
           " not_modified = not_modified + excluded.not_modified, failed = failed + excluded.failed,"
           " duration_ms_sum = duration_ms_sum + excluded.duration_ms_sum;";
  };
  Write(w.db, row(40, 3) + row(40, 4) + row(35, 0) + row(3, 3));
  const nlohmann::json before = Checks(w);
  CHECK(before["7d"]["checks"] == 2);
  CHECK(before["365d"]["checks"] == 5);
  CHECK(before["365d"]["failed"] == 1);

  {
    auto daemon = w.Start();
    w.Require([&] { return World::Count(daemon->Log(), "pruned 3 check attempts") == 1; },
              "the prune at start");
    w.Stop(*daemon);
  }
  CHECK(QueryInt(w.db, "SELECT count(*) FROM attempts") == 2);
  // The daily counts are kept: today, 3, 35 and 40 days ago.
  CHECK(QueryInt(w.db, "SELECT count(*) FROM attempt_days") == 4);
  CHECK(QueryInt(w.db, "SELECT count(*) FROM versions") == 1);
  CHECK(Checks(w) == before);
}

}  // namespace pw::daemon_e2e
