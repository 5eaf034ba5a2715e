#include "store/store.h"

#include <catch2/catch.hpp>

#include "store/check_transaction.h"
#include "store/hash.h"
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

DocumentRow Doc(Store* store, const std::string& company, const std::string& type) {
  DocumentRow row;
  Status s = store->GetDocument(company, type, &row);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return row;
}

CheckOutcome Record(Store* store, const TestCheck& rec) {
  CheckOutcome out;
  Status s = RecordCheck(store, rec, &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return out;
}

TEST_CASE("SyncConfig adds, archives and un-archives, keeping history", "[sync]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  config::Config cfg = MakeConfig(2);
  REQUIRE(store->SyncConfig(cfg, 1000).ok());
  std::vector<DocumentRow> docs;
  REQUIRE(store->ListDocuments(false, &docs).ok());
  REQUIRE(docs.size() == 4);
  CHECK(docs[0].company_id == "c0");
  CHECK(docs[0].company_name == "Company 0");
  CHECK(docs[0].type == "privacy-policy");
  CHECK(docs[0].state.next_check_at == 1000);  // due at once
  CHECK_FALSE(docs[0].archived);

  DocumentRow c1 = Doc(store.get(), "c1", "terms");
  Record(store.get(), Fetched(c1.id, 1100, "# Terms\n\nHello.\n", "<h1>Terms</h1>", 0));

  // c1 leaves the config, and c0 drops its terms.
  config::Config smaller = MakeConfig(1);
  smaller.companies[0].documents.pop_back();
  REQUIRE(store->SyncConfig(smaller, 2000).ok());
  REQUIRE(store->ListDocuments(false, &docs).ok());
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].type == "privacy-policy");
  REQUIRE(store->ListDocuments(true, &docs).ok());
  REQUIRE(docs.size() == 4);
  CHECK(Doc(store.get(), "c1", "terms").archived);
  CHECK(Doc(store.get(), "c0", "terms").archived);
  std::vector<VersionInfo> versions;
  REQUIRE(store->ListVersions(c1.id, &versions).ok());
  CHECK(versions.size() == 1);  // history kept

  // Both come back, renamed and with a new URL: same ids, history intact,
  // conditional-request state cleared for the new URL.
  cfg.companies[1].name = "Company One";
  cfg.companies[1].documents[1].url = "https://example.org/new-terms";
  REQUIRE(store->SyncConfig(cfg, 3000).ok());
  DocumentRow back = Doc(store.get(), "c1", "terms");
  CHECK(back.id == c1.id);
  CHECK_FALSE(back.archived);
  CHECK(back.company_name == "Company One");
  CHECK(back.url == "https://example.org/new-terms");
  CHECK(back.state.etag.empty());
  CHECK(back.state.last_version_id == versions[0].id);
  CHECK_FALSE(Doc(store.get(), "c0", "terms").archived);
  REQUIRE(store->ListVersions(c1.id, &versions).ok());
  CHECK(versions.size() == 1);
}

