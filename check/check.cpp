// One check of one document, top to bottom: read the document, examine the
// fetch (findings.cpp), then write what was found in one store transaction:
// begin; add the version; add the change; enqueue its notifications; commit.
#include "check/check.h"

#include <spdlog/spdlog.h>

#include "check/internal/findings.h"
#include "notify/announce.h"
#include "store/check_transaction.h"

namespace pw::check {
namespace {

using internal::CheckInput;
using internal::Findings;

// The result of a check whose transaction committed with `outcome`.
CheckResult ResultOf(const Target& target, Findings& f, const store::CheckOutcome& outcome,
                     int deliveries) {
  CheckResult r;
  r.key = target.Key();
  r.outcome = outcome.outcome;
  r.error = f.error;
  r.version_id = outcome.version_id;
  r.previous_version_id = outcome.previous_version_id;
  if (outcome.version_created) r.changeset = std::move(f.changeset);
  r.suspect_reason = f.facts.suspect_reason;
  r.extraction_suspect = !r.suspect_reason.empty();
  r.deliveries = deliveries;
  r.next_check_at = f.attempt.next_check_at;
  return r;
}

// Writes the findings of a check in one transaction. *conflict: another writer
// recorded a check of the document since it was read.
Status Record(const CheckInput& in, Findings& f, CheckResult* result, bool* conflict) {
  store::CheckTransaction txn(&in.store);
  Status s = txn.Begin(f.attempt);
  *conflict = txn.conflict();
  PW_RETURN_IF_ERROR(s);
  if (f.version) {
    PW_RETURN_IF_ERROR(txn.AddVersion(*f.version, &f.facts.added->id));
    if (f.change) PW_RETURN_IF_ERROR(txn.AddChange(*f.change));
  }
  const auto deliveries = notify::Announce(in.config, *in.target.company, f.facts);
  PW_RETURN_IF_ERROR(txn.Enqueue(deliveries));
  store::CheckOutcome outcome;
  PW_RETURN_IF_ERROR(txn.Commit(&outcome));
  *result = ResultOf(in.target, f, outcome, static_cast<int>(deliveries.size()));
  return Status::Ok();
}

// One try of ProcessFetch, from `row` as read (before the fetch, or now).
Status CheckOnce(store::Store& store, const config::Config& config, const FetchedDocument& page,
                 TimePoint finished, const store::DocumentRow& row, bool row_read_before,
                 CheckResult* result, bool* conflict) {
  *conflict = false;
  const CheckInput in{store, config, page.target, page.parts, page.started,
                      finished, row, row_read_before};
  Findings findings;
  PW_RETURN_IF_ERROR(internal::Examine(in, &findings));
  return Record(in, findings, result, conflict);
}

// The same, reading the document first.
Status CheckFresh(store::Store& store, const config::Config& config, const FetchedDocument& page,
                  TimePoint finished, CheckResult* result, bool* conflict) {
  store::DocumentRow row;
  const Target& t = page.target;
  PW_RETURN_IF_ERROR(store.GetDocument(t.company->id, t.document->type, &row));
  return CheckOnce(store, config, page, finished, row, false, result, conflict);
}

}  // namespace

bool UsesValidators(const config::Document& document) {
  return document.parts.size() == 1 && document.parts[0].render == config::Render::kStatic;
}

fetch::Request MakeRequest(const config::Config& config, const Target& target, size_t part,
                           const store::DocumentState& state) {
  fetch::Request r;
  r.url = target.document->parts.at(part).url;
  r.user_agent = config.daemon.user_agent;
  r.connect_timeout = config.daemon.connect_timeout;
  r.timeout = config.daemon.timeout;
  r.max_body_size = config.daemon.max_body_size;
  r.max_redirects = config.daemon.max_redirects;
  // A conditional request only makes sense when we hold the version it refers to.
  if (UsesValidators(*target.document) && state.last_version_id != 0) {
    r.if_none_match = state.etag;
    r.if_modified_since = state.last_modified;
  }
  return r;
}

fetch::RenderRequest MakeRenderRequest(const config::Config& config, const Target& target,
                                       size_t part) {
  const config::Part& p = target.document->parts.at(part);
  fetch::RenderRequest r;
  r.url = p.url;
  r.wait_for = p.wait_for;
  r.timeout = config.daemon.browser_timeout;
  r.max_body_size = config.daemon.max_body_size;
  return r;
}

fetch::BrowserOptions BrowserOptionsOf(const config::DaemonConfig& daemon) {
  fetch::BrowserOptions o;
  o.executable = daemon.browser_path;
  o.sandbox = daemon.browser_sandbox;
  o.max_pages = daemon.browser_concurrency;
  return o;
}

Status ProcessFetch(store::Store& store, const config::Config& config, const FetchedDocument& page,
                    CheckResult* result) {
  *result = CheckResult();
  result->key = page.target.Key();
  const TimePoint finished = page.finished.value_or(Clock::now());
  bool conflict = false;
  Status s = page.read_before
                 ? CheckOnce(store, config, page, finished, *page.read_before, true, result,
                             &conflict)
                 : CheckFresh(store, config, page, finished, result, &conflict);
  if (!conflict) return s;
  // Another process (a `check` beside the daemon) recorded a check or stored a
  // version meanwhile: decide again from what is stored now.
  spdlog::info("{}: {}; processing the fetch again", page.target.Key(), s.message());
  return CheckFresh(store, config, page, finished, result, &conflict);
}

}  // namespace pw::check
