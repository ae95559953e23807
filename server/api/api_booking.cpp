// Handlers for online booking (OPAK MANIS): slots, bookings, and check-in at a kiosk.
#include <algorithm>
#include <set>
#include <utility>

#include "api_util.h"
#include "codec/domain_json.h"
#include "core/booking_rules.h"
#include "core/messages.h"
#include "core/text_rules.h"

namespace antre {
namespace {

// Kecamatan of Kota Serang: home delivery goes only there.
const std::set<std::string> kKecamatan = {"Serang", "Kasemen", "Walantaka", "Curug", "Cipocok Jaya", "Taktakan"};

Result<std::string> ReadDelivery(const cJSON* body) {
  const cJSON* d = cJSON_GetObjectItemCaseSensitive(body, "delivery");
  if (d == nullptr || cJSON_IsNull(d)) return std::string();
  if (!cJSON_IsObject(d)) return MakeError(ErrorCode::kInvalidInput, "delivery must be null or an address object");
  struct Field {
    const char* key;
    size_t max;
    std::string value;
  };
  Field fields[] = {{"kecamatan", 40, ""}, {"kelurahan", 60, ""}, {"street", 120, ""}, {"house", 20, ""}};
  for (Field& f : fields) {
    Status st = ReadString(d, f.key, true, &f.value);
    if (st.ok()) st = CheckText(f.key, f.value);
    if (!st.ok()) return MakeError(ErrorCode::kInvalidInput, "delivery: " + st.error.message);
    if (f.value.empty() || f.value.size() > f.max) {
      return MakeError(ErrorCode::kInvalidInput, std::string("delivery.") + f.key + " must be 1-" + std::to_string(f.max) +
                                                     " characters");
    }
  }
  if (kKecamatan.count(fields[0].value) == 0) {
    return MakeError(ErrorCode::kInvalidInput, "delivery is only within Kota Serang: choose one of its six kecamatan");
  }
  JsonPtr o(cJSON_CreateObject());
  for (const Field& f : fields) AddString(o.get(), f.key, f.value);
  return PrintJson(o.get());
}

Result<std::string> CodeParam(const Params& p) {
  std::string code;
  if (!NormalizeBookingCode(p.at("code"), &code)) return MakeError(ErrorCode::kNotFound, "no booking with this code and NIK");
  return code;
}

// A code or an address locked for guessing NIKs answers 429 with Retry-After (whole seconds,
// rounded up) before the store is asked, even for the right NIK; true if it answered.
bool LookupLocked(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const std::string& code) {
  const UnixMs now = ctx.clock->NowMs();
  UnixMs wait = std::max(ctx.lookup_throttle->by_code.LockedFor(code, now),
                         ctx.lookup_throttle->by_address.LockedFor(ClientAddress(ctx, req), now));
  if (wait <= 0) return false;
  int64_t seconds = (wait + 999) / 1000;
  SendError(res, MakeError(ErrorCode::kRateLimited, "too many wrong NIKs; try again in " +
                                                        std::to_string((seconds + 59) / 60) + " minutes"));
  res.SetHeader("Retry-After", std::to_string(seconds));
  return true;
}

// Counts a look-up that found no booking (a wrong NIK or an unknown code) against the code
// and the client address.
void CountMiss(ApiContext& ctx, const HttpRequest& req, const std::string& code, const Error& e) {
  if (e.code != ErrorCode::kNotFound) return;
  const UnixMs now = ctx.clock->NowMs();
  ctx.lookup_throttle->by_code.RecordFailure(code, now);
  ctx.lookup_throttle->by_address.RecordFailure(ClientAddress(ctx, req), now);
}

// A booking as the resident sees it: the shared shape plus the exact check-in window and the
// documents to bring, so the confirmation and the status view state both.
JsonPtr BookingReply(ApiContext& ctx, const Booking& b) {
  auto site = ctx.store->GetSite(b.site);
  TimeZone tz = site.ok() ? site.value().tz : TimeZone{"UTC", 0};
  JsonPtr o = EncodeBooking(b, tz);
  if (!site.ok()) return o;
  // Where to come: the slip and the status view name the office and its address.
  AddString(o.get(), "site", b.site);
  AddString(o.get(), "site_name", site.value().name);
  AddString(o.get(), "site_address", site.value().address);
  const BookingSettings& settings = site.value().booking;
  cJSON* window = cJSON_AddObjectToObject(o.get(), "check_in");
  AddString(window, "from", FormatIsoLocal(CheckInOpensAt(b.slot_start, settings), tz));
  AddString(window, "until", FormatIsoLocal(CheckInClosesAt(b.slot_start, b.slot_end, settings), tz));
  cJSON* docs = cJSON_AddObjectToObject(o.get(), "documents");
  const ServiceDocuments* found = DocumentsFor(settings, b.service);
  for (auto [lang, list] : {std::pair{"id", found ? &found->id : nullptr}, {"en", found ? &found->en : nullptr}}) {
    cJSON* lines = cJSON_AddArrayToObject(docs, lang);
    for (size_t i = 0; list && i < list->size(); ++i) cJSON_AddItemToArray(lines, cJSON_CreateString((*list)[i].c_str()));
  }
  return o;
}

// A draw request as its resident sees it: pending until the draw, then booked (the booking is
// added by the caller) or refused with the reason a direct request would have had, in the
// language the request asks for.
JsonPtr BookingRequestReply(ApiContext& ctx, const HttpRequest& req, const BookingRequest& r) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "status", r.status);
  AddString(o.get(), "request_id", r.id);
  AddString(o.get(), "draw_at", FormatIsoLocal(r.draw_at, ZoneOf(ctx, r.site)));
  if (r.status == "refused") {
    cJSON* why = cJSON_AddObjectToObject(o.get(), "reason");
    AddString(why, "code", r.reason_code);
    AddString(why, "message", LocalizedMessage(r.reason_code, r.reason, PickLanguage(req.Header("Accept-Language"))));
  }
  return o;
}

}  // namespace

