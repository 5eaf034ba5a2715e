#include "config/internal/reader.h"

#include <algorithm>

#include "config/internal/checks.h"

namespace pw::config {
namespace {

const char* kDurationHelp = "use an integer and a unit: 500ms, 90s, 15m, 6h, 7d";
const char* kSizeHelp = "use an integer and a unit: 512KB, 10MB, 1GB (KB = 1000 bytes; KiB = 1024)";

std::string FormatMs(std::chrono::milliseconds ms) {
  auto n = ms.count();
  if (n % 86400000 == 0 && n != 0) return std::to_string(n / 86400000) + "d";
  if (n % 3600000 == 0 && n != 0) return std::to_string(n / 3600000) + "h";
  if (n % 60000 == 0 && n != 0) return std::to_string(n / 60000) + "m";
  if (n % 1000 == 0) return std::to_string(n / 1000) + "s";
  return std::to_string(n) + "ms";
}

bool IsBareKey(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

}  // namespace

std::string TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::array: return node.is_array_of_tables() ? "an array of tables" : "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
  }
  return "nothing";
}

std::string JoinKey(const std::string& prefix, std::string_view key) {
  std::string k;
  if (IsBareKey(key)) {
    k = key;
  } else {
    k = "\"";
    for (char c : key) {
      if (c == '"' || c == '\\') k += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        k += "?";
        continue;
      }
      k += c;
    }
    k += "\"";
  }
  return prefix.empty() ? k : prefix + "." + k;
}

std::string IndexKey(const std::string& prefix, size_t zero_based_index) {
  return prefix + "[" + std::to_string(zero_based_index + 1) + "]";
}

std::string Where(const Location& l) {
  return l.file + ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
}

TableReader::TableReader(const toml::table& table, std::string file, std::string prefix,
                         std::vector<ConfigError>* errors)
    : table_(table), file_(std::move(file)), prefix_(std::move(prefix)), errors_(errors) {}

Location TableReader::LocationOf(const toml::node& node) const {
  return Location{file_, static_cast<int>(node.source().begin.line),
                  static_cast<int>(node.source().begin.column)};
}

void TableReader::CheckKeys(const std::vector<std::string>& allowed,
                            const std::map<std::string, std::string>& misplaced) {
  for (auto&& [key, value] : table_) {
    std::string_view name = key.str();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string message = "unknown key";
    std::string suggestion = Suggest(name, allowed);
    auto home = misplaced.find(std::string(name));
    if (home != misplaced.end()) message += " here; it belongs in " + home->second;
    else if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    ErrorAtKey(name, message);
  }
}

const toml::node* TableReader::Find(std::string_view key) const { return table_.get(key); }

void TableReader::Error(const toml::node& at, const std::string& key, std::string message) {
  errors_->push_back(ConfigError{LocationOf(at), key, std::move(message)});
}

void TableReader::ErrorAtKey(std::string_view key, std::string message) {
  auto it = table_.find(key);
  Location location = TableLocation();
  if (it != table_.end()) {
    location.line = static_cast<int>(it->first.source().begin.line);
    location.column = static_cast<int>(it->first.source().begin.column);
  }
  errors_->push_back(ConfigError{location, Key(key), std::move(message)});
}

void TableReader::Missing(std::string_view key, std::string_view hint) {
  errors_->push_back(
      ConfigError{TableLocation(), Key(key), "required key is missing" + std::string(hint)});
}

void TableReader::TableError(std::string message) {
  errors_->push_back(ConfigError{TableLocation(), prefix_, std::move(message)});
}

std::string TableReader::ElementKey(std::string_view key, size_t i) const {
  const toml::node* node = Find(key);
  return node && node->is_array() ? IndexKey(Key(key), i) : Key(key);
}

bool TableReader::String(std::string_view key, std::string* out, bool required) {
  const toml::node* node = Find(key);
  if (!node) {
    if (required) Missing(key);
    return false;
  }
  if (!node->is_string()) {
    Error(*node, Key(key), "expected a string, got " + TypeName(*node));
    return false;
  }
  *out = node->as_string()->get();
  return true;
}

