// Issue 4 end to end: `policywatch check` against a real site, verified through
// `history`, `show`, `status` and the SQLite file itself.
#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;

namespace {

struct Workspace {
  TempDir dir;
  std::string config;
  std::string db = dir.path() + "/pw.db";

  void WriteConfig(const std::string& companies) {
    config = dir.Write("policywatch.toml", DaemonToml() + companies);
  }
  Outcome Check(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"check", "--config", config};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(args);
  }
  nlohmann::json History(const std::string& key) {
    Outcome o = Run({"history", key, "--config", config, "--format", "json"});
    INFO("history stderr: " << o.err);
    REQUIRE(o.exit_code == 0);
    return Json(o);
  }
  nlohmann::json Status(bool all = false) {
    std::vector<std::string> args = {"status", "--config", config, "--format", "json"};
    if (all) args.push_back("--all");
    Outcome o = Run(args);
    INFO("status stderr: " << o.err);
    REQUIRE(o.exit_code == 0);
    return Json(o);
  }
  std::vector<std::string> Outcomes() {
    std::vector<std::string> out;
    for (auto& row : QueryRows(db, "SELECT outcome FROM attempts_readable ORDER BY id")) {
      out.push_back(row[0]);
    }
    return out;
  }
};

const nlohmann::json* FindDocument(const nlohmann::json& status, const std::string& company,
                                   const std::string& type) {
  for (const auto& d : status["documents"]) {
    if (d["company"] == company && d["type"] == type) return &d;
  }
  return nullptr;
}

// The shop policy with every <p> given a class, another script and different
// line breaks: the markup changes, the words do not.
std::string RestyledHtml() {
  std::string html = PolicyHtml("Privacy Notice", ShopPolicy(),
                                "<script>console.log('v2 of the layout');</script>\n");
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html.compare(i, 3, "<p>") == 0) {
      out += "<p class=\"body-text\">\n   ";
      i += 2;
    } else if (html.compare(i, 4, "<h2>") == 0) {
      out += "<h2 class=\"section-title\" id=\"s" + std::to_string(i) + "\">";
      i += 3;
    } else {
      out += html[i];
    }
  }
  return out;
}

}  // namespace

TEST_CASE("check: first check is new, same page and markup-only change store nothing, a changed "
          "word stores a version", "[e2e][check]") {
  Site site;
  site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  Workspace ws;
  ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}}));

  Outcome first = ws.Check();
  INFO("stdout: " << first.out << "\nstderr: " << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("larkspur/privacy-policy: new (version ") != std::string::npos);
  auto history = ws.History("larkspur/privacy-policy");
  CHECK(history["schema"] == "policywatch.history.v1");
  REQUIRE(history["versions"].size() == 1);
  const long long v1 = history["versions"][0]["id"];

  Outcome same = ws.Check();
  REQUIRE(same.exit_code == 0);
  CHECK(same.out.find("larkspur/privacy-policy: unchanged") != std::string::npos);
  CHECK(ws.History("larkspur/privacy-policy")["versions"].size() == 1);

  site.Set("/privacy", {RestyledHtml()});
  Outcome restyled = ws.Check();
  REQUIRE(restyled.exit_code == 0);
  CHECK(restyled.out.find("larkspur/privacy-policy: unchanged") != std::string::npos);
  CHECK(ws.History("larkspur/privacy-policy")["versions"].size() == 1);
  CHECK(QueryInt(ws.db, "SELECT count(*) FROM versions") == 1);

  auto policy = ShopPolicy();
  policy[2].paragraphs[0] = "We share your delivery address with the parcel service that brings "
                            "your parcel. We do not sell your personal information to anyone.";
  site.Set("/privacy", {PolicyHtml("Privacy Notice", policy)});
  Outcome changed = ws.Check();
  INFO("changed stdout: " << changed.out);
  REQUIRE(changed.exit_code == 0);
  CHECK(changed.out.find("larkspur/privacy-policy: changed (") != std::string::npos);
  CHECK(changed.out.find("Sharing With Others") != std::string::npos);

  history = ws.History("larkspur/privacy-policy");
  REQUIRE(history["versions"].size() == 2);
  const long long v2 = history["versions"][1]["id"];
  CHECK(v2 > v1);
  CHECK(history["versions"][1]["severity"] != "new");

  Outcome show_new = Run({"show", "larkspur/privacy-policy", "--config", ws.config});
  REQUIRE(show_new.exit_code == 0);
  CHECK(show_new.out.find("parcel service") != std::string::npos);
  CHECK(show_new.out.find("courier") == std::string::npos);
  CHECK(show_new.out.find("# Privacy Notice") != std::string::npos);
  CHECK(show_new.out.find("cookies") == std::string::npos);  // boilerplate dropped
  Outcome show_old =
      Run({"show", "larkspur/privacy-policy", std::to_string(v1), "--config", ws.config});
  REQUIRE(show_old.exit_code == 0);
  CHECK(show_old.out.find("courier") != std::string::npos);

  CHECK(ws.Outcomes() == std::vector<std::string>{"new", "unchanged", "unchanged", "changed"});
  // The raw evidence of each version is the body as served.
  CHECK(QueryText(ws.db, "SELECT raw_sha256 FROM versions WHERE id = " + std::to_string(v2)) ==
        Sha256Hex(PolicyHtml("Privacy Notice", policy)));
}