TEST_CASE("a check that adds a version is new or changed, one that adds none is unchanged", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "privacy-policy").id;
  const std::string text1 = "# Privacy\n\nWe do not sell your data.\n";
  const std::string text2 = "# Privacy\n\nWe may sell your data.\n";

  // First check: a new version.
  CheckOutcome first = Record(store.get(), Fetched(id, 100, text1, "<p>v1</p>", 0));
  CHECK(first.outcome == AttemptOutcome::kNew);
  CHECK(first.version_created);
  CHECK(first.previous_version_id == 0);
  REQUIRE(first.version_id > 0);

  // Same text from different markup: no version added, "unchanged".
  CheckOutcome second =
      Record(store.get(), Unchanged(Fetched(id, 200, text1, "<div><p>v1</p></div>", first.version_id)));
  CHECK(second.outcome == AttemptOutcome::kUnchanged);
  CHECK_FALSE(second.version_created);
  CHECK(second.version_id == first.version_id);
  CHECK(CountRows(store.get(), "versions") == 1);
  CHECK(CountRows(store.get(), "changes") == 0);

  // A changed word: a version, its change and its notification.
  TestCheck changed = Fetched(id, 300, text2, "<p>v2</p>", first.version_id);
  changed.change = NewChange{"material", R"({"schema":"policywatch.changeset.v1"})"};
  changed.deliveries = {Delivery{"d-1", "legal", "document.changed", "{}", 0}};
  CheckOutcome third = Record(store.get(), changed);
  CHECK(third.outcome == AttemptOutcome::kChanged);
  CHECK(third.version_created);
  CHECK(third.previous_version_id == first.version_id);

  std::vector<VersionInfo> versions;
  REQUIRE(store->ListVersions(id, &versions).ok());
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].severity.empty());
  CHECK(versions[1].severity == "material");
  CHECK(versions[1].fetched_at == 300);
  CHECK(versions[1].sha256 == Sha256Hex(text2));
  CHECK(versions[1].text_size == static_cast<std::int64_t>(text2.size()));
  CHECK(versions[1].raw_size == 9);

  std::optional<VersionRow> latest;
  REQUIRE(store->LatestVersion(id, &latest).ok());
  REQUIRE(latest);
  CHECK(latest->info.id == third.version_id);
  CHECK(latest->text == text2);
  CHECK(latest->content_type == "text/html; charset=utf-8");
  std::optional<VersionRow> without_text;
  REQUIRE(store->LatestVersion(id, &without_text, /*with_text=*/false).ok());
  REQUIRE(without_text);
  CHECK(without_text->info.id == latest->info.id);
  CHECK(without_text->text.empty());
  CHECK(without_text->info.text_size == static_cast<std::int64_t>(text2.size()));
  CHECK(without_text->info.sha256 == latest->info.sha256);
  CHECK(without_text->sections_json == latest->sections_json);
  CHECK(without_text->raw_sha256 == latest->raw_sha256);
  CHECK(without_text->content_type == latest->content_type);
  VersionRow old;
  REQUIRE(store->GetVersion(id, first.version_id, &old).ok());
  CHECK(old.text == text1);
  std::string raw;
  REQUIRE(store->GetEvidence(first.version_id, &raw).ok());
  CHECK(raw == "<p>v1</p>");

  std::optional<ChangeRow> change;
  REQUIRE(store->GetChange(third.version_id, &change).ok());
  REQUIRE(change);
  CHECK(change->from_version == first.version_id);
  CHECK(change->severity == "material");
  CHECK(change->changeset_json == R"({"schema":"policywatch.changeset.v1"})");

  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(300, 10, &due).ok());
  REQUIRE(due.size() == 1);
  CHECK(due[0].delivery_id == "d-1");
  CHECK(due[0].document_id == id);

  DocumentRow doc = Doc(store.get(), "c0", "privacy-policy");
  CHECK(doc.state.last_version_id == third.version_id);
  CHECK(doc.state.last_change_at == 300);
  CHECK(doc.state.last_check_at == 300);
  CHECK(doc.state.next_check_at == 3900);
  CHECK(doc.state.etag == "\"etag-300\"");
  CHECK(CountRows(store.get(), "attempts") == 3);
  std::int64_t outcome = -1;
  REQUIRE(store->db()->QueryInt("SELECT count(*) FROM attempts_readable WHERE outcome = 'unchanged'",
                                &outcome).ok());
  CHECK(outcome == 1);
}

TEST_CASE("a check stores the caller's hashes of a new version when given", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "privacy-policy").id;
  TestCheck first = Fetched(id, 100, "# a\n", "<p>a</p>", 0);
  CheckOutcome out = Record(store.get(), first);
  REQUIRE(out.version_created);
  VersionRow computed;
  REQUIRE(store->GetVersion(id, out.version_id, &computed).ok());
  CHECK(computed.info.sha256 == Sha256Hex("# a\n"));
  CHECK(computed.raw_sha256 == Sha256Hex("<p>a</p>"));

  TestCheck given = Fetched(id, 200, "# b\n", "<p>b</p>", out.version_id);
  given.version->text_sha256 = Sha256Hex("# b\n");
  given.version->raw_sha256 = Sha256Hex("<p>b</p>");
  CheckOutcome second = Record(store.get(), given);
  REQUIRE(second.version_created);
  VersionRow stored;
  REQUIRE(store->GetVersion(id, second.version_id, &stored).ok());
  CHECK(stored.info.sha256 == Sha256Hex("# b\n"));
  CHECK(stored.raw_sha256 == Sha256Hex("<p>b</p>"));
  std::string raw;
  REQUIRE(store->GetEvidence(second.version_id, &raw).ok());  // checks raw against its hash
  CHECK(raw == "<p>b</p>");
}

