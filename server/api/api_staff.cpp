// Handlers for supervisors, admins and kiosk status reports. Thin: parse, call the store,
// answer; the rules live in the store.
#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "api_util.h"
#include "auth.h"
#include "codec/domain_json.h"
#include "codec/hours_json.h"
#include "core/text_rules.h"

namespace antre {
namespace {

// Reads an optional string-array field; InvalidInput if present but not an array of strings.
Status ReadStringArray(const cJSON* obj, const char* key, std::optional<std::vector<std::string>>* out) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(obj, key);
  if (item == nullptr || cJSON_IsNull(item)) return Status::Ok();
  if (!cJSON_IsArray(item)) return {MakeError(ErrorCode::kInvalidInput, std::string("field '") + key + "' must be an array")};
  std::vector<std::string> values;
  for (const cJSON* v = item->child; v != nullptr; v = v->next) {
    if (!cJSON_IsString(v)) return {MakeError(ErrorCode::kInvalidInput, std::string("field '") + key + "' must hold strings")};
    values.push_back(v->valuestring);
  }
  *out = values;
  return Status::Ok();
}

bool ValidPassword(const std::string& p) { return p.size() >= 8 && p.size() <= 128; }

TimeZone SiteZone(ApiContext& ctx, const std::string& site) {
  auto s = ctx.store->GetSite(site);
  return s.ok() ? s.value().tz : TimeZone{"UTC", 0};
}

// The "sites" of a user's request: absent leaves them; [] means every site; each must be a
// site of this server.
Status ReadSites(ApiContext& ctx, const cJSON* body, std::optional<std::vector<std::string>>* out) {
  const cJSON* list = cJSON_GetObjectItemCaseSensitive(body, "sites");
  if (list == nullptr) return Status::Ok();
  if (!cJSON_IsArray(list)) return {MakeError(ErrorCode::kInvalidInput, "sites must be an array of site ids")};
  std::vector<std::string> known = ctx.store->SiteIds(), sites;
  for (const cJSON* s = list->child; s != nullptr; s = s->next) {
    if (!cJSON_IsString(s) || std::find(known.begin(), known.end(), s->valuestring) == known.end()) {
      return {MakeError(ErrorCode::kInvalidInput, "sites must be an array of site ids")};
    }
    if (std::find(sites.begin(), sites.end(), s->valuestring) == sites.end()) sites.push_back(s->valuestring);
  }
  *out = sites;
  return Status::Ok();
}

void AddSites(cJSON* o, const std::vector<std::string>& sites) {
  cJSON* arr = cJSON_AddArrayToObject(o, "sites");
  for (const auto& s : sites) cJSON_AddItemToArray(arr, cJSON_CreateString(s.c_str()));
}

}  // namespace

void AddWorkSites(ApiContext& ctx, cJSON* o, const Principal& who) {
  cJSON* arr = cJSON_AddArrayToObject(o, "work_sites");
  for (const auto& id : ctx.store->SiteIds()) {
    // A kiosk or display belongs to its one site.
    if (IsStaffRole(who.role) ? !MayWorkAt(who, id) : id != who.site) continue;
    auto site = ctx.store->GetSite(id);
    cJSON* item = cJSON_CreateObject();
    AddString(item, "id", id);
    AddString(item, "name", site.ok() ? site.value().name : id);
    cJSON_AddItemToArray(arr, item);
  }
}

void AuthMe(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who, const Params&) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "username", who.name);
  AddString(o.get(), "role", RoleName(who.role));
  AddWorkSites(ctx, o.get(), who);
  SendJson(res, 200, o);
}

void GetQueue(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto q = ctx.store->Queue(p.at("site"));
  if (!q.ok()) return SendError(res, q.error());
  SendJson(res, 200, EncodeQueue(q.value(), SiteZone(ctx, p.at("site"))));
}

void MoveTicket(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string service;
  Status st = ReadString(body.value().get(), "service", true, &service);
  if (!st.ok()) return SendError(res, st.error);
  auto t = ctx.store->MoveTicket(p.at("site"), p.at("id"), service, who.name);
  if (!t.ok()) return SendError(res, t.error());
  SendJson(res, 200, EncodeTicket(t.value(), SiteZone(ctx, p.at("site"))));
}

