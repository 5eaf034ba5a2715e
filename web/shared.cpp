// What several pages share: finding a document, reading a change's changeset,
// and the table and form of a list of changes (internal/pages.h).
#include <algorithm>

#include "config/categories.h"
#include "config/config.h"
#include "web/internal/filters.h"
#include "web/internal/html.h"
#include "web/internal/pages.h"

namespace pw::web {

Status ReadDocumentIndex(store::Store* store, DocumentIndex* index) {
  std::vector<store::DocumentRow> rows;
  PW_RETURN_IF_ERROR(store->ListDocuments(/*include_archived=*/true, &rows));
  index->clear();
  for (auto& row : rows) index->emplace(row.id, std::move(row));
  return Status::Ok();
}

const store::DocumentRow* FindInIndex(const DocumentIndex& index, const std::string& company,
                                      const std::string& type) {
  for (const auto& [id, doc] : index) {
    if (doc.company_id == company && (type.empty() || doc.type == type)) return &doc;
  }
  return nullptr;
}

Status FindDocument(const Site& site, const Request& request, store::DocumentRow* row,
                    Response* response, bool* found) {
  *found = false;
  std::vector<store::DocumentRow> rows;
  PW_RETURN_IF_ERROR(site.store->ListDocuments(/*include_archived=*/true, &rows));
  for (auto& r : rows) {
    if (r.company_id == request.captures.at(0) && r.type == request.captures.at(1)) {
      *row = std::move(r);
      *found = true;
      return Status::Ok();
    }
  }
  ErrorPage(404, "no document " + request.captures.at(0) + "/" + request.captures.at(1), response);
  return Status::Ok();
}

nlohmann::json ParseChangeset(const store::ChangeRow& change) {
  nlohmann::json json = nlohmann::json::parse(change.changeset_json, nullptr, /*allow_exceptions=*/false);
  return json.is_object() ? json : nlohmann::json::object();
}

std::string ChangeHeadline(const nlohmann::json& changeset) {
  if (auto h = changeset.find("headline"); h != changeset.end() && h->is_string()) {
    return h->get<std::string>();
  }
  const auto sections = changeset.find("sections");
  if (sections == changeset.end() || !sections->is_array()) return "";
  for (const auto& section : *sections) {
    const auto reasons = section.find("reasons");
    if (reasons != section.end() && reasons->is_array() && !reasons->empty() &&
        (*reasons)[0].is_string()) {
      return (*reasons)[0].get<std::string>();
    }
  }
  const size_t n = sections->size();
  return n == 0 ? "" : std::to_string(n) + (n == 1 ? " section changed" : " sections changed");
}

namespace {

std::string ChangeRowHtml(const store::ChangeRow& change, const store::DocumentRow& doc) {
  const nlohmann::json changeset = ParseChangeset(change);
  const std::string link = config::ChangePagePath(doc.company_id, doc.type, change.to_version);
  std::string out = "<tr><td>" + TimeTag(change.created_at) + "</td><td>" +
                    SeverityBadge(change.severity) + TechnicalLabel(change.to_flags) +
                    "</td><td><a href=\"" +
                    Esc(config::DocumentPagePath(doc.company_id, doc.type)) + "\">" +
                    Esc(doc.company_name) + " · " + Esc(doc.type) + "</a></td><td><a href=\"" +
                    Esc(link) + "\">";
  const std::string headline = ChangeHeadline(changeset);
  out += headline.empty() ? "view the change" : Esc(headline);
  out += "</a></td></tr>\n";
  return out;
}

}  // namespace

std::string ChangeTable(const std::vector<store::ChangeRow>& changes, const DocumentIndex& documents,
                        const store::ChangeFilter& filter, const std::string& page_path, bool more) {
  if (changes.empty()) return "<p class=\"muted\">No changes match.</p>\n";
  std::string out = "<table class=\"list changes\"><thead><tr><th>When</th><th>Severity</th>"
                    "<th>Document</th><th>What changed</th></tr></thead><tbody>\n";
  for (const auto& change : changes) {
    const auto doc = documents.find(change.document_id);
    if (doc != documents.end()) out += ChangeRowHtml(change, doc->second);
  }
  out += "</tbody></table>\n";
  if (more) {
    std::string query = FilterQuery(filter);
    query += (query.empty() ? "" : "&") + ("before=" + std::to_string(changes.back().id));
    out += "<p><a rel=\"next\" href=\"" + Esc(page_path + "?" + query) + "\">Older changes</a></p>\n";
  }
  return out;
}

std::string FilterForm(const store::ChangeFilter& filter, const std::string& action) {
  std::string out = "<form class=\"filters\" method=\"get\" action=\"" + Esc(action) +
                    "\"><label>At least<select name=\"min_severity\">";
  for (Severity s : {Severity::kNone, Severity::kCosmetic, Severity::kMinor, Severity::kMaterial}) {
    const std::string name(SeverityName(s));
    out += "<option value=\"" + name + "\"" + (s == filter.min_severity ? " selected" : "") + ">" +
           (s == Severity::kNone ? std::string("any severity") : name) + "</option>";
  }
  out += "</select></label><label>Category<select name=\"category\"><option value=\"\">any</option>";
  for (std::string_view c : config::CategoryNames()) {
    out += "<option" + std::string(c == filter.category ? " selected" : "") + ">" + Esc(c) + "</option>";
  }
  out += "</select></label><button type=\"submit\">Filter</button></form>\n";
  return out;
}

}  // namespace pw::web