TEST_CASE("a failed attempt is recorded and changes nothing else", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "terms").id;
  TestCheck ok = Fetched(id, 100, "# T\n", "<h1>T</h1>", 0);
  ok.attempt.raw_sha256 = Sha256Hex("<h1>T</h1>");
  CheckOutcome first = Record(store.get(), ok);
  DocumentRow before = Doc(store.get(), "c0", "terms");

  for (int i = 1; i <= 3; ++i) {
    TestCheck failed;
    failed.attempt.document_id = id;
    failed.attempt.started_at = 100 + i * 10;
    failed.attempt.duration_ms = 15000;
    failed.attempt.failed = true;
    failed.attempt.error_kind = "timeout";
    failed.attempt.error_message = "operation timed out after 15000 ms";
    failed.attempt.etag = "ignored";
    failed.attempt.next_check_at = 5000 + i;
    if (i == 3) {
      failed.attempt.unreachable = true;
      failed.deliveries.push_back(Delivery{"u-1", "hook", "document.unreachable", "{}", 0});
    }
    CheckOutcome out = Record(store.get(), failed);
    CHECK(out.outcome == AttemptOutcome::kFailed);
    CHECK_FALSE(out.version_created);
    CHECK(out.consecutive_failures == i);
    CHECK(out.version_id == first.version_id);
  }
  DocumentRow after = Doc(store.get(), "c0", "terms");
  CHECK(after.state.consecutive_failures == 3);
  CHECK(after.state.unreachable);
  CHECK(after.state.etag == before.state.etag);
  CHECK(after.state.last_modified == before.state.last_modified);
  CHECK(after.state.last_raw_sha256 == before.state.last_raw_sha256);
  CHECK(after.state.last_version_id == first.version_id);
  CHECK(after.state.last_change_at == 100);
  CHECK(after.state.last_check_at == 130);
  CHECK(after.state.next_check_at == 5003);
  CHECK(CountRows(store.get(), "versions") == 1);
  std::int64_t n = 0;
  REQUIRE(store->db()->QueryInt(
      "SELECT count(*) FROM attempts WHERE outcome = 4 AND error_kind = 'timeout'"
      " AND http_status IS NULL", &n).ok());
  CHECK(n == 3);
  CHECK(CountRows(store.get(), "outbox") == 1);

  // Recovery: a success resets the failures; the caller clears the flag.
  TestCheck back = Unchanged(Fetched(id, 200, "# T\n", "<h1>T</h1>", first.version_id));
  back.attempt.unreachable = false;
  CheckOutcome out = Record(store.get(), back);
  CHECK(out.outcome == AttemptOutcome::kUnchanged);
  CHECK(out.consecutive_failures == 0);
  CHECK_FALSE(Doc(store.get(), "c0", "terms").state.unreachable);
}

TEST_CASE("304 and skipped extraction are unchanged checks", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "terms").id;
  TestCheck ok = Fetched(id, 100, "# T\n", "<h1>T</h1>", 0);
  ok.attempt.raw_sha256 = Sha256Hex("<h1>T</h1>");
  Record(store.get(), ok);

  TestCheck not_modified;
  not_modified.attempt.document_id = id;
  not_modified.attempt.started_at = 200;
  not_modified.attempt.not_modified = true;
  not_modified.attempt.http_status = 304;
  not_modified.attempt.next_check_at = 9000;
  CheckOutcome out = Record(store.get(), not_modified);
  CHECK(out.outcome == AttemptOutcome::kNotModified);
  CHECK_FALSE(out.version_created);
  DocumentRow doc = Doc(store.get(), "c0", "terms");
  CHECK(doc.state.etag == "\"etag-100\"");  // kept: the 304 sent none
  CHECK(doc.state.last_raw_sha256 == Sha256Hex("<h1>T</h1>"));
  CHECK(doc.state.next_check_at == 9000);

  // A 304 carrying a new validator updates it.
  not_modified.attempt.started_at = 300;
  not_modified.attempt.etag = "\"e2\"";
  Record(store.get(), not_modified);
  CHECK(Doc(store.get(), "c0", "terms").state.etag == "\"e2\"");

  // Raw body hash equal: the pipeline skips extraction and sends no version.
  TestCheck skipped;
  skipped.attempt.document_id = id;
  skipped.attempt.started_at = 400;
  skipped.attempt.http_status = 200;
  skipped.attempt.bytes = 10;
  skipped.attempt.raw_sha256 = Sha256Hex("<h1>T</h1>");
  out = Record(store.get(), skipped);
  CHECK(out.outcome == AttemptOutcome::kUnchanged);
  CHECK(CountRows(store.get(), "versions") == 1);
  CHECK(CountRows(store.get(), "attempts") == 4);
}

