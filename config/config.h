// policywatch configuration: typed structs for the TOML file of SPEC.md, and the
// loader that validates it. Key names are the public contract: add keys, rename none.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/selector.h"
#include "config/severity.h"
#include "util/status.h"

namespace pw::config {

// Where a value came from, for error messages: "file:line:column".
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
};

inline constexpr std::chrono::seconds kDefaultKeepAttempts{365 * 86400};

struct DaemonConfig {
  std::string database = "/var/lib/policywatch/policywatch.db";
  std::chrono::seconds interval{6 * 3600};      // default per document
  double jitter = 0.10;                          // fraction of interval, 0..1
  int concurrency = 16;                          // transfers at once
  std::chrono::milliseconds per_host_delay{2000};
  std::string user_agent = "policywatch/0.1 (+https://github.com/policywatch/policywatch)";
  std::chrono::seconds timeout{60};              // whole transfer
  std::chrono::seconds connect_timeout{15};
  std::uint64_t max_body_size = 10 * 1000 * 1000;  // bytes, after decompression
  int max_redirects = 5;
  int unreachable_after = 3;                     // consecutive failures -> event
  std::chrono::seconds delivery_max_age{3 * 86400};  // then a delivery is failed
  // Attempt rows older than this are folded into per-document daily counts and
  // deleted (store::PruneAttempts); versions and changes are never pruned.
  // At least a day; "0" or absent: a year.
  std::chrono::seconds keep_attempts{kDefaultKeepAttempts};

  // Headless Chromium, for documents with render = "browser" or "auto"; never
  // started when no document needs it.
  int browser_concurrency = 2;                   // pages rendered at once
  std::chrono::seconds browser_timeout{30};      // per page: load, network idle, wait_for
  std::string browser_path;                      // empty: chromium-headless-shell, then chromium, on PATH
  // Chromium's own sandbox. It cannot run as root; as root the browser is refused
  // unless this is false (an explicit choice: a container that is its own sandbox).
  bool browser_sandbox = true;
};

// [web]: the read-only web view, feeds, API and metrics (SPEC.md, "Web").
struct WebConfig {
  std::string listen;      // "HOST:PORT"; empty: no web server
  std::string host;        // parsed from listen: "127.0.0.1", "::1", "localhost", ...
  int port = 0;            // 0: an ephemeral port (tests, `serve --listen`)
  bool loopback = true;    // host is a loopback address
  std::string base_url;    // "https://pw.example.org" (no trailing slash); links in alerts and feeds
  std::string token_file;  // required when the host is not loopback
  std::string token;       // read from token_file; never logged, never served
  Location location;
};

// Splits "HOST:PORT" ("[::1]:8787" for IPv6) into `web`'s host, port and
// loopback; returns "" or says what is wrong with `listen`.
std::string ParseListen(std::string_view listen, WebConfig* web);

// The web view's pages that others link to (alerts, feeds): the one place that
// spells their paths. Ids are slugs (CheckSlug), so they need no escaping.
std::string DocumentPagePath(std::string_view company_id, std::string_view type);
std::string ChangePagePath(std::string_view company_id, std::string_view type,
                           std::int64_t to_version);
std::string VersionPagePath(std::string_view company_id, std::string_view type,
                            std::int64_t version);
// web.base_url + ChangePagePath; "" without a base_url.
std::string ChangePageUrl(const WebConfig& web, std::string_view company_id,
                          std::string_view type, std::int64_t to_version);
// How a channel batches its changes: one message each, or a digest.
enum class Digest { kNone, kDaily, kWeekly };
std::string_view DigestName(Digest digest);  // "none", "daily", "weekly"

struct Channel {
  std::string name;
  // "email", "webhook", or a chat service: "slack", "teams", "discord",
  // "mattermost", "ntfy", "matrix" (IsChatChannel).
  std::string type;
  Severity min_severity = Severity::kMaterial;
  std::vector<std::string> events;  // empty: every event type
  // A document.changed event only when one of its sections has one of these
  // categories (config/categories.h); empty: every change.
  std::vector<std::string> categories;
  std::chrono::seconds timeout{30};

