// Today's committed state of one site, in memory: its tickets of the day (and any still
// waiting from earlier days), the waiting queue, the counters, recent service times and
// calls. The store builds it from the database at start and applies each committed batch's
// ticket and counter rows and events to it; readers answer from it with no SQL and without
// the writer's lock. Pure: no I/O, no clock (the caller passes "now" and "today").
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/views.h"
#include "core/waiting_queue.h"

namespace antre {

// A counter's row as stored: what it does now and who last acted there.
struct CounterRow {
  std::string id;
  CounterState state = CounterState::kIdle;
  std::optional<std::string> current_ticket;
  std::string officer;
};

class SiteState {
 public:
  // Recent service durations kept per service for the wait estimate (as the store's query).
  static constexpr size_t kRecentDurations = 20;
  // Calls kept for the board, newest first.
  static constexpr size_t kRecentCalls = 16;

  SiteState() = default;
  SiteState(const Site& site, std::string today);

  // The site model (services, counters, booking rules) changed by an admin.
  void SetSite(const Site& site);
  const Site& site() const { return site_; }

  // A ticket row as written; `seq` is its queue sequence (the row's insert order). A ticket
  // of a later day than the state's moves the state to that day first.
  void PutTicket(const Ticket& t, int64_t seq);
  // A counter row as written.
  void PutCounter(const CounterRow& row);
  // A committed event: the newest event id, and for calls the board's recent calls.
  void AddEvent(const Event& e);
  // A call of today read back from the event log (when rebuilding), oldest first.
  void AddCall(const CallRecord& call);
  // Moves the state to another local day (the rollover; a later one, but a test clock may
  // go back): counts and calls start again from zero.
  void StartDay(const std::string& day);
  // Live announcements and the public stock level, as re-read after a batch changed them.
  void SetAnnouncements(std::vector<Announcement> live) { announcements_ = std::move(live); }
  void SetStockLevel(std::string level) { stock_level_ = std::move(level); }
  // A service duration of an earlier day, loaded at start (newest first).
  void AddPastDuration(const std::string& service, UnixMs finished_at, double minutes);

  // --- reads; `today` is the site's local date now, so counts of an earlier day read as 0
  const Ticket* FindTicket(const std::string& id) const;
  // The ticket's 1-based place in its service's queue (0 if not waiting) and estimate.
  TicketView ViewOf(const Ticket& t) const;
  int EstimateFor(const std::string& service, int people_ahead) const;
  std::vector<ServiceStatus> Services(UnixMs now, const std::string& today) const;
  // The site's counters in order; closed ones only `with_closed` (the admin's list).
  std::vector<CounterStatus> Counters(const std::string& today, bool with_closed = false) const;
  BoardSnapshot Board(UnixMs now, const std::string& today) const;
  const WaitingQueue& queue() const { return queue_; }
  int64_t last_event_id() const { return last_event_id_; }
  const std::vector<Announcement>& announcements() const { return announcements_; }
  const std::string& stock_level() const { return stock_level_; }
  const std::string& day() const { return day_; }
  // Walk-in tickets issued today under the service's prefix (for its daily quota).
  int WalkInsToday(const std::string& service, const std::string& today) const;

  // The first difference from `other` (tickets, queue, counters, counts, durations, calls),
  // or "" when the two agree: a state kept incrementally must equal one rebuilt.
  std::string DiffersFrom(const SiteState& other) const;

 private:
  struct Duration {
    UnixMs finished_at;
    double minutes;
  };
  void CountTicket(const Ticket& t, int delta);
  void AddDuration(const std::string& service, UnixMs finished_at, double minutes);

  Site site_;
  std::string day_;
  std::map<std::string, Ticket> tickets_;  // today's, and earlier days' still waiting
  WaitingQueue queue_;
  std::map<std::string, CounterRow> counters_;
  std::map<std::string, int> done_today_;     // by counter
  std::map<std::string, int> no_show_today_;  // by counter
  std::map<std::string, int> walk_ins_;       // today's walk-in tickets by number prefix
  std::map<std::string, std::deque<Duration>> durations_;  // by service, newest first
  std::deque<CallRecord> calls_;                           // newest first
  std::vector<Announcement> announcements_;
  std::string stock_level_;
  int64_t last_event_id_ = 0;
};

}  // namespace antre
