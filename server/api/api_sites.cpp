// Handlers for the list of sites and for creating sites, services and counters online.
// Thin: parse, call the store, answer; the rules (ids, prefixes, names) live in the store.
#include <algorithm>
#include <optional>

#include "api_util.h"
#include "codec/domain_json.h"
#include "core/id_rules.h"
#include "core/local_time.h"

namespace antre {
namespace {

// "lat" and "lon" of a site, both null when it is not on the map.
void AddLocation(cJSON* o, const std::optional<GeoPoint>& p) {
  if (p) {
    cJSON_AddNumberToObject(o, "lat", p->lat);
    cJSON_AddNumberToObject(o, "lon", p->lon);
  } else {
    AddNull(o, "lat");
    AddNull(o, "lon");
  }
}

// Reads an optional "lat"/"lon" pair: absent leaves `out` unset, both null clears the point,
// two numbers in range set it; anything else is InvalidInput.
Status ReadLocation(const cJSON* b, std::optional<std::optional<GeoPoint>>* out) {
  const cJSON* lat = cJSON_GetObjectItemCaseSensitive(b, "lat");
  const cJSON* lon = cJSON_GetObjectItemCaseSensitive(b, "lon");
  if (!lat && !lon) return Status::Ok();
  if (cJSON_IsNull(lat) && cJSON_IsNull(lon)) {
    *out = std::optional<GeoPoint>{};
    return Status::Ok();
  }
  GeoPoint p{cJSON_IsNumber(lat) ? lat->valuedouble : 999, cJSON_IsNumber(lon) ? lon->valuedouble : 999};
  if (!IsValidGeoPoint(p)) {
    return {MakeError(ErrorCode::kInvalidInput, "lat (-90..90) and lon (-180..180) must be given together, or both null")};
  }
  *out = p;
  return Status::Ok();
}

// Whether the site delivers `service`'s card home (its booking.delivery_services lists it).
bool Delivers(const BookingSettings& b, const std::string& service) {
  return std::find(b.delivery_services.begin(), b.delivery_services.end(), service) != b.delivery_services.end();
}

// Whether residents may book `service` online at the site: its schedule has slots for it.
bool TakesBookings(const Site& site, const std::string& service) {
  for (const SlotRule& r : site.slot_rules) {
    if (r.service == service) return true;
  }
  return false;
}

// A site as the public list shows it: names and address of the office, the services it
// offers. Nothing about staff or devices. With `site`, each service also says whether
// residents may book it online and have its card delivered home there (the booking page).
JsonPtr EncodeSiteListing(const SiteListing& s, const Site* site = nullptr) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "id", s.id);
  AddString(o.get(), "name", s.name);
  AddString(o.get(), "address", s.address);
  AddString(o.get(), "time_zone", s.time_zone);
  AddBool(o.get(), "open", s.is_open);
  AddLocation(o.get(), s.location);
  cJSON* services = cJSON_AddArrayToObject(o.get(), "services");
  for (const Service& v : s.services) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "id", v.id);
    cJSON* name = cJSON_AddObjectToObject(item, "name");
    AddString(name, "id", v.name.id);
    AddString(name, "en", v.name.en);
    AddBool(item, "open", v.is_open);
    if (site) {
      cJSON* description = cJSON_AddObjectToObject(item, "description");
      AddString(description, "id", v.description.id);
      AddString(description, "en", v.description.en);
      AddBool(item, "bookable", TakesBookings(*site, v.id));
      AddBool(item, "delivery", Delivers(site->booking, v.id));
    }
    cJSON_AddItemToArray(services, item);
  }
  return o;
}

// Reads an optional string field into `out` (left unset when absent).
Status ReadOptionalString(const cJSON* obj, const char* key, std::optional<std::string>* out) {
  if (cJSON_GetObjectItemCaseSensitive(obj, key) == nullptr) return Status::Ok();
  std::string text;
  Status st = ReadString(obj, key, false, &text);
  if (st.ok()) *out = text;
  return st;
}

}  // namespace

void ListSites(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params&) {
  auto sites = ctx.store->ListSites();
  if (!sites.ok()) return SendError(res, sites.error());
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& s : sites.value()) {
    auto site = ctx.store->GetSite(s.id);
    if (!site.ok()) return SendError(res, site.error());
    cJSON_AddItemToArray(arr.get(), EncodeSiteListing(s, &site.value()).release());
  }
  SendJson(res, 200, arr);
}

