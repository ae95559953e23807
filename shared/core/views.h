// Read models: what the API shows of tickets, services, counters and the wall board.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model.h"

namespace antre {

// A ticket with the facts that change while it waits.
struct TicketView {
  Ticket ticket;
  int position = 0;      // 1-based place in its service while waiting, else 0
  int ewt_minutes = 0;   // estimated wait while waiting
  std::string counter_name;  // while called
};

// A service with its live queue figures.
struct ServiceStatus {
  Service service;
  int waiting = 0;
  int ewt_minutes = 0;  // for a ticket taken now
  bool is_print = false;       // the card-printing service (print outcome, stock)
  bool has_delivery = false;   // bookings may choose home delivery
  bool is_open_now = true;            // is_open and within its hours now
  std::optional<UnixMs> next_open{};  // when closed: the next opening by its hours, if any
  std::optional<int> remaining{};     // walk-in tickets left today under daily_quota
  int counters_open = 0;              // counters open now that call it; -1 unknown (older server)
};

// A counter with what it is doing now.
struct CounterStatus {
  Counter counter;
  CounterState state = CounterState::kIdle;
  std::optional<Ticket> current;
  std::string officer;  // username of the last officer who acted here, for staff views
  int done_today = 0;   // tickets finished here today (staff views)
  int no_show_today = 0;
};

// A waiting ticket as staff see it in the queue list.
struct QueuedTicket {
  Ticket ticket;
  int position = 0;
  int waiting_minutes = 0;
};

// A service's queue figures for staff.
struct ServiceQueue {
  std::string service;
  int waiting = 0;
  int longest_wait_minutes = 0;
  int ewt_minutes = 0;
};

// The whole waiting queue of a site for staff screens.
struct QueueSnapshot {
  std::vector<ServiceQueue> services;
  std::vector<QueuedTicket> tickets;  // per service in call order
};

// A kiosk or wall display as supervisors see it: is it working, is it still checking in.
struct DeviceStatus {
  std::string id;
  std::string site;
  std::string kind = "kiosk";     // kiosk | display
  std::string state = "unknown";  // kiosk printer: ok | paper_out | error | offline; display audio: ok | none | muted
  std::string message;
  UnixMs last_seen = 0;
  bool silent = false;  // has not checked in for kDeviceSilentMs (or never has)
};

// Kiosks check in every 60 s and displays every 30 s; three minutes without a word means
// the device is off, frozen or cut from the network.
constexpr UnixMs kDeviceSilentMs = 3 * 60 * 1000;

// One call as the wall board lists it.
struct CallRecord {
  int64_t event_id = 0;
  std::string number;
  std::string service;
  std::string counter;
  std::string counter_name;
  UnixMs at = 0;
  bool is_recall = false;
};

// A message for the displays' ticker and the kiosk, shown between its start and end.
struct Announcement {
  int64_t id = 0;
  LocalizedText text;
  UnixMs starts_at = 0;
  UnixMs ends_at = 0;
  std::string state;  // scheduled | live | ended | removed
};

// Everything a wall display needs in one snapshot.
struct BoardSnapshot {
  std::string site;
  std::string site_name;
  TimeZone tz;
  std::vector<CounterStatus> counters;
  std::vector<CallRecord> recent_calls;  // newest first, at most 16 (a display shows 8 besides recalls)
  std::vector<ServiceStatus> services;
  std::vector<Announcement> announcements;  // live now
  // The public blank-card (blangko) level, as StockLevel names it: available | low | empty.
  // Empty when the site has no print service (no stock to show).
  std::string stock_level;
  int64_t last_event_id = 0;
};

// A booking slot with the places left.
struct SlotAvailability {
  Slot slot;
  int remaining = 0;
  UnixMs opens_at = 0;  // the day's release time while it is not released yet, else 0
};

// A booking request entered in a release draw, and what became of it.
struct BookingRequest {
  std::string id;
  std::string site;
  std::string status = "pending";  // pending | booked | refused
  UnixMs draw_at = 0;              // when the draw is made
  std::string booking_code;        // when booked
  std::string reason_code;         // when refused: the error code a direct request would have had
  std::string reason;              // and its English message
};

// Bookings of a period per client address and per phone prefix, most first, to show a
// broker's pattern. Counts and prefixes only: never a full phone number.
struct BookingSourceCount {
  std::string key;  // an address, or a phone prefix such as "081299"
  int count = 0;
};
struct BookingSources {
  int total = 0;  // web bookings made in the period
  std::vector<BookingSourceCount> by_address;
  std::vector<BookingSourceCount> by_phone_prefix;
};

// A card waiting in the print backlog (first in, first out across the office).
struct BacklogItem {
  int64_t id = 0;
  std::string ticket;
  std::string number;
  std::string booking;  // "" for walk-ins
  UnixMs created_at = 0;
  int position = 0;
};

// A finished card on its way to a resident's home. Holds personal data (staff only).
struct DeliveryItem {
  int64_t id = 0;
  std::string booking;
  std::string status;  // pending | out | delivered | failed | pickup
  std::string name;
  std::string kecamatan, kelurahan, street, house;
  std::string receiver, reason;
  UnixMs updated_at = 0;
};

// Where a booking stands, for the resident's status page.
struct BookingProgress {
  std::string ticket_number, ticket_status;  // empty before check-in
  std::string print;                         // "", "printed" or "backlog"
  int backlog_position = 0;                  // while in the backlog
  std::string delivery;                      // "" or the delivery status
};

// A message for the SMS/WhatsApp gateway and its delivery state.
struct Notification {
  int64_t id = 0;
  std::string site;
  std::string kind;     // booking.created | booking.reminder | ticket.almost_called
  std::string booking;
  std::string payload;  // JSON sent to the webhook (personal data: staff only)
  std::string status;   // pending | sent | failed
  int attempts = 0;
  UnixMs next_at = 0;
  std::string last_error;
  UnixMs created_at = 0;
  UnixMs sent_at = 0;  // 0 until delivered
};

// One line of the audit view: a login or staff change from the audit log ("audit"), or a
// counter action from the event log ("event"), with who did it and when.
struct AuditEntry {
  std::string source;  // audit | event
  int64_t id = 0;      // row id within its source
  UnixMs at = 0;
  std::string actor;
  std::string action;  // "login", "ticket.cancel", "stock.received", "ticket.called", ...
  std::string target;  // ticket number, username, site/service, ...
  std::string detail;
};

// Which audit lines to read: one actor or all, a time range, and a page that starts strictly
// after (older than) the position `before_*` when has_before is set.
struct AuditQuery {
  std::string actor;  // "" = everyone
  UnixMs from = 0;    // inclusive
  UnixMs to = INT64_MAX;  // exclusive
  int limit = 100;
  bool has_before = false;
  UnixMs before_at = 0;
  std::string before_source;
  int64_t before_id = 0;
};

// One row of the event log, as streamed: id, type ("ticket.called") and JSON data.
struct Event {
  int64_t id = 0;
  std::string site;
  std::string type;
  std::string data;  // JSON object text, never personal data
  UnixMs at = 0;
  std::string ticket;  // the ticket it concerns, or "" (not sent; streams filter by it)
};

}  // namespace antre
