// All API v1 routes. Each handler parses the request, calls the store, and maps the result
// to HTTP in one place (StatusFor). No queue rule lives here.
#include "api.h"
#include "api_util.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include "auth.h"
#include "codec/domain_json.h"
#include "core/text_rules.h"
#include "site_event_source.h"
#include "maintenance.h"

namespace antre {
namespace {

struct Route {
  RouteInfo info;
  Handler handler;
  AsyncHandler async = nullptr;  // set instead of `handler` for a route that must not block
};

// ---------------------------------------------------------------- handlers

// The public sees whether the server is well and the site ids its pages need (they are in
// every public URL anyway); staff with a valid token also see the version, the database,
// streams and free disk, which tell an attacker how to hurt the server.
void Health(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params&) {
  // A database that cannot be read makes the whole answer 503, not an empty queue.
  bool db_ok = true;
  for (const auto& id : ctx.store->SiteIds()) db_ok = db_ok && ctx.store->LastEventId(id).ok();
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "status", db_ok ? "ok" : "degraded");
  if (Authorize(ctx, req, kStaff).ok()) {
    AddString(o.get(), "version", "0.1.0");
    AddInt(o.get(), "event_streams", ctx.hub->open_streams());
    AddInt(o.get(), "device_streams", ctx.hub->streams().device_streams());
    AddInt(o.get(), "public_streams", ctx.hub->streams().public_streams());
    AddString(o.get(), "database", db_ok ? "ok" : "failing");
    AddString(o.get(), "engine", ctx.db_engine);
    if (!ctx.db_path.empty()) AddInt(o.get(), "disk_free_bytes", FreeDiskBytes(ctx.db_path));
  }
  cJSON* sites = cJSON_AddArrayToObject(o.get(), "sites");
  for (const auto& id : ctx.store->SiteIds()) cJSON_AddItemToArray(sites, cJSON_CreateString(id.c_str()));
  SendJson(res, db_ok ? 200 : 503, o);
}

// Usernames are 1-32 of a-z, 0-9, '.', '-', '_' (CreateUser); a longer one cannot exist.
constexpr size_t kMaxUsernameTried = 64;

// 429 with Retry-After in whole seconds, rounded up.
void SendLoginLocked(HttpResponse& res, UnixMs wait_ms) {
  int64_t seconds = (wait_ms + 999) / 1000;
  int64_t minutes = (seconds + 59) / 60;
  SendError(res, MakeError(ErrorCode::kRateLimited,
                           "too many failed logins; try again in " + std::to_string(minutes) + " minutes"));
  res.SetHeader("Retry-After", std::to_string(seconds));
}

// Counts a failed login against the username and the address, and audits it and any lock it
// causes. An audit that cannot be written does not change the answer (still 401).
void RecordFailedLogin(ApiContext& ctx, const std::string& username, const std::string& address, UnixMs now) {
  LoginThrottle& throttle = *ctx.login_throttle;
  bool user_locked = throttle.by_user.RecordFailure(username, now);
  bool address_locked = throttle.by_address.RecordFailure(address, now);
  std::string minutes = std::to_string(LoginThrottle::kWindowMs / 60000);
  Status st = ctx.store->Audit(username, "login.failed", address, "");
  if (st.ok() && user_locked) {
    st = ctx.store->Audit(username, "login.locked", address, "username locked for " + minutes + " minutes");
  }
  if (st.ok() && address_locked) {
    st = ctx.store->Audit(username, "login.locked", address, "address locked for " + minutes + " minutes");
  }
  if (!st.ok()) std::fprintf(stderr, "antre: cannot audit a failed login: %s\n", st.error.message.c_str());
}

void Login(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params&) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string username, password;
  Status st = ReadString(body.value().get(), "username", true, &username);
  if (st.ok()) st = ReadString(body.value().get(), "password", true, &password);
  // "admin\u0000x" must not be read as "admin" by anything down the line.
  if (st.ok()) st = CheckText("username", username);
  if (st.ok() && username.size() > kMaxUsernameTried) {
    st = {MakeError(ErrorCode::kInvalidInput, "username is at most 64 characters")};
  }
  if (!st.ok()) return SendError(res, st.error);
  const std::string address = ClientAddress(ctx, req);
  const UnixMs now = ctx.clock->NowMs();
  // A locked username or address is refused before the password is checked, even a right one:
  // otherwise a guesser would learn the password from the answer while "locked".
  UnixMs wait = std::max(ctx.login_throttle->by_user.LockedFor(username, now),
                         ctx.login_throttle->by_address.LockedFor(address, now));
  if (wait > 0) return SendLoginLocked(res, wait);
  auto user = ctx.store->FindUser(username);
  // The same answer for an unknown user and a wrong password, so usernames cannot be probed.
  bool good = user.ok() && !user.value().disabled && VerifyPassword(password, user.value().password_hash);
  if (!good) {
    if (!user.ok() && user.error().code != ErrorCode::kNotFound) return SendError(res, user.error());
    RecordFailedLogin(ctx, username, address, now);
    return SendError(res, MakeError(ErrorCode::kUnauthorized, "wrong username or password"));
  }
  std::string token = RandomHex(32);
  UnixMs expires = now + static_cast<UnixMs>(ctx.limits.session_hours) * 3600 * 1000;
  st = ctx.store->CreateSession(Sha256Hex(token), user.value(), expires);
  if (st.ok()) st = ctx.store->Audit(user.value().username, "login", address, "");
  if (!st.ok()) return SendError(res, st.error);
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "token", token);
  AddString(o.get(), "username", user.value().username);
  AddString(o.get(), "role", RoleName(user.value().role));
  AddString(o.get(), "expires_at", FormatIsoLocal(expires, TimeZone{"UTC", 0}));
  Principal who;
  who.name = user.value().username;
  who.role = user.value().role;
  who.sites = user.value().sites;
  AddWorkSites(ctx, o.get(), who);
  SendJson(res, 200, o);
}

