// A change's page (/documents/C/T/changes/V, V the version it made): its
// severity, headline, effective date and summary, then every changed section
// with its status, path, severity, categories, reasons and the side-by-side
// word diff.
#include <string>

#include "config/config.h"
#include "diff/changeset_render.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"
#include "web/internal/side_by_side.h"

namespace pw::web {
namespace {

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& part : path) out += (out.empty() ? "" : " › ") + Esc(part);
  return out.empty() ? "(top of the document)" : out;
}

std::string SectionTitle(const diff::SectionChange& s) {
  std::string out = "<strong>" + JoinPath(s.path) + "</strong> <span class=\"muted\">" + Esc(s.status);
  if ((s.status == "renamed" || s.status == "moved") && !s.old_path.empty() && s.old_path != s.path) {
    out += " from " + JoinPath(s.old_path);
  }
  return out + "</span> " + SeverityBadge(SeverityName(s.severity));
}

std::string SectionHtml(const diff::SectionChange& s) {
  std::string out = "<section class=\"change\"><header>" + SectionTitle(s);
  if (!s.categories.empty()) {
    out += "<div class=\"muted\">Categories: ";
    for (size_t i = 0; i < s.categories.size(); ++i) out += (i ? ", " : "") + Esc(s.categories[i]);
    out += "</div>";
  }
  if (!s.reasons.empty()) {
    out += "<ul class=\"reasons\">";
    for (const auto& r : s.reasons) out += "<li>" + Esc(r) + "</li>";
    out += "</ul>";
  }
  return out + "</header>" + SideBySide(s.diff) + "</section>\n";
}

std::string SummaryLine(const diff::Summary& s) {
  auto part = [](int n, const char* what) {
    return n == 0 ? std::string() : std::to_string(n) + " " + what + ", ";
  };
  std::string out = part(s.sections_added, "added") + part(s.sections_removed, "removed") +
                    part(s.sections_modified, "modified") + part(s.sections_moved, "moved") +
                    part(s.sections_renamed, "renamed");
  return out + "+" + std::to_string(s.words_added) + " / −" + std::to_string(s.words_removed) + " words";
}

std::string Heading(const store::DocumentRow& doc, const store::ChangeRow& change,
                    const diff::Changeset& cs) {
  const auto version = [&](std::int64_t id) {
    return "<a href=\"" + Esc(config::VersionPagePath(doc.company_id, doc.type, id)) + "\">v" +
           std::to_string(id) + "</a>";
  };
  std::string out = "<h1><a href=\"" + Esc(config::DocumentPagePath(doc.company_id, doc.type)) + "\">" +
                    Esc(doc.company_name) + " · " + Esc(doc.type) + "</a></h1>\n<p>" +
                    SeverityBadge(change.severity) + TechnicalLabel(change.to_flags) + " " + TimeTag(change.created_at) + " — " +
                    (change.from_version ? version(change.from_version) + " → " : "") +
                    version(change.to_version) + "</p>\n";
  const std::string headline = diff::Headline(cs);
  if (!headline.empty()) out += "<p class=\"headline\"><strong>" + Esc(headline) + "</strong></p>\n";
  const std::string effective = diff::EffectiveLine(cs);
  if (!effective.empty()) out += "<p class=\"effective\">" + Esc(effective) + "</p>\n";
  return out + "<p class=\"muted\">" + SummaryLine(cs.summary) + "</p>\n";
}

}  // namespace

Status ChangePage(const Site& site, const Request& request, Response* response) {
  store::DocumentRow doc;
  bool found = false;
  PW_RETURN_IF_ERROR(FindDocument(site, request, &doc, response, &found));
  if (!found) return Status::Ok();
  std::optional<store::ChangeRow> change;
  PW_RETURN_IF_ERROR(site.store->GetChange(std::stoll(request.captures.at(2)), &change));
  if (!change || change->document_id != doc.id) {
    ErrorPage(404, "no change to version " + request.captures.at(2) + " of " + doc.company_id + "/" +
                       doc.type, response);
    return Status::Ok();
  }
  diff::Changeset cs;
  std::string error;
  if (!diff::FromJson(ParseChangeset(*change), &cs, &error)) {
    ErrorPage(500, "the stored changeset of this change cannot be read: " + error, response);
    return Status::Ok();
  }
  std::string body = Heading(doc, *change, cs);
  for (const auto& section : cs.sections) body += SectionHtml(section);
  if (cs.sections.empty()) body += "<p class=\"muted\">No section differs.</p>\n";
  response->body = Page(doc.company_name + " " + doc.type + " change", body);
  return Status::Ok();
}

}  // namespace pw::web
