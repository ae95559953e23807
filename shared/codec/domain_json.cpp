#include "domain_json.h"

#include "codec/event_codec.h"
#include "codec/hours_json.h"

namespace antre {

// ---------------------------------------------------------------- encoders

std::string EncodeError(const std::string& code, const std::string& message) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* err = cJSON_AddObjectToObject(root.get(), "error");
  AddString(err, "code", code);
  AddString(err, "message", message);
  return PrintJson(root.get());
}

JsonPtr EncodeTicket(const TicketView& view, const TimeZone& tz, bool with_booking_code) {
  const Ticket& t = view.ticket;
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", t.id);
  AddString(o.get(), "site", t.site);
  AddString(o.get(), "number", t.number);
  AddString(o.get(), "service", t.service);
  if (t.priority == Priority::kNone) {
    AddNull(o.get(), "priority");
  } else {
    AddString(o.get(), "priority", PriorityName(t.priority));
  }
  AddString(o.get(), "status", TicketStatusName(t.status));
  AddString(o.get(), "issued_at", FormatIsoLocal(t.issued_at, tz));
  bool waiting = t.status == TicketStatus::kWaiting;
  if (waiting) {
    AddInt(o.get(), "position", view.position);
    AddInt(o.get(), "ewt_minutes", view.ewt_minutes);
  } else {
    AddNull(o.get(), "position");
    AddNull(o.get(), "ewt_minutes");
  }
  if (t.status == TicketStatus::kCalled && t.counter) {
    AddString(o.get(), "counter", *t.counter);
    AddString(o.get(), "counter_name", view.counter_name);
    AddString(o.get(), "called_at", FormatIsoLocal(t.called_at, tz));
  } else {
    AddNull(o.get(), "counter");
    AddNull(o.get(), "counter_name");
  }
  if (!with_booking_code) {
    cJSON_AddBoolToObject(o.get(), "booking", !t.booking.empty());
  } else if (t.booking.empty()) {
    AddNull(o.get(), "booking");
  } else {
    AddString(o.get(), "booking", t.booking);
  }
  return o;
}

JsonPtr EncodeServiceStatus(const ServiceStatus& s, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", s.service.id);
  AddString(o.get(), "prefix", s.service.prefix);
  cJSON* name = cJSON_AddObjectToObject(o.get(), "name");
  AddString(name, "id", s.service.name.id);
  AddString(name, "en", s.service.name.en);
  AddBool(o.get(), "open", s.service.is_open);
  AddInt(o.get(), "waiting", s.waiting);
  AddInt(o.get(), "ewt_minutes", s.ewt_minutes);
  AddBool(o.get(), "print", s.is_print);
  AddBool(o.get(), "delivery", s.has_delivery);
  AddBool(o.get(), "open_now", s.is_open_now);
  if (s.next_open) {
    AddString(o.get(), "next_open", FormatIsoLocal(*s.next_open, tz));
  } else {
    AddNull(o.get(), "next_open");
  }
  cJSON_AddItemToObject(o.get(), "hours", EncodeOpeningHours(s.service.hours).release());
  AddInt(o.get(), "daily_quota", s.service.daily_quota);
  if (s.remaining) {
    AddInt(o.get(), "remaining", *s.remaining);
  } else {
    AddNull(o.get(), "remaining");
  }
  AddInt(o.get(), "target_wait_minutes", s.service.target_wait_minutes);
  AddInt(o.get(), "counters_open", s.counters_open);
  cJSON* description = cJSON_AddObjectToObject(o.get(), "description");
  AddString(description, "id", s.service.description.id);
  AddString(description, "en", s.service.description.en);
  return o;
}

JsonPtr EncodeCounterStatus(const CounterStatus& s, const TimeZone& tz, bool staff_view) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", s.counter.id);
  AddString(o.get(), "name", s.counter.name);
  cJSON* services = cJSON_AddArrayToObject(o.get(), "services");
  for (const auto& id : s.counter.services) cJSON_AddItemToArray(services, cJSON_CreateString(id.c_str()));
  AddString(o.get(), "state", CounterStateName(s.state));
  if (s.current) {
    TicketView v{*s.current, 0, 0, s.counter.name};
    cJSON_AddItemToObject(o.get(), "ticket", EncodeTicket(v, tz).release());
  } else {
    AddNull(o.get(), "ticket");
  }
  if (staff_view) {
    AddBool(o.get(), "open", s.counter.is_open);
    AddString(o.get(), "officer", s.officer);
    cJSON* tally = cJSON_AddObjectToObject(o.get(), "tally");
    AddInt(tally, "done", s.done_today);
    AddInt(tally, "no_show", s.no_show_today);
  }
  return o;
}

