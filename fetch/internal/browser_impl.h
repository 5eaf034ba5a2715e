// Browser::Impl (fetch/browser.h): a queue shared with callers, and everything
// else owned by the browser's own thread, which runs Loop(): it starts the
// browser process when a render needs it, sends DevTools commands, dispatches
// replies by id and events by session, checks readiness and deadlines, and
// calls the callbacks, never holding `mutex` while it does.
//
// Methods are split by file: browser.cpp (the API, the loop, the process) and
// browser_render.cpp (the protocol steps of one render).
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fetch/browser.h"
#include "fetch/internal/browser_process.h"
#include "fetch/internal/devtools_pipe.h"
#include "fetch/internal/render_job.h"

namespace pw::fetch {

using Json = nlohmann::json;

struct Browser::Impl {
  using Then = std::function<void(internal::RenderJob& job, const Json& result)>;
  struct Command {
    std::uint64_t job_id = 0;  // 0: the browser's own (context disposal)
    std::string method;
    SteadyClock::time_point sent{};
    std::chrono::milliseconds bound{};  // unanswered for longer: the browser hangs
    Then then;  // for a job; empty: the reply (errors too) is ignored
    std::function<void(const Json& reply)> on_reply;  // for job 0
  };

  explicit Impl(BrowserOptions o);
  ~Impl();

  // --- Shared with callers, under `mutex` (the counters are atomic). ---
  BrowserOptions options;
  mutable std::mutex mutex;
  std::deque<std::unique_ptr<internal::RenderJob>> queue;
  bool stopping = false;
  std::uint64_t next_job_id = 1;
  std::thread thread;
  int wake_fd = -1;
  std::atomic<int> pending{0}, pid{0}, starts{0};

  void Enqueue(std::unique_ptr<internal::RenderJob> job);
  void Wake();

  // --- The browser's thread only (browser.cpp). ---
  std::unique_ptr<internal::BrowserProcess> process;
  std::unique_ptr<internal::DevToolsPipe> pipe;
  bool pipe_closed = false;
  std::string broken;  // why the browser must be killed at the next CheckProcess()
  std::map<std::uint64_t, std::unique_ptr<internal::RenderJob>> running;
  std::map<std::string, std::uint64_t> sessions;  // DevTools sessionId -> job id
  std::map<std::int64_t, Command> commands;       // by message id
  std::int64_t next_command_id = 1;
  int disposing = 0;  // browser contexts whose disposal is unanswered; they hold a page slot
  std::vector<std::pair<std::function<void(Response)>, Response>> finished;

  void Loop();
  bool Stopping();
  void StartQueued();
  void Begin(std::unique_ptr<internal::RenderJob> job);
  std::string EnsureBrowser();  // "" once the browser runs, else why not
  void WaitForInput();
  int WaitMilliseconds() const;
  void ReadPipe();
  void CheckProcess();
  void BrowserGone(const std::string& how);
  void Deliver();
  void Shutdown();
  internal::RenderJob* Running(std::uint64_t job_id);
  Command CommandFor(const internal::RenderJob& job, const std::string& method, Then then);
  // A command to the browser (Target.*) or to the job's page (its session).
  void Call(internal::RenderJob& job, const std::string& method, Json params, Then then);
  void CallPage(internal::RenderJob& job, const std::string& method, Json params, Then then);
  void SendCommand(Command command, const std::string& session, Json params);
  void OnMessage(const Json& message);
  void OnReply(const Json& reply);

  // --- Protocol steps of one render (browser_render.cpp). ---
  void CreateContext(internal::RenderJob& job);
  void CreateTarget(internal::RenderJob& job);
  void Attach(internal::RenderJob& job);
  void Navigate(internal::RenderJob& job);
  void OnNavigated(internal::RenderJob& job, const Json& result);
  void OnPageEvent(internal::RenderJob& job, const std::string& method, const Json& params);
  void OnBrowserEvent(const std::string& method, const Json& params);
  void CheckJobs();
  void CheckReadiness(internal::RenderJob& job);
  void OnChecked(internal::RenderJob& job, const Json& result);
  void OnOrphanReply(const Command& command, const Json& reply);
  void DisposeContext(const std::string& context_id);
  // Ends a render: queues its callback, forgets its session and commands and
  // disposes of its browser context. `job` is destroyed.
  void Finish(internal::RenderJob& job, Response response);
};

}  // namespace pw::fetch
