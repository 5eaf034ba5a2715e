// [[company.document]]: its type, its pages (`url`, or `parts`), how each page is
// read (select, remove, render, wait_for), and its ignore regexes and interval.
#include <regex>

#include "config/internal/checks.h"
#include "config/internal/loader.h"
#include "config/selector.h"

namespace pw::config {
namespace {

using std::chrono::seconds;

const std::vector<std::string> kDocumentKeys = {"type",     "url",    "parts",  "select",
                                                "remove",   "render", "wait_for", "ignore",
                                                "interval"};
const std::vector<std::string> kPartKeys = {"url", "select", "remove", "render", "wait_for"};
// What a document with `parts` must set in each part instead.
const std::vector<std::string> kPerPageKeys = {"select", "remove", "render", "wait_for"};
const std::vector<std::string> kRangeKeys = {"start_before", "start_after", "end_before",
                                             "end_after"};
const std::vector<std::string> kRenderNames = {"static", "browser", "auto"};
constexpr size_t kMaxRegexLength = 1000;
constexpr size_t kMaxParts = 20;

const char* kRangeShape =
    "a range table { start_before | start_after = \"CSS\", end_before | end_after = \"CSS\" }";

std::string RegexProblem(const std::string& pattern) {
  if (pattern.empty()) return "empty regular expression";
  if (pattern.size() > kMaxRegexLength) {
    return "regular expression is longer than " + std::to_string(kMaxRegexLength) + " characters";
  }
  try {
    std::regex re(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return "invalid regular expression '" + pattern + "': " + e.what();
  }
  return "";
}

void ReadIgnore(TableReader& r, std::vector<std::string>* ignore) {
  std::vector<const toml::node*> nodes;
  if (!r.Strings("ignore", ignore, &nodes)) return;
  for (size_t i = 0; i < ignore->size(); ++i) {
    std::string problem = RegexProblem((*ignore)[i]);
    if (!problem.empty()) r.Error(*nodes[i], r.ElementKey("ignore", i), problem);
  }
}

// Reports a `key` string that is not a valid selector list; true when it is.
bool CheckSelector(TableReader& r, const toml::node& node, const std::string& key,
                   const std::string& text) {
  SelectorList parsed;
  Status status = ParseSelectorList(text, &parsed);
  // The parser's message names the selector: "invalid CSS selector 'x': ...".
  if (!status.ok()) r.Error(node, key, status.message());
  return status.ok();
}

// `render`; false when present and invalid.
bool ReadRender(TableReader& r, Render* render) {
  std::string text;
  if (!r.String("render", &text)) return r.Find("render") == nullptr;
  for (Render candidate : {Render::kStatic, Render::kBrowser, Render::kAuto}) {
    if (text != RenderName(candidate)) continue;
    *render = candidate;
    return true;
  }
  std::string message = "unknown render mode '" + text + "' (use static, browser or auto)";
  std::string suggestion = Suggest(text, kRenderNames);
  if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
  r.Error(*r.Find("render"), r.Key("render"), message);
  return false;
}

void ReadWaitFor(TableReader& r, bool render_valid, Part* part) {
  if (!r.String("wait_for", &part->wait_for)) return;
  const toml::node& node = *r.Find("wait_for");
  if (!CheckSelector(r, node, r.Key("wait_for"), part->wait_for)) return;
  if (render_valid && part->render == Render::kStatic) {
    r.Error(node, r.Key("wait_for"), "wait_for needs render = \"browser\" or \"auto\"");
  }
}

// One marker pair of a range (start_before / start_after, or the end ones):
// exactly one must be set, to a valid selector.
bool ReadMarker(TableReader& r, const std::string& before_key, const std::string& after_key,
                std::string* before, std::string* after) {
  const bool has_before = r.Find(before_key) != nullptr;
  const bool has_after = r.Find(after_key) != nullptr;
  const std::string which = before_key.substr(0, before_key.find('_'));  // "start", "end"
  if (has_before && has_after) {
    r.ErrorAtKey(after_key, "a range takes one of '" + before_key + "' and '" + after_key +
                                "', not both");
    return false;
  }
  if (!has_before && !has_after) {
    r.TableError("range has no " + which + ": set '" + before_key + "' or '" + after_key + "'");
    return false;
  }
  const std::string& key = has_before ? before_key : after_key;
  std::string* out = has_before ? before : after;
  return r.String(key, out) && CheckSelector(r, *r.Find(key), r.Key(key), *out);
}

}  // namespace

void Loader::ReadDocument(TableReader& r, Company* company,
                          std::map<std::string, Location>* types) {
  Document doc;
  doc.location = r.TableLocation();
  r.CheckKeys(kDocumentKeys, Misplaced("document"));
  if (r.String("type", &doc.type, /*required=*/true)) {
    const toml::node& node = *r.Find("type");
    std::string problem = CheckSlug(doc.type);
    if (!problem.empty()) {
      r.Error(node, r.Key("type"), "document type " + problem);
    } else if (auto [it, fresh] = types->emplace(doc.type, r.LocationOf(node)); !fresh) {
      r.Error(node, r.Key("type"),
              "duplicate document type '" + doc.type + "' in this company (first defined at " +
                  Where(it->second) + ")");
    }
  }
  ReadPages(r, &doc);
  ReadIgnore(r, &doc.ignore);
  seconds interval{};
  if (r.Seconds("interval", seconds(1), &interval)) doc.interval = interval;
  company->documents.push_back(std::move(doc));
}

void Loader::ReadPages(TableReader& r, Document* doc) {
  const bool has_url = r.Find("url") != nullptr;
  const bool has_parts = r.Find("parts") != nullptr;
  if (has_url && has_parts) {
    r.ErrorAtKey("parts", "set 'url' (one page) or 'parts' (several pages), not both");
    return;
  }
  if (!has_parts) {
    if (!has_url) r.Missing("url", " (or 'parts', for a document of several pages)");
    Part part;
    part.location = doc->location;
    ReadPage(r, &part);
    doc->url = part.url;
    doc->parts.push_back(std::move(part));
    return;
  }
  for (const std::string& key : kPerPageKeys) {
    if (r.Find(key)) r.ErrorAtKey(key, "with 'parts', set '" + key + "' in each part");
  }
  ReadParts(r, doc);
  if (!doc->parts.empty()) doc->url = doc->parts.front().url;
}

void Loader::ReadParts(TableReader& r, Document* doc) {
  const toml::node& node = *r.Find("parts");
  const std::string key = r.Key("parts");
  const char* shape = "an inline table like { url = \"https://...\" }";
  if (!node.is_array()) {
    r.Error(node, key,
            "expected an array of inline tables like [{ url = \"https://...\" }], got " +
                TypeName(node));
    return;
  }
  const toml::array& array = *node.as_array();
  if (array.empty()) return r.Error(node, key, "needs at least one part");
  if (array.size() > kMaxParts) {
    return r.Error(node, key, "has " + std::to_string(array.size()) + " parts; at most " +
                                  std::to_string(kMaxParts) + " are allowed");
  }
  for (size_t i = 0; i < array.size(); ++i) {
    if (!array[i].is_table()) {
      r.Error(array[i], IndexKey(key, i),
              std::string("expected ") + shape + ", got " + TypeName(array[i]));
      continue;
    }
    TableReader part_reader(*array[i].as_table(), r.file(), IndexKey(key, i), &errors_);
    part_reader.CheckKeys(kPartKeys, Misplaced("part"));
    Part part;
    part.location = part_reader.TableLocation();
    if (!part_reader.Find("url")) part_reader.Missing("url");
    ReadPage(part_reader, &part);
    doc->parts.push_back(std::move(part));
  }
}

void Loader::ReadPage(TableReader& r, Part* part) {
  if (r.String("url", &part->url)) {
    std::string problem = CheckUrl(part->url, {"http", "https"});
    if (!problem.empty()) r.Error(*r.Find("url"), r.Key("url"), problem);
  }
  ReadSelectors(r, "select", &part->select);
  ReadSelectors(r, "remove", &part->remove);
  const bool render_valid = ReadRender(r, &part->render);
  ReadWaitFor(r, render_valid, part);
}

void Loader::ReadSelectors(TableReader& r, std::string_view key,
                           std::vector<SelectorEntry>* out) {
  const toml::node* node = r.Find(key);
  if (!node) return;
  const std::string full = r.Key(key);
  if (node->is_string()) return ReadSelectorElement(r, *node, full, out);
  if (node->is_table()) {
    r.Error(*node, full, "a range goes in an array: " + std::string(key) +
                             " = [{ start_before = \"...\", end_before = \"...\" }]");
    return;
  }
  if (!node->is_array()) {
    r.Error(*node, full,
            "expected a string or an array of strings and ranges, got " + TypeName(*node));
    return;
  }
  const toml::array& array = *node->as_array();
  for (size_t i = 0; i < array.size(); ++i) {
    ReadSelectorElement(r, array[i], IndexKey(full, i), out);
  }
}

void Loader::ReadSelectorElement(TableReader& r, const toml::node& node, const std::string& key,
                                 std::vector<SelectorEntry>* out) {
  if (node.is_table()) return ReadRange(r, *node.as_table(), key, out);
  if (!node.is_string()) {
    r.Error(node, key,
            "expected a CSS selector string or " + std::string(kRangeShape) + ", got " +
                TypeName(node));
    return;
  }
  const std::string& text = node.as_string()->get();
  if (CheckSelector(r, node, key, text)) out->push_back(CssEntries({text}).front());
}

void Loader::ReadRange(TableReader& r, const toml::table& table, const std::string& key,
                       std::vector<SelectorEntry>* out) {
  TableReader range(table, r.file(), key, &errors_);
  range.CheckKeys(kRangeKeys);
  SelectorEntry entry;
  bool start = ReadMarker(range, "start_before", "start_after", &entry.start_before,
                          &entry.start_after);
  bool end = ReadMarker(range, "end_before", "end_after", &entry.end_before, &entry.end_after);
  if (start && end) out->push_back(std::move(entry));
}

}  // namespace pw::config
