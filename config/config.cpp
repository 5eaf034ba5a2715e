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

bool IsChatChannel(std::string_view type) {
  return type == "slack" || type == "teams" || type == "discord" || type == "mattermost" ||
         type == "ntfy" || type == "matrix";
}

std::string_view DigestName(Digest digest) {
  switch (digest) {
    case Digest::kNone: return "none";
    case Digest::kDaily: return "daily";
    case Digest::kWeekly: return "weekly";
  }
  return "none";
}

std::string_view RenderName(Render render) {
  switch (render) {
    case Render::kStatic: return "static";
    case Render::kBrowser: return "browser";
    case Render::kAuto: return "auto";
  }
  return "static";
}

Document PageDocument(std::string type, std::string url) {
  Document d;
  d.type = std::move(type);
  d.url = std::move(url);
  Part part;
  part.url = d.url;
  d.parts.push_back(std::move(part));
  return d;
}

const Company* Config::FindCompany(const std::string& id) const {
  for (const auto& company : companies) {
    if (company.id == id) return &company;
  }
  return nullptr;
}

}  // namespace pw::config
