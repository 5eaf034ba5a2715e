// Versions that no fetch brought: a document's stored evidence re-extracted
// with today's rules and configuration (`policywatch reextract`, a technical
// version), or a version read from an exported tree or a dataset
// (`policywatch import`). Each is diffed against the document's latest version
// as a check's would be, stored with Store::AppendVersion (the version and its
// change in one transaction), and never announced: no delivery is enqueued.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "diff/diff.h"
#include "extract/document.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace pw::check {

struct DerivedVersion {
  std::string key;  // company/type, for messages
  std::int64_t document_id = 0;
  extract::Document doc;     // the extracted text
  std::string raw_body;      // its evidence, stored with it
  std::string content_type;
  TimePoint at;              // technical: when re-derived; imported: the version's date
  std::uint32_t flags = 0;   // store::kVersionTechnical or kVersionImported (and ...Suspect)
};

struct DerivedOutcome {
  bool unchanged = false;      // its text is the latest version's: nothing stored
  std::int64_t version_id = 0;  // the version stored (0 when unchanged)
  std::int64_t previous_version_id = 0;  // the latest before it (0: none)
  std::optional<diff::Changeset> changeset;  // from the baseline (none for a first version)
  bool conflict = false;  // another writer added a version meanwhile: read again and retry
};

// Stores `v` as the document's new latest version unless its text is the
// latest's. Fails, writing nothing, when the store fails or another writer
// added a version meanwhile (then read again and retry).
Status AppendDerived(store::Store& store, const DerivedVersion& v, DerivedOutcome* out);

// What AppendDerived would do, writing nothing (`reextract --dry-run`): the same
// comparison, *out filled as it would be but with version_id 0.
Status PreviewDerived(store::Store& store, const DerivedVersion& v, DerivedOutcome* out);

}  // namespace pw::check
