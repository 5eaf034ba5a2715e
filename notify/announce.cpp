#include "notify/announce.h"

#include "notify/route.h"

namespace pw::notify {
namespace {

// The event the new version makes, if any: a suspect extraction, or a change.
std::optional<nlohmann::json> VersionEvent(const config::Config& config,
                                           const config::Company& company,
                                           const CheckFacts& f) {
  if (!f.added) return std::nullopt;
  if (!f.suspect_reason.empty()) {
    if (!AnyChannelWants(config, company, kEventExtractionSuspect, Severity::kNone)) {
      return std::nullopt;
    }
    return MakeExtractionSuspectEvent(NewEventId(), f.at, f.subject, *f.added,
                                      f.suspect_reason);
  }
  if (!f.compared_with || !AnyChannelWants(config, company, kEventChanged, f.severity)) {
    return std::nullopt;
  }
  nlohmann::json event = MakeChangedEvent(NewEventId(), f.at, f.subject, *f.compared_with,
                                          *f.added, f.changeset);
  const std::string link = config::ChangePageUrl(config.web, f.subject.company_id,
                                                 f.subject.document_type, f.added->id);
  if (!link.empty()) event["change_url"] = link;  // the web view's change page
  return event;
}

void Append(std::vector<store::Delivery> more, std::vector<store::Delivery>* out) {
  for (auto& d : more) out->push_back(std::move(d));
}

}  // namespace

std::vector<store::Delivery> Announce(const config::Config& config,
                                      const config::Company& company, const CheckFacts& f) {
  std::vector<store::Delivery> out;
  if (f.unreachable) {
    Append(RouteEvent(config, company,
                      MakeUnreachableEvent(NewEventId(), f.at, f.subject,
                                           f.unreachable->failures, f.unreachable->error)),
           &out);
  }
  if (f.recovered_after) {
    Append(RouteEvent(config, company,
                      MakeRecoveredEvent(NewEventId(), f.at, f.subject, *f.recovered_after)),
           &out);
  }
  if (auto event = VersionEvent(config, company, f)) {
    Append(RouteEvent(config, company, *event), &out);
  }
  return out;
}

}  // namespace pw::notify
