#include "store/test_util.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "store/check_transaction.h"

namespace pw::store::testing {

config::Config MakeConfig(int companies) {
  config::Config c;
  for (int i = 0; i < companies; ++i) {
    config::Company company;
    company.id = "c" + std::to_string(i);
    company.name = "Company " + std::to_string(i);
    for (const char* type : {"privacy-policy", "terms"}) {
      company.documents.push_back(
          config::PageDocument(type, "https://example.org/" + company.id + "/" + type));
    }
    c.companies.push_back(company);
  }
  return c;
}

TestCheck Fetched(std::int64_t document_id, std::int64_t when, const std::string& text,
                  const std::string& raw, std::int64_t expected_latest) {
  TestCheck r;
  CheckAttempt& a = r.attempt;
  a.document_id = document_id;
  a.started_at = when;
  a.duration_ms = 120;
  a.http_status = 200;
  a.bytes = static_cast<std::int64_t>(raw.size());
  a.expected_latest_version_id = expected_latest;
  a.etag = "\"etag-" + std::to_string(when) + "\"";
  a.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
  a.next_check_at = when + 3600;
  r.version = NewVersion{text, "[]", raw, "text/html; charset=utf-8", 0, {}, {}};
  return r;
}

TestCheck Unchanged(TestCheck check) {
  check.version.reset();
  check.change.reset();
  return check;
}

Status RecordCheck(Store* store, const TestCheck& check, CheckOutcome* outcome,
                   bool* conflict) {
  CheckAttempt attempt = check.attempt;
  attempt.durable = attempt.durable || check.version || !check.deliveries.empty();
  CheckTransaction txn(store);
  Status s = txn.Begin(attempt);
  if (conflict != nullptr) *conflict = txn.conflict();
  if (!s.ok()) return s;
  if (check.version) {
    std::int64_t id = 0;
    if (s = txn.AddVersion(*check.version, &id); !s.ok()) return s;
    if (check.change && !(s = txn.AddChange(*check.change)).ok()) return s;
  }
  if (s = txn.Enqueue(check.deliveries); !s.ok()) return s;
  return txn.Commit(outcome);
}

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  std::unique_ptr<Store> store;
  Status s = Store::Open(path, &store);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return store;
}

std::int64_t CountRows(Store* store, const std::string& table) {
  std::int64_t n = -1;
  std::string sql = "SELECT count(*) FROM " + table;
  Status s = store->db()->QueryInt(sql.c_str(), &n);
  INFO(s.ToString());
  REQUIRE(s.ok());
  return n;
}

}  // namespace pw::store::testing
