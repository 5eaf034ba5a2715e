// LoadConfig: reads the main file and its includes, then checks what spans files
// (duplicates, channel references). The sections themselves are read in sections.cpp.
#include <glob.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "config/internal/checks.h"
#include "config/internal/loader.h"

namespace pw::config {
namespace {

constexpr std::uintmax_t kMaxFileSize = 16 * 1024 * 1024;
constexpr size_t kMaxIncludeDepth = 16;
constexpr int kMaxKeyParts = 64;

namespace fs = std::filesystem;

bool HasGlobCharacters(std::string_view pattern) {
  return pattern.find_first_of("*?[") != std::string_view::npos;
}

std::string Canonical(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path : canonical.string();
}

// Reads `path` whole; on failure returns false and a message naming the file.
bool ReadFile(const std::string& path, std::string* content, std::string* error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    *error = "cannot read '" + path + "': is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  std::uintmax_t size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileSize) {
    *error = "'" + path + "' is too large (" + std::to_string(size) + " bytes; limit 16 MiB)";
    return false;
  }
  content->clear();
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    content->append(buffer, static_cast<size_t>(in.gcount()));
    if (content->size() > kMaxFileSize) {
      *error = "'" + path + "' is too large (limit 16 MiB)";
      return false;
    }
  }
  if (in.bad()) {  // a read error is not the end of the file
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

// What is wrong with `path`, named by an include, as a file to read: "" when it can
// be read (ReadFile still reports what fails while reading). A broken or looping
// symlink or something that is not a file is an error: skipping it would drop its
// companies without a word. *is_directory is set for a directory (a glob skips it).
std::string IncludedFileProblem(const std::string& path, bool* is_directory) {
  *is_directory = false;
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(path, ec);
  if (ec || link.type() == fs::file_type::not_found) {
    return "included file '" + path + "' does not exist";
  }
  const fs::file_status target = fs::status(path, ec);
  if (ec && ec.value() == ELOOP) {
    return "included file '" + path + "' is a symlink loop";
  }
  if (ec && link.type() == fs::file_type::symlink && ec.value() == ENOENT) {
    std::error_code read_ec;
    const std::string to = fs::read_symlink(path, read_ec).string();
    return "included file '" + path + "' is a broken symlink (its target '" + to +
           "' does not exist)";
  }
  if (ec) return "cannot read included file '" + path + "': " + ec.message();
  if (target.type() == fs::file_type::directory) {
    *is_directory = true;
    return "";
  }
  if (target.type() != fs::file_type::regular) {
    return "included file '" + path + "' is not a regular file";
  }
  return "";
}

// The directory glob() could not read (its errfunc), with the reason.
thread_local std::string glob_failure;

int NoteGlobFailure(const char* path, int error) {
  if (error == ENOENT || error == ENOTDIR) return 0;  // nothing there: no match
  glob_failure = std::string("cannot read directory '") + path + "': " + std::strerror(error);
  return 1;  // stop: a directory we cannot list may hold included files
}

}  // namespace

void Loader::AddError(Location location, std::string key, std::string message) {
  errors_.push_back(ConfigError{std::move(location), std::move(key), std::move(message)});
}

LoadResult Loader::Load(const std::string& path) {
  config_.path = path;
  LoadFile(path, Location{path, 0, 0}, "", /*is_main=*/true);
  CheckChannelReferences();

  // Report in reading order: by file as first loaded, then line, then column.
  std::map<std::string, size_t> file_order;
  for (size_t i = 0; i < files_.size(); ++i) file_order.emplace(files_[i], i);
  std::stable_sort(errors_.begin(), errors_.end(), [&](const ConfigError& a, const ConfigError& b) {
    auto fa = file_order.count(a.location.file) ? file_order[a.location.file] : 0;
    auto fb = file_order.count(b.location.file) ? file_order[b.location.file] : 0;
    if (fa != fb) return fa < fb;
    if (a.location.line != b.location.line) return a.location.line < b.location.line;
    return a.location.column < b.location.column;
  });
  LoadResult result;
  result.errors = std::move(errors_);
  if (result.errors.empty()) result.config = std::move(config_);
  return result;
}

void Loader::LoadFile(const std::string& path, const Location& from, const std::string& from_key,
                      bool is_main) {
  const std::string canonical = Canonical(path);
  auto in_stack = std::find_if(stack_.begin(), stack_.end(),
                               [&](const OpenFile& f) { return f.canonical == canonical; });
  if (in_stack != stack_.end()) {
    std::string chain;
    for (auto it = in_stack; it != stack_.end(); ++it) chain += it->display + " -> ";
    AddError(from, from_key, "include cycle: " + chain + path);
    return;
  }
  if (loaded_.count(canonical)) return;  // included twice without a cycle: read once
  if (stack_.size() >= kMaxIncludeDepth) {
    AddError(from, from_key, "includes are nested more than 16 deep");
    return;
  }
  std::string content, error;
  if (!ReadFile(path, &content, &error)) {
    AddError(from, from_key, error);
    return;
  }
  loaded_.insert(canonical);
  files_.push_back(path);

  TextPosition deep = FindOverlyDottedKey(content, kMaxKeyParts);
  if (deep.line > 0) {
    AddError(Location{path, deep.line, deep.column}, "",
             "TOML syntax error: key has more than " + std::to_string(kMaxKeyParts) +
                 " dotted parts");
    return;
  }
  toml::table root;
  try {
    root = toml::parse(std::string_view(content), std::string_view(path));
  } catch (const toml::parse_error& e) {
    AddError(Location{path, static_cast<int>(e.source().begin.line),
                      static_cast<int>(e.source().begin.column)},
             "", "TOML syntax error: " + std::string(e.description()));
    return;
  }
  stack_.push_back(OpenFile{canonical, path});
  ReadRoot(root, path, is_main);
  stack_.pop_back();
}

void Loader::ReadIncludes(TableReader& reader) {
  std::vector<std::string> patterns;
  std::vector<const toml::node*> nodes;
  if (!reader.Strings("include", &patterns, &nodes)) return;
  const fs::path dir = fs::path(reader.file()).parent_path();
  for (size_t i = 0; i < patterns.size(); ++i) {
    const Location at = reader.LocationOf(*nodes[i]);
    const std::string key =
        reader.Find("include")->is_array() ? IndexKey("include", i) : std::string("include");
    if (patterns[i].empty()) {
      AddError(at, key, "empty include pattern");
      continue;
    }
    const std::string full = (dir / patterns[i]).string();
    if (!HasGlobCharacters(patterns[i])) {
      bool is_directory = false;
      const std::string problem = IncludedFileProblem(full, &is_directory);
      if (!problem.empty()) {
        AddError(at, key, problem);
        continue;
      }
      LoadFile(full, at, key, /*is_main=*/false);  // a directory: ReadFile says so
      continue;
    }
    IncludeGlob(full, at, key);
  }
}

void Loader::IncludeGlob(const std::string& pattern, const Location& at, const std::string& key) {
  glob_t matches{};
  glob_failure.clear();
  const int rc = glob(pattern.c_str(), 0, NoteGlobFailure, &matches);
  if (rc == GLOB_ABORTED && !glob_failure.empty()) {
    AddError(at, key, "cannot expand include pattern '" + pattern + "': " + glob_failure);
  } else if (rc != 0 && rc != GLOB_NOMATCH) {
    AddError(at, key, "cannot expand include pattern '" + pattern + "'");
  } else if (rc == 0) {
    for (size_t m = 0; m < matches.gl_pathc; ++m) {  // glob() sorts its matches
      const std::string match = matches.gl_pathv[m];
      bool is_directory = false;
      const std::string problem = IncludedFileProblem(match, &is_directory);
      if (!problem.empty()) {
        AddError(at, key, problem);
      } else if (!is_directory) {
        LoadFile(match, at, key, /*is_main=*/false);
      }
    }
  }
  globfree(&matches);
}

void Loader::CheckChannelReferences() {
  std::vector<std::string> names;
  for (const auto& channel : config_.channels) names.push_back(channel.name);
  for (const auto& ref : channel_refs_) {
    if (std::find(names.begin(), names.end(), ref.name) != names.end()) continue;
    std::string message = "channel '" + ref.name + "' is not defined by any [[channel]]";
    std::string suggestion = Suggest(ref.name, names);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    AddError(ref.location, ref.key, message);
  }
}

LoadResult LoadConfig(const std::string& path) {
  Loader loader;
  return loader.Load(path);
}

}  // namespace pw::config