void Logout(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who, const Params&) {
  Status st = ctx.store->RevokeSession(Sha256Hex(BearerToken(req)));
  // The officer's counters are free for the next one.
  if (st.ok()) st = ctx.store->ReleaseCountersOf(who.name);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"logged_out\"}");
}

void ListServices(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto services = ctx.store->ServiceStatuses(p.at("site"));
  if (!services.ok()) return SendError(res, services.error());
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& s : services.value()) {
    cJSON_AddItemToArray(arr.get(), EncodeServiceStatus(s, site.value().tz).release());
  }
  SendJson(res, 200, arr);
}

// A refused walk-in says when the service opens again ("next_open", ISO or null), so a kiosk
// that raced a closing time or the last quota place can tell the resident.
void SendClosedError(ApiContext& ctx, HttpResponse& res, const std::string& site_id, const std::string& service,
                     const Error& e) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* err = cJSON_AddObjectToObject(root.get(), "error");
  AddString(err, "code", ErrorCodeName(e.code));
  AddString(err, "message", e.message);
  AddString(err, "service", service);
  AddNull(err, "next_open");
  auto services = ctx.store->ServiceStatuses(site_id);
  auto site = ctx.store->GetSite(site_id);
  if (services.ok() && site.ok()) {
    for (const auto& s : services.value()) {
      if (s.service.id != service) continue;
      if (s.next_open) {
        cJSON_ReplaceItemInObject(err, "next_open",
                                  cJSON_CreateString(FormatIsoLocal(*s.next_open, site.value().tz).c_str()));
      }
      if (e.code == ErrorCode::kQuotaReached) AddInt(err, "daily_quota", s.service.daily_quota);
    }
  }
  SendJson(res, StatusFor(e.code), root);
}

