// The sections of a configuration file: [daemon], [[channel]], [[company]] and
// [[company.document]], read into the Config with every problem reported.
#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

#include "config/categories.h"
#include "config/internal/checks.h"
#include "config/internal/loader.h"
#include "config/selector.h"

namespace pw::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::vector<std::string> kRootKeys = {"include", "daemon", "web", "channel", "company"};
const std::vector<std::string> kDaemonKeys = {
    "database", "interval",       "jitter",          "concurrency",   "per_host_delay",
    "user_agent", "timeout",      "connect_timeout", "max_body_size", "max_redirects",
    "unreachable_after", "delivery_max_age", "keep_attempts", "browser_concurrency", "browser_timeout",
    "browser_path", "browser_sandbox"};
const std::vector<std::string> kEmailKeys = {"smtp_url", "starttls", "username",
                                             "password_file", "from", "to"};
const std::vector<std::string> kWebhookKeys = {"url", "secret_file"};
const std::vector<std::string> kMatrixKeys = {"homeserver", "room", "token_file"};
const std::vector<std::string> kChannelTypes = {"email", "webhook", "slack", "teams", "discord",
                                                "mattermost", "ntfy", "matrix"};
const std::vector<std::string> kEvents = {"document.changed", "document.unreachable",
                                          "document.recovered", "document.extraction_suspect"};
const std::vector<std::string> kCompanyKeys = {"id", "name", "channels", "document"};

}  // namespace

std::map<std::string, std::string> Misplaced(std::string_view table) {
  std::map<std::string, std::string> out;
  auto add = [&](const std::vector<std::string>& keys, const std::string& home) {
    for (const auto& k : keys) {
      auto [it, fresh] = out.emplace(k, home);
      if (!fresh) it->second += " or " + home;
    }
  };
  if (table == "root") {
    add(kDaemonKeys, "[daemon]");
    add({"id", "channels", "document"}, "[[company]]");
    add({"url", "parts", "select", "remove", "ignore", "render", "wait_for"},
        "[[company.document]]");
    add(kEmailKeys, "an email [[channel]]");
    add({"secret_file"}, "a webhook [[channel]]");
  } else if (table == "company") {
    add({"type", "url", "parts", "select", "remove", "ignore", "interval", "render", "wait_for"},
        "[[company.document]]");
  } else if (table == "document") {
    add({"id", "channels"}, "[[company]]");
  } else if (table == "part") {
    add({"type", "ignore", "interval"}, "[[company.document]]");
    add({"id", "channels"}, "[[company]]");
  }
  return out;
}

namespace {

std::vector<std::string> ChannelKeys() {
  std::vector<std::string> keys = {"name",    "type",      "min_severity", "events",
                                   "categories", "timeout", "digest",   "digest_at",
                                   "digest_day", "time_zone"};
  keys.insert(keys.end(), kEmailKeys.begin(), kEmailKeys.end());
  keys.insert(keys.end(), kWebhookKeys.begin(), kWebhookKeys.end());
  keys.insert(keys.end(), kMatrixKeys.begin(), kMatrixKeys.end());
  return keys;
}

std::string OneOf(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", ")) + names[i];
  }
  return out;
}

std::string NumberText(const toml::node& node) {
  std::ostringstream out;
  if (node.is_integer()) out << node.as_integer()->get();
  else out << node.as_floating_point()->get();
  return out.str();
}