void ListSlots(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  std::string service = req.Query("service");
  if (service.empty()) return SendError(res, MakeError(ErrorCode::kInvalidInput, "give ?service=…"));
  LocalDate today = LocalDateAt(ctx.clock->NowMs(), site.value().tz);
  LocalDate from = today, to = CivilFromDays(DaysFromCivil(today) + std::min(site.value().booking.days_ahead, 31));
  for (auto [key, target] : {std::pair<const char*, LocalDate*>{"from", &from}, {"to", &to}}) {
    if (!req.HasQuery(key)) continue;
    auto d = ParseDate(req.Query(key));
    if (!d.ok()) return SendError(res, d.error());
    *target = d.value();
  }
  Status due = ctx.store->RunDueDraws();  // places a closed draw has taken show at once
  if (!due.ok()) return SendError(res, due.error);
  auto slots = ctx.store->Slots(site.value().id, service, from, to);
  if (!slots.ok()) return SendError(res, slots.error());
  SendJson(res, 200, EncodeSlots(slots.value(), site.value().tz));
}

void CreateBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
                   const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  std::string client = ClientAddress(ctx, req);
  // An operator's token books on a resident's behalf, counted per operator in the store. Any
  // other token (a staff session left in the browser) is ignored: that is a web booking.
  Booking request;
  if (!BearerToken(req).empty()) {
    auto who = Authorize(ctx, req, {Role::kOperator});
    if (who.ok()) {
      request.channel = "operator";
      request.operator_user = who.value().name;
    }
  }
  if (request.channel == "web" &&
      !ctx.limiter->Allow("booking:" + client, site.value().booking.rate_per_minute, ctx.clock->NowMs())) {
    return SendError(res, MakeError(ErrorCode::kRateLimited, "too many requests; wait a minute and try again"));
  }
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  const cJSON* b = body.value().get();
  std::string slot_text;
  Status st = ReadString(b, "nik", true, &request.nik);
  if (st.ok()) st = ReadString(b, "name", true, &request.name);
  if (st.ok()) st = CheckText("name", request.name);
  if (st.ok()) st = ReadString(b, "phone", request.channel == "web", &request.phone);
  if (st.ok()) st = ReadString(b, "service", true, &request.service);
  if (st.ok()) st = ReadString(b, "slot_start", true, &slot_text);
  if (!st.ok()) return SendError(res, st.error);
  auto slot = ParseIso(slot_text);
  if (!slot.ok()) return SendError(res, slot.error());
  request.slot_start = slot.value();
  auto delivery = ReadDelivery(b);
  if (!delivery.ok()) return SendError(res, delivery.error());
  request.delivery_json = delivery.value();
  // Last before the store: a malformed request spends no proof of work, every attempt on the
  // slots spends one.
  if (request.channel == "web") {
    Status pow = RedeemBookingPow(ctx, b, site.value());
    if (!pow.ok()) return SendError(res, pow.error);
  }
  BookingRequest drawn;
  auto booking = ctx.store->CreateBooking(site.value().id, request, client, &drawn);
  if (!booking.ok()) return SendError(res, booking.error());
  if (!drawn.id.empty()) return SendJson(res, 202, BookingRequestReply(ctx, req, drawn));
  SendJson(res, 201, BookingReply(ctx, booking.value()));
}

