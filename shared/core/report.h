// Supervisor reports: a pure fold of event-log rows into counts, waiting and service times,
// per-hour and per-day figures. No I/O; the store streams the rows in, the codecs print them.
//
// Definitions (every figure on the page, in the JSON and in the CSV comes from here):
// - A ticket's waiting time runs from its `ticket.issued` to its first `ticket.called`
//   (recalls and calls after a transfer do not restart it). Its service time runs from its
//   latest `ticket.called` to its `ticket.done`. A ticket lives within one local day (the
//   rollover expires the rest), so a call whose issue is not in the same day is skipped.
// - Durations are kept in milliseconds and reported in whole seconds, rounded half up.
//   mean = sum / n; median = the middle value (n odd) or the mean of the two middle values
//   (n even); p90 = nearest rank: the value at position ceil(0.9 * n) of the sorted list.
// - "Within target": waiting time <= the service's target (minutes). Its share is
//   100 * within / waited, rounded to one decimal.
// - Each event counts for the key it names: its service (from the event data), its counter,
//   or, for events that name a counter, its actor (the officer who called or finished the
//   ticket). Events that name no counter (issue, expiry, bookings) count in the service rows
//   and the totals only.
// - Tickets per hour: issued by the local hour of issue, served by the local hour of finish.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "clock.h"
#include "local_time.h"

namespace antre {

// How the rows of a report are keyed.
enum class ReportGroup { kService, kCounter, kOfficer };

// "service", "counter", "officer" and back; Parse returns false on other text.
const char* ReportGroupName(ReportGroup g);
bool ParseReportGroup(const std::string& text, ReportGroup* out);

// The longest range a report may cover, in days (from and to inclusive).
constexpr int kMaxReportDays = 366;

// One event-log row, reduced to what reports read.
struct ReportEvent {
  std::string type;     // "ticket.issued", "booking.created", ...
  std::string ticket;   // ticket id, or ""
  std::string counter;  // counter id, or ""
  std::string actor;    // username, "system", or ""
  std::string service;  // the event data's "service", or ""
  std::string day;      // local date of the event, "YYYY-MM-DD"
  UnixMs at = 0;
};

// Summary of a list of durations, in whole seconds. All zero when count is 0.
struct DurationStats {
  int count = 0;
  int64_t mean_s = 0;
  int64_t median_s = 0;
  int64_t p90_s = 0;
};

// Computes DurationStats as defined above; sorts `ms` in place.
DurationStats SummarizeDurations(std::vector<int64_t>* ms);

// Rounds 100 * part / whole to one decimal (0 when whole is 0).
double SharePercent(int part, int whole);

// The figures of one row (a service, a counter, an officer, or the total).
struct ReportRow {
  std::string key;
  int target_minutes = 0;  // service rows: the service's target wait; else 0
  int issued = 0;
  int called = 0;  // first calls: tickets that stopped waiting
  int served = 0;
  int no_show = 0;
  int expired = 0;
  int cancelled = 0;
  DurationStats wait;
  DurationStats service;
  int within_target = 0;  // of wait.count
  double within_target_pct = 0;
  int bookings_made = 0;
  int bookings_checked_in = 0;
  int bookings_no_show = 0;
  int bookings_cancelled = 0;
};

// Tickets per local hour of day, over the whole range.
struct ReportHour {
  int hour = 0;
  int issued = 0;
  int served = 0;
};

// One local day of the range.
struct ReportDay {
  std::string day;
  int issued = 0;
  int served = 0;
  int no_show = 0;
  int waited = 0;
  int64_t wait_mean_s = 0;
};

// The print backlog: added and printed in the range; its length and the age of its oldest
// item at the end of the range (or now, if the range has not ended).
struct BacklogFigures {
  int added = 0;
  int printed = 0;
  int length = 0;
  int64_t oldest_age_s = 0;
  UnixMs as_of = 0;
};

// Courier moves recorded in the range, by action.
struct DeliveryFigures {
  int out = 0;
  int delivered = 0;
  int failed = 0;
  int retry = 0;
  int pickup = 0;
};

// Bookings made in the range (by the day they were made) from one source: a channel ("web",
// "operator") and, for operator bookings, the operator, so the office sees which kelurahan
// bring residents in. checked_in counts those whose resident has come.
struct BookingSource {
  std::string channel;
  std::string operator_user;  // "" for web bookings
  int bookings = 0;
  int checked_in = 0;
};

// A whole report.
struct Report {
  std::string site;
  std::string from;  // "YYYY-MM-DD", inclusive
  std::string to;    // inclusive
  ReportGroup group = ReportGroup::kService;
  ReportRow total;
  std::vector<ReportRow> rows;    // sorted: services in site order, then by key
  std::vector<ReportHour> hours;  // 24 entries
  std::vector<ReportDay> days;    // one per day of the range
  BacklogFigures backlog;
  DeliveryFigures delivery;
  std::vector<BookingSource> booking_sources;  // channel "web" first, then operators by name
};

// What a report needs to know about the site.
struct ReportSettings {
  std::string site;
  TimeZone tz;
  LocalDate from;
  LocalDate to;
  ReportGroup group = ReportGroup::kService;
  std::vector<std::string> key_order;         // keys listed first, in this order (service ids)
  std::map<std::string, int> target_minutes;  // per service; others use default_target_minutes
  int default_target_minutes = 30;
};

// Checks a range: from <= to and at most kMaxReportDays days. InvalidInput otherwise.
Status CheckReportRange(const LocalDate& from, const LocalDate& to);

// Folds events, given in log order, into a report.
class ReportBuilder {
 public:
  explicit ReportBuilder(ReportSettings settings);
  // Adds one event; events outside the range or of types reports ignore change nothing.
  void Add(const ReportEvent& e);
  // The report; backlog and delivery figures are left for the caller to fill.
  Report Finish();

 private:
  struct TicketState {
    UnixMs issued_at = 0;
    UnixMs last_call_at = 0;
    bool called = false;
  };
  struct Samples {
    ReportRow row;
    std::vector<int64_t> waits;
    std::vector<int64_t> services;
  };
  struct DaySamples {
    ReportDay day;
    int64_t wait_sum_ms = 0;
  };
  // The row the event counts for, or nullptr if it names no key of the report's group.
  Samples* RowFor(const ReportEvent& e);
  void Count(const ReportEvent& e, int ReportRow::*field);
  DaySamples* DayOf(const std::string& day);
  int HourOf(UnixMs at) const;

  ReportSettings settings_;
  std::string current_day_;
  DaySamples* current_ = nullptr;  // the entry of current_day_, or nullptr if outside the range
  std::unordered_map<std::string, TicketState> tickets_;  // of the current day only
  std::map<std::string, Samples> rows_;
  Samples total_;
  std::vector<ReportHour> hours_;
  std::vector<DaySamples> days_;
  long first_day_ = 0;
  int backlog_added_ = 0;
  int backlog_printed_ = 0;
};

}  // namespace antre
