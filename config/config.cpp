// The small, toml-free parts of config.h.
#include "config/config.h"

namespace pw::config {

std::string ConfigError::ToString() const {
  std::string out = location.file;
  if (location.line > 0) {
    out += ":" + std::to_string(location.line) + ":" + std::to_string(location.column);
  }
  out += ": ";
  if (!key.empty()) out += key + ": ";
  out += message;
  return out;
}

const Channel* Config::FindChannel(const std::string& name) const {
  for (const auto& channel : channels) {
    if (channel.name == name) return &channel;
  }
  return nullptr;
}

const Company* Config::FindCompany(const std::string& id) const {
  for (const auto& company : companies) {
    if (company.id == id) return &company;
  }
  return nullptr;
}

}  // namespace pw::config
