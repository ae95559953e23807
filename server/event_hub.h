// Carries committed events to the open event streams. Each event is formatted as
// event-stream bytes once, when it is published, into a per-site ring of the newest events;
// every stream reads those bytes, so a call costs one encoding however many listen. The
// event log in the database stays the source of truth: a stream whose cursor is older than
// the ring reads the database instead.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/views.h"
#include "stream_gate.h"

namespace antre {

// One event as a stream sends it: "id: N\nevent: TYPE\ndata: JSON\n\n".
std::string FormatSse(const Event& e);

// Which events a stream wants. Empty: all of the site's. With a ticket: that ticket's events
// and the ticket events of the queue of `service` (a resident's page, whose place in line
// moves when a ticket of its service is called, cancelled or moved), nothing else.
struct StreamFilter {
  std::string ticket;
  std::string service;

  bool empty() const { return ticket.empty(); }
  // True if an event of `ticket` whose queue tag is `queues` (QueuesOf) passes.
  bool Matches(const std::string& event_ticket, const std::string& queues) const;
};

// The services whose queue a ticket event changes, as ",rekam," (",cetak,rekam," for a
// transfer or move from rekam); "" for other events.
std::string QueuesOf(const Event& e);

class EventHub {
 public:
  // How many events each site's ring keeps.
  static constexpr size_t kRingSize = 4096;

  // Appends the events (committed, in commit order) to their sites' rings and wakes waiters.
  void Publish(const std::vector<Event>& events);
  // Sets a site's newest event id at start-up; the ring answers for every later event.
  void Seed(const std::string& site, int64_t last_id);
  // The site's newest published event id (0 if none, or an unknown site).
  int64_t LastId(const std::string& site) const;

  // Appends to *out the stream bytes of the site's events with id > *cursor, at most
  // `max_events` of them, and moves *cursor past what it appended (and past events the
  // filter skips). Returns false, appending nothing, when the ring no longer holds every
  // event after *cursor: the caller reads the database.
  bool ReadAfter(const std::string& site, int64_t* cursor, std::string* out, size_t max_events = 200,
                 const StreamFilter& filter = {}) const;
  // Calls `wake` once, on the publishing thread (or at once on this one), when the site has
  // an event with id > after_id or the hub stops. Returns a handle for Unsubscribe.
  uint64_t Subscribe(const std::string& site, int64_t after_id, std::function<void()> wake);
  // Drops a subscription; once it returns, that wake is not called any more.
  void Unsubscribe(uint64_t handle);

  // Blocks until the site has an event newer than `after_id`, `timeout` passes, or Stop().
  // Returns true if a newer event exists.
  bool WaitForNewer(const std::string& site, int64_t after_id, std::chrono::milliseconds timeout);
  // Wakes every waiting stream and subscriber for shutdown; later waits return at once.
  void Stop();
  bool stopped() const;

  // Admission and counts of open streams, by class (device or public) and client address.
  StreamGate& streams() { return streams_; }
  // Device and public streams open together.
  int open_streams() const { return streams_.open_streams(); }

 private:
  struct Entry {
    int64_t id;
    std::string ticket;
    std::string queues;  // QueuesOf the event
    std::string bytes;
  };
  struct Ring {
    int64_t last_id = 0;
    int64_t complete_after = 0;  // the ring holds every event of the site with a larger id
    std::deque<Entry> entries;
  };
  struct Waiter {
    std::string site;
    int64_t after_id;
    std::function<void()> wake;
  };

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<std::string, Ring> rings_;
  std::map<uint64_t, Waiter> waiters_;
  uint64_t next_waiter_ = 1;
  // Held while wakes run, so Unsubscribe can wait for a wake in flight to finish.
  std::mutex wake_mu_;
  bool stopped_ = false;
  StreamGate streams_;
};

}  // namespace antre
