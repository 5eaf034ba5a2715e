#include "cli/support.h"
#include "util/clock.h"

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
  return unix_seconds == 0 ? "-" : FormatUtc(unix_seconds, "%Y-%m-%d %H:%M:%SZ");
}

}  // namespace pw::cli
