// Wakes event-stream connections when the store commits events. The event log in the
// database stays the source of truth; the hub only says "something newer exists".
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/views.h"

namespace antre {

class EventHub {
 public:
  // Records the newest committed event id of each site and wakes all waiting streams.
  void Publish(const std::vector<Event>& events);
  // Sets a site's newest event id at start-up.
  void Seed(const std::string& site, int64_t last_id);
  // Blocks until the site has an event newer than `after_id`, `timeout` passes, or Stop().
  // Returns true if a newer event exists.
  bool WaitForNewer(const std::string& site, int64_t after_id, std::chrono::milliseconds timeout);
  // Wakes every waiting stream for shutdown; later waits return at once.
  void Stop();
  bool stopped() const;

  // Counts open streams; TryOpenStream fails when `max` are already open.
  bool TryOpenStream(int max);
  void CloseStream();
  int open_streams() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, int64_t> last_ids_;
  bool stopped_ = false;
  int open_streams_ = 0;
};

}  // namespace antre
