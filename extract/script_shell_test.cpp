// ScriptShellReason: pages whose text scripts build (shells) against pages
// that merely use scripts, empty pages and broken markup. The fixtures are
// written for these tests, in the shape real frameworks emit.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/script_shell.h"
#include "extract/internal/test_corpus.h"

namespace pw::extract {
namespace {

namespace fs = std::filesystem;

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// `words` words of made-up policy prose.
std::string Prose(int words) {
  static const char* kWords[] = {"we",       "collect", "personal", "data",    "to",
                                 "provide",  "improve", "protect",  "service", "account"};
  std::string s;
  for (int i = 0; i < words; ++i) s += (i ? " " : "") + std::string(kWords[i % 10]);
  return s + ".";
}

const char* kHead =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acme</title>"
    "<link rel=\"stylesheet\" href=\"/static/css/main.css\"></head>";

}  // namespace

TEST_CASE("shell: create-react-app", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><noscript>You need to enable JavaScript to run this app.</noscript>"
                     "<div id=\"root\"></div>"
                     "<script defer=\"defer\" src=\"/static/js/main.8c1b2e.js\"></script>"
                     "</body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(reason.starts_with("the page has almost no text of its own (0 letters), an empty "));
  CHECK(Has(reason, "an empty application root <div id=\"root\">"));
  CHECK(Has(reason, "a <noscript> asking for JavaScript (\"You need to enable JavaScript to "
                    "run this app.\")"));
  CHECK(reason.ends_with(": its text is built by scripts"));
}

TEST_CASE("shell: Next.js rendered in the client", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><div id=\"__next\"></div>"
                     "<script id=\"__NEXT_DATA__\" type=\"application/json\">"
                     "{\"props\":{\"pageProps\":{}},\"page\":\"/privacy\",\"query\":{},"
                     "\"buildId\":\"k2Jd8\",\"nextExport\":true}</script>"
                     "<script src=\"/_next/static/chunks/main-1f2e.js\" async=\"\"></script>"
                     "</body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(reason ==
        "the page has almost no text of its own (0 letters) and an empty application root "
        "<div id=\"__next\">: its text is built by scripts");
  CHECK_FALSE(Has(reason, "noscript"));
}

TEST_CASE("shell: Angular <app-root>", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><app-root></app-root>"
                     "<script src=\"runtime.js\" type=\"module\"></script>"
                     "<script src=\"main.js\" type=\"module\"></script></body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(Has(reason, "an empty application root <app-root>"));
}

TEST_CASE("shell: Vue #app with a loading message", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><div id=\"app\"><div class=\"spinner\">Loading…</div></div>"
                     "<script src=\"/js/chunk-vendors.js\"></script>"
                     "<script src=\"/js/app.js\"></script>"
                     "</body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(Has(reason, "(7 letters)"));
  CHECK(Has(reason, "an application root <div id=\"app\"> holding only 7 letters"));
}

TEST_CASE("shell: only a <noscript> in French or German says so", "[script_shell]") {
  const std::vector<std::string> messages = {
      "Vous devez activer JavaScript pour afficher ce site.",
      "Bitte aktivieren Sie JavaScript, um diese Seite zu nutzen.",
  };
  for (const std::string& message : messages) {
    std::string html = std::string(kHead) + "<body><noscript><p>" + message +
                       "</p></noscript><main class=\"page\"><p>Chargement · Laden</p></main>"
                       "<script src=\"/bundle.js\"></script></body></html>";
    std::string reason = ScriptShellReason(html);
    INFO(reason);
    CHECK(Has(reason, "a <noscript> asking for JavaScript (\"" + message + "\")"));
    CHECK_FALSE(Has(reason, "application root"));
  }
}