  // A digest (SPEC.md, "Chat channels"; any channel type): its document.changed
  // events wait for the next digest slot and go as one message; the other events
  // go at once. The slot is digest_at, local time in `time_zone`, every day, or
  // on digest_day every week (notify/digest.h).
  Digest digest = Digest::kNone;
  int digest_minute = 9 * 60;  // digest_at "HH:MM", as minutes after midnight
  int digest_day = 1;          // weekly: ISO weekday, 1 = Monday ... 7 = Sunday
  std::string time_zone = "UTC";  // an IANA name, known to the system's zoneinfo

  // email
  std::string smtp_url;
  bool starttls = true;
  std::string username;
  std::string password_file;
  std::string password;  // read from password_file; never logged
  std::string from;
  std::vector<std::string> to;

  // webhook; and slack, teams, discord, mattermost (their incoming-webhook
  // URL, itself a credential) and ntfy (the topic's URL)
  std::string url;
  std::string secret_file;
  std::string secret;  // read from secret_file; never logged

  // matrix: a room on a homeserver, posted to with an access token
  std::string homeserver;  // "https://matrix.example.org"
  std::string room;        // "!abc:example.org" or "#alias:example.org"
  std::string token_file;
  std::string token;       // read from token_file; never logged

  Location location;
};

// Whether `type` is one of the chat services (slack, teams, discord, mattermost,
// ntfy, matrix).
bool IsChatChannel(std::string_view type);

// How a page is read: its static HTML as fetched, the DOM headless Chromium
// renders, or the browser only when the static HTML is a script shell.
enum class Render { kStatic, kBrowser, kAuto };
std::string_view RenderName(Render render);  // "static", "browser", "auto"

// One page of a document: a document given by `url` has one part (with the
// document's own select, remove, render and wait_for); one given by `parts` has
// one per entry, combined in order into one text.
struct Part {
  std::string url;
  std::vector<SelectorEntry> select;  // config/selector.h subset, and ranges
  std::vector<SelectorEntry> remove;
  Render render = Render::kStatic;
  std::string wait_for;  // CSS: with the browser, wait until this element exists
  Location location;
};

struct Document {
  std::string type;  // e.g. "privacy-policy"; unique within a company
  std::string url;   // the first part's: what users, events and the database name it by
  std::vector<Part> parts;  // never empty in a loaded config
  std::vector<std::string> ignore;  // ECMAScript regexes of volatile text
  std::optional<std::chrono::seconds> interval;  // overrides [daemon] interval
  Location location;
};

struct Company {
  std::string id;  // unique
  std::string name;
  std::vector<std::string> channels;  // names of [[channel]] entries
  std::vector<Document> documents;
  Location location;
};

// A one-part document of `url`, as `url = ...` in the config gives (for code and
// tests that build a Config by hand).
Document PageDocument(std::string type, std::string url);

struct Config {
  std::string path;  // the main file
  DaemonConfig daemon;
  WebConfig web;
  std::vector<Channel> channels;
  std::vector<Company> companies;

  const Channel* FindChannel(const std::string& name) const;
  const Company* FindCompany(const std::string& id) const;
};

// One problem found in a configuration. ToString() gives
// "FILE:LINE:COLUMN: KEY: MESSAGE", e.g.
// "watch.toml:12:1: company[2].document[1].url: unsupported scheme 'ftp' (use http or https)".
// KEY is the dotted path of the offending key; array entries are counted from 1
// within FILE (company[2] is the second [[company]] of that file). LINE:COLUMN is
// that of the offending value, or of the key for unknown keys, or of the table's
// header for a missing required key. TOML syntax errors have no KEY ("FILE:L:C:
// TOML syntax error: ..."); a file that cannot be read at all has no LINE:COLUMN
// ("FILE: cannot read 'FILE': No such file or directory").
struct ConfigError {
  Location location;
  std::string key;  // dotted path of the key, as the user wrote it
  std::string message;
  std::string ToString() const;
};

