#include "archive/internal/manifest.h"

#include <nlohmann/json.hpp>

#include "archive/internal/layout.h"

namespace pw::archive::internal {

using nlohmann::json;

namespace {

json VersionJson(const ManifestVersion& v) {
  return {{"id", v.id},
          {"fetched_at", Rfc3339(v.fetched_at)},
          {"file", v.file},
          {"sha256", v.sha256},
          {"bytes", v.bytes},
          {"severity", v.severity.empty() ? json(nullptr) : json(v.severity)},
          {"technical", v.technical},
          {"imported", v.imported},
          {"extraction_suspect", v.extraction_suspect}};
}

json DocumentJson(const ManifestDocument& d) {
  json versions = json::array();
  for (const auto& v : d.versions) versions.push_back(VersionJson(v));
  return {{"company", {{"id", d.company_id}, {"name", d.company_name}}},
          {"type", d.type},
          {"url", d.url},
          {"archived", d.archived},
          {"versions", std::move(versions)}};
}

bool IsSha256Hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// A string member of `j`, "" when absent or not a string.
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool Flag(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_boolean() && it->get<bool>();
}

// One version entry; "" or what is wrong with it.
std::string ParseVersion(const json& j, ManifestVersion* v) {
  if (!j.is_object()) return "not an object";
  auto id = j.find("id");
  if (id == j.end() || !id->is_number_integer()) return "no integer 'id'";
  v->id = id->get<std::int64_t>();
  auto at = ParseUtcTimestamp(Str(j, "fetched_at"));
  if (!at) return "'fetched_at' is not an RFC 3339 UTC time";
  v->fetched_at = *at;
  v->file = Str(j, "file");
  if (std::string p = CheckRelativePath(v->file); !p.empty()) return "'file' refused: " + p;
  v->sha256 = Str(j, "sha256");
  if (!IsSha256Hex(v->sha256)) return "'sha256' is not 64 lower-case hex digits";
  v->severity = Str(j, "severity");
  v->technical = Flag(j, "technical");
  v->imported = Flag(j, "imported");
  v->extraction_suspect = Flag(j, "extraction_suspect");
  return "";
}

}  // namespace

std::string WriteManifest(const Manifest& m) {
  json documents = json::array();
  for (const auto& d : m.documents) documents.push_back(DocumentJson(d));
  json out = {{"schema", kManifestSchema},
              {"exported_at", Rfc3339(m.exported_at)},
              {"documents", std::move(documents)}};
  return out.dump(2) + "\n";
}

Status ParseManifest(const std::string& text, Manifest* m, std::vector<std::string>* problems) {
  *m = Manifest();
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::Error("manifest.json: not a JSON object");
  if (Str(j, "schema") != kManifestSchema) {
    return Status::Error(std::string("manifest.json: schema is not '") + kManifestSchema + "'");
  }
  auto docs = j.find("documents");
  if (docs == j.end() || !docs->is_array()) return Status::Error("manifest.json: no 'documents' array");
  for (size_t i = 0; i < docs->size(); ++i) {
    const json& dj = (*docs)[i];
    const std::string where = "manifest.json: documents[" + std::to_string(i) + "]";
    ManifestDocument d;
    if (dj.is_object() && dj.contains("company") && dj["company"].is_object()) {
      d.company_id = Str(dj["company"], "id");
      d.company_name = Str(dj["company"], "name");
    }
    d.type = Str(dj, "type");
    if (d.company_id.empty() || d.type.empty()) {
      problems->push_back(where + ": no company id or type; skipped");
      continue;
    }
    d.url = Str(dj, "url");
    d.archived = Flag(dj, "archived");
    auto versions = dj.find("versions");
    if (versions == dj.end() || !versions->is_array()) {
      problems->push_back(where + ": no 'versions' array; skipped");
      continue;
    }
    for (size_t k = 0; k < versions->size(); ++k) {
      ManifestVersion v;
      std::string problem = ParseVersion((*versions)[k], &v);
      if (problem.empty()) {
        d.versions.push_back(std::move(v));
      } else {
        problems->push_back(where + ".versions[" + std::to_string(k) + "]: " + problem);
      }
    }
    m->documents.push_back(std::move(d));
  }
  return Status::Ok();
}

}  // namespace pw::archive::internal
