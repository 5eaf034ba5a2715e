// What a person sees: real headless Chromium loads the overview, a document
// page, a change page and a version page from a running web server, and the
// test reads the DOM Chromium built (the inserted and deleted words, the
// severity, the reasons; a policy's "<script>" shown as text, never run) and
// saves screenshots, desktop and phone sized, light and dark, in $PW_SCREENSHOT_DIR (default: a
// temporary directory) for a person to look at.
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "fetch/browser.h"
#include "web/test_policies.h"
#include "web/test_site.h"
#include "web/web.h"

namespace pw::web {
namespace {

using testing::TestSite;

// Runs `command` through the shell; its stdout, or "" when it failed.
std::string Capture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[65536];
  for (size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  const int status = pclose(pipe);
  INFO(command);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  return out;
}

struct Chromium {
  std::string binary = fetch::FindBrowser(fetch::BrowserOptions());

  std::string Flags() const {
    // Chromium's sandbox cannot run as root (CI containers run tests as root).
    return std::string(geteuid() == 0 ? " --no-sandbox" : "") +
           " --headless --disable-gpu --hide-scrollbars --no-first-run --disable-extensions";
  }
  std::string Dom(const std::string& url) const {
    return Capture(binary + Flags() + " --dump-dom '" + url + "' 2>/dev/null");
  }
  // `extra`: more flags, e.g. the dark colour scheme.
  void Screenshot(const std::string& url, const std::string& png, int width, int height,
                  const std::string& extra = "") const {
    Capture(binary + Flags() + extra + " --window-size=" + std::to_string(width) + "," + std::to_string(height) +
            " --screenshot='" + png + "' '" + url + "' >/dev/null 2>&1");
    CHECK(std::filesystem::file_size(png) > 10'000);
  }
};

std::string ScreenshotDir(const ::pw::testing::TempDir& fallback) {
  const char* dir = std::getenv("PW_SCREENSHOT_DIR");
  const std::string out = dir != nullptr && *dir != '\0' ? dir : fallback.path();
  std::filesystem::create_directories(out);
  return out;
}

bool Has(const std::string& dom, const std::string& text) { return dom.find(text) != std::string::npos; }

TEST_CASE("chromium sees the diff the severity and the reasons and never runs a policy's script",
          "[web][browser]") {
  Chromium chromium;
  if (chromium.binary.empty()) FAIL("no Chromium on PATH (scripts/install-deps installs it)");
  TestSite site;
  site.AddVersion("acme", "privacy-policy", testing::kPolicyV1, 1'764'000'000);
  const std::int64_t v2 = site.AddVersion("acme", "privacy-policy", testing::kPolicyV2, 1'764'600'000);
  site.AddVersion("globex", "terms", testing::kTermsV1, 1'764'000'000);
  site.AddFailure("globex", "privacy-policy", 1'764'700'000);
  WebOptions options;
  REQUIRE(config::ParseListen("127.0.0.1:0", &options.web).empty());
  options.database = site.database();
  std::unique_ptr<WebServer> server;
  REQUIRE(WebServer::Start(options, &server).ok());
  const std::string base = server->url();
  const std::string change = base + "/documents/acme/privacy-policy/changes/" + std::to_string(v2);
  const std::string version = base + "/documents/acme/privacy-policy/versions/" + std::to_string(v2);

  const std::string overview = chromium.Dom(base + "/");
  CHECK(Has(overview, "Acme &amp; &lt;Co&gt;"));
  CHECK(Has(overview, "failing (1)"));
  CHECK(Has(overview, "sev-material"));

  const std::string diff = chromium.Dom(change);
  CHECK(Has(diff, "<del>do not </del>"));
  CHECK(Has(diff, "<ins>may </ins>"));
  CHECK(Has(diff, "<ins>90 </ins>"));
  CHECK(Has(diff, "material</span>"));
  CHECK(Has(diff, "<ul class=\"reasons\"><li>"));

  const std::string text = chromium.Dom(version);
  CHECK(Has(text, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  CHECK_FALSE(Has(text, "<script"));

  ::pw::testing::TempDir tmp;
  const std::string dir = ScreenshotDir(tmp);
  chromium.Screenshot(base + "/", dir + "/web-overview.png", 1280, 900);
  chromium.Screenshot(base + "/documents/acme/privacy-policy", dir + "/web-document.png", 1280, 1100);
  chromium.Screenshot(change, dir + "/web-change.png", 1280, 1300);
  chromium.Screenshot(change, dir + "/web-change-phone.png", 390, 1400);
  chromium.Screenshot(change, dir + "/web-change-dark.png", 1280, 1300,
                      " --blink-settings=preferredColorScheme=0");
}

}  // namespace
}  // namespace pw::web