TEST_CASE("the latest-version guard refuses a diff against a stale version", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "terms").id;
  CheckOutcome v1 = Record(store.get(), Fetched(id, 100, "one\n", "1", 0));
  // Two checks both read v1; the first stores v2.
  Record(store.get(), Fetched(id, 200, "two\n", "2", v1.version_id));
  TestCheck stale = Fetched(id, 300, "three\n", "3", v1.version_id);
  stale.change = NewChange{"minor", "{}"};
  stale.deliveries = {Delivery{"x", "legal", "document.changed", "{}", 0}};
  stale.deliveries.push_back(Delivery{"y", "legal", "document.recovered", "{}", 0});
  CheckOutcome out;
  bool conflict = false;
  Status s = RecordCheck(store.get(), stale, &out, &conflict);
  REQUIRE_FALSE(s.ok());
  CHECK(conflict);
  CHECK_THAT(s.message(), Catch::Contains("re-read"));
  CHECK(CountRows(store.get(), "versions") == 2);
  CHECK(CountRows(store.get(), "attempts") == 2);
  CHECK(CountRows(store.get(), "outbox") == 0);
  CHECK(Doc(store.get(), "c0", "terms").state.last_check_at == 200);

  // A check that guessed "no version yet" on a document that has one also fails.
  CheckOutcome out2;
  bool conflict2 = false;
  CHECK_FALSE(RecordCheck(store.get(), Fetched(id, 400, "four\n", "4", 0), &out2, &conflict2).ok());
  CHECK(conflict2);
}

TEST_CASE("the state guard refuses a check decided from a state read before another check",
          "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "terms").id;
  Record(store.get(), Fetched(id, 100, "one\n", "1", 0));
  const DocumentState read = Doc(store.get(), "c0", "terms").state;

  // Read just now: accepted.
  TestCheck current;
  current.attempt.document_id = id;
  current.attempt.started_at = 200;
  current.attempt.raw_sha256 = read.last_raw_sha256;
  current.attempt.expected_state = read;
  Record(store.get(), current);

  // Another check (a failure) lands between our read and our write: refused,
  // nothing written.
  const DocumentState before = Doc(store.get(), "c0", "terms").state;
  TestCheck failure;
  failure.attempt.document_id = id;
  failure.attempt.started_at = 300;
  failure.attempt.failed = true;
  failure.attempt.error_kind = "timeout";
  Record(store.get(), failure);
  TestCheck stale = current;
  stale.attempt.started_at = 400;
  stale.attempt.expected_state = before;
  stale.deliveries.push_back(Delivery{"z", "legal", "document.recovered", "{}", 0});
  CheckOutcome out;
  bool conflict = false;
  Status s = RecordCheck(store.get(), stale, &out, &conflict);
  REQUIRE_FALSE(s.ok());
  CHECK(conflict);
  CHECK_THAT(s.message(), Catch::Contains("re-read"));
  CHECK(CountRows(store.get(), "attempts") == 3);
  CHECK(CountRows(store.get(), "outbox") == 0);
  CHECK(Doc(store.get(), "c0", "terms").state.consecutive_failures == 1);
}

TEST_CASE("a read-only reader sees committed data while a writer holds a transaction",
          "[reader]") {
  TempDir dir;
  const std::string path = dir.File("pw.db");
  auto writer = OpenOrDie(path);
  REQUIRE(writer->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(writer.get(), "c0", "terms").id;
  CheckOutcome v1 = Record(writer.get(), Fetched(id, 100, "one\n", "1", 0));

  StoreOptions ro;
  ro.read_only = true;
  ro.busy_timeout_ms = 100;  // a reader that would block would fail quickly
  std::unique_ptr<Store> reader;
  REQUIRE(Store::Open(path, ro, &reader).ok());

  Transaction hold(writer->db());
  REQUIRE(hold.Begin().ok());
  REQUIRE(writer->db()->Exec("UPDATE documents SET url = 'uncommitted'").ok());
  std::vector<DocumentRow> docs;
  Status s = reader->ListDocuments(true, &docs);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(docs.size() == 2);
  CHECK(docs[0].url != "uncommitted");
  std::optional<VersionRow> latest;
  REQUIRE(reader->LatestVersion(id, &latest).ok());
  REQUIRE(latest);
  CHECK(latest->info.id == v1.version_id);

  // The reader cannot write.
  CheckOutcome out;
  s = RecordCheck(reader.get(), Fetched(id, 200, "two\n", "2", v1.version_id), &out);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("read-only"));
}

