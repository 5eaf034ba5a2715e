// Issue 14 end to end: `policywatch check` on pages that need a browser, PDFs
// and documents in several parts, with real headless Chromium against a local
// site, PDFs printed by Chromium from our own HTML, and a real webhook receiver.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/e2e/e2e_support.h"

using namespace pw::e2e;

namespace {

constexpr const char* kSecret = "documents-test-secret";

// A page with no text of its own: a script fetches `json_path` after load and
// builds the policy (an <h1> and one <h2> + <p> per section) in <div id="root">.
std::string ScriptShell(const std::string& json_path, const std::string& extra_script = "") {
  return "<!doctype html><html><head><title>Loading</title></head><body>"
         "<noscript>You need to enable JavaScript to run this app.</noscript>"
         "<div id=\"root\"></div><script>"
         "fetch('" + json_path + "').then(r => r.json()).then(p => {"
         "  const root = document.getElementById('root');"
         "  const main = document.createElement('main');"
         "  main.innerHTML = '<h1>' + p.title + '</h1>';"
         "  for (const s of p.sections) {"
         "    const h = document.createElement('h2'); h.textContent = s.heading;"
         "    const para = document.createElement('p'); para.textContent = s.text;"
         "    main.append(h, para);"
         "  }"
         "  root.append(main);"
         "});" + extra_script + "</script></body></html>";
}

std::string PolicyJson(const std::string& sharing) {
  nlohmann::json j = {
      {"title", "Heron Maps Privacy Policy"},
      {"sections",
       {{{"heading", "What We Collect"},
         {"text", "We collect the places you search for and the routes you save."}},
        {{"heading", "Sharing"}, {"text", sharing}},
        {{"heading", "Keeping Data"},
         {"text", "We keep saved routes until you delete them or close your account."}}}}};
  return j.dump();
}

Page Json(const std::string& body, int delay_ms = 0) {
  Page p;
  p.body = body;
  p.content_type = "application/json";
  p.delay_ms = delay_ms;
  return p;
}

Page Html(const std::string& body) {
  Page p;
  p.body = body;
  return p;
}

struct Workspace {
  Site site;
  HookReceiver hook;
  TempDir dir;
  std::string config;
  std::string db = dir.path() + "/pw.db";

  // `documents`: [[company.document]] tables, written as TOML by the test.
  void Write(const std::string& documents, const std::string& browser_timeout = "8s") {
    dir.Write("secrets/hook", std::string(kSecret) + "\n");
    std::string toml = DaemonToml() + BrowserToml(browser_timeout);
    toml += "[[channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"" + hook.Url() +
            "\"\nsecret_file = \"secrets/hook\"\nmin_severity = \"minor\"\ntimeout = \"5s\"\n\n";
    toml += "[[company]]\nid = \"heron\"\nname = \"Heron Maps\"\nchannels = [\"hook\"]\n" +
            documents;
    config = dir.Write("policywatch.toml", toml);
  }
  Outcome Check() { return Run({"check", "--config", config}); }
  long long Versions() { return QueryInt(db, "SELECT COUNT(*) FROM versions"); }
  std::string Latest(const std::string& key) {
    Outcome o = Run({"show", key, "--config", config});
    INFO("show stderr: " << o.err);
    REQUIRE(o.exit_code == 0);
    return o.out;
  }
  std::vector<nlohmann::json> Events(const std::string& type) {
    std::vector<nlohmann::json> out;
    for (const auto& r : hook.Requests()) {
      auto event = nlohmann::json::parse(r.body, nullptr, false);
      if (!event.is_discarded() && event["type"] == type) out.push_back(event);
    }
    return out;
  }
};

std::string Document(const std::string& type, const std::string& body) {
  return "  [[company.document]]\n  type = \"" + type + "\"\n" + body;
}

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The pids of the processes whose parent is `parent`.
std::vector<pid_t> ChildrenOf(pid_t parent) {
  std::vector<pid_t> out;
  DIR* proc = opendir("/proc");
  if (!proc) return out;
  while (dirent* e = readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) out.push_back(pid);
  }
  closedir(proc);
  return out;
}