TEST_CASE("check: a server that honours If-None-Match answers 304, recorded as not modified",
          "[e2e][check]") {
  Site site;
  Page page{PolicyHtml("Privacy Notice", ShopPolicy())};
  page.etag = true;
  site.Set("/privacy", page);
  Workspace ws;
  ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}}));

  REQUIRE(ws.Check().exit_code == 0);
  Outcome again = ws.Check();
  INFO("stdout: " << again.out << "\nstderr: " << again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("larkspur/privacy-policy: unchanged (304 not modified)") != std::string::npos);
  auto requests = site.Requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].if_none_match.empty());
  CHECK_FALSE(requests[1].if_none_match.empty());
  CHECK(requests[1].status == 304);
  CHECK(ws.Outcomes() == std::vector<std::string>{"new", "not_modified"});
  CHECK(QueryInt(ws.db, "SELECT count(*) FROM versions") == 1);

  // A new body has a new ETag: fetched in full and stored.
  auto policy = ShopPolicy();
  policy[3].paragraphs[0] = "We keep order records for 60 days after delivery and then delete "
                            "them, unless a tax rule obliges us to keep them longer.";
  page.body = PolicyHtml("Privacy Notice", policy);
  site.Set("/privacy", page);
  Outcome changed = ws.Check();
  REQUIRE(changed.exit_code == 0);
  CHECK(changed.out.find("larkspur/privacy-policy: changed (") != std::string::npos);
  CHECK(site.Requests().back().status == 200);
  CHECK(QueryInt(ws.db, "SELECT count(*) FROM versions") == 2);
}

TEST_CASE("check: failed fetches (404, connection refused) are recorded and change nothing else",
          "[e2e][check]") {
  Site site;
  site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  site.Set("/terms", {PolicyHtml("Terms of Sale", ShopPolicy())});
  const std::string refused = "http://127.0.0.1:" + std::to_string(RefusedPort()) + "/terms";
  Workspace ws;
  ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites",
                             {{"privacy-policy", site.Url("/privacy")},
                              {"terms", site.Url("/terms")}}) +
                 CompanyToml("gannet", "Gannet Air", {{"terms", refused}}));

  Outcome first = ws.Check();
  INFO("first stdout: " << first.out << "\nstderr: " << first.err);
  CHECK(first.exit_code == 1);  // gannet cannot be reached
  CHECK(first.out.find("larkspur/terms: new") != std::string::npos);
  CHECK(first.out.find("gannet/terms: failed: ") != std::string::npos);
  const auto terms_history = ws.History("larkspur/terms");
  REQUIRE(terms_history["versions"].size() == 1);
  const auto versions_before = QueryRows(ws.db, "SELECT id, sha256, fetched_at FROM versions ORDER BY id");

  site.Remove("/terms");
  Outcome failed = ws.Check();
  INFO("failed stdout: " << failed.out << "\nstderr: " << failed.err);
  CHECK(failed.exit_code == 1);
  CHECK(failed.out.find("larkspur/privacy-policy: unchanged") != std::string::npos);
  auto line_of = [&](const std::string& key) {
    size_t at = failed.out.find(key + ": ");
    REQUIRE(at != std::string::npos);
    return failed.out.substr(at, failed.out.find('\n', at) - at);
  };
  std::string not_found = line_of("larkspur/terms");
  CHECK(not_found.find("failed") != std::string::npos);
  CHECK(not_found.find("404") != std::string::npos);
  std::string no_server = line_of("gannet/terms");
  CHECK(no_server.find("failed") != std::string::npos);
  CHECK((no_server.find("refused") != std::string::npos ||
         no_server.find("connect") != std::string::npos));

  // History, versions and the last good state are untouched.
  CHECK(ws.History("larkspur/terms") == terms_history);
  CHECK(QueryRows(ws.db, "SELECT id, sha256, fetched_at FROM versions ORDER BY id") == versions_before);
  auto status = ws.Status();
  const auto* terms = FindDocument(status, "larkspur", "terms");
  REQUIRE(terms != nullptr);
  CHECK((*terms)["consecutive_failures"] == 1);
  CHECK((*terms)["last_change_severity"] == "first");
  const auto* gannet = FindDocument(status, "gannet", "terms");
  REQUIRE(gannet != nullptr);
  CHECK((*gannet)["consecutive_failures"] == 2);
  CHECK(QueryText(ws.db, "SELECT http_status FROM attempts_readable a JOIN documents d ON "
                         "d.id = a.document_id WHERE d.company_id = 'larkspur' AND d.type = "
                         "'terms' ORDER BY a.id DESC LIMIT 1") == "404");
  CHECK(QueryInt(ws.db, "SELECT count(*) FROM attempts WHERE outcome = 4") == 3);
  CHECK(QueryInt(ws.db, "SELECT count(*) FROM changes WHERE from_version IS NOT NULL") == 0);

  // Back again: a success resets the failure count, and no version is added.
  site.Set("/terms", {PolicyHtml("Terms of Sale", ShopPolicy())});
  Outcome back = ws.Check({"larkspur"});
  CHECK(back.exit_code == 0);
  CHECK(back.out.find("larkspur/terms: unchanged") != std::string::npos);
  CHECK((*FindDocument(ws.Status(), "larkspur", "terms"))["consecutive_failures"] == 0);
  CHECK(ws.History("larkspur/terms")["versions"] == terms_history["versions"]);
}

