// One check (ProcessFetch) against a real SQLite store and the real extractor. Fetch
// responses are plain structs built here: what a server would have answered.
#include "check/check.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.h"

namespace pw::check {
namespace {

using std::chrono::system_clock;

using ::pw::testing::TempDir;

config::Config MakeConfig(int unreachable_after = 2) {
  config::Config c;
  c.daemon.unreachable_after = unreachable_after;
  config::Channel hook;
  hook.name = "hook";
  hook.type = "webhook";
  hook.url = "http://127.0.0.1:9/hook";
  hook.min_severity = Severity::kMinor;
  c.channels.push_back(hook);
  config::Company acme;
  acme.id = "acme";
  acme.name = "Acme";
  acme.channels = {"hook"};
  acme.documents.push_back(config::PageDocument("privacy-policy", "http://127.0.0.1:9/privacy"));
  c.companies.push_back(acme);
  return c;
}

fetch::Response Page(const std::string& body_html) {
  fetch::Response r;
  r.status = 200;
  r.url = r.final_url = "http://127.0.0.1:9/privacy";
  r.body = body_html;
  r.content_type = "text/html";
  r.charset = "utf-8";
  return r;
}

fetch::Response Failure() {
  fetch::Response r;
  r.error = fetch::FetchError::kHttpStatus;
  r.status = 503;
  r.error_message = "http://127.0.0.1:9/privacy: HTTP 503 Service Unavailable";
  return r;
}

std::string Policy(const std::string& sharing, const std::string& extra = "") {
  return "<html><body><nav><a href='/'>Home</a></nav><main><h1>Privacy</h1>"
         "<h2>Collection</h2><p>We collect your name and email address when you register.</p>"
         "<h2>Sharing</h2><p>" + sharing + "</p>" + extra +
         "<h2>Retention</h2><p>We keep your data for 30 days after you close your account.</p>"
         "</main><footer>(c) Acme</footer></body></html>";
}

struct Fixture {
  TempDir dir;
  config::Config config = MakeConfig();
  std::unique_ptr<store::Store> store;
  Target target;

  Fixture() {
    REQUIRE(store::Store::Open(dir.path() + "/pw.db", &store).ok());
    REQUIRE(store->SyncConfig(config, 0).ok());
    target = {&config.companies[0], &config.companies[0].documents[0]};
  }

  CheckResult Check(const fetch::Response& response) {
    CheckResult result;
    Status s = ProcessFetch(*store, config, FetchedDocument{target, {response}, system_clock::now(), std::nullopt, nullptr}, &result);
    INFO(s.ToString());
    REQUIRE(s.ok());
    return result;
  }

