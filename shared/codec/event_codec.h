// The data of every event type (shared/core/event_types.h), one struct per family, each
// with its encoder and decoder: the server encodes with these, the display, kiosk and tests
// decode with them, and no event JSON is glued from strings. Decoders read leniently (a
// missing field keeps its default) so an older client survives a newer server's additions.
#pragma once

#include <cstdint>
#include <string>

#include "core/local_time.h"
#include "core/model.h"
#include "core/result.h"

namespace antre {

// ticket.* events: the ticket as it is after the change. Never personal data.
struct TicketEventData {
  std::string number;
  std::string service;
  Priority priority = Priority::kNone;
  std::string status;        // TicketStatusName
  std::string counter;       // "" when no counter holds it (null on the wire)
  std::string counter_name;
  std::string from_service;  // ticket.transferred: where it came from ("" otherwise)
  std::string from_counter;  // ticket.transferred from a counter
  UnixMs at = 0;
};
TicketEventData TicketEventOf(const Ticket& t, const std::string& counter_name, UnixMs at);
std::string EncodeTicketEvent(const TicketEventData& d, const TimeZone& tz);

// counter.paused / counter.resumed.
struct CounterEventData {
  std::string counter;
  std::string counter_name;
  UnixMs at = 0;
};
std::string EncodeCounterEvent(const CounterEventData& d, const TimeZone& tz);

// announcement.removed names the announcement; announcement.published carries it whole
// (EncodeAnnouncement in domain_json.h).
std::string EncodeAnnouncementRemoved(int64_t id);

// stock.changed: only the public level (available, low, empty), never the count.
std::string EncodeStockLevel(const std::string& level);

// print.backlog / print.printed: the ticket number (and service for the backlog).
struct PrintEventData {
  std::string number;
  std::string service;  // "" for print.printed
};
std::string EncodePrintEvent(const PrintEventData& d);

// service.quota_reached.
struct QuotaEventData {
  std::string service;
  int daily_quota = 0;
};
std::string EncodeQuotaReached(const QuotaEventData& d);

// Any event's data read as the union of the fields above, for screens that follow several
// kinds (the wall display). InvalidInput if it is not a JSON object.
struct AnyEventData {
  TicketEventData ticket;  // number, service, status, counter, counter_name, from_*, at
  std::string id;          // announcement id
  LocalizedText text;      // announcement text (a string or {"id","en"})
  std::string level;       // stock level
  int daily_quota = 0;
};
Result<AnyEventData> DecodeEventData(const std::string& json);

}  // namespace antre
