#include "notify/route.h"

#include <algorithm>

#include "notify/digest.h"
#include "notify/event.h"

namespace pw::notify {

bool ChannelWants(const config::Channel& channel, const std::string& type, Severity severity) {
  if (type == kEventTest) return false;
  if (!channel.events.empty() &&
      std::find(channel.events.begin(), channel.events.end(), type) == channel.events.end()) {
    return false;
  }
  if (type == kEventChanged) return severity >= channel.min_severity;
  return true;
}

namespace {

const config::Channel* FindChannel(const config::Config& config, const std::string& name) {
  auto it = std::find_if(config.channels.begin(), config.channels.end(),
                         [&](const config::Channel& c) { return c.name == name; });
  return it == config.channels.end() ? nullptr : &*it;
}

// Whether a document.changed `event` touches one of channel.categories in a
// section at or above the channel's min_severity; true for a channel without
// categories and for the other events.
bool TouchesCategories(const config::Channel& channel, const nlohmann::json& event) {
  if (channel.categories.empty() || event.value("type", "") != kEventChanged) return true;
  auto sections = event.find("sections");
  if (sections == event.end() || !sections->is_array()) return false;
  for (const auto& section : *sections) {
    if (!section.is_object()) continue;
    auto severity = ParseSeverity(section.value("severity", ""));
    if (!severity || *severity < channel.min_severity) continue;
    auto categories = section.find("categories");
    if (categories == section.end() || !categories->is_array()) continue;
    for (const auto& c : *categories) {
      if (c.is_string() && std::find(channel.categories.begin(), channel.categories.end(),
                                     c.get<std::string>()) != channel.categories.end()) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

bool AnyChannelWants(const config::Config& config, const config::Company& company,
                     const std::string& type, Severity severity) {
  for (const std::string& name : company.channels) {
    const config::Channel* channel = FindChannel(config, name);
    if (channel != nullptr && ChannelWants(*channel, type, severity)) return true;
  }
  return false;
}

std::vector<store::Delivery> RouteEvent(const config::Config& config,
                                        const config::Company& company,
                                        const nlohmann::json& event) {
  std::vector<store::Delivery> out;
  if (!event.is_object()) return out;
  auto text = [&](const char* key) {
    auto it = event.find(key);
    return it != event.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string type = text("type");
  std::string id = text("id");
  if (type.empty() || id.empty()) return out;
  Severity severity = ParseSeverity(text("severity")).value_or(Severity::kNone);
  std::string payload;  // the event's JSON, made for the first channel that wants it
  for (const std::string& name : company.channels) {
    const config::Channel* channel = FindChannel(config, name);
    if (channel == nullptr || !ChannelWants(*channel, type, severity)) continue;
    if (!TouchesCategories(*channel, event)) continue;
    if (payload.empty()) payload = event.dump();
    store::Delivery d;
    d.delivery_id = MakeDeliveryId(id, name);
    d.channel = name;
    d.event_type = type;
    d.payload_json = payload;
    if (Digested(*channel, type)) d.next_attempt_at = DigestSlot(*channel, event);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace pw::notify