// A kiosk's ticket. Asynchronous: the request waits for its group commit without holding a
// thread, and the answer is built where the reply's receiver chooses (the fast path: the
// connection's io thread), not on the thread that committed it. An answer that throws
// becomes a 500 there; the ticket is on disk and its idempotency key replays it.
void IssueTicket(ApiContext& ctx, const HttpRequest& req, const Principal& who, const Params& p, ReplyFn reply) {
  const auto refuse = [&reply](const Error& e) {
    HttpResponse res;
    SendError(res, e);
    reply(Ready(std::move(res)));
  };
  const std::string& site_id = p.at("site");
  if (who.site != site_id) return refuse(MakeError(ErrorCode::kForbidden, "this kiosk belongs to another site"));
  auto body = ParseBody(req);
  if (!body.ok()) return refuse(body.error());
  std::string service, priority_text = "none";
  Status st = ReadString(body.value().get(), "service", true, &service);
  if (st.ok()) st = ReadString(body.value().get(), "priority", false, &priority_text);
  if (!st.ok()) return refuse(st.error);
  Priority priority;
  if (!ParsePriority(priority_text, &priority)) {
    return refuse(MakeError(ErrorCode::kInvalidInput, "priority must be null, lansia, disabilitas or hamil"));
  }
  auto idem = IdemKey(req, "ticket:" + who.name);
  if (!idem.ok()) return refuse(idem.error());
  ApiContext* c = &ctx;
  ctx.store->IssueTicketAsync(site_id, service, priority, idem.value(),
                              [c, site_id, service, reply = std::move(reply)](Result<IssueOutcome> out) {
    reply([c, site_id, service, out = std::move(out)] {
      HttpResponse res;
      if (!out.ok() && (out.error().code == ErrorCode::kServiceClosed || out.error().code == ErrorCode::kQuotaReached)) {
        SendClosedError(*c, res, site_id, service, out.error());
      } else if (!out.ok()) {
        SendError(res, out.error());
      } else {
        auto tz = c->store->SiteZone(site_id);
        if (!tz.ok()) throw std::runtime_error(tz.error().message);
        SendJson(res, out.value().replayed ? 200 : 201, EncodeTicket(out.value().ticket, tz.value()));
      }
      return res;
    });
  });
}

void GetTicket(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto t = ctx.store->GetTicket(p.at("id"));
  if (!t.ok()) return SendError(res, t.error());
  auto site = ctx.store->GetSite(t.value().ticket.site);
  if (!site.ok()) return SendError(res, site.error());
  SendJson(res, 200, EncodeTicket(t.value(), site.value().tz, /*with_booking_code=*/false));
}

void ListCounters(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params& p) {
  const std::string& site_id = p.at("site");
  auto site = ctx.store->GetSite(site_id);
  if (!site.ok()) return SendError(res, site.error());
  bool staff = Authorize(ctx, req, kStaff).ok();
  // Closed counters are left out but for an admin who asks (?all=1), to reopen them.
  bool with_closed = req.Query("all") == "1" && Authorize(ctx, req, kAdmins).ok();
  auto counters = ctx.store->CounterStatuses(site_id, with_closed);
  if (!counters.ok()) return SendError(res, counters.error());
  JsonPtr arr(cJSON_CreateArray());
  for (const auto& c : counters.value()) {
    cJSON_AddItemToArray(arr.get(), EncodeCounterStatus(c, site.value().tz, staff).release());
  }
  SendJson(res, 200, arr);
}

void ActOnCounter(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal& who, const Params& p) {
  const std::string& site_id = p.at("site");
  const std::string& counter_id = p.at("counter");
  CounterAction action;
  if (!ParseCounterAction(p.at("action"), &action)) {
    return SendError(res, MakeError(ErrorCode::kNotFound, "unknown counter action '" + p.at("action") + "'"));
  }
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string arg;
  Status st;
  if (action == CounterAction::kTransfer) st = ReadString(body.value().get(), "service", true, &arg);
  if (action == CounterAction::kCall || action == CounterAction::kUndo) {
    st = ReadString(body.value().get(), "number", true, &arg);
  }
  std::string outcome;
  if (st.ok() && (action == CounterAction::kNext || action == CounterAction::kFinish)) {
    st = ReadString(body.value().get(), "outcome", false, &outcome);
  }
  if (!st.ok()) return SendError(res, st.error);
  auto idem = IdemKey(req, "counter:" + site_id + ":" + counter_id + ":" + p.at("action"));
  if (!idem.ok()) return SendError(res, idem.error());
  // A counter open to an officer is theirs: another officer may not act on it (supervisors
  // and admins may, to help or to clear up). A free counter is anyone's, as before binding.
  if (who.role == Role::kOfficer) {
    auto holder = ctx.store->CounterHolder(site_id, counter_id);
    if (!holder.ok()) return SendError(res, holder.error());
    if (!holder.value().empty() && holder.value() != who.name) {
      auto site = ctx.store->GetSite(site_id);
      const Counter* c = site.ok() ? site.value().FindCounter(counter_id) : nullptr;
      std::string name = c ? c->name : counter_id;
      return SendError(res, MakeError(ErrorCode::kNotYourCounter, name + " is open to officer " + holder.value()));
    }
  }
  auto out = ctx.store->ActOnCounter(site_id, counter_id, action, arg, who.name, idem.value(), outcome);
  if (!out.ok()) return SendError(res, out.error());
  auto site = ctx.store->GetSite(site_id);
  if (action == CounterAction::kPause || action == CounterAction::kResume) {
    auto counters = ctx.store->CounterStatuses(site_id);
    if (!counters.ok()) return SendError(res, counters.error());
    for (const auto& c : counters.value()) {
      if (c.counter.id == counter_id) return SendJson(res, 200, EncodeCounterStatus(c, site.value().tz, true));
    }
  }
  if (!out.value().ticket) {
    res.status = 204;
    return;
  }
  SendJson(res, 200, EncodeTicket(*out.value().ticket, site.value().tz));
}

