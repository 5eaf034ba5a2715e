// The state of one render on the browser's thread, and the pure pieces of its
// logic: in-flight request counting, the main document's response, the script
// that tests readiness and reads the DOM, and the Responses a render ends with.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "fetch/browser.h"
#include "fetch/fetch.h"
#include "util/clock.h"

namespace pw::fetch::internal {

// Requests of one page in flight, from Network.requestWillBeSent to
// Network.loadingFinished/loadingFailed. Event streams and websockets never
// finish by design and are not counted. Chromium does not always report the
// end of a document's own request (seen for the main document of a navigation
// a script started): documents count as finished at Page.loadEventFired.
class NetworkTracker {
 public:
  explicit NetworkTracker(SteadyClock::time_point now) : last_change_(now) {}
  // Takes any Network.* event and Page.loadEventFired; false if it is not one
  // that changes the count.
  bool OnEvent(const std::string& method, const nlohmann::json& params,
               SteadyClock::time_point now);
  // Nothing in flight, and nothing started or ended within `quiet`.
  bool Idle(SteadyClock::time_point now, std::chrono::milliseconds quiet) const;
  std::size_t InFlight() const { return in_flight_.size(); }
  // In flight that are not documents (a page's or a frame's own request).
  std::size_t SubresourcesInFlight() const;

 private:
  std::map<std::string, std::string> in_flight_;  // request id -> resource type
  SteadyClock::time_point last_change_;
};

// The main frame's latest document response (the last of a redirect chain, or
// of a navigation the page made itself).
struct MainResponse {
  bool seen = false;
  long status = 0;
  std::string reason;
  std::string url;
  std::map<std::string, std::string> headers;  // names lower-cased
};

// Records `params` of Network.responseReceived if it is the document of frame `frame_id`.
void RecordMainResponse(const nlohmann::json& params, const std::string& frame_id,
                        MainResponse* main);

enum class Stage { kQueued, kStarting, kNavigating, kWaiting };

struct RenderJob {
  std::uint64_t id = 0;
  RenderRequest request;
  std::function<void(Response)> done;
  SteadyClock::time_point started{};
  SteadyClock::time_point deadline{};
  Stage stage = Stage::kQueued;
  std::string context_id, target_id, session_id;
  NetworkTracker network{SteadyClock::now()};
  MainResponse main;
  bool check_in_flight = false;              // a readiness check awaits its answer
  SteadyClock::time_point next_check{};
  std::string last_state;                    // of the last check: "loading", "waiting"
};

// The script for Runtime.evaluate (returnByValue): {state: "loading"} until the
// document is complete, {state: "waiting"} while `wait_for` matches nothing
// (it throws for an invalid selector), else {state: "ready", url, html} or, for
// a DOM of more than `max_size` UTF-16 units, {state: "too_large", size}.
std::string ReadinessScript(const std::string& wait_for, std::uint64_t max_size);

// "http://x/: did not finish rendering within 30 s (network still busy: 2 requests
// in flight)"; the reason from the job's stage and last check.
std::string TimeoutMessage(const RenderJob& job, SteadyClock::time_point now);

// "30 s", "1.5 s".
std::string SecondsText(std::chrono::milliseconds duration);

// The kind of failure a net::ERR_* text of Page.navigate stands for.
FetchError NetErrorKind(const std::string& error_text);

// A failure for `job`; `message` says what went wrong, without the URL.
Response Failure(const RenderJob& job, FetchError error, const std::string& message);
// The failure for a navigation the browser reports as `error_text`
// (net::ERR_NAME_NOT_RESOLVED...), or the main response's HTTP status if the
// server did answer 4xx/5xx.
Response NavigationFailure(const RenderJob& job, const std::string& error_text);
// The main document answered 4xx/5xx: "URL: HTTP 404 Not Found".
bool HttpStatusFailed(const RenderJob& job);
Response HttpStatusFailure(const RenderJob& job);
// The success: the DOM as HTML and the main response's status and headers.
Response Success(const RenderJob& job, std::string html, std::string final_url);

}  // namespace pw::fetch::internal