void RequeueTicket(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who, const Params& p) {
  auto t = ctx.store->RequeueTicket(p.at("site"), p.at("id"), who.name);
  if (!t.ok()) return SendError(res, t.error());
  SendJson(res, 200, EncodeTicket(t.value(), SiteZone(ctx, p.at("site"))));
}

void CancelTicket(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                  const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string reason;
  Status st = ReadString(body.value().get(), "reason", true, &reason);
  if (st.ok()) st = CheckText("reason", reason);
  if (!st.ok()) return SendError(res, st.error);
  if (reason.empty() || reason.size() > 200) {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "reason must be 1-200 characters"));
  }
  auto t = ctx.store->CancelTicket(p.at("site"), p.at("id"), reason, who.name);
  if (!t.ok()) return SendError(res, t.error());
  SendJson(res, 200, EncodeTicket(t.value(), SiteZone(ctx, p.at("site"))));
}

void ReportKioskStatus(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                       const Params& p) {
  if (who.site != p.at("site")) return SendError(res, MakeError(ErrorCode::kForbidden, "this kiosk belongs to another site"));
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string printer, message;
  Status st = ReadString(body.value().get(), "printer", true, &printer);
  if (st.ok()) st = ReadString(body.value().get(), "message", false, &message);
  if (!st.ok()) return SendError(res, st.error);
  // "unknown": a kiosk checking in before it has printed anything since it started.
  if (printer != "ok" && printer != "paper_out" && printer != "error" && printer != "offline" && printer != "unknown") {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "printer must be ok, paper_out, error, offline or unknown"));
  }
  if (message.size() > 200) return SendError(res, MakeError(ErrorCode::kInvalidInput, "message is over 200 characters"));
  st = ctx.store->ReportDeviceStatus(who.name, printer, message);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"ok\"}");
}

void ReportDisplayStatus(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                         const Params& p) {
  if (who.site != p.at("site")) return SendError(res, MakeError(ErrorCode::kForbidden, "this display belongs to another site"));
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string audio, message;
  Status st = ReadString(body.value().get(), "audio", true, &audio);
  if (st.ok()) st = ReadString(body.value().get(), "message", false, &message);
  if (!st.ok()) return SendError(res, st.error);
  if (audio != "ok" && audio != "none" && audio != "muted") {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "audio must be ok, none or muted"));
  }
  if (message.size() > 200) return SendError(res, MakeError(ErrorCode::kInvalidInput, "message is over 200 characters"));
  st = ctx.store->ReportDeviceStatus(who.name, audio, message);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"ok\"}");
}

void ListDevices(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto devices = ctx.store->Devices(p.at("site"));
  if (!devices.ok()) return SendError(res, devices.error());
  TimeZone tz = SiteZone(ctx, p.at("site"));
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& d : devices.value()) cJSON_AddItemToArray(arr.get(), EncodeDeviceStatus(d, tz).release());
  SendJson(res, 200, arr);
}

void ListUsers(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params&) {
  auto users = ctx.store->ListUsers();
  if (!users.ok()) return SendError(res, users.error());
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& u : users.value()) {
    cJSON* item = cJSON_CreateObject();
    AddString(item, "username", u.username);
    AddString(item, "role", RoleName(u.role));
    AddBool(item, "disabled", u.disabled);
    AddSites(item, u.sites);
    cJSON_AddItemToArray(arr.get(), item);
  }
  SendJson(res, 200, arr);
}

void CreateUser(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                const Params&) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  UserRecord u;
  std::string role, password;
  Status st = ReadString(body.value().get(), "username", true, &u.username);
  if (st.ok()) st = ReadString(body.value().get(), "role", true, &role);
  if (st.ok()) st = ReadString(body.value().get(), "password", true, &password);
  std::optional<std::vector<std::string>> sites;
  if (st.ok()) st = ReadSites(ctx, body.value().get(), &sites);
  if (!st.ok()) return SendError(res, st.error);
  if (sites) u.sites = *sites;
  bool name_ok = !u.username.empty() && u.username.size() <= 32 &&
                 u.username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-.") == std::string::npos;
  if (!name_ok) {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "username must be 1-32 of a-z, 0-9, '.', '-', '_'"));
  }
  if (!ParseRole(role, &u.role) || !IsStaffRole(u.role)) {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "role must be officer, supervisor, admin or operator"));
  }
  if (!ValidPassword(password)) return SendError(res, MakeError(ErrorCode::kInvalidInput, "password must be 8-128 characters"));
  u.password_hash = HashPassword(password);
  st = ctx.store->CreateUser(u, who.name);
  if (!st.ok()) return SendError(res, st.error);
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "username", u.username);
  AddString(o.get(), "role", RoleName(u.role));
  AddBool(o.get(), "disabled", false);
  AddSites(o.get(), u.sites);
  SendJson(res, 201, o);
}