// The processes of process group `pgid` that still exist.
int InGroup(pid_t pgid) {
  int n = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (dirent* e = readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid > 0 && getpgid(pid) == pgid) ++n;
  }
  closedir(proc);
  return n;
}

template <typename F>
bool WaitFor(F done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace

TEST_CASE("documents: a page built by scripts is rendered at every check, and its change "
          "arrives as one material alert", "[e2e][browser]") {
  Workspace w;
  w.site.Set("/app", Html(ScriptShell("/policy.json")));
  w.site.Set("/policy.json", Json(PolicyJson("We do not sell your personal information.")));
  w.Write(Document("privacy-policy", "  url = \"" + w.site.Url("/app") +
                                         "\"\n  render = \"browser\"\n"));
  Outcome first = w.Check();
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(Contains(first.out, "heron/privacy-policy: new"));
  const std::string text = w.Latest("heron/privacy-policy");
  CHECK(Contains(text, "## Sharing"));
  CHECK(Contains(text, "We do not sell your personal information."));
  CHECK_FALSE(Contains(text, "enable JavaScript"));

  w.site.ClearRequests();
  Outcome same = w.Check();
  CHECK(Contains(same.out, "heron/privacy-policy: unchanged"));
  int json_fetches = 0;  // rendered again: its script fetched the JSON again
  for (const auto& r : w.site.Requests()) json_fetches += r.path == "/policy.json";
  CHECK(json_fetches >= 1);

  w.site.Set("/policy.json",
             Json(PolicyJson("We sell your personal information to advertising partners.")));
  Outcome changed = w.Check();
  INFO(changed.out << changed.err);
  CHECK(Contains(changed.out, "changed (material"));
  CHECK(w.Versions() == 2);
  auto events = w.Events("document.changed");
  REQUIRE(events.size() == 1);
  CHECK(events[0]["severity"] == "material");
  // The rendered DOM is the evidence: it holds the text the script built.
  CHECK(Contains(QueryText(w.db, "SELECT content_type FROM versions ORDER BY id DESC LIMIT 1"),
                 "text/html"));

  Outcome status = Run({"status", "--config", w.config});
  CHECK(Contains(status.out, "browser"));
  Outcome validate = Run({"validate", "--config", w.config});
  CHECK(Contains(validate.out, "1 document, 1 channel (1 read with the browser)"));
  CHECK(validate.err.empty());  // a browser is installed, and may run here
}

TEST_CASE("documents: a script shell read as static HTML is reported with the setting to use, "
          "and render = \"auto\" renders it", "[e2e][browser]") {
  Workspace w;
  w.site.Set("/app", Html(ScriptShell("/policy.json")));
  w.site.Set("/policy.json", Json(PolicyJson("We do not sell your personal information.")));
  w.Write(Document("privacy-policy", "  url = \"" + w.site.Url("/app") + "\"\n") +
          Document("terms", "  url = \"" + w.site.Url("/app") + "\"\n  render = \"auto\"\n"));
  Outcome o = w.Check();
  INFO(o.out << o.err);
  CHECK(Contains(o.out, "heron/privacy-policy: new"));
  CHECK(Contains(o.out, "extraction suspect"));
  CHECK(Contains(o.out, "render = \"browser\""));
  auto suspects = w.Events("document.extraction_suspect");
  REQUIRE(suspects.size() == 1);
  CHECK(Contains(suspects[0].dump(), "render = \\\"browser\\\""));
  CHECK(Contains(w.Latest("heron/terms"), "We do not sell your personal information."));

  Outcome extract = Run({"extract", w.site.Url("/app")});
  CHECK(Contains(extract.err, "render = \"browser\""));
  Outcome rendered = Run({"extract", "--render", "browser", "--config", w.config, w.site.Url("/app")});
  INFO(rendered.err);
  CHECK(Contains(rendered.out, "We do not sell your personal information."));
}

TEST_CASE("documents: wait_for waits for an element a script adds late, and a page that never "
          "goes idle times out", "[e2e][browser]") {
  Workspace w;
  const std::string late =
      "<!doctype html><html><body><div id=\"policy\"></div><script>"
      "setTimeout(() => { document.getElementById('policy').innerHTML = "
      "'<h2>Cookies</h2><p>We set one cookie to remember your language.</p>'; }, 1500);"
      "</script></body></html>";
  const std::string busy =
      "<!doctype html><html><body><p>Terms</p><script>"
      "let n = 0; setInterval(() => fetch('/tick?' + (n++)), 100);"
      "</script></body></html>";
  w.site.Set("/late", Html(late));
  w.site.Set("/busy", Html(busy));
  w.site.Set("/tick", Html("ok"));
  w.Write(Document("cookie-policy", "  url = \"" + w.site.Url("/late") +
                                        "\"\n  render = \"browser\"\n  wait_for = \"#policy h2\"\n") +
              Document("terms", "  url = \"" + w.site.Url("/busy") + "\"\n  render = \"browser\"\n"),
          "3s");
  Outcome o = w.Check();
  INFO(o.out << o.err);
  CHECK(Contains(w.Latest("heron/cookie-policy"), "We set one cookie to remember your language."));
  CHECK(Contains(o.out, "heron/terms: failed"));
  CHECK(Contains(o.out, "within 3 s"));
  CHECK(QueryText(w.db, "SELECT error_kind FROM attempts_readable a JOIN documents d ON "
                        "d.id = a.document_id WHERE d.type = 'terms'") == "timeout");
}

TEST_CASE("documents: the browser killed during a check fails that check cleanly, the next "
          "succeeds, and no process is left behind", "[e2e][browser]") {
  Workspace w;
  w.site.Set("/app", Html(ScriptShell("/policy.json")));
  w.site.Set("/policy.json", Json(PolicyJson("We do not sell your personal information."), 4000));
  w.Write(Document("privacy-policy", "  url = \"" + w.site.Url("/app") +
                                         "\"\n  render = \"browser\"\n"));
  const pid_t check = Spawn({"check", "--config", w.config});
  pid_t browser = 0;
  REQUIRE(WaitFor([&] {
    for (pid_t child : ChildrenOf(check)) {
      std::ifstream comm("/proc/" + std::to_string(child) + "/comm");
      std::string name;
      std::getline(comm, name);
      if (name.find("chrom") != std::string::npos || name.find("headless") != std::string::npos) {
        browser = child;
      }
    }
    return browser != 0;
  }, std::chrono::seconds(10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the page is loading
  REQUIRE(kill(browser, SIGKILL) == 0);
  int status = 0;
  REQUIRE(waitpid(check, &status, 0) == check);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) != 0);  // the check failed
  CHECK(QueryText(w.db, "SELECT error_kind FROM attempts_readable ORDER BY id DESC LIMIT 1") ==
        "browser");
  CHECK(w.Versions() == 0);
  // Nothing of that browser is left: no zombie, no orphan of its group.
  CHECK(WaitFor([&] { return InGroup(browser) == 0; }, std::chrono::seconds(5)));

  w.site.Set("/policy.json", Json(PolicyJson("We do not sell your personal information.")));
  Outcome next = w.Check();
  INFO(next.out << next.err);
  CHECK(next.exit_code == 0);
  CHECK(w.Versions() == 1);
}

namespace {

// `html` printed to a PDF by Chromium (without its own header and footer lines).
std::string PrintPdf(TempDir& dir, const std::string& name, const std::string& html) {
  const std::string source = dir.Write(name + ".html", html);
  const std::string pdf = dir.path() + "/" + name + ".pdf";
  std::vector<std::string> args = {"/usr/bin/chromium-headless-shell", "--headless",
                                   "--disable-gpu", "--no-first-run",
                                   "--disable-background-networking", "--no-pdf-header-footer",
                                   "--user-data-dir=" + dir.path() + "/print-profile",
                                   "--print-to-pdf=" + pdf, "file://" + source};
  if (geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");
  std::string command;
  for (const auto& a : args) command += "'" + a + "' ";
  REQUIRE(std::system((command + ">/dev/null 2>&1").c_str()) == 0);
  return ReadFile(pdf);
}

std::string CookieTableHtml(const std::string& lifetime) {
  return "<!doctype html><html><body><h1>Cookie Table</h1>"
         "<p>Analytics cookies count visits to our map pages. They last " + lifetime +
         " and are set only with your consent.</p></body></html>";
}

const char* kIntro =
    "<!doctype html><html><body><nav>Home | Maps | Blog</nav>"
    "<div><p id=\"start\">This notice covers the Heron Maps apps and website.</p>"
    "<p>Heron Maps Ltd is responsible for your information.</p></div>"
    "<p id=\"end\">Related articles: ten walks for spring</p></body></html>";

}  // namespace

TEST_CASE("documents: three parts (a range of a page, a rendered page, a PDF) make one "
          "document, one version and one alert, and a failing part stores nothing",
          "[e2e][browser][pdf]") {
  Workspace w;
  w.site.Set("/intro", Html(kIntro));
  w.site.Set("/app", Html(ScriptShell("/policy.json")));
  w.site.Set("/policy.json", Json(PolicyJson("We do not sell your personal information.")));
  Page pdf;
  pdf.body = PrintPdf(w.dir, "table-v1", CookieTableHtml("30 days"));
  pdf.content_type = "application/pdf";
  w.site.Set("/cookie-table.pdf", pdf);
  w.Write(Document("privacy-policy",
                   "  parts = [\n"
                   "    { url = \"" + w.site.Url("/intro") +
                       "\", select = [{ start_before = \"#start\", end_before = \"#end\" }] },\n"
                   "    { url = \"" + w.site.Url("/app") + "\", render = \"browser\" },\n"
                   "    { url = \"" + w.site.Url("/cookie-table.pdf") + "\" },\n"
                   "  ]\n"));
  Outcome first = w.Check();
  INFO(first.out << first.err);
  REQUIRE(first.exit_code == 0);
  const std::string text = w.Latest("heron/privacy-policy");
  INFO(text);
  const size_t intro = text.find("This notice covers the Heron Maps apps and website.");
  const size_t app = text.find("We do not sell your personal information.");
  const size_t table = text.find("They last 30 days");
  CHECK(intro != std::string::npos);
  CHECK(app != std::string::npos);
  CHECK(table != std::string::npos);
  CHECK(intro < app);
  CHECK(app < table);
  CHECK_FALSE(Contains(text, "Related articles"));
  CHECK_FALSE(Contains(text, "Home | Maps"));
  CHECK(Contains(QueryText(w.db, "SELECT content_type FROM versions"), "multipart/mixed"));

  pdf.body = PrintPdf(w.dir, "table-v2", CookieTableHtml("5 years"));
  w.site.Set("/cookie-table.pdf", pdf);
  Outcome changed = w.Check();
  INFO(changed.out << changed.err);
  CHECK(Contains(changed.out, "changed (material"));
  auto events = w.Events("document.changed");
  REQUIRE(events.size() == 1);
  CHECK(events[0]["severity"] == "material");

  w.site.Remove("/app");
  Outcome failed = w.Check();
  CHECK(Contains(failed.out, "failed: part 2 (" + w.site.Url("/app") + ")"));
  CHECK(w.Versions() == 2);
}

TEST_CASE("documents: a PDF without text and a truncated PDF are reported, never a crash",
          "[e2e][pdf]") {
  Workspace w;
  const std::string good = PrintPdf(w.dir, "good", CookieTableHtml("30 days"));
  Page truncated;
  truncated.body = good.substr(0, good.size() / 2);
  truncated.content_type = "application/pdf";
  w.site.Set("/truncated.pdf", truncated);
  Page blank;
  blank.body = PrintPdf(w.dir, "blank", "<!doctype html><html><body>"
                                        "<div style=\"width:200px;height:200px;background:#333\">"
                                        "</div></body></html>");
  blank.content_type = "application/pdf";
  w.site.Set("/blank.pdf", blank);
  w.Write(Document("terms", "  url = \"" + w.site.Url("/truncated.pdf") + "\"\n") +
          Document("cookie-policy", "  url = \"" + w.site.Url("/blank.pdf") + "\"\n"));
  Outcome o = w.Check();
  INFO(o.out << o.err);
  CHECK(Contains(o.out, "heron/terms: failed"));
  CHECK(Contains(o.out, "extraction suspect: the PDF has no text layer"));
}
