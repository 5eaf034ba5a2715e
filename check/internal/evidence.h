// Internal to check/: a version's stored evidence read back as the responses it
// was made of (the inverse of parts.h EvidenceOf), so that it can be extracted
// again exactly as a check extracts a fetch (ExtractDocument).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "fetch/fetch.h"
#include "util/status.h"

namespace pw::check::internal {

// The parts of the evidence `body` stored with `content_type`, for `document`
// as configured today:
//  - a multipart/mixed body exactly as EvidenceOf writes it (each part's
//    Content-Type, with its charset, and Content-Location) gives one response
//    per part; anything else in it fails, naming what and where;
//  - any other body is one response: its content type, and its charset read
//    from the body (a BOM, a <meta>, valid UTF-8, else windows-1252: the HTTP
//    header's charset of a one-part document is not stored).
// Fails when the number of parts is not the document's. A response's url is
// the stored Content-Location (or the configured part URL); `rendered` is set
// for parts rendered by the browser (the body is the DOM).
Status PartsOfEvidence(const config::Document& document, const std::string& body,
                       const std::string& content_type, std::vector<fetch::Response>* parts);

}  // namespace pw::check::internal
