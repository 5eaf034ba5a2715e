#include "fetch/browser.h"

#include <curl/curl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>
#include <sstream>

#include "fetch/internal/browser_impl.h"

namespace pw::fetch {
namespace {

using internal::RenderJob;

constexpr std::chrono::milliseconds kTick{100};         // longest sleep while rendering
constexpr std::chrono::milliseconds kIdleTick{1000};    // with a browser and no render
constexpr std::chrono::milliseconds kWriteBound{2000};  // a full command pipe: hung
constexpr std::chrono::milliseconds kCloseGrace{2000};  // Browser.close, then SIGTERM
constexpr std::chrono::milliseconds kExitGrace{500};    // pipe closed: time to exit

bool IsExecutableFile(const std::string& path) {
  return access(path.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(path);
}

std::string SearchPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return IsExecutableFile(name) ? name : "";
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path && *path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (IsExecutableFile(candidate)) return candidate;
  }
  return "";
}

bool IsHttpUrl(const std::string& url) {
  CURLU* u = curl_url();
  char* scheme = nullptr;
  char* host = nullptr;
  bool ok = curl_url_set(u, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host &&
            (std::string(scheme) == "http" || std::string(scheme) == "https");
  curl_free(scheme);
  curl_free(host);
  curl_url_cleanup(u);
  return ok;
}

// Writes to a pipe whose reader died raise SIGPIPE; on this thread it stays
// pending and DevToolsPipe::Send consumes it.
void BlockSigpipe() {
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_only, nullptr);
}

std::string NotFoundMessage(const BrowserOptions& options) {
  std::string where = options.executable.empty() ? "" : " at '" + options.executable + "'";
  return "no Chromium found" + where +
         ": install chromium-headless-shell (or set [daemon] browser_path)";
}

const char kRootRefusal[] =
    "Chromium's sandbox cannot run as root: run policywatch as another user, or set "
    "[daemon] browser_sandbox = false to run the browser without its sandbox (an explicit "
    "opt-out)";

}  // namespace

std::string FindBrowser(const BrowserOptions& options) {
  if (!options.executable.empty()) return SearchPath(options.executable);
  for (const char* name : {"chromium-headless-shell", "chromium"}) {
    if (std::string found = SearchPath(name); !found.empty()) return found;
  }
  return "";
}

// --- The API, on the callers' threads. ---

Browser::Browser(BrowserOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
Browser::~Browser() = default;

void Browser::Render(RenderRequest request, std::function<void(Response)> done) {
  auto job = std::make_unique<RenderJob>();
  job->request = std::move(request);
  job->done = std::move(done);
  impl_->Enqueue(std::move(job));
}

int Browser::Pending() const { return impl_->pending; }
int Browser::ProcessId() const { return impl_->pid; }
int Browser::Starts() const { return impl_->starts; }

Response RenderOne(const RenderRequest& request, const BrowserOptions& options) {
  std::promise<Response> result;
  Browser browser(options);
  browser.Render(request, [&](Response r) { result.set_value(std::move(r)); });
  return result.get_future().get();
}

Browser::Impl::Impl(BrowserOptions o) : options(std::move(o)) {
  if (options.max_pages < 1) options.max_pages = 1;
  wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

Browser::Impl::~Impl() {
  {
    std::lock_guard lock(mutex);
    stopping = true;
  }
  Wake();
  if (thread.joinable()) thread.join();
  close(wake_fd);
}

void Browser::Impl::Enqueue(std::unique_ptr<RenderJob> job) {
  {
    std::lock_guard lock(mutex);
    job->id = next_job_id++;
    queue.push_back(std::move(job));
    ++pending;
    if (!thread.joinable()) thread = std::thread([this] { Loop(); });
  }
  Wake();
}

void Browser::Impl::Wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd, &one, sizeof one);
}

// --- The browser's thread. ---

void Browser::Impl::Loop() {
  BlockSigpipe();
  while (!Stopping()) {
    StartQueued();
    Deliver();
    WaitForInput();
    CheckProcess();
    CheckJobs();
    Deliver();
  }
  Shutdown();
}

bool Browser::Impl::Stopping() {
  std::lock_guard lock(mutex);
  return stopping;
}

