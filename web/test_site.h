// A database for the web tests, written the way a check writes it: real HTML
// extracted, real diffs of consecutive versions, real CheckTransactions on a
// real SQLite file.
#pragma once

#include <cstdint>
#include <string>

#include "config/config.h"
#include "extract/document.h"
#include "store/store.h"
#include "tests/support/temp_dir.h"

namespace pw::web::testing {

class TestSite {
 public:
  // Companies "acme" (named "Acme & <Co>") and "globex" ("Globex"), each with a
  // privacy-policy and terms.
  TestSite();

  const std::string& database() const { return database_; }
  store::Store* store() { return store_.get(); }
  const config::Config& config() const { return config_; }

  // Stores `html` as the next version of COMPANY/TYPE checked at `when`, with its
  // change against the previous version (none for a first). Returns its id.
  std::int64_t AddVersion(const std::string& company, const std::string& type,
                          const std::string& html, std::int64_t when);
  // The same for a document already extracted (`raw` its evidence): text that
  // extraction would not give, such as control characters, for hostile tests.
  std::int64_t AddDocument(const std::string& company, const std::string& type,
                           const extract::Document& document, const std::string& raw, std::int64_t when);
  // Stores `html` as a technical version of COMPANY/TYPE (Store::AppendVersion,
  // as `reextract` does: no attempt, nothing enqueued) with its change. Returns its id.
  std::int64_t AddTechnical(const std::string& company, const std::string& type,
                            const std::string& html, std::int64_t when);
  // Records a failed check of COMPANY/TYPE at `when`.
  void AddFailure(const std::string& company, const std::string& type, std::int64_t when);

 private:
  store::DocumentRow Document(const std::string& company, const std::string& type);

  ::pw::testing::TempDir dir_;
  std::string database_;
  config::Config config_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace pw::web::testing
