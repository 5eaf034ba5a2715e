#include "archive/export.h"

#include <filesystem>

#include "archive/internal/files.h"
#include "archive/internal/layout.h"
#include "archive/internal/manifest.h"
#include "store/hash.h"
#include "util/clock.h"

namespace pw::archive {

namespace fs = std::filesystem;
using internal::ManifestDocument;
using internal::ManifestVersion;

namespace {

// Whether `dir` may receive an export: absent, empty, a previous export, or forced.
Status CheckTarget(const std::string& dir, bool force) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Status::Ok();
  if (!fs::is_directory(dir, ec)) return Status::Error(dir + ": not a directory");
  if (fs::directory_iterator(dir, ec) == fs::directory_iterator() && !ec) return Status::Ok();
  if (ec) return Status::Error(dir + ": cannot list: " + ec.message());
  if (force || fs::exists(fs::path(dir) / internal::kManifestName, ec)) return Status::Ok();
  return Status::Error(dir + ": not empty and holds no previous export (manifest.json); "
                       "use an empty directory, or --force to write into it");
}

ManifestVersion VersionEntry(const store::DocumentRow& doc, const store::VersionRow& v) {
  ManifestVersion m;
  m.id = v.info.id;
  m.fetched_at = v.info.fetched_at;
  m.file = doc.company_id + "/" + doc.type + "/" +
           internal::VersionFileName(v.info.fetched_at, v.info.id);
  m.sha256 = store::Sha256Hex(v.text);
  m.bytes = static_cast<std::int64_t>(v.text.size());
  m.severity = v.info.severity;
  m.technical = (v.info.flags & store::kVersionTechnical) != 0;
  m.imported = (v.info.flags & store::kVersionImported) != 0;
  m.extraction_suspect = (v.info.flags & store::kVersionExtractionSuspect) != 0;
  return m;
}

// Writes every version of `doc` under `dir`; *problem set (and nothing fatal)
// when the document cannot be exported as a whole.
Status ExportDocument(store::Store& store, const std::string& dir, const store::DocumentRow& doc,
                     ManifestDocument* out, std::string* problem) {
  const std::string key = doc.company_id + "/" + doc.type;
  for (const std::string* segment : {&doc.company_id, &doc.type}) {
    std::string p = internal::CheckSegment(*segment);
    if (!p.empty()) {
      *problem = key + ": left out: " + p;
      return Status::Ok();
    }
  }
  *out = ManifestDocument{doc.company_id, doc.company_name, doc.type, doc.url, doc.archived, {}};
  std::vector<store::VersionInfo> versions;
  PW_RETURN_IF_ERROR(store.ListVersions(doc.id, &versions));
  for (const auto& info : versions) {
    store::VersionRow v;
    PW_RETURN_IF_ERROR(store.GetVersion(doc.id, info.id, &v));
    ManifestVersion m = VersionEntry(doc, v);
    if (m.sha256 != v.info.sha256) {
      *problem = key + ": left out: version " + std::to_string(info.id) +
                 "'s text does not match its stored SHA-256";
      return Status::Ok();
    }
    PW_RETURN_IF_ERROR(internal::WriteFileAtomic((fs::path(dir) / m.file).string(), v.text));
    out->versions.push_back(std::move(m));
  }
  return Status::Ok();
}

}  // namespace

Status Export(store::Store& store, const std::string& dir, const ExportOptions& options,
              ExportResult* result) {
  *result = ExportResult();
  PW_RETURN_IF_ERROR(CheckTarget(dir, options.force));
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Error(dir + ": cannot create: " + ec.message());
  std::vector<store::DocumentRow> docs;
  PW_RETURN_IF_ERROR(store.ListDocuments(options.include_archived, &docs));
  internal::Manifest manifest;
  manifest.exported_at = options.now != 0 ? options.now : UnixSeconds(Clock::now());
  for (const auto& doc : docs) {
    ManifestDocument m;
    std::string problem;
    PW_RETURN_IF_ERROR(ExportDocument(store, dir, doc, &m, &problem));
    if (!problem.empty()) {
      result->errors.push_back(problem);
      continue;
    }
    result->versions += static_cast<int>(m.versions.size());
    for (const auto& v : m.versions) result->bytes += v.bytes;
    manifest.documents.push_back(std::move(m));
  }
  result->documents = static_cast<int>(manifest.documents.size());
  return internal::WriteFileAtomic((fs::path(dir) / internal::kManifestName).string(),
                                   internal::WriteManifest(manifest));
}

}  // namespace pw::archive
