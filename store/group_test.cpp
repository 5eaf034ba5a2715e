// Checks grouped into one transaction (StoreOptions::group_checks): invisible to
// other connections until committed, a group of routine checks committed before
// a check that needs an fsync, any group committed by every other write and by
// closing the store, and lost — alone — when the process dies.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "store/hash.h"
#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::CountRows;
using testing::Fetched;
using testing::RecordCheck;
using testing::TestCheck;
using testing::Unchanged;
using testing::MakeConfig;
using testing::OpenOrDie;
using testing::TempDir;

std::unique_ptr<Store> OpenGrouped(const std::string& path) {
  StoreOptions options;
  options.group_checks = true;
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, options, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

std::int64_t DocId(Store* store) {
  DocumentRow row;
  REQUIRE(store->GetDocument("c0", "privacy-policy", &row).ok());
  return row.id;
}

// A fetch whose body was the stored one: attempt and state only.
TestCheck Routine(std::int64_t id, std::int64_t when) {
  TestCheck r;
  r.attempt.document_id = id;
  r.attempt.started_at = when;
  r.attempt.http_status = 200;
  r.attempt.bytes = 100;
  r.attempt.raw_sha256 = Sha256Hex("body");
  r.attempt.next_check_at = when + 3600;
  return r;
}

void Record(Store* store, const TestCheck& rec) {
  CheckOutcome out;
  Status s = RecordCheck(store, rec, &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
}

// A grouped store with one company's documents; `id` is its privacy policy.
struct Grouped {
  TempDir dir;
  const std::string path = dir.File("pw.db");
  std::unique_ptr<Store> writer = OpenGrouped(path);
  std::int64_t id = 0;
  Grouped() {
    REQUIRE(writer->SyncConfig(MakeConfig(1), 0).ok());
    id = DocId(writer.get());
  }
  // The document's first version, committed.
  void FirstVersion() {
    Record(writer.get(), Fetched(id, 100, "# a\n", "<p>a</p>", 0));
    REQUIRE(writer->ChecksWaiting().has_value());
    REQUIRE(writer->CommitChecks().ok());
  }
};

}  // namespace

TEST_CASE("grouped checks are seen by others once committed", "[group]") {
  Grouped g;
  auto& writer = g.writer;
  const std::string& path = g.path;
  const std::int64_t id = g.id;
  g.FirstVersion();
  CHECK_FALSE(writer->ChecksWaiting().has_value());
  auto reader = OpenOrDie(path);

  for (int i = 1; i <= 3; ++i) Record(writer.get(), Routine(id, 100 + i));
  REQUIRE(writer->ChecksWaiting().has_value());
  CHECK(CountRows(writer.get(), "attempts") == 4);  // its own connection sees them
  CHECK(CountRows(reader.get(), "attempts") == 1);
  REQUIRE(writer->CommitChecks().ok());
  CHECK_FALSE(writer->ChecksWaiting().has_value());
  CHECK(CountRows(reader.get(), "attempts") == 4);
  DocumentRow row;
  REQUIRE(reader->GetDocument("c0", "privacy-policy", &row).ok());
  CHECK(row.state.last_check_at == 103);
  CHECK(writer->CommitChecks().ok());  // nothing open: nothing to do
}

TEST_CASE("a check to fsync closes a group of routine checks, other writes commit any group",
          "[group]") {
  Grouped g;
  auto& writer = g.writer;
  const std::string& path = g.path;
  const std::int64_t id = g.id;
  g.FirstVersion();
  auto reader = OpenOrDie(path);
  std::optional<VersionRow> latest;
  REQUIRE(writer->LatestVersion(id, &latest).ok());

  // A new version does not wait in the group of routine checks (which is not
  // fsync'ed): that group is committed, and the version opens one that is.
  Record(writer.get(), Routine(id, 101));
  Record(writer.get(), Fetched(id, 102, "# b\n", "<p>b</p>", latest->info.id));
  CHECK(CountRows(reader.get(), "attempts") == 2);
  CHECK(CountRows(reader.get(), "versions") == 1);
  Record(writer.get(), Routine(id, 103));  // joins the fsync'ed group
  REQUIRE(writer->ChecksWaiting().has_value());
  REQUIRE(writer->CommitChecks().ok());
  CHECK(CountRows(reader.get(), "attempts") == 4);
  CHECK(CountRows(reader.get(), "versions") == 2);

  // A delivery enqueued outside a check commits the group first; so does a
  // configuration sync.
  Record(writer.get(), Routine(id, 104));
  REQUIRE(writer->Enqueue(Delivery{"t-1", "legal", "test", "{}", 0}, 0, 105, nullptr).ok());
  CHECK_FALSE(writer->ChecksWaiting().has_value());
  CHECK(CountRows(reader.get(), "attempts") == 5);
  CHECK(CountRows(reader.get(), "outbox") == 1);
  Record(writer.get(), Routine(id, 106));
  REQUIRE(writer->SyncConfig(MakeConfig(1), 107).ok());
  CHECK_FALSE(writer->ChecksWaiting().has_value());
  CHECK(CountRows(reader.get(), "attempts") == 6);

  // A failure announcing the document unreachable is fsync'ed with its group.
  TestCheck down = Routine(id, 108);
  down.attempt.failed = true;
  down.attempt.error_kind = "timeout";
  down.attempt.unreachable = true;
  down.deliveries.push_back(Delivery{"u-1", "legal", "document.unreachable", "{}", 0});
  Record(writer.get(), down);
  CHECK(CountRows(reader.get(), "outbox") == 1);
  REQUIRE(writer->CommitChecks().ok());
  CHECK(CountRows(reader.get(), "attempts") == 7);
  CHECK(CountRows(reader.get(), "outbox") == 2);
}

TEST_CASE("a refused check leaves the other checks of its group in place", "[group]") {
  Grouped g;
  auto& writer = g.writer;
  const std::string& path = g.path;
  const std::int64_t id = g.id;
  g.FirstVersion();
  DocumentRow before;
  REQUIRE(writer->GetDocument("c0", "privacy-policy", &before).ok());

  Record(writer.get(), Routine(id, 101));
  TestCheck stale = Routine(id, 102);
  stale.attempt.expected_state = before.state;
  stale.attempt.expected_state->consecutive_failures = 7;  // not what is stored: refused
  CheckOutcome out;
  bool conflict = false;
  CHECK_FALSE(RecordCheck(writer.get(), stale, &out, &conflict).ok());
  CHECK(conflict);
  Record(writer.get(), Routine(id, 103));
  REQUIRE(writer->CommitChecks().ok());
  auto reader = OpenOrDie(path);
  CHECK(CountRows(reader.get(), "attempts") == 3);  // the version's, 101 and 103
}

TEST_CASE("a group SQLite rolled back is reported by the next CommitChecks", "[group][hostile]") {
  Grouped g;
  auto& writer = g.writer;
  const std::string& path = g.path;
  const std::int64_t id = g.id;
  Record(writer.get(), Routine(id, 101));
  Record(writer.get(), Routine(id, 102));
  // What SQLite does by itself after an I/O error or a full disk.
  REQUIRE(writer->db()->Exec("ROLLBACK").ok());
  Record(writer.get(), Routine(id, 103));  // a new group
  Status s = writer->CommitChecks();
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("rolled back"));
  CHECK(writer->CommitChecks().ok());  // told once
  auto reader = OpenOrDie(path);
  CHECK(CountRows(reader.get(), "attempts") == 1);  // 103 only
}