  std::vector<store::OutboxRow> Outbox() {
    std::vector<store::OutboxRow> rows;
    REQUIRE(store->ListPendingOrFailed(100, &rows).ok());
    return rows;
  }
};

TEST_CASE("check: new, unchanged (raw body skipped), changed with a routed event") {
  Fixture f;
  CheckResult first = f.Check(Page(Policy("We do not sell your data.")));
  CHECK(first.outcome == store::AttemptOutcome::kNew);
  CHECK(first.deliveries == 0);  // a first version has nothing to compare with

  CheckResult same = f.Check(Page(Policy("We do not sell your data.")));
  CHECK(same.outcome == store::AttemptOutcome::kUnchanged);

  // Markup-only change: extracted, compared, no version.
  CheckResult markup = f.Check(Page("<!-- new build -->" + Policy("We do not sell your data.")));
  CHECK(markup.outcome == store::AttemptOutcome::kUnchanged);

  CheckResult changed = f.Check(Page(Policy("We may sell your data.")));
  REQUIRE(changed.outcome == store::AttemptOutcome::kChanged);
  REQUIRE(changed.changeset);
  CHECK(changed.changeset->severity == Severity::kMaterial);
  CHECK(changed.deliveries == 1);
  auto outbox = f.Outbox();
  REQUIRE(outbox.size() == 1);
  auto event = nlohmann::json::parse(outbox[0].payload_json);
  CHECK(event["type"] == "document.changed");
  CHECK(event["severity"] == "material");
  // The event names the version the transaction created.
  CHECK(event["to_version"]["id"] == changed.version_id);
  CHECK(event["from_version"]["id"] == first.version_id);
  CHECK(DescribeResult(changed).find("changed (material") != std::string::npos);
}

TEST_CASE("check: failures back off, announce unreachable once, then recovered") {
  Fixture f;
  f.Check(Page(Policy("We do not sell your data.")));
  CheckResult a = f.Check(Failure());
  CHECK(a.outcome == store::AttemptOutcome::kFailed);
  CHECK(a.error.find("HTTP 503") != std::string::npos);
  CHECK(f.Outbox().empty());  // 1 failure < unreachable_after = 2
  f.Check(Failure());
  CheckResult third = f.Check(Failure());
  auto outbox = f.Outbox();
  REQUIRE(outbox.size() == 1);  // once, not at every further failure
  CHECK(outbox[0].event_type == "document.unreachable");

  store::DocumentRow row;
  REQUIRE(f.store->GetDocument("acme", "privacy-policy", &row).ok());
  CHECK(row.state.consecutive_failures == 3);
  CHECK(row.state.unreachable);
  CHECK(row.state.next_check_at > row.state.last_check_at);
  CHECK(third.next_check_at == row.state.next_check_at);  // the daemon plans from the result

  CheckResult ok = f.Check(Page(Policy("We do not sell your data.")));
  CHECK(ok.outcome == store::AttemptOutcome::kUnchanged);
  outbox = f.Outbox();
  REQUIRE(outbox.size() == 2);
  CHECK(outbox[0].event_type == "document.recovered");  // newest first
  REQUIRE(f.store->GetDocument("acme", "privacy-policy", &row).ok());
  CHECK(row.state.consecutive_failures == 0);
  CHECK_FALSE(row.state.unreachable);
  CHECK(ok.next_check_at == row.state.next_check_at);
}

TEST_CASE("check: a suspect extraction is flagged, not alerted, and not the next baseline") {
  Fixture f;
  f.config.companies[0].documents[0].parts[0].select = config::CssEntries({"#policy"});
  CheckResult first = f.Check(Page("<div id='policy'>" + Policy("We do not sell your data.") + "</div>"));
  REQUIRE(first.outcome == store::AttemptOutcome::kNew);

  // A redesign: the selector matches nothing.
  CheckResult redesign = f.Check(Page(Policy("We do not sell your data.")));
  CHECK(redesign.extraction_suspect);
  CHECK(redesign.suspect_reason.find("matched nothing") != std::string::npos);
  auto outbox = f.Outbox();
  REQUIRE(outbox.size() == 1);
  CHECK(outbox[0].event_type == "document.extraction_suspect");
  // It names the flagged version the transaction stored.
  CHECK(nlohmann::json::parse(outbox[0].payload_json)["version"]["id"] == redesign.version_id);
  CHECK(redesign.version_id > first.version_id);

  // The page comes back with one real change: compared with the last good
  // version, it is one modified section, not "everything added".
  CheckResult back = f.Check(Page("<div id='policy'>" + Policy("We may sell your data.") + "</div>"));
  REQUIRE(back.outcome == store::AttemptOutcome::kChanged);
  REQUIRE(back.changeset);
  CHECK(back.changeset->summary.sections_added == 0);
  CHECK(back.changeset->summary.sections_modified == 1);
  CHECK(back.changeset->severity == Severity::kMaterial);
}

TEST_CASE("check: text that shrinks by more than half is suspect") {
  Fixture f;
  std::string extra;
  for (int i = 0; i < 20; ++i) {
    extra += "<h2>Clause " + std::to_string(i) + "</h2><p>We process your data under clause " +
             std::to_string(i) + " for the purposes described in this section.</p>";
  }
  f.Check(Page(Policy("We do not sell your data.", extra)));
  CheckResult shrunk = f.Check(Page(Policy("We do not sell your data.")));
  CHECK(shrunk.extraction_suspect);
  CHECK(shrunk.suspect_reason.find("shrank by more than half") != std::string::npos);
}

TEST_CASE("check: a version stored through another connection becomes the baseline") {
  Fixture f;
  f.Check(Page(Policy("We do not sell your data.")));
  // A second connection (say `policywatch check` beside the daemon) stores a
  // version; our next check compares with it. (The narrower race, a write between
  // our read and our write, is refused by the store's guard and retried once by
  // ProcessFetch; store_test covers the guard.)
  std::unique_ptr<store::Store> other;
  REQUIRE(store::Store::Open(f.dir.path() + "/pw.db", &other).ok());
  CheckResult by_other;
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Page(Policy("We share your data."))}, system_clock::now(), std::nullopt, nullptr}, &by_other)
              .ok());
  CheckResult ours = f.Check(Page(Policy("We may sell your data.")));
  CHECK(ours.outcome == store::AttemptOutcome::kChanged);
  CHECK(ours.previous_version_id == by_other.version_id);
}