TEST_CASE("check: a company removed from the config keeps its history, archived",
          "[e2e][check]") {
  Site site;
  site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  site.Set("/gannet", {PolicyHtml("Gannet Air Privacy", ShopPolicy())});
  Workspace ws;
  const std::string larkspur =
      CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}});
  ws.WriteConfig(larkspur + CompanyToml("gannet", "Gannet Air", {{"privacy-policy", site.Url("/gannet")}}));
  REQUIRE(ws.Check().exit_code == 0);
  const auto gannet_history = ws.History("gannet/privacy-policy");
  REQUIRE(gannet_history["versions"].size() == 1);

  ws.WriteConfig(larkspur);
  site.ClearRequests();
  Outcome o = ws.Check();
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.find("gannet") == std::string::npos);
  for (const auto& r : site.Requests()) CHECK(r.path == "/privacy");

  CHECK(ws.History("gannet/privacy-policy") == gannet_history);
  Outcome text = Run({"history", "gannet/privacy-policy", "--config", ws.config});
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("archived") != std::string::npos);
  Outcome show = Run({"show", "gannet/privacy-policy", "--config", ws.config});
  CHECK(show.exit_code == 0);
  CHECK(show.out.find("# Gannet Air Privacy") != std::string::npos);

  CHECK(FindDocument(ws.Status(), "gannet", "privacy-policy") == nullptr);
  auto all = ws.Status(true);
  const auto* archived = FindDocument(all, "gannet", "privacy-policy");
  REQUIRE(archived != nullptr);
  CHECK((*archived)["archived"] == true);
  CHECK((*FindDocument(all, "larkspur", "privacy-policy"))["archived"] == false);
  Outcome status_text = Run({"status", "--all", "--config", ws.config});
  CHECK(status_text.out.find("gannet/privacy-policy (archived)") != std::string::npos);

  // Back in the config: un-archived, same history continues.
  ws.WriteConfig(larkspur + CompanyToml("gannet", "Gannet Air", {{"privacy-policy", site.Url("/gannet")}}));
  REQUIRE(ws.Check().exit_code == 0);
  CHECK((*FindDocument(ws.Status(), "gannet", "privacy-policy"))["archived"] == false);
  CHECK(ws.History("gannet/privacy-policy")["versions"] == gannet_history["versions"]);
}

