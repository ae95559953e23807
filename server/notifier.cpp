#include "notifier.h"

#include <httplib.h>

#include <cstdio>

namespace antre {
namespace {

// Splits "http://host:port/path" into the scheme+authority and the path.
bool SplitUrl(const std::string& url, std::string* origin, std::string* path) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return false;
  size_t slash = url.find('/', scheme + 3);
  *origin = url.substr(0, slash);
  *path = slash == std::string::npos ? "/" : url.substr(slash);
  return true;
}

}  // namespace

void Notifier::Start() {
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      SendDue();
      lock.lock();
      cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
    }
  });
}

void Notifier::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

int Notifier::SendDue() {
  store_.EnqueueDueNotifications();
  auto due = store_.DueNotifications(20);
  if (!due.ok()) return 0;
  int sent = 0;
  for (const Notification& n : due.value()) {
    auto site = store_.GetSite(n.site);
    std::string origin, path;
    if (!site.ok() || !SplitUrl(site.value().booking.webhook_url, &origin, &path)) {
      store_.MarkNotification(n.id, false, "no webhook configured");
      continue;
    }
    httplib::Client cli(origin);
    cli.set_connection_timeout(3, 0);
    cli.set_read_timeout(5, 0);
    cli.set_write_timeout(5, 0);
    httplib::Headers headers = {{"Idempotency-Key", "antre-notification-" + std::to_string(n.id)}};
    auto res = cli.Post(path.c_str(), headers, n.payload, "application/json");
    bool ok = res && res->status >= 200 && res->status < 300;
    std::string error = ok ? "" : res ? "HTTP " + std::to_string(res->status) : httplib::to_string(res.error());
    store_.MarkNotification(n.id, ok, error);
    // Never the payload: it holds a name and a phone number.
    std::fprintf(stderr, "notify %lld %s %s\n", static_cast<long long>(n.id), n.kind.c_str(), ok ? "sent" : error.c_str());
    if (ok) ++sent;
  }
  return sent;
}

}  // namespace antre