void GetBookingRequest(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
                       const Params& p) {
  // Ids are 24 hex digits: anything else is as unknown as a wrong one (and, like a malformed
  // booking code, is not counted, so the throttle's keys stay well-formed).
  const std::string& id = p.at("id");
  if (id.size() != 24 || id.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return SendError(res, MakeError(ErrorCode::kNotFound, "no booking request with this id and NIK"));
  }
  if (LookupLocked(ctx, req, res, id)) return;
  auto found = ctx.store->FindBookingRequest(id, req.Query("nik"));
  if (!found.ok()) CountMiss(ctx, req, id, found.error());
  if (!found.ok()) return SendError(res, found.error());
  JsonPtr o = BookingRequestReply(ctx, req, found.value());
  if (found.value().status == "booked") {
    auto b = ctx.store->FindBooking(found.value().booking_code, req.Query("nik"));
    if (!b.ok()) return SendError(res, b.error());
    cJSON_AddItemToObject(o.get(), "booking", BookingReply(ctx, b.value()).release());
  }
  SendJson(res, 200, o);
}

void GetBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&, const Params& p) {
  auto code = CodeParam(p);
  if (!code.ok()) return SendError(res, code.error());
  if (LookupLocked(ctx, req, res, code.value())) return;
  auto b = ctx.store->FindBooking(code.value(), req.Query("nik"));
  if (!b.ok()) CountMiss(ctx, req, code.value(), b.error());
  if (!b.ok()) return SendError(res, b.error());
  auto progress = ctx.store->ProgressOf(b.value());
  if (!progress.ok()) return SendError(res, progress.error());
  JsonPtr o = BookingReply(ctx, b.value());
  const BookingProgress& pr = progress.value();
  cJSON* po = cJSON_AddObjectToObject(o.get(), "progress");
  if (pr.ticket_number.empty()) {
    AddNull(po, "ticket");
  } else {
    cJSON* t = cJSON_AddObjectToObject(po, "ticket");
    AddString(t, "number", pr.ticket_number);
    AddString(t, "status", pr.ticket_status);
  }
  auto text_or_null = [&](const char* key, const std::string& v) {
    if (v.empty()) {
      AddNull(po, key);
    } else {
      AddString(po, key, v);
    }
  };
  text_or_null("print", pr.print);
  if (pr.backlog_position > 0) {
    AddInt(po, "backlog_position", pr.backlog_position);
  } else {
    AddNull(po, "backlog_position");
  }
  text_or_null("delivery", pr.delivery);
  SendJson(res, 200, o);
}

void CancelBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
                   const Params& p) {
  auto code = CodeParam(p);
  if (!code.ok()) return SendError(res, code.error());
  if (LookupLocked(ctx, req, res, code.value())) return;
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string nik;
  Status st = ReadString(body.value().get(), "nik", true, &nik);
  if (!st.ok()) return SendError(res, st.error);
  auto b = ctx.store->CancelBooking(code.value(), nik);
  if (!b.ok()) CountMiss(ctx, req, code.value(), b.error());
  if (!b.ok()) return SendError(res, b.error());
  SendJson(res, 200, BookingReply(ctx, b.value()));
}

void RescheduleBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
                       const Params& p) {
  auto code = CodeParam(p);
  if (!code.ok()) return SendError(res, code.error());
  if (LookupLocked(ctx, req, res, code.value())) return;
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string nik, slot_text;
  Status st = ReadString(body.value().get(), "nik", true, &nik);
  if (st.ok()) st = ReadString(body.value().get(), "slot_start", true, &slot_text);
  if (!st.ok()) return SendError(res, st.error);
  auto slot = ParseIso(slot_text);
  if (!slot.ok()) return SendError(res, slot.error());
  auto b = ctx.store->RescheduleBooking(code.value(), nik, slot.value());
  if (!b.ok()) CountMiss(ctx, req, code.value(), b.error());
  if (!b.ok()) return SendError(res, b.error());
  SendJson(res, 200, BookingReply(ctx, b.value()));
}

void CheckInBooking(ApiContext& ctx, const HttpRequest&, HttpResponse& res, const Principal& who,
                    const Params& p) {
  if (who.site != p.at("site")) return SendError(res, MakeError(ErrorCode::kForbidden, "this kiosk belongs to another site"));
  auto code = CodeParam(p);
  if (!code.ok()) return SendError(res, code.error());
  Booking refused;
  auto out = ctx.store->CheckIn(p.at("site"), code.value(), &refused);
  if (!out.ok() && !refused.service.empty() &&
      (out.error().code == ErrorCode::kTooLate || out.error().code == ErrorCode::kConflict)) {
    // The booking's service (to offer a walk-in ticket for it) and its status (cancelled or
    // no_show), beside the usual code and message.
    JsonPtr root(cJSON_CreateObject());
    cJSON* err = cJSON_AddObjectToObject(root.get(), "error");
    AddString(err, "code", ErrorCodeName(out.error().code));
    AddString(err, "message", out.error().message);
    AddString(err, "service", refused.service);
    AddString(err, "booking_status", refused.status);
    return SendJson(res, StatusFor(out.error().code), root);
  }
  if (!out.ok()) return SendError(res, out.error());
  SendJson(res, out.value().replayed ? 200 : 201, EncodeTicket(out.value().ticket, ZoneOf(ctx, p.at("site"))));
}

}  // namespace antre

namespace antre {

void RecoverBooking(ApiContext& ctx, const HttpRequest& req, HttpResponse& res, const Principal&,
                    const Params& p) {
  auto site = ctx.store->GetSite(p.at("site"));
  if (!site.ok()) return SendError(res, site.error());
  // NIK and phone pairs must not be probed: a brake even where booking has none configured.
  constexpr int kDefaultRecoverPerMinute = 10;
  int per_minute = site.value().booking.rate_per_minute > 0 ? site.value().booking.rate_per_minute
                                                            : kDefaultRecoverPerMinute;
  if (!ctx.limiter->Allow("recover:" + ClientAddress(ctx, req), per_minute, ctx.clock->NowMs())) {
    return SendError(res, MakeError(ErrorCode::kRateLimited, "too many requests; wait a minute and try again"));
  }
  auto body = ParseBody(req);
  if (!body.ok()) return SendError(res, body.error());
  std::string nik, phone;
  Status st = ReadString(body.value().get(), "nik", true, &nik);
  if (st.ok()) st = ReadString(body.value().get(), "phone", true, &phone);
  if (!st.ok()) return SendError(res, st.error);
  bool sent = false;
  auto found = ctx.store->RecoverBookings(site.value().id, nik, phone, &sent);
  if (!found.ok()) return SendError(res, found.error());
  JsonPtr o(cJSON_CreateObject());
  cJSON_AddBoolToObject(o.get(), "sent", sent);
  AddInt(o.get(), "count", static_cast<int>(found.value().size()));
  // Sent: the code goes only to the phone, which proves the caller holds it. No gateway:
  // the answer carries what the message would have.
  cJSON* list = cJSON_AddArrayToObject(o.get(), "bookings");
  for (const Booking& b : found.value()) {
    if (!sent) cJSON_AddItemToArray(list, BookingReply(ctx, b).release());
  }
  SendJson(res, 200, o);
}

}  // namespace antre