TEST_CASE("check: COMPANY/TYPE and COMPANY check only what they name, unknown targets exit 2",
          "[e2e][check]") {
  Site site;
  site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
  site.Set("/terms", {PolicyHtml("Terms of Sale", ShopPolicy())});
  site.Set("/gannet", {PolicyHtml("Gannet Air Privacy", ShopPolicy())});
  Workspace ws;
  ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites",
                             {{"privacy-policy", site.Url("/privacy")},
                              {"terms", site.Url("/terms")}}) +
                 CompanyToml("gannet", "Gannet Air", {{"privacy-policy", site.Url("/gannet")}}));

  Outcome one = ws.Check({"larkspur/terms"});
  INFO("stdout: " << one.out << "\nstderr: " << one.err);
  REQUIRE(one.exit_code == 0);
  CHECK(one.out.find("larkspur/terms: new") != std::string::npos);
  CHECK(one.out.find("privacy-policy") == std::string::npos);
  auto requests = site.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].path == "/terms");

  site.ClearRequests();
  Outcome company = ws.Check({"larkspur"});
  REQUIRE(company.exit_code == 0);
  CHECK(company.out.find("larkspur/terms: unchanged") != std::string::npos);
  CHECK(company.out.find("larkspur/privacy-policy: new") != std::string::npos);
  CHECK(company.out.find("gannet") == std::string::npos);
  std::vector<std::string> paths;
  for (const auto& r : site.Requests()) paths.push_back(r.path);
  std::sort(paths.begin(), paths.end());
  CHECK(paths == std::vector<std::string>{"/privacy", "/terms"});
  // The unchecked document is known (from the config) but has no version.
  Outcome none = Run({"history", "gannet/privacy-policy", "--config", ws.config});
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("no versions yet") != std::string::npos);

  site.ClearRequests();
  for (const std::string target : {"nosuch", "larkspur/nosuch", "nosuch/terms"}) {
    Outcome bad = ws.Check({target});
    INFO("target " << target << " stderr: " << bad.err);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find(target) != std::string::npos);
    CHECK(bad.out.empty());
  }
  CHECK(site.Requests().empty());
}

TEST_CASE("check: hostile input gets a clear error, never a crash", "[e2e][check][hostile]") {
  Site site;
  Workspace ws;

  SECTION("a config error names file, line and key; nothing is fetched") {
    ws.config = ws.dir.Write("policywatch.toml",
                             DaemonToml() + "[[company]]\nid = \"larkspur\"\n  [[company.document]]\n"
                                            "  type = \"privacy-policy\"\n  url = \"ftp://x\"\n");
    Outcome o = ws.Check();
    CHECK(o.exit_code == 1);
    CHECK(o.err.find("policywatch.toml:") != std::string::npos);
    CHECK(o.err.find("url") != std::string::npos);
    CHECK(site.Requests().empty());
  }
  SECTION("a database that is not SQLite is named, not overwritten") {
    site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
    ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites", {{"privacy-policy", site.Url("/privacy")}}));
    ws.dir.Write("pw.db", std::string(8192, 'x'));
    Outcome o = ws.Check();
    INFO("stderr: " << o.err);
    CHECK(o.exit_code == 1);
    CHECK(o.err.find("pw.db") != std::string::npos);
    CHECK(ReadFile(ws.db) == std::string(8192, 'x'));
  }
  SECTION("pages that are binary, empty or garbage are recorded, the others still checked") {
    site.Set("/privacy", {PolicyHtml("Privacy Notice", ShopPolicy())});
    std::string binary;
    for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xff);
    site.Set("/binary", {binary, "application/octet-stream"});
    site.Set("/empty", {"", "text/html"});
    site.Set("/tags", {std::string(20000, '<') + "<<div><p>" + std::string(3000, '>'), "text/html"});
    ws.WriteConfig(CompanyToml("larkspur", "Larkspur Kites",
                               {{"privacy-policy", site.Url("/privacy")},
                                {"binary", site.Url("/binary")},
                                {"empty", site.Url("/empty")},
                                {"tags", site.Url("/tags")}}));
    Outcome o = ws.Check();
    INFO("stdout: " << o.out << "\nstderr: " << o.err);
    CHECK(o.signal == 0);
    CHECK((o.exit_code == 0 || o.exit_code == 1));
    CHECK(o.out.find("larkspur/privacy-policy: new") != std::string::npos);
    for (const std::string type : {"binary", "empty", "tags"}) {
      CHECK(o.out.find("larkspur/" + type + ": ") != std::string::npos);
    }
    CHECK(QueryInt(ws.db, "SELECT count(*) FROM attempts") == 4);
    CHECK(QueryText(ws.db, "PRAGMA integrity_check") == "ok");
  }
}
