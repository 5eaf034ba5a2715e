// Helpers shared by the store tests: a temporary directory and small builders.
#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "store/store.h"

namespace pw::store::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its content on scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A config with `companies` companies "c0".."cN", each with document types
// "privacy-policy" and "terms".
config::Config MakeConfig(int companies);

// A successful check of `document_id` that extracted `text` from `raw`.
CheckRecord Fetched(std::int64_t document_id, std::int64_t when, const std::string& text,
                    const std::string& raw, std::int64_t expected_latest);

// Opens a writable store at `path`, failing the test on error.
std::unique_ptr<Store> OpenOrDie(const std::string& path);

// Counts the rows of `table`.
std::int64_t CountRows(Store* store, const std::string& table);

}  // namespace pw::store::testing
