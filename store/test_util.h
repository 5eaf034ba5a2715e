// Helpers shared by the store tests: a temporary directory and small builders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "store/store.h"
#include "tests/support/temp_dir.h"

namespace pw::store::testing {

using ::pw::testing::TempDir;

// A config with `companies` companies "c0".."cN", each with document types
// "privacy-policy" and "terms".
config::Config MakeConfig(int companies);

// A check as a test writes it: the attempt, and what its transaction adds.
struct TestCheck {
  CheckAttempt attempt;
  std::optional<NewVersion> version;  // added (AddVersion) when set
  std::optional<NewChange> change;    // added with the version (AddChange)
  std::vector<Delivery> deliveries;   // enqueued (Enqueue)
};

// A successful check of `document_id` that extracted `text` from `raw`, a new
// version compared with `expected_latest`.
TestCheck Fetched(std::int64_t document_id, std::int64_t when, const std::string& text,
                  const std::string& raw, std::int64_t expected_latest);

// `check` finding the text it extracted unchanged: it adds no version.
TestCheck Unchanged(TestCheck check);

// Writes `check` through a CheckTransaction, top to bottom: begin; add the
// version and its change; enqueue; commit. The attempt is made durable when the
// check adds a version or deliveries. *conflict, when given, is
// CheckTransaction::conflict().
Status RecordCheck(Store* store, const TestCheck& check, CheckOutcome* outcome,
                   bool* conflict = nullptr);

// Opens a writable store at `path`, failing the test on error.
std::unique_ptr<Store> OpenOrDie(const std::string& path);

// Counts the rows of `table`.
std::int64_t CountRows(Store* store, const std::string& table);

}  // namespace pw::store::testing
