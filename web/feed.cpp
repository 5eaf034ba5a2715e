// Atom feeds (RFC 4287) of changes: /feed.atom, /companies/C/feed.atom and
// /documents/C/T/feed.atom, with ?min_severity= and ?category=, newest first,
// and a conditional GET (ETag, Last-Modified, 304) so readers that poll often
// cost one small answer.
//
// Entry ids are tag URIs (RFC 4151) built from what names a change for good —
// company, type and the version it made — so one change has one id in every
// feed, whatever the base_url or the filter. Links are absolute with [web]
// base_url; without one they are root-relative ("/documents/..."), which a
// reader resolves against the feed's own URL (RFC 4287 §4.2.7, RFC 3986 §5).
#include <ctime>
#include <set>

#include "config/config.h"
#include "diff/changeset_render.h"
#include "store/hash.h"
#include "util/clock.h"
#include "web/internal/filters.h"
#include "web/internal/pages.h"
#include "web/internal/xml.h"

namespace pw::web {
namespace {

constexpr const char* kTag = "tag:policywatch,2026:";
constexpr const char* kHttpDate = "%a, %d %b %Y %H:%M:%S GMT";  // IMF-fixdate (RFC 7231)

// One feed: which changes, and what it is called.
struct Feed {
  std::string name;       // in the feed's id: "all", "company/acme", "document/acme/terms"
  std::string title;
  std::string path;       // of the feed itself
  std::string html_path;  // of the page it follows
  store::ChangeFilter filter;
};

std::string Link(const Site& site, const std::string& path) { return site.options->web.base_url + path; }

std::string WithQuery(const std::string& path, const store::ChangeFilter& filter) {
  const std::string query = FilterQuery(filter);
  return query.empty() ? path : path + "?" + query;
}

std::string EntryId(const store::DocumentRow& doc, const store::ChangeRow& change) {
  return std::string(kTag) + "change/" + doc.company_id + "/" + doc.type + "/" +
         std::to_string(change.to_version);
}

std::string EntryTitle(const store::DocumentRow& doc, const store::ChangeRow& change,
                       const std::string& headline) {
  std::string title = doc.company_name + " · " + doc.type + ": " + change.severity + " change";
  return headline.empty() ? title : title + " — " + headline;
}

// The section diff as an HTML fragment (diff::RenderHtml, as in the emails).
std::string ContentHtml(const nlohmann::json& json) {
  diff::Changeset changeset;
  std::string error;
  if (!diff::FromJson(json, &changeset, &error)) {
    return "<p>The stored changeset of this change cannot be read: " + diff::EscapeHtml(error) + "</p>";
  }
  return diff::RenderHtml(changeset);
}

// One <category term="..."/> per privacy-practice category any section touches.
std::string Categories(const nlohmann::json& json) {
  std::set<std::string> terms;
  const auto sections = json.find("sections");
  if (sections == json.end() || !sections->is_array()) return "";
  for (const auto& section : *sections) {
    const auto categories = section.find("categories");
    if (categories == section.end() || !categories->is_array()) continue;
    for (const auto& c : *categories) {
      if (c.is_string()) terms.insert(c.get<std::string>());
    }
  }
  std::string out;
  for (const auto& term : terms) out += "<category term=\"" + XmlEscape(term) + "\"/>\n";
  return out;
}

std::string EntryXml(const Site& site, const store::ChangeRow& change, const store::DocumentRow& doc) {
  const nlohmann::json json = ParseChangeset(change);
  const std::string headline = ChangeHeadline(json);
  const std::string when = FormatUtc(change.created_at, kRfc3339);
  const std::string link = Link(site, config::ChangePagePath(doc.company_id, doc.type, change.to_version));
  std::string out = "<entry>\n<id>" + XmlEscape(EntryId(doc, change)) + "</id>\n<title>" +
                    XmlEscape(EntryTitle(doc, change, headline)) + "</title>\n<updated>" + when +
                    "</updated>\n<published>" + when + "</published>\n" +
                    "<link rel=\"alternate\" type=\"text/html\" href=\"" + XmlEscape(link) + "\"/>\n" +
                    Categories(json);
  if (!headline.empty()) out += "<summary>" + XmlEscape(headline) + "</summary>\n";
  return out + "<content type=\"html\">" + XmlEscape(ContentHtml(json)) + "</content>\n</entry>\n";
}

std::int64_t Newest(const std::vector<store::ChangeRow>& changes) {
  std::int64_t newest = 0;
  for (const auto& change : changes) newest = std::max(newest, change.created_at);
  return newest;
}

std::string FeedXml(const Site& site, const Feed& feed, const std::vector<store::ChangeRow>& changes,
                    const DocumentIndex& documents) {
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>" +
                    XmlEscape(WithQuery(std::string(kTag) + "feed/" + feed.name, feed.filter)) +
                    "</id>\n<title>" + XmlEscape(feed.title) + "</title>\n<updated>" +
                    FormatUtc(Newest(changes), kRfc3339) + "</updated>\n" +
                    "<link rel=\"self\" type=\"application/atom+xml\" href=\"" +
                    XmlEscape(Link(site, WithQuery(feed.path, feed.filter))) + "\"/>\n" +
                    "<link rel=\"alternate\" type=\"text/html\" href=\"" +
                    XmlEscape(Link(site, feed.html_path)) + "\"/>\n" +
                    "<author><name>policywatch</name></author>\n<generator>policywatch</generator>\n";
  for (const auto& change : changes) {
    const auto doc = documents.find(change.document_id);
    if (doc != documents.end()) out += EntryXml(site, change, doc->second);
  }
  return out + "</feed>\n";
}

// --- Conditional GET (RFC 7232) ---

std::string Trim(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// If-None-Match's list holds `etag` (weak comparison, §2.3.2) or is "*".
bool EtagListMatches(const std::string& header, const std::string& etag) {
  size_t start = 0;
  while (start <= header.size()) {
    const size_t comma = std::min(header.find(',', start), header.size());
    std::string tag = Trim(header.substr(start, comma - start));
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag == "*" || tag == etag) return true;
    start = comma + 1;
  }
  return false;
}

// An IMF-fixdate as unix seconds; false for anything else (the header is then
// ignored, as RFC 7232 §3.3 asks of a date that does not parse).
bool ParseHttpDate(const std::string& text, std::int64_t* unix_seconds) {
  std::tm tm{};
  const std::string value = Trim(text);
  const char* end = strptime(value.c_str(), kHttpDate, &tm);
  if (end == nullptr || *end != '\0') return false;
  *unix_seconds = static_cast<std::int64_t>(timegm(&tm));
  return true;
}

// RFC 7232 §6: If-None-Match decides when present; If-Modified-Since only
// without it.
bool NotModified(const Request& request, const std::string& etag, std::int64_t last_modified) {
  if (!request.if_none_match.empty()) return EtagListMatches(request.if_none_match, etag);
  std::int64_t since = 0;
  return last_modified > 0 && ParseHttpDate(request.if_modified_since, &since) && since >= last_modified;
}

// The validators of the feed in response->body, and a 304 with no body when
// the reader has it already.
void Validate(const Request& request, std::int64_t last_modified, Response* response) {
  const std::string etag = "\"" + store::Sha256Hex(response->body) + "\"";
  response->headers.emplace_back("ETag", etag);
  if (last_modified > 0) response->headers.emplace_back("Last-Modified", FormatUtc(last_modified, kHttpDate));
  if (NotModified(request, etag, last_modified)) {
    response->status = 304;
    response->body.clear();
  }
}

Status ServeFeed(const Site& site, const Request& request, Feed feed, const DocumentIndex& documents,
                 Response* response) {
  const std::string problem = ReadChangeFilter(request, &feed.filter);
  if (!problem.empty()) {
    ErrorPage(400, problem, response);
    return Status::Ok();
  }
  feed.filter.include_technical = false;  // re-derived text is not news (reextract)
  std::vector<store::ChangeRow> changes;
  PW_RETURN_IF_ERROR(site.store->ListChanges(feed.filter, &changes));
  response->content_type = "application/atom+xml; charset=utf-8";
  response->body = FeedXml(site, feed, changes, documents);
  Validate(request, Newest(changes), response);
  return Status::Ok();
}

}  // namespace

Status FeedAll(const Site& site, const Request& request, Response* response) {
  DocumentIndex documents;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &documents));
  Feed feed{"all", "policywatch: every change", "/feed.atom", "/", {}};
  return ServeFeed(site, request, std::move(feed), documents, response);
}

