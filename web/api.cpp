// The JSON API under /api/v1/: documents, a document's versions, one version
// with its text, and the changes (filtered, newest first, paged by id). Every
// body is an object with a "schema" field; errors too
// ({"schema": "policywatch.error.v1", "error": "..."}, 400 or 404).
//
// Times are RFC 3339 UTC, or null for never. "url" of a change is its page,
// absolute with [web] base_url (root-relative without one); API links
// ("versions_url", "next") are root-relative. A change's "changeset" is what
// `policywatch diff --format json` prints for it: the stored changeset read and
// written again by diff::FromJson / diff::ToJson ("policywatch.changeset.v1").
#include <algorithm>

#include "config/config.h"
#include "diff/changeset_render.h"
#include "util/clock.h"
#include "web/internal/filters.h"
#include "web/internal/pages.h"

namespace pw::web {
namespace {

using nlohmann::json;

void Reply(int status, const json& body, Response* response) {
  response->status = status;
  response->content_type = "application/json";
  // A watched page's bytes that are not UTF-8 become U+FFFD rather than a throw.
  response->body = body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

void ApiError(int status, const std::string& message, Response* response) {
  Reply(status, {{"schema", "policywatch.error.v1"}, {"error", message}}, response);
}

json Time(std::int64_t unix_seconds) {
  return unix_seconds == 0 ? json(nullptr) : json(FormatUtc(unix_seconds, kRfc3339));
}

json CompanyJson(const store::DocumentRow& doc) {
  return {{"id", doc.company_id}, {"name", doc.company_name}};
}

std::string VersionsPath(const store::DocumentRow& doc) {
  return "/api/v1" + config::DocumentPagePath(doc.company_id, doc.type) + "/versions";
}

json DocumentJson(const store::DocumentRow& doc) {
  const store::DocumentState& s = doc.state;
  return {{"company", CompanyJson(doc)},
          {"type", doc.type},
          {"url", doc.url},
          {"archived", doc.archived},
          {"last_check_at", Time(s.last_check_at)},
          {"last_change_at", Time(s.last_change_at)},
          {"consecutive_failures", s.consecutive_failures},
          {"unreachable", s.unreachable},
          {"versions_url", VersionsPath(doc)}};
}

json VersionJson(const store::VersionInfo& v) {
  return {{"id", v.id},
          {"fetched_at", Time(v.fetched_at)},
          {"sha256", v.sha256},
          {"text_size", v.text_size},
          {"raw_size", v.raw_size},
          {"severity", v.severity.empty() ? json(nullptr) : json(v.severity)},
          {"extraction_suspect", (v.flags & store::kVersionExtractionSuspect) != 0},
          {"technical", (v.flags & store::kVersionTechnical) != 0},
          {"imported", (v.flags & store::kVersionImported) != 0}};
}

// The stored changeset as `diff --format json` prints it; one that does not
// read as a changeset is given as stored.
json ChangesetJson(const store::ChangeRow& change) {
  const json stored = ParseChangeset(change);
  diff::Changeset changeset;
  return diff::FromJson(stored, &changeset) ? diff::ToJson(changeset) : stored;
}

json ChangeJson(const Site& site, const store::ChangeRow& change, const store::DocumentRow& doc) {
  const std::string page = config::ChangePagePath(doc.company_id, doc.type, change.to_version);
  return {{"id", change.id},
          {"company", CompanyJson(doc)},
          {"document", {{"type", doc.type}, {"url", doc.url}}},
          {"from_version", change.from_version == 0 ? json(nullptr) : json(change.from_version)},
          {"to_version", change.to_version},
          {"created_at", Time(change.created_at)},
          {"severity", change.severity},
          {"technical", (change.to_flags & store::kVersionTechnical) != 0},
          {"url", site.options->web.base_url + page},
          {"changeset", ChangesetJson(change)}};
}

// The document of captures[0] / [1]; false with a 404 when there is none.
Status FindApiDocument(const Site& site, const Request& request, store::DocumentRow* doc,
                       Response* response, bool* found) {
  DocumentIndex index;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &index));
  const store::DocumentRow* row = FindInIndex(index, request.captures.at(0), request.captures.at(1));
  *found = row != nullptr;
  if (*found) {
    *doc = *row;
  } else {
    ApiError(404, "no document " + request.captures.at(0) + "/" + request.captures.at(1), response);
  }
  return Status::Ok();
}

// ?company=C and ?document=C/T, on top of ReadChangeFilter's parameters;
// "" or what is wrong.
std::string ReadScope(const Request& request, const DocumentIndex& index, store::ChangeFilter* filter) {
  const std::string company = request.Param("company");
  if (!company.empty()) {
    if (FindInIndex(index, company, "") == nullptr) return "company: '" + company + "' is not a company";
    filter->company_id = company;
  }
  const std::string document = request.Param("document");
  if (!document.empty()) {
    const size_t slash = document.find('/');
    const store::DocumentRow* doc =
        slash == std::string::npos || slash + 1 == document.size()
            ? nullptr
            : FindInIndex(index, document.substr(0, slash), document.substr(slash + 1));
    if (doc == nullptr) return "document: '" + document + "' is not a document (COMPANY/TYPE)";
    filter->document_id = doc->id;
  }
  return "";
}

// The URL of the page after the one ending at change `last`: the same
// parameters (all checked already, so nothing needs escaping) and before=last.
std::string NextPage(const Request& request, const store::ChangeFilter& filter, std::int64_t last) {
  std::string query = FilterQuery(filter);
  const auto add = [&query](const std::string& key, const std::string& value) {
    if (!value.empty()) query += (query.empty() ? "" : "&") + key + "=" + value;
  };
  if (filter.since != 0) add("since", std::to_string(filter.since));
  add("company", request.Param("company"));
  add("document", request.Param("document"));
  if (!request.Param("limit").empty()) add("limit", std::to_string(filter.limit));
  add("before", std::to_string(last));
  return "/api/v1/changes?" + query;
}

}  // namespace