bool HasControlCharacter(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Iterates `[[name]]` tables of `parent`, reporting a non-array or non-table element.
// `header` is how the user writes such a table: "[[company.document]]".
template <typename Fn>
void ForEachTable(TableReader& parent, std::string_view name, const std::string& header,
                  std::vector<ConfigError>* errors, Fn&& fn) {
  const toml::node* node = parent.Find(name);
  if (!node) return;
  const std::string key = parent.Key(name);
  if (node->is_table() && name == "company" && node->as_table()->contains("document")) {
    parent.Error(*node, key, "[[company.document]] must follow a [[company]] entry");
    return;
  }
  if (!node->is_array()) {
    parent.Error(*node, key,
                 "expected an array of tables (" + header + "), got " + TypeName(*node));
    return;
  }
  const toml::array& array = *node->as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_table()) {
      parent.Error(array[i], IndexKey(key, i), "expected a table, got " + TypeName(array[i]));
      continue;
    }
    TableReader reader(*array[i].as_table(), parent.file(), IndexKey(key, i), errors);
    fn(reader, i);
  }
}

void ReadChannelType(TableReader& r, Channel* c) {
  if (!r.String("type", &c->type, /*required=*/true)) return;
  if (std::find(kChannelTypes.begin(), kChannelTypes.end(), c->type) != kChannelTypes.end()) return;
  std::string message = "unknown channel type '" + c->type + "' (use " + OneOf(kChannelTypes) + ")";
  std::string suggestion = Suggest(c->type, kChannelTypes);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  r.Error(*r.Find("type"), r.Key("type"), message);
  c->type.clear();
}

void ReadMinSeverity(TableReader& r, Channel* c) {
  std::string severity;
  if (!r.String("min_severity", &severity)) return;
  if (auto parsed = ParseSeverity(severity)) {
    c->min_severity = *parsed;
  } else {
    r.Error(*r.Find("min_severity"), r.Key("min_severity"),
            "unknown severity '" + severity + "' (use none, cosmetic, minor or material)");
  }
}

void ReadEvents(TableReader& r, Channel* c) {
  std::vector<const toml::node*> nodes;
  if (!r.Strings("events", &c->events, &nodes)) return;
  for (size_t i = 0; i < c->events.size(); ++i) {
    if (std::find(kEvents.begin(), kEvents.end(), c->events[i]) != kEvents.end()) continue;
    std::string message = "unknown event '" + c->events[i] + "' (use " + OneOf(kEvents) + ")";
    std::string suggestion = Suggest(c->events[i], kEvents);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    r.Error(*nodes[i], r.ElementKey("events", i), message);
  }
}

// The keys of its own type a channel may have.
std::vector<std::string> OwnKeys(const std::string& type) {
  if (type == "email") return kEmailKeys;
  if (type == "webhook") return kWebhookKeys;
  if (type == "matrix") return kMatrixKeys;
  return {"url"};  // the other chat services
}

// Keys that belong to another type of channel.
void CheckForeignChannelKeys(TableReader& r, const Channel& c) {
  if (c.type.empty()) return;
  const std::vector<std::string> own = OwnKeys(c.type);
  for (const auto& type : kChannelTypes) {
    for (const auto& key : OwnKeys(type)) {
      if (std::find(own.begin(), own.end(), key) != own.end() || !r.Find(key)) continue;
      r.ErrorAtKey(key, "'" + key + "' is for " + type + " channels; this channel's type is '" +
                            c.type + "'");
      break;
    }
  }
}

// A channel's `categories`: each one a category name (config/categories.h).
void ReadCategories(TableReader& r, Channel* c) {
  std::vector<const toml::node*> nodes;
  if (!r.Strings("categories", &c->categories, &nodes)) return;
  std::vector<std::string> names(CategoryNames().begin(), CategoryNames().end());
  for (size_t i = 0; i < c->categories.size(); ++i) {
    if (std::find(names.begin(), names.end(), c->categories[i]) != names.end()) continue;
    std::string message = "unknown category '" + c->categories[i] + "' (use " + OneOf(names) + ")";
    std::string suggestion = Suggest(c->categories[i], names);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    r.Error(*nodes[i], r.ElementKey("categories", i), message);
  }
}

