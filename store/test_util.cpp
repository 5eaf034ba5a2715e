#include "store/test_util.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>

namespace pw::store::testing {

config::Config MakeConfig(int companies) {
  config::Config c;
  for (int i = 0; i < companies; ++i) {
    config::Company company;
    company.id = "c" + std::to_string(i);
    company.name = "Company " + std::to_string(i);
    for (const char* type : {"privacy-policy", "terms"}) {
      config::Document d;
      d.type = type;
      d.url = "https://example.org/" + company.id + "/" + type;
      company.documents.push_back(d);
    }
    c.companies.push_back(company);
  }
  return c;
}

CheckRecord Fetched(std::int64_t document_id, std::int64_t when, const std::string& text,
                    const std::string& raw, std::int64_t expected_latest) {
  CheckRecord r;
  r.document_id = document_id;
  r.started_at = when;
  r.duration_ms = 120;
  r.http_status = 200;
  r.bytes = static_cast<std::int64_t>(raw.size());
  r.version = NewVersion{text, "[]", raw, "text/html; charset=utf-8", 0, {}, {}};
  r.expected_latest_version_id = expected_latest;
  r.etag = "\"etag-" + std::to_string(when) + "\"";
  r.last_modified = "Mon, 01 Jan 2024 00:00:00 GMT";
  r.next_check_at = when + 3600;
  return r;
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