// POST …/counters/:counter/open: the console's officer takes the counter (Conflict if it is
// open to another officer; opening one's own again is fine).
void OpenCounter(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who, const Params& p) {
  Status st = ctx.store->OpenCounter(p.at("site"), p.at("counter"), who.name);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"open\"}");
}

// POST …/counters/:counter/close: the officer gives the counter up (NotYourCounter if it is
// another officer's; closing a free counter is fine).
void CloseCounter(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who, const Params& p) {
  Status st = ctx.store->CloseCounter(p.at("site"), p.at("counter"), who.name, /*force=*/false);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"closed\"}");
}

// POST …/counters/:counter/release: a supervisor frees a counter whoever holds it (audited).
void ReleaseCounter(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who, const Params& p) {
  Status st = ctx.store->CloseCounter(p.at("site"), p.at("counter"), who.name, /*force=*/true);
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"released\"}");
}

void GetBoard(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal&, const Params& p) {
  auto board = ctx.store->Board(p.at("site"));
  if (!board.ok()) return SendError(res, board.error());
  SendJson(res, 200, EncodeBoard(board.value()));
}

// Whether `id` could be a ticket id (the path pattern's alphabet and length).
bool IsIdLike(const std::string& id) {
  return !id.empty() && id.size() <= 64 &&
         id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") == std::string::npos;
}

// Every role may follow a site's events as a device stream; a device only its own site's.
const std::vector<Role> kStreamRoles = {Role::kOfficer, Role::kSupervisor, Role::kAdmin, Role::kKiosk,
                                        Role::kDisplay};
constexpr const char* kStreamRetryAfterSeconds = "5";

// The stream's class: a request that carries Authorization is a device stream and must prove
// it (a bad or expired token is refused, never quietly counted as public); one without it is
// public. A kiosk or display follows only its own site.
Result<StreamKind> StreamKindOf(ApiContext& ctx, const HttpRequest& req, const std::string& site) {
  if (req.Header("Authorization").empty()) return StreamKind::kPublic;
  auto who = Authorize(ctx, req, kStreamRoles);
  if (!who.ok()) return who.error();
  if (!IsStaffRole(who.value().role) && who.value().site != site) {
    return MakeError(ErrorCode::kForbidden, "this device belongs to another site");
  }
  return StreamKind::kDevice;
}

void StreamEvents(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params& p) {
  std::string site = p.at("site");
  auto kind = StreamKindOf(ctx, req, site);
  if (!kind.ok()) return SendError(res, kind.error());
  auto last = ctx.store->LastEventId(site);
  if (!last.ok()) return SendError(res, last.error());
  int64_t start = last.value();
  std::string resume = req.Header("Last-Event-ID");
  if (resume.empty()) resume = req.Query("last_event_id");
  if (!resume.empty()) {
    // An id the site never had (a typo, another server's, a database restored from an older
    // backup) would wait for events that never come: refused, so the client starts afresh.
    errno = 0;
    char* end = nullptr;
    long long v = std::strtoll(resume.c_str(), &end, 10);
    if (!std::isdigit(static_cast<unsigned char>(resume[0])) || *end != '\0' || errno == ERANGE) {
      return SendError(res, MakeError(ErrorCode::kInvalidInput, "Last-Event-ID must be a whole number below 2^63"));
    }
    if (v > start) {
      return SendError(res, MakeError(ErrorCode::kInvalidInput, "Last-Event-ID is after the newest event (" +
                                                                    std::to_string(start) + "); reconnect without it"));
    }
    start = v;
  }
  // A resident's page asks for its own ticket's events and those of the queue it waits in.
  StreamFilter filter;
  filter.ticket = req.Query("ticket");
  if (req.HasQuery("ticket") && !IsIdLike(filter.ticket)) {
    return SendError(res, MakeError(ErrorCode::kInvalidInput, "ticket must be a ticket id"));
  }
  if (!filter.ticket.empty()) {
    auto ticket = ctx.store->GetTicket(filter.ticket);
    if (!ticket.ok()) return SendError(res, ticket.error());
    if (ticket.value().ticket.site != site) return SendError(res, MakeError(ErrorCode::kNotFound, "no such ticket at this site"));
    filter.service = ticket.value().ticket.service;
  }
  StreamCaps caps{ctx.limits.max_device_streams, ctx.limits.max_streams, ctx.limits.max_streams_per_address};
  auto slot = ctx.hub->streams().TryOpen(kind.value(), ClientAddress(ctx, req), caps);
  if (!slot.ok()) {
    SendError(res, slot.error());
    res.SetHeader("Retry-After", kStreamRetryAfterSeconds);
    return;
  }
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("X-Accel-Buffering", "no");  // tells nginx not to buffer the stream
  res.content_type = "text/event-stream";
  res.stream = std::make_shared<SiteEventSource>(ctx.store, ctx.hub, site, start, std::move(filter),
                                                 std::chrono::seconds(ctx.limits.heartbeat_seconds),
                                                 std::move(slot.value()));
}

