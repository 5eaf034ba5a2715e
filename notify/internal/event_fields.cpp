#include "notify/internal/event_fields.h"

#include "notify/internal/email_content.h"

namespace pw::notify {

using nlohmann::json;

std::string Str(const json& j, const char* key, const std::string& fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return fallback;
  return it->get<std::string>();
}

long long Num(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  return it->get<long long>();
}

const json& Obj(const json& j, const char* key) {
  static const json kEmpty = json::object();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : kEmpty;
}

const json& Arr(const json& j, const char* key) {
  static const json kEmpty = json::array();
  if (!j.is_object()) return kEmpty;
  auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : kEmpty;
}

std::string Who(const json& event) {
  const json& company = Obj(event, "company");
  const json& document = Obj(event, "document");
  std::string name = Str(company, "name", Str(company, "id", "unknown company"));
  return name + " " + DocumentTypeWords(Str(document, "type", "document"));
}

}  // namespace pw::notify
