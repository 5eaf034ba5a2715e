// `policywatch run` end to end: a site of many documents with scripted edits,
// SIGHUP reloads, and an idle daemon that sleeps.
#include <catch2/catch.hpp>

#include <signal.h>

#include <set>
#include <tuple>

#include "tests/daemon/world.h"

namespace pw::daemon_e2e {
namespace {

const std::vector<std::string> kCompanies = {"acme", "globex", "initech"};
constexpr int kDocsPerCompany = 10;

std::string DocType(int i) { return "policy-" + std::to_string(i); }
std::string PathOf(const std::string& company, int i) { return "/" + company + "/" + DocType(i); }

// The script of test 1, per document index (the same for every company).
Edit EditFor(int i) {
  if (i < 3) return Edit::kMaterial;
  if (i < 5) return Edit::kMinor;
  if (i < 7) return Edit::kCosmetic;
  if (i < 8) return Edit::kNoise;
  return Edit::kNone;
}
const char* SeverityOf(Edit e) {
  switch (e) {
    case Edit::kMaterial:
    case Edit::kMaterial2:
      return "material";
    case Edit::kMinor:
      return "minor";
    case Edit::kCosmetic:
      return "cosmetic";
    default:
      return "";
  }
}

}  // namespace

TEST_CASE("run: 30 documents, scripted edits: exactly the expected events, each once",
          "[daemon][e2e]") {
  World w;
  // Three channels with increasing thresholds; each company routes differently.
  std::vector<ChannelSpec> channels = {{"everything", w.hook.Url("everything"), "cosmetic"},
                                       {"wording", w.hook.Url("wording"), "minor"},
                                       {"legal", w.hook.Url("legal"), "material"}};
  std::map<std::string, std::vector<std::string>> routes = {
      {"acme", {"legal", "everything"}}, {"globex", {"wording"}}, {"initech", {"legal"}}};
  const std::map<std::string, std::string> threshold = {
      {"everything", "cosmetic"}, {"wording", "minor"}, {"legal", "material"}};
  std::vector<CompanySpec> companies;
  for (const auto& c : kCompanies) {
    CompanySpec spec{c, routes[c], {}};
    for (int i = 0; i < kDocsPerCompany; ++i) {
      w.site.Set(PathOf(c, i), PolicyPage(c, i, Edit::kNone));
      spec.documents.emplace_back(DocType(i), w.site.Url(PathOf(c, i)));
    }
    companies.push_back(spec);
  }
  w.WriteConfig(ConfigToml("2s", w.secret_file, channels, companies));
  auto daemon = w.Start();

  // Cycle 1: every document gets its first version; first versions alert nobody.
  w.Require([&] {
    return QueryInt(w.db, "SELECT count(DISTINCT document_id) FROM versions") == 30;
  }, "a first version of all 30 documents");
  CHECK(QueryInt(w.db, "SELECT count(*) FROM versions") == 30);

  // The edits, then wait until every document has been checked twice more.
  std::map<std::string, long long> before;
  for (const auto& c : kCompanies) {
    for (int i = 0; i < kDocsPerCompany; ++i) {
      w.site.Set(PathOf(c, i), PolicyPage(c, i, EditFor(i)));
      before[c + "/" + DocType(i)] = Attempts(w.db, c, DocType(i));
    }
  }
  w.Require([&] {
    for (const auto& c : kCompanies) {
      for (int i = 0; i < kDocsPerCompany; ++i) {
        if (Attempts(w.db, c, DocType(i)) < before[c + "/" + DocType(i)] + 2) return false;
      }
    }
    return true;
  }, "two more checks of every document after the edits");

  // Versions: one more exactly for each edit with words or letters changed.
  for (const auto& c : kCompanies) {
    for (int i = 0; i < kDocsPerCompany; ++i) {
      INFO(c << "/" << DocType(i));
      long long expected = (EditFor(i) == Edit::kNone || EditFor(i) == Edit::kNoise) ? 1 : 2;
      CHECK(Versions(w.db, c, DocType(i)) == expected);
    }
  }

  // The expected events: (channel, company, type, severity).
  std::multiset<std::tuple<std::string, std::string, std::string, std::string>> expected;
  for (const auto& c : kCompanies) {
    for (int i = 0; i < kDocsPerCompany; ++i) {
      std::string severity = SeverityOf(EditFor(i));
      if (severity.empty()) continue;
      for (const auto& channel : routes[c]) {
        auto rank = [](const std::string& s) {
          return s == "cosmetic" ? 1 : s == "minor" ? 2 : s == "material" ? 3 : 0;
        };
        if (rank(severity) >= rank(threshold.at(channel))) {
          expected.emplace(channel, c, DocType(i), severity);
        }
      }
    }
  }
  REQUIRE(expected.size() == 18);  // acme 6+2+2, globex 3+2, initech 3
  w.Require([&] { return w.hook.Unique().size() >= expected.size() && w.Pending() == 0; },
            "every expected delivery");

  std::multiset<std::tuple<std::string, std::string, std::string, std::string>> got;
  for (const auto& r : w.hook.Unique()) {
    INFO(r.event.dump());
    CHECK(r.event_type == "document.changed");
    CHECK(r.event["type"] == "document.changed");
    CHECK(r.event["schema"] == "policywatch.event.v1");
    got.emplace(r.channel, r.event["company"]["id"].get<std::string>(),
                r.event["document"]["type"].get<std::string>(),
                r.event["severity"].get<std::string>());
  }
  CHECK(got == expected);
  CHECK(w.hook.Duplicates() == 0);
  CHECK(w.hook.BadSignatures() == 0);
  CHECK(w.hook.Posts() == static_cast<int>(expected.size()));
  CHECK(QueryInt(w.db, "SELECT count(*) FROM outbox WHERE state <> 'delivered'") == 0);

  w.Stop(*daemon);
  CHECK(w.IntegrityCheck() == "ok");
}

TEST_CASE("run: SIGHUP adds and removes documents, and an invalid config is refused",
          "[daemon][e2e][reload]") {
  World w;
  for (const char* p : {"/a", "/b", "/c"}) w.site.Set(p, PolicyPage("acme", p[1], Edit::kNone));
  auto config = [&](std::vector<std::pair<std::string, std::string>> docs) {
    return ConfigToml("2s", w.secret_file, {}, {{"acme", {}, docs}});
  };
  w.WriteConfig(config({{"alpha", w.site.Url("/a")}, {"beta", w.site.Url("/b")}}));
  auto daemon = w.Start();
  w.Require([&] { return Versions(w.db, "acme", "alpha") == 1 && Versions(w.db, "acme", "beta") == 1; },
            "first versions of alpha and beta");

  // Reload: beta leaves, gamma arrives.
  w.WriteConfig(config({{"alpha", w.site.Url("/a")}, {"gamma", w.site.Url("/c")}}));
  daemon->Signal(SIGHUP);
  w.Require([&] { return Versions(w.db, "acme", "gamma") == 1; }, "gamma's first version");
  Outcome history = Run({"history", "acme/gamma", "--db", w.db, "--format", "json"});
  REQUIRE(history.exit_code == 0);
  auto h = Json(history);
  REQUIRE(h.is_object());
  CHECK(h["versions"].size() == 1);

  // beta is no longer checked while gamma and alpha go on.
  long long beta = Attempts(w.db, "acme", "beta");
  long long gamma = Attempts(w.db, "acme", "gamma");
  w.Require([&] { return Attempts(w.db, "acme", "gamma") >= gamma + 2; },
            "two more checks of gamma");
  CHECK(Attempts(w.db, "acme", "beta") == beta);

  // status lists beta only with --all, as archived.
  auto status = Json(Run({"status", "--db", w.db, "--format", "json"}));
  auto status_all = Json(Run({"status", "--all", "--db", w.db, "--format", "json"}));
  REQUIRE(status.is_object());
  REQUIRE(status_all.is_object());
  auto find = [](const nlohmann::json& s, const std::string& type) {
    for (const auto& d : s["documents"]) {
      if (d["type"] == type) return d;
    }
    return nlohmann::json();
  };
  CHECK(find(status, "beta").is_null());
  CHECK(find(status, "gamma")["archived"] == false);
  REQUIRE(find(status_all, "beta").is_object());
  CHECK(find(status_all, "beta")["archived"] == true);

  // An invalid config on SIGHUP: refused, logged, the running one kept.
  w.WriteConfig(config({{"alpha", w.site.Url("/a")}, {"gamma", "ftp://127.0.0.1/c"}}) +
                "[daemon.bogus]\n");
  daemon->Signal(SIGHUP);
  w.Require([&] {
    return ReadFile(w.log).find("invalid configuration; keeping the running one") !=
           std::string::npos;
  }, "the refusal in the log");
  CHECK(ReadFile(w.log).find("company[1].document[2].url") != std::string::npos);
  long long alpha = Attempts(w.db, "acme", "alpha");
  gamma = Attempts(w.db, "acme", "gamma");
  w.Require([&] {
    return Attempts(w.db, "acme", "alpha") >= alpha + 2 && Attempts(w.db, "acme", "gamma") >= gamma + 2;
  }, "alpha and gamma still checked after the refused reload");
  CHECK(daemon->running());
  CHECK(Attempts(w.db, "acme", "beta") == beta);
  CHECK(QueryInt(w.db, "SELECT count(*) FROM attempts WHERE outcome = 4") == 0);
  w.Stop(*daemon);
}

TEST_CASE("run: idle means asleep (no CPU while nothing is due)", "[daemon][e2e][idle]") {
  World w;
  w.site.Set("/p", PolicyPage("acme", 1, Edit::kNone));
  w.WriteConfig(ConfigToml("1h", w.secret_file, {}, {{"acme", {}, {{"privacy", w.site.Url("/p")}}}}));
  auto daemon = w.Start();
  w.Require([&] { return Attempts(w.db, "acme", "privacy") == 1; }, "the first check");
  // Let the first check's aftermath (delivery thread, logging) settle.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  long before = daemon->CpuTicks();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  long after = daemon->CpuTicks();
  INFO("CPU ticks over 3 s idle: " << (after - before));
  CHECK(after - before < 5);
  CHECK(Attempts(w.db, "acme", "privacy") == 1);  // and nothing checked again
  w.Stop(*daemon);
}

}  // namespace pw::daemon_e2e
