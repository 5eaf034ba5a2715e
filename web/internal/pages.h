// Every page, feed and API endpoint the server routes to (server.cpp), and the
// pieces several of them share. Internal to web/.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "web/internal/request.h"

namespace pw::web {

// --- HTML pages ---
Status OverviewPage(const Site& site, const Request& request, Response* response);  // /
Status DocumentPage(const Site& site, const Request& request, Response* response);  // /documents/C/T
Status ChangePage(const Site& site, const Request& request, Response* response);    // .../changes/V
Status VersionPage(const Site& site, const Request& request, Response* response);   // .../versions/V
Status EvidenceDownload(const Site& site, const Request& request, Response* response);  // .../raw

// --- Atom feeds: /feed.atom, /companies/C/feed.atom, /documents/C/T/feed.atom ---
Status FeedAll(const Site& site, const Request& request, Response* response);
Status FeedCompany(const Site& site, const Request& request, Response* response);
Status FeedDocument(const Site& site, const Request& request, Response* response);

// --- JSON API under /api/v1/ ---
Status ApiDocuments(const Site& site, const Request& request, Response* response);
Status ApiVersions(const Site& site, const Request& request, Response* response);
Status ApiVersion(const Site& site, const Request& request, Response* response);
Status ApiChanges(const Site& site, const Request& request, Response* response);

// --- Operations ---
Status Metrics(const Site& site, const Request& request, Response* response);  // /metrics
Status Health(const Site& site, const Request& request, Response* response);   // /healthz

// --- Shared ---
// Every document (archived too), by id.
using DocumentIndex = std::map<std::int64_t, store::DocumentRow>;
Status ReadDocumentIndex(store::Store* store, DocumentIndex* index);

// The document COMPANY/TYPE in `index`, or with an empty `type` any document of
// COMPANY (its first by id); nullptr when there is none.
const store::DocumentRow* FindInIndex(const DocumentIndex& index, const std::string& company,
                                      const std::string& type);

// The document named by request.captures[0] (company) and [1] (type); false
// with a 404 in `response` when there is none. A store error is returned.
Status FindDocument(const Site& site, const Request& request, store::DocumentRow* row,
                    Response* response, bool* found);

// The changeset JSON of a stored change, parsed; a change whose JSON does not
// parse reads as an empty object (the page says so rather than failing).
nlohmann::json ParseChangeset(const store::ChangeRow& change);

// The one-line description of a change: its headline, else its first reason,
// else "N sections changed".
std::string ChangeHeadline(const nlohmann::json& changeset);

// A table of changes (newest first) linking to their change pages, with a
// "older" link when `more` (next page starts below the last id).
std::string ChangeTable(const std::vector<store::ChangeRow>& changes, const DocumentIndex& documents,
                        const store::ChangeFilter& filter, const std::string& page_path, bool more);

// The min_severity / category form of a list of changes (a GET form: no script).
std::string FilterForm(const store::ChangeFilter& filter, const std::string& action);

// A timeline of a document's versions as inline SVG: one mark per version,
// placed by time and coloured by the severity of the change that made it.
std::string TimelineSvg(const std::vector<store::VersionInfo>& versions, std::int64_t now);

}  // namespace pw::web