void UpdateUser(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  std::optional<Role> role;
  std::optional<bool> disabled;
  std::optional<std::string> hash;
  std::string role_text, password;
  bool flag = false;
  Status st = ReadString(b, "role", false, &role_text);
  if (st.ok() && !role_text.empty()) {
    Role r;
    if (!ParseRole(role_text, &r) || !IsStaffRole(r)) {
      return SendError(res, MakeError(ErrorCode::kInvalidInput, "role must be officer, supervisor, admin or operator"));
    }
    role = r;
  }
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "disabled")) {
    st = ReadBool(b, "disabled", true, &flag);
    disabled = flag;
  }
  if (st.ok()) st = ReadString(b, "password", false, &password);
  std::optional<std::vector<std::string>> sites;
  if (st.ok()) st = ReadSites(ctx, b, &sites);
  if (!st.ok()) return SendError(res, st.error);
  if (!password.empty()) {
    if (!ValidPassword(password)) return SendError(res, MakeError(ErrorCode::kInvalidInput, "password must be 8-128 characters"));
    hash = HashPassword(password);
  }
  if (p.at("username") == who.name && ((disabled && *disabled) || (role && *role != Role::kAdmin))) {
    return SendError(res, MakeError(ErrorCode::kConflict, "an admin cannot disable or demote their own account"));
  }
  st = ctx.store->UpdateUser(p.at("username"), role, disabled, hash, who.name, sites);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"ok\"}");
}

void UpdateCounter(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> services;
  std::string name_text;
  Status st = ReadString(body.value().get(), "name", false, &name_text);
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(body.value().get(), "name")) name = name_text;
  if (st.ok()) st = CheckText("name", name_text);
  if (st.ok()) st = ReadStringArray(body.value().get(), "services", &services);
  std::optional<bool> is_open;
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(body.value().get(), "open")) {
    bool open = true;
    st = ReadBool(body.value().get(), "open", true, &open);
    is_open = open;
  }
  if (!st.ok()) return SendError(res, st.error);
  auto c = ctx.store->UpdateCounter(p.at("site"), p.at("counter"), name, services, who.name, is_open);
  if (!c.ok()) return SendError(res, c.error());
  CounterStatus status;
  status.counter = c.value();
  auto counters = ctx.store->CounterStatuses(p.at("site"), /*with_closed=*/true);
  if (counters.ok()) {
    for (const auto& s : counters.value()) {
      if (s.counter.id == c.value().id) status = s;
    }
  }
  SendJson(res, 200, EncodeCounterStatus(status, SiteZone(ctx, p.at("site")), true));
}

