// A document's page (/documents/C/T): what is watched, its timeline, and its
// changes with the severity / category filter, each linking to its change page,
// and every version linking to its text.
#include "config/config.h"
#include "web/internal/filters.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"

namespace pw::web {
namespace {

// "90 in 30 days, 3 failed": the document's checks on the last 30 UTC days,
// today included, pruned ones too (store::ReadDailyChecks).
std::string ChecksFact(const std::vector<store::DailyChecks>& days) {
  const store::DailyChecks sum = store::SumDays(days, 0);
  return "<dt>Checks</dt><dd>" + std::to_string(sum.checks()) + " in 30 days" +
         (sum.failed > 0 ? ", <span class=\"failing\">" + std::to_string(sum.failed) + " failed</span>"
                         : ", none failed") +
         "</dd>";
}

std::string Facts(const store::DocumentRow& doc, const std::vector<store::DailyChecks>& days,
                  std::int64_t now) {
  std::string out = "<dl class=\"facts\"><dt>URL</dt><dd><a rel=\"noopener noreferrer\" href=\"" +
                    Esc(doc.url) + "\">" + Esc(doc.url) + "</a></dd><dt>Last check</dt><dd>" +
                    TimeTag(doc.state.last_check_at) + " (" + Ago(doc.state.last_check_at, now) +
                    ")</dd><dt>Next check</dt><dd>" + TimeTag(doc.state.next_check_at) + "</dd>" +
                    ChecksFact(days);
  if (doc.state.consecutive_failures > 0) {
    out += "<dt>Failures</dt><dd class=\"failing\">" + std::to_string(doc.state.consecutive_failures) +
           " in a row</dd>";
  }
  if (doc.archived) out += "<dt>Archived</dt><dd>no longer in the configuration</dd>";
  return out + "</dl>\n";
}

std::string VersionList(const store::DocumentRow& doc, const std::vector<store::VersionInfo>& versions) {
  std::string out = "<table class=\"list versions\"><thead><tr><th>Version</th><th>Fetched</th>"
                    "<th>Severity</th><th class=\"wide\">Size</th></tr></thead><tbody>\n";
  for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
    out += "<tr><td><a href=\"" + Esc(config::VersionPagePath(doc.company_id, doc.type, v->id)) +
           "\">v" + std::to_string(v->id) + "</a></td><td>" + TimeTag(v->fetched_at) + "</td><td>" +
           SeverityBadge(v->severity) + TechnicalLabel(v->flags) + "</td><td class=\"wide\">" + std::to_string(v->text_size) +
           " bytes</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

Status DocumentPage(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  bool found = false;
  PW_RETURN_IF_ERROR(FindDocument(site, request, &doc, response, &found));
  if (!found) return Status::Ok();
  store::ChangeFilter filter;
  filter.document_id = doc.id;
  const std::string problem = ReadChangeFilter(request, &filter);
  if (!problem.empty()) {
    ErrorPage(400, problem, response);
    return Status::Ok();
  }
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(site.store->ListVersions(doc.id, &versions));
  std::vector<store::ChangeRow> changes;
  PW_RETURN_IF_ERROR(site.store->ListChanges(filter, &changes));
  std::vector<store::DailyChecks> days;
  PW_RETURN_IF_ERROR(site.store->ReadDailyChecks(doc.id, site.now / 86400 - 29, &days));
  const DocumentIndex index = {{doc.id, doc}};
  const std::string path = config::DocumentPagePath(doc.company_id, doc.type);

  std::string body = "<h1>" + Esc(doc.company_name) + " · " + Esc(doc.type) + "</h1>\n" +
                     Facts(doc, days, site.now) + TimelineSvg(versions, site.now) + "<h2>Changes</h2>\n" +
                     FilterForm(filter, path) +
                     ChangeTable(changes, index, filter, path,
                                 static_cast<int>(changes.size()) == filter.limit) +
                     "<h2>Versions</h2>\n" + VersionList(doc, versions) +
                     "<p class=\"muted\"><a href=\"" + Esc(path) + "/feed.atom\">Atom feed</a></p>\n";
  response->body = Page(doc.company_name + " " + doc.type, body);
  return Status::Ok();
}

}  // namespace pw::web
