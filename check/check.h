// One check of one document: a finished fetch in; its attempt, and when the text
// changed its new version, change and notifications out, written in one store
// transaction (store/check_transaction.h). Shared by `policywatch check` and the
// daemon (both through check/runner.h); it holds no state of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "diff/diff.h"
#include "fetch/browser.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/status.h"
#include "util/clock.h"

namespace pw::check {

// One configured document, as a check sees it.
struct Target {
  const config::Company* company = nullptr;
  const config::Document* document = nullptr;
  std::string Key() const { return company->id + "/" + document->type; }
};

// What one check did, for the command line, logs and systemd STATUS.
struct CheckResult {
  std::string key;  // company/type
  store::AttemptOutcome outcome = store::AttemptOutcome::kFailed;
  std::string error;             // when failed: the reason, for a user
  std::int64_t version_id = 0;   // the new or latest version
  std::int64_t previous_version_id = 0;
  std::optional<diff::Changeset> changeset;  // when a changed version was stored
  bool extraction_suspect = false;
  std::string suspect_reason;
  int deliveries = 0;            // notifications enqueued
  std::int64_t next_check_at = 0;  // unix seconds, as stored; 0 if nothing was stored
};

// The request for part `part` of `target`, with the limits of the [daemon]
// table, and the conditional-request state of `state` when the document is one
// static page (UsesValidators).
fetch::Request MakeRequest(const config::Config& config, const Target& target, size_t part,
                           const store::DocumentState& state);

// True when a document's validators (ETag, Last-Modified) stand for its text:
// one part, read as static HTML. A page a browser renders, or one that `auto`
// may render, is fetched whole at every check, and so is a document of parts.
bool UsesValidators(const config::Document& document);

// The rendering of part `part` of `target` in the browser, with the limits of
// the [daemon] table.
fetch::RenderRequest MakeRenderRequest(const config::Config& config, const Target& target,
                                       size_t part);

// The browser the [daemon] table describes.
fetch::BrowserOptions BrowserOptionsOf(const config::DaemonConfig& daemon);

// A finished fetch of one document, to be checked.
struct FetchedDocument {
  const Target& target;
  // One response per part of the document, in order: fetched, or rendered by
  // the browser. A failed part ends it (the parts after it were not fetched).
  const std::vector<fetch::Response>& parts;
  TimePoint started;
  // When the fetch ended (a fetch processed later than that counts its
  // duration, its events' time and the next check from it); nullopt: now.
  std::optional<TimePoint> finished;
  // The document as read when the request was made, if it was: used instead of
  // reading it again; if another writer recorded a check of the document
  // meanwhile, the store refuses the record and the check is made again from a
  // fresh read.
  const store::DocumentRow* read_before = nullptr;
};

// Checks `fetched`: writes its attempt (and possibly a version, a change and
// deliveries) in one transaction. Returns an error only when the store failed;
// a failed fetch or extraction is a recorded outcome, reported in *result.
Status ProcessFetch(store::Store& store, const config::Config& config,
                    const FetchedDocument& fetched, CheckResult* result);

// One line for a user: "acme/privacy-policy: changed (material): 2 sections modified".
std::string DescribeResult(const CheckResult& result);

}  // namespace pw::check
