// What the LoadConfig tests share: load a TOML text from a temp directory and
// read back its errors as "DIR/policywatch.toml:LINE:COL: KEY: MESSAGE".
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "config/config.h"
#include "tests/support/temp_dir.h"

namespace pw::config {
using ::pw::testing::TempDir;  // the tests' one temporary-directory helper
}  // namespace pw::config

namespace pw::config::testing {

inline std::vector<std::string> Strings(const std::vector<ConfigError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.ToString());
  return out;
}

// Loads `toml` as <tmp>/policywatch.toml; returns the errors with the directory
// replaced by "DIR", so expectations read "DIR/policywatch.toml:3:1: key: message".
inline std::vector<std::string> Errors(const TempDir& dir, const std::string& toml) {
  std::string path = dir.Write("policywatch.toml", toml);
  LoadResult result = LoadConfig(path);
  std::vector<std::string> out;
  for (std::string e : Strings(result.errors)) {
    for (size_t at; (at = e.find(dir.path())) != std::string::npos;) e.replace(at, dir.path().size(), "DIR");
    out.push_back(e);
  }
  return out;
}

inline std::vector<std::string> Errors(const std::string& toml) {
  TempDir dir;
  return Errors(dir, toml);
}

// Exactly one error, at DIR/policywatch.toml:`where`.
inline void ExpectError(const std::string& toml, const std::string& where) {
  std::vector<std::string> errors = Errors(toml);
  INFO("config:\n" << toml);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0] == "DIR/policywatch.toml:" + where);
}

inline constexpr const char* kCompany = "[[company]]\nid = \"acme\"\n";

}  // namespace pw::config::testing
