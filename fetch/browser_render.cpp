// The DevTools steps of one render (Browser::Impl, fetch/internal/browser_impl.h):
// a browser context, a page in it, a flat session attached to the page, Page and
// Network enabled, the navigation, readiness checks, and the context's disposal.
#include "fetch/internal/browser_impl.h"

namespace pw::fetch {
namespace {

using internal::RenderJob;
using internal::Stage;

constexpr std::chrono::milliseconds kCheckEvery{100};

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// The message of an exception a script threw (exceptionDetails of Runtime.evaluate).
std::string ExceptionText(const Json& details) {
  const Json exception = details.value("exception", Json::object());
  std::string text = exception.value("description", details.value("text", std::string()));
  return FirstLine(text);
}

std::string TooLargeMessage(std::uint64_t limit) {
  return "rendered page larger than the limit of " + std::to_string(limit) + " bytes";
}

}  // namespace

void Browser::Impl::CreateContext(RenderJob& job) {
  job.stage = Stage::kStarting;
  Call(job, "Target.createBrowserContext", {{"disposeOnDetach", true}},
       [this](RenderJob& j, const Json& result) {
         j.context_id = result.value("browserContextId", "");
         CreateTarget(j);
       });
}

void Browser::Impl::CreateTarget(RenderJob& job) {
  Call(job, "Target.createTarget", {{"url", "about:blank"}, {"browserContextId", job.context_id}},
       [this](RenderJob& j, const Json& result) {
         j.target_id = result.value("targetId", "");
         Attach(j);
       });
}

void Browser::Impl::Attach(RenderJob& job) {
  Call(job, "Target.attachToTarget", {{"targetId", job.target_id}, {"flatten", true}},
       [this](RenderJob& j, const Json& result) {
         j.session_id = result.value("sessionId", "");
         sessions[j.session_id] = j.id;
         Navigate(j);
       });
}

// Page and Network are enabled (and their answers awaited, so that the
// navigation's own events are all reported) before the navigation starts.
void Browser::Impl::Navigate(RenderJob& job) {
  auto ok = [](RenderJob&, const Json&) {};
  CallPage(job, "Page.enable", Json::object(), ok);
  if (!job.request.user_agent.empty()) {
    CallPage(job, "Network.setUserAgentOverride", {{"userAgent", job.request.user_agent}}, ok);
  }
  CallPage(job, "Network.enable", Json::object(), [this](RenderJob& j, const Json&) {
    j.stage = Stage::kNavigating;
    CallPage(j, "Page.navigate", {{"url", j.request.url}},
             [this](RenderJob& jj, const Json& result) { OnNavigated(jj, result); });
  });
}

void Browser::Impl::OnNavigated(RenderJob& job, const Json& result) {
  std::string error_text = result.value("errorText", "");
  if (!error_text.empty()) return Finish(job, internal::NavigationFailure(job, error_text));
  if (internal::HttpStatusFailed(job)) return Finish(job, internal::HttpStatusFailure(job));
  job.stage = Stage::kWaiting;
  job.next_check = SteadyClock::now();
}

void Browser::Impl::OnPageEvent(RenderJob& job, const std::string& method, const Json& params) {
  if (method.starts_with("Network.") || method == "Page.loadEventFired") {
    job.network.OnEvent(method, params, SteadyClock::now());
    if (method == "Network.responseReceived") {
      internal::RecordMainResponse(params, job.target_id, &job.main);
    }
  } else if (method == "Page.javascriptDialogOpening") {
    CallPage(job, "Page.handleJavaScriptDialog", {{"accept", true}}, nullptr);
  } else if (method == "Inspector.targetCrashed") {
    Finish(job, internal::Failure(job, FetchError::kBrowser, "the page crashed during the render"));
  }
}

// Events of the browser itself: a page closed under a render (window.close()).
void Browser::Impl::OnBrowserEvent(const std::string& method, const Json& params) {
  if (method != "Target.detachedFromTarget") return;
  auto it = sessions.find(params.value("sessionId", ""));
  if (it == sessions.end()) return;
  if (RenderJob* job = Running(it->second)) {
    Finish(*job, internal::Failure(*job, FetchError::kBrowser, "the page closed during the render"));
  }
}

void Browser::Impl::CheckJobs() {
  auto now = SteadyClock::now();
  std::vector<std::uint64_t> ids;
  for (const auto& [id, job] : running) ids.push_back(id);
  for (std::uint64_t id : ids) {
    RenderJob* job = Running(id);
    if (!job) continue;
    if (now >= job->deadline) {
      Finish(*job, internal::Failure(*job, FetchError::kTimeout, internal::TimeoutMessage(*job, now)));
    } else if (job->stage == Stage::kWaiting && !job->check_in_flight && now >= job->next_check &&
               job->network.Idle(now, job->request.network_idle)) {
      CheckReadiness(*job);
    }
  }
}

void Browser::Impl::CheckReadiness(RenderJob& job) {
  job.check_in_flight = true;
  std::string script = internal::ReadinessScript(job.request.wait_for, job.request.max_body_size);
  CallPage(job, "Runtime.evaluate", {{"expression", script}, {"returnByValue", true}},
           [this](RenderJob& j, const Json& result) { OnChecked(j, result); });
}

void Browser::Impl::OnChecked(RenderJob& job, const Json& result) {
  auto now = SteadyClock::now();
  job.check_in_flight = false;
  job.next_check = now + kCheckEvery;
  if (auto thrown = result.find("exceptionDetails"); thrown != result.end()) {
    if (job.request.wait_for.empty()) {
      return Finish(job, internal::Failure(job, FetchError::kBrowser,
                                           "reading the page failed: " + ExceptionText(*thrown)));
    }
    return Finish(job, internal::Failure(job, FetchError::kOther,
                                         "invalid wait_for selector '" + job.request.wait_for +
                                             "': " + ExceptionText(*thrown)));
  }
  const Json value = result.value("result", Json::object()).value("value", Json::object());
  job.last_state = value.value("state", "");
  if (job.last_state != "ready" && job.last_state != "too_large") return;
  if (internal::HttpStatusFailed(job)) return Finish(job, internal::HttpStatusFailure(job));
  if (!job.network.Idle(now, job.request.network_idle)) return;  // busy again: check later
  std::string html = value.value("html", "");
  if (job.last_state == "too_large" || html.size() > job.request.max_body_size) {
    return Finish(job, internal::Failure(job, FetchError::kTooLarge,
                                         TooLargeMessage(job.request.max_body_size)));
  }
  Finish(job, internal::Success(job, std::move(html), value.value("url", "")));
}

// The answer to a render that has ended: a browser context it created then is
// disposed of.
void Browser::Impl::OnOrphanReply(const Command& command, const Json& reply) {
  if (command.method != "Target.createBrowserContext") return;
  std::string context_id = reply.value("result", Json::object()).value("browserContextId", "");
  if (!context_id.empty()) DisposeContext(context_id);
}

void Browser::Impl::DisposeContext(const std::string& context_id) {
  ++disposing;
  Command command;
  command.method = "Target.disposeBrowserContext";
  command.bound = options.hang_grace;
  command.on_reply = [this](const Json&) { --disposing; };
  SendCommand(std::move(command), "", {{"browserContextId", context_id}});
}

void Browser::Impl::Finish(RenderJob& job, Response response) {
  std::uint64_t id = job.id;
  if (!job.session_id.empty()) sessions.erase(job.session_id);
  std::erase_if(commands, [id](const auto& entry) {
    return entry.second.job_id == id && entry.second.method != "Target.createBrowserContext";
  });
  if (!job.context_id.empty()) DisposeContext(job.context_id);
  finished.emplace_back(std::move(job.done), std::move(response));
  running.erase(id);
}

}  // namespace pw::fetch
