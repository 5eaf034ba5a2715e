// The overview (/): every watched document, failing ones first, and the
// latest changes with the severity / category filter.
#include <algorithm>

#include "config/config.h"
#include "web/internal/filters.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"

namespace pw::web {
namespace {

bool Failing(const store::DocumentRow& doc) {
  return doc.state.consecutive_failures > 0 || doc.state.unreachable;
}

// Failing documents first, then by company and type.
std::vector<const store::DocumentRow*> WatchedInOrder(const DocumentIndex& index) {
  std::vector<const store::DocumentRow*> docs;
  for (const auto& [id, doc] : index) {
    if (!doc.archived) docs.push_back(&doc);
  }
  std::stable_sort(docs.begin(), docs.end(), [](const auto* a, const auto* b) {
    if (Failing(*a) != Failing(*b)) return Failing(*a);
    return std::tie(a->company_id, a->type) < std::tie(b->company_id, b->type);
  });
  return docs;
}

std::string StatusCell(const store::DocumentRow& doc) {
  if (doc.state.unreachable) {
    return "<span class=\"failing\">unreachable (" + std::to_string(doc.state.consecutive_failures) +
           " failed checks)</span>";
  }
  if (doc.state.consecutive_failures > 0) {
    return "<span class=\"failing\">failing (" + std::to_string(doc.state.consecutive_failures) +
           ")</span>";
  }
  return doc.state.last_check_at == 0 ? "<span class=\"muted\">not checked yet</span>" : "ok";
}

std::string DocumentRowHtml(const store::DocumentRow& doc, const std::string& last_severity,
                            std::int64_t now) {
  std::string out = "<tr><td>" + Esc(doc.company_name) + "</td><td><a href=\"" +
                    Esc(config::DocumentPagePath(doc.company_id, doc.type)) + "\">" + Esc(doc.type) +
                    "</a></td><td>" + StatusCell(doc) + "</td><td class=\"wide\">" +
                    Ago(doc.state.last_check_at, now) + "</td><td>";
  if (doc.state.last_change_at != 0) {
    out += Ago(doc.state.last_change_at, now) + " " + SeverityBadge(last_severity);
  } else {
    out += "<span class=\"muted\">none yet</span>";
  }
  return out + "</td></tr>\n";
}

std::string DocumentTable(const DocumentIndex& index, const std::map<std::int64_t, std::string>& severities,
                          std::int64_t now) {
  const auto docs = WatchedInOrder(index);
  if (docs.empty()) return "<p class=\"muted\">No documents are watched yet.</p>\n";
  std::string out = "<table class=\"list documents\"><thead><tr><th>Company</th><th>Document</th>"
                    "<th>Status</th><th class=\"wide\">Last check</th><th>Last change</th></tr>"
                    "</thead><tbody>\n";
  for (const auto* doc : docs) {
    const auto s = severities.find(doc->id);
    out += DocumentRowHtml(*doc, s == severities.end() ? "" : s->second, now);
  }
  return out + "</tbody></table>\n";
}

}  // namespace

Status OverviewPage(const Site& site, const Request& request, Response* response) {
  store::ChangeFilter filter;
  filter.limit = 20;
  const std::string problem = ReadChangeFilter(request, &filter);
  if (!problem.empty()) {
    ErrorPage(400, problem, response);
    return Status::Ok();
  }
  DocumentIndex index;
  PW_RETURN_IF_ERROR(ReadDocumentIndex(site.store, &index));
  std::vector<std::pair<std::int64_t, std::string>> latest;
  PW_RETURN_IF_ERROR(site.store->LatestChangeSeverities(&latest));
  std::vector<store::ChangeRow> changes;
  PW_RETURN_IF_ERROR(site.store->ListChanges(filter, &changes));

  std::string body = "<h1>Watched documents</h1>\n" +
                     DocumentTable(index, {latest.begin(), latest.end()}, site.now) +
                     "<h2>Latest changes</h2>\n" + FilterForm(filter, "/") +
                     ChangeTable(changes, index, filter, "/",
                                 static_cast<int>(changes.size()) == filter.limit) +
                     "<p class=\"muted\"><a href=\"/feed.atom\">Atom feed of every change</a></p>\n";
  response->body = Page("Overview", body);
  return Status::Ok();
}

}  // namespace pw::web
