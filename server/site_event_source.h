// One open event stream of a site, pulled by the transport: a hello, then every event after
// its cursor, read from the hub's ring of encoded events or, when the ring no longer reaches
// back that far, from the store's event log.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "event_hub.h"
#include "http/message.h"
#include "store.h"

namespace antre {

class SiteEventSource : public StreamSource {
 public:
  // Events after `cursor` that pass `filter`. Owns `slot`, the place the caller got from
  // hub->streams(): it is given back when this source is destroyed.
  SiteEventSource(Store* store, EventHub* hub, std::string site, int64_t cursor, StreamFilter filter,
                  std::chrono::milliseconds heartbeat, StreamSlot slot);
  ~SiteEventSource() override;
  SiteEventSource(const SiteEventSource&) = delete;
  SiteEventSource& operator=(const SiteEventSource&) = delete;

  // The first call appends the hello ("retry: 2000" and a comment); later ones the events
  // after the cursor, at most a batch. Returns false once the hub stopped, or when the store
  // cannot be read (the client then reconnects and resumes from its last id).
  bool Read(std::string* out) override;
  // Subscribes to the hub: `wake` runs once there is an event after the cursor, or at stop.
  void OnReady(std::function<void()> wake) override;
  void CancelWait() override;
  std::chrono::milliseconds heartbeat() const override { return heartbeat_; }

 private:
  Store* store_;
  EventHub* hub_;
  const std::string site_;
  const StreamFilter filter_;
  const std::chrono::milliseconds heartbeat_;
  int64_t cursor_;
  bool has_sent_hello_ = false;
  bool is_waiting_ = false;
  uint64_t wait_handle_ = 0;
  StreamSlot slot_;  // last member: released after the wait is cancelled
};

}  // namespace antre
