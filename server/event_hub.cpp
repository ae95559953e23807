#include "event_hub.h"

namespace antre {

void EventHub::Publish(const std::vector<Event>& events) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const Event& e : events) {
      int64_t& last = last_ids_[e.site];
      if (e.id > last) last = e.id;
    }
  }
  cv_.notify_all();
}

void EventHub::Seed(const std::string& site, int64_t last_id) {
  std::lock_guard<std::mutex> lock(mu_);
  last_ids_[site] = last_id;
}

bool EventHub::WaitForNewer(const std::string& site, int64_t after_id, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  auto newer = [&] { return stopped_ || last_ids_[site] > after_id; };
  cv_.wait_for(lock, timeout, newer);
  return !stopped_ && last_ids_[site] > after_id;
}

void EventHub::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

bool EventHub::stopped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stopped_;
}

bool EventHub::TryOpenStream(int max) {
  std::lock_guard<std::mutex> lock(mu_);
  if (open_streams_ >= max) return false;
  ++open_streams_;
  return true;
}

void EventHub::CloseStream() {
  std::lock_guard<std::mutex> lock(mu_);
  --open_streams_;
}

int EventHub::open_streams() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_streams_;
}

}  // namespace antre
