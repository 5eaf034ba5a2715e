// Issue 4, crash safety at the binary level: `policywatch check` killed with
// SIGKILL at random moments, many times, against a page that changes between
// runs. Nothing half-written may remain, versions never go backwards, no
// notification is lost, and the next check works.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "store/store.h"
#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;

namespace {

std::string Revision(int n) {
  auto policy = ShopPolicy();
  policy[0].paragraphs.push_back("This is revision " + std::to_string(n) + " of this notice.");
  // Grow the page a little with each revision so that runs differ in work too.
  for (int i = 0; i < n % 5; ++i) {
    policy[4].paragraphs.push_back("Further detail number " + std::to_string(i) +
                                   " about how to reach the privacy desk by post or email.");
  }
  return PolicyHtml("Privacy Notice", policy);
}

int RevisionOf(const std::string& text) {
  std::smatch m;
  static const std::regex re("revision ([0-9]+) of this notice");
  REQUIRE(std::regex_search(text, m, re));
  return std::stoi(m[1]);
}

}  // namespace

TEST_CASE("crash: check SIGKILLed at random moments loses nothing and never goes backwards",
          "[e2e][crash]") {
  Site site;
  HookReceiver hook;
  TempDir dir;
  dir.Write("hook-secret", "crash-test-secret\n");
  const std::string config = dir.Write(
      "policywatch.toml",
      DaemonToml() +
          "[[channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"" + hook.Url() +
          "\"\nsecret_file = \"hook-secret\"\nmin_severity = \"cosmetic\"\ntimeout = \"5s\"\n\n" +
          CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}},
                      {"hook"}));
  const std::string db = dir.path() + "/pw.db";

  // A first, unkilled run (revision 0) gives the first version and the time a
  // whole run takes on this machine now; kills then land anywhere from before
  // the fetch to after the commit (a fixed 0-150 ms would, on a loaded machine,
  // never reach the commit).
  site.Set("/privacy", {Revision(0)});
  auto t0 = std::chrono::steady_clock::now();
  Outcome calibration = Run({"check", "--config", config});
  auto run_us = std::chrono::duration_cast<std::chrono::microseconds>(
                    std::chrono::steady_clock::now() - t0).count();
  INFO("first check stdout: " << calibration.out << "\nstderr: " << calibration.err);
  REQUIRE(calibration.exit_code == 0);

  std::mt19937 rng(Catch::rngSeed() ? Catch::rngSeed() : 20260423u);
  std::uniform_int_distribution<long> delay_us(0, std::max<long>(150000, run_us * 3 / 2));
  const int kRounds = 25;
  int killed = 0, finished = 0;
  for (int round = 1; round <= kRounds; ++round) {
    site.Set("/privacy", {Revision(round)});
    pid_t pid = Spawn({"check", "--config", config});
    usleep(static_cast<useconds_t>(delay_us(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    if (WIFSIGNALED(status)) {
      ++killed;
    } else {
      ++finished;
      CHECK(WEXITSTATUS(status) == 0);
    }
  }
  INFO(killed << " runs killed, " << finished << " finished before the signal; a whole run took "
              << run_us / 1000 << " ms");
  CHECK(killed > 0);

  // A final, unkilled check stores the last revision and delivers what is due.
  site.Set("/privacy", {Revision(kRounds + 1)});
  Outcome last = Run({"check", "--config", config});
  INFO("final check stdout: " << last.out << "\nstderr: " << last.err);
  REQUIRE(last.exit_code == 0);
  CHECK(last.out.find("larkspur/privacy-policy: ") != std::string::npos);

  CHECK(QueryText(db, "PRAGMA integrity_check") == "ok");
  CHECK(QueryRows(db, "PRAGMA foreign_key_check").empty());

  // Every version is complete: text, section tree and evidence agree with their hashes.
  auto versions = QueryRows(db, "SELECT id, document_id, fetched_at FROM versions ORDER BY id");
  REQUIRE(versions.size() >= 2);
  std::unique_ptr<pw::store::Store> store;
  pw::store::StoreOptions ro;
  ro.read_only = true;
  REQUIRE(pw::store::Store::Open(db, ro, &store).ok());
  int previous_revision = -1;
  long long previous_fetched = 0;
  for (const auto& v : versions) {
    INFO("version " << v[0]);
    pw::store::VersionRow version;  // GetVersion checks the text against its hash
    REQUIRE(store->GetVersion(std::stoll(v[1]), std::stoll(v[0]), &version).ok());
    CHECK(Sha256Hex(version.text) == version.info.sha256);
    CHECK(nlohmann::json::parse(version.sections_json, nullptr, false).is_object());
    std::string raw;
    pw::Status s = store->GetEvidence(std::stoll(v[0]), &raw);
    INFO(s.message());
    CHECK(s.ok());
    int revision = RevisionOf(version.text);
    CHECK(RevisionOf(raw) == revision);
    CHECK(revision > previous_revision);  // never backwards, never the same twice
    CHECK(std::stoll(v[2]) >= previous_fetched);
    previous_revision = revision;
    previous_fetched = std::stoll(v[2]);
  }
  CHECK(previous_revision == kRounds + 1);

  // The state points at the latest version; each later version has its change and
  // its notification, written in the same transaction.
  CHECK(QueryText(db, "SELECT last_version_id FROM document_state") == versions.back()[0]);
  CHECK(QueryInt(db, "SELECT count(*) FROM changes WHERE from_version IS NOT NULL") ==
        static_cast<long long>(versions.size()) - 1);
  auto outbox = QueryRows(db, "SELECT delivery_id, state, payload_json FROM outbox "
                              "WHERE event_type = 'document.changed' ORDER BY id");
  CHECK(outbox.size() == versions.size() - 1);
  std::set<long long> announced;
  for (const auto& row : outbox) {
    announced.insert(nlohmann::json::parse(row[2])["to_version"]["id"].get<long long>());
  }
  for (size_t i = 1; i < versions.size(); ++i) CHECK(announced.count(std::stoll(versions[i][0])) == 1);

  // Nothing lost: after the final check every due delivery reached the receiver
  // (some more than once, with the same delivery id, if a run died between
  // sending and marking). Nothing is pending.
  std::set<std::string> received;
  for (const auto& r : hook.Requests()) {
    auto it = r.headers.find("X-Policywatch-Delivery");
    REQUIRE(it != r.headers.end());
    received.insert(it->second);
  }
  for (const auto& row : outbox) {
    INFO("delivery " << row[0]);
    CHECK(row[1] == "delivered");
    CHECK(received.count(row[0]) == 1);
  }
  CHECK(received.size() == outbox.size());
}
