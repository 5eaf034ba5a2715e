// The parts of a check under way: each fetched, or rendered by the browser,
// one after another, until every part is in or one failed.
#include <spdlog/spdlog.h>

#include "check/runner.h"
#include "extract/extract.h"

namespace pw::check {
namespace {

// True when an `auto` part's static response is a page scripts build, to be
// rendered by the browser instead.
bool NeedsBrowser(const config::Part& part, const fetch::Response& response) {
  if (part.render != config::Render::kAuto || !response.ok() || response.not_modified) {
    return false;
  }
  if (extract::IsPdf(response.content_type, response.body)) return false;
  const std::string html = response.Utf8Body();
  if (response.content_type.find("html") == std::string::npos && !extract::LooksLikeHtml(html)) {
    return false;
  }
  return !extract::ScriptShellReason(html).empty();
}

}  // namespace

void Runner::SetRendering(Done& capture, bool rendering) {
  if (capture.rendering == rendering) return;
  capture.rendering = rendering;
  in_flight_ += rendering ? -1 : 1;
  rendering_ += rendering ? 1 : -1;
}

void Runner::StartPart(std::uint64_t id) {
  Done& c = capturing_.at(id);
  const size_t part = c.parts.size();
  if (c.job.target.document->parts.at(part).render == config::Render::kBrowser) {
    StartRender(id);
    return;
  }
  SetRendering(c, false);
  fetch::Request request = MakeRequest(*c.job.config, c.job.target, part,
                                       c.read_before ? c.read_before->state
                                                     : store::DocumentState());
  fetcher_.Add(std::move(request),
               [this, id](fetch::Response response) { Fetched(id, std::move(response)); });
}

void Runner::StartRender(std::uint64_t id) {
  Done& c = capturing_.at(id);
  SetRendering(c, true);
  fetch::RenderRequest request = MakeRenderRequest(*c.job.config, c.job.target, c.parts.size());
  BrowserFor(*c.job.config).Render(std::move(request), [this, id](fetch::Response response) {
    {
      std::lock_guard<std::mutex> lock(rendered_mu_);
      rendered_.push_back(Rendered{id, std::move(response)});
    }
    fetcher_.Wakeup();
  });
}

void Runner::Fetched(std::uint64_t id, fetch::Response response) {
  Done& c = capturing_.at(id);
  const config::Part& part = c.job.target.document->parts.at(c.parts.size());
  if (NeedsBrowser(part, response)) {
    spdlog::debug("{}: {} is a script shell; rendering it", c.job.target.Key(), part.url);
    StartRender(id);
    return;
  }
  PartDone(id, std::move(response));
}

void Runner::PartDone(std::uint64_t id, fetch::Response response) {
  auto it = capturing_.find(id);
  Done& c = it->second;
  const bool failed = !response.ok();
  c.parts.push_back(std::move(response));
  if (!failed && c.parts.size() < c.job.target.document->parts.size()) {
    StartPart(id);
    return;
  }
  SetRendering(c, false);
  --in_flight_;
  c.finished = Clock::now();
  done_.push_back(std::move(c));
  capturing_.erase(it);
}

void Runner::TakeRendered() {
  std::vector<Rendered> rendered;
  {
    std::lock_guard<std::mutex> lock(rendered_mu_);
    rendered.swap(rendered_);
  }
  for (Rendered& r : rendered) PartDone(r.capture, std::move(r.response));
}

fetch::Browser& Runner::BrowserFor(const config::Config& config) {
  const fetch::BrowserOptions options = BrowserOptionsOf(config.daemon);
  // A reload that changed the browser's settings takes effect once it is idle.
  if (browser_ && !(options == browser_options_) && browser_->Pending() == 0) browser_.reset();
  if (!browser_) {
    browser_ = std::make_unique<fetch::Browser>(options);
    browser_options_ = options;
  }
  return *browser_;
}

}  // namespace pw::check