// Reads, parses and validates the configuration at `path`, following `include`
// globs (relative to the including file). Secrets are read from their files.
// Every problem found is returned (not only the first), sorted by file (in reading
// order), line and column; `config` is meaningful only when `errors` is empty.
//
// Rules beyond the key list of SPEC.md (config/policywatch.example.toml shows all):
//  - `include`: a string or array of globs; matches read in sorted order; a glob
//    matching nothing is fine, and directories it matches are skipped; a literal
//    name that does not exist, a match or name that is a broken or looping symlink,
//    not a regular file or unreadable, a directory the glob cannot list, an include
//    cycle, or nesting deeper than 16 is an error naming the file. Included files may hold [[channel]],
//    [[company]] and `include`, not [daemon]. A file reached twice is read once.
//    Companies and channels keep file order: the including file's own first.
//  - Relative `database`, `browser_path`, `password_file`, `secret_file` and
//    `include` paths are relative to the directory of the file naming them.
//  - Company ids, document types and channel names are slugs: [a-z0-9][a-z0-9._-]*,
//    at most 64 characters. A company's `name` defaults to its id.
//  - `ignore`, `channels`, `events`, `to` take a string or an array of strings.
//    `jitter` takes "10%" or a number from 0 to 1.
//  - `select` and `remove` take a CSS selector string, or an array of selector
//    strings and range tables { start_before | start_after = "CSS", end_before |
//    end_after = "CSS" } (exactly one start and one end key; every selector valid).
//  - A document has exactly one of `url` and `parts`. `parts` is an array of 1 to
//    20 inline tables { url (required), select, remove, render, wait_for }; beside
//    it the document sets none of those four. `render` is "static" (default),
//    "browser" or "auto"; `wait_for` (a CSS selector) needs "browser" or "auto".
//  - `browser_path`, when set, is resolved like the paths below and must name an
//    executable regular file.
//  - Durations held in std::chrono::seconds must be whole seconds, at least 1s
//    (per_host_delay may be "0s" and sub-second).
//  - An email channel with `username` needs `password_file` and vice versa. Keys of
//    the other channel type (e.g. `url` on an email channel) are errors.
//  - `digest` is "daily" or "weekly" (absent: none), on any channel type;
//    `digest_at` is "HH:MM" (24-hour, default "09:00"), `digest_day` "monday"
//    to "sunday" (weekly only, default "monday"), `time_zone` an IANA name the
//    system's zoneinfo knows (default "UTC"); these three need `digest`.
//  - Secret files hold exactly one line (a final LF or CRLF is fine; trailing
//    spaces and tabs are removed). Missing, unreadable, a directory, empty, several
//    lines, a control character, or larger than 64 KiB is an error naming the
//    key and the file, never the content.
//  - Files larger than 16 MiB and keys of more than 64 dotted parts are refused
//    before parsing (the TOML parser's tables are recursive).
struct LoadResult {
  Config config;
  std::vector<ConfigError> errors;
  bool ok() const { return errors.empty(); }
};
LoadResult LoadConfig(const std::string& path);

// Helpers shared with other modules; each returns false on malformed input.
// A duration is an integer and one lower-case unit: ms, s, m, h, d ("90s", "6h",
// "7d", "500ms"); no sign, no spaces, no fractions, no compounds like "1h30m";
// false on overflow of int64 milliseconds.
bool ParseDuration(std::string_view text, std::chrono::milliseconds* out);
// A size is an integer and a unit, case-insensitive: B; KB, MB, GB (SI: 1000,
// 1000^2, 1000^3 bytes); KiB, MiB, GiB (1024-based). "512KB", "10MB", "1GB".
// False on overflow of uint64.
bool ParseSize(std::string_view text, std::uint64_t* out);

}  // namespace pw::config