Status FeedCompany(const Site& site, const Request& request, Response* response) {
  DocumentIndex documents;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &documents));
  const std::string& company = request.captures.at(0);
  const store::DocumentRow* doc = FindInIndex(documents, company, "");
  if (doc == nullptr) {
    ErrorPage(404, "no company " + company, response);
    return Status::Ok();
  }
  Feed feed{"company/" + company, "policywatch: " + doc->company_name, "/companies/" + company + "/feed.atom",
            "/", {}};
  feed.filter.company_id = company;
  return ServeFeed(site, request, std::move(feed), documents, response);
}

Status FeedDocument(const Site& site, const Request& request, Response* response) {
  DocumentIndex documents;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &documents));
  const std::string& company = request.captures.at(0);
  const std::string& type = request.captures.at(1);
  const store::DocumentRow* doc = FindInIndex(documents, company, type);
  if (doc == nullptr) {
    ErrorPage(404, "no document " + company + "/" + type, response);
    return Status::Ok();
  }
  const std::string page = config::DocumentPagePath(company, type);
  Feed feed{"document/" + company + "/" + type, "policywatch: " + doc->company_name + " · " + type,
            page + "/feed.atom", page, {}};
  feed.filter.document_id = doc->id;
  return ServeFeed(site, request, std::move(feed), documents, response);
}

}  // namespace pw::web
