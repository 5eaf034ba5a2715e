// IsPdf and ExtractPdf (extract.h): Poppler's positioned text, running lines
// dropped, reflowed into paragraphs and sectioned.
#include <string>
#include <vector>

#include "extract/extract.h"
#include "extract/internal/ignore.h"
#include "extract/internal/pdf_lines.h"
#include "extract/internal/pdf_reflow.h"
#include "extract/canonical.h"
#include "extract/internal/pdf_running.h"
#include "extract/internal/pdf_sections.h"
#include "util/ascii.h"

namespace pw::extract {
namespace {

bool HasText(const std::vector<pdf::Page>& pages) {
  for (const pdf::Page& page : pages) {
    if (!page.lines.empty()) return true;
  }
  return false;
}

}  // namespace

bool IsPdf(std::string_view content_type, std::string_view body) {
  std::string type = AsciiLower(content_type);
  size_t semicolon = type.find(';');
  std::string_view media = std::string_view(type).substr(0, semicolon);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  while (!media.empty() && media.front() == ' ') media.remove_prefix(1);
  if (media == "application/pdf" || media == "application/x-pdf") return true;
  return body.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

Status ExtractPdf(std::string_view pdf_bytes, const Options& options, Document* out,
                  ExtractInfo* info) {
  ExtractInfo local;
  if (info == nullptr) info = &local;
  *info = ExtractInfo();
  info->pdf = true;
  info->main_content_rule = "pdf";
  info->selector_matched = true;
  *out = Document();
  if (pdf_bytes.size() > kMaxExtractBytes) {
    return Status::Error("PDF of " + std::to_string(pdf_bytes.size()) +
                         " bytes is over the extraction limit of " +
                         std::to_string(kMaxExtractBytes) + " bytes");
  }
  IgnoreRules ignore;
  PW_RETURN_IF_ERROR(ignore.Compile(options.ignore));
  std::vector<pdf::Page> pages;
  PW_RETURN_IF_ERROR(pdf::ReadPages(pdf_bytes, &pages));
  info->pdf_pages = static_cast<int>(pages.size());
  if (!HasText(pages)) {
    info->pdf_without_text = true;
    return Status::Ok();
  }
  pdf::DropRunningLines(&pages);
  *out = pdf::BuildDocument(pdf::Reflow(pages));
  ignore.Apply(out);
  info->text_bytes = TextBytes(*out);
  return Status::Ok();
}

}  // namespace pw::extract
