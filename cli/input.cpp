// How `extract` and `diff --files` read their inputs: a file, a URL fetched,
// or a URL rendered by headless Chromium; then extracted with --select/--remove.
#include <cctype>
#include <iostream>

#include "cli/support.h"
#include "extract/extract.h"
#include "fetch/browser.h"
#include "fetch/charset.h"
#include "fetch/fetch.h"

namespace pw::cli {

namespace po = boost::program_options;

namespace {

bool EndsWithIgnoringCase(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (std::tolower(static_cast<unsigned char>(c)) != suffix[i]) return false;
  }
  return true;
}

// The media type of a local file, from its name.
std::string FileContentType(const std::string& path) {
  for (const char* ext : {".html", ".htm", ".xhtml"}) {
    if (EndsWithIgnoringCase(path, ext)) return "text/html";
  }
  if (EndsWithIgnoringCase(path, ".md")) return "text/markdown";
  if (EndsWithIgnoringCase(path, ".pdf")) return "application/pdf";
  return "";
}

bool IsUrl(const std::string& input) {
  return input.rfind("http://", 0) == 0 || input.rfind("https://", 0) == 0;
}

fetch::Response Render(const std::string& url, const InputOptions& options) {
  fetch::RenderRequest request;
  request.url = url;
  request.wait_for = options.wait_for;
  request.timeout = options.daemon.browser_timeout;
  request.max_body_size = options.daemon.max_body_size;
  fetch::BrowserOptions browser;
  browser.executable = options.daemon.browser_path;
  browser.sandbox = options.daemon.browser_sandbox;
  browser.max_pages = 1;
  return fetch::RenderOne(request, browser);
}

// A URL fetched, or rendered as `options.render` says.
fetch::Response FetchUrl(const std::string& url, const InputOptions& options) {
  if (options.render == config::Render::kBrowser) return Render(url, options);
  fetch::Request request;
  request.url = url;
  request.user_agent = options.daemon.user_agent;
  request.max_body_size = options.daemon.max_body_size;
  fetch::Response response = fetch::FetchOne(request);
  if (options.render != config::Render::kAuto || !response.ok() ||
      extract::IsPdf(response.content_type, response.body) ||
      extract::ScriptShellReason(response.Utf8Body()).empty()) {
    return response;
  }
  std::cerr << url << ": a script shell; rendering it with the browser\n";
  return Render(url, options);
}

}  // namespace

void AddRenderOptions(po::options_description& desc) {
  desc.add_options()
      ("render", po::value<std::string>()->default_value("static")->value_name("MODE"),
           "static | browser | auto: read a URL as fetched, as headless Chromium renders it, "
           "or with the browser only when it is a script shell (browser settings from "
           "--config's [daemon] table when it is valid)")
      ("wait-for", po::value<std::string>()->value_name("CSS"),
           "with the browser: wait until this element exists");
}

bool ReadInputOptions(const po::variables_map& vm, const char* command, InputOptions* out) {
  auto get = [&](const char* name) {
    return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
  };
  out->select = get("select");
  out->remove = get("remove");
  const std::string render = vm.count("render") ? vm["render"].as<std::string>() : "static";
  if (render == "browser") {
    out->render = config::Render::kBrowser;
  } else if (render == "auto") {
    out->render = config::Render::kAuto;
  } else if (render != "static") {
    std::cerr << "policywatch " << command << ": unknown --render '" << render
              << "' (use static, browser or auto)\n";
    return false;
  }
  if (vm.count("wait-for")) out->wait_for = vm["wait-for"].as<std::string>();
  if (auto config = LoadConfigIfValid(vm)) out->daemon = config->daemon;
  return true;
}

Status ReadInput(const std::string& input, const InputOptions& options, std::string* body,
                 std::string* content_type) {
  if (IsUrl(input)) {
    fetch::Response response = FetchUrl(input, options);
    if (!response.ok()) return Status::Error(response.error_message);
    if (extract::IsPdf(response.content_type, response.body)) {
      *body = std::move(response.body);  // binary: no charset conversion
      *content_type = "application/pdf";
      return Status::Ok();
    }
    *body = response.Utf8Body();
    *content_type = response.content_type;
    return Status::Ok();
  }
  if (options.render == config::Render::kBrowser) {
    return Status::Error(input + ": --render browser reads URLs (http or https), not files");
  }
  std::string raw;
  PW_RETURN_IF_ERROR(ReadFile(input, &raw));
  *content_type = FileContentType(input);
  if (extract::IsPdf(*content_type, raw)) {
    *body = std::move(raw);
    *content_type = "application/pdf";
    return Status::Ok();
  }
  fetch::CharsetGuess guess = fetch::DetectCharset(raw, "");
  *body = fetch::ConvertToUtf8(raw, guess.name);
  return Status::Ok();
}

Status ExtractInput(const std::string& input, const InputOptions& options,
                    extract::Document* doc) {
  std::string body, content_type;
  PW_RETURN_IF_ERROR(ReadInput(input, options, &body, &content_type));
  extract::Options extract_options;
  PW_RETURN_IF_ERROR(extract::MakeOptions(config::CssEntries(options.select),
                                          config::CssEntries(options.remove), {},
                                          &extract_options));
  extract::ExtractInfo info;
  Status s = extract::Extract(body, content_type, extract_options, doc, &info);
  if (!s.ok()) return Status::Error(input + ": " + s.message());
  if (info.selectors_used && !info.selector_matched) {
    std::cerr << input << ": warning: the --select selector matched nothing\n";
  }
  if (info.pdf_without_text) {
    std::cerr << input << ": warning: the PDF has no text layer (a scanned document?): there "
                          "is no text to read, and policywatch does no OCR\n";
  }
  if (!info.script_shell.empty() && options.render == config::Render::kStatic) {
    std::cerr << input << ": warning: " << info.script_shell
              << "; to watch it, set render = \"browser\" (or \"auto\") for this document, "
                 "or try `policywatch extract --render browser`\n";
  }
  return Status::Ok();
}

}  // namespace pw::cli
