#include "tests/support/write_lock.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

namespace pw::testing {

WriteLock::WriteLock(const std::string& path) {
  REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
  sqlite3_busy_timeout(db_, 10000);  // the daemon's own transactions are short
  char* error = nullptr;
  int rc = sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  REQUIRE(rc == SQLITE_OK);
}

WriteLock::~WriteLock() { Release(); }

void WriteLock::Release() {
  if (db_ == nullptr) return;
  sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
  db_ = nullptr;
}

}  // namespace pw::testing
