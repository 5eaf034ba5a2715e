// Another writer of a SQLite database, for tests of what policywatch does while
// the database is locked: a second connection holding its write lock.
#pragma once

#include <string>

struct sqlite3;

namespace pw::testing {

// Opens `path` and takes its write lock (BEGIN EXCLUSIVE, waiting up to 10 s
// for a writer already at work); holds it until Release() or destruction.
class WriteLock {
 public:
  explicit WriteLock(const std::string& path);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;
  void Release();

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace pw::testing