TEST_CASE("shell: <noscript> requests in seven languages", "[script_shell]") {
  const std::vector<std::string> asks = {
      "please enable javascript to continue.",
      "javascript is required to view this page.",
      "pour continuer, veuillez activer javascript.",
      "javascript est désactivé dans votre navigateur.",
      "bitte javascript aktivieren.",
      "debe habilitar javascript para ver esta página.",
      "attiva javascript per continuare.",
      "javascript inschakelen om deze site te gebruiken.",
      "é necessário ativar o javascript.",
  };
  for (const std::string& ask : asks) CHECK(AsksForJavaScript(ask));
  const std::vector<std::string> not_asks = {
      "we use cookies to improve our website.",
      "javascript",
      "<img src=\"https://www.facebook.com/tr?id=1&amp;ev=pageview&amp;noscript=1\">",
      "bitte aktivieren sie cookies.",
  };
  for (const std::string& text : not_asks) CHECK_FALSE(AsksForJavaScript(text));
}

TEST_CASE("shell: a body of one empty div and scripts", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><div class=\"mount\"></div><script src=\"/app.js\"></script>"
                     "</body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(Has(reason, "a body holding only an empty <div class=\"mount\"> besides scripts"));
}

TEST_CASE("not a shell: Next.js rendered on the server, with its text", "[script_shell]") {
  std::string data = "{\"props\":{\"pageProps\":{\"body\":\"" + Prose(3000) + "\"}}}";
  std::string html = std::string(kHead) +
                     "<body><noscript>Please enable JavaScript for the best experience.</noscript>"
                     "<div id=\"__next\"><header><a href=\"/\">Acme</a></header><main>"
                     "<h1>Privacy Policy</h1><p>" + Prose(200) + "</p><h2>Your rights</h2><p>" +
                     Prose(150) + "</p></main></div>"
                     "<script id=\"__NEXT_DATA__\" type=\"application/json\">" + data + "</script>"
                     "<script src=\"/_next/static/chunks/main.js\"></script></body></html>";
  CHECK(ScriptShellReason(html) == "");
}

TEST_CASE("not a shell: a policy with a cookie-banner <noscript>", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><noscript><img height=\"1\" width=\"1\" style=\"display:none\" "
                     "src=\"https://www.facebook.com/tr?id=1&amp;ev=PageView&amp;noscript=1\"/>"
                     "</noscript><noscript>Enable JavaScript to change your cookie settings."
                     "</noscript><div id=\"root\" data-reactroot=\"\"><h1>Privacy Policy</h1><p>" +
                     Prose(120) + "</p></div><script src=\"/consent.js\"></script></body></html>";
  CHECK(ScriptShellReason(html) == "");
}

TEST_CASE("not a shell: empty pages without scripts", "[script_shell]") {
  const std::vector<std::string> pages = {
      "",
      "<!DOCTYPE html><html><head><title>Privacy</title></head><body></body></html>",
      "<html><body><div id=\"root\"></div></body></html>",
      "<body><noscript>Please enable JavaScript.</noscript><div id=\"app\"></div></body>",
      // Data is not a program: JSON alone fills nothing.
      "<body><div id=\"root\"></div><script type=\"application/ld+json\">{}</script></body>",
  };
  for (const std::string& page : pages) {
    INFO(page);
    CHECK(ScriptShellReason(page) == "");
  }
}

TEST_CASE("not a shell: a short page with a script and no sign", "[script_shell]") {
  std::string html = std::string(kHead) +
                     "<body><p>This page has moved. <a href=\"/privacy\">Read our privacy policy"
                     "</a>.</p><script src=\"/analytics.js\"></script></body></html>";
  CHECK(ScriptShellReason(html) == "");
}

TEST_CASE("shell: huge inline script around a little text", "[script_shell]") {
  std::string code;
  while (code.size() < 200000) code += "window.__a.push(function(e){return e&&e.t?e.t:null});\n";
  std::string html = std::string(kHead) +
                     "<body><h1>Terms</h1><p>Loading the terms…</p><script>" +
                     code + "</script></body></html>";
  std::string reason = ScriptShellReason(html);
  INFO(reason);
  CHECK(Has(reason, "(20 letters)"));
  CHECK(Has(reason, "scripts making up 99% of its bytes"));
  // The same script around a whole policy is an app that also carries its text.
  std::string full = std::string(kHead) + "<body><h1>Terms</h1><p>" + Prose(300) + "</p><script>" +
                     code + "</script></body></html>";
  CHECK(ScriptShellReason(full) == "");
}

