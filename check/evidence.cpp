// Stored evidence back into the responses it was made of (check/internal/evidence.h).
#include "check/internal/evidence.h"

#include <string_view>

#include "extract/extract.h"
#include "fetch/charset.h"

namespace pw::check::internal {
namespace {

constexpr std::string_view kMultipart = "multipart/mixed; boundary=\"";

// A response of `body` typed by a Content-Type value ("text/html; charset=x").
fetch::Response ResponseOf(std::string body, std::string_view type_header, std::string url) {
  fetch::Response r;
  r.status = 200;
  r.url = r.final_url = std::move(url);
  r.content_type = fetch::MediaType(type_header);
  if (!extract::IsPdf(r.content_type, body)) {
    r.charset = fetch::CanonicalCharset(fetch::CharsetParameter(type_header));
    if (r.charset.empty()) r.charset = fetch::DetectCharset(body, type_header).name;
  }
  r.body = std::move(body);
  return r;
}

// Reads `name: value\r\n` at *pos into *value.
Status ReadHeader(std::string_view body, std::string_view name, size_t* pos, std::string* value) {
  const std::string prefix = std::string(name) + ": ";
  const size_t end = body.find("\r\n", *pos);
  if (body.compare(*pos, prefix.size(), prefix) != 0 || end == std::string_view::npos) {
    return Status::Error("multipart evidence: expected a " + std::string(name) +
                         " header at byte " + std::to_string(*pos));
  }
  *value = std::string(body.substr(*pos + prefix.size(), end - *pos - prefix.size()));
  *pos = end + 2;
  return Status::Ok();
}

// The boundary named by a content type as EvidenceOf writes it; "" when it is not one.
std::string BoundaryOf(std::string_view content_type) {
  if (content_type.substr(0, kMultipart.size()) != kMultipart) return "";
  std::string_view rest = content_type.substr(kMultipart.size());
  if (rest.size() < 2 || rest.back() != '"') return "";
  rest.remove_suffix(1);
  if (rest.find_first_of("\"\r\n") != std::string_view::npos) return "";
  return std::string(rest);
}

// Splits a multipart body delimited by `boundary` into its parts.
Status SplitMultipart(std::string_view body, const std::string& boundary,
                      std::vector<fetch::Response>* parts) {
  const std::string delimiter = "--" + boundary;
  const std::string between = "\r\n" + delimiter;
  if (body.compare(0, delimiter.size() + 2, delimiter + "\r\n") != 0) {
    return Status::Error("multipart evidence does not start with its boundary");
  }
  size_t pos = delimiter.size() + 2;
  for (;;) {
    std::string type, location;
    PW_RETURN_IF_ERROR(ReadHeader(body, "Content-Type", &pos, &type));
    PW_RETURN_IF_ERROR(ReadHeader(body, "Content-Location", &pos, &location));
    if (body.compare(pos, 2, "\r\n") != 0) {
      return Status::Error("multipart evidence: part " + std::to_string(parts->size() + 1) +
                           " has a header after Content-Location");
    }
    pos += 2;
    const size_t end = body.find(between, pos);
    if (end == std::string_view::npos) {
      return Status::Error("multipart evidence: part " + std::to_string(parts->size() + 1) +
                           " has no closing boundary");
    }
    parts->push_back(ResponseOf(std::string(body.substr(pos, end - pos)), type, location));
    pos = end + between.size();
    if (body.substr(pos) == "--\r\n") return Status::Ok();
    if (body.compare(pos, 2, "\r\n") != 0) {
      return Status::Error("multipart evidence: unexpected bytes after the boundary at byte " +
                           std::to_string(pos));
    }
    pos += 2;
  }
}

}  // namespace

Status PartsOfEvidence(const config::Document& document, const std::string& body,
                       const std::string& content_type, std::vector<fetch::Response>* parts) {
  parts->clear();
  if (content_type.rfind("multipart/", 0) == 0) {
    const std::string boundary = BoundaryOf(content_type);
    if (boundary.empty()) {
      return Status::Error("evidence of type '" + content_type + "' is not multipart/mixed with "
                           "a quoted boundary as policywatch writes it");
    }
    Status s = SplitMultipart(body, boundary, parts);
    if (!s.ok()) {
      parts->clear();
      return s;
    }
  } else {
    const std::string url = document.parts.empty() ? document.url : document.parts[0].url;
    parts->push_back(ResponseOf(body, content_type, url));
  }
  if (parts->size() != document.parts.size()) {
    const size_t stored = parts->size();
    parts->clear();
    return Status::Error("the evidence has " + std::to_string(stored) +
                         " part(s) but the document is now configured with " +
                         std::to_string(document.parts.size()) +
                         ": re-extraction needs the parts it was fetched as");
  }
  for (size_t i = 0; i < parts->size(); ++i) {
    (*parts)[i].rendered = document.parts[i].render != config::Render::kStatic;
  }
  return Status::Ok();
}

}  // namespace pw::check::internal
