#include "notify/event.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdio>
#include <ctime>
#include <random>

namespace pw::notify {

namespace {

std::string Hex(const unsigned char* data, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

nlohmann::json Base(const std::string& event_id, const char* type, Clock::time_point occurred_at) {
  nlohmann::json event;
  event["schema"] = kEventSchema;
  event["id"] = event_id;
  event["type"] = type;
  event["occurred_at"] = FormatRfc3339(occurred_at);
  return event;
}

void AddSubject(nlohmann::json* event, const Subject& subject) {
  (*event)["company"] = {{"id", subject.company_id}, {"name", subject.company_name}};
  (*event)["document"] = {{"type", subject.document_type}, {"url", subject.url}};
}

nlohmann::json Version(const VersionRef& v) {
  return {{"id", v.id}, {"fetched_at", FormatRfc3339(v.fetched_at)}, {"sha256", v.sha256}};
}

}  // namespace

std::string NewEventId() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) {
    // OpenSSL's generator failed (should not happen); fall back to the OS.
    std::random_device rd;
    for (auto& b : bytes) b = static_cast<unsigned char>(rd());
  }
  return Hex(bytes, sizeof bytes);
}

std::string MakeDeliveryId(const std::string& event_id, const std::string& channel) {
  std::string input = event_id + "\n" + channel;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(input.data(), input.size(), digest, &len, EVP_sha256(), nullptr);
  return Hex(digest, 16);
}

std::string FormatRfc3339(Clock::time_point t) { return FormatUtc(UnixSeconds(t), kRfc3339); }

nlohmann::json MakeChangedEvent(const std::string& event_id, Clock::time_point occurred_at,
                                const Subject& subject, const VersionRef& from,
                                const VersionRef& to, const nlohmann::json& changeset) {
  nlohmann::json event = Base(event_id, kEventChanged, occurred_at);
  AddSubject(&event, subject);
  const bool is_object = changeset.is_object();
  event["severity"] = is_object && changeset.contains("severity") && changeset["severity"].is_string()
                          ? changeset["severity"]
                          : nlohmann::json("none");
  event["from_version"] = Version(from);
  event["to_version"] = Version(to);
  event["summary"] = is_object && changeset.contains("summary") ? changeset["summary"]
                                                                 : nlohmann::json::object();
  event["sections"] = is_object && changeset.contains("sections") ? changeset["sections"]
                                                                   : nlohmann::json::array();
  for (const char* key : {"headline", "effective_date", "notice_text"}) {
    if (is_object && changeset.contains(key) && changeset[key].is_string()) {
      event[key] = changeset[key];
    }
  }
  return event;
}

nlohmann::json MakeUnreachableEvent(const std::string& event_id, Clock::time_point occurred_at,
                                    const Subject& subject, int consecutive_failures,
                                    const std::string& last_error) {
  nlohmann::json event = Base(event_id, kEventUnreachable, occurred_at);
  AddSubject(&event, subject);
  event["consecutive_failures"] = consecutive_failures;
  event["last_error"] = last_error;
  return event;
}

nlohmann::json MakeRecoveredEvent(const std::string& event_id, Clock::time_point occurred_at,
                                  const Subject& subject, int failures_before) {
  nlohmann::json event = Base(event_id, kEventRecovered, occurred_at);
  AddSubject(&event, subject);
  event["failures_before"] = failures_before;
  return event;
}

nlohmann::json MakeExtractionSuspectEvent(const std::string& event_id,
                                          Clock::time_point occurred_at,
                                          const Subject& subject, const VersionRef& version,
                                          const std::string& reason) {
  nlohmann::json event = Base(event_id, kEventExtractionSuspect, occurred_at);
  AddSubject(&event, subject);
  event["version"] = Version(version);
  event["reason"] = reason;
  return event;
}

nlohmann::json MakeTestEvent(const std::string& event_id, Clock::time_point occurred_at,
                             const std::string& channel) {
  nlohmann::json event = Base(event_id, kEventTest, occurred_at);
  event["test"] = true;
  event["channel"] = channel;
  event["message"] =
      "This is a test notification from policywatch (policywatch test-channel " + channel +
      "). No document changed.";
  return event;
}

}  // namespace pw::notify
