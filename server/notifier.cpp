#include "notifier.h"

#include <curl/curl.h>

#include <cstdio>

namespace antre {
namespace {

size_t DiscardBody(char*, size_t size, size_t n, void*) { return size * n; }

// POSTs `payload` as JSON to `url` with the notification's idempotency key (libcurl, the
// project's HTTP client). Returns "" on a 2xx, else what went wrong.
std::string PostJson(const std::string& url, const std::string& payload, const std::string& key) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return "cannot start an HTTP client";
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, ("Idempotency-Key: " + key).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 8000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, DiscardBody);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  if (status < 200 || status >= 300) return "HTTP " + std::to_string(status);
  return "";
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
    const std::string url = site.ok() ? site.value().booking.webhook_url : "";
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      store_.MarkNotification(n.id, false, "no webhook configured");
      continue;
    }
    std::string error = PostJson(url, n.payload, "antre-notification-" + std::to_string(n.id));
    bool ok = error.empty();
    store_.MarkNotification(n.id, ok, error);
    // Never the payload: it holds a name and a phone number.
    std::fprintf(stderr, "notify %lld %s %s\n", static_cast<long long>(n.id), n.kind.c_str(), ok ? "sent" : error.c_str());
    if (ok) ++sent;
  }
  return sent;
}

}  // namespace antre
