// What `policywatch discover` prints: a site report as ready-to-use TOML (a
// [[company]] with its [[company.document]] entries, each under a comment giving
// its evidence; ambiguous and missing documents as comments) or as JSON.
#pragma once

#include <string>
#include <string_view>

#include "discover/discover.h"

namespace pw::discover {

struct CompanyEntry {
  std::string id;    // a config slug
  std::string name;  // as the user would read it
};

// A company id (config slug: [a-z0-9][a-z0-9._-]*, at most 64) from a
// vendor's name, or from a domain or URL when the name is empty:
// "Acme Corp." -> "acme-corp", "https://www.acme.example/" -> "acme".
std::string SuggestCompanyId(std::string_view name, std::string_view domain_or_url);

// The TOML for `company` from `report`: valid for `policywatch validate` as
// it is (when it holds no document, the [[company]] itself is commented out:
// a company needs a document).
std::string RenderToml(const CompanyEntry& company, const SiteReport& report);

// One JSON object (schema "policywatch.discover.v1"): input, home_url, error,
// company {id, name}, documents [{type, url, evidence, title, words,
// headings, render}], ambiguous [{type, why, candidates [{url, evidence}]}],
// missing [{type, why}], notes.
std::string RenderJson(const CompanyEntry& company, const SiteReport& report);

}  // namespace pw::discover
