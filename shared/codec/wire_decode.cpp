#include "codec/wire_decode.h"

#include <cstdlib>

#include "codec/hours_json.h"
#include "codec/json.h"
#include "core/local_time.h"

namespace antre {

namespace {

Error Bad(const std::string& where, const std::string& what) {
  return MakeError(ErrorCode::kInvalidInput, where + ": " + what);
}

// Reads an int field into an int; the wire never carries counts beyond int range.
Status ReadSmallInt(const cJSON* obj, const char* key, bool required, int* out) {
  int64_t v = *out;
  Status st = ReadInt(obj, key, required, &v);
  if (st.ok()) *out = static_cast<int>(v);
  return st;
}

// Reads an ISO time field; missing or null leaves *out unchanged unless required.
Status ReadTime(const cJSON* obj, const char* key, bool required, UnixMs* out) {
  std::string text;
  Status st = ReadString(obj, key, required, &text);
  if (!st.ok() || text.empty()) return st;
  auto at = ParseIso(text);
  if (!at.ok()) return {at.error()};
  *out = at.value();
  return Status::Ok();
}

bool ParseCounterState(const std::string& text, CounterState* out) {
  for (CounterState s : {CounterState::kIdle, CounterState::kServing, CounterState::kPaused}) {
    if (text == CounterStateName(s)) {
      *out = s;
      return true;
    }
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------- views

Result<TicketView> DecodeTicket(const cJSON* node) {
  if (!cJSON_IsObject(node)) return Bad("ticket", "must be an object");
  TicketView view;
  Ticket& t = view.ticket;
  std::string priority = "none", status, counter;
  Status st;
  if (!(st = ReadString(node, "id", true, &t.id)).ok() ||
      !(st = ReadString(node, "number", true, &t.number)).ok() ||
      !(st = ReadString(node, "service", true, &t.service)).ok() ||
      !(st = ReadString(node, "priority", false, &priority)).ok() ||
      !(st = ReadString(node, "status", true, &status)).ok() ||
      !(st = ReadTime(node, "issued_at", true, &t.issued_at)).ok() ||
      !(st = ReadSmallInt(node, "position", false, &view.position)).ok() ||
      !(st = ReadSmallInt(node, "ewt_minutes", false, &view.ewt_minutes)).ok() ||
      !(st = ReadString(node, "counter", false, &counter)).ok() ||
      !(st = ReadString(node, "counter_name", false, &view.counter_name)).ok() ||
      !(st = ReadTime(node, "called_at", false, &t.called_at)).ok()) {
    return Bad("ticket", st.error.message);
  }
  if (!ParsePriority(priority, &t.priority))
    return Bad("ticket", "unknown priority '" + priority + "'");
  if (!ParseTicketStatus(status, &t.status))
    return Bad("ticket", "unknown status '" + status + "'");
  if (!counter.empty()) t.counter = counter;
  // issued_at is written in the site's zone, so its date part is the local day of issue.
  const cJSON* issued = cJSON_GetObjectItemCaseSensitive(node, "issued_at");
  t.day = std::string(issued->valuestring).substr(0, 10);
  t.order_at = t.issued_at;
  return view;
}

Result<TicketView> DecodeTicket(const std::string& json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return parsed.error();
  return DecodeTicket(parsed.value().get());
}

Result<ServiceStatus> DecodeServiceStatus(const cJSON* node) {
  if (!cJSON_IsObject(node)) return Bad("service", "must be an object");
  ServiceStatus s;
  Status st;
  const cJSON* name = cJSON_GetObjectItemCaseSensitive(node, "name");
  if (!cJSON_IsObject(name)) return Bad("service", "field 'name' must be an object");
  if (!(st = ReadString(node, "id", true, &s.service.id)).ok() ||
      !(st = ReadString(node, "prefix", true, &s.service.prefix)).ok() ||
      !(st = ReadString(name, "id", true, &s.service.name.id)).ok() ||
      !(st = ReadString(name, "en", false, &s.service.name.en)).ok() ||
      !(st = ReadBool(node, "open", true, &s.service.is_open)).ok() ||
      !(st = ReadSmallInt(node, "waiting", true, &s.waiting)).ok() ||
      !(st = ReadSmallInt(node, "ewt_minutes", true, &s.ewt_minutes)).ok() ||
      !(st = ReadSmallInt(node, "target_wait_minutes", false, &s.service.target_wait_minutes)).ok()) {
    return Bad("service", st.error.message);
  }
  // Hours and quotas arrived later: an older server sends none, meaning open whenever "open".
  s.is_open_now = s.service.is_open;
  UnixMs next_open = 0;
  int64_t remaining = -1;
  if (!(st = ReadBool(node, "open_now", false, &s.is_open_now)).ok() ||
      !(st = ReadTime(node, "next_open", false, &next_open)).ok() ||
      !(st = ReadSmallInt(node, "daily_quota", false, &s.service.daily_quota)).ok() ||
      !(st = ReadInt(node, "remaining", false, &remaining)).ok() ||
      !(st = DecodeOpeningHours(cJSON_GetObjectItemCaseSensitive(node, "hours"), &s.service.hours)).ok()) {
    return Bad("service", st.error.message);
  }
  if (next_open != 0) s.next_open = next_open;
  if (remaining >= 0) s.remaining = static_cast<int>(remaining);
  // Descriptions and open counters arrived later still; an older server sends neither.
  s.counters_open = -1;
  const cJSON* description = cJSON_GetObjectItemCaseSensitive(node, "description");
  if (description != nullptr && !cJSON_IsObject(description)) return Bad("service", "field 'description' must be an object");
  if (description != nullptr && (!(st = ReadString(description, "id", false, &s.service.description.id)).ok() ||
                                 !(st = ReadString(description, "en", false, &s.service.description.en)).ok())) {
    return Bad("service", st.error.message);
  }
  if (!(st = ReadSmallInt(node, "counters_open", false, &s.counters_open)).ok()) return Bad("service", st.error.message);
  return s;
}

Result<std::vector<ServiceStatus>> DecodeServiceStatuses(const std::string& json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return parsed.error();
  const cJSON* root = parsed.value().get();
  if (!cJSON_IsArray(root)) return Bad("services", "must be an array");
  std::vector<ServiceStatus> out;
  int i = 0;
  for (const cJSON* item = root->child; item != nullptr; item = item->next, ++i) {
    auto s = DecodeServiceStatus(item);
    if (!s.ok()) return Bad("services[" + std::to_string(i) + "]", s.error().message);
    out.push_back(std::move(s.value()));
  }
  return out;
}

Result<CounterStatus> DecodeCounterStatus(const cJSON* node) {
  if (!cJSON_IsObject(node)) return Bad("counter", "must be an object");
  CounterStatus c;
  std::string state;
  Status st;
  if (!(st = ReadString(node, "id", true, &c.counter.id)).ok() ||
      !(st = ReadString(node, "name", true, &c.counter.name)).ok() ||
      !(st = ReadString(node, "state", true, &state)).ok() ||
      !(st = ReadString(node, "officer", false, &c.officer)).ok()) {
    return Bad("counter", st.error.message);
  }
  if (!ParseCounterState(state, &c.state)) return Bad("counter", "unknown state '" + state + "'");
  const cJSON* services = cJSON_GetObjectItemCaseSensitive(node, "services");
  if (!cJSON_IsArray(services)) return Bad("counter", "field 'services' must be an array");
  for (const cJSON* sv = services->child; sv != nullptr; sv = sv->next) {
    if (!cJSON_IsString(sv)) return Bad("counter", "field 'services' must hold service ids");
    c.counter.services.push_back(sv->valuestring);
  }
  const cJSON* ticket = cJSON_GetObjectItemCaseSensitive(node, "ticket");
  if (ticket != nullptr && !cJSON_IsNull(ticket)) {
    auto view = DecodeTicket(ticket);
    if (!view.ok()) return Bad("counter", view.error().message);
    c.current = view.value().ticket;
  }
  return c;
}

Result<BoardSnapshot> DecodeBoard(const std::string& json) {
  auto parsed = ParseJson(json);
  if (!parsed.ok()) return parsed.error();
  const cJSON* root = parsed.value().get();
  if (!cJSON_IsObject(root)) return Bad("board", "must be an object");
  BoardSnapshot b;
  std::string tz_name;
  Status st;
  if (!(st = ReadString(root, "site", true, &b.site)).ok() ||
      !(st = ReadString(root, "site_name", true, &b.site_name)).ok() ||
      !(st = ReadString(root, "time_zone", true, &tz_name)).ok() ||
      !(st = ReadInt(root, "last_event_id", true, &b.last_event_id)).ok()) {
    return Bad("board", st.error.message);
  }
  auto tz = ParseTimeZone(tz_name);
  if (!tz.ok()) return Bad("board", tz.error().message);
  b.tz = tz.value();

  const cJSON* counters = cJSON_GetObjectItemCaseSensitive(root, "counters");
  const cJSON* calls = cJSON_GetObjectItemCaseSensitive(root, "recent_calls");
  const cJSON* services = cJSON_GetObjectItemCaseSensitive(root, "services");
  if (!cJSON_IsArray(counters) || !cJSON_IsArray(calls) || !cJSON_IsArray(services)) {
    return Bad("board", "counters, recent_calls and services must be arrays");
  }
  int i = 0;
  for (const cJSON* item = counters->child; item != nullptr; item = item->next, ++i) {
    auto c = DecodeCounterStatus(item);
    if (!c.ok()) return Bad("board.counters[" + std::to_string(i) + "]", c.error().message);
    b.counters.push_back(std::move(c.value()));
  }
  i = 0;
  for (const cJSON* item = calls->child; item != nullptr; item = item->next, ++i) {
    CallRecord r;
    if (!cJSON_IsObject(item) || !(st = ReadInt(item, "event_id", true, &r.event_id)).ok() ||
        !(st = ReadString(item, "number", true, &r.number)).ok() ||
        !(st = ReadString(item, "service", true, &r.service)).ok() ||
        !(st = ReadString(item, "counter", true, &r.counter)).ok() ||
        !(st = ReadString(item, "counter_name", false, &r.counter_name)).ok() ||
        !(st = ReadTime(item, "at", true, &r.at)).ok() ||
        !(st = ReadBool(item, "recall", false, &r.is_recall)).ok()) {
      std::string why = cJSON_IsObject(item) ? st.error.message : "must be an object";
      return Bad("board.recent_calls[" + std::to_string(i) + "]", why);
    }
    b.recent_calls.push_back(std::move(r));
  }
  i = 0;
  for (const cJSON* item = services->child; item != nullptr; item = item->next, ++i) {
    auto s = DecodeServiceStatus(item);
    if (!s.ok()) return Bad("board.services[" + std::to_string(i) + "]", s.error().message);
    b.services.push_back(std::move(s.value()));
  }
  // Announcements arrived later than the rest of the board: an older server has none.
  const cJSON* announcements = cJSON_GetObjectItemCaseSensitive(root, "announcements");
  i = 0;
  for (const cJSON* item = cJSON_IsArray(announcements) ? announcements->child : nullptr; item != nullptr;
       item = item->next, ++i) {
    Announcement a;
    std::string id;
    const cJSON* text = cJSON_GetObjectItemCaseSensitive(item, "text");
    if (!cJSON_IsObject(item) || !cJSON_IsObject(text) || !(st = ReadString(item, "id", true, &id)).ok() ||
        !(st = ReadString(text, "id", true, &a.text.id)).ok() || !(st = ReadString(text, "en", false, &a.text.en)).ok() ||
        !(st = ReadTime(item, "starts_at", true, &a.starts_at)).ok() ||
        !(st = ReadTime(item, "ends_at", true, &a.ends_at)).ok() ||
        !(st = ReadString(item, "state", false, &a.state)).ok()) {
      return Bad("board.announcements[" + std::to_string(i) + "]", "must be {id, text:{id,en}, starts_at, ends_at}");
    }
    a.id = std::atoll(id.c_str());
    b.announcements.push_back(std::move(a));
  }
  // The stock level came later still, and only sites with a print service have one.
  const cJSON* stock = cJSON_GetObjectItemCaseSensitive(root, "stock");
  if (stock != nullptr && !cJSON_IsNull(stock)) {
    if (!cJSON_IsObject(stock) || !(st = ReadString(stock, "level", true, &b.stock_level)).ok()) {
      return Bad("board.stock", "must be {level}");
    }
  }
  return b;
}

// ---------------------------------------------------------------- errors

bool ParseErrorCode(const std::string& name, ErrorCode* out) {
  // Scoped enums have int as their underlying type, so every value up to the first
  // "unknown" name is a real code; codes added to the core later are found without
  // touching this loop.
  for (int i = 1; i < 256; ++i) {
    const char* candidate = ErrorCodeName(static_cast<ErrorCode>(i));
    if (std::string(candidate) == "unknown") return false;
    if (name == candidate) {
      *out = static_cast<ErrorCode>(i);
      return true;
    }
  }
  return false;
}

Error DecodeApiError(const std::string& json, ErrorCode fallback) {
  std::string shown = json.size() > 200 ? json.substr(0, 200) + "..." : json;
  auto parsed = ParseJson(json);
  const cJSON* err =
      parsed.ok() ? cJSON_GetObjectItemCaseSensitive(parsed.value().get(), "error") : nullptr;
  std::string code, message;
  if (!cJSON_IsObject(err) || !ReadString(err, "code", true, &code).ok() ||
      !ReadString(err, "message", false, &message).ok()) {
    return MakeError(fallback, "unexpected error body: " + shown);
  }
  ErrorCode parsed_code = fallback;
  if (!ParseErrorCode(code, &parsed_code)) return MakeError(fallback, code + ": " + message);
  return MakeError(parsed_code, message);
}

}  // namespace antre
