#include "fetch/internal/render_job.h"

#include <algorithm>
#include <cctype>

namespace pw::fetch::internal {
namespace {


std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Chromium joins repeated headers with '\n'; a fetch joins them with ", ".
std::string JoinRepeated(std::string value) {
  for (std::size_t at = value.find('\n'); at != std::string::npos; at = value.find('\n', at)) {
    value.replace(at, 1, ", ");
  }
  return value;
}

std::string StringAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::chrono::microseconds Elapsed(const RenderJob& job) {
  return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - job.started);
}

// The main response's media type, lower case, without parameters; "" if none.
std::string MainMediaType(const RenderJob& job) {
  auto it = job.main.headers.find("content-type");
  if (!job.main.seen || it == job.main.headers.end()) return "";
  std::string type = Lower(it->second.substr(0, it->second.find(';')));
  std::size_t start = type.find_first_not_of(" \t"), end = type.find_last_not_of(" \t");
  return start == std::string::npos ? "" : type.substr(start, end + 1 - start);
}

std::string StillBusy(const RenderJob& job, SteadyClock::time_point now) {
  std::size_t n = job.network.InFlight();
  if (job.stage != Stage::kWaiting) return "the page did not load";
  if (n > 0 && job.network.SubresourcesInFlight() == 0) {
    return "the page is still loading";  // its document: a script blocks it, or it trickles
  }
  if (n > 0) {
    return "network still busy: " + std::to_string(n) + (n == 1 ? " request" : " requests") +
           " in flight";
  }
  if (!job.network.Idle(now, job.request.network_idle)) return "network still busy";
  if (job.last_state == "waiting") return "waiting for '" + job.request.wait_for + "'";
  if (job.last_state == "loading") return "the page is still loading";
  return "reading the page";
}

}  // namespace

bool NetworkTracker::OnEvent(const std::string& method, const nlohmann::json& params,
                             SteadyClock::time_point now) {
  std::string id = StringAt(params, "requestId");
  if (method == "Network.requestWillBeSent") {
    std::string type = StringAt(params, "type");
    if (type == "EventSource" || type == "WebSocket") return false;
    in_flight_[id] = type;  // a redirect reuses the id
  } else if (method == "Network.loadingFinished" || method == "Network.loadingFailed") {
    if (in_flight_.erase(id) == 0) return false;
  } else if (method == "Page.loadEventFired") {
    if (std::erase_if(in_flight_, [](const auto& r) { return r.second == "Document"; }) == 0) {
      return false;
    }
  } else {
    return false;
  }
  last_change_ = now;
  return true;
}

std::size_t NetworkTracker::SubresourcesInFlight() const {
  return static_cast<std::size_t>(std::count_if(in_flight_.begin(), in_flight_.end(),
                                                [](const auto& r) { return r.second != "Document"; }));
}

bool NetworkTracker::Idle(SteadyClock::time_point now, std::chrono::milliseconds quiet) const {
  return in_flight_.empty() && now - last_change_ >= quiet;
}

void RecordMainResponse(const nlohmann::json& params, const std::string& frame_id,
                        MainResponse* main) {
  if (StringAt(params, "type") != "Document" || StringAt(params, "frameId") != frame_id) return;
  auto response_it = params.find("response");
  if (response_it == params.end() || !response_it->is_object()) return;
  const nlohmann::json& response = *response_it;
  main->seen = true;
  main->status = response.value("status", 0L);
  main->reason = StringAt(response, "statusText");
  main->url = StringAt(response, "url");
  main->headers.clear();
  auto headers = response.find("headers");
  if (headers == response.end() || !headers->is_object()) return;
  for (auto it = headers->begin(); it != headers->end(); ++it) {
    if (it->is_string()) main->headers[Lower(it.key())] = JoinRepeated(it->get<std::string>());
  }
}