// An email channel's `to`: required, at least one address, each one valid.
void ReadRecipients(TableReader& r, Channel* c) {
  std::vector<const toml::node*> nodes;
  if (!r.Find("to")) {
    r.Missing("to");
  } else if (r.Strings("to", &c->to, &nodes)) {
    if (c->to.empty()) r.Error(*r.Find("to"), r.Key("to"), "needs at least one address");
    for (size_t i = 0; i < c->to.size(); ++i) {
      std::string problem = CheckEmailAddress(c->to[i]);
      if (!problem.empty()) r.Error(*nodes[i], r.ElementKey("to", i), problem);
    }
  }
}

}  // namespace

std::string Loader::ResolvePath(const std::string& file, const std::string& path) const {
  std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  std::filesystem::path dir = std::filesystem::path(file).parent_path();
  return (dir / p).lexically_normal().string();
}

void Loader::ReadRoot(const toml::table& root, const std::string& file, bool is_main) {
  TableReader reader(root, file, "", &errors_);
  reader.CheckKeys(kRootKeys, Misplaced("root"));
  if (const toml::node* daemon = reader.Find("daemon")) {
    if (!is_main) {
      reader.ErrorAtKey("daemon", "[daemon] may only appear in the main configuration file");
    } else if (!daemon->is_table()) {
      reader.Error(*daemon, "daemon", "expected a table ([daemon]), got " + TypeName(*daemon));
    } else {
      TableReader daemon_reader(*daemon->as_table(), file, "daemon", &errors_);
      ReadDaemon(daemon_reader);
    }
  }
  if (const toml::node* web = reader.Find("web")) {
    if (!is_main) {
      reader.ErrorAtKey("web", "[web] may only appear in the main configuration file");
    } else if (!web->is_table()) {
      reader.Error(*web, "web", "expected a table ([web]), got " + TypeName(*web));
    } else {
      TableReader web_reader(*web->as_table(), file, "web", &errors_);
      ReadWeb(web_reader);
    }
  }
  ForEachTable(reader, "channel", "[[channel]]", &errors_, [&](TableReader& r, size_t) { ReadChannel(r); });
  ForEachTable(reader, "company", "[[company]]", &errors_,
               [&](TableReader& r, size_t i) { ReadCompany(r, i); });
  ReadIncludes(reader);
}

void Loader::ReadDaemon(TableReader& r) {
  DaemonConfig& d = config_.daemon;
  r.CheckKeys(kDaemonKeys);
  std::string database;
  if (r.String("database", &database)) {
    if (database.empty()) {
      r.Error(*r.Find("database"), r.Key("database"), "must not be empty");
    } else {
      d.database = ResolvePath(r.file(), database);
    }
  }
  r.Seconds("interval", seconds(1), &d.interval);
  if (const toml::node* jitter = r.Find("jitter")) {
    const std::string help = " (use a percentage like \"10%\" or a fraction from 0 to 1)";
    if (jitter->is_string()) {
      const std::string& text = jitter->as_string()->get();
      std::string digits = text.size() > 1 && text.back() == '%' ? text.substr(0, text.size() - 1) : "";
      bool ok = !digits.empty() && digits.size() <= 3 &&
                digits.find_first_not_of("0123456789") == std::string::npos &&
                std::stoi(digits) <= 100;
      if (ok) d.jitter = std::stoi(digits) / 100.0;
      else r.Error(*jitter, r.Key("jitter"), "invalid jitter '" + text + "'" + help);
    } else if (jitter->is_number()) {
      double value = jitter->is_integer() ? static_cast<double>(jitter->as_integer()->get())
                                          : jitter->as_floating_point()->get();
      if (value >= 0.0 && value <= 1.0) d.jitter = value;
      else r.Error(*jitter, r.Key("jitter"), "jitter " + NumberText(*jitter) + " is out of range" + help);
    } else {
      r.Error(*jitter, r.Key("jitter"),
              "expected a percentage string or a number, got " + TypeName(*jitter) + help);
    }
  }
  r.Integer("concurrency", 1, 1024, &d.concurrency);
  r.Duration("per_host_delay", milliseconds(0), &d.per_host_delay);
  std::string user_agent;
  if (r.String("user_agent", &user_agent)) {
    if (user_agent.empty() || HasControlCharacter(user_agent)) {
      r.Error(*r.Find("user_agent"), r.Key("user_agent"),
              "must be non-empty, without control characters or line breaks");
    } else {
      d.user_agent = user_agent;
    }
  }
  r.Seconds("timeout", seconds(1), &d.timeout);
  r.Seconds("connect_timeout", seconds(1), &d.connect_timeout);
  r.Size("max_body_size", 1, &d.max_body_size);
  r.Integer("max_redirects", 0, 50, &d.max_redirects);
  r.Integer("unreachable_after", 1, 1000, &d.unreachable_after);
  r.Seconds("delivery_max_age", seconds(1), &d.delivery_max_age);
  ReadKeepAttempts(r);
  ReadBrowser(r);
}

