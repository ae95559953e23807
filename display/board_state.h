// What the wall board shows, built from a board snapshot plus the live event stream. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/views.h"

namespace antre {

// One counter's tile: its current ticket, or paused ("Istirahat").
struct CounterTile {
  std::string id;
  std::string name;
  std::string current;  // ticket number being served, or empty
  bool is_paused = false;
};

// A service's waiting count.
struct ServiceLine {
  std::string id;
  std::string prefix;
  LocalizedText name;
  int waiting = 0;
  bool is_open = true;
};

// A line of the ticker at the bottom of the board.
struct TickerMessage {
  std::string key;  // "standing-0", or the server's announcement id
  LocalizedText text;
};

// The blank e-KTP card (blangko) stock as residents see it; kNone: the site has no print
// service (or the server predates the field), so nothing is shown.
enum class CardStock { kNone, kAvailable, kLow, kEmpty };

// Reads a wire level ("available", "low", "empty"); kNone for anything else.
CardStock ParseCardStock(const std::string& level);

// Settings of a board.
struct BoardOptions {
  std::vector<std::string> counters;  // counter ids this screen shows; empty = all
  std::vector<LocalizedText> standing_messages = {
      {"Layanan administrasi kependudukan GRATIS", "Population administration services are FREE"}};
  int64_t reconnect_mark_after_ms = 3000;  // link down this long shows "menyambung ulang…"
  // Calls kept, recalls included: enough that a few recalls never leave the board fewer than
  // the eight other tickets it shows under the newest call.
  size_t max_recent_calls = 16;
};

// What one stream event changed.
struct EventOutcome {
  bool is_duplicate = false;           // an id already seen: nothing was done
  bool is_changed = false;             // the board looks different now
  std::optional<CallRecord> announce;  // a call or recall of a shown counter to speak
};

// The board's state machine. Feed it ApplySnapshot() and ApplyEvent() in arrival order;
// read the getters to draw. Events with an id already seen are ignored, so a replay after a
// reconnect neither doubles the state nor repeats a call.
class BoardState {
 public:
  explicit BoardState(BoardOptions options = {});

  // Replaces the state with a snapshot, then re-applies events already received that are
  // newer than the snapshot (a snapshot fetched while events kept arriving loses nothing).
  // The first snapshot also marks where announcing starts: older calls are never spoken.
  // Events with ids above `concurrent_after_id` happened while the snapshot was being read:
  // the server reads counters and the event id in separate steps, so their effect on the
  // counter tiles is re-applied in order (each tile shows its newest event), whether they
  // arrived before the snapshot or arrive after it.
  void ApplySnapshot(const BoardSnapshot& snapshot, UnixMs now,
                     int64_t concurrent_after_id = INT64_MAX);

  // Applies one event (id, type such as "ticket.called", JSON data). Unknown types and bad
  // data change nothing. Returns what changed and whether a call should be spoken.
  EventOutcome ApplyEvent(int64_t id, const std::string& type, const std::string& data, UnixMs now);

  // Forgets which event ids were seen, e.g. when the server's event log was reset.
  void ResetEventIds(int64_t last_event_id);

  // Tells the board whether the event stream is live now.
  void SetLinkLive(bool is_live, UnixMs now);
  // True once the link has been down for reconnect_mark_after_ms.
  bool ShowsReconnecting(UnixMs now) const;
  // Milliseconds until the reconnecting mark appears, or -1 if it is shown or the link is up.
  int64_t ms_until_reconnect_mark(UnixMs now) const;

  bool has_snapshot() const { return has_snapshot_; }
  const std::string& site_name() const { return site_name_; }
  const TimeZone& time_zone() const { return tz_; }
  const std::vector<CounterTile>& counters() const { return counters_; }
  // Calls to shown counters, newest first (recalls included as their own entries).
  const std::vector<CallRecord>& recent_calls() const { return recent_; }
  // The call to show large, or nullptr before any.
  const CallRecord* newest_call() const { return recent_.empty() ? nullptr : &recent_.front(); }
  // When (local clock) the newest call arrived from the stream; 0 if it came in a snapshot.
  UnixMs newest_call_arrived_at() const { return newest_arrived_at_; }
  // Services the shown counters serve, in the office's order, with their waiting counts.
  const std::vector<ServiceLine>& services() const { return services_; }
  // The blank-card stock from the snapshot, kept current by stock.changed events.
  CardStock card_stock() const { return card_stock_; }
  // Standing messages, then the server's current announcements.
  std::vector<TickerMessage> ticker() const;
  // The newest event id reflected in the state.
  int64_t last_event_id() const { return last_state_id_; }
  // Increases whenever anything visible changes (a cheap "needs redraw" test).
  uint64_t version() const { return version_; }

 private:
  bool IsShown(const std::string& counter) const;
  // Changes the state for one event; true if anything visible changed.
  bool Mutate(const std::string& type, const std::string& data, UnixMs now,
              std::optional<CallRecord>* call);
  // The part of an event that sets a counter tile; true if the tile changed.
  bool ApplyTileEffect(const std::string& type, const std::string& data);
  CounterTile* FindTile(const std::string& id);
  ServiceLine* FindService(const std::string& id);

  struct RawEvent {
    int64_t id;
    std::string type;
    std::string data;
  };

  BoardOptions options_;
  bool has_snapshot_ = false;
  std::string site_name_;
  TimeZone tz_;
  std::vector<CounterTile> counters_;
  std::vector<CallRecord> recent_;
  std::vector<ServiceLine> services_;
  std::vector<TickerMessage> announcements_;
  CardStock card_stock_ = CardStock::kNone;
  UnixMs newest_arrived_at_ = 0;
  int64_t last_state_id_ = 0;                // newest event folded into the state
  int64_t last_stream_id_ = 0;               // newest event id received; older ids are duplicates
  int64_t concurrent_after_id_ = INT64_MAX;  // see ApplySnapshot
  std::deque<RawEvent> recent_events_;       // for re-applying on top of a late snapshot
  std::optional<UnixMs> offline_since_;
  uint64_t version_ = 1;
};

}  // namespace antre