void SetTestClock(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params&) {
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string now;
  bool frozen = false;
  Status st = ReadString(body.value().get(), "now", true, &now);
  if (st.ok()) st = ReadBool(body.value().get(), "frozen", false, &frozen);
  if (!st.ok()) return SendError(res, st.error);
  // draw_seed: the release draws' random order repeats for a seed (tests check which set won).
  int64_t seed = -1;
  if (st.ok()) st = ReadInt(body.value().get(), "draw_seed", false, &seed);
  if (!st.ok()) return SendError(res, st.error);
  auto at = ParseIso(now);
  if (!at.ok()) return SendError(res, at.error());
  if (seed >= 0) ctx.store->SetDrawSeed(static_cast<uint64_t>(seed));
  ctx.clock->JumpTo(at.value(), frozen);
  st = ctx.store->RollOverIfNewDay();
  if (st.ok()) st = ctx.store->ExpireBookings();
  if (st.ok()) st = ctx.store->RunDueDraws();
  if (st.ok()) st = ctx.store->PublishDueAnnouncements();
  if (st.ok()) st = ctx.store->ErasePersonalData().ok() ? Status::Ok() : Status{MakeError(ErrorCode::kStorageFailed, "erase failed")};
  if (!st.ok()) return SendError(res, st.error);
  SendJson(res, 200, "{\"status\":\"ok\"}");
}

// A page of the web root under its own path, with the static files' ETag and gzip.
Handler Page(const std::string& file) {
  return [file](ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params&) {
    if (!ctx.files->Serve(ctx.web_root, "/" + file, req, res)) {
      SendError(res, MakeError(ErrorCode::kNotFound, "page not installed: " + file));
    }
  };
}

