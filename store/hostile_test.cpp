// Bad input: broken files, unwritable places, huge and binary bodies.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

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

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  REQUIRE(out.good());
}

TEST_CASE("a corrupt database file gives an error naming the file", "[hostile]") {
  TempDir dir;
  const std::string path = dir.File("corrupt.db");
  std::string junk(8192, '\x5a');
  WriteFile(path, "this is not an SQLite database\n" + junk);
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains(path));
  CHECK_THAT(s.message(), Catch::Contains("not a database"));
  CHECK(store == nullptr);

  StoreOptions ro;
  ro.read_only = true;
  s = Store::Open(path, ro, &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains(path));
}

TEST_CASE("a database whose pages were damaged fails cleanly, not with a crash", "[hostile]") {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  {
    auto store = OpenOrDie(path);
    REQUIRE(store->SyncConfig(MakeConfig(20), 0).ok());
    REQUIRE(store->db()->Exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  {
    // Overwrite everything after the 100-byte header with garbage.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(0, std::ios::end);
    std::streamoff size = f.tellg();
    f.seekp(100);
    std::string junk(static_cast<size_t>(size - 100), '\xa5');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, &store);
  if (s.ok()) {
    std::vector<DocumentRow> docs;
    s = store->ListDocuments(true, &docs);
  }
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains(path));
}

TEST_CASE("a non-writable location gives an error naming the path", "[hostile]") {
  TempDir dir;
  std::unique_ptr<Store> store;
  Status s = Store::Open(dir.File("no/such/dir/pw.db"), &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("no/such/dir/pw.db"));

  if (geteuid() != 0) {  // root ignores permissions
    REQUIRE(chmod(dir.path().c_str(), 0500) == 0);
    s = Store::Open(dir.File("pw.db"), &store);
    chmod(dir.path().c_str(), 0700);
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.message(), Catch::Contains(dir.File("pw.db")));
  }

  StoreOptions ro;
  ro.read_only = true;
  s = Store::Open(dir.File("absent.db"), ro, &store);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("no database"));
}

TEST_CASE("huge texts and NUL bytes are stored exactly", "[hostile]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  DocumentRow doc;
  REQUIRE(store->GetDocument("c0", "terms", &doc).ok());

  std::string huge;
  huge.reserve(5 * 1024 * 1024 + 100);
  for (int i = 0; huge.size() < 5 * 1024 * 1024; ++i) {
    huge += "Paragraph " + std::to_string(i) + " of a very long policy, with a number " +
            std::to_string(i * 7919 % 10007) + ".\n";
  }
  std::string raw_with_nul = "<html>\0\0<p>" + huge.substr(0, 1000) + "</p>\xff";
  raw_with_nul.insert(6, 2, '\0');
  CheckOutcome out;
  Status s = RecordCheck(store.get(), Fetched(doc.id, 100, huge, raw_with_nul, 0), &out);
  INFO(s.ToString());
  REQUIRE(s.ok());
  REQUIRE(out.version_created);

  const std::string text_with_nul("Policy\0with a NUL\n", 18);
  s = RecordCheck(store.get(), Fetched(doc.id, 200, text_with_nul, raw_with_nul, out.version_id), &out);
  REQUIRE(s.ok());
  REQUIRE(out.version_created);
  const std::int64_t nul_version = out.version_id;

  std::vector<VersionInfo> versions;
  REQUIRE(store->ListVersions(doc.id, &versions).ok());
  REQUIRE(versions.size() == 2);
  VersionRow v;
  REQUIRE(store->GetVersion(doc.id, versions[0].id, &v).ok());
  CHECK(v.text.size() == huge.size());
  CHECK(v.text == huge);
  REQUIRE(store->GetVersion(doc.id, nul_version, &v).ok());
  CHECK(v.text == text_with_nul);
  CHECK(v.info.text_size == 18);
  CHECK(v.info.sha256 == Sha256Hex(text_with_nul));
  std::string raw;
  REQUIRE(store->GetEvidence(nul_version, &raw).ok());
  CHECK(raw == raw_with_nul);

  // The same NUL text again is the latest version's, not a new one (the hash
  // covers every byte).
  s = RecordCheck(store.get(), Fetched(doc.id, 300, text_with_nul, "x", nul_version), &out);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("the latest version's"));
}

TEST_CASE("tampered evidence and unknown ids are reported, not trusted", "[hostile]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  DocumentRow doc;
  REQUIRE(store->GetDocument("c0", "terms", &doc).ok());
  CheckOutcome out;
  REQUIRE(RecordCheck(store.get(), Fetched(doc.id, 100, "t\n", "raw body", 0), &out).ok());

  REQUIRE(store->db()->Exec("UPDATE versions SET raw_sha256 = 'bad'").ok());
  std::string raw;
  Status s = store->GetEvidence(out.version_id, &raw);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("SHA-256"));
  REQUIRE(store->db()->Exec("UPDATE versions SET raw_z = x'0102'").ok());
  s = store->GetEvidence(out.version_id, &raw);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("version " + std::to_string(out.version_id)));

  s = RecordCheck(store.get(), Fetched(9999, 100, "t\n", "r", 0), &out);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("no document 9999"));
  CHECK(CountRows(store.get(), "attempts") == 1);

  s = store->GetDocument("nobody", "terms", &doc);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("'nobody/terms'"));
  VersionRow v;
  CHECK_FALSE(store->GetVersion(doc.id, 12345, &v).ok());
}

TEST_CASE("a failing delivery rolls back the whole check", "[hostile]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  REQUIRE(store->SyncConfig(MakeConfig(1), 0).ok());
  DocumentRow doc;
  REQUIRE(store->GetDocument("c0", "terms", &doc).ok());
  REQUIRE(store->Enqueue(Delivery{"taken", "hook", "test", "{}", 0}, 0, 1, nullptr).ok());
  TestCheck rec = Fetched(doc.id, 100, "t\n", "r", 0);
  rec.change = NewChange{"material", "{}"};
  rec.deliveries = {Delivery{"taken", "hook", "document.changed", "{}", 0}};
  CheckOutcome out;
  Status s = RecordCheck(store.get(), rec, &out);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("'taken'"));
  CHECK(CountRows(store.get(), "versions") == 0);
  CHECK(CountRows(store.get(), "attempts") == 0);
  CHECK(CountRows(store.get(), "changes") == 0);
  REQUIRE(store->GetDocument("c0", "terms", &doc).ok());
  CHECK(doc.state.last_check_at == 0);
}

}  // namespace
}  // namespace pw::store
