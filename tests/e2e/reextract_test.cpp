// Issue 17 item 4 end to end: `policywatch reextract` after a configuration
// change, against a real site, a real webhook receiver and the SQLite file the
// binary writes; verified through `history`, `diff`, `check` and the outbox.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;

namespace {

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The shop policy with a note inside <main>, after the article.
std::string ShopPage(const std::string& extra_paragraph = "") {
  auto sections = ShopPolicy();
  if (!extra_paragraph.empty()) sections.push_back({"Sharing", {extra_paragraph}});
  std::string html = PolicyHtml("Privacy Notice", sections);
  const std::string end = "</article>\n</main>";
  html.replace(html.find(end), end.size(),
               "</article>\n<div class=\"postal\"><p>You can ask Larkspur Kites for a printed copy "
               "of this notice by post.</p></div>\n</main>");
  return html;
}

struct Workspace {
  Site site;
  HookReceiver hook;
  TempDir dir;
  std::string config;
  std::string db = dir.path() + "/pw.db";

  // The shop's privacy policy read with `select`; its terms as a second document.
  void Write(const std::string& select) {
    config = dir.Write(
        "policywatch.toml",
        DaemonToml() + "[[channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"" + hook.Url() +
            "\"\nmin_severity = \"cosmetic\"\ntimeout = \"5s\"\n\n"
            "[[company]]\nid = \"larkspur\"\nname = \"Larkspur Kites\"\nchannels = [\"hook\"]\n"
            "  [[company.document]]\n  type = \"privacy-policy\"\n  url = \"" +
            site.Url("/privacy") + "\"\n  select = [\"" + select + "\"]\n"
            "  [[company.document]]\n  type = \"terms\"\n  url = \"" + site.Url("/terms") +
            "\"\n  select = [\"" + select + "\"]\n");
  }
  Outcome Cmd(std::vector<std::string> args) {
    args.insert(args.end(), {"--config", config});
    return Run(args);
  }
  long long Count(const std::string& table) {
    return QueryInt(db, "SELECT count(*) FROM " + table);
  }
};

}  // namespace

TEST_CASE("reextract: a changed select makes a technical version that never alerts and the next "
          "change is diffed against it", "[e2e][reextract]") {
  Workspace w;
  w.site.Set("/privacy", {ShopPage()});
  w.site.Set("/terms", {ShopPage()});
  w.Write("main");
  Outcome first = w.Cmd({"check"});
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  REQUIRE(Contains(w.Cmd({"show", "larkspur/privacy-policy"}).out, "a printed copy"));

  SECTION("nothing differs: nothing is stored") {
    Outcome same = w.Cmd({"reextract"});
    INFO(same.out << same.err);
    CHECK(same.exit_code == 0);
    CHECK(Contains(same.out, "larkspur/privacy-policy: unchanged"));
    CHECK(w.Count("versions") == 2);
  }

  SECTION("a changed select") {
    w.Write("article");
    Outcome dry = w.Cmd({"reextract", "larkspur/privacy-policy", "--dry-run"});
    INFO(dry.out << dry.err);
    CHECK(dry.exit_code == 0);
    CHECK(Contains(dry.out, "would store a technical version"));
    CHECK(w.Count("versions") == 2);
    CHECK(w.Count("changes") == 0);  // first versions have none

    Outcome re = w.Cmd({"reextract", "larkspur", "--format", "json"});
    INFO(re.out << re.err);
    REQUIRE(re.exit_code == 0);
    nlohmann::json results = Json(re)["results"];
    REQUIRE(results.size() == 2);
    CHECK(results[0]["outcome"] == "technical");
    const long long technical = results[0]["version"].get<long long>();
    CHECK(technical > 0);
    CHECK(w.Count("versions") == 4);
    CHECK(w.Count("outbox") == 0);
    CHECK(w.hook.Requests().empty());

    Outcome history = w.Cmd({"history", "larkspur/privacy-policy", "--format", "json"});
    REQUIRE(history.exit_code == 0);
    nlohmann::json versions = Json(history)["versions"];
    REQUIRE(versions.size() == 2);
    CHECK(versions[0]["technical"] == false);
    CHECK(versions[0]["imported"] == false);
    CHECK(versions[1]["technical"] == true);
    CHECK(versions[1]["id"] == technical);
    CHECK(Contains(w.Cmd({"history", "larkspur/privacy-policy"}).out, "technical (no alert)"));
    Outcome diff = w.Cmd({"diff", "larkspur/privacy-policy"});
    CHECK(Contains(diff.out, "version " + std::to_string(technical) + " is technical"));
    CHECK(Json(w.Cmd({"diff", "larkspur/privacy-policy", "--format", "json"}))["technical"] ==
          true);

    // The same page at the next check: nothing new, no alert.
    Outcome unchanged = w.Cmd({"check"});
    INFO(unchanged.out << unchanged.err);
    CHECK(unchanged.exit_code == 0);
    CHECK(w.Count("versions") == 4);
    CHECK(w.Count("outbox") == 0);

    // A real change: alerted, and diffed against the technical version.
    w.site.Set("/privacy", {ShopPage("We may sell your order history to advertisers.")});
    Outcome changed = w.Cmd({"check", "larkspur/privacy-policy"});
    INFO(changed.out << changed.err);
    CHECK(Contains(changed.out, "changed ("));
    REQUIRE(w.hook.Requests().size() == 1);
    auto event = nlohmann::json::parse(w.hook.Requests()[0].body);
    CHECK(event["from_version"]["id"] == technical);
    CHECK_FALSE(Contains(w.Cmd({"show", "larkspur/privacy-policy"}).out, "a printed copy"));

    // Again: nothing differs any more.
    CHECK(Contains(w.Cmd({"reextract"}).out, "larkspur/privacy-policy: unchanged"));
  }
}

TEST_CASE("reextract: corrupted evidence fails that document and the others go on and an unknown "
          "document is a usage error", "[e2e][reextract]") {
  Workspace w;
  w.site.Set("/privacy", {ShopPage()});
  w.site.Set("/terms", {ShopPage()});
  w.Write("main");
  REQUIRE(w.Cmd({"check"}).exit_code == 0);
  const long long bad = QueryInt(
      w.db, "SELECT v.id FROM versions v JOIN documents d ON d.id = v.document_id"
            " WHERE d.type = 'privacy-policy'");
  Execute(w.db, "UPDATE versions SET raw_sha256 = '00' WHERE id = " + std::to_string(bad));
  w.Write("article");
  Outcome re = w.Cmd({"reextract"});
  INFO(re.out << re.err);
  CHECK(re.exit_code == 1);
  CHECK(Contains(re.out, "larkspur/privacy-policy: failed: version " + std::to_string(bad) +
                             ": evidence unreadable"));
  CHECK(Contains(re.out, "larkspur/terms: technical version"));

  Outcome unknown = w.Cmd({"reextract", "nobody/privacy-policy"});
  CHECK(unknown.exit_code == 2);
  CHECK(Contains(unknown.err, "no configured document matches 'nobody/privacy-policy'"));
}
