// The domain's nouns: sites, services, counters, tickets, and their states.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking_rules.h"
#include "clock.h"
#include "local_time.h"
#include "opening_hours.h"

namespace antre {

// Priority groups entitled to special treatment (UU 25/2009 Pasal 29).
enum class Priority { kNone, kLansia, kDisabilitas, kHamil };

// Where a ticket is in its life.
enum class TicketStatus { kWaiting, kCalled, kDone, kNoShow, kExpired, kCancelled };

// What a counter is doing.
enum class CounterState { kIdle, kServing, kPaused };

// Wire names: "lansia", "waiting", "serving"... and back. Parse returns false on unknown text.
const char* PriorityName(Priority p);
bool ParsePriority(const std::string& text, Priority* out);
const char* TicketStatusName(TicketStatus s);
bool ParseTicketStatus(const std::string& text, TicketStatus* out);
const char* CounterStateName(CounterState s);

// A name in the two UI languages.
struct LocalizedText {
  std::string id;  // Bahasa Indonesia
  std::string en;  // English
};

// The largest per-service target wait, in minutes (a whole office day).
constexpr int kMaxTargetWaitMinutes = 480;

// A kind of service residents queue for (e.g. Perekaman e-KTP, prefix A).
struct Service {
  std::string id;
  std::string prefix;
  LocalizedText name;
  bool is_open = true;
  int default_service_minutes = 5;  // used for estimates until real data exists
  OpeningHours hours{};             // walk-in hours; unset = whenever is_open
  int daily_quota = 0;              // walk-in tickets per local day; 0 = no quota
  int target_wait_minutes = 30;     // reports: the share of tickets called within this wait
  LocalizedText description{};      // one plain line for residents ("foto, sidik jari"); may be empty
};

// A service point (loket) and the services it may call.
struct Counter {
  std::string id;
  std::string name;
  std::vector<std::string> services;
  // False once an admin closes the counter: it calls nothing and leaves the board and the
  // console's choices, while its past events and reports stay.
  bool is_open = true;
  bool Serves(const std::string& service) const;
};

// A point on the map in decimal degrees (WGS 84), to list the nearest office first.
struct GeoPoint {
  double lat = 0;  // -90..90
  double lon = 0;  // -180..180
};

// Whether lat/lon are both within range.
bool IsValidGeoPoint(const GeoPoint& p);

// An office with its own queue, time zone and numbering.
struct Site {
  std::string id;
  std::string name;
  TimeZone tz;
  std::string address;                // for residents: where the office is; may be empty
  std::optional<GeoPoint> location;   // unset: not shown on distance order
  std::vector<Service> services;
  std::vector<Counter> counters;
  int priority_cap = 3;  // consecutive priority calls before a waiting normal ticket goes first
  BookingSettings booking;
  std::vector<SlotRule> slot_rules;  // empty: no online booking at this site

  const Service* FindService(const std::string& service_id) const;
  const Counter* FindCounter(const std::string& counter_id) const;
  // Whether the office prints e-KTP cards (has a print service): only then do blank cards and a
  // print backlog mean anything.
  bool PrintsCards() const { return !booking.print_service.empty(); }
};

// A queue ticket as the queue rules see it. Carries no personal data.
struct Ticket {
  std::string id;      // unguessable public id
  std::string site;
  std::string number;  // "A007"
  std::string service;
  Priority priority = Priority::kNone;
  TicketStatus status = TicketStatus::kWaiting;
  std::string day;     // local date of issue, "YYYY-MM-DD"
  UnixMs issued_at = 0;
  UnixMs order_at = 0;  // queue order key: issue time for walk-ins
  std::optional<std::string> counter;  // holder while called
  UnixMs called_at = 0;
  UnixMs finished_at = 0;
  int recalls = 0;
  std::string booking;  // booking code for a checked-in booking, else ""
};

// An online booking. Holds personal data: never put it on public endpoints, events or logs.
struct Booking {
  std::string code;  // 8 unambiguous characters
  std::string site;
  std::string service;
  UnixMs slot_start = 0;
  UnixMs slot_end = 0;
  std::string status = "booked";  // booked | checked_in | cancelled | no_show
  std::string nik;
  std::string name;
  std::string phone;          // +62…
  std::string delivery_json;  // "" or {"kecamatan","kelurahan","street","house"}
  UnixMs created_at = 0;
  std::string ticket_id;      // after check-in
  std::string channel = "web";  // "web", or "operator": booked for the resident by kelurahan staff
  std::string operator_user;    // the operator's username; staff and audit only, never public
};

}  // namespace antre
