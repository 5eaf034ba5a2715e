// A fetched document's parts made into one text, one fingerprint and one piece
// of evidence.
#include "check/internal/parts.h"

#include "extract/extract.h"

namespace pw::check::internal {
namespace {

// Why a part (its `response`, extracted with `info`) looks like a broken
// extraction, "" when it does not. A page the browser rendered is not judged a
// script shell (its scripts ran; a <noscript> or an app root say nothing now):
// the document-wide rules (no text, the text shrank by half) still apply.
std::string PartSuspicion(const config::Part& part, const fetch::Response& response,
                          const extract::ExtractInfo& info) {
  if (info.selectors_used && !info.selector_matched) {
    return "the select selector matched nothing on the page";
  }
  if (info.pdf_without_text) {
    return "the PDF has no text layer (a scanned document?): there is no text to read, and "
           "policywatch does no OCR";
  }
  if (info.script_shell.empty() || response.rendered) return "";
  return info.script_shell + (part.render == config::Render::kStatic
                                  ? "; to watch it, set render = \"browser\" (or \"auto\") for "
                                    "this document"
                                  : "");
}

// The body Extract reads: a PDF's raw bytes, anything else as UTF-8.
std::string BodyToExtract(const fetch::Response& response) {
  if (extract::IsPdf(response.content_type, response.body)) return response.body;
  return response.Utf8Body();
}

Status ExtractPart(const config::Document& document, size_t i, const fetch::Response& response,
                   extract::Document* doc, extract::ExtractInfo* info) {
  const config::Part& part = document.parts.at(i);
  extract::Options options;
  PW_RETURN_IF_ERROR(extract::MakeOptions(part.select, part.remove, document.ignore, &options));
  return extract::Extract(BodyToExtract(response), response.content_type, options, doc, info);
}

// Appends the sections of `part` to *whole (see ExtractDocument).
void Append(extract::Document part, extract::Document* whole) {
  if (whole->sections.empty()) {
    *whole = std::move(part);
    return;
  }
  for (extract::Section& section : part.sections) {
    if (section.heading.empty() && section.level == 0) {
      auto& blocks = whole->sections.back().blocks;
      blocks.insert(blocks.end(), std::make_move_iterator(section.blocks.begin()),
                    std::make_move_iterator(section.blocks.end()));
      continue;
    }
    whole->sections.push_back(std::move(section));
  }
  if (whole->title.empty()) whole->title = std::move(part.title);
}

void HashList(const std::vector<config::SelectorEntry>& list, store::Sha256* hash) {
  hash->Update(std::string_view("\0", 1));
  for (const auto& item : list) {
    hash->Update(item.ToString());
    hash->Update("\x1f");
  }
}

// The boundary of a multipart body: a fixed prefix and the parts' digest, made
// longer in the (astronomically unlikely) case a body holds it.
std::string Boundary(const std::vector<fetch::Response>& parts) {
  store::Sha256 hash;
  for (const auto& p : parts) hash.Update(p.body);
  std::string boundary = "policywatch-part-" + hash.HexDigest();
  for (const auto& p : parts) {
    while (p.body.find(boundary) != std::string::npos) boundary += "-";
  }
  return boundary;
}

}  // namespace

std::string PartPrefix(const config::Document& document, size_t part) {
  if (document.parts.size() <= 1) return "";
  return "part " + std::to_string(part + 1) + " (" + document.parts.at(part).url + "): ";
}

Status ExtractDocument(const config::Document& document,
                       const std::vector<fetch::Response>& parts, ExtractedDocument* out) {
  *out = ExtractedDocument();
  for (size_t i = 0; i < parts.size(); ++i) {
    extract::Document doc;
    extract::ExtractInfo info;
    Status s = ExtractPart(document, i, parts[i], &doc, &info);
    if (!s.ok()) return Status::Error(PartPrefix(document, i) + s.message());
    out->text_bytes += info.text_bytes;
    if (out->suspect_reason.empty()) {
      const std::string why = PartSuspicion(document.parts.at(i), parts[i], info);
      if (!why.empty()) out->suspect_reason = PartPrefix(document, i) + why;
    }
    Append(std::move(doc), &out->doc);
  }
  return Status::Ok();
}

std::string Fingerprint(const config::Document& document,
                        const std::vector<fetch::Response>& parts) {
  store::Sha256 hash;
  const bool one_static_page = parts.size() == 1 && document.parts.size() == 1 &&
                               document.parts[0].render == config::Render::kStatic;
  for (size_t i = 0; i < parts.size(); ++i) {
    const config::Part& part = document.parts.at(i);
    if (!one_static_page) {
      hash.Update(std::string_view("\0part\0", 6));
      for (const auto& field : {part.url, std::string(config::RenderName(part.render)),
                                part.wait_for, std::to_string(parts[i].body.size())}) {
        hash.Update(field);
        hash.Update("\x1f");
      }
    }
    hash.Update(parts[i].body);
    HashList(part.select, &hash);
    HashList(part.remove, &hash);
  }
  hash.Update(std::string_view("\0", 1));
  for (const auto& item : document.ignore) {
    hash.Update(item);
    hash.Update("\x1f");
  }
  return hash.HexDigest();
}

Evidence EvidenceOf(const std::vector<fetch::Response>& parts) {
  if (parts.size() == 1) return {parts[0].body, parts[0].content_type};
  const std::string boundary = Boundary(parts);
  Evidence e;
  e.content_type = "multipart/mixed; boundary=\"" + boundary + "\"";
  for (const auto& p : parts) {
    e.body += "--" + boundary + "\r\n";
    e.body += "Content-Type: " + (p.content_type.empty() ? "text/plain" : p.content_type);
    if (!p.charset.empty() && !extract::IsPdf(p.content_type, p.body)) {
      e.body += "; charset=" + p.charset;
    }
    e.body += "\r\nContent-Location: " + (p.final_url.empty() ? p.url : p.final_url) + "\r\n\r\n";
    e.body += p.body + "\r\n";
  }
  e.body += "--" + boundary + "--\r\n";
  return e;
}

}  // namespace pw::check::internal