std::vector<Route> Routes(bool test_clock) {
  const std::string site = "/api/v1/sites/:site";
  std::vector<Route> routes = {
      {{"GET", "/api/v1/health", {}}, Health},
      {{"POST", "/api/v1/auth/login", {}}, Login},
      {{"POST", "/api/v1/auth/logout", kSignedIn}, Logout},
      {{"GET", site + "/services", {}}, ListServices},
      {{"POST", site + "/tickets", {Role::kKiosk}}, nullptr, IssueTicket},
      {{"GET", "/api/v1/tickets/:id", {}}, GetTicket},
      {{"GET", site + "/counters", {}}, ListCounters},
      // Before the action route, which would otherwise take "open", "close" and "release".
      {{"POST", site + "/counters/:counter/open", kStaff}, OpenCounter},
      {{"POST", site + "/counters/:counter/close", kStaff}, CloseCounter},
      {{"POST", site + "/counters/:counter/release", kSupervisors}, ReleaseCounter},
      {{"POST", site + "/counters/:counter/:action", kStaff}, ActOnCounter},
      {{"GET", site + "/board", {}}, GetBoard},
      {{"GET", site + "/events", {}}, StreamEvents},
      {{"GET", "/api/v1/auth/me", kSignedIn}, AuthMe},
      {{"GET", site + "/queue", kStaff}, GetQueue},
      {{"POST", site + "/tickets/:id/move", kSupervisors}, MoveTicket},
      {{"POST", site + "/tickets/:id/cancel", kSupervisors}, CancelTicket},
      {{"POST", site + "/tickets/:id/requeue", kSupervisors}, RequeueTicket},
      {{"POST", site + "/kiosk/status", {Role::kKiosk}}, ReportKioskStatus},
      {{"POST", site + "/display/status", {Role::kDisplay}}, ReportDisplayStatus},
      {{"GET", site + "/devices", kSupervisors}, ListDevices},
      {{"GET", "/api/v1/admin/users", kAdmins}, ListUsers},
      {{"POST", "/api/v1/admin/users", kAdmins}, CreateUser},
      {{"POST", "/api/v1/admin/users/:username", kAdmins}, UpdateUser},
      {{"GET", "/api/v1/admin/audit", kAdmins}, ListAudit},
      {{"GET", "/api/v1/sites", {}}, ListSites},
      {{"GET", "/api/v1/services/:service/sites", {}}, ListServiceSites},
      {{"POST", "/api/v1/admin/sites", kAdmins}, CreateSite},
      {{"POST", "/api/v1/admin/sites/:site", kAdmins}, UpdateSite},
      {{"POST", site + "/admin/services", kAdmins}, CreateService},
      {{"POST", site + "/admin/counters", kAdmins}, CreateCounter},
      {{"POST", site + "/admin/counters/:counter", kAdmins}, UpdateCounter},
      {{"POST", site + "/admin/services/:service", kAdmins}, UpdateService},
      {{"GET", site + "/admin/booking", kAdmins}, GetBookingConfig},
      {{"POST", site + "/admin/booking", kAdmins}, PutBookingConfig},
      {{"GET", site + "/slots", {}}, ListSlots},
      {{"POST", site + "/bookings", {}}, CreateBooking},
      {{"GET", "/api/v1/bookings/:code", {}}, GetBooking},
      {{"GET", "/api/v1/booking-requests/:id", {}}, GetBookingRequest},
      {{"POST", "/api/v1/bookings/:code/cancel", {}}, CancelBooking},
      {{"POST", "/api/v1/bookings/:code/reschedule", {}}, RescheduleBooking},
      {{"POST", site + "/bookings/:code/check-in", {Role::kKiosk}}, CheckInBooking},
      {{"POST", site + "/bookings/recover", {}}, RecoverBooking},
      {{"GET", site + "/bookings/challenge", {}}, GetBookingChallenge},
      {{"GET", site + "/stock", {}}, GetStock},
      {{"POST", site + "/stock", kSupervisors}, PostStock},
      {{"GET", site + "/stock/transfers", kSupervisors}, GetStockTransfers},
      {{"POST", site + "/stock/transfers", kSupervisors}, PostStockTransfer},
      {{"GET", site + "/backlog", kStaff}, GetBacklog},
      {{"POST", site + "/backlog/print", kStaff}, PrintBacklog},
      {{"GET", site + "/deliveries", kStaff}, ListDeliveries},
      {{"POST", site + "/deliveries/:id/:action", kStaff}, ActOnDelivery},
      {{"GET", site + "/tickets/:id/booking", kStaff}, TicketBooking},
      {{"GET", site + "/notifications", kAdmins}, ListNotifications},
      {{"GET", site + "/announcements", {}}, ListAnnouncements},
      {{"POST", site + "/announcements", kSupervisors}, CreateAnnouncement},
      {{"POST", site + "/announcements/:id/remove", kSupervisors}, RemoveAnnouncement},
      {{"GET", "/api/v1/tickets/:id/survey", {}}, GetTicketSurvey},
      {{"POST", "/api/v1/tickets/:id/survey", {}}, PostTicketSurvey},
      {{"GET", site + "/surveys/:number", {Role::kKiosk}}, GetKioskSurvey},
      {{"POST", site + "/surveys", {Role::kKiosk}}, PostKioskSurvey},
      {{"GET", site + "/ikm", kSupervisors}, GetIkm},
      {{"GET", site + "/reports", kSupervisors}, GetReport},
      {{"GET", site + "/reports/booking-sources", kSupervisors}, GetBookingSources},
      {{"GET", "/api/v1/city/summary", kSupervisors}, GetCitySummary},
      {{"GET", "/api/v1/city/report", kSupervisors}, GetCityReport},
      // Web pages: files from the web root, read per request so an update needs no restart.
      {{"GET", "/counter", {}}, Page("counter.html")},
      {{"GET", "/supervisor", {}}, Page("supervisor.html")},
      {{"GET", "/admin", {}}, Page("admin.html")},
      {{"GET", "/admin/reports", {}}, Page("reports.html")},
      {{"GET", "/t/:id", {}}, Page("ticket.html")},
      {{"GET", "/booking", {}}, Page("booking.html")},
      {{"GET", "/operator", {}}, Page("operator.html")},
      {{"GET", "/courier", {}}, Page("courier.html")},
      {{"GET", "/ikm", {}}, Page("ikm.html")},
      {{"GET", "/city", {}}, Page("city.html")},
  };
  if (test_clock) routes.push_back({{"POST", "/api/v1/test/clock", {}}, SetTestClock});
  return routes;
}

}  // namespace