TEST_CASE("a reader holding a snapshot open does not block the writer", "[reader]") {
  TempDir dir;
  const std::string path = dir.File("pw.db");
  auto writer = OpenOrDie(path);
  REQUIRE(writer->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(writer.get(), "c0", "terms").id;
  CheckOutcome v1 = Record(writer.get(), Fetched(id, 100, "one\n", "1", 0));

  DbOptions ro;
  ro.read_only = true;
  std::unique_ptr<Db> reader;
  REQUIRE(Db::Open(path, ro, &reader).ok());
  REQUIRE(reader->Exec("BEGIN").ok());
  std::int64_t seen = 0;
  REQUIRE(reader->QueryInt("SELECT count(*) FROM versions", &seen).ok());  // snapshot taken
  CHECK(seen == 1);

  CheckOutcome v2 = Record(writer.get(), Fetched(id, 200, "two\n", "2", v1.version_id));
  CHECK(v2.version_created);
  REQUIRE(reader->QueryInt("SELECT count(*) FROM versions", &seen).ok());
  CHECK(seen == 1);  // the reader's snapshot is stable
  REQUIRE(reader->Exec("COMMIT").ok());
  REQUIRE(reader->QueryInt("SELECT count(*) FROM versions", &seen).ok());
  CHECK(seen == 2);
}

TEST_CASE("a read-only open works when no writer is running", "[reader]") {
  TempDir dir;
  const std::string path = dir.File("pw.db");
  {
    auto writer = OpenOrDie(path);
    REQUIRE(writer->SyncConfig(MakeConfig(1), 0).ok());
  }
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> reader;
  Status s = Store::Open(path, ro, &reader);
  INFO(s.ToString());
  REQUIRE(s.ok());
  std::vector<DocumentRow> docs;
  REQUIRE(reader->ListDocuments(false, &docs).ok());
  CHECK(docs.size() == 2);
}


TEST_CASE("a check transaction reads top to bottom, and its deliveries name the new version",
          "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "privacy-policy").id;
  CheckOutcome first = Record(store.get(), Fetched(id, 100, "# A\n\none\n", "<p>1</p>", 0));

  TestCheck changed = Fetched(id, 200, "# A\n\ntwo\n", "<p>2</p>", first.version_id);
  changed.attempt.durable = true;
  CheckTransaction txn(store.get());
  REQUIRE(txn.Begin(changed.attempt).ok());
  std::int64_t version_id = 0;
  REQUIRE(txn.AddVersion(*changed.version, &version_id).ok());
  REQUIRE(version_id > first.version_id);
  REQUIRE(txn.AddChange(NewChange{"minor", "{}"}).ok());
  const std::string to = std::to_string(version_id);
  REQUIRE(txn.Enqueue({Delivery{"d-" + to, "legal", "document.changed", "{\"to\":" + to + "}", 0}})
              .ok());
  CheckOutcome second;
  REQUIRE(txn.Commit(&second).ok());
  CHECK(second.outcome == AttemptOutcome::kChanged);
  CHECK(second.version_id == version_id);
  CHECK(second.previous_version_id == first.version_id);
  std::optional<ChangeRow> change;
  REQUIRE(store->GetChange(version_id, &change).ok());
  REQUIRE(change);
  CHECK(change->from_version == first.version_id);
  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(1000, 10, &due).ok());
  REQUIRE(due.size() == 1);
  CHECK(due[0].delivery_id == "d-" + to);
  CHECK(due[0].payload_json == "{\"to\":" + to + "}");
}

