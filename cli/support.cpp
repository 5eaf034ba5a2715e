#include "cli/support.h"

#include <unistd.h>

#include <cctype>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "extract/extract.h"
#include "fetch/charset.h"
#include "fetch/fetch.h"
#include "notify/mask.h"

namespace pw::cli {

namespace po = boost::program_options;

std::shared_ptr<const config::Config> LoadConfigOrReport(const po::variables_map& vm) {
  const std::string path = vm["config"].as<std::string>();
  config::LoadResult result = config::LoadConfig(path);
  if (!result.ok()) {
    for (const auto& e : result.errors) std::cerr << e.ToString() << "\n";
    std::cerr << path << ": " << result.errors.size() << " error"
              << (result.errors.size() == 1 ? "" : "s")
              << " in the configuration (run 'policywatch validate')\n";
    return nullptr;
  }
  return std::make_shared<const config::Config>(std::move(result.config));
}

std::shared_ptr<const config::Config> LoadConfigIfValid(const po::variables_map& vm) {
  config::LoadResult result = config::LoadConfig(vm["config"].as<std::string>());
  if (!result.ok()) return nullptr;
  return std::make_shared<const config::Config>(std::move(result.config));
}

std::string Masked(const config::Config* config, std::string text) {
  return config ? notify::MaskSecrets(std::move(text), *config) : text;
}

std::string DatabasePath(const po::variables_map& vm) {
  if (vm.count("db")) return vm["db"].as<std::string>();
  auto config = LoadConfigOrReport(vm);
  if (!config) return "";
  return config->daemon.database;
}

Status OpenStoreForReading(const std::string& path, std::unique_ptr<store::Store>* out) {
  if (access(path.c_str(), F_OK) != 0) {
    return Status::Error(path + ": no database yet (run 'policywatch check' or the daemon first)");
  }
  store::StoreOptions options;
  options.read_only = true;
  return store::Store::Open(path, options, out);
}

bool SplitDocumentKey(const std::string& key, std::string* company, std::string* type) {
  auto slash = key.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == key.size()) return false;
  if (key.find('/', slash + 1) != std::string::npos) return false;
  *company = key.substr(0, slash);
  *type = key.substr(slash + 1);
  return true;
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::Error(path + ": read error");
  *out = buffer.str();
  return Status::Ok();
}

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

}  // namespace

Status ReadInput(const std::string& input, std::string* body, std::string* content_type) {
  if (input.rfind("http://", 0) == 0 || input.rfind("https://", 0) == 0) {
    fetch::Request request;
    request.url = input;
    fetch::Response response = fetch::FetchOne(request);
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
  std::string raw;
  Status s = ReadFile(input, &raw);
  if (!s.ok()) return s;
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

Status ExtractInput(const std::string& input, const std::vector<std::string>& select,
                    const std::vector<std::string>& remove, extract::Document* doc) {
  std::string body, content_type;
  Status s = ReadInput(input, &body, &content_type);
  if (!s.ok()) return s;
  extract::Options options;
  s = extract::MakeOptions(config::CssEntries(select), config::CssEntries(remove), {}, &options);
  if (!s.ok()) return s;
  extract::ExtractInfo info;
  s = extract::Extract(body, content_type, options, doc, &info);
  if (!s.ok()) return Status::Error(input + ": " + s.message());
  if (info.selectors_used && !info.selector_matched) {
    std::cerr << input << ": warning: the --select selector matched nothing\n";
  }
  if (!info.script_shell.empty()) {
    std::cerr << input << ": warning: " << info.script_shell
              << "; to watch it, set render = \"browser\" (or \"auto\") for this document, "
                 "or try `policywatch extract --render browser`\n";
  }
  return Status::Ok();
}

std::optional<std::string> FormatOption(const po::variables_map& vm,
                                        std::initializer_list<const char*> allowed,
                                        const char* command) {
  std::string format = vm["format"].as<std::string>();
  std::string list;
  for (const char* a : allowed) {
    if (format == a) return format;
    list += std::string(list.empty() ? "" : ", ") + a;
  }
  std::cerr << "policywatch " << command << ": unsupported --format '" << format
            << "' (expected " << list << ")\n";
  return std::nullopt;
}

bool StdoutIsTerminal() { return isatty(STDOUT_FILENO) == 1; }

std::string FormatTime(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return "-";
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

}  // namespace pw::cli
