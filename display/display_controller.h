// The display's live core: board snapshot + event stream -> BoardState, calls -> Announcer.
// No SDL: the program and the black-box tests drive the same object.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "announcer.h"
#include "board_state.h"
#include "client/event_stream.h"
#include "core/clock.h"
#include "core/views.h"

namespace antre {

// Where the board comes from and how hard to try.
struct ControllerOptions {
  std::string server;  // "http://127.0.0.1:8080"
  std::string site;    // "serang"
  BoardOptions board;
  EventStreamOptions stream;
  int64_t snapshot_retry_ms = 2000;      // while the first snapshot cannot be read
  int64_t refresh_every_ms = 5 * 60000;  // re-read the snapshot now and then regardless
};

// Keeps a BoardState current. A background "link" thread reads snapshots (at start, after each
// reconnect, after local midnight and every refresh_every_ms) and waits on the event stream;
// Tick(), called on the owner's thread, folds what arrived into the board and hands new calls
// to the announcer. A server that is down at start, a restart or a network cut all end in a
// live, correct board without any action.
class DisplayController {
 public:
  // `clock` and `announcer` (may be null: no voice) must outlive the controller. `log` gets
  // one line per notable change (connects, failures); `wake` is called from the link thread
  // whenever Tick() has new work (e.g. to push an SDL event); both may be empty.
  DisplayController(ControllerOptions options, const Clock* clock, Announcer* announcer,
                    std::function<void(const std::string&)> log = {},
                    std::function<void()> wake = {});
  // Stops the link thread and the stream.
  ~DisplayController();
  DisplayController(const DisplayController&) = delete;
  DisplayController& operator=(const DisplayController&) = delete;

  // Starts the link thread; the stream opens once the first snapshot was read.
  void Start();
  // Stops everything; returns within about a second.
  void Stop();

  // Applies everything that arrived and runs the announcer; true if the board changed.
  bool Tick();

  const BoardState& board() const { return board_; }
  // Where the event stream is (kStopped before the first snapshot).
  StreamState stream_state() const;
  // How many snapshots were applied.
  int snapshots_applied() const { return snapshots_applied_; }
  // The last_event_id of the first snapshot: events after it are what the stream must bring.
  int64_t first_snapshot_event_id() const { return first_snapshot_event_id_; }
  // Ids of every stream event Tick() folded in, in order (for tests and diagnostics).
  const std::vector<int64_t>& event_ids_seen() const { return event_ids_seen_; }

 private:
  // One thing the link thread hands to Tick(), in arrival order.
  struct Item {
    bool is_snapshot = false;
    BoardSnapshot snapshot;
    bool resets_ids = false;  // the server's event log restarted below ids we have seen
    int64_t seen_before = 0;  // newest event id received when the snapshot was asked for
    SseEvent event;
  };

  void RunLink();
  void Log(const std::string& line);
  void Post(std::vector<Item> items);
  bool SleepLink(int64_t ms);  // false if asked to stop
  void Announce(const CallRecord& call, UnixMs now, bool is_steady);

  ControllerOptions options_;
  const Clock* clock_;
  Announcer* announcer_;
  std::function<void(const std::string&)> log_;
  std::function<void()> wake_;
  BoardState board_;
  int snapshots_applied_ = 0;
  int64_t first_snapshot_event_id_ = -1;
  std::vector<int64_t> event_ids_seen_;
  int64_t clock_skew_ms_ = INT64_MAX;  // min(arrival - at) over steady calls; MAX = unknown
  int seen_live_count_ = 0;
  UnixMs live_since_ = 0;

  std::thread link_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> refresh_requested_{false};
  mutable std::mutex mu_;  // guards inbox_ and stream_
  std::condition_variable cv_;
  std::vector<Item> inbox_;
  std::unique_ptr<EventStream> stream_;
};

}  // namespace antre