std::string ReadinessScript(const std::string& wait_for, std::uint64_t max_size) {
  return "(() => {\n"
         "  if (document.readyState !== 'complete') return {state: 'loading'};\n"
         "  const selector = " + nlohmann::json(wait_for).dump() + ";\n"
         "  if (selector && document.querySelector(selector) === null) return {state: 'waiting'};\n"
         "  const doctype = document.doctype ?\n"
         "      new XMLSerializer().serializeToString(document.doctype) : '';\n"
         "  const html = doctype + (document.documentElement ? document.documentElement.outerHTML : '');\n"
         "  if (html.length > " + std::to_string(max_size) + ")\n"
         "    return {state: 'too_large', size: html.length};\n"
         "  return {state: 'ready', url: location.href, html: html};\n"
         "})()";
}

std::string TimeoutMessage(const RenderJob& job, SteadyClock::time_point now) {
  return "did not finish rendering within " + SecondsText(job.request.timeout) + " (" +
         StillBusy(job, now) + ")";
}

FetchError NetErrorKind(const std::string& error_text) {
  auto is = [&](const char* name) { return error_text == std::string("net::") + name; };
  if (is("ERR_NAME_NOT_RESOLVED") || is("ERR_NAME_RESOLUTION_FAILED")) return FetchError::kDns;
  if (is("ERR_CONNECTION_REFUSED") || is("ERR_ADDRESS_UNREACHABLE") ||
      is("ERR_NETWORK_UNREACHABLE")) {
    return FetchError::kConnect;
  }
  if (error_text.find("ERR_CERT_") != std::string::npos ||
      error_text.find("SSL") != std::string::npos) {
    return FetchError::kTls;
  }
  if (is("ERR_TIMED_OUT") || is("ERR_CONNECTION_TIMED_OUT")) return FetchError::kTimeout;
  return FetchError::kNetwork;
}

std::string SecondsText(std::chrono::milliseconds ms) {
  long long whole = ms.count() / 1000, tenths = (ms.count() % 1000) / 100;
  return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

Response Failure(const RenderJob& job, FetchError error, const std::string& message) {
  Response r;
  r.url = job.request.url;
  r.final_url = job.main.seen ? job.main.url : job.request.url;
  r.error = error;
  r.error_message = r.final_url + ": " + message;
  r.status = job.main.status;
  r.reason = job.main.reason;
  r.timings.total = Elapsed(job);
  return r;
}

Response NavigationFailure(const RenderJob& job, const std::string& error_text) {
  if (HttpStatusFailed(job)) return HttpStatusFailure(job);
  std::string media_type = MainMediaType(job);
  if (!media_type.empty() && media_type != "text/html" && media_type != "application/xhtml+xml") {
    return Failure(job, FetchError::kUnsupportedContentType,
                   "the browser does not render Content-Type '" + media_type + "' (" +
                       error_text + ")");
  }
  FetchError kind = NetErrorKind(error_text);
  std::string what = kind == FetchError::kDns       ? "could not resolve the host"
                     : kind == FetchError::kConnect ? "could not connect"
                     : kind == FetchError::kTls     ? "TLS error"
                     : kind == FetchError::kTimeout ? "timed out"
                                                    : "the browser could not load the page";
  return Failure(job, kind, what + " (" + error_text + ")");
}

bool HttpStatusFailed(const RenderJob& job) { return job.main.seen && job.main.status >= 400; }

Response HttpStatusFailure(const RenderJob& job) {
  Response r = Failure(job, FetchError::kHttpStatus,
                       "HTTP " + std::to_string(job.main.status) +
                           (job.main.reason.empty() ? "" : " " + job.main.reason));
  r.headers = job.main.headers;
  return r;
}

Response Success(const RenderJob& job, std::string html, std::string final_url) {
  Response r;
  r.url = job.request.url;
  r.final_url = final_url.empty() ? job.main.url : std::move(final_url);
  r.status = job.main.status;
  r.reason = job.main.reason;
  r.headers = job.main.headers;
  r.body = std::move(html);
  r.content_type = "text/html";
  r.charset = "utf-8";
  r.rendered = true;
  r.timings.total = Elapsed(job);
  return r;
}

}  // namespace pw::fetch::internal