// ---------------------------------------------------------------- dispatch

namespace {

// A route with its pattern split into segments once; ":name" segments are parameters.
struct CompiledRoute {
  Route route;
  std::vector<std::string> segments;
};

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(pos, slash - pos));
    pos = slash + 1;
  }
  return out;
}

std::vector<CompiledRoute> Compile(bool test_clock) {
  std::vector<CompiledRoute> out;
  for (Route& r : Routes(test_clock)) {
    std::vector<std::string> segments = SplitPath(r.info.pattern);
    out.push_back(CompiledRoute{std::move(r), std::move(segments)});
  }
  return out;
}

// The table is built once: it is constant, and a request must not pay for building it.
const std::vector<CompiledRoute>& Table(bool test_clock) {
  static const std::vector<CompiledRoute> kWith = Compile(true);
  static const std::vector<CompiledRoute> kWithout = Compile(false);
  return test_clock ? kWith : kWithout;
}

bool Match(const CompiledRoute& r, const std::vector<std::string>& path, Params* params) {
  if (r.segments.size() != path.size()) return false;
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& want = r.segments[i];
    if (!want.empty() && want[0] == ':') {
      if (!IsIdLike(path[i])) return false;
      (*params)[want.substr(1)] = path[i];
    } else if (want != path[i]) {
      return false;
    }
  }
  return true;
}

void Route404(HttpResponse& res) {
  res = HttpResponse{};
  SendJson(res, 404, ErrorBodyForStatus(404));
}

// The route for the request (HEAD finds GET routes) with its parameters, or null.
const CompiledRoute* FindRoute(const ApiContext& ctx, const HttpRequest& req, Params* params) {
  const bool is_get = req.method == "GET" || req.method == "HEAD";
  const std::vector<std::string> path = SplitPath(req.path);
  for (const CompiledRoute& r : Table(ctx.test_clock_enabled)) {
    if (r.route.info.method != (is_get ? "GET" : req.method)) continue;
    params->clear();
    if (Match(r, path, params)) return &r;
  }
  return nullptr;
}

// Whether `who` (authorized for the route) may act at the route's site: staff work only at
// their own sites (admins and accounts without a list everywhere).
Status CheckSite(const Principal& who, const Params& params) {
  auto site = params.find("site");
  if (IsStaffRole(who.role) && site != params.end() && !MayWorkAt(who, site->second)) {
    return {MakeError(ErrorCode::kForbidden, "this account may not work at site " + site->second)};
  }
  return Status::Ok();
}

// Runs an asynchronous route on this thread and waits for its answer.
void AnswerAndWait(ApiContext& ctx, const CompiledRoute& r, const HttpRequest& req, HttpResponse& res,
                   const Principal& who, const Params& params) {
  auto answered = std::make_shared<std::promise<Answer>>();
  std::future<Answer> answer = answered->get_future();
  r.route.async(ctx, req, who, params, [answered](Answer out) { answered->set_value(std::move(out)); });
  res = answer.get()();  // built here, on the handler thread
}

