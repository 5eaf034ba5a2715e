// Reading an event JSON (policywatch.event.v1, notify/event.h) for what people
// see: missing or mistyped fields give the fallback, never an exception.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace pw::notify {

// j[key] when it is a string (number, object, array), else the fallback (0, {}, []).
std::string Str(const nlohmann::json& j, const char* key, const std::string& fallback = "");
long long Num(const nlohmann::json& j, const char* key);
const nlohmann::json& Obj(const nlohmann::json& j, const char* key);
const nlohmann::json& Arr(const nlohmann::json& j, const char* key);

// "Mistral Media privacy policy": the company's name (else its id) and the
// document type in words.
std::string Who(const nlohmann::json& event);

}  // namespace pw::notify
