// Helpers shared by the store tests: a temporary directory and small builders.
#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "store/store.h"
#include "tests/support/temp_dir.h"

namespace pw::store::testing {

using ::pw::testing::TempDir;

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
