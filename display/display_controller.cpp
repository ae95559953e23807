#include "display_controller.h"

#include <cstdlib>

#include "client/api_client.h"
#include "core/event_types.h"
#include "core/local_time.h"

namespace antre {

namespace {

// A replay burst follows each (re)connect; events later than this after it are live ones.
constexpr int64_t kSteadyAfterMs = 2000;
// Delay of the second read after a snapshot that may have been torn.
constexpr int64_t kFollowUpMs = 1000;

int64_t ParseId(const std::string& text) {
  return text.empty() ? 0 : std::strtoll(text.c_str(), nullptr, 10);
}

}  // namespace

DisplayController::DisplayController(ControllerOptions options, const Clock* clock,
                                     Announcer* announcer,
                                     std::function<void(const std::string&)> log,
                                     std::function<void()> wake)
    : options_(std::move(options)),
      clock_(clock),
      announcer_(announcer),
      log_(std::move(log)),
      wake_(std::move(wake)),
      board_(options_.board) {}

DisplayController::~DisplayController() { Stop(); }

void DisplayController::Start() {
  if (link_.joinable()) return;
  stop_ = false;
  board_.SetLinkLive(false, clock_->NowMs());
  link_ = std::thread([this] { RunLink(); });
}

void DisplayController::Stop() {
  stop_ = true;
  cv_.notify_all();
  if (link_.joinable()) link_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (stream_) stream_->Stop();
}

StreamState DisplayController::stream_state() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stream_ ? stream_->state() : StreamState::kStopped;
}

void DisplayController::Log(const std::string& line) {
  if (log_) log_(line);
}

void DisplayController::Post(std::vector<Item> items) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (Item& item : items) inbox_.push_back(std::move(item));
  }
  if (wake_) wake_();
}

bool DisplayController::SleepLink(int64_t ms) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stop_.load(); });
  return !stop_;
}

// ---------------------------------------------------------------- link thread

void DisplayController::RunLink() {
  EnsureCurlReady();
  ApiClient api(options_.server, "", ApiClientOptions{3000, 8000});
  bool need_snapshot = true;
  bool was_followup = false;  // the last snapshot was a follow-up read; do not chain them
  bool failing = false;
  int64_t next_refresh_ms = 0;
  LocalDate snapshot_day;
  TimeZone tz;
  StreamState last_state = StreamState::kStopped;

  while (!stop_) {
    const UnixMs now = clock_->NowMs();
    bool day_changed = need_snapshot ? false : !(LocalDateAt(now, tz) == snapshot_day);
    if (need_snapshot || day_changed || now >= next_refresh_ms || refresh_requested_) {
      int64_t seen_before = 0;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (stream_) seen_before = ParseId(stream_->last_event_id());
      }
      Result<BoardSnapshot> board = api.GetBoard(options_.site);
      if (!board.ok()) {
        if (!failing) Log("board: cannot read snapshot: " + board.error().message + "; retrying");
        failing = true;
        if (!SleepLink(options_.snapshot_retry_ms)) break;
        continue;
      }
      if (failing) Log("board: snapshot read again");
      failing = false;
      need_snapshot = false;
      refresh_requested_ = false;
      // A snapshot read while events were being written may be torn (the server reads its
      // parts in separate steps): read once more a second later, when it is likely quiet.
      const bool is_concurrent = board.value().last_event_id > seen_before;
      next_refresh_ms =
          now + (is_concurrent && !was_followup ? kFollowUpMs : options_.refresh_every_ms);
      was_followup = is_concurrent && !was_followup;
      tz = board.value().tz;
      snapshot_day = LocalDateAt(now, tz);
      Item item;
      item.is_snapshot = true;
      item.snapshot = std::move(board.value());
      // Ids only grow, so a snapshot older than events seen before it was asked for means a
      // new event log (e.g. a fresh database): restart the stream from the snapshot's id.
      item.resets_ids = item.snapshot.last_event_id < seen_before;
      item.seen_before = seen_before;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (!stream_ || item.resets_ids) {
          if (stream_) stream_->Stop();
          if (item.resets_ids)
            Log("board: server event log restarted; following it from the start");
          EventStreamOptions stream_options = options_.stream;
          stream_options.last_event_id = std::to_string(item.snapshot.last_event_id);
          stream_ = std::make_unique<EventStream>(options_.server, options_.site, stream_options);
          stream_->Start();
        }
      }
      std::vector<Item> items;
      items.push_back(std::move(item));
      Post(std::move(items));
    }

    EventStream* stream = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stream = stream_.get();  // replaced only by this thread, so safe to use unlocked here
    }
    std::vector<SseEvent> events = stream->WaitForEvents(std::chrono::milliseconds(500));
    // The tiles come from the board: a counter added, renamed or closed online shows at once.
    for (const SseEvent& e : events) {
      if (e.type == event::kSiteChanged) refresh_requested_ = true;
    }
    if (!events.empty()) {
      std::vector<Item> items(events.size());
      for (size_t i = 0; i < events.size(); ++i) items[i].event = std::move(events[i]);
      Post(std::move(items));
    }
    if (stream->TakeResyncNeeded()) {
      Log("stream: reconnected; re-reading the board");
      need_snapshot = true;
    }
    StreamState state = stream->state();
    if (state != last_state) {
      if (state == StreamState::kLive) Log("stream: live");
      if (state == StreamState::kReconnecting)
        Log("stream: link lost (" + stream->last_error() + "); reconnecting");
      last_state = state;
      if (wake_) wake_();
    }
  }
}