void Browser::Impl::StartQueued() {
  while (static_cast<int>(running.size()) + disposing < options.max_pages) {
    std::unique_ptr<RenderJob> job;
    {
      std::lock_guard lock(mutex);
      if (queue.empty()) return;
      job = std::move(queue.front());
      queue.pop_front();
    }
    Begin(std::move(job));
  }
}

void Browser::Impl::Begin(std::unique_ptr<RenderJob> job) {
  auto now = SteadyClock::now();
  job->started = now;
  job->deadline = now + job->request.timeout;
  job->network = internal::NetworkTracker(now);
  if (!IsHttpUrl(job->request.url)) {
    Response r = internal::Failure(*job, FetchError::kBadUrl, "not an absolute http(s) URL");
    finished.emplace_back(std::move(job->done), std::move(r));
    return;
  }
  if (std::string problem = EnsureBrowser(); !problem.empty()) {
    Response r = internal::Failure(*job, FetchError::kBrowser, "cannot render: " + problem);
    finished.emplace_back(std::move(job->done), std::move(r));
    return;
  }
  RenderJob& started = *job;
  running[job->id] = std::move(job);
  CreateContext(started);
}

std::string Browser::Impl::EnsureBrowser() {
  if (process) return "";
  if (geteuid() == 0 && options.sandbox) return kRootRefusal;
  std::string executable = FindBrowser(options);
  if (executable.empty()) return NotFoundMessage(options);
  std::string error;
  process = internal::BrowserProcess::Launch(executable, options.sandbox, &error);
  if (!process) return error;
  pipe = std::make_unique<internal::DevToolsPipe>(process->TakeToBrowser(),
                                                  process->TakeFromBrowser());
  pipe_closed = false;
  pid = process->pid();
  ++starts;
  return "";
}

void Browser::Impl::WaitForInput() {
  pollfd fds[3] = {{wake_fd, POLLIN, 0}, {-1, POLLIN, 0}, {-1, POLLIN, 0}};
  if (pipe && !pipe_closed) fds[1].fd = pipe->read_fd();
  if (process) fds[2].fd = process->stderr_fd();
  poll(fds, 3, WaitMilliseconds());
  std::uint64_t drained;
  if (fds[0].revents) [[maybe_unused]] ssize_t n = read(wake_fd, &drained, sizeof drained);
  if (fds[2].revents) process->ReadStderr();
  if (fds[1].revents) ReadPipe();
}

// Until the next readiness check or deadline; without renders, long enough to
// notice a browser that exits; without a browser, until woken.
int Browser::Impl::WaitMilliseconds() const {
  if (running.empty()) return process ? static_cast<int>(kIdleTick.count()) : -1;
  auto wait = kTick;
  auto now = SteadyClock::now();
  for (const auto& [id, job] : running) {
    wait = std::min(wait, std::chrono::ceil<std::chrono::milliseconds>(job->deadline - now));
  }
  return static_cast<int>(std::max<long long>(wait.count(), 0));
}

// A message of an unexpected shape (a field of another type) means the
// browser cannot be trusted any more: it is killed at the next CheckProcess().
void Browser::Impl::ReadPipe() {
  std::vector<Json> messages;
  if (!pipe->Receive(&messages)) pipe_closed = true;
  for (const Json& message : messages) {
    try {
      OnMessage(message);
    } catch (const Json::exception& e) {
      if (broken.empty()) broken = std::string("the browser sent an unexpected message (") + e.what() + ")";
    }
  }
}

void Browser::Impl::CheckProcess() {
  if (!process) return;
  if (!broken.empty()) return BrowserGone(broken);
  if (pipe_closed) process->WaitExit(kExitGrace);
  if (pipe_closed || process->Exited()) {
    if (!process->Exited()) process->Kill();
    std::string how = "the browser exited (" + process->exit() + ")";
    std::string last_words = process->LastStderrLine();
    if (process->exit().starts_with("exit") && !last_words.empty()) how += ": " + last_words;
    return BrowserGone(how);
  }
  auto now = SteadyClock::now();
  for (const auto& [id, command] : commands) {
    if (now - command.sent > command.bound) {
      return BrowserGone("the browser stopped answering (no reply to " + command.method +
                         " within " + internal::SecondsText(command.bound) + "; it was killed)");
    }
  }
}

