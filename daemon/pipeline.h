// The check pipeline for one document: a finished fetch -> extraction -> the
// new version compared with the previous one -> the notifications it triggers ->
// one store transaction (RecordCheck). Shared by `policywatch check` and the
// daemon; it holds no state of its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "diff/diff.h"
#include "fetch/fetch.h"
#include "store/store.h"
#include "util/status.h"

namespace pw::daemon {

// One configured document, as the pipeline sees it.
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

// The request for `target`, with the conditional-request state of `state` and the
// limits of the [daemon] table.
fetch::Request MakeRequest(const config::Config& config, const Target& target,
                           const store::DocumentState& state);

// Processes a finished fetch of `target`, started at `started`. Writes one
// attempt (and possibly a version, a change and deliveries) in one transaction.
// Returns an error only when the store failed; a failed fetch or extraction is a
// recorded outcome, reported in *result.
// `read_before`, if given, is the document as read when the request was made:
// it is used instead of reading it again, and if another writer recorded a
// check of the document meanwhile, the store refuses the record and the check
// is processed again from a fresh read.
// `finished`, if given, is when the fetch ended (for a fetch processed later than
// that: its duration, its events' time and the next check are counted from it);
// otherwise now.
Status ProcessFetch(store::Store& store, const config::Config& config, const Target& target,
                    const fetch::Response& response,
                    std::chrono::system_clock::time_point started, CheckResult* result,
                    const store::DocumentRow* read_before = nullptr,
                    std::optional<std::chrono::system_clock::time_point> finished = std::nullopt);

// One line for a user: "acme/privacy-policy: changed (material): 2 sections modified".
std::string DescribeResult(const CheckResult& result);

}  // namespace pw::daemon
