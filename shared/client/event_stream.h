// A site's live event stream read on its own thread, reconnecting and resuming by itself.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "client/sse_parser.h"

namespace antre {

// Where the stream's connection is.
enum class StreamState { kStopped, kConnecting, kLive, kReconnecting };

// Wire-style name of a state: "stopped", "connecting", "live", "reconnecting".
const char* StreamStateName(StreamState state);

// Timing of connects, retries and the dead-link check.
struct EventStreamOptions {
  long connect_timeout_ms = 3000;
  long initial_backoff_ms = 500;     // first retry delay, or the server's `retry:`; doubles per
  long max_backoff_ms = 10000;       // failed attempt, with jitter (delay is 50-100% of it)
  long dead_after_ms = 35000;        // no byte for this long (2x heartbeat) means a dead link
  std::string last_event_id;         // resume point for the first connect, e.g. a board's
  std::string bearer_token;          // a device's token: sent as Authorization, so the server
                                     // counts a device stream; empty = a public stream
  size_t max_queued_events = 10000;  // beyond this the oldest are dropped and a resync flagged
};

// Reads GET {base}/api/v1/sites/{site}/events on a background thread. Events wait in a queue
// the owner drains with Poll() (e.g. once per frame). Failures never escape: the stream
// retries with backoff forever, resuming with Last-Event-ID, until Stop().
class EventStream {
 public:
  // Prepares a stream for one site of the server at base_url; nothing connects until Start().
  EventStream(std::string base_url, std::string site, EventStreamOptions options = {});
  // Stops the thread (see Stop()).
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Starts the reader thread; calling it twice does nothing.
  void Start();
  // Asks the thread to end and joins it; returns within about a second.
  void Stop();

  // Takes every event received since the last call (oldest first); empty if none.
  std::vector<SseEvent> Poll();
  // Like Poll(), but waits up to `timeout` for at least one event.
  std::vector<SseEvent> WaitForEvents(std::chrono::milliseconds timeout);

  // Returns true once after each reconnect (or queue overflow) since the last call: events may
  // have been coalesced, so a display should re-read its snapshot.
  bool TakeResyncNeeded() { return resync_needed_.exchange(false); }

  // The current connection state.
  StreamState state() const { return state_.load(); }
  // Milliseconds since the last byte (or connect attempt); large while disconnected.
  int64_t ms_since_last_byte() const;
  // The id the next reconnect will resume from; empty before any id was seen.
  std::string last_event_id() const;
  // How many times the stream has gone live (1 after the first connect).
  int live_count() const { return live_count_.load(); }
  // How many heartbeat comments arrived over all connections.
  int64_t heartbeats_seen() const { return heartbeats_.load(); }
  // The reason the last connection ended, or empty.
  std::string last_error() const;

 private:
  friend struct StreamCallbacks;  // the curl callbacks, defined in the .cpp

  void Run();
  bool RunOnce();  // one connection, until it ends; true if it went live
  void Deliver(std::vector<SseEvent>* events);
  void SleepBackoff(long backoff_ms);
  void SetError(std::string error);
  int64_t NowMs() const;

  const std::string url_;
  const EventStreamOptions options_;
  SseParser parser_;  // used by the reader thread only
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<StreamState> state_{StreamState::kStopped};
  std::atomic<int64_t> last_byte_ms_{0};
  std::atomic<int> live_count_{0};
  std::atomic<int64_t> heartbeats_{0};
  std::atomic<bool> resync_needed_{false};

  mutable std::mutex mu_;  // guards everything below
  std::condition_variable events_cv_;
  std::condition_variable stop_cv_;
  std::deque<SseEvent> queue_;
  std::string last_event_id_;
  std::string last_error_;
};

}  // namespace antre
