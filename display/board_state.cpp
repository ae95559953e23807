#include "board_state.h"

#include <algorithm>
#include <set>

#include "codec/event_codec.h"
#include "core/local_time.h"
#include "core/event_types.h"

namespace antre {

namespace {

constexpr size_t kKeptEvents = 512;

// The fields of a ticket or counter event's data this board uses.
struct EventData {
  std::string number, service, counter, counter_name, from_service, from_counter;
  std::string announcement_id;
  std::string level;  // stock.changed
  LocalizedText text;
  UnixMs at = 0;
};

// Reads an event's data with the shared decoder (codec/event_codec.h).
bool ParseEventData(const std::string& json, EventData* out) {
  auto decoded = DecodeEventData(json);
  if (!decoded.ok()) return false;
  const TicketEventData& t = decoded.value().ticket;
  out->number = t.number;
  out->service = t.service;
  out->counter = t.counter;
  out->counter_name = t.counter_name;
  out->from_service = t.from_service;
  out->from_counter = t.from_counter;
  out->at = t.at;
  out->announcement_id = decoded.value().id;
  out->level = decoded.value().level;
  out->text = decoded.value().text;
  return true;
}

}  // namespace

CardStock ParseCardStock(const std::string& level) {
  if (level == "available") return CardStock::kAvailable;
  if (level == "low") return CardStock::kLow;
  if (level == "empty") return CardStock::kEmpty;
  return CardStock::kNone;
}

BoardState::BoardState(BoardOptions options) : options_(std::move(options)) {}

bool BoardState::IsShown(const std::string& counter) const {
  if (options_.counters.empty()) return true;
  return std::find(options_.counters.begin(), options_.counters.end(), counter) !=
         options_.counters.end();
}

CounterTile* BoardState::FindTile(const std::string& id) {
  for (CounterTile& tile : counters_) {
    if (tile.id == id) return &tile;
  }
  return nullptr;
}

ServiceLine* BoardState::FindService(const std::string& id) {
  for (ServiceLine& line : services_) {
    if (line.id == id) return &line;
  }
  return nullptr;
}

// ---------------------------------------------------------------- snapshot

void BoardState::ApplySnapshot(const BoardSnapshot& snapshot, UnixMs now,
                               int64_t concurrent_after_id) {
  site_name_ = snapshot.site_name;
  tz_ = snapshot.tz;
  counters_.clear();
  std::set<std::string> served;
  for (const CounterStatus& status : snapshot.counters) {
    if (!IsShown(status.counter.id)) continue;
    CounterTile tile;
    tile.id = status.counter.id;
    tile.name = status.counter.name;
    tile.is_paused = status.state == CounterState::kPaused;
    if (status.current) tile.current = status.current->number;
    counters_.push_back(tile);
    served.insert(status.counter.services.begin(), status.counter.services.end());
  }
  // The snapshot's live announcements replace what the stream said before (it may have
  // missed a removal while disconnected).
  announcements_.clear();
  for (const Announcement& a : snapshot.announcements) announcements_.push_back({std::to_string(a.id), a.text});
  services_.clear();
  for (const ServiceStatus& status : snapshot.services) {
    if (!options_.counters.empty() && served.count(status.service.id) == 0) continue;
    services_.push_back({status.service.id, status.service.prefix, status.service.name,
                         status.waiting, status.service.is_open});
  }
  card_stock_ = ParseCardStock(snapshot.stock_level);
  recent_.clear();
  for (const CallRecord& call : snapshot.recent_calls) {
    if (IsShown(call.counter) && recent_.size() < options_.max_recent_calls) {
      recent_.push_back(call);
    }
  }
  newest_arrived_at_ = 0;
  last_state_id_ = snapshot.last_event_id;
  if (!has_snapshot_) last_stream_id_ = std::max(last_stream_id_, snapshot.last_event_id);
  has_snapshot_ = true;

  concurrent_after_id_ = concurrent_after_id;
  for (const RawEvent& event : recent_events_) {
    if (event.id > concurrent_after_id_ && event.id <= last_state_id_) {
      ApplyTileEffect(event.type, event.data);
    }
  }
  // Events that arrived while the snapshot was on its way are newer than it: fold them in.
  for (const RawEvent& event : recent_events_) {
    if (event.id <= last_state_id_) continue;
    std::optional<CallRecord> ignored;
    Mutate(event.type, event.data, now, &ignored);
    last_state_id_ = event.id;
  }
  ++version_;
}

void BoardState::ResetEventIds(int64_t last_event_id) {
  last_stream_id_ = last_event_id;
  last_state_id_ = std::min(last_state_id_, last_event_id);
  recent_events_.clear();
}

// ---------------------------------------------------------------- events

EventOutcome BoardState::ApplyEvent(int64_t id, const std::string& type, const std::string& data,
                                    UnixMs now) {
  EventOutcome outcome;
  if (id <= last_stream_id_) {  // a duplicate from a replay
    outcome.is_duplicate = true;
    return outcome;
  }
  last_stream_id_ = id;
  recent_events_.push_back({id, type, data});
  if (recent_events_.size() > kKeptEvents) recent_events_.pop_front();

  std::optional<CallRecord> call;
  if (id > last_state_id_) {
    outcome.is_changed = Mutate(type, data, now, &call);
    last_state_id_ = id;
    if (call) call->event_id = id;
  } else {
    if (id > concurrent_after_id_) outcome.is_changed = ApplyTileEffect(type, data);
    if (type == event::kTicketCalled || type == event::kTicketRecalled) {
      // Already in the snapshot, but it still happened recently enough to be worth saying.
      EventData d;
      if (ParseEventData(data, &d) && IsShown(d.counter)) {
        call = CallRecord{
            id, d.number, d.service, d.counter, d.counter_name, d.at, type == event::kTicketRecalled};
      }
    }
  }
  outcome.announce = call;
  if (outcome.is_changed) ++version_;
  return outcome;
}

bool BoardState::ApplyTileEffect(const std::string& type, const std::string& data) {
  EventData d;
  if (!ParseEventData(data, &d)) return false;
  if (type == event::kTicketCalled || type == event::kTicketRecalled) {
    CounterTile* tile = IsShown(d.counter) ? FindTile(d.counter) : nullptr;
    if (!tile || tile->current == d.number) return false;
    tile->current = d.number;
    return true;
  }
  if (type == event::kTicketDone || type == event::kTicketNoShow || type == event::kTicketTransferred) {
    CounterTile* tile = FindTile(type == event::kTicketTransferred ? d.from_counter : d.counter);
    if (!tile || tile->current != d.number) return false;
    tile->current.clear();
    return true;
  }
  if (type == event::kCounterPaused || type == event::kCounterResumed) {
    CounterTile* tile = FindTile(d.counter);
    const bool is_paused = type == event::kCounterPaused;
    if (!tile || tile->is_paused == is_paused) return false;
    tile->is_paused = is_paused;
    return true;
  }
  return false;
}

bool BoardState::Mutate(const std::string& type, const std::string& data, UnixMs now,
                        std::optional<CallRecord>* call) {
  EventData d;
  if (!ParseEventData(data, &d)) return false;
  bool changed = false;

  if (type == event::kTicketCalled || type == event::kTicketRecalled) {
    if (type == event::kTicketCalled) {
      // The ticket leaves the waiting line of its service.
      if (ServiceLine* line = FindService(d.service)) {
        line->waiting = std::max(0, line->waiting - 1);
        changed = true;
      }
    }
    if (!IsShown(d.counter)) return changed;
    if (CounterTile* tile = FindTile(d.counter)) tile->current = d.number;
    CallRecord record{
        0, d.number, d.service, d.counter, d.counter_name, d.at, type == event::kTicketRecalled};
    recent_.insert(recent_.begin(), record);
    if (recent_.size() > options_.max_recent_calls) recent_.resize(options_.max_recent_calls);
    newest_arrived_at_ = now;
    *call = record;
    return true;
  }
  if (type == event::kTicketDone || type == event::kTicketNoShow) {
    CounterTile* tile = FindTile(d.counter);
    if (tile && tile->current == d.number) {
      tile->current.clear();
      changed = true;
    }
    return changed;
  }
  if (type == event::kTicketTransferred) {
    // Back to waiting in another service; the counter that held it becomes idle.
    if (CounterTile* tile = FindTile(d.from_counter)) {
      if (tile->current == d.number) {
        tile->current.clear();
        changed = true;
      }
    }
    if (ServiceLine* line = FindService(d.service)) {
      ++line->waiting;
      changed = true;
    }
    for (CallRecord& record : recent_) {
      if (record.number == d.number) record.service = d.service;
    }
    return changed;
  }
  if (type == event::kTicketIssued) {
    if (ServiceLine* line = FindService(d.service)) {
      ++line->waiting;
      return true;
    }
    return false;
  }
  if (type == event::kTicketExpired) {
    if (ServiceLine* line = FindService(d.service)) {
      line->waiting = std::max(0, line->waiting - 1);
      return true;
    }
    return false;
  }
  if (type == event::kCounterPaused || type == event::kCounterResumed) {
    CounterTile* tile = FindTile(d.counter);
    if (!tile) return false;
    tile->is_paused = type == event::kCounterPaused;
    return true;
  }
  if (type == event::kAnnouncementPublished) {
    if (d.announcement_id.empty() || d.text.id.empty()) return false;
    for (TickerMessage& message : announcements_) {
      if (message.key == d.announcement_id) {
        message.text = d.text;
        return true;
      }
    }
    announcements_.push_back({d.announcement_id, d.text});
    return true;
  }
  if (type == event::kStockChanged) {
    // The event carries the new level itself, so no board re-read is needed. A site whose
    // snapshot has no stock (no print service) keeps showing none.
    CardStock level = ParseCardStock(d.level);
    if (card_stock_ == CardStock::kNone || level == CardStock::kNone || level == card_stock_)
      return false;
    card_stock_ = level;
    return true;
  }
  if (type == event::kAnnouncementRemoved) {
    auto it = std::remove_if(announcements_.begin(), announcements_.end(),
                             [&](const TickerMessage& m) { return m.key == d.announcement_id; });
    changed = it != announcements_.end();
    announcements_.erase(it, announcements_.end());
    return changed;
  }
  return false;
}

// ---------------------------------------------------------------- link and ticker

void BoardState::SetLinkLive(bool is_live, UnixMs now) {
  bool was_marked = ShowsReconnecting(now);
  if (is_live) {
    offline_since_.reset();
  } else if (!offline_since_) {
    offline_since_ = now;
  }
  if (was_marked != ShowsReconnecting(now)) ++version_;
}

bool BoardState::ShowsReconnecting(UnixMs now) const {
  return offline_since_ && now - *offline_since_ >= options_.reconnect_mark_after_ms;
}

int64_t BoardState::ms_until_reconnect_mark(UnixMs now) const {
  if (!offline_since_ || ShowsReconnecting(now)) return -1;
  return options_.reconnect_mark_after_ms - (now - *offline_since_);
}

std::vector<TickerMessage> BoardState::ticker() const {
  std::vector<TickerMessage> out;
  for (size_t i = 0; i < options_.standing_messages.size(); ++i) {
    out.push_back({"standing-" + std::to_string(i), options_.standing_messages[i]});
  }
  out.insert(out.end(), announcements_.begin(), announcements_.end());
  return out;
}

}  // namespace antre