TEST_CASE("check: a document read before the fetch is re-read if another check landed") {
  Fixture f;
  f.Check(Page(Policy("We do not sell your data.")));
  store::DocumentRow before;  // as the Runner reads it when making the request
  REQUIRE(f.store->GetDocument("acme", "privacy-policy", &before).ok());

  // Meanwhile another connection records two failures: the document is now
  // unreachable (unreachable_after = 2), and a version with other text exists.
  std::unique_ptr<store::Store> other;
  REQUIRE(store::Store::Open(f.dir.path() + "/pw.db", &other).ok());
  CheckResult ignored;
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Failure()}, system_clock::now(), std::nullopt, nullptr}, &ignored).ok());
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Failure()}, system_clock::now(), std::nullopt, nullptr}, &ignored).ok());
  CheckResult stored;
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Page(Policy("We share your data."))}, system_clock::now(), std::nullopt, nullptr}, &stored)
              .ok());
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Failure()}, system_clock::now(), std::nullopt, nullptr}, &ignored).ok());
  REQUIRE(ProcessFetch(*other, f.config, FetchedDocument{f.target, {Failure()}, system_clock::now(), std::nullopt, nullptr}, &ignored).ok());

  // Our check, from the stale read: the body equals the one `before` names, so
  // from that read alone it would be "unchanged" and announce no recovery.
  CheckResult ours;
  REQUIRE(ProcessFetch(*f.store, f.config,
                       FetchedDocument{f.target, {Page(Policy("We do not sell your data."))},
                                   system_clock::now(), std::nullopt, &before},
                       &ours)
              .ok());
  CHECK(ours.outcome == store::AttemptOutcome::kChanged);  // back from "We share"
  CHECK(ours.previous_version_id == stored.version_id);
  int recovered = 0;
  for (const auto& row : f.Outbox()) recovered += row.event_type == "document.recovered";
  CHECK(recovered == 2);  // the other connection's recovery, and ours

  // With a read that is still current, nothing is read again and all is as usual.
  REQUIRE(f.store->GetDocument("acme", "privacy-policy", &before).ok());
  CheckResult same;
  REQUIRE(ProcessFetch(*f.store, f.config,
                       FetchedDocument{f.target, {Page(Policy("We do not sell your data."))},
                                   system_clock::now(), std::nullopt, &before},
                       &same)
              .ok());
  CHECK(same.outcome == store::AttemptOutcome::kUnchanged);
}

TEST_CASE("check: editing select/remove/ignore re-extracts an unchanged page") {
  Fixture f;
  const std::string page = Policy("We do not sell your data. Updated: 2026-01-01.");
  f.Check(Page(page));
  f.config.companies[0].documents[0].ignore = {"Updated: [0-9-]+\\."};
  CheckResult again = f.Check(Page(page));
  CHECK(again.outcome == store::AttemptOutcome::kChanged);  // the ignore rule took effect
}

TEST_CASE("check: requests carry the stored validators only when a version exists") {
  config::Config c = MakeConfig();
  Target t{&c.companies[0], &c.companies[0].documents[0]};
  store::DocumentState state;
  state.etag = "\"v1\"";
  state.last_modified = "Mon, 23 Nov 2026 10:00:00 GMT";
  fetch::Request r = MakeRequest(c, t, 0, state);
  CHECK(r.if_none_match.empty());
  state.last_version_id = 7;
  r = MakeRequest(c, t, 0, state);
  CHECK(r.if_none_match == "\"v1\"");
  CHECK(r.if_modified_since == "Mon, 23 Nov 2026 10:00:00 GMT");
  CHECK(r.max_redirects == c.daemon.max_redirects);
  CHECK(r.user_agent == c.daemon.user_agent);
  // A page a browser may render, or a document of parts, is fetched whole.
  for (config::Render render : {config::Render::kBrowser, config::Render::kAuto}) {
    c.companies[0].documents[0].parts[0].render = render;
    CHECK(MakeRequest(c, t, 0, state).if_none_match.empty());
  }
  c.companies[0].documents[0].parts[0].render = config::Render::kStatic;
  c.companies[0].documents[0].parts.push_back(c.companies[0].documents[0].parts[0]);
  CHECK(MakeRequest(c, t, 1, state).if_none_match.empty());
  CHECK(MakeRequest(c, t, 1, state).if_modified_since.empty());
}

}  // namespace
}  // namespace pw::check
