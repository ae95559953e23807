#include "event_hub.h"

#include <algorithm>

namespace antre {

std::string FormatSse(const Event& e) {
  std::string out;
  out.reserve(e.type.size() + e.data.size() + 40);
  out += "id: ";
  out += std::to_string(e.id);
  out += "\nevent: ";
  out += e.type;
  out += "\ndata: ";
  out += e.data;
  out += "\n\n";
  return out;
}

namespace {

// The value of a top-level "key":"value" pair in the server's own compact event JSON, or "".
std::string StringField(const std::string& json, const char* key) {
  std::string pattern = std::string("\"") + key + "\":\"";
  size_t at = json.find(pattern);
  if (at == std::string::npos) return "";
  at += pattern.size();
  size_t end = json.find('"', at);
  return end == std::string::npos ? "" : json.substr(at, end - at);
}

}  // namespace

std::string QueuesOf(const Event& e) {
  if (e.type.rfind("ticket.", 0) != 0) return "";
  std::string queues = ",";
  for (const char* key : {"service", "from_service"}) {
    std::string service = StringField(e.data, key);
    if (!service.empty()) queues += service + ",";
  }
  return queues.size() > 1 ? queues : "";
}

bool StreamFilter::Matches(const std::string& event_ticket, const std::string& queues) const {
  if (ticket.empty()) return true;
  if (event_ticket == ticket) return true;
  return !service.empty() && queues.find("," + service + ",") != std::string::npos;
}

void EventHub::Publish(const std::vector<Event>& events) {
  if (events.empty()) return;
  std::vector<std::function<void()>> wakes;
  // Formatting happens before the lock: readers never wait for it.
  std::vector<std::string> encoded;
  encoded.reserve(events.size());
  for (const Event& e : events) encoded.push_back(FormatSse(e));
  std::lock_guard<std::mutex> wake_lock(wake_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < events.size(); ++i) {
      const Event& e = events[i];
      Ring& ring = rings_[e.site];
      if (e.id <= ring.last_id) continue;  // published twice: keep the first
      ring.entries.push_back(Entry{e.id, e.ticket, QueuesOf(e), std::move(encoded[i])});
      ring.last_id = e.id;
      if (ring.entries.size() > kRingSize) {
        ring.complete_after = ring.entries.front().id;
        ring.entries.pop_front();
      }
    }
    for (auto it = waiters_.begin(); it != waiters_.end();) {
      auto ring = rings_.find(it->second.site);
      if (ring != rings_.end() && ring->second.last_id > it->second.after_id) {
        wakes.push_back(std::move(it->second.wake));
        it = waiters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  cv_.notify_all();
  for (auto& wake : wakes) wake();
}

void EventHub::Seed(const std::string& site, int64_t last_id) {
  std::lock_guard<std::mutex> lock(mu_);
  Ring& ring = rings_[site];
  ring.last_id = std::max(ring.last_id, last_id);
  if (ring.entries.empty()) ring.complete_after = ring.last_id;
}

int64_t EventHub::LastId(const std::string& site) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = rings_.find(site);
  return it == rings_.end() ? 0 : it->second.last_id;
}

bool EventHub::ReadAfter(const std::string& site, int64_t* cursor, std::string* out, size_t max_events,
                         const StreamFilter& filter) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = rings_.find(site);
  if (it == rings_.end()) return false;
  const Ring& ring = it->second;
  if (*cursor >= ring.last_id) return true;
  if (*cursor < ring.complete_after) return false;
  // Ids grow along the ring: find the first newer than the cursor.
  auto first = std::upper_bound(ring.entries.begin(), ring.entries.end(), *cursor,
                                [](int64_t id, const Entry& e) { return id < e.id; });
  size_t sent = 0;
  for (auto e = first; e != ring.entries.end() && sent < max_events; ++e) {
    *cursor = e->id;
    if (!filter.Matches(e->ticket, e->queues)) continue;
    *out += e->bytes;
    ++sent;
  }
  return true;
}

uint64_t EventHub::Subscribe(const std::string& site, int64_t after_id, std::function<void()> wake) {
  std::unique_lock<std::mutex> lock(mu_);
  uint64_t handle = next_waiter_++;
  auto it = rings_.find(site);
  bool ready = stopped_ || (it != rings_.end() && it->second.last_id > after_id);
  if (!ready) {
    waiters_.emplace(handle, Waiter{site, after_id, std::move(wake)});
    return handle;
  }
  lock.unlock();
  wake();
  return handle;
}

void EventHub::Unsubscribe(uint64_t handle) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (waiters_.erase(handle) > 0) return;
  }
  // Taken already: a Publish may be running its wake right now; wait until it is done.
  std::lock_guard<std::mutex> wake_lock(wake_mu_);
}

bool EventHub::WaitForNewer(const std::string& site, int64_t after_id, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  auto newer = [&] {
    auto it = rings_.find(site);
    return stopped_ || (it != rings_.end() && it->second.last_id > after_id);
  };
  cv_.wait_for(lock, timeout, newer);
  auto it = rings_.find(site);
  return !stopped_ && it != rings_.end() && it->second.last_id > after_id;
}

void EventHub::Stop() {
  std::vector<std::function<void()>> wakes;
  std::lock_guard<std::mutex> wake_lock(wake_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    for (auto& w : waiters_) wakes.push_back(std::move(w.second.wake));
    waiters_.clear();
  }
  cv_.notify_all();
  for (auto& wake : wakes) wake();
}

bool EventHub::stopped() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stopped_;
}

}  // namespace antre
