// Pages that need a browser: headless Chromium (Debian's chromium-headless-shell
// or chromium) driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: NUL-terminated JSON messages on fds 3 and 4).
//
//   Browser browser(options);            // starts nothing yet
//   browser.Render(request, [](Response r) { ... r.body is the rendered DOM ... });
//
// One browser process serves every render; it is started by the first Render,
// each render gets a fresh browser context (no cookies, storage or cache carried
// between pages), at most `max_pages` render at once (the rest queue), and the
// process is started again when it exits, crashes or stops answering.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "fetch/fetch.h"

namespace pw::fetch {

struct BrowserOptions {
  // The Chromium binary; empty: chromium-headless-shell, then chromium, on PATH.
  std::string executable;
  // Chromium's sandbox (user namespaces). As root it cannot run: a browser as
  // root without it is refused unless `sandbox` is false (an explicit choice).
  bool sandbox = true;
  int max_pages = 2;  // renders at once
  // A DevTools command unanswered for longer than its render's timeout plus
  // this (a context disposal: this alone) means the browser hangs: its process
  // group is killed, its renders fail (kBrowser) and the next render starts it
  // again.
  std::chrono::milliseconds hang_grace{10000};
  bool operator==(const BrowserOptions&) const = default;
};

struct RenderRequest {
  std::string url;  // http or https
  std::string user_agent;  // empty: the browser's own
  // CSS selector: the page is ready only once an element matches it.
  std::string wait_for;
  // The whole render: load, network idle, wait_for and reading the DOM.
  std::chrono::milliseconds timeout{30000};
  // The page is ready once its load event has fired, no request has been in
  // flight for `network_idle` (event streams and websockets are not counted),
  // and `wait_for`, if set, matches an element (checked every 100 ms).
  std::chrono::milliseconds network_idle{500};
  std::uint64_t max_body_size = 10 * 1000 * 1000;  // bytes of the rendered DOM
};

// The path of the Chromium binary `options` would run, or "" if there is none.
std::string FindBrowser(const BrowserOptions& options);

class Browser {
 public:
  explicit Browser(BrowserOptions options);
  // Fails the renders still running (their callbacks are not called), closes the
  // browser and reaps its processes.
  ~Browser();
  Browser(const Browser&) = delete;
  Browser& operator=(const Browser&) = delete;

  // Renders `request.url`; `done` is called exactly once, from the browser's own
  // thread (it may call Render again; it must not throw nor destroy this
  // Browser), with a Response as a fetch gives it:
  //  - success: body = the rendered DOM serialised as HTML (its doctype, then
  //    document.documentElement.outerHTML), UTF-8; content_type "text/html",
  //    charset "utf-8"; status, reason and headers of the main document's HTTP
  //    response; final_url after redirects (and navigations the page made).
  //    No validators (etag and last_modified empty): a rendered page is
  //    rendered at every check. timings.total only.
  //  - failure: error and error_message naming the URL: kBadUrl (checked
  //    before any browser starts), kHttpStatus (the main document answered
  //    4xx/5xx: "URL: HTTP 404 Not Found"), kTimeout ("URL: did not finish
  //    rendering within 30 s (network still busy: 2 requests in flight)", or
  //    "(waiting for 'SELECTOR')", "(the page is still loading)"), kTooLarge,
  //    kUnsupportedContentType (the main document is not HTML, e.g. a PDF the
  //    browser would download), kDns/kConnect/kTls/kTimeout/kNetwork where the
  //    browser tells (net::ERR_*), kOther (`wait_for` is not a valid selector),
  //    kBrowser (the browser is missing, cannot start, refused as root, exited,
  //    crashed or hung during the render).
  // The timeout runs from the moment the render leaves the queue, so the first
  // render also pays for the browser's start (about 1-2 s).
  void Render(RenderRequest request, std::function<void(Response)> done);

  // Renders queued or running.
  int Pending() const;
  // The browser's process id while it runs (for measuring its memory), else 0.
  int ProcessId() const;
  // Times the browser process was started (1 after the first render).
  int Starts() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocking convenience for the CLI: one render on a private Browser.
Response RenderOne(const RenderRequest& request, const BrowserOptions& options);

}  // namespace pw::fetch
