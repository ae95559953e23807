// The config file decoder (DecodeConfig, CheckConfig) and the booking section's codec,
// declared in domain_json.h.
#include <cctype>
#include <cstdio>
#include <cstring>
#include <set>
#include <utility>

#include "codec/domain_json.h"
#include "codec/hours_json.h"
#include "core/id_rules.h"

namespace antre {

namespace {

// Carries the JSON path of the node being read, so errors say where the problem is.
struct Reader {
  std::string path;
  Error Fail(const std::string& what) const { return MakeError(ErrorCode::kInvalidInput, path + ": " + what); }
  Error Wrap(const Status& s) const { return MakeError(ErrorCode::kInvalidInput, path + ": " + s.error.message); }
};

const cJSON* ArrayField(const cJSON* obj, const char* key) {
  const cJSON* a = cJSON_GetObjectItemCaseSensitive(obj, key);
  return cJSON_IsArray(a) ? a : nullptr;
}

Status DecodeService(const cJSON* node, const Reader& r, Service* s) {
  if (!cJSON_IsObject(node)) return {r.Fail("must be an object")};
  Status st;
  if (!(st = ReadString(node, "id", true, &s->id)).ok()) return {r.Wrap(st)};
  if (!IsIdentifier(s->id)) return {r.Fail("id must be 1-32 letters, digits, '-' or '_'")};
  if (!(st = ReadString(node, "prefix", true, &s->prefix)).ok()) return {r.Wrap(st)};
  if (!IsPrefix(s->prefix)) return {r.Fail("prefix must be 1-3 capital letters")};
  const cJSON* name = cJSON_GetObjectItemCaseSensitive(node, "name");
  if (!cJSON_IsObject(name)) return {r.Fail("name must be an object {\"id\":..., \"en\":...}")};
  if (!(st = ReadString(name, "id", true, &s->name.id)).ok()) return {r.Wrap(st)};
  s->name.en = s->name.id;
  if (!(st = ReadString(name, "en", false, &s->name.en)).ok()) return {r.Wrap(st)};
  const cJSON* description = cJSON_GetObjectItemCaseSensitive(node, "description");
  if (description != nullptr && !cJSON_IsObject(description)) {
    return {r.Fail("description must be an object {\"id\":..., \"en\":...}")};
  }
  if (description != nullptr) {
    if (!(st = ReadString(description, "id", true, &s->description.id)).ok()) return {r.Wrap(st)};
    s->description.en = s->description.id;
    if (!(st = ReadString(description, "en", false, &s->description.en)).ok()) return {r.Wrap(st)};
  }
  if (!(st = ReadBool(node, "open", false, &s->is_open)).ok()) return {r.Wrap(st)};
  int64_t minutes = s->default_service_minutes;
  if (!(st = ReadInt(node, "default_service_minutes", false, &minutes)).ok()) return {r.Wrap(st)};
  if (minutes < 1 || minutes > 240) return {r.Fail("default_service_minutes must be 1-240")};
  s->default_service_minutes = static_cast<int>(minutes);
  if (!(st = DecodeOpeningHours(cJSON_GetObjectItemCaseSensitive(node, "hours"), &s->hours)).ok()) return {r.Wrap(st)};
  int64_t quota = 0;
  if (!(st = ReadInt(node, "daily_quota", false, &quota)).ok()) return {r.Wrap(st)};
  if (quota < 0 || quota > 100000) return {r.Fail("daily_quota must be 0-100000 (0 = no quota)")};
  s->daily_quota = static_cast<int>(quota);
  int64_t target = s->target_wait_minutes;
  if (!(st = ReadInt(node, "target_wait_minutes", false, &target)).ok()) return {r.Wrap(st)};
  if (target < 1 || target > kMaxTargetWaitMinutes) return {r.Fail("target_wait_minutes must be 1-480")};
  s->target_wait_minutes = static_cast<int>(target);
  return Status::Ok();
}

Result<int> ParseClock(const std::string& text) {
  if (text.size() != 5 || text[2] != ':' || !std::isdigit(static_cast<unsigned char>(text[0])) ||
      !std::isdigit(static_cast<unsigned char>(text[1])) || !std::isdigit(static_cast<unsigned char>(text[3])) ||
      !std::isdigit(static_cast<unsigned char>(text[4]))) {
    return MakeError(ErrorCode::kInvalidInput, "time must be HH:MM, got '" + text + "'");
  }
  int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
  if (h > 24 || m > 59 || (h == 24 && m != 0)) return MakeError(ErrorCode::kInvalidInput, "no such time '" + text + "'");
  return h * 60 + m;
}

std::string FormatClock(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return buf;
}

Status DecodeBooking(const cJSON* node, const Reader& r, const std::vector<Service>& services, BookingSettings* bs,
                     std::vector<SlotRule>* rules) {
  if (!cJSON_IsObject(node)) return {r.Fail("must be an object")};
  Status st;
  struct Field {
    const char* key;
    int* value;
    int lo, hi;
  };
  const Field fields[] = {
      {"days_ahead", &bs->days_ahead, 0, 365},
      {"check_in_early_minutes", &bs->check_in_early_minutes, 0, 240},
      {"check_in_late_minutes", &bs->check_in_late_minutes, 0, 240},
      {"no_show_grace_minutes", &bs->no_show_grace_minutes, 0, 240},
      {"per_phone_per_day", &bs->per_phone_per_day, 0, 1000},
      {"per_address_per_day", &bs->per_address_per_day, 0, 100000},
      {"per_operator_per_day", &bs->per_operator_per_day, 0, 100000},
      {"rate_per_minute", &bs->rate_per_minute, 0, 100000},
      {"pow_bits", &bs->pow_bits, 0, 28},
      {"retention_days", &bs->retention_days, 1, 3650},
      {"stock_low_threshold", &bs->stock_low_threshold, 0, 1000000},
      {"initial_stock", &bs->initial_stock, 0, 1000000},
      {"webhook_retry_seconds", &bs->webhook_retry_seconds, 1, 3600},
      {"release_draw_seconds", &bs->release_draw_seconds, 0, 3600},
  };
  for (const auto& f : fields) {
    int64_t v = *f.value;
    if (!(st = ReadInt(node, f.key, false, &v)).ok()) return {r.Wrap(st)};
    if (v < f.lo || v > f.hi) {
      return {r.Fail(std::string(f.key) + " must be " + std::to_string(f.lo) + "-" + std::to_string(f.hi))};
    }
    *f.value = static_cast<int>(v);
  }
  std::string cutoff = FormatClock(bs->same_day_cutoff_minute);
  if (!(st = ReadString(node, "same_day_cutoff", false, &cutoff)).ok()) return {r.Wrap(st)};
  auto cut = ParseClock(cutoff);
  if (!cut.ok()) return {r.Fail("same_day_cutoff: " + cut.error().message)};
  bs->same_day_cutoff_minute = cut.value();
  // release_at: "HH:MM" the day before a day's slots open; "" = open as far as days_ahead.
  std::string release = bs->release_minute < 0 ? "" : FormatClock(bs->release_minute);
  if (!(st = ReadString(node, "release_at", false, &release)).ok()) return {r.Wrap(st)};
  if (release.empty()) {
    bs->release_minute = -1;
  } else {
    auto at = ParseClock(release);
    if (!at.ok()) return {r.Fail("release_at: " + at.error().message)};
    bs->release_minute = at.value();
  }
  auto known = [&](const std::string& id) {
    for (const auto& s : services) {
      if (s.id == id) return true;
    }
    return false;
  };
  if (!(st = ReadString(node, "print_service", false, &bs->print_service)).ok()) return {r.Wrap(st)};
  if (!(st = ReadString(node, "webhook_url", false, &bs->webhook_url)).ok()) return {r.Wrap(st)};
  if (!bs->webhook_url.empty() && bs->webhook_url.rfind("http://", 0) != 0 && bs->webhook_url.rfind("https://", 0) != 0) {
    return {r.Fail("webhook_url must start with http:// or https://")};
  }
  if (!bs->print_service.empty() && !known(bs->print_service)) return {r.Fail("print_service: unknown service")};
  const cJSON* delivery = ArrayField(node, "delivery_services");
  bs->delivery_services.clear();
  for (const cJSON* d = delivery ? delivery->child : nullptr; d; d = d->next) {
    if (!cJSON_IsString(d) || !known(d->valuestring)) return {r.Fail("delivery_services: unknown service")};
    bs->delivery_services.push_back(d->valuestring);
  }
  const cJSON* holidays = ArrayField(node, "holidays");
  bs->holidays.clear();
  for (const cJSON* h = holidays ? holidays->child : nullptr; h; h = h->next) {
    if (!cJSON_IsString(h) || !ParseDate(h->valuestring).ok()) return {r.Fail("holidays must be YYYY-MM-DD dates")};
    bs->holidays.push_back(h->valuestring);
  }
  // documents: {"<service>": {"id": ["..."], "en": ["..."]}}; absent keeps what was there.
  const cJSON* documents = cJSON_GetObjectItemCaseSensitive(node, "documents");
  if (documents != nullptr && !cJSON_IsNull(documents)) {
    if (!cJSON_IsObject(documents)) return {r.Fail("documents must be an object keyed by service")};
    bs->documents.clear();
    for (const cJSON* d = documents->child; d; d = d->next) {
      if (!known(d->string)) return {r.Fail("documents: unknown service '" + std::string(d->string) + "'")};
      ServiceDocuments docs{d->string, {}, {}};
      for (auto [lang, list] : {std::pair{"id", &docs.id}, {"en", &docs.en}}) {
        const cJSON* lines = cJSON_IsObject(d) ? cJSON_GetObjectItemCaseSensitive(d, lang) : nullptr;
        if (lines != nullptr && !cJSON_IsArray(lines)) return {r.Fail("documents." + docs.service + "." + lang + " must be an array")};
        for (const cJSON* l = lines ? lines->child : nullptr; l; l = l->next) {
          if (!cJSON_IsString(l) || l->valuestring[0] == '\0' || std::strlen(l->valuestring) > 200) {
            return {r.Fail("documents." + docs.service + "." + lang + " must hold lines of 1-200 characters")};
          }
          list->push_back(l->valuestring);
        }
      }
      if (!cJSON_IsObject(d) || docs.id.empty()) return {r.Fail("documents." + docs.service + " needs an \"id\" list")};
      if (docs.en.empty()) docs.en = docs.id;
      bs->documents.push_back(std::move(docs));
    }
  }
  const cJSON* schedule = ArrayField(node, "schedule");
  if (schedule == nullptr) return {r.Fail("schedule must be an array")};
  rules->clear();
  int i = 0;
  for (const cJSON* e = schedule->child; e; e = e->next, ++i) {
    Reader er{r.path + ".schedule[" + std::to_string(i) + "]"};
    if (!cJSON_IsObject(e)) return {er.Fail("must be an object")};
    std::string open = "08:00", close = "15:00";
    int64_t slot = 30, capacity = 10;
    if (!(st = ReadString(e, "open", true, &open)).ok() || !(st = ReadString(e, "close", true, &close)).ok() ||
        !(st = ReadInt(e, "slot_minutes", true, &slot)).ok() || !(st = ReadInt(e, "capacity", true, &capacity)).ok()) {
      return {er.Wrap(st)};
    }
    auto o = ParseClock(open), c = ParseClock(close);
    if (!o.ok() || !c.ok() || o.value() >= c.value()) return {er.Fail("open and close must be HH:MM with open < close")};
    if (slot < 5 || slot > 480) return {er.Fail("slot_minutes must be 5-480")};
    if (capacity < 1 || capacity > 10000) return {er.Fail("capacity must be 1-10000")};
    const cJSON* svc = ArrayField(e, "services");
    const cJSON* days = ArrayField(e, "weekdays");
    if (!svc || !days) return {er.Fail("services and weekdays must be arrays")};
    for (const cJSON* sv = svc->child; sv; sv = sv->next) {
      if (!cJSON_IsString(sv) || !known(sv->valuestring)) return {er.Fail("services: unknown service")};
      for (const cJSON* d = days->child; d; d = d->next) {
        if (!cJSON_IsNumber(d) || d->valueint < 0 || d->valueint > 6) {
          return {er.Fail("weekdays must be 0 (Sunday) to 6 (Saturday)")};
        }
        rules->push_back(SlotRule{sv->valuestring, d->valueint, o.value(), c.value(), static_cast<int>(slot),
                                  static_cast<int>(capacity)});
      }
    }
  }
  return Status::Ok();
}

// Problems inside one service, counter or the booking section are collected in `problems`
// so check-config can list them all; the returned status is the first problem that stops
// the site from being read further.
Status DecodeSite(const cJSON* node, const Reader& r, Site* site, std::vector<Error>* problems) {
  if (!cJSON_IsObject(node)) return {r.Fail("must be an object")};
  Status st;
  if (!(st = ReadString(node, "id", true, &site->id)).ok()) return {r.Wrap(st)};
  if (!IsIdentifier(site->id)) return {r.Fail("id must be 1-32 letters, digits, '-' or '_'")};
  if (!(st = ReadString(node, "name", true, &site->name)).ok()) return {r.Wrap(st)};
  std::string tz_name = "Asia/Jakarta";
  if (!(st = ReadString(node, "time_zone", false, &tz_name)).ok()) return {r.Wrap(st)};
  auto tz = ParseTimeZone(tz_name);
  if (!tz.ok()) return {r.Fail(tz.error().message)};
  site->tz = tz.value();
  int64_t cap = site->priority_cap;
  if (!(st = ReadInt(node, "priority_cap", false, &cap)).ok()) return {r.Wrap(st)};
  if (cap < 0 || cap > 100) return {r.Fail("priority_cap must be 0-100")};
  site->priority_cap = static_cast<int>(cap);
  if (!(st = ReadString(node, "address", false, &site->address)).ok()) return {r.Wrap(st)};
  if (site->address.size() > 200) return {r.Fail("address must be at most 200 characters")};
  // Coordinates are optional, but come as a pair: half a point cannot be measured from.
  const cJSON* lat = cJSON_GetObjectItemCaseSensitive(node, "lat");
  const cJSON* lon = cJSON_GetObjectItemCaseSensitive(node, "lon");
  if (lat || lon) {
    if (!cJSON_IsNumber(lat) || !cJSON_IsNumber(lon)) return {r.Fail("lat and lon must both be numbers")};
    GeoPoint point{lat->valuedouble, lon->valuedouble};
    if (!IsValidGeoPoint(point)) return {r.Fail("lat must be -90..90 and lon -180..180")};
    site->location = point;
  }

  const cJSON* services = ArrayField(node, "services");
  if (services == nullptr || cJSON_GetArraySize(services) == 0) return {r.Fail("services must be a non-empty array")};
  std::set<std::string> ids, prefixes;
  int i = 0;
  for (const cJSON* item = services->child; item != nullptr; item = item->next, ++i) {
    Reader sr{r.path + ".services[" + std::to_string(i) + "]"};
    Service s;
    if (!(st = DecodeService(item, sr, &s)).ok()) {
      problems->push_back(st.error);
    } else if (!ids.insert(s.id).second) {
      problems->push_back(sr.Fail("duplicate service id '" + s.id + "'"));
    } else if (!prefixes.insert(s.prefix).second) {
      problems->push_back(sr.Fail("duplicate prefix '" + s.prefix + "'"));
    } else {
      site->services.push_back(s);
    }
  }

  const cJSON* counters = ArrayField(node, "counters");
  if (counters == nullptr || cJSON_GetArraySize(counters) == 0) return {r.Fail("counters must be a non-empty array")};
  std::set<std::string> counter_ids;
  i = 0;
  auto decode_counter = [&](const cJSON* item, const Reader& cr) -> Status {
    if (!cJSON_IsObject(item)) return {cr.Fail("must be an object")};
    Counter c;
    Status st;
    if (!(st = ReadString(item, "id", true, &c.id)).ok()) return {cr.Wrap(st)};
    if (!IsIdentifier(c.id)) return {cr.Fail("id must be 1-32 letters, digits, '-' or '_'")};
    if (!counter_ids.insert(c.id).second) return {cr.Fail("duplicate counter id '" + c.id + "'")};
    c.name = "Loket " + c.id;
    if (!(st = ReadString(item, "name", false, &c.name)).ok()) return {cr.Wrap(st)};
    const cJSON* served = ArrayField(item, "services");
    if (served == nullptr || cJSON_GetArraySize(served) == 0) return {cr.Fail("services must be a non-empty array")};
    for (const cJSON* sv = served->child; sv != nullptr; sv = sv->next) {
      if (!cJSON_IsString(sv)) return {cr.Fail("services must hold service ids")};
      if (ids.count(sv->valuestring) == 0) return {cr.Fail(std::string("unknown service '") + sv->valuestring + "'")};
      c.services.push_back(sv->valuestring);
    }
    site->counters.push_back(c);
    return Status::Ok();
  };
  for (const cJSON* item = counters->child; item != nullptr; item = item->next, ++i) {
    Status cs = decode_counter(item, Reader{r.path + ".counters[" + std::to_string(i) + "]"});
    if (!cs.ok()) problems->push_back(cs.error);
  }
  const cJSON* booking = cJSON_GetObjectItemCaseSensitive(node, "booking");
  if (booking && !cJSON_IsNull(booking)) {
    st = DecodeBooking(booking, Reader{r.path + ".booking"}, site->services, &site->booking, &site->slot_rules);
    if (!st.ok()) problems->push_back(st.error);
  }
  return Status::Ok();
}

Status DecodeLimits(const cJSON* node, Limits* l) {
  if (node == nullptr) return Status::Ok();
  Reader r{"limits"};
  if (!cJSON_IsObject(node)) return {r.Fail("must be an object")};
  struct Field {
    const char* key;
    int* value;
    int lo, hi;
  };
  const Field fields[] = {
      {"max_body_bytes", &l->max_body_bytes, 1024, 16 * 1024 * 1024},
      {"max_streams", &l->max_streams, 1, 100000},
      {"max_streams_per_address", &l->max_streams_per_address, 1, 100000},
      {"max_device_streams", &l->max_device_streams, 1, 100000},
      {"worker_threads", &l->worker_threads, 2, 256},
      {"session_hours", &l->session_hours, 1, 24 * 30},
      {"heartbeat_seconds", &l->heartbeat_seconds, 1, 60},
      {"head_timeout_ms", &l->head_timeout_ms, 100, 120000},
      {"min_body_bytes_per_second", &l->min_body_bytes_per_second, 64, 100 * 1024 * 1024},
      {"max_head_bytes", &l->max_head_bytes, 1024, 1024 * 1024},
      {"keep_alive_seconds", &l->keep_alive_seconds, 1, 3600},
      {"max_connections", &l->max_connections, 16, 1000000},
      {"max_connections_per_address", &l->max_connections_per_address, 1, 1000000},
      {"max_queued_requests", &l->max_queued_requests, 0, 1000000},
  };
  for (const auto& f : fields) {
    int64_t v = *f.value;
    Status st = ReadInt(node, f.key, false, &v);
    if (!st.ok()) return {r.Wrap(st)};
    if (v < f.lo || v > f.hi) {
      return {r.Fail(std::string(f.key) + " must be " + std::to_string(f.lo) + "-" + std::to_string(f.hi))};
    }
    *f.value = static_cast<int>(v);
  }
  const cJSON* proxies = cJSON_GetObjectItemCaseSensitive(node, "trusted_proxies");
  if (proxies && !cJSON_IsArray(proxies)) return {r.Fail("trusted_proxies must be an array of addresses")};
  for (const cJSON* p = proxies ? proxies->child : nullptr; p; p = p->next) {
    if (!cJSON_IsString(p) || std::string(p->valuestring).empty()) return {r.Fail("trusted_proxies must hold addresses")};
    l->trusted_proxies.push_back(p->valuestring);
  }
  return Status::Ok();
}

}  // namespace

Status DecodeBookingConfig(const std::string& text, const std::vector<Service>& services, BookingSettings* settings,
                           std::vector<SlotRule>* rules) {
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return {parsed.error()};
  return DecodeBooking(parsed.value().get(), Reader{"booking"}, services, settings, rules);
}

std::string EncodeBookingConfig(const BookingSettings& b, const std::vector<SlotRule>& rules) {
  JsonPtr o(cJSON_CreateObject());
  AddInt(o.get(), "days_ahead", b.days_ahead);
  AddString(o.get(), "same_day_cutoff", FormatClock(b.same_day_cutoff_minute));
  AddInt(o.get(), "check_in_early_minutes", b.check_in_early_minutes);
  AddInt(o.get(), "check_in_late_minutes", b.check_in_late_minutes);
  AddInt(o.get(), "no_show_grace_minutes", b.no_show_grace_minutes);
  AddInt(o.get(), "per_phone_per_day", b.per_phone_per_day);
  AddInt(o.get(), "per_address_per_day", b.per_address_per_day);
  AddInt(o.get(), "per_operator_per_day", b.per_operator_per_day);
  AddInt(o.get(), "rate_per_minute", b.rate_per_minute);
  AddInt(o.get(), "pow_bits", b.pow_bits);
  AddInt(o.get(), "retention_days", b.retention_days);
  AddString(o.get(), "release_at", b.release_minute < 0 ? "" : FormatClock(b.release_minute));
  AddInt(o.get(), "release_draw_seconds", b.release_draw_seconds);
  AddString(o.get(), "print_service", b.print_service);
  AddInt(o.get(), "stock_low_threshold", b.stock_low_threshold);
  AddInt(o.get(), "initial_stock", b.initial_stock);
  AddString(o.get(), "webhook_url", b.webhook_url);
  AddInt(o.get(), "webhook_retry_seconds", b.webhook_retry_seconds);
  cJSON* delivery = cJSON_AddArrayToObject(o.get(), "delivery_services");
  for (const auto& d : b.delivery_services) cJSON_AddItemToArray(delivery, cJSON_CreateString(d.c_str()));
  cJSON* holidays = cJSON_AddArrayToObject(o.get(), "holidays");
  for (const auto& h : b.holidays) cJSON_AddItemToArray(holidays, cJSON_CreateString(h.c_str()));
  cJSON* documents = cJSON_AddObjectToObject(o.get(), "documents");
  for (const ServiceDocuments& d : b.documents) {
    cJSON* e = cJSON_AddObjectToObject(documents, d.service.c_str());
    for (auto [lang, list] : {std::pair{"id", &d.id}, {"en", &d.en}}) {
      cJSON* lines = cJSON_AddArrayToObject(e, lang);
      for (const auto& l : *list) cJSON_AddItemToArray(lines, cJSON_CreateString(l.c_str()));
    }
  }
  cJSON* schedule = cJSON_AddArrayToObject(o.get(), "schedule");
  for (const SlotRule& r : rules) {
    cJSON* e = cJSON_CreateObject();
    cJSON* svc = cJSON_AddArrayToObject(e, "services");
    cJSON_AddItemToArray(svc, cJSON_CreateString(r.service.c_str()));
    cJSON* days = cJSON_AddArrayToObject(e, "weekdays");
    cJSON_AddItemToArray(days, cJSON_CreateNumber(r.weekday));
    AddString(e, "open", FormatClock(r.open_minute));
    AddString(e, "close", FormatClock(r.close_minute));
    AddInt(e, "slot_minutes", r.slot_minutes);
    AddInt(e, "capacity", r.capacity);
    cJSON_AddItemToArray(schedule, e);
  }
  return PrintJson(o.get());
}

namespace {

Status DecodeUser(const cJSON* item, const Reader& r, const std::set<std::string>& site_ids,
                  std::set<std::string>* usernames, UserConfig* u) {
  if (!cJSON_IsObject(item)) return {r.Fail("must be an object")};
  Status st;
  std::string role;
  if (!(st = ReadString(item, "username", true, &u->username)).ok()) return {r.Wrap(st)};
  if (!IsIdentifier(u->username)) return {r.Fail("username must be 1-32 letters, digits, '-' or '_'")};
  if (!usernames->insert(u->username).second) return {r.Fail("duplicate username '" + u->username + "'")};
  if (!(st = ReadString(item, "role", true, &role)).ok()) return {r.Wrap(st)};
  if (!ParseRole(role, &u->role) || !IsStaffRole(u->role)) return {r.Fail("role must be officer, supervisor, admin or operator")};
  if (!(st = ReadString(item, "password_hash", true, &u->password_hash)).ok()) return {r.Wrap(st)};
  if (u->password_hash.rfind("pbkdf2-sha256$", 0) != 0) {
    return {r.Fail("password_hash must come from 'antre-server hash-password'")};
  }
  // The sites the account may work; none listed (or an admin) means every site.
  const cJSON* sites = cJSON_GetObjectItemCaseSensitive(item, "sites");
  if (sites != nullptr && !cJSON_IsArray(sites)) return {r.Fail("sites must be an array of site ids")};
  for (const cJSON* s = sites ? sites->child : nullptr; s != nullptr; s = s->next) {
    if (!cJSON_IsString(s) || site_ids.count(s->valuestring) == 0) return {r.Fail("sites: unknown site")};
    u->sites.push_back(s->valuestring);
  }
  return Status::Ok();
}

Status DecodeDevice(const cJSON* item, const Reader& r, const std::set<std::string>& site_ids,
                    std::set<std::string>* ids, std::set<std::string>* tokens, DeviceConfig* d) {
  if (!cJSON_IsObject(item)) return {r.Fail("must be an object")};
  Status st;
  if (!(st = ReadString(item, "id", true, &d->id)).ok()) return {r.Wrap(st)};
  if (!IsIdentifier(d->id)) return {r.Fail("id must be 1-32 letters, digits, '-' or '_'")};
  if (!ids->insert(d->id).second) return {r.Fail("duplicate device id '" + d->id + "' (kiosks and displays share ids)")};
  if (!(st = ReadString(item, "site", true, &d->site)).ok()) return {r.Wrap(st)};
  if (site_ids.count(d->site) == 0) return {r.Fail("unknown site '" + d->site + "'")};
  if (!(st = ReadString(item, "token", true, &d->token)).ok()) return {r.Wrap(st)};
  if (d->token.size() < 12) return {r.Fail("token must be at least 12 characters")};
  if (!tokens->insert(d->token).second) return {r.Fail("duplicate device token")};
  return Status::Ok();
}

}  // namespace

std::vector<Error> CheckConfig(const std::string& text, Config* out) {
  std::vector<Error> problems;
  auto parsed = ParseJson(text);
  if (!parsed.ok()) return {parsed.error()};
  const cJSON* root = parsed.value().get();
  if (!cJSON_IsObject(root)) return {MakeError(ErrorCode::kInvalidInput, "config must be a JSON object")};
  Config config;
  Status st;

  const cJSON* sites = ArrayField(root, "sites");
  if (sites == nullptr || cJSON_GetArraySize(sites) == 0) {
    problems.push_back(MakeError(ErrorCode::kInvalidInput, "sites: must be a non-empty array"));
  }
  std::set<std::string> site_ids;
  int i = 0;
  for (const cJSON* item = sites ? sites->child : nullptr; item != nullptr; item = item->next, ++i) {
    Site site;
    Reader r{"sites[" + std::to_string(i) + "]"};
    if (!(st = DecodeSite(item, r, &site, &problems)).ok()) {
      problems.push_back(st.error);
    } else if (!site_ids.insert(site.id).second) {
      problems.push_back(r.Fail("duplicate site id '" + site.id + "'"));
    } else {
      config.sites.push_back(site);
    }
  }

  std::set<std::string> usernames;
  i = 0;
  const cJSON* users = ArrayField(root, "users");
  for (const cJSON* item = users ? users->child : nullptr; item != nullptr; item = item->next, ++i) {
    UserConfig u;
    st = DecodeUser(item, Reader{"users[" + std::to_string(i) + "]"}, site_ids, &usernames, &u);
    if (st.ok()) {
      config.users.push_back(u);
    } else {
      problems.push_back(st.error);
    }
  }

  std::set<std::string> device_ids, tokens;
  for (Role role : {Role::kKiosk, Role::kDisplay}) {
    const char* key = role == Role::kKiosk ? "kiosks" : "displays";
    const cJSON* list = ArrayField(root, key);
    i = 0;
    for (const cJSON* item = list ? list->child : nullptr; item != nullptr; item = item->next, ++i) {
      DeviceConfig d;
      d.role = role;
      Reader r{std::string(key) + "[" + std::to_string(i) + "]"};
      st = DecodeDevice(item, r, site_ids, &device_ids, &tokens, &d);
      if (st.ok()) {
        config.devices.push_back(d);
      } else {
        problems.push_back(st.error);
      }
    }
  }

  if (!(st = DecodeLimits(cJSON_GetObjectItemCaseSensitive(root, "limits"), &config.limits)).ok()) {
    problems.push_back(st.error);
  }
  if (problems.empty() && out != nullptr) *out = config;
  return problems;
}

Result<Config> DecodeConfig(const std::string& text) {
  Config config;
  std::vector<Error> problems = CheckConfig(text, &config);
  if (!problems.empty()) return problems.front();
  return config;
}

}  // namespace antre
