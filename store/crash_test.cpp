// Crash safety: a child process records checks in a loop and is killed with
// SIGKILL at random moments, many times over one database file. Nothing
// committed may be lost, nothing may be partial, and the file must stay sound.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <random>
#include <string>
#include <thread>

#include "store/evidence.h"
#include "store/hash.h"
#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::MakeConfig;
using testing::RecordCheck;
using testing::TestCheck;
using testing::OpenOrDie;
using testing::TempDir;

// A ~24 KB body that varies with `text`, so compression takes measurable time
// and the kill lands before, during and after the transaction.
std::string BodyFor(const std::string& text) {
  std::string body = "<html><body>";
  for (int i = 0; i < 400; ++i) body += "<p>" + text + " paragraph " + std::to_string(i) + "</p>";
  return body + "</body></html>";
}

[[noreturn]] void ChildLoop(const std::string& path, std::int64_t document_id, bool full_sync,
                            int report_fd) {
  StoreOptions options;
  options.synchronous_full = full_sync;
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, options, &store);
  for (long i = 0; s.ok(); ++i) {
    std::optional<VersionRow> latest;
    s = store->LatestVersion(document_id, &latest);
    if (!s.ok()) break;
    // Pairs of checks: the first of a pair changes the text, the second repeats it.
    std::string text = "# Policy\n\nRevision " + std::to_string(getpid()) + "-" +
                       std::to_string(i / 2) + "\n";
    TestCheck rec;
    rec.attempt.document_id = document_id;
    rec.attempt.started_at = 1700000000 + i;
    rec.attempt.duration_ms = 5;
    rec.attempt.http_status = 200;
    std::string body = BodyFor(text);
    rec.attempt.bytes = static_cast<std::int64_t>(body.size());
    rec.attempt.raw_sha256 = Sha256Hex(body);
    rec.attempt.expected_latest_version_id = latest ? latest->info.id : 0;
    if (!latest || latest->info.sha256 != Sha256Hex(text)) {  // the text changed
      rec.version = NewVersion{text, "[]", body, "text/html", 0, {}, {}};
      rec.change = NewChange{"minor", "{}"};
      std::string delivery = std::to_string(getpid()) + "-" + std::to_string(i);
      rec.deliveries = {Delivery{delivery, "hook", "document.changed",
                                 "{\"to_sha256\":\"" + Sha256Hex(text) + "\"}", 0}};
    }
    rec.attempt.next_check_at = rec.attempt.started_at + 60;
    CheckOutcome out;
    s = RecordCheck(store.get(), rec, &out);
    if (s.ok() && out.version_created) {
      std::int64_t id = out.version_id;  // committed: report it
      if (write(report_fd, &id, sizeof id) != sizeof id) _exit(3);
    }
  }
  fprintf(stderr, "crash_test child: %s\n", s.ToString().c_str());
  _exit(2);
}

struct Tally {
  std::int64_t versions = 0;
  std::int64_t attempts = 0;
};

// Checks the whole file; returns the row counts.
Tally Verify(const std::string& path, std::int64_t last_reported) {
  auto store = OpenOrDie(path);
  Db* db = store->db();
  std::unique_ptr<Statement> st;
  REQUIRE(db->Prepare("PRAGMA integrity_check", &st).ok());
  bool row = false;
  REQUIRE(st->Step(&row).ok());
  REQUIRE(row);
  CHECK(st->ColumnText(0) == "ok");

  // Every version reads back: its text matches its hash (GetVersion checks it),
  // its evidence decompresses and matches its own.
  REQUIRE(db->Prepare("SELECT id, document_id FROM versions", &st).ok());
  Tally tally;
  while (true) {
    REQUIRE(st->Step(&row).ok());
    if (!row) break;
    ++tally.versions;
    INFO("version " << st->ColumnInt(0));
    VersionRow version;
    CHECK(store->GetVersion(st->ColumnInt(1), st->ColumnInt(0), &version).ok());
    std::string raw;
    CHECK(store->GetEvidence(st->ColumnInt(0), &raw).ok());
  }
  // Every change came with its delivery, and every version after the first with its change.
  std::int64_t changes = 0, deliveries = 0, max_id = 0;
  REQUIRE(db->QueryInt("SELECT count(*) FROM changes", &changes).ok());
  REQUIRE(db->QueryInt("SELECT count(*) FROM outbox WHERE event_type = 'document.changed'",
                       &deliveries).ok());
  REQUIRE(db->QueryInt("SELECT coalesce(max(id), 0) FROM versions", &max_id).ok());
  REQUIRE(db->QueryInt("SELECT count(*) FROM attempts", &tally.attempts).ok());
  CHECK(changes == tally.versions);
  CHECK(deliveries == changes);
  CHECK(max_id >= last_reported);  // no committed version lost
  if (last_reported > 0) {
    std::int64_t found = 0;
    std::string sql = "SELECT count(*) FROM versions WHERE id = " + std::to_string(last_reported);
    REQUIRE(db->QueryInt(sql.c_str(), &found).ok());
    CHECK(found == 1);
  }
  std::int64_t fk = -1;
  REQUIRE(db->QueryInt("SELECT count(*) FROM pragma_foreign_key_check", &fk).ok());
  CHECK(fk == 0);
  return tally;
}

TEST_CASE("SIGKILL at random moments loses no committed version and leaves nothing partial",
          "[crash]") {
  TempDir dir;
  const std::string path = dir.File("crash.db");
  std::int64_t document_id = 0;
  {
    auto store = OpenOrDie(path);
    REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
    DocumentRow doc;
    REQUIRE(store->GetDocument("c0", "terms", &doc).ok());
    document_id = doc.id;
  }
  std::mt19937 rng(20240607);  // fixed: a failure can be replayed
  std::uniform_int_distribution<int> delay_us(1000, 60000);
  Tally before;
  int rounds_with_commits = 0;
  for (int round = 0; round < 30; ++round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      ChildLoop(path, document_id, round % 2 == 0, fds[1]);
    }
    close(fds[1]);
    std::int64_t id = 0, last = 0;
    if (round % 3 != 0) {
      // Two rounds in three wait for a first commit, so that the test exercises
      // many commits even on a loaded machine; the others may kill the child
      // while it is still opening or migrating.
      pollfd pfd{fds[0], POLLIN, 0};
      if (poll(&pfd, 1, 20000) == 1 && read(fds[0], &id, sizeof id) == sizeof id) last = id;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    INFO("round " << round);
    REQUIRE(WIFSIGNALED(status));  // the child must not have stopped on an error
    while (read(fds[0], &id, sizeof id) == sizeof id) last = id;
    close(fds[0]);
    if (last > 0) ++rounds_with_commits;

    Tally now = Verify(path, last);
    CHECK(now.versions >= before.versions);
    CHECK(now.attempts >= before.attempts);
    before = now;
  }
  CHECK(rounds_with_commits > 5);
  CHECK(before.versions > 10);
}

}  // namespace
}  // namespace pw::store
