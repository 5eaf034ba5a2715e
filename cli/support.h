// Shared pieces of the commands: loading the config, opening the store, reading
// inputs, naming documents as COMPANY/TYPE.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/program_options.hpp>

#include "config/config.h"
#include "extract/document.h"
#include "store/store.h"
#include "util/status.h"

namespace pw::cli {

// Loads --config; on failure prints every error to stderr and returns nullptr.
std::shared_ptr<const config::Config> LoadConfigOrReport(
    const boost::program_options::variables_map& vm);

// The configuration named by --config when it loads, else nullptr; prints nothing.
// For commands that do not need a configuration but keep its channels' secrets
// out of what they print (status).
std::shared_ptr<const config::Config> LoadConfigIfValid(
    const boost::program_options::variables_map& vm);

// `text` with the secrets of `config`'s channels masked (notify/mask.h); as it is
// when `config` is null.
std::string Masked(const config::Config* config, std::string text);

// The database path: --db, else the config's [daemon] database (the config is
// loaded only when needed). Empty, with a message printed, when neither works.
std::string DatabasePath(const boost::program_options::variables_map& vm);

// Opens the store for reading (history, show, status, diff): never creates it,
// never writes, and works on a read-only copy (store::StoreOptions::read_only).
Status OpenStoreForReading(const std::string& path, std::unique_ptr<store::Store>* out);

// "acme/privacy-policy" -> ("acme", "privacy-policy"). False when malformed.
bool SplitDocumentKey(const std::string& key, std::string* company, std::string* type);

// Reads a whole file. Errors name the file and the reason.
Status ReadFile(const std::string& path, std::string* out);

// How `extract` and `diff --files` read an input: --select, --remove,
// --render, --wait-for, and the browser settings of the [daemon] table of the
// configuration when one is valid (browser_path, browser_sandbox,
// browser_timeout), else their defaults.
struct InputOptions {
  std::vector<std::string> select;
  std::vector<std::string> remove;
  config::Render render = config::Render::kStatic;
  std::string wait_for;
  config::DaemonConfig daemon;
};

// The InputOptions of the command line `vm` (--select, --remove, --render,
// --wait-for, --config). False, with the reason printed, when one is wrong.
bool ReadInputOptions(const boost::program_options::variables_map& vm, const char* command,
                      InputOptions* out);

// Adds --render and --wait-for to a command's options.
void AddRenderOptions(boost::program_options::options_description& desc);

// A local file or an http(s) URL -> its body and media type. Text and HTML
// come as UTF-8 (converted from their charset); a PDF (a response whose type
// or signature says PDF, a file named *.pdf or starting with %PDF-) comes as
// its raw bytes with type "application/pdf", as extract::Extract needs it. A
// URL is rendered by the browser with render browser (or auto, when its static
// HTML is a script shell); a file cannot be.
Status ReadInput(const std::string& input, const InputOptions& options, std::string* body,
                 std::string* content_type);

// Extracts an input (file or URL) as `options` say; warns on stderr when a
// selector matched nothing or a static page is a script shell.
Status ExtractInput(const std::string& input, const InputOptions& options,
                    extract::Document* doc);

// The --format value, checked against `allowed` (e.g. {"text","json"}).
// Prints an error and returns nullopt when not allowed.
std::optional<std::string> FormatOption(const boost::program_options::variables_map& vm,
                                        std::initializer_list<const char*> allowed,
                                        const char* command);

// True when stdout is a terminal (colour allowed).
bool StdoutIsTerminal();

// "2026-11-23 10:00:00Z" from unix seconds; "-" for 0.
std::string FormatTime(std::int64_t unix_seconds);

}  // namespace pw::cli
