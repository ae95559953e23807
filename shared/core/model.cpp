#include "model.h"

#include <algorithm>

namespace antre {

const char* PriorityName(Priority p) {
  switch (p) {
    case Priority::kNone: return "none";
    case Priority::kLansia: return "lansia";
    case Priority::kDisabilitas: return "disabilitas";
    case Priority::kHamil: return "hamil";
  }
  return "none";
}

bool ParsePriority(const std::string& text, Priority* out) {
  for (Priority p : {Priority::kNone, Priority::kLansia, Priority::kDisabilitas, Priority::kHamil}) {
    if (text == PriorityName(p)) {
      *out = p;
      return true;
    }
  }
  return false;
}

const char* TicketStatusName(TicketStatus s) {
  switch (s) {
    case TicketStatus::kWaiting: return "waiting";
    case TicketStatus::kCalled: return "called";
    case TicketStatus::kDone: return "done";
    case TicketStatus::kNoShow: return "no_show";
    case TicketStatus::kExpired: return "expired";
    case TicketStatus::kCancelled: return "cancelled";
  }
  return "waiting";
}

bool ParseTicketStatus(const std::string& text, TicketStatus* out) {
  for (TicketStatus s : {TicketStatus::kWaiting, TicketStatus::kCalled, TicketStatus::kDone, TicketStatus::kNoShow,
                         TicketStatus::kExpired, TicketStatus::kCancelled}) {
    if (text == TicketStatusName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

const char* CounterStateName(CounterState s) {
  switch (s) {
    case CounterState::kIdle: return "idle";
    case CounterState::kServing: return "serving";
    case CounterState::kPaused: return "paused";
  }
  return "idle";
}

bool IsValidGeoPoint(const GeoPoint& p) {
  // NaN fails both comparisons.
  return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180;
}

bool Counter::Serves(const std::string& service) const {
  return std::find(services.begin(), services.end(), service) != services.end();
}

const Service* Site::FindService(const std::string& service_id) const {
  for (const auto& s : services) {
    if (s.id == service_id) return &s;
  }
  return nullptr;
}

const Counter* Site::FindCounter(const std::string& counter_id) const {
  for (const auto& c : counters) {
    if (c.id == counter_id) return &c;
  }
  return nullptr;
}

}  // namespace antre