// keep_attempts: a whole number of seconds, at least a day; "0" (or "0d"...)
// and absent keep the default, a year.
void Loader::ReadKeepAttempts(TableReader& r) {
  const toml::node* node = r.Find("keep_attempts");
  if (node == nullptr) return;
  if (node->is_string() && node->as_string()->get() == "0") {
    config_.daemon.keep_attempts = kDefaultKeepAttempts;
    return;
  }
  seconds keep{};
  if (!r.Seconds("keep_attempts", seconds(0), &keep)) return;
  if (keep == seconds(0)) {
    config_.daemon.keep_attempts = kDefaultKeepAttempts;
  } else if (keep < seconds(86400)) {
    r.Error(*node, r.Key("keep_attempts"),
            "duration '" + node->as_string()->get() +
                "' is too short (minimum 1d: daily counts are kept; \"0\" keeps the default, 365d)");
  } else {
    config_.daemon.keep_attempts = keep;
  }
}

void Loader::ReadBrowser(TableReader& r) {
  DaemonConfig& d = config_.daemon;
  r.Integer("browser_concurrency", 1, 64, &d.browser_concurrency);
  r.Seconds("browser_timeout", seconds(1), &d.browser_timeout);
  r.Bool("browser_sandbox", &d.browser_sandbox);
  std::string path;
  if (!r.String("browser_path", &path)) return;
  const toml::node& node = *r.Find("browser_path");
  if (path.empty()) {
    r.Error(node, r.Key("browser_path"), "must not be empty (leave it out to search PATH)");
    return;
  }
  d.browser_path = ResolvePath(r.file(), path);
  std::string problem = CheckExecutable(d.browser_path);
  if (!problem.empty()) r.Error(node, r.Key("browser_path"), problem);
}

void Loader::ReadChannel(TableReader& r) {
  Channel c;
  c.location = r.TableLocation();
  r.CheckKeys(ChannelKeys());
  ReadChannelName(r, &c);
  ReadChannelType(r, &c);
  ReadMinSeverity(r, &c);
  ReadEvents(r, &c);
  ReadCategories(r, &c);
  r.Seconds("timeout", seconds(1), &c.timeout);
  ReadDigest(r, &c);
  CheckForeignChannelKeys(r, c);
  if (c.type == "email") {
    ReadEmailChannel(r, &c);
  } else if (c.type == "webhook") {
    ReadWebhookChannel(r, &c);
  } else if (c.type == "matrix") {
    ReadMatrixChannel(r, &c);
  } else if (IsChatChannel(c.type)) {
    ReadChatChannel(r, &c);
  }
  config_.channels.push_back(std::move(c));
}

