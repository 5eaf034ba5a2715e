#include <string_view>

#include "diff/changeset_render.h"

namespace pw::diff {
namespace {

constexpr std::string_view kSchema = "policywatch.changeset.v1";

std::string_view OpName(Segment::Op op) {
  switch (op) {
    case Segment::Op::kInsert: return "insert";
    case Segment::Op::kDelete: return "delete";
    default: return "equal";
  }
}

bool Fail(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
  return false;
}

bool GetStrings(const nlohmann::json& j, const char* key, std::vector<std::string>* out,
                std::string* error, const std::string& where) {
  if (!j.contains(key)) return true;  // optional
  const nlohmann::json& v = j.at(key);
  if (!v.is_array()) return Fail(error, where + "." + key + ": expected an array of strings");
  out->clear();
  for (const auto& s : v) {
    if (!s.is_string()) return Fail(error, where + "." + key + ": expected an array of strings");
    out->push_back(s.get<std::string>());
  }
  return true;
}

// An optional string member; absent leaves *out as it is.
bool GetString(const nlohmann::json& j, const char* key, std::string* out, std::string* error,
               const std::string& where) {
  if (!j.contains(key)) return true;
  if (!j.at(key).is_string()) return Fail(error, where + "." + key + ": expected a string");
  *out = j.at(key).get<std::string>();
  return true;
}

bool GetInt(const nlohmann::json& j, const char* key, int* out, std::string* error,
            const std::string& where) {
  if (!j.contains(key)) return true;  // optional, 0
  if (!j.at(key).is_number_integer()) return Fail(error, where + "." + key + ": expected an integer");
  *out = j.at(key).get<int>();
  return true;
}

bool GetSeverity(const nlohmann::json& j, Severity* out, std::string* error,
                 const std::string& where) {
  if (!j.contains("severity") || !j.at("severity").is_string()) {
    return Fail(error, where + ".severity: missing or not a string");
  }
  auto s = ParseSeverity(j.at("severity").get<std::string>());
  if (!s) return Fail(error, where + ".severity: unknown severity \"" + j.at("severity").get<std::string>() + "\"");
  *out = *s;
  return true;
}

}  // namespace

nlohmann::json ToJson(const Changeset& cs) {
  nlohmann::json sections = nlohmann::json::array();
  for (const SectionChange& c : cs.sections) {
    nlohmann::json diff = nlohmann::json::array();
    for (const Segment& s : c.diff) diff.push_back({{"op", OpName(s.op)}, {"text", s.text}});
    nlohmann::json j = {{"status", c.status},
                        {"path", c.path},
                        {"severity", SeverityName(c.severity)},
                        {"categories", c.categories},
                        {"reasons", c.reasons},
                        {"words_added", c.words_added},
                        {"words_removed", c.words_removed},
                        {"diff", diff}};
    if (!c.old_path.empty()) j["old_path"] = c.old_path;
    nlohmann::json evidence = nlohmann::json::array();
    for (const CategoryEvidence& e : c.category_evidence) {
      evidence.push_back({{"category", e.category}, {"phrase", e.phrase}});
    }
    j["category_evidence"] = evidence;
    sections.push_back(std::move(j));
  }
  const Summary& s = cs.summary;
  nlohmann::json out = {{"schema", kSchema},
          {"severity", SeverityName(cs.severity)},
          {"summary",
           {{"sections_added", s.sections_added},
            {"sections_removed", s.sections_removed},
            {"sections_modified", s.sections_modified},
            {"sections_moved", s.sections_moved},
            {"sections_renamed", s.sections_renamed},
            {"words_added", s.words_added},
            {"words_removed", s.words_removed}}},
          {"sections", sections}};
  const std::string headline = Headline(cs);
  if (!headline.empty()) out["headline"] = headline;
  if (!cs.effective_date.empty()) out["effective_date"] = cs.effective_date;
  if (!cs.notice_text.empty()) out["notice_text"] = cs.notice_text;
  return out;
}

bool FromJson(const nlohmann::json& j, Changeset* out, std::string* error) {
  if (!j.is_object()) return Fail(error, "changeset: expected a JSON object");
  if (!j.contains("schema") || j.at("schema") != kSchema) {
    return Fail(error, "changeset.schema: expected \"" + std::string(kSchema) + "\"");
  }
  Changeset cs;
  if (!GetSeverity(j, &cs.severity, error, "changeset") ||
      !GetString(j, "effective_date", &cs.effective_date, error, "changeset") ||
      !GetString(j, "notice_text", &cs.notice_text, error, "changeset")) {
    return false;
  }
  if (j.contains("summary")) {
    const nlohmann::json& s = j.at("summary");
    if (!s.is_object()) return Fail(error, "changeset.summary: expected an object");
    Summary& m = cs.summary;
    const std::string w = "changeset.summary";
    if (!GetInt(s, "sections_added", &m.sections_added, error, w) ||
        !GetInt(s, "sections_removed", &m.sections_removed, error, w) ||
        !GetInt(s, "sections_modified", &m.sections_modified, error, w) ||
        !GetInt(s, "sections_moved", &m.sections_moved, error, w) ||
        !GetInt(s, "sections_renamed", &m.sections_renamed, error, w) ||
        !GetInt(s, "words_added", &m.words_added, error, w) ||
        !GetInt(s, "words_removed", &m.words_removed, error, w)) {
      return false;
    }
  }
  if (!j.contains("sections") || !j.at("sections").is_array()) {
    return Fail(error, "changeset.sections: missing or not an array");
  }
  size_t n = 0;
  for (const auto& js : j.at("sections")) {
    const std::string where = "changeset.sections[" + std::to_string(n++) + "]";
    if (!js.is_object()) return Fail(error, where + ": expected an object");
    SectionChange c;
    if (!js.contains("status") || !js.at("status").is_string()) {
      return Fail(error, where + ".status: missing or not a string");
    }
    c.status = js.at("status").get<std::string>();
    if (!GetSeverity(js, &c.severity, error, where) ||
        !GetStrings(js, "path", &c.path, error, where) ||
        !GetStrings(js, "old_path", &c.old_path, error, where) ||
        !GetStrings(js, "categories", &c.categories, error, where) ||
        !GetStrings(js, "reasons", &c.reasons, error, where) ||
        !GetInt(js, "words_added", &c.words_added, error, where) ||
        !GetInt(js, "words_removed", &c.words_removed, error, where)) {
      return false;
    }
    if (js.contains("category_evidence")) {
      if (!js.at("category_evidence").is_array()) {
        return Fail(error, where + ".category_evidence: expected an array");
      }
      for (const auto& e : js.at("category_evidence")) {
        if (!e.is_object() || !e.contains("category") || !e.at("category").is_string() ||
            (e.contains("phrase") && !e.at("phrase").is_string())) {
          return Fail(error, where + ".category_evidence: each item needs string \"category\" and \"phrase\"");
        }
        c.category_evidence.push_back(
            {e.at("category").get<std::string>(), e.value("phrase", std::string())});
      }
    }
    if (js.contains("diff")) {
      if (!js.at("diff").is_array()) return Fail(error, where + ".diff: expected an array");
      for (const auto& seg : js.at("diff")) {
        if (!seg.is_object() || !seg.contains("op") || !seg.contains("text") ||
            !seg.at("op").is_string() || !seg.at("text").is_string()) {
          return Fail(error, where + ".diff: each item needs string \"op\" and \"text\"");
        }
        std::string op = seg.at("op").get<std::string>();
        Segment s;
        if (op == "equal") {
          s.op = Segment::Op::kEqual;
        } else if (op == "insert") {
          s.op = Segment::Op::kInsert;
        } else if (op == "delete") {
          s.op = Segment::Op::kDelete;
        } else {
          return Fail(error, where + ".diff: unknown op \"" + op + "\"");
        }
        s.text = seg.at("text").get<std::string>();
        c.diff.push_back(std::move(s));
      }
    }
    cs.sections.push_back(std::move(c));
  }
  *out = std::move(cs);
  return true;
}

}  // namespace pw::diff
