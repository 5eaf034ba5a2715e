// Fixtures of the archive tests, written by us: a configuration, policy texts,
// and a real store file with fetched and technical versions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "config/config.h"
#include "extract/document.h"
#include "store/store.h"
#include "tests/support/temp_dir.h"

namespace pw::archive::testing {

using ::pw::testing::TempDir;

// "mistral-media" ("Mistral Media": privacy-policy, terms-of-service) and
// "north-wind" ("North Wind": privacy-policy).
config::Config TwoCompanies();

// Canonical Markdown of a small policy of `company`, different for each revision.
std::string PolicyText(const std::string& company, int revision);

// `markdown` as Import extracts a file (text/markdown).
extract::Document ParseMarkdown(const std::string& markdown);

// Opens (creating) a writable store at `path`; fails the test on error.
std::unique_ptr<store::Store> OpenStore(const std::string& path);

// The id of a synced document; fails the test when unknown.
std::int64_t DocumentId(store::Store& store, const std::string& company, const std::string& type);

// A version as a check stores it at `at` (its change, after the first, with
// `severity`); returns its id.
std::int64_t StoreFetched(store::Store& store, std::int64_t document_id, std::int64_t at,
                          const std::string& text, const std::string& severity);

// A technical version (check::AppendDerived); returns its id.
std::int64_t StoreTechnical(store::Store& store, std::int64_t document_id, std::int64_t at,
                            const std::string& text);

// Syncs TwoCompanies() into `store` and stores 10 versions, a day apart from
// kSeedStart: mistral-media/privacy-policy 3 fetched then a technical one,
// mistral-media/terms-of-service 2, north-wind/privacy-policy 4. Returns 10.
inline constexpr std::int64_t kSeedStart = 1700000000;
int SeedHistory(store::Store& store);

std::int64_t CountRows(store::Store& store, const std::string& table);

}  // namespace pw::archive::testing
