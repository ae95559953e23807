#include "status_reporter.h"

#include <chrono>

#include "codec/json.h"

namespace antre {

std::string EncodeDisplayHealth(const DisplayHealth& health) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "audio", health.audio);
  if (!health.message.empty()) AddString(o.get(), "message", health.message);
  return PrintJson(o.get());
}

StatusReporter::StatusReporter(StatusReporterOptions options, DisplayHealth initial,
                               std::function<void(const std::string&)> log, StatusPoster poster)
    : options_(std::move(options)),
      log_(std::move(log)),
      poster_(std::move(poster)),
      health_(std::move(initial)) {}

StatusReporter::~StatusReporter() { Stop(); }

void StatusReporter::Start() {
  if (thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void StatusReporter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StatusReporter::SetHealth(const DisplayHealth& health) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (health == health_) return;
    health_ = health;
    is_changed_ = true;
  }
  cv_.notify_all();
}

int StatusReporter::accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accepted_;
}

void StatusReporter::Log(const std::string& line) {
  if (log_) log_(line);
}

void StatusReporter::Run() {
  StatusPoster post = poster_;
  if (!post) {
    EnsureCurlReady();
    // Short limits: a check-in that cannot be answered in a few seconds is simply retried,
    // and Stop() never waits long for one in flight.
    auto api = std::make_shared<ApiClient>(options_.server, options_.token, ApiClientOptions{2000, 4000});
    const std::string site = options_.site;
    post = [api, site](const std::string& body) { return api->ReportDeviceStatus(site, "display", body); };
  }
  const std::string period = std::to_string(options_.period_ms / 1000) + " s";
  bool is_failing = false;
  bool has_succeeded = false;

  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    const DisplayHealth health = health_;
    is_changed_ = false;
    lock.unlock();
    Status r = post(EncodeDisplayHealth(health));
    const bool is_ok = r.ok();
    if (is_ok && (is_failing || !has_succeeded)) {
      Log(std::string(is_failing ? "status: check-in accepted again" : "status: checking in") +
          " every " + period + " (audio " + health.audio + ")");
    } else if (!is_ok && !is_failing) {
      // Only the status and what the server's error names: never the request's headers.
      std::string why = r.error.code == ErrorCode::kUnauthorized ? "HTTP 401: the server refused this display's token"
                                                                  : r.error.message;
      Log("status: check-in failed (" + why + "); retrying every " + period);
    }
    has_succeeded = has_succeeded || is_ok;
    is_failing = !is_ok;
    lock.lock();
    if (is_ok) ++accepted_;
    cv_.wait_for(lock, std::chrono::milliseconds(options_.period_ms),
                 [this] { return stop_ || is_changed_; });
  }
}

}  // namespace antre
