// A version's page (/documents/C/T/versions/V): its facts and its text, and the
// download of its raw evidence (.../raw), served as an attachment of an inert
// type so that a watched page's HTML never runs in the reader's browser.
#include <algorithm>

#include "config/config.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"

namespace pw::web {
namespace {

// The version V of the request's document; false with a 404 when there is none.
Status FindVersion(const Site& site, const Request& request, store::DocumentRow* doc,
                   store::VersionRow* version, Response* response, bool* found) {
  PW_RETURN_IF_ERROR(FindDocument(site, request, doc, response, found));
  if (!*found) return Status::Ok();
  const std::int64_t id = std::stoll(request.captures.at(2));
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(site.store->ListVersions(doc->id, &versions));
  *found = std::any_of(versions.begin(), versions.end(), [&](const auto& v) { return v.id == id; });
  if (!*found) {
    ErrorPage(404, "no version " + request.captures.at(2) + " of " + doc->company_id + "/" + doc->type,
              response);
    return Status::Ok();
  }
  return site.store->GetVersion(doc->id, id, version);
}

}  // namespace

Status VersionPage(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  store::VersionRow v;
  bool found = false;
  PW_RETURN_IF_ERROR(FindVersion(site, request, &doc, &v, response, &found));
  if (!found) return Status::Ok();
  const std::string path = config::VersionPagePath(doc.company_id, doc.type, v.info.id);
  std::string body =
      "<h1><a href=\"" + Esc(config::DocumentPagePath(doc.company_id, doc.type)) + "\">" +
      Esc(doc.company_name) + " · " + Esc(doc.type) + "</a> v" + std::to_string(v.info.id) + "</h1>\n" +
      "<dl class=\"facts\"><dt>Fetched</dt><dd>" + TimeTag(v.info.fetched_at) + "</dd><dt>Severity</dt><dd>" +
      SeverityBadge(v.info.severity) + "</dd><dt>SHA-256 of the text</dt><dd><code>" + Esc(v.info.sha256) +
      "</code></dd><dt>Evidence</dt><dd><a href=\"" + Esc(path) + "/raw\" download>raw page as fetched</a> (" +
      Esc(v.content_type) + ", " + std::to_string(v.info.raw_size) + " bytes, SHA-256 <code>" +
      Esc(v.raw_sha256) + "</code>)</dd></dl>\n";
  if (v.info.severity != "") {
    body += "<p><a href=\"" + Esc(config::ChangePagePath(doc.company_id, doc.type, v.info.id)) +
            "\">The change that made this version</a></p>\n";
  }
  body += "<h2>Text</h2>\n<pre class=\"text\">";
  // <pre> keeps the line breaks; Esc's <br> would double them.
  std::string text = Esc(v.text);
  std::string pre;
  pre.reserve(text.size());
  size_t from = 0;
  for (size_t at; (at = text.find("<br>\n", from)) != std::string::npos; from = at + 5) {
    pre.append(text, from, at - from).push_back('\n');
  }
  pre.append(text, from, std::string::npos);
  text = std::move(pre);
  body += text + "</pre>\n";
  response->body = Page(doc.company_name + " " + doc.type + " v" + std::to_string(v.info.id), body);
  return Status::Ok();
}

Status EvidenceDownload(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  store::VersionRow v;
  bool found = false;
  PW_RETURN_IF_ERROR(FindVersion(site, request, &doc, &v, response, &found));
  if (!found) return Status::Ok();
  PW_RETURN_IF_ERROR(site.store->GetEvidence(v.info.id, &response->body));
  response->content_type = "application/octet-stream";
  response->headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"" + doc.company_id + "-" + doc.type + "-v" +
                                 std::to_string(v.info.id) + ".raw\"");
  return Status::Ok();
}

}  // namespace pw::web