bool TableReader::Bool(std::string_view key, bool* out) {
  const toml::node* node = Find(key);
  if (!node) return false;
  if (!node->is_boolean()) {
    Error(*node, Key(key), "expected a boolean (true or false), got " + TypeName(*node));
    return false;
  }
  *out = node->as_boolean()->get();
  return true;
}

bool TableReader::Integer(std::string_view key, std::int64_t min, std::int64_t max, int* out) {
  const toml::node* node = Find(key);
  if (!node) return false;
  if (!node->is_integer()) {
    Error(*node, Key(key), "expected an integer, got " + TypeName(*node));
    return false;
  }
  std::int64_t value = node->as_integer()->get();
  if (value < min || value > max) {
    Error(*node, Key(key),
          std::to_string(value) + " is out of range (" + std::to_string(min) + " to " +
              std::to_string(max) + ")");
    return false;
  }
  *out = static_cast<int>(value);
  return true;
}

bool TableReader::Duration(std::string_view key, std::chrono::milliseconds min,
                           std::chrono::milliseconds* out) {
  const toml::node* node = Find(key);
  if (!node) return false;
  if (!node->is_string()) {
    Error(*node, Key(key),
          "expected a duration string like \"90s\", got " + TypeName(*node));
    return false;
  }
  const std::string& text = node->as_string()->get();
  std::chrono::milliseconds value{};
  if (!ParseDuration(text, &value)) {
    Error(*node, Key(key), "invalid duration '" + text + "' (" + kDurationHelp + ")");
    return false;
  }
  if (value < min) {
    Error(*node, Key(key),
          "duration '" + text + "' is too short (minimum " + FormatMs(min) + ")");
    return false;
  }
  *out = value;
  return true;
}

bool TableReader::Seconds(std::string_view key, std::chrono::seconds min,
                          std::chrono::seconds* out) {
  std::chrono::milliseconds ms{};
  if (!Duration(key, min, &ms)) return false;
  if (ms.count() % 1000 != 0) {
    const toml::node* node = Find(key);
    Error(*node, Key(key),
          "duration '" + node->as_string()->get() + "' is not a whole number of seconds");
    return false;
  }
  *out = std::chrono::duration_cast<std::chrono::seconds>(ms);
  return true;
}

bool TableReader::Size(std::string_view key, std::uint64_t min, std::uint64_t* out) {
  const toml::node* node = Find(key);
  if (!node) return false;
  if (!node->is_string()) {
    Error(*node, Key(key), "expected a size string like \"10MB\", got " + TypeName(*node));
    return false;
  }
  const std::string& text = node->as_string()->get();
  std::uint64_t value = 0;
  if (!ParseSize(text, &value)) {
    Error(*node, Key(key), "invalid size '" + text + "' (" + kSizeHelp + ")");
    return false;
  }
  if (value < min) {
    Error(*node, Key(key),
          "size '" + text + "' is too small (minimum " + std::to_string(min) + " bytes)");
    return false;
  }
  *out = value;
  return true;
}

bool TableReader::Strings(std::string_view key, std::vector<std::string>* out,
                          std::vector<const toml::node*>* nodes) {
  const toml::node* node = Find(key);
  if (!node) return false;
  out->clear();
  if (nodes) nodes->clear();
  if (node->is_string()) {
    out->push_back(node->as_string()->get());
    if (nodes) nodes->push_back(node);
    return true;
  }
  if (!node->is_array()) {
    Error(*node, Key(key), "expected a string or an array of strings, got " + TypeName(*node));
    return false;
  }
  bool ok = true;
  const toml::array& array = *node->as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    const toml::node& element = array[i];
    if (!element.is_string()) {
      Error(element, IndexKey(Key(key), i), "expected a string, got " + TypeName(element));
      ok = false;
      continue;
    }
    out->push_back(element.as_string()->get());
    if (nodes) nodes->push_back(&element);
  }
  return ok;
}

}  // namespace pw::config
