// Reading a policywatch export (manifest.json) as source documents.
#include <filesystem>

#include "archive/internal/files.h"
#include "archive/internal/manifest.h"
#include "archive/internal/source.h"
#include "store/store.h"

namespace pw::archive::internal {

namespace {

std::uint32_t CarriedFlags(const ManifestVersion& v) {
  std::uint32_t flags = 0;
  if (v.technical) flags |= store::kVersionTechnical;
  if (v.extraction_suspect) flags |= store::kVersionExtractionSuspect;
  return flags;
}

}  // namespace

Status ReadExportTree(const std::string& dir, SourceTree* tree) {
  *tree = SourceTree();
  tree->layout = "policywatch";
  std::string text;
  PW_RETURN_IF_ERROR(
      ReadWholeFile((std::filesystem::path(dir) / kManifestName).string(), &text));
  Manifest m;
  std::vector<std::string> problems;
  PW_RETURN_IF_ERROR(ParseManifest(text, &m, &problems));
  for (auto& p : problems) tree->errors.push_back({kManifestName, std::move(p)});
  for (const auto& d : m.documents) {
    SourceDocument s{d.company_id + "/" + d.type, d.company_id, d.type, {}};
    for (const auto& v : d.versions) {
      s.files.push_back({v.file, v.fetched_at, v.id, v.sha256, CarriedFlags(v)});
    }
    tree->documents.push_back(std::move(s));
  }
  return Status::Ok();
}

}  // namespace pw::archive::internal
