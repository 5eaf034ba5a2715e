// Issue 5 end to end: what `check` and `diff` say about a change — its severity,
// its reasons, the changeset JSON — for stored versions and for local files.
#include <catch2/catch.hpp>

#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;

namespace {

struct Watched {
  Site site;
  TempDir dir;
  std::string config;

  explicit Watched(const std::string& html) {
    site.Set("/privacy", {html});
    config = dir.Write("policywatch.toml",
                       DaemonToml() + CompanyToml("larkspur", "Larkspur Kites",
                                                  {{"privacy-policy", site.Url("/privacy")}}));
    Outcome first = Check();
    INFO("stderr: " << first.err);
    REQUIRE(first.exit_code == 0);
  }
  Outcome Check() { return Run({"check", "--config", config}); }
};

const nlohmann::json* SectionAt(const nlohmann::json& changeset, const std::string& heading) {
  for (const auto& s : changeset["sections"]) {
    if (!s["path"].empty() && s["path"].back() == heading) return &s;
  }
  return nullptr;
}

bool AnyReasonHas(const nlohmann::json& section, const std::string& a, const std::string& b = "") {
  for (const auto& r : section["reasons"]) {
    std::string reason = r.get<std::string>();
    if (reason.find(a) != std::string::npos && reason.find(b) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("diff: check prints a material change with its reasons, diff --format json has the "
          "changeset", "[e2e][diff]") {
  Watched w(PolicyHtml("Privacy Notice", ShopPolicy()));
  auto policy = ShopPolicy();
  policy[2].paragraphs[0] = "We share your delivery address with the courier that brings your "
                            "parcel. We sell your personal information to anyone.";
  policy[3].paragraphs[0] = "We keep order records for 2 years after delivery and then delete "
                            "them, unless a tax rule obliges us to keep them longer.";
  w.site.Set("/privacy", {PolicyHtml("Privacy Notice", policy)});

  Outcome o = w.Check();
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.find("larkspur/privacy-policy: changed (material, version ") != std::string::npos);
  CHECK(o.out.find("2 sections modified") != std::string::npos);
  CHECK(o.out.find("modified [material] Privacy Notice > Sharing With Others") != std::string::npos);
  CHECK(o.out.find("modified [material] Privacy Notice > Keeping Your Data") != std::string::npos);
  CHECK(o.out.find("negation removed") != std::string::npos);
  CHECK(o.out.find("30 days") != std::string::npos);
  CHECK(o.out.find("2 years") != std::string::npos);

  Outcome d = Run({"diff", "larkspur/privacy-policy", "--config", w.config, "--format", "json"});
  INFO("diff stderr: " << d.err);
  REQUIRE(d.exit_code == 0);
  auto changeset = Json(d);
  CHECK(changeset["schema"] == "policywatch.changeset.v1");
  CHECK(changeset["severity"] == "material");
  CHECK(changeset["summary"]["sections_modified"] == 2);
  CHECK(changeset["summary"]["sections_added"] == 0);
  CHECK(changeset["summary"]["sections_removed"] == 0);
  const auto* sharing = SectionAt(changeset, "Sharing With Others");
  REQUIRE(sharing != nullptr);
  CHECK((*sharing)["status"] == "modified");
  CHECK((*sharing)["path"] == nlohmann::json({"Privacy Notice", "Sharing With Others"}));
  CHECK((*sharing)["severity"] == "material");
  CHECK(AnyReasonHas(*sharing, "negation removed", "not"));
  bool deleted_not = false;
  for (const auto& op : (*sharing)["diff"]) {
    if (op["op"] == "delete" && op["text"].get<std::string>().find("not") != std::string::npos) {
      deleted_not = true;
    }
  }
  CHECK(deleted_not);
  const auto* keeping = SectionAt(changeset, "Keeping Your Data");
  REQUIRE(keeping != nullptr);
  CHECK((*keeping)["severity"] == "material");
  CHECK(AnyReasonHas(*keeping, "30 days", "2 years"));
  bool retention = false;
  for (const auto& c : (*keeping)["categories"]) retention |= c == "data-retention";
  CHECK(retention);
  // Unchanged sections are not listed.
  CHECK(SectionAt(changeset, "Your Choices") == nullptr);

  // The same diff as text and named by version numbers.
  auto history = Json(Run({"history", "larkspur/privacy-policy", "--config", w.config,
                           "--format", "json"}));
  REQUIRE(history["versions"].size() == 2);
  CHECK(history["versions"][1]["severity"] == "material");
  Outcome by_id = Run({"diff", "larkspur/privacy-policy",
                       std::to_string(history["versions"][0]["id"].get<long long>()),
                       std::to_string(history["versions"][1]["id"].get<long long>()),
                       "--config", w.config, "--format", "json"});
  REQUIRE(by_id.exit_code == 0);
  CHECK(Json(by_id) == changeset);
  Outcome text = Run({"diff", "larkspur/privacy-policy", "--config", w.config});
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Sharing With Others") != std::string::npos);
  CHECK(text.out.find("\x1b[") == std::string::npos);  // no colour when not a terminal
}

TEST_CASE("diff: a date-only change is cosmetic", "[e2e][diff]") {
  auto with_date = [](const std::string& date) {
    auto policy = ShopPolicy();
    policy[0].paragraphs.insert(policy[0].paragraphs.begin(), "Last updated: " + date);
    return PolicyHtml("Privacy Notice", policy);
  };
  Watched w(with_date("March 3, 2026"));
  w.site.Set("/privacy", {with_date("April 9, 2026")});
  Outcome o = w.Check();
  INFO("stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.find("changed (cosmetic") != std::string::npos);
  auto changeset = Json(Run({"diff", "larkspur/privacy-policy", "--config", w.config,
                             "--format", "json"}));
  CHECK(changeset["severity"] == "cosmetic");
}

TEST_CASE("diff: a reworded greeting is minor, not material", "[e2e][diff]") {
  Watched w(PolicyHtml("Privacy Notice", ShopPolicy()));
  auto policy = ShopPolicy();
  policy[0].paragraphs[0] = "This notice tells you how Larkspur Kites handles personal "
                            "information when you buy kites, spools and repair kits from our "
                            "online shop.";
  w.site.Set("/privacy", {PolicyHtml("Privacy Notice", policy)});
  Outcome o = w.Check();
  INFO("stdout: " << o.out);
  REQUIRE(o.exit_code == 0);
  CHECK(o.out.find("changed (minor") != std::string::npos);
}

TEST_CASE("diff --files: HTML, Markdown and plain text", "[e2e][diff]") {
  TempDir dir;
  auto policy = ShopPolicy();
  auto changed = policy;
  changed[3].paragraphs[0] = "We keep order records for 2 years after delivery and then delete "
                             "them, unless a tax rule obliges us to keep them longer.";
  changed.push_back({"Children", {"Our shop is not meant for children under 13 and we do not "
                                  "knowingly collect their information."}});

  auto markdown = [](const std::vector<Section>& sections) {
    std::string md = "# Privacy Notice\n\n";
    for (const auto& s : sections) {
      md += "## " + s.heading + "\n\n";
      for (const auto& p : s.paragraphs) md += p + "\n\n";
    }
    return md;
  };
  // Plain text as documents are often saved: a title, then each heading on a
  // short line of its own directly above its paragraphs. (A heading separated
  // from its text by a blank line is not recognised: extract/text.h reads text
  // with every line between blank lines as already-canonical paragraphs.)
  auto plain = [](const std::vector<Section>& sections) {
    std::string txt = "PRIVACY NOTICE\n\n";
    for (const auto& s : sections) {
      txt += s.heading + "\n";
      for (const auto& p : s.paragraphs) txt += p + "\n";
      txt += "\n";
    }
    return txt;
  };
  struct Kind {
    const char* name;
    std::string old_file, new_file;
  };
  std::vector<Kind> kinds = {
      {"html", dir.Write("old.html", PolicyHtml("Privacy Notice", policy)),
       dir.Write("new.html", PolicyHtml("Privacy Notice", changed))},
      {"markdown", dir.Write("old.md", markdown(policy)), dir.Write("new.md", markdown(changed))},
      {"text", dir.Write("old.txt", plain(policy)), dir.Write("new.txt", plain(changed))},
  };
  for (const auto& k : kinds) {
    Outcome o = Run({"diff", "--files", k.old_file, k.new_file, "--format", "json"});
    INFO(k.name << " stdout: " << o.out << "\nstderr: " << o.err);
    REQUIRE(o.exit_code == 0);
    auto changeset = Json(o);
    CHECK(changeset["schema"] == "policywatch.changeset.v1");
    CHECK(changeset["severity"] == "material");
    CHECK(changeset["summary"]["sections_added"] == 1);
    CHECK(changeset["summary"]["sections_modified"] == 1);
    const auto* keeping = SectionAt(changeset, "Keeping Your Data");
    REQUIRE(keeping != nullptr);
    CHECK(AnyReasonHas(*keeping, "30 days", "2 years"));
    const auto* children = SectionAt(changeset, "Children");
    REQUIRE(children != nullptr);
    CHECK((*children)["status"] == "added");

    Outcome same = Run({"diff", "--files", k.old_file, k.old_file, "--format", "json"});
    REQUIRE(same.exit_code == 0);
    CHECK(Json(same)["severity"] == "none");
    CHECK(Json(same)["sections"].empty());
  }

  // HTML with --select: only the chosen part is compared.
  Outcome sel = Run({"diff", "--files", kinds[0].old_file, kinds[0].new_file, "--select", "footer",
                     "--format", "json"});
  REQUIRE(sel.exit_code == 0);
  CHECK(Json(sel)["severity"] == "none");

  // Hostile: a missing file is named; one argument is a usage error.
  Outcome missing = Run({"diff", "--files", kinds[0].old_file, dir.path() + "/nope.html"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("nope.html") != std::string::npos);
  Outcome one = Run({"diff", "--files", kinds[0].old_file});
  CHECK(one.exit_code == 2);
}

TEST_CASE("diff: stored diffs of a document with one version, or an unknown one, fail clearly",
          "[e2e][diff][hostile]") {
  Watched w(PolicyHtml("Privacy Notice", ShopPolicy()));
  Outcome single = Run({"diff", "larkspur/privacy-policy", "--config", w.config});
  CHECK(single.exit_code == 1);
  CHECK(single.err.find("1 version") != std::string::npos);
  Outcome unknown = Run({"diff", "larkspur/nosuch", "--config", w.config});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("nosuch") != std::string::npos);
  Outcome bad_version = Run({"diff", "larkspur/privacy-policy", "0", "--config", w.config});
  CHECK(bad_version.exit_code == 2);
  Outcome missing_version = Run({"diff", "larkspur/privacy-policy", "1", "99", "--config", w.config});
  CHECK(missing_version.exit_code == 1);
  CHECK(missing_version.err.find("99") != std::string::npos);
}

namespace {

// What `check` reports for old -> new: "unchanged" as "none", else the
// severity in "changed (SEVERITY, ...".
std::string CheckSeverity(const std::string& old_html, const std::string& new_html) {
  Watched w(old_html);
  w.site.Set("/privacy", {new_html});
  Outcome o = w.Check();
  INFO("check stdout: " << o.out << "\nstderr: " << o.err);
  REQUIRE(o.exit_code == 0);
  if (o.out.find(": unchanged") != std::string::npos) return "none";
  size_t at = o.out.find("changed (");
  REQUIRE(at != std::string::npos);
  size_t from = at + 9;
  return o.out.substr(from, o.out.find_first_of(",)", from) - from);
}

// What `diff --files` says of the same two pages, and its reasons.
nlohmann::json FilesChangeset(const std::string& old_html, const std::string& new_html) {
  TempDir dir;
  Outcome d = Run({"diff", "--files", dir.Write("old.html", old_html), dir.Write("new.html", new_html),
                   "--format", "json"});
  INFO("diff stderr: " << d.err);
  REQUIRE(d.exit_code == 0);
  return Json(d);
}

}  // namespace

TEST_CASE("diff: check and diff --files judge the same two pages alike (none vs cosmetic and links)",
          "[e2e][diff]") {
  const std::string base = PolicyHtml("Privacy Notice", ShopPolicy());
  auto edit = [&](const std::string& from, const std::string& to) {
    std::string html = base;
    size_t at = html.find(from);
    REQUIRE(at != std::string::npos);
    return html.replace(at, from.size(), to);
  };
  struct Pair {
    std::string name, old_html, new_html, want;
  };
  const std::string linked = edit("the courier that brings", "the <a href=\"https://a.example/couriers\">courier</a> that brings");
  const std::vector<Pair> pairs = {
      {"the same page restyled", base, edit("<main>", "<main class=\"v2\">"), "none"},
      {"a heading level only", base, edit("<h2>Sharing With Others</h2>", "<h3>Sharing With Others</h3>"),
       "cosmetic"},
      {"a paragraph turned into a list item", base,
       edit("<p>When you browse the shop", "<ul><li>When you browse the shop"), "cosmetic"},
      // Link targets are not part of the canonical text (a page's text is what
      // is versioned): a target-only change is no change, for both commands.
      {"a link target only", linked,
       [&] {
         std::string h = linked;
         size_t at = h.find("https://a.example/couriers");
         return h.replace(at, 26, "https://b.example/couriers");
       }(),
       "none"},
      {"a visible URL", edit("the courier that brings", "the courier (https://a.example/couriers) that brings"),
       edit("the courier that brings", "the courier (https://b.example/couriers) that brings"), "minor"},
  };
  for (const Pair& p : pairs) {
    INFO(p.name);
    nlohmann::json files = FilesChangeset(p.old_html, p.new_html);
    INFO(files.dump(1));
    CHECK(files["severity"] == p.want);
    CHECK(CheckSeverity(p.old_html, p.new_html) == files["severity"].get<std::string>());
    if (p.name.find("URL") != std::string::npos) {
      const auto* sharing = SectionAt(files, "Sharing With Others");
      REQUIRE(sharing != nullptr);
      CHECK(AnyReasonHas(*sharing, "link changed", "b.example/couriers"));
      bool shown = false;  // the new target stays visible in the diff
      for (const auto& op : (*sharing)["diff"]) {
        shown |= op["op"] == "insert" && op["text"].get<std::string>().find("b") != std::string::npos;
      }
      CHECK(shown);
    }
  }
}
