#include "archive/internal/match.h"

#include <algorithm>
#include <map>

namespace pw::archive::internal {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool SameIgnoringCase(const std::string& a, const std::string& b) { return Lower(a) == Lower(b); }

// Splits "a/b" at its first '/'; b is "" without one.
void SplitPair(const std::string& s, std::string* a, std::string* b) {
  auto slash = s.find('/');
  *a = s.substr(0, slash);
  *b = slash == std::string::npos ? "" : s.substr(slash + 1);
}

// Our document types for an Open Terms Archive terms type, most likely first.
std::vector<std::string> TypeCandidates(const std::string& terms_type) {
  static const std::map<std::string, std::vector<std::string>> kMapping = {
      {"privacy policy", {"privacy-policy", "privacy"}},
      {"terms of service", {"terms-of-service", "terms", "tos"}},
      {"cookies policy", {"cookie-policy", "cookies-policy"}},
  };
  auto it = kMapping.find(Lower(terms_type));
  if (it != kMapping.end()) return it->second;
  return {Slug(terms_type)};
}

const config::Company* FindService(const config::Config& config, const std::string& service) {
  for (const auto& c : config.companies) {
    if (SameIgnoringCase(c.id, service) || SameIgnoringCase(c.name, service) ||
        c.id == Slug(service)) {
      return &c;
    }
  }
  return nullptr;
}

bool HasType(const config::Company& c, const std::string& type) {
  return std::any_of(c.documents.begin(), c.documents.end(),
                     [&](const config::Document& d) { return d.type == type; });
}

// The map entry for `source`: one naming its type first, else one naming its service.
const MapEntry* FindMapEntry(const std::vector<MapEntry>& map, const SourceDocument& source) {
  const MapEntry* service_only = nullptr;
  for (const auto& e : map) {
    if (!SameIgnoringCase(e.service, source.company)) continue;
    if (!e.type.empty() && SameIgnoringCase(e.type, source.type)) return &e;
    if (e.type.empty() && !service_only) service_only = &e;
  }
  return service_only;
}

// The type of `company` that `source_type` goes to; "" when none.
std::string ChooseType(const config::Company& company, const std::string& layout,
                       const std::string& source_type) {
  if (layout == "policywatch") return HasType(company, source_type) ? source_type : "";
  for (const auto& t : TypeCandidates(source_type)) {
    if (HasType(company, t)) return t;
  }
  return "";
}

}  // namespace

Status ParseMapEntry(const std::string& spec, MapEntry* out) {
  auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
    return Status::Error("--map '" + spec + "': expected SOURCE=TARGET, e.g. "
                         "'Mistral Media/Privacy Policy=mistral-media/privacy-policy'");
  }
  *out = MapEntry();
  SplitPair(spec.substr(0, eq), &out->service, &out->type);
  SplitPair(spec.substr(eq + 1), &out->company, &out->target_type);
  if (out->service.empty() || out->company.empty()) {
    return Status::Error("--map '" + spec + "': empty service or company");
  }
  return Status::Ok();
}

std::string Slug(const std::string& name) {
  std::string out;
  bool dash = false;
  for (char c : Lower(name)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += c;
      dash = false;
    } else {
      dash = true;
    }
  }
  return out;
}

std::string MatchDocument(const config::Config& config, const std::string& layout,
                          const SourceDocument& source, const std::vector<MapEntry>& map,
                          std::string* company, std::string* type) {
  const config::Company* c = nullptr;
  std::string chosen;
  if (const MapEntry* e = FindMapEntry(map, source)) {
    c = config.FindCompany(e->company);
    if (!c) return "--map names company '" + e->company + "', which is not configured";
    chosen = e->target_type.empty() ? ChooseType(*c, layout, source.type) : e->target_type;
    if (!e->target_type.empty() && !HasType(*c, chosen)) {
      return "--map names '" + e->company + "/" + chosen + "', which is not configured";
    }
  } else {
    c = layout == "policywatch" ? config.FindCompany(source.company)
                                : FindService(config, source.company);
    if (!c) return "no configured company matches '" + source.company + "' (use --map)";
    chosen = ChooseType(*c, layout, source.type);
  }
  if (chosen.empty()) {
    return "company '" + c->id + "' has no document type for '" + source.type + "' (use --map)";
  }
  *company = c->id;
  *type = chosen;
  return "";
}

}  // namespace pw::archive::internal
