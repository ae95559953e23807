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
};

// A counter with what it is doing now.
struct CounterStatus {
  Counter counter;
  CounterState state = CounterState::kIdle;
  std::optional<Ticket> current;
  std::string officer;  // username of the last officer who acted here, for staff views
};

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

// Everything a wall display needs in one snapshot.
struct BoardSnapshot {
  std::string site;
  std::string site_name;
  TimeZone tz;
  std::vector<CounterStatus> counters;
  std::vector<CallRecord> recent_calls;  // newest first, at most 10
  std::vector<ServiceStatus> services;
  int64_t last_event_id = 0;
};

// One row of the event log, as streamed: id, type ("ticket.called") and JSON data.
struct Event {
  int64_t id = 0;
  std::string site;
  std::string type;
  std::string data;  // JSON object text, never personal data
  UnixMs at = 0;
};

}  // namespace antre