// ---------------------------------------------------------------- owner thread

bool DisplayController::Tick() {
  std::vector<Item> items;
  int live_count = 0;
  StreamState state = StreamState::kStopped;
  {
    std::lock_guard<std::mutex> lock(mu_);
    items.swap(inbox_);
    if (stream_) {
      live_count = stream_->live_count();
      state = stream_->state();
    }
  }
  const UnixMs now = clock_->NowMs();
  if (live_count != seen_live_count_) {
    seen_live_count_ = live_count;
    live_since_ = now;
  }
  const uint64_t version_before = board_.version();
  for (Item& item : items) {
    if (item.is_snapshot) {
      if (item.resets_ids) board_.ResetEventIds(item.snapshot.last_event_id);
      board_.ApplySnapshot(item.snapshot, now, item.resets_ids ? INT64_MAX : item.seen_before);
      if (snapshots_applied_++ == 0) first_snapshot_event_id_ = item.snapshot.last_event_id;
      continue;
    }
    int64_t id = ParseId(item.event.id);
    EventOutcome outcome = board_.ApplyEvent(id, item.event.type, item.event.data, now);
    if (outcome.is_duplicate) continue;
    event_ids_seen_.push_back(id);
    if (outcome.announce) Announce(*outcome.announce, now, now - live_since_ >= kSteadyAfterMs);
  }
  board_.SetLinkLive(state == StreamState::kLive, now);
  if (announcer_) announcer_->Update();
  return board_.version() != version_before;
}

// How old a call is, judged against the server's clock as well as it can be known: a call that
// arrives on a steady live link is fresh and teaches the clock difference; one that arrives in
// a replay burst is aged with that difference (or with the local clock until one is known), so
// a display with a wrong clock is never silent and a replay is never read out.
void DisplayController::Announce(const CallRecord& call, UnixMs now, bool is_steady) {
  if (!announcer_) return;
  const int64_t lag = now - call.at;
  int64_t age;
  if (is_steady) {
    if (lag < clock_skew_ms_) clock_skew_ms_ = lag;
    age = lag - clock_skew_ms_;
  } else {
    age = clock_skew_ms_ == INT64_MAX ? lag : lag - clock_skew_ms_;
  }
  AnnounceResult result = announcer_->Announce(call.number, call.counter, now - age);
  const std::string what = (call.is_recall ? "recall " : "call ") + call.number + " -> " +
                           (call.counter_name.empty() ? call.counter : call.counter_name);
  if (result == AnnounceResult::kQueued) Log(what);
  if (result == AnnounceResult::kMuted) Log(what + " (muted)");
  if (result == AnnounceResult::kTooOld) {
    Log(what + " is " + std::to_string(age / 1000) + " s old: shown, not spoken");
  }
}

}  // namespace antre
