// Internal to check/: a fetched document's parts made into one text, one
// fingerprint and one piece of evidence (findings.cpp uses them).
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "extract/document.h"
#include "fetch/fetch.h"
#include "store/hash.h"
#include "util/status.h"

namespace pw::check::internal {

// A document's text, extracted part by part, and why it looks like a broken
// extraction rather than the page's text ("" when it does not).
struct ExtractedDocument {
  extract::Document doc;
  std::string suspect_reason;  // a selector matched nothing, a script shell, a PDF without text
  size_t text_bytes = 0;
};

// Extracts each of `parts` (successful responses, one per part of `document`)
// with its part's options and the document's `ignore`, and combines them in
// order: the first part's title; each later part's sections appended (its
// text before a first heading goes under the section before it). PDFs are
// read from their raw bytes. Fails with a message naming the part when one does
// not extract.
Status ExtractDocument(const config::Document& document,
                       const std::vector<fetch::Response>& parts, ExtractedDocument* out);

// The hash that lets an unchanged document skip extraction: its bodies and
// every setting that shapes its text. For a one-part static document it is the
// hash of the body and its select, remove and ignore lists, as it always was.
std::string Fingerprint(const config::Document& document,
                        const std::vector<fetch::Response>& parts);

// The raw evidence of a version: a one-part document's body and content type
// as fetched (a rendered page's DOM); a document of parts as one MIME
// multipart/mixed body, each part with its Content-Type and Content-Location.
struct Evidence {
  std::string body;
  std::string content_type;
};
Evidence EvidenceOf(const std::vector<fetch::Response>& parts);

// "part 2 (https://example.org/b): " for a document of several parts, "" for one.
std::string PartPrefix(const config::Document& document, size_t part);

}  // namespace pw::check::internal
