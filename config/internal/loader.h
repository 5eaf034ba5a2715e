// Loader: the state of one LoadConfig call. Internal to config/.
// loader.cpp reads files and includes; sections.cpp reads [daemon], [[channel]],
// [[company]] and [[company.document]] into the Config.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/internal/reader.h"

namespace pw::config {

// Keys written in the wrong table ("root", "company", "document", "part") and
// the table they belong in, for TableReader::CheckKeys.
std::map<std::string, std::string> Misplaced(std::string_view table);

class Loader {
 public:
  LoadResult Load(const std::string& path);

 private:
  struct ChannelRef {  // a company's `channels` entry, checked once all files are read
    std::string name;
    Location location;
    std::string key;
  };
  struct Defined {  // where an id was first defined, for duplicate errors
    Location location;
  };
  struct OpenFile {
    std::string canonical;
    std::string display;
  };

  void AddError(Location location, std::string key, std::string message);
  void LoadFile(const std::string& path, const Location& from, const std::string& from_key,
                bool is_main);
  void ReadIncludes(TableReader& root);
  // Reads every file `pattern` matches; a match that cannot be read is an error.
  void IncludeGlob(const std::string& pattern, const Location& at, const std::string& key);
  void CheckChannelReferences();

  // sections.cpp
  void ReadRoot(const toml::table& root, const std::string& file, bool is_main);
  void ReadDaemon(TableReader& reader);
  void ReadKeepAttempts(TableReader& reader);  // [daemon] keep_attempts
  void ReadBrowser(TableReader& reader);  // [daemon] browser_*
  void ReadWeb(TableReader& reader);      // web.cpp: [web]
  void ReadChannel(TableReader& reader);
  void ReadChannelName(TableReader& reader, Channel* channel);  // unique among channels
  void ReadEmailChannel(TableReader& reader, Channel* channel) const;
  void ReadWebhookChannel(TableReader& reader, Channel* channel) const;
  // chat_channels.cpp: slack, teams, discord, mattermost, ntfy (a URL) and matrix.
  void ReadChatChannel(TableReader& reader, Channel* channel) const;
  void ReadMatrixChannel(TableReader& reader, Channel* channel) const;
  // digest.cpp: digest, digest_at, digest_day and time_zone, any channel type.
  void ReadDigest(TableReader& reader, Channel* channel) const;
  // A `*_file` key: the path resolved against the file's folder, its secret read.
  void ReadSecret(TableReader& reader, std::string_view key, std::string* path,
                  std::string* secret) const;
  void ReadCompany(TableReader& reader, size_t index_in_file);
  // documents.cpp
  void ReadDocument(TableReader& reader, Company* company,
                    std::map<std::string, Location>* types);
  // `url` (one part from the document's own keys) or `parts` (one per entry).
  void ReadPages(TableReader& reader, Document* doc);
  void ReadParts(TableReader& reader, Document* doc);
  // url, select, remove, render and wait_for of a document or of one part.
  void ReadPage(TableReader& reader, Part* part);
  // `select` / `remove`: a CSS string, or an array of CSS strings and range tables.
  void ReadSelectors(TableReader& reader, std::string_view key, std::vector<SelectorEntry>* out);
  void ReadSelectorElement(TableReader& reader, const toml::node& node, const std::string& key,
                           std::vector<SelectorEntry>* out);
  void ReadRange(TableReader& reader, const toml::table& table, const std::string& key,
                 std::vector<SelectorEntry>* out);
  std::string ResolvePath(const std::string& file, const std::string& path) const;

  Config config_;
  std::vector<ConfigError> errors_;
  std::vector<OpenFile> stack_;      // files being read, outermost first
  std::set<std::string> loaded_;     // canonical paths already read
  std::vector<std::string> files_;   // display paths, in reading order
  std::vector<ChannelRef> channel_refs_;
  std::map<std::string, Location> company_ids_;
  std::map<std::string, Location> channel_names_;
};

}  // namespace pw::config