TEST_CASE("closing the store commits its group of routine checks", "[group]") {
  Grouped g;
  Record(g.writer.get(), Routine(g.id, 101));
  Record(g.writer.get(), Routine(g.id, 102));
  REQUIRE(g.writer->ChecksWaiting().has_value());
  g.writer.reset();
  auto reader = OpenOrDie(g.path);
  CHECK(CountRows(reader.get(), "attempts") == 2);
}

TEST_CASE("a process killed with a group open loses that group and nothing else", "[group]") {
  Grouped g;
  const std::string& path = g.path;
  Record(g.writer.get(), Fetched(g.id, 100, "# a\n", "<p>a</p>", 0));
  g.writer.reset();  // closing commits
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // No Catch2 in here: the child only writes and dies without committing.
    StoreOptions options;
    options.group_checks = true;
    std::unique_ptr<Store> store;
    if (!Store::Open(path, options, &store).ok()) _exit(2);
    DocumentRow row;
    if (!store->GetDocument("c0", "privacy-policy", &row).ok()) _exit(3);
    // A new version, then routine checks that join its group: all lost with
    // the group, all found again at the next check.
    TestCheck changed = Fetched(row.id, 101, "# b\n", "<p>b</p>", row.state.last_version_id);
    CheckOutcome out;
    if (!RecordCheck(store.get(), changed, &out).ok()) _exit(4);
    for (int i = 2; i <= 6; ++i) {
      if (!RecordCheck(store.get(), Routine(row.id, 100 + i), &out).ok()) _exit(5);
    }
    _exit(0);  // as a kill would: no destructor, no commit
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);

  auto store = OpenGrouped(path);
  CHECK(CountRows(store.get(), "attempts") == 1);
  CHECK(CountRows(store.get(), "versions") == 1);
  std::int64_t ok = 0;
  REQUIRE(store->db()->QueryInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'", &ok).ok());
  CHECK(ok == 1);
  // The lock died with the process: this one records and commits as usual.
  Record(store.get(), Routine(DocId(store.get()), 200));
  REQUIRE(store->CommitChecks().ok());
  CHECK(CountRows(store.get(), "attempts") == 2);
}

}  // namespace pw::store