TEST_CASE("shell: the letter threshold, in letters of any script", "[script_shell]") {
  auto page = [](const std::string& text) {
    return "<body><p>" + text + "</p><div id=\"root\"></div><script src=\"a.js\"></script></body>";
  };
  CHECK(Has(ScriptShellReason(page(std::string(kShellMaxLetters - 1, 'a'))), "(299 letters)"));
  CHECK(ScriptShellReason(page(std::string(kShellMaxLetters, 'a'))) == "");
  // Digits, punctuation and spaces are not letters; é and kana are.
  CHECK(Has(ScriptShellReason(page("Été 2024 — 読み込み中 !!! 12345")), "(8 letters)"));
  // Script, style, noscript and template text is not the page's own.
  std::string hidden = "<body><style>p{color:red}</style><template><p>" + Prose(100) +
                       "</p></template><div id=\"root\"></div><script>var x = 1;</script></body>";
  CHECK(Has(ScriptShellReason(hidden), "(0 letters)"));
}

TEST_CASE("shell: malformed markup", "[script_shell]") {
  // Unclosed root, attributes without quotes, a stray end tag.
  CHECK(Has(ScriptShellReason("<html><body><div id=root></span><script src=/a.js></script>"),
            "an empty application root <div id=\"root\">"));
  // Truncated in the middle of a script.
  CHECK(Has(ScriptShellReason("<body><div id=\"app\"></div><script>var s = \"</div><p>"),
            "<div id=\"app\">"));
  // Invalid UTF-8 is not letters; no crash.
  CHECK(Has(ScriptShellReason("<body>\xff\xfe\xc3<div id=\"root\"></div><script>1</script>"),
            "(0 letters)"));
  const std::vector<std::string> junk = {"<<<>>>", "<div id=", "<noscript>", "<script>",
                                         "</body></html><html>", std::string(1000, '<')};
  for (const std::string& page : junk) CHECK_NOTHROW(ScriptShellReason(page));
  // Deep nesting is capped before parsing (fast); what follows it is still seen.
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div>";
  for (int i = 0; i < 20000; ++i) deep += "</div>";
  deep += "<div id=\"root\"></div><script src=\"a.js\"></script>";
  CHECK(Has(ScriptShellReason(deep), "application root"));
}

TEST_CASE("shell: ExtractHtml fills ExtractInfo::script_shell", "[script_shell]") {
  std::string shell = std::string(kHead) +
                      "<body><div id=\"root\"></div><script src=\"/main.js\"></script>"
                      "</body></html>";
  Document doc;
  ExtractInfo info;
  REQUIRE(Extract(shell, "text/html", Options(), &doc, &info).ok());
  CHECK(info.script_shell == ScriptShellReason(shell));
  CHECK_FALSE(info.script_shell.empty());
  std::string policy = "<body><h1>Privacy</h1><p>" + Prose(100) + "</p><script>x()</script></body>";
  REQUIRE(Extract(policy, "text/html", Options(), &doc, &info).ok());
  CHECK(info.script_shell.empty());
  // Only HTML: Markdown mentioning a root div is text.
  REQUIRE(Extract("# Policy\n\n<div id=\"root\"></div>", "text/markdown", Options(), &doc, &info)
              .ok());
  CHECK(info.script_shell.empty());
}

// Real static policy pages (read at run time only; skipped where the corpus
// is absent): Open Terms Archive extracted text from every one of them, so
// nearly none may be a shell.
TEST_CASE("shell: corpus pages are not shells", "[script_shell][corpus]") {
  std::vector<std::string> shells;
  auto visit = [&](const fs::path& path, const std::string& page) {
    std::string reason = ScriptShellReason(page);
    if (!reason.empty()) {
      shells.push_back(path.parent_path().filename().string() + "/" + path.filename().string() +
                       ": " + reason);
    }
  };
  const int pages = testing::ForEachSnapshotPage(visit);
  if (pages == 0) {
    WARN("corpus not found at " << testing::SnapshotDir().string() << "; skipping");
    return;
  }
  std::string list;
  for (const std::string& s : shells) list += "\n  " + s;
  WARN(shells.size() << " of " << pages << " corpus pages classified as script shells" << list);
  CHECK(shells.size() <= 2);
}

}  // namespace pw::extract