void AnswerRequest(ApiContext& ctx, const HttpRequest& req, HttpResponse& res) {
  Params params;
  const CompiledRoute* r = FindRoute(ctx, req, &params);
  if (r == nullptr) {
    bool is_get = req.method == "GET" || req.method == "HEAD";
    if (is_get && !ctx.web_root.empty() && ctx.files->Serve(ctx.web_root, req.path, req, res)) return;
    return Route404(res);
  }
  Principal who;
  if (!r->route.info.roles.empty()) {
    auto p = Authorize(ctx, req, r->route.info.roles);
    if (!p.ok()) return SendError(res, p.error());
    who = p.value();
    Status here = CheckSite(who, params);
    if (!here.ok()) return SendError(res, here.error);
  }
  if (r->route.async) return AnswerAndWait(ctx, *r, req, res, who, params);
  return r->route.handler(ctx, req, res, who, params);
}

// What every answer gets on its way out, whoever produced it.
void FinishAnswer(const HttpRequest& req, HttpResponse& res) {
  // One error shape on the wire, whoever produced the status.
  if (res.status >= 400 && res.body.empty() && !res.stream) {
    res.SetContent(ErrorBodyForStatus(res.status), "application/json; charset=utf-8");
  }
  LocalizeError(req, res);
  if (req.method == "HEAD") {
    res.stream.reset();  // an event stream opened for HEAD closes at once
    if (res.Header("Content-Length").empty()) res.SetHeader("Content-Length", std::to_string(res.body.size()));
    res.body.clear();
  }
}

// Logs what a request's handler threw and answers 500.
HttpResponse Failure(const HttpRequest& req, std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "antre: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
  } catch (...) {
    std::fprintf(stderr, "antre: %s %s failed\n", req.method.c_str(), req.path.c_str());
  }
  HttpResponse res;
  SendJson(res, 500, ErrorBodyForStatus(500));
  return res;
}

}  // namespace

void Dispatch(ApiContext& ctx, const HttpRequest& req, HttpResponse& res) {
  try {
    AnswerRequest(ctx, req, res);
  } catch (...) {
    res = Failure(req, std::current_exception());
  }
  FinishAnswer(req, res);
}

bool DispatchFast(ApiContext& ctx, const HttpRequest& req, std::function<void(Answer)> reply) {
  if (req.method != "POST") return false;  // the asynchronous routes are writes
  // Once the route has the request, `reply` is its to call, exactly once.
  auto once = std::make_shared<std::atomic<bool>>(false);
  ReplyFn finish = [&req, once, reply = std::move(reply)](Answer answer) {
    if (once->exchange(true)) return;
    reply([&req, answer = std::move(answer)] {
      HttpResponse res = answer();
      FinishAnswer(req, res);
      return res;
    });
  };
  try {
    Params params;
    const CompiledRoute* r = FindRoute(ctx, req, &params);
    if (r == nullptr || !r->route.async) return false;
    Principal who;
    if (!r->route.info.roles.empty()) {
      // A token not resolved lately would wait for the store: the handler pool does that.
      Result<Principal> p = MakeError(ErrorCode::kUnauthorized, "");
      if (!AuthorizeCached(ctx, req, r->route.info.roles, &p) || !p.ok()) return false;
      who = p.value();
      if (!CheckSite(who, params).ok()) return false;
    }
    r->route.async(ctx, req, who, params, finish);
  } catch (...) {
    HttpResponse res = Failure(req, std::current_exception());
    finish(Ready(std::move(res)));  // ignored if the route had already answered
  }
  return true;
}

std::vector<RouteInfo> RegisterApi(const ApiContext& ctx) {
  std::vector<RouteInfo> out;
  for (const CompiledRoute& r : Table(ctx.test_clock_enabled)) out.push_back(r.route.info);
  return out;
}

std::vector<RouteInfo> ApiRoutes() {
  std::vector<RouteInfo> out;
  for (const CompiledRoute& r : Table(false)) out.push_back(r.route.info);
  return out;
}

std::string ErrorBodyForStatus(int status) {
  switch (status) {
    case 400: return EncodeError("invalid_input", "the request could not be read");
    case 401: return EncodeError("unauthorized", "a valid token is required");
    case 403: return EncodeError("forbidden", "not allowed");
    case 404: return EncodeError("not_found", "no such route");
    case 405: return EncodeError("method_not_allowed", "method not allowed on this route");
    case 413: return EncodeError("too_large", "the request body is too large");
    case 414: return EncodeError("too_large", "the request URI is too long");
    case 416: return EncodeError("range_not_satisfiable", "the range lies beyond the end of the file");
    default: return EncodeError(status >= 500 ? "internal" : "bad_request", "request failed");
  }
}

}  // namespace antre