void Loader::ReadChannelName(TableReader& r, Channel* c) {
  if (!r.String("name", &c->name, /*required=*/true)) return;
  const toml::node& node = *r.Find("name");
  std::string problem = CheckSlug(c->name);
  if (!problem.empty()) {
    r.Error(node, r.Key("name"), "channel name " + problem);
  } else if (auto [it, fresh] = channel_names_.emplace(c->name, r.LocationOf(node)); !fresh) {
    r.Error(node, r.Key("name"),
            "duplicate channel name '" + c->name + "' (first defined at " + Where(it->second) + ")");
  }
}

void Loader::ReadSecret(TableReader& r, std::string_view key, std::string* path,
                        std::string* secret) const {
  if (!r.String(key, path)) return;
  const toml::node& node = *r.Find(key);
  if (path->empty()) {
    r.Error(node, r.Key(key), "must not be empty");
    return;
  }
  *path = ResolvePath(r.file(), *path);
  std::string error;
  if (!ReadSecretFile(*path, secret, &error)) r.Error(node, r.Key(key), error);
}

void Loader::ReadEmailChannel(TableReader& r, Channel* c) const {
  if (r.String("smtp_url", &c->smtp_url, /*required=*/true)) {
    std::string problem = CheckUrl(c->smtp_url, {"smtp", "smtps"});
    if (!problem.empty()) r.Error(*r.Find("smtp_url"), r.Key("smtp_url"), problem);
  }
  r.Bool("starttls", &c->starttls);
  r.String("username", &c->username);
  ReadSecret(r, "password_file", &c->password_file, &c->password);
  if (!c->username.empty() && !r.Find("password_file")) {
    r.ErrorAtKey("username", "'username' is set but 'password_file' is missing");
  }
  if (c->username.empty() && r.Find("password_file")) {
    r.ErrorAtKey("password_file", "'password_file' is set but 'username' is missing");
  }
  if (r.String("from", &c->from, /*required=*/true)) {
    std::string problem = CheckEmailAddress(c->from);
    if (!problem.empty()) r.Error(*r.Find("from"), r.Key("from"), problem);
  }
  ReadRecipients(r, c);
}

void Loader::ReadWebhookChannel(TableReader& r, Channel* c) const {
  if (r.String("url", &c->url, /*required=*/true)) {
    std::string problem = CheckUrl(c->url, {"http", "https"});
    if (!problem.empty()) r.Error(*r.Find("url"), r.Key("url"), problem);
  }
  ReadSecret(r, "secret_file", &c->secret_file, &c->secret);
}

void Loader::ReadCompany(TableReader& r, size_t) {
  Company company;
  company.location = r.TableLocation();
  r.CheckKeys(kCompanyKeys, Misplaced("company"));
  if (r.String("id", &company.id, /*required=*/true)) {
    const toml::node& node = *r.Find("id");
    std::string problem = CheckSlug(company.id);
    if (!problem.empty()) {
      r.Error(node, r.Key("id"), "company id " + problem);
    } else if (auto [it, fresh] = company_ids_.emplace(company.id, r.LocationOf(node)); !fresh) {
      r.Error(node, r.Key("id"),
              "duplicate company id '" + company.id + "' (first defined at " + Where(it->second) +
                  ")");
    }
  }
  if (r.String("name", &company.name)) {
    if (company.name.empty() || HasControlCharacter(company.name)) {
      r.Error(*r.Find("name"), r.Key("name"), "must be non-empty, without control characters");
    }
  } else {
    company.name = company.id;
  }
  std::vector<const toml::node*> nodes;
  if (r.Strings("channels", &company.channels, &nodes)) {
    for (size_t i = 0; i < company.channels.size(); ++i) {
      channel_refs_.push_back(
          ChannelRef{company.channels[i], r.LocationOf(*nodes[i]), r.ElementKey("channels", i)});
    }
  }
  std::map<std::string, Location> types;
  ForEachTable(r, "document", "[[company.document]]", &errors_,
               [&](TableReader& dr, size_t) { ReadDocument(dr, &company, &types); });
  config_.companies.push_back(std::move(company));
}

}  // namespace pw::config