TEST_CASE("a check transaction refuses steps its attempt does not allow, and uncommitted it "
          "writes nothing", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "privacy-policy").id;
  CheckOutcome first = Record(store.get(), Fetched(id, 100, "# A\n\none\n", "<p>1</p>", 0));
  const Delivery note{"n-1", "legal", "document.changed", "{}", 0};
  std::int64_t version_id = 0;

  // The latest version's text again is "unchanged", not a version.
  TestCheck same = Fetched(id, 200, "# A\n\none\n", "<p>1 again</p>", first.version_id);
  same.attempt.durable = true;
  {
    CheckTransaction txn(store.get());
    REQUIRE(txn.Begin(same.attempt).ok());
    Status s = txn.AddVersion(*same.version, &version_id);
    CHECK_THAT(s.message(), Catch::Contains("the latest version's"));
    CHECK_THAT(s.message(), Catch::Contains("document " + std::to_string(id)));
  }
  // A routine check (not durable) may add neither a version nor a delivery.
  TestCheck routine = Fetched(id, 300, "# A\n\ntwo\n", "<p>2</p>", first.version_id);
  {
    CheckTransaction txn(store.get());
    REQUIRE(txn.Begin(routine.attempt).ok());
    CHECK_THAT(txn.AddVersion(*routine.version, &version_id).message(),
               Catch::Contains("routine"));
    CHECK_THAT(txn.Enqueue({note}).message(), Catch::Contains("routine"));
    CHECK(txn.Enqueue({}).ok());  // nothing to enqueue is fine
  }
  // A 304 or a failed fetch brought no body to make a version of.
  TestCheck not_modified = routine;
  not_modified.attempt.durable = true;
  not_modified.attempt.not_modified = true;
  {
    CheckTransaction txn(store.get());
    REQUIRE(txn.Begin(not_modified.attempt).ok());
    CHECK_THAT(txn.AddVersion(*not_modified.version, &version_id).message(),
               Catch::Contains("no new body"));
  }
  // A change needs a version; a version needs the latest the check compared with.
  TestCheck unnamed = routine;
  unnamed.attempt.durable = true;
  unnamed.attempt.expected_latest_version_id.reset();
  {
    CheckTransaction txn(store.get());
    REQUIRE(txn.Begin(unnamed.attempt).ok());
    CHECK_THAT(txn.AddChange(NewChange{"minor", "{}"}).message(),
               Catch::Contains("no version was added"));
    CHECK_THAT(txn.AddVersion(*unnamed.version, &version_id).message(),
               Catch::Contains("named no latest version"));
  }
  // Begun, a version added and a delivery enqueued, but never committed.
  routine.attempt.durable = true;
  {
    CheckTransaction txn(store.get());
    REQUIRE(txn.Begin(routine.attempt).ok());
    REQUIRE(txn.AddVersion(*routine.version, &version_id).ok());
    REQUIRE(txn.Enqueue({note}).ok());
  }
  CHECK(CountRows(store.get(), "versions") == 1);
  CHECK(CountRows(store.get(), "outbox") == 0);
  CHECK(CountRows(store.get(), "attempts") == 1);
  CHECK(Doc(store.get(), "c0", "privacy-policy").state.last_check_at == 100);
}


TEST_CASE("only checks that store a version or a delivery are fsync'ed", "[check]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  const std::int64_t id = Doc(store.get(), "c0", "privacy-policy").id;
  auto synchronous = [&] {
    std::int64_t mode = -1;
    REQUIRE(store->db()->QueryInt("PRAGMA synchronous", &mode).ok());
    return mode;  // 1 NORMAL, 2 FULL
  };
  CheckOutcome first = Record(store.get(), Fetched(id, 100, "# A\n\none\n", "<p>1</p>", 0));
  CHECK(synchronous() == 2);  // a new version
  Record(store.get(), Unchanged(Fetched(id, 200, "# A\n\none\n", "<p>1</p>", first.version_id)));
  CHECK(synchronous() == 1);  // unchanged: attempt and state only
  TestCheck failed;
  failed.attempt.document_id = id;
  failed.attempt.started_at = 300;
  failed.attempt.failed = true;
  failed.attempt.error_kind = "timeout";
  failed.deliveries.push_back(Delivery{"u-1", "legal", "document.unreachable", "{}", 0});
  Record(store.get(), failed);
  CHECK(synchronous() == 2);  // a notification
  bool changed = false;
  Record(store.get(), Unchanged(Fetched(id, 400, "# A\n\none\n", "<p>1</p>", first.version_id)));
  CHECK(synchronous() == 1);
  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(1000, 10, &due).ok());
  REQUIRE(due.size() == 1);
  REQUIRE(store->MarkDelivered(due[0].id, 1000, &changed).ok());
  CHECK(synchronous() == 2);  // "delivered" must survive a power cut

  // With synchronous_full off, nothing is fsync'ed per commit.
  std::unique_ptr<Store> relaxed;
  StoreOptions options;
  options.synchronous_full = false;
  REQUIRE(Store::Open(dir.File("relaxed.db"), options, &relaxed).ok());
  REQUIRE(relaxed->SyncConfig(MakeConfig(1), 0).ok());
  std::int64_t mode = -1;
  REQUIRE(relaxed->db()->QueryInt("PRAGMA synchronous", &mode).ok());
  CHECK(mode == 1);
}

}  // namespace
}  // namespace pw::store