Status ApiDocuments(const Site& site, const Request&, Response* response) {
  std::vector<store::DocumentRow> docs;
  PW_RETURN_IF_ERROR(site.store->ListDocuments(/*include_archived=*/true, &docs));
  json list = json::array();
  for (const auto& doc : docs) list.push_back(DocumentJson(doc));
  Reply(200, {{"schema", "policywatch.documents.v1"}, {"documents", std::move(list)}}, response);
  return Status::Ok();
}

Status ApiVersions(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  bool found = false;
  PW_RETURN_IF_ERROR(FindApiDocument(site, request, &doc, response, &found));
  if (!found) return Status::Ok();
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(site.store->ListVersions(doc.id, &versions));
  json list = json::array();
  for (const auto& v : versions) list.push_back(VersionJson(v));
  Reply(200, {{"schema", "policywatch.versions.v1"}, {"company", CompanyJson(doc)}, {"type", doc.type},
              {"versions", std::move(list)}}, response);
  return Status::Ok();
}

Status ApiVersion(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  bool found = false;
  PW_RETURN_IF_ERROR(FindApiDocument(site, request, &doc, response, &found));
  if (!found) return Status::Ok();
  const std::int64_t id = std::stoll(request.captures.at(2));
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(site.store->ListVersions(doc.id, &versions));
  if (std::none_of(versions.begin(), versions.end(), [id](const auto& v) { return v.id == id; })) {
    ApiError(404, "no version " + request.captures.at(2) + " of " + doc.company_id + "/" + doc.type, response);
    return Status::Ok();
  }
  store::VersionRow v;
  PW_RETURN_IF_ERROR(site.store->GetVersion(doc.id, id, &v));
  json body = VersionJson(v.info);
  body["schema"] = "policywatch.version.v1";
  body["company"] = CompanyJson(doc);
  body["type"] = doc.type;
  body["text"] = v.text;
  body["content_type"] = v.content_type;
  body["raw_sha256"] = v.raw_sha256;
  Reply(200, body, response);
  return Status::Ok();
}

Status ApiChanges(const Site& site, const Request& request, Response* response) {
  DocumentIndex index;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &index));
  store::ChangeFilter filter;
  std::string problem = ReadChangeFilter(request, &filter);
  if (problem.empty()) problem = ReadScope(request, index, &filter);
  if (!problem.empty()) {
    ApiError(400, problem, response);
    return Status::Ok();
  }
  std::vector<store::ChangeRow> changes;
  PW_RETURN_IF_ERROR(site.store->ListChanges(filter, &changes));
  json list = json::array();
  for (const auto& change : changes) {
    const auto doc = index.find(change.document_id);
    if (doc != index.end()) list.push_back(ChangeJson(site, change, doc->second));
  }
  const bool full = !changes.empty() && static_cast<int>(changes.size()) == filter.limit;
  Reply(200, {{"schema", "policywatch.changes.v1"}, {"changes", std::move(list)},
              {"next", full ? json(NextPage(request, filter, changes.back().id)) : json(nullptr)}},
        response);
  return Status::Ok();
}

}  // namespace pw::web
