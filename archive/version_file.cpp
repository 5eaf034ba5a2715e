#include "archive/internal/version_file.h"

#include "archive/internal/files.h"
#include "extract/canonical.h"
#include "extract/extract.h"
#include "fetch/charset.h"
#include "store/hash.h"

namespace pw::archive::internal {

Status ReadVersionFile(const std::string& dir, const SourceFile& file, ReadVersion* out) {
  std::string full;
  PW_RETURN_IF_ERROR(ResolveInside(dir, file.path, &full));
  PW_RETURN_IF_ERROR(ReadWholeFile(full, &out->body));
  if (!file.sha256.empty() && store::Sha256Hex(out->body) != file.sha256) {
    return Status::Error("its SHA-256 is not the one manifest.json gives (changed or corrupt)");
  }
  if (!fetch::IsValidUtf8(out->body)) return Status::Error("not valid UTF-8 text");
  PW_RETURN_IF_ERROR(extract::Extract(out->body, "text/markdown", extract::Options(), &out->doc));
  const std::string text = extract::ToMarkdown(out->doc);
  if (text.empty()) return Status::Error("holds no text");
  out->text_sha256 = store::Sha256Hex(text);
  return Status::Ok();
}

}  // namespace pw::archive::internal
