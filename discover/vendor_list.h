// `policywatch discover --from vendors.csv`: the vendor list a compliance
// team keeps, as CSV (RFC 4180): a header row naming the columns `name` and
// `domain` (case-insensitive, in any order, other columns ignored), then one
// vendor per row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace pw::discover {

struct Vendor {
  std::string name;    // trimmed; may be empty (the id comes from the domain)
  std::string domain;  // trimmed; a host name or an http(s) URL
  int line = 0;        // line of its row in the file, from 1
};

// Parses CSV text: fields separated by commas (or semicolons, when the header
// row has no comma but a semicolon: spreadsheets in many locales write so),
// optionally quoted with '"' ("" inside quotes is a quote; quoted fields may
// hold separators and line breaks), CRLF or LF line ends, a UTF-8 BOM
// skipped, blank lines skipped. Errors name the line: no header, no `domain`
// column, an unterminated quote, a row whose domain is empty, invalid UTF-8.
Status ParseVendorList(std::string_view csv, std::vector<Vendor>* out);

}  // namespace pw::discover
