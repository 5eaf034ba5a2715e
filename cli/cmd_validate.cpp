// policywatch validate: load the configuration, print a summary or every error.
#include <unistd.h>

#include <iostream>

#include "check/check.h"
#include "cli/commands.h"
#include "config/config.h"
#include "fetch/browser.h"

namespace pw::cli {
namespace {

// Documents with a part the browser may render (render browser or auto).
size_t BrowserDocuments(const config::Config& config) {
  size_t n = 0;
  for (const auto& company : config.companies) {
    for (const auto& document : company.documents) {
      for (const auto& part : document.parts) {
        if (part.render != config::Render::kStatic) {
          ++n;
          break;
        }
      }
    }
  }
  return n;
}

// Warnings (not errors: other documents are fine) when documents need a
// browser that cannot run here.
void WarnAboutBrowser(const std::string& path, const config::Config& config, size_t documents) {
  const fetch::BrowserOptions options = check::BrowserOptionsOf(config.daemon);
  const std::string need = std::to_string(documents) +
                           (documents == 1 ? " document needs" : " documents need");
  if (fetch::FindBrowser(options).empty()) {
    std::cerr << path << ": warning: " << need << " the browser, and no Chromium was found: install "
                 "chromium-headless-shell (or set [daemon] browser_path)\n";
  }
  if (geteuid() == 0 && options.sandbox) {
    std::cerr << path << ": warning: " << need << " the browser, and Chromium's sandbox cannot run as root: run "
                 "policywatch as its own user (the systemd unit does), or set [daemon] "
                 "browser_sandbox = false\n";
  }
}

}  // namespace

int RunValidate(const po::variables_map& vm) {
  const std::string path = vm["config"].as<std::string>();
  config::LoadResult result = config::LoadConfig(path);
  if (!result.ok()) {
    for (const auto& e : result.errors) std::cerr << e.ToString() << "\n";
    std::cerr << path << ": " << result.errors.size() << " error"
              << (result.errors.size() == 1 ? "" : "s") << "\n";
    return kExitFailure;
  }
  size_t documents = 0;
  for (const auto& c : result.config.companies) documents += c.documents.size();
  std::cout << path << ": ok: " << result.config.companies.size() << " compan"
            << (result.config.companies.size() == 1 ? "y" : "ies") << ", " << documents
            << " document" << (documents == 1 ? "" : "s") << ", "
            << result.config.channels.size() << " channel"
            << (result.config.channels.size() == 1 ? "" : "s");
  const size_t browser = BrowserDocuments(result.config);
  if (browser > 0) std::cout << " (" << browser << " read with the browser)";
  std::cout << "\n";
  if (browser > 0) WarnAboutBrowser(path, result.config, browser);
  return kExitOk;
}

}  // namespace pw::cli
