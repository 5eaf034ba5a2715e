// The read side's queries: ListChanges with each filter and paging,
// LatestChangeSeverities, and ReadStats, on a real database file.
#include <catch2/catch.hpp>

#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::Fetched;
using testing::MakeConfig;
using testing::OpenOrDie;
using testing::RecordCheck;
using testing::TempDir;
using testing::TestCheck;
using testing::Unchanged;

std::string ChangesetWith(const std::string& category) {
  return R"({"schema":"policywatch.changeset.v1","sections":[{"categories":[")" + category +
         R"("]}]})";
}

struct History {
  TempDir dir;
  std::unique_ptr<Store> store = OpenOrDie(dir.File("pw.db"));
  std::vector<DocumentRow> docs;
  std::int64_t latest[4] = {0, 0, 0, 0};

  History() {
    REQUIRE(store->SyncConfig(MakeConfig(2), 1000).ok());
    REQUIRE(store->ListDocuments(false, &docs).ok());
  }
  // A new version of docs[d] at `when`, a change of `severity` touching `category`.
  void Change(int d, std::int64_t when, const std::string& severity, const std::string& category) {
    TestCheck check = Fetched(docs[d].id, when, "text " + std::to_string(when), "raw", latest[d]);
    if (latest[d] != 0) check.change = NewChange{severity, ChangesetWith(category)};
    CheckOutcome out;
    REQUIRE(RecordCheck(store.get(), check, &out).ok());
    latest[d] = out.version_id;
  }
  std::vector<std::string> Severities(const ChangeFilter& filter) {
    std::vector<ChangeRow> rows;
    REQUIRE(store->ListChanges(filter, &rows).ok());
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.severity);
    return out;
  }
};

TEST_CASE("ListChanges filters by document company severity category and time", "[reads]") {
  History h;
  for (int d = 0; d < 4; ++d) h.Change(d, 1000, "", "");
  h.Change(0, 2000, "minor", "data-retention");
  h.Change(0, 3000, "material", "third-party-sharing");
  h.Change(2, 4000, "cosmetic", "other");
  using V = std::vector<std::string>;
  CHECK(h.Severities(ChangeFilter()) == V{"cosmetic", "material", "minor"});
  ChangeFilter f;
  f.document_id = h.docs[0].id;
  CHECK(h.Severities(f) == V{"material", "minor"});
  f = ChangeFilter();
  f.company_id = "c1";
  CHECK(h.Severities(f) == V{"cosmetic"});
  f = ChangeFilter();
  f.min_severity = Severity::kMinor;
  CHECK(h.Severities(f) == V{"material", "minor"});
  f = ChangeFilter();
  f.category = "data-retention";
  CHECK(h.Severities(f) == V{"minor"});
  f = ChangeFilter();
  f.since = 2500;
  CHECK(h.Severities(f) == V{"cosmetic", "material"});
}

TEST_CASE("ListChanges pages down by id", "[reads]") {
  History h;
  h.Change(0, 1000, "", "");
  for (int i = 1; i <= 5; ++i) h.Change(0, 1000 + i, "minor", "other");
  ChangeFilter f;
  f.limit = 2;
  std::vector<ChangeRow> page;
  std::vector<std::int64_t> seen;
  do {
    REQUIRE(h.store->ListChanges(f, &page).ok());
    for (const auto& c : page) seen.push_back(c.id);
    if (!page.empty()) f.before_id = page.back().id;
  } while (page.size() == 2);
  REQUIRE(seen.size() == 5);
  for (size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] < seen[i - 1]);
}

TEST_CASE("LatestChangeSeverities gives each document's newest change", "[reads]") {
  History h;
  h.Change(1, 1000, "", "");
  h.Change(1, 2000, "material", "other");
  h.Change(1, 3000, "cosmetic", "other");
  std::vector<std::pair<std::int64_t, std::string>> latest;
  REQUIRE(h.store->LatestChangeSeverities(&latest).ok());
  REQUIRE(latest.size() == 1);
  CHECK(latest[0] == std::pair<std::int64_t, std::string>{h.docs[1].id, "cosmetic"});
}

TEST_CASE("ReadStats counts checks changes deliveries and durations", "[reads]") {
  History h;
  h.Change(0, 1000, "", "");
  h.Change(0, 2000, "material", "other");
  TestCheck failed;
  failed.attempt.document_id = h.docs[1].id;
  failed.attempt.started_at = 2500;
  failed.attempt.duration_ms = 2500;
  failed.attempt.failed = true;
  failed.attempt.error_kind = "timeout";
  CheckOutcome out;
  REQUIRE(RecordCheck(h.store.get(), failed, &out).ok());
  TestCheck same = Unchanged(Fetched(h.docs[0].id, 3000, "text 2000", "raw", h.latest[0]));
  REQUIRE(RecordCheck(h.store.get(), same, &out).ok());

  StoreStats stats;
  stats.duration_bounds = {1.0, 0.1, 10.0};
  REQUIRE(h.store->ReadStats(&stats).ok());
  CHECK(stats.attempts_by_outcome[static_cast<int>(AttemptOutcome::kNew)] == 1);
  CHECK(stats.attempts_by_outcome[static_cast<int>(AttemptOutcome::kChanged)] == 1);
  CHECK(stats.attempts_by_outcome[static_cast<int>(AttemptOutcome::kFailed)] == 1);
  CHECK(stats.attempts_by_outcome[static_cast<int>(AttemptOutcome::kUnchanged)] == 1);
  CHECK(stats.changes_by_severity == std::vector<std::pair<std::string, std::int64_t>>{{"material", 1}});
  CHECK(stats.documents == 4);
  CHECK(stats.duration_bounds == std::vector<double>{0.1, 1.0, 10.0});
  CHECK(stats.duration_count == 4);
  // Three checks of 120 ms (test_util's) and the failure of 2.5 s.
  CHECK(stats.duration_buckets == std::vector<std::int64_t>{0, 3, 4});
  CHECK(stats.duration_sum == Approx(2.86));
  CHECK(stats.last_success[0] == std::pair<std::int64_t, std::int64_t>{h.docs[0].id, 3000});
  CHECK(stats.last_success[1] == std::pair<std::int64_t, std::int64_t>{h.docs[1].id, 0});
}

}  // namespace
}  // namespace pw::store
