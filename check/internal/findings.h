// Internal to check/: the steps of one check between its fetch and its store
// transaction (check.cpp). They read the store (the document, its latest and
// baseline versions) and write nothing.
#pragma once

#include <optional>
#include <string>

#include "check/check.h"
#include "diff/diff.h"
#include "notify/announce.h"
#include "store/store.h"

namespace pw::check::internal {

// One check of one document: what it is decided from.
struct CheckInput {
  store::Store& store;
  const config::Config& config;
  const Target& target;
  const std::vector<fetch::Response>& parts;  // FetchedDocument::parts
  TimePoint started;
  TimePoint finished;
  const store::DocumentRow& row;  // the document and its state, as read
  bool row_read_before = false;   // read before the fetch (the store re-checks it)
};

// What a check found, ready to be written.
struct Findings {
  store::CheckAttempt attempt;              // always written
  std::optional<store::NewVersion> version;  // the text changed (or is the first)
  std::optional<store::NewChange> change;    // ... compared with a stored version
  std::optional<diff::Changeset> changeset;  // that change, for the result
  notify::CheckFacts facts;                  // what notifications are made of
  std::string error;                         // a failed check: why, for a user
};

// The change from the baseline of `latest` (the latest version, or when that
// is a suspect extraction the last trustworthy one) to `doc`, dated `when`
// (effective dates are read relative to it); at least cosmetic, since the
// caller found the text's bytes differ. `key` (company/type) names the
// document in warnings.
struct Comparison {
  store::VersionInfo baseline;
  diff::Changeset changeset;
};
Status CompareWithBaseline(store::Store& store, const std::string& key, std::int64_t document_id,
                           const std::optional<store::VersionRow>& latest,
                           const extract::Document& doc, TimePoint when, Comparison* out);

// Examines the fetch of `in`: fills *out. Fails only when reading the store fails.
Status Examine(const CheckInput& in, Findings* out);

}  // namespace pw::check::internal
