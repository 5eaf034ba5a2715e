#include <catch2/catch.hpp>

#include "store/store.h"
#include "store/test_util.h"

namespace pw::store {
namespace {

using testing::OpenOrDie;
using testing::TempDir;

std::int64_t Enqueue(Store* store, const std::string& id, std::int64_t now,
                     std::int64_t next_attempt_at = 0) {
  std::int64_t row = 0;
  Status s = store->Enqueue(Delivery{id, "hook", "document.changed", "{\"id\":\"" + id + "\"}",
                                     next_attempt_at},
                            0, now, &row);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return row;
}

TEST_CASE("outbox: enqueue, due, delivered, back-off, failed", "[outbox]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  std::int64_t a = Enqueue(store.get(), "a", 100);
  std::int64_t b = Enqueue(store.get(), "b", 100, 500);  // not due before 500
  std::int64_t c = Enqueue(store.get(), "c", 90);

  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(100, 10, &due).ok());
  REQUIRE(due.size() == 2);
  CHECK(due[0].delivery_id == "c");  // due earliest first
  CHECK(due[1].delivery_id == "a");
  CHECK(due[1].payload_json == "{\"id\":\"a\"}");
  CHECK(due[1].state == DeliveryState::kPending);
  REQUIRE(store->DueDeliveries(100, 1, &due).ok());
  CHECK(due.size() == 1);

  bool changed = false;
  REQUIRE(store->MarkDelivered(a, 101, &changed).ok());
  CHECK(changed);
  // A repeat (e.g. after a crash between send and mark) changes nothing.
  REQUIRE(store->MarkDelivered(a, 102, &changed).ok());
  CHECK_FALSE(changed);
  // A delivered one is never un-delivered.
  REQUIRE(store->MarkAttemptFailed(a, "late failure", 200, &changed).ok());
  CHECK_FALSE(changed);

  REQUIRE(store->MarkAttemptFailed(c, "HTTP 503 from hooks.example.org", 160, &changed).ok());
  CHECK(changed);
  REQUIRE(store->DueDeliveries(150, 10, &due).ok());
  CHECK(due.empty());  // backing off
  REQUIRE(store->DueDeliveries(600, 10, &due).ok());
  REQUIRE(due.size() == 2);
  CHECK(due[0].delivery_id == "c");
  CHECK(due[0].attempts == 1);
  CHECK(due[0].last_error == "HTTP 503 from hooks.example.org");
  CHECK(due[1].delivery_id == "b");

  REQUIRE(store->MarkFailed(c, "gave up after 3 days", &changed).ok());
  CHECK(changed);
  std::vector<OutboxRow> open;
  REQUIRE(store->ListPendingOrFailed(10, &open).ok());
  REQUIRE(open.size() == 2);
  CHECK(open[0].id == c);  // newest first
  CHECK(open[0].state == DeliveryState::kFailed);
  CHECK(open[0].attempts == 2);
  CHECK(open[1].id == b);
  CHECK(std::string(DeliveryStateName(open[0].state)) == "failed");

  REQUIRE(store->DueDeliveries(1000, 10, &due).ok());
  REQUIRE(due.size() == 1);
  CHECK(due[0].id == b);
}

TEST_CASE("outbox: NextDeliveryAt is the earliest pending attempt, 0 when none", "[outbox]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  std::int64_t at = -1;
  REQUIRE(store->NextDeliveryAt(&at).ok());
  CHECK(at == 0);
  std::int64_t a = Enqueue(store.get(), "a", 100, 700);
  Enqueue(store.get(), "b", 100, 500);
  REQUIRE(store->NextDeliveryAt(&at).ok());
  CHECK(at == 500);
  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(600, 10, &due).ok());
  REQUIRE(due.size() == 1);
  REQUIRE(store->MarkDelivered(due[0].id, 600).ok());
  REQUIRE(store->NextDeliveryAt(&at).ok());
  CHECK(at == 700);
  REQUIRE(store->MarkFailed(a, "gave up").ok());
  REQUIRE(store->NextDeliveryAt(&at).ok());
  CHECK(at == 0);  // failed and delivered ones are not pending
}

TEST_CASE("outbox: delivered state survives reopening", "[outbox]") {
  TempDir dir;
  std::int64_t id = 0;
  {
    auto store = OpenOrDie(dir.File("pw.db"));
    id = Enqueue(store.get(), "once", 10);
    REQUIRE(store->MarkDelivered(id, 11).ok());
  }
  auto store = OpenOrDie(dir.File("pw.db"));
  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(1000000, 10, &due).ok());
  CHECK(due.empty());
}

TEST_CASE("outbox: bad requests give clear errors", "[outbox]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  Enqueue(store.get(), "dup", 10);
  Status s = store->Enqueue(Delivery{"dup", "hook", "document.changed", "{}", 0}, 0, 10, nullptr);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("'dup'"));
  CHECK_THAT(s.message(), Catch::Contains("UNIQUE"));

  s = store->Enqueue(Delivery{"", "hook", "document.changed", "{}", 0}, 0, 10, nullptr);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("required"));

  s = store->MarkDelivered(424242, 10);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("no delivery with id 424242"));

  s = store->Enqueue(Delivery{"z", "hook", "document.changed", "{}", 0}, 999, 10, nullptr);
  REQUIRE_FALSE(s.ok());  // unknown document: foreign key
  CHECK_THAT(s.message(), Catch::Contains("FOREIGN KEY"));
}

}  // namespace
TEST_CASE("outbox: a digest's rows are marked together or not at all", "[outbox][digest]") {
  TempDir dir;
  auto store = OpenOrDie(dir.File("pw.db"));
  std::int64_t a = Enqueue(store.get(), "a", 100);
  std::int64_t b = Enqueue(store.get(), "b", 100);
  std::int64_t c = Enqueue(store.get(), "c", 100);

  REQUIRE(store->MarkAllAttemptFailed({a, b}, "HTTP 500", 160).ok());
  std::vector<OutboxRow> due;
  REQUIRE(store->DueDeliveries(150, 10, &due).ok());
  REQUIRE(due.size() == 1);
  CHECK(due[0].delivery_id == "c");
  REQUIRE(store->DueDeliveries(160, 10, &due).ok());
  REQUIRE(due.size() == 3);
  for (const auto& row : due) {
    if (row.delivery_id == "c") continue;
    CHECK(row.attempts == 1);
    CHECK(row.next_attempt_at == 160);
    CHECK(row.last_error == "HTTP 500");
  }

  // An id that is not in the outbox: an error, and none of the others marked.
  Status s = store->MarkAllDelivered({a, b, 9999}, 170);
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("no delivery with id 9999") != std::string::npos);
  REQUIRE(store->DueDeliveries(170, 10, &due).ok());
  CHECK(due.size() == 3);

  REQUIRE(store->MarkAllDelivered({a, b, c}, 170).ok());
  REQUIRE(store->DueDeliveries(1000, 10, &due).ok());
  CHECK(due.empty());
  std::int64_t next = -1;
  REQUIRE(store->NextDeliveryAt(&next).ok());
  CHECK(next == 0);
}

}  // namespace pw::store