// Kills and reaps the browser if needed, and fails every running render with
// `how`. The next render starts a new browser.
void Browser::Impl::BrowserGone(const std::string& how) {
  process->Kill();
  for (auto& [id, job] : running) {
    Response r = internal::Failure(*job, FetchError::kBrowser, how + " during the render");
    finished.emplace_back(std::move(job->done), std::move(r));
  }
  running.clear();
  sessions.clear();
  commands.clear();
  disposing = 0;
  pipe.reset();
  process.reset();
  pid = 0;
  pipe_closed = false;
  broken.clear();
}

void Browser::Impl::Deliver() {
  std::vector<std::pair<std::function<void(Response)>, Response>> ready;
  ready.swap(finished);
  for (auto& [done, response] : ready) {
    --pending;
    if (done) done(std::move(response));
  }
}

// Renders still running are abandoned without their callbacks (the Browser is
// being destroyed); the browser is asked to close, then terminated.
void Browser::Impl::Shutdown() {
  running.clear();
  {
    std::lock_guard lock(mutex);
    queue.clear();
  }
  if (!process) return;
  if (pipe && !pipe_closed) {
    pipe->Send({{"id", next_command_id++}, {"method", "Browser.close"}}, kWriteBound);
  }
  process->Close(kCloseGrace);
  pipe.reset();
  process.reset();
  pid = 0;
}

RenderJob* Browser::Impl::Running(std::uint64_t job_id) {
  auto it = running.find(job_id);
  return it == running.end() ? nullptr : it->second.get();
}

// A render's command is answered within its timeout and options.hang_grace, or the browser hangs.
Browser::Impl::Command Browser::Impl::CommandFor(const RenderJob& job, const std::string& method,
                                                 Then then) {
  Command command;
  command.job_id = job.id;
  command.method = method;
  command.bound = job.request.timeout + options.hang_grace;
  command.then = std::move(then);
  return command;
}

void Browser::Impl::Call(RenderJob& job, const std::string& method, Json params, Then then) {
  SendCommand(CommandFor(job, method, std::move(then)), "", std::move(params));
}

void Browser::Impl::CallPage(RenderJob& job, const std::string& method, Json params, Then then) {
  SendCommand(CommandFor(job, method, std::move(then)), job.session_id, std::move(params));
}

// A command the browser cannot take (its pipe is full or closed) marks it
// broken; CheckProcess() then ends it, outside of any render step.
void Browser::Impl::SendCommand(Command command, const std::string& session, Json params) {
  std::int64_t id = next_command_id++;
  Json message = {{"id", id}, {"method", command.method}, {"params", std::move(params)}};
  if (!session.empty()) message["sessionId"] = session;
  command.sent = SteadyClock::now();
  commands[id] = std::move(command);
  if (!pipe->Send(message, kWriteBound) && broken.empty()) {
    broken = "the browser stopped reading its commands";
  }
}

void Browser::Impl::OnMessage(const Json& message) {
  if (message.contains("id")) return OnReply(message);
  std::string method = message.value("method", "");
  const Json params = message.value("params", Json::object());
  auto session = message.find("sessionId");
  if (session == message.end() || !session->is_string()) return OnBrowserEvent(method, params);
  auto it = sessions.find(session->get<std::string>());
  if (it == sessions.end()) return;
  if (RenderJob* job = Running(it->second)) OnPageEvent(*job, method, params);
}

void Browser::Impl::OnReply(const Json& reply) {
  auto it = commands.find(reply.value("id", std::int64_t{-1}));
  if (it == commands.end()) return;
  Command command = std::move(it->second);
  commands.erase(it);
  if (command.on_reply) return command.on_reply(reply);
  RenderJob* job = Running(command.job_id);
  if (!job) return OnOrphanReply(command, reply);
  if (!command.then) return;
  if (auto error = reply.find("error"); error != reply.end()) {
    return Finish(*job, internal::Failure(*job, FetchError::kBrowser,
                                          "the browser refused " + command.method + ": " +
                                              error->value("message", std::string("?"))));
  }
  command.then(*job, reply.value("result", Json::object()));
}

}  // namespace pw::fetch
