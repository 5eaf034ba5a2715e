// TableReader: typed, error-collecting access to one TOML table of the config.
// Internal to config/. Every problem becomes a ConfigError naming the file,
// line:column (of the offending key or value) and the dotted key.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"

namespace pw::config {

// "a string", "an integer", ... for "expected X, got Y" messages.
std::string TypeName(const toml::node& node);

// `prefix.key`, quoting `key` when it is not a bare TOML key.
std::string JoinKey(const std::string& prefix, std::string_view key);

// `prefix[N]` with N counted from 1, as a person counts entries in a file.
std::string IndexKey(const std::string& prefix, size_t zero_based_index);

// "file:line:column", for messages that point at an earlier definition.
std::string Where(const Location& location);

class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string prefix,
              std::vector<ConfigError>* errors);

  const std::string& file() const { return file_; }
  const std::string& prefix() const { return prefix_; }
  Location TableLocation() const { return LocationOf(table_); }
  Location LocationOf(const toml::node& node) const;

  // Reports every key not in `allowed`: with `misplaced[key]` ("[daemon]") when the
  // key belongs in another table, else with a "did you mean" for near misses.
  void CheckKeys(const std::vector<std::string>& allowed,
                 const std::map<std::string, std::string>& misplaced = {});

  const toml::node* Find(std::string_view key) const;
  std::string Key(std::string_view key) const { return JoinKey(prefix_, key); }

  void Error(const toml::node& at, const std::string& key, std::string message);
  void ErrorAtKey(std::string_view key, std::string message);  // at the key itself
  void Missing(std::string_view key, std::string_view hint = "");  // at the table
  void TableError(std::string message);  // about the table itself: key = prefix, at its start

  // Each getter returns true and sets *out when `key` is present and valid; when it
  // is absent returns false silently (or reports it when `required`); when it is
  // invalid reports why and returns false.
  bool String(std::string_view key, std::string* out, bool required = false);
  bool Bool(std::string_view key, bool* out);
  bool Integer(std::string_view key, std::int64_t min, std::int64_t max, int* out);
  bool Duration(std::string_view key, std::chrono::milliseconds min,
                std::chrono::milliseconds* out);
  bool Seconds(std::string_view key, std::chrono::seconds min, std::chrono::seconds* out);
  bool Size(std::string_view key, std::uint64_t min, std::uint64_t* out);
  // A string or an array of strings; `nodes` receives each string's node.
  bool Strings(std::string_view key, std::vector<std::string>* out,
               std::vector<const toml::node*>* nodes = nullptr);
  // Key of the i-th string Strings read: `key[i]` for an array, `key` for a string.
  std::string ElementKey(std::string_view key, size_t i) const;

 private:
  const toml::table& table_;
  std::string file_;
  std::string prefix_;
  std::vector<ConfigError>* errors_;
};

}  // namespace pw::config