void UpdateService(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                   const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  std::optional<LocalizedText> name;
  std::optional<bool> is_open;
  Status st;
  const cJSON* n = cJSON_GetObjectItemCaseSensitive(b, "name");
  if (n && !cJSON_IsNull(n)) {
    if (!cJSON_IsObject(n)) return SendError(res, MakeError(ErrorCode::kInvalidInput, "name must be {\"id\",\"en\"}"));
    LocalizedText text;
    st = ReadString(n, "id", true, &text.id);
    if (st.ok()) st = ReadString(n, "en", false, &text.en);
    if (st.ok()) st = CheckText("name.id", text.id);
    if (st.ok()) st = CheckText("name.en", text.en);
    name = text;
  }
  bool open = false;
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "open")) {
    st = ReadBool(b, "open", true, &open);
    is_open = open;
  }
  ServiceEdit edit{name, is_open, std::nullopt, std::nullopt, std::nullopt};
  // "hours": null clears the hours (always open); absent leaves them as they are.
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "hours")) {
    OpeningHours hours;
    st = DecodeOpeningHours(cJSON_GetObjectItemCaseSensitive(b, "hours"), &hours);
    edit.hours = hours;
  }
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "daily_quota")) {
    int64_t quota = 0;
    st = ReadInt(b, "daily_quota", true, &quota);
    if (st.ok() && (quota < 0 || quota > 100000)) {
      st = {MakeError(ErrorCode::kInvalidInput, "daily_quota must be 0-100000 (0 = no quota)")};
    }
    edit.daily_quota = static_cast<int>(quota);
  }
  if (st.ok() && cJSON_GetObjectItemCaseSensitive(b, "target_wait_minutes")) {
    int64_t minutes = 0;
    st = ReadInt(b, "target_wait_minutes", true, &minutes);
    if (st.ok() && (minutes < 1 || minutes > kMaxTargetWaitMinutes)) {
      st = {MakeError(ErrorCode::kInvalidInput, "target_wait_minutes must be 1-480")};
    }
    edit.target_wait_minutes = static_cast<int>(minutes);
  }
  if (!st.ok()) return SendError(res, st.error);
  auto s = ctx.store->UpdateService(p.at("site"), p.at("service"), edit, who.name);
  if (!s.ok()) return SendError(res, s.error());
  // The live figures (open now, quota left) as GET services shows them.
  auto statuses = ctx.store->ServiceStatuses(p.at("site"));
  ServiceStatus shown;
  shown.service = s.value();
  if (statuses.ok()) {
    for (const auto& x : statuses.value()) {
      if (x.service.id == s.value().id) shown = x;
    }
  }
  SendJson(res, 200, EncodeServiceStatus(shown, SiteZone(ctx, p.at("site"))));
}

void ListAnnouncements(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&,
                       const Params& p) {
  auto items = ctx.store->Announcements(p.at("site"));
  if (!items.ok()) return SendError(res, items.error());
  TimeZone tz = SiteZone(ctx, p.at("site"));
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& a : items.value()) cJSON_AddItemToArray(arr.get(), EncodeAnnouncement(a, tz).release());
  SendJson(res, 200, arr);
}

void CreateAnnouncement(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                        const Params& p) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  const cJSON* text = cJSON_GetObjectItemCaseSensitive(b, "text");
  if (!cJSON_IsObject(text)) return SendError(res, MakeError(ErrorCode::kInvalidInput, "text must be {\"id\",\"en\"}"));
  LocalizedText t;
  std::string starts, ends;
  Status st = ReadString(text, "id", true, &t.id);
  if (st.ok()) st = ReadString(text, "en", false, &t.en);
  // Announcements are typed in a text area: line breaks are theirs to use.
  if (st.ok()) st = CheckText("text.id", t.id, LineBreaks::kAllowed);
  if (st.ok()) st = CheckText("text.en", t.en, LineBreaks::kAllowed);
  if (st.ok()) st = ReadString(b, "starts_at", false, &starts);
  if (st.ok()) st = ReadString(b, "ends_at", true, &ends);
  if (!st.ok()) return SendError(res, st.error);
  UnixMs start_ms = ctx.clock->NowMs();
  if (!starts.empty()) {
    auto s = ParseIso(starts);
    if (!s.ok()) return SendError(res, s.error());
    start_ms = s.value();
  }
  auto e = ParseIso(ends);
  if (!e.ok()) return SendError(res, e.error());
  auto a = ctx.store->CreateAnnouncement(p.at("site"), t, start_ms, e.value(), who.name);
  if (!a.ok()) return SendError(res, a.error());
  SendJson(res, 201, EncodeAnnouncement(a.value(), SiteZone(ctx, p.at("site"))));
}

void RemoveAnnouncement(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who,
                        const Params& p) {
  char* end = nullptr;
  long long id = std::strtoll(p.at("id").c_str(), &end, 10);
  if (*end != '\0') return SendError(res, MakeError(ErrorCode::kNotFound, "no such announcement"));
  Status st = ctx.store->RemoveAnnouncement(p.at("site"), id, who.name);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"removed\"}");
}

void GetBookingConfig(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&,
                      const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  SendJson(res, 200, EncodeBookingConfig(site.value().booking, site.value().slot_rules));
}

void PutBookingConfig(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who,
                      const Params& p) {
  Status st = ctx.store->UpdateBookingConfig(p.at("site"), req.body, who.name);
  if (!st.ok()) return SendError(res, st.error);
  auto site = ctx.store->GetSite(p.at("site"));
  SendJson(res, 200, EncodeBookingConfig(site.value().booking, site.value().slot_rules));
}

}  // namespace antre