JsonPtr EncodeQueue(const QueueSnapshot& q, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  cJSON* services = cJSON_AddArrayToObject(o.get(), "services");
  for (const auto& s : q.services) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "id", s.service);
    AddInt(item, "waiting", s.waiting);
    AddInt(item, "longest_wait_minutes", s.longest_wait_minutes);
    AddInt(item, "ewt_minutes", s.ewt_minutes);
    cJSON_AddItemToArray(services, item);
  }
  cJSON* tickets = cJSON_AddArrayToObject(o.get(), "tickets");
  for (const auto& w : q.tickets) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "id", w.ticket.id);
    AddString(item, "number", w.ticket.number);
    AddString(item, "service", w.ticket.service);
    if (w.ticket.priority == Priority::kNone) {
      AddNull(item, "priority");
    } else {
      AddString(item, "priority", PriorityName(w.ticket.priority));
    }
    AddString(item, "issued_at", FormatIsoLocal(w.ticket.issued_at, tz));
    AddInt(item, "waiting_minutes", w.waiting_minutes);
    AddInt(item, "position", w.position);
    cJSON_AddItemToArray(tickets, item);
  }
  return o;
}

JsonPtr EncodeDeviceStatus(const DeviceStatus& d, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", d.id);
  AddString(o.get(), "site", d.site);
  AddString(o.get(), "kind", d.kind);
  AddString(o.get(), d.kind == "display" ? "audio" : "printer", d.state);
  AddString(o.get(), "message", d.message);
  if (d.last_seen > 0) {
    AddString(o.get(), "last_seen", FormatIsoLocal(d.last_seen, tz));
  } else {
    AddNull(o.get(), "last_seen");
  }
  AddBool(o.get(), "silent", d.silent);
  return o;
}

JsonPtr EncodeBooking(const Booking& b, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "code", b.code);
  AddString(o.get(), "service", b.service);
  AddString(o.get(), "slot_start", FormatIsoLocal(b.slot_start, tz));
  AddString(o.get(), "slot_end", FormatIsoLocal(b.slot_end, tz));
  AddString(o.get(), "status", b.status);
  AddBool(o.get(), "delivery", !b.delivery_json.empty());
  return o;
}

JsonPtr EncodeSlots(const std::vector<SlotAvailability>& slots, const TimeZone& tz) {
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& s : slots) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "start", FormatIsoLocal(s.slot.start, tz));
    AddString(item, "end", FormatIsoLocal(s.slot.end, tz));
    AddInt(item, "capacity", s.slot.capacity);
    AddInt(item, "remaining", s.remaining);
    if (s.opens_at != 0) AddString(item, "opens_at", FormatIsoLocal(s.opens_at, tz));
    cJSON_AddItemToArray(arr.get(), item);
  }
  return arr;
}

JsonPtr EncodeAnnouncement(const Announcement& a, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", std::to_string(a.id));
  cJSON* text = cJSON_AddObjectToObject(o.get(), "text");
  AddString(text, "id", a.text.id);
  AddString(text, "en", a.text.en);
  AddString(o.get(), "starts_at", FormatIsoLocal(a.starts_at, tz));
  AddString(o.get(), "ends_at", FormatIsoLocal(a.ends_at, tz));
  AddString(o.get(), "state", a.state);
  return o;
}

JsonPtr EncodeBoard(const BoardSnapshot& b) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "site", b.site);
  AddString(o.get(), "site_name", b.site_name);
  AddString(o.get(), "time_zone", b.tz.name);
  cJSON* counters = cJSON_AddArrayToObject(o.get(), "counters");
  for (const auto& c : b.counters) cJSON_AddItemToArray(counters, EncodeCounterStatus(c, b.tz, false).release());
  cJSON* calls = cJSON_AddArrayToObject(o.get(), "recent_calls");
  for (const auto& c : b.recent_calls) {
    cJSON* call = cJSON_CreateObject();
    AddInt(call, "event_id", c.event_id);
    AddString(call, "number", c.number);
    AddString(call, "service", c.service);
    AddString(call, "counter", c.counter);
    AddString(call, "counter_name", c.counter_name);
    AddString(call, "at", FormatIsoLocal(c.at, b.tz));
    AddBool(call, "recall", c.is_recall);
    cJSON_AddItemToArray(calls, call);
  }
  cJSON* services = cJSON_AddArrayToObject(o.get(), "services");
  for (const auto& s : b.services) cJSON_AddItemToArray(services, EncodeServiceStatus(s, b.tz).release());
  cJSON* announcements = cJSON_AddArrayToObject(o.get(), "announcements");
  for (const auto& a : b.announcements) cJSON_AddItemToArray(announcements, EncodeAnnouncement(a, b.tz).release());
  // Only the level, as GET /stock shows the public: the exact count is for staff.
  if (!b.stock_level.empty()) AddString(cJSON_AddObjectToObject(o.get(), "stock"), "level", b.stock_level);
  AddInt(o.get(), "last_event_id", b.last_event_id);
  return o;
}

std::string EncodeTicketEventData(const Ticket& t, const std::string& counter_name, UnixMs at, const TimeZone& tz) {
  return EncodeTicketEvent(TicketEventOf(t, counter_name, at), tz);
}

}  // namespace antre