void ListServiceSites(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  const std::string& service = p.at("service");
  if (!IsIdentifier(service)) return SendError(res, MakeError(ErrorCode::kInvalidInput, "unknown service id"));
  Status due = ctx.store->RunDueDraws();  // places a closed draw has taken show at once
  if (!due.ok()) return SendError(res, due.error);
  auto sites = ctx.store->ListSites();
  if (!sites.ok()) return SendError(res, sites.error());
  const UnixMs now = ctx.clock->NowMs();
  JsonPtr arr(cJSON_CreateArray());
  int offered = 0;
  for (const SiteListing& listing : sites.value()) {
    auto site = ctx.store->GetSite(listing.id);
    if (!site.ok()) return SendError(res, site.error());
    const Service* v = site.value().FindService(service);
    if (!listing.is_open || !v || !v->is_open) continue;
    ++offered;
    if (!TakesBookings(site.value(), service)) continue;
    // The first place left, over the days this site lets residents book ahead.
    const TimeZone& tz = site.value().tz;
    LocalDate today = LocalDateAt(now, tz);
    LocalDate last = CivilFromDays(DaysFromCivil(today) + std::min(site.value().booking.days_ahead, 31));
    auto slots = ctx.store->Slots(listing.id, service, today, last);
    if (!slots.ok()) return SendError(res, slots.error());
    const SlotAvailability* first = nullptr;
    for (const SlotAvailability& a : slots.value()) {
      if (a.remaining > 0) {
        first = &a;
        break;
      }
    }
    JsonPtr o(cJSON_CreateObject());
    AddString(o.get(), "id", listing.id);
    AddString(o.get(), "name", listing.name);
    AddString(o.get(), "address", listing.address);
    AddLocation(o.get(), listing.location);
    AddBool(o.get(), "delivery", Delivers(site.value().booking, service));
    if (first) {
      AddString(o.get(), "next_free_day", FormatDate(LocalDateAt(first->slot.start, tz)));
      AddString(o.get(), "next_free_at", FormatIsoLocal(first->slot.start, tz));
    } else {
      AddNull(o.get(), "next_free_day");
      AddNull(o.get(), "next_free_at");
    }
    cJSON_AddItemToArray(arr.get(), o.release());
  }
  if (offered == 0) return SendError(res, MakeError(ErrorCode::kNotFound, "no open site offers service '" + service + "'"));
  SendJson(res, 200, arr);
}

void CreateSite(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who, const Params&) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  SiteSpec spec;
  Status st = ReadString(b, "id", true, &spec.id);
  if (st.ok()) st = ReadString(b, "name", true, &spec.name);
  if (st.ok()) st = ReadString(b, "time_zone", true, &spec.time_zone);
  if (st.ok()) st = ReadString(b, "address", false, &spec.address);
  std::optional<std::optional<GeoPoint>> location;
  if (st.ok()) st = ReadLocation(b, &location);
  if (!st.ok()) return SendError(res, st.error);
  if (location) spec.location = *location;
  auto site = ctx.store->CreateSite(spec, who.name);
  if (!site.ok()) return SendError(res, site.error());
  SendJson(res, 201, EncodeSiteListing(site.value()));
}

void UpdateSite(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who, const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  SiteEdit edit;
  Status st = ReadOptionalString(b, "name", &edit.name);
  if (st.ok()) st = ReadOptionalString(b, "address", &edit.address);
  if (st.ok()) st = ReadLocation(b, &edit.location);
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "open")) {
    bool open = true;
    st = ReadBool(b, "open", true, &open);
    edit.is_open = open;
  }
  // The id and the time zone are fixed: tickets, reports and links depend on them.
  if (st.ok() && (cJSON_GetObjectItemCaseSensitive(b, "time_zone") || cJSON_GetObjectItemCaseSensitive(b, "id"))) {
    st = {MakeError(ErrorCode::kInvalidInput, "time_zone and id are fixed when a site is created")};
  }
  if (!st.ok()) return SendError(res, st.error);
  auto site = ctx.store->UpdateSite(p.at("site"), edit, who.name);
  if (!site.ok()) return SendError(res, site.error());
  SendJson(res, 200, EncodeSiteListing(site.value()));
}

void CreateService(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  Service s;
  Status st = ReadString(b, "id", true, &s.id);
  if (st.ok()) st = ReadString(b, "prefix", true, &s.prefix);
  const cJSON* name = cJSON_GetObjectItemCaseSensitive(b, "name");
  if (st.ok() && !cJSON_IsObject(name)) st = {MakeError(ErrorCode::kInvalidInput, "name must be {\"id\",\"en\"}")};
  if (st.ok()) st = ReadString(name, "id", true, &s.name.id);
  if (st.ok()) st = ReadString(name, "en", false, &s.name.en);
  if (!st.ok()) return SendError(res, st.error);
  auto created = ctx.store->CreateService(p.at("site"), s, who.name);
  if (!created.ok()) return SendError(res, created.error());
  ServiceStatus shown;
  shown.service = created.value();
  auto statuses = ctx.store->ServiceStatuses(p.at("site"));
  if (statuses.ok()) {
    for (const auto& x : statuses.value()) {
      if (x.service.id == shown.service.id) shown = x;
    }
  }
  SendJson(res, 201, EncodeServiceStatus(shown, ZoneOf(ctx, p.at("site"))));
}

void CreateCounter(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  Counter c;
  Status st = ReadString(b, "id", true, &c.id);
  if (st.ok()) st = ReadString(b, "name", false, &c.name);
  const cJSON* services = cJSON_GetObjectItemCaseSensitive(b, "services");
  if (st.ok() && !cJSON_IsArray(services)) {
    st = {MakeError(ErrorCode::kInvalidInput, "services must be an array of service ids")};
  }
  for (const cJSON* v = st.ok() ? services->child : nullptr; v != nullptr; v = v->next) {
    if (!cJSON_IsString(v)) {
      st = {MakeError(ErrorCode::kInvalidInput, "services must be an array of service ids")};
      break;
    }
    c.services.push_back(v->valuestring);
  }
  if (!st.ok()) return SendError(res, st.error);
  auto created = ctx.store->CreateCounter(p.at("site"), c, who.name);
  if (!created.ok()) return SendError(res, created.error());
  CounterStatus shown;
  shown.counter = created.value();
  auto counters = ctx.store->CounterStatuses(p.at("site"));
  if (counters.ok()) {
    for (const auto& s : counters.value()) {
      if (s.counter.id == shown.counter.id) shown = s;
    }
  }
  SendJson(res, 201, EncodeCounterStatus(shown, ZoneOf(ctx, p.at("site")), true));
}

}  // namespace antre
