// TempDir: a fresh directory for one test, removed with its content after. The one
// temporary-directory helper of every test (module tests, tests/e2e, tests/daemon).
#pragma once

#include <string>

namespace pw::testing {

class TempDir {
 public:
  // Creates $TMPDIR/pw-test-XXXXXX (/tmp when TMPDIR is unset or empty); throws
  // std::runtime_error when it cannot.
  TempDir();
  // Removes the directory and everything in it, after giving the owner back
  // access to the directory itself (a test may have made it read-only).
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

  // The path of `name` inside the directory; nothing is created.
  std::string File(const std::string& name) const;

  // Writes `content` to `name` (relative to the directory; parents created) with
  // permissions `mode`, atomically: a temporary file renamed over it, so a reader
  // never sees half of it. Returns the full path; throws std::runtime_error when
  // it cannot.
  std::string Write(const std::string& name, const std::string& content, int mode = 0644) const;

 private:
  std::string path_;
};

}  // namespace pw::testing
