#include "codec/event_codec.h"

#include "codec/json.h"

namespace antre {

TicketEventData TicketEventOf(const Ticket& t, const std::string& counter_name, UnixMs at) {
  TicketEventData d;
  d.number = t.number;
  d.service = t.service;
  d.priority = t.priority;
  d.status = TicketStatusName(t.status);
  if (t.counter) {
    d.counter = *t.counter;
    d.counter_name = counter_name;
  }
  d.at = at;
  return d;
}

std::string EncodeTicketEvent(const TicketEventData& d, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "number", d.number);
  AddString(o.get(), "service", d.service);
  if (d.priority == Priority::kNone) {
    AddNull(o.get(), "priority");
  } else {
    AddString(o.get(), "priority", PriorityName(d.priority));
  }
  AddString(o.get(), "status", d.status);
  if (!d.counter.empty()) {
    AddString(o.get(), "counter", d.counter);
    AddString(o.get(), "counter_name", d.counter_name);
  } else {
    AddNull(o.get(), "counter");
    AddNull(o.get(), "counter_name");
  }
  AddString(o.get(), "at", FormatIsoLocal(d.at, tz));
  if (!d.from_service.empty()) AddString(o.get(), "from_service", d.from_service);
  if (!d.from_counter.empty()) AddString(o.get(), "from_counter", d.from_counter);
  return PrintJson(o.get());
}

std::string EncodeCounterEvent(const CounterEventData& d, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "counter", d.counter);
  AddString(o.get(), "counter_name", d.counter_name);
  AddString(o.get(), "at", FormatIsoLocal(d.at, tz));
  return PrintJson(o.get());
}

std::string EncodeAnnouncementRemoved(int64_t id) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", std::to_string(id));  // a string, as published announcements carry it
  return PrintJson(o.get());
}

std::string EncodeStockLevel(const std::string& level) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "level", level);
  return PrintJson(o.get());
}

std::string EncodePrintEvent(const PrintEventData& d) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "number", d.number);
  if (!d.service.empty()) AddString(o.get(), "service", d.service);
  return PrintJson(o.get());
}

std::string EncodeQuotaReached(const QuotaEventData& d) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "service", d.service);
  AddInt(o.get(), "daily_quota", d.daily_quota);
  return PrintJson(o.get());
}

Result<AnyEventData> DecodeEventData(const std::string& json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return parsed.error();
  const cJSON* obj = parsed.value().get();
  if (!cJSON_IsObject(obj)) return MakeError(ErrorCode::kInvalidInput, "event data must be a JSON object");
  AnyEventData out;
  TicketEventData& t = out.ticket;
  std::string priority, at;
  // Lenient on purpose: null or missing fields keep their defaults.
  ReadString(obj, "number", false, &t.number);
  ReadString(obj, "service", false, &t.service);
  ReadString(obj, "priority", false, &priority);
  if (!priority.empty()) ParsePriority(priority, &t.priority);
  ReadString(obj, "status", false, &t.status);
  ReadString(obj, "counter", false, &t.counter);
  ReadString(obj, "counter_name", false, &t.counter_name);
  ReadString(obj, "from_service", false, &t.from_service);
  ReadString(obj, "from_counter", false, &t.from_counter);
  ReadString(obj, "at", false, &at);
  if (!at.empty()) {
    auto ms = ParseIso(at);
    if (ms.ok()) t.at = ms.value();
  }
  ReadString(obj, "id", false, &out.id);
  ReadString(obj, "level", false, &out.level);
  int64_t quota = 0;
  ReadInt(obj, "daily_quota", false, &quota);
  out.daily_quota = static_cast<int>(quota);
  // An announcement's text is either one string or {"id": ..., "en": ...}.
  const cJSON* text = cJSON_GetObjectItemCaseSensitive(obj, "text");
  if (cJSON_IsString(text)) {
    out.text.id = out.text.en = text->valuestring;
  } else if (cJSON_IsObject(text)) {
    ReadString(text, "id", false, &out.text.id);
    ReadString(text, "en", false, &out.text.en);
    if (out.text.en.empty()) out.text.en = out.text.id;
  }
  return out;
}

}  // namespace antre
