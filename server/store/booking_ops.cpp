// Online bookings (OPAK MANIS). Capacity, the one-booking-per-NIK rule and the anti-broker
// limits are checked inside the same transaction as the insert, under the store's lock, so
// hundreds of simultaneous requests can never overbook a slot.
#include <algorithm>

#include "auth.h"
#include "codec/domain_json.h"
#include "core/nik.h"
#include "store.h"
#include "store_rows.h"
#include "core/event_types.h"

namespace antre {
namespace {

const char* kBookingColumns =
    "code, site, service, slot_start, slot_end, status, nik, name, phone, delivery, created_at, ticket, channel, "
    "operator";

Booking BookingFromRow(const Stmt& q) {
  Booking b;
  b.code = q.Text(0);
  b.site = q.Text(1);
  b.service = q.Text(2);
  b.slot_start = q.Int(3);
  b.slot_end = q.Int(4);
  b.status = q.Text(5);
  b.nik = q.Text(6);
  b.name = q.Text(7);
  b.phone = q.Text(8);
  b.delivery_json = q.Text(9);
  b.created_at = q.Int(10);
  b.ticket_id = q.Text(11);
  b.channel = q.Text(12);
  b.operator_user = q.Text(13);
  return b;
}

// Public event data for bookings: service and slot only, never the code or personal data.
std::string BookingEventData(const Booking& b, const TimeZone& tz) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "service", b.service);
  AddString(o.get(), "slot_start", FormatIsoLocal(b.slot_start, tz));
  return PrintJson(o.get());
}

}  // namespace

// Counts places taken in a slot: every booking that is not cancelled keeps its place.
static Result<int> TakenLocked(Db& db, const std::string& site, const std::string& service, UnixMs start) {
  Stmt q(db,
         "SELECT COUNT(*) FROM bookings WHERE site=? AND service=? AND slot_start=? AND status<>'cancelled'");
  q.Bind(1, site).Bind(2, service).Bind(3, start);
  if (!q.Step()) return q.Fail("cannot count bookings");
  return static_cast<int>(q.Int(0));
}

Result<std::vector<SlotAvailability>> BookingStore::Slots(const std::string& site_id, const std::string& service,
                                                          const LocalDate& from, const LocalDate& to) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSiteLocked(site_id);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  if (!site->FindService(service)) return MakeError(ErrorCode::kNotFound, "unknown service '" + service + "'");
  long days = DaysFromCivil(to) - DaysFromCivil(from);
  if (days < 0 || days > 31) return MakeError(ErrorCode::kInvalidInput, "from..to must span 0-31 days");
  UnixMs now = clock_->NowMs();
  std::vector<SlotAvailability> out;
  for (long d = DaysFromCivil(from); d <= DaysFromCivil(to); ++d) {
    // A day not released yet is listed with its release time, so the page can say when.
    Release release = ReleaseOf(CivilFromDays(d), site->booking, site->tz);
    UnixMs opens_at = PhaseOf(release, now) == ReleasePhase::kNotReleased ? release.release_at : 0;
    for (const Slot& slot : SlotsForDay(site->slot_rules, site->booking, service, CivilFromDays(d), site->tz)) {
      if (!CheckBookable(slot, now, site->booking, site->tz).ok()) continue;
      auto taken = TakenLocked(*db_, site->id, service, slot.start);
      if (!taken.ok()) return taken.error();
      out.push_back(SlotAvailability{slot, std::max(0, slot.capacity - taken.value()), opens_at});
    }
  }
  return out;
}

Result<Booking> BookingStore::CreateBooking(const std::string& site_id, const Booking& request, const std::string& client,
                                            BookingRequest* drawn) {
  auto nik = ValidateNik(request.nik);
  if (!nik.ok()) return nik.error();
  // Many residents an operator books for have no phone: only there may it be left out.
  const bool by_operator = request.channel == "operator";
  if (request.channel != "web" && !by_operator) return MakeError(ErrorCode::kInvalidInput, "unknown booking channel");
  if (by_operator && request.operator_user.empty()) return MakeError(ErrorCode::kInvalidInput, "operator missing");
  Result<std::string> phone = std::string();
  if (!by_operator || !request.phone.empty()) phone = NormalizePhone(request.phone);
  if (!phone.ok()) return phone.error();
  if (request.name.empty() || request.name.size() > 100) {
    return MakeError(ErrorCode::kInvalidInput, "name must be 1-100 characters");
  }
  // A closed draw is made before anything else of its day is booked: those who asked in the
  // window come before those who ask after it.
  Status due = RunDueDraws();
  if (!due.ok()) return due.error;
  Booking checked = request;
  checked.phone = phone.value();
  return Change<Result<Booking>>(site_id, [&](Write& w) -> Result<Booking> { return BookLocked(w, checked, client, drawn); });
}

Result<Booking> BookingStore::BookLocked(Write& w, const Booking& request, const std::string& client, BookingRequest* drawn) {
  const bool by_operator = request.channel == "operator";
  const Site* site = &w.site();
  if (closed_sites_.count(site->id) != 0) return MakeError(ErrorCode::kServiceClosed, "site '" + site->id + "' is closed");
  const Service* service = site->FindService(request.service);
  if (!service) return MakeError(ErrorCode::kNotFound, "unknown service '" + request.service + "'");
  const auto& delivery = site->booking.delivery_services;
  if (!request.delivery_json.empty() && std::find(delivery.begin(), delivery.end(), service->id) == delivery.end()) {
    return MakeError(ErrorCode::kInvalidInput, "home delivery is not offered for this service");
  }
  auto slot = FindSlot(site->slot_rules, site->booking, service->id, request.slot_start, site->tz);
  if (!slot.ok()) return slot.error();
  UnixMs now = clock_->NowMs();
  Status st = CheckBookable(slot.value(), now, site->booking, site->tz);
  if (!st.ok()) return st.error;
  // The release time and its draw are for the web, where brokers' scripts race residents. A
  // kelurahan operator books in office hours, long before a 19:00 release, under a daily
  // limit of their own.
  Release release;
  if (!by_operator) {
    if (!(st = CheckReleased(slot.value(), now, site->booking, site->tz, drawn == nullptr)).ok()) return st.error;
    release = ReleaseOf(LocalDateAt(slot.value().start, site->tz), site->booking, site->tz);
  }
  if (PhaseOf(release, now) == ReleasePhase::kDraw) {
    Booking entry = request;
    entry.service = service->id;
    if (!(st = EnterDrawLocked(w, entry, client, release.draw_at, drawn)).ok()) return st.error;
    return Booking{};
  }

  Db& h = *db_;
  auto taken = TakenLocked(*db_, site->id, service->id, slot.value().start);
  if (!taken.ok()) return taken.error();
  if (taken.value() >= slot.value().capacity) return MakeError(ErrorCode::kSlotFull, "this slot is full");
  Stmt dup(h, "SELECT COUNT(*) FROM bookings WHERE nik=? AND service=? AND status IN ('booked','checked_in')");
  dup.Bind(1, request.nik).Bind(2, service->id);
  if (!dup.Step()) return dup.Fail("cannot check bookings");
  if (dup.Int(0) > 0) return MakeError(ErrorCode::kAlreadyBooked, "this NIK already has a booking for this service");
  std::string today = FormatDate(LocalDateAt(now, site->tz));
  auto over_limit = [&](const char* column, const std::string& value, int limit) -> Result<bool> {
    if (limit <= 0 || value.empty()) return false;
    // Each channel has its own brakes: an office's bookings do not use up its address's web count.
    Stmt q(h, (std::string("SELECT COUNT(*) FROM bookings WHERE ") + column + "=? AND created_day=? AND channel=?").c_str());
    q.Bind(1, value).Bind(2, today).Bind(3, by_operator ? "operator" : "web");
    if (!q.Step()) return q.Fail("cannot count bookings");
    return q.Int(0) >= limit;
  };
  if (by_operator) {
    // One kelurahan office books for many residents from one address and often no phone: the
    // web's per-phone and per-address brakes would stop it, so the operator's own count does.
    auto operator_over = over_limit("operator", request.operator_user, site->booking.per_operator_per_day);
    if (!operator_over.ok()) return operator_over.error();
    if (operator_over.value()) {
      return MakeError(ErrorCode::kLimitReached, "this operator has made the most bookings allowed for one day (" +
                                                     std::to_string(site->booking.per_operator_per_day) + ")");
    }
  } else {
    auto phone_over = over_limit("phone", request.phone, site->booking.per_phone_per_day);
    if (!phone_over.ok()) return phone_over.error();
    if (phone_over.value()) return MakeError(ErrorCode::kLimitReached, "this phone number has made too many bookings today");
    auto client_over = over_limit("client", client, site->booking.per_address_per_day);
    if (!client_over.ok()) return client_over.error();
    if (client_over.value()) return MakeError(ErrorCode::kLimitReached, "too many bookings from this connection today");
  }

  Booking b = request;
  b.site = site->id;
  b.service = service->id;
  b.slot_start = slot.value().start;
  b.slot_end = slot.value().end;
  b.status = "booked";
  b.phone = request.phone;
  b.created_at = now;
  b.channel = by_operator ? "operator" : "web";
  b.operator_user = by_operator ? request.operator_user : "";
  for (int attempt = 0;; ++attempt) {
    std::vector<uint8_t> bytes;
    std::string hex = RandomHex(16);
    for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    b.code = FormatBookingCode(bytes);
    Stmt ins(h,
             "INSERT INTO bookings(code, site, service, slot_start, slot_end, status, nik, name, phone, delivery, "
             "client, created_at, created_day, updated_at, channel, operator) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.Bind(1, b.code).Bind(2, b.site).Bind(3, b.service).Bind(4, b.slot_start).Bind(5, b.slot_end);
    ins.Bind(6, b.status).Bind(7, b.nik).Bind(8, b.name).Bind(9, b.phone).Bind(10, b.delivery_json);
    ins.Bind(11, client).Bind(12, now).Bind(13, today).Bind(14, now).Bind(15, b.channel).Bind(16, b.operator_user);
    ins.Run();
    if (ins.done()) break;
    // A code collision (about 1 in 10^12) just draws again; anything else is a real error.
    if (!ins.IsConstraintViolation() || attempt > 5) return ins.Fail("cannot store booking");
  }
  std::vector<Event>& events = w.events();
  auto ev = AppendEvent(*site, event::kBookingCreated, nullptr, "", "", BookingEventData(b, site->tz), &events);
  if (!ev.ok()) return ev.error();
  if (!(st = EnqueueLocked(*site, "booking.created", b, "")).ok()) return st.error;
  // Who booked for a resident is for the office's eyes: the audit log, never the public event.
  if (by_operator && !(st = AuditLocked(b.operator_user, "booking.create", b.code, "channel operator, service " + b.service)).ok()) {
    return st.error;
  }
  return b;
}

Result<Booking> BookingStore::FindBooking(const std::string& code, const std::string& nik) const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_, (std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE code=?").c_str());
  q.Bind(1, code);
  if (!q.Step()) {
    if (!q.done()) return q.Fail("cannot read booking");
    return MakeError(ErrorCode::kNotFound, "no booking with this code and NIK");
  }
  Booking b = BookingFromRow(q);
  if (b.nik != nik || nik.empty()) return MakeError(ErrorCode::kNotFound, "no booking with this code and NIK");
  return b;
}

Result<Booking> BookingStore::CancelBooking(const std::string& code, const std::string& nik) {
  auto found = FindBooking(code, nik);
  if (!found.ok()) return found.error();
  return Change<Result<Booking>>([&](Write& w) -> Result<Booking> {
  Booking b = found.value();
  const Site* site = FindSiteLocked(b.site);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site");
  Stmt u(*db_, "UPDATE bookings SET status='cancelled', updated_at=? WHERE code=? AND status='booked'");
  u.Bind(1, clock_->NowMs()).Bind(2, code);
  u.Run();
  if (!u.done()) return u.Fail("cannot cancel booking");
  if (u.Changes() == 0) return MakeError(ErrorCode::kConflict, "this booking is " + b.status + ", not active");
  b.status = "cancelled";
  std::vector<Event>& events = w.events();
  auto ev = AppendEvent(*site, event::kBookingCancelled, nullptr, "", "", BookingEventData(b, site->tz), &events);
  if (!ev.ok()) return ev.error();
  Status st;
  if (!st.ok()) return st.error;
  return b;
  });
}

Result<Booking> BookingStore::RescheduleBooking(const std::string& code, const std::string& nik, UnixMs slot_start) {
  auto found = FindBooking(code, nik);
  if (!found.ok()) return found.error();
  return Change<Result<Booking>>([&](Write& w) -> Result<Booking> {
  Booking b = found.value();
  if (b.status != "booked") return MakeError(ErrorCode::kConflict, "this booking is " + b.status + ", not active");
  const Site* site = FindSiteLocked(b.site);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site");
  if (closed_sites_.count(site->id) != 0) return MakeError(ErrorCode::kServiceClosed, "site '" + site->id + "' is closed");
  auto slot = FindSlot(site->slot_rules, site->booking, b.service, slot_start, site->tz);
  if (!slot.ok()) return slot.error();
  Status st = CheckBookable(slot.value(), clock_->NowMs(), site->booking, site->tz);
  if (!st.ok()) return st.error;
  // Moving into a day before its draw is made would jump the draw.
  if (!(st = CheckReleased(slot.value(), clock_->NowMs(), site->booking, site->tz, true)).ok()) return st.error;
  // The current slot may be changed only before it, under the same cut-off as a new booking.
  Slot current{b.slot_start, b.slot_end, 0};
  if (!CheckBookable(current, clock_->NowMs(), site->booking, site->tz).ok()) {
    return MakeError(ErrorCode::kConflict, "too late to change this booking");
  }
  auto taken = TakenLocked(*db_, site->id, b.service, slot.value().start);
  if (!taken.ok()) return taken.error();
  if (slot.value().start != b.slot_start && taken.value() >= slot.value().capacity) {
    return MakeError(ErrorCode::kSlotFull, "this slot is full");
  }
  Stmt u(*db_, "UPDATE bookings SET slot_start=?, slot_end=?, updated_at=? WHERE code=?");
  u.Bind(1, slot.value().start).Bind(2, slot.value().end).Bind(3, clock_->NowMs()).Bind(4, code);
  u.Run();
  if (!u.done()) return u.Fail("cannot reschedule booking");
  UnixMs from = b.slot_start;
  b.slot_start = slot.value().start;
  b.slot_end = slot.value().end;
  // The slot lists of the booking page and supervisors change in two places.
  JsonPtr data(cJSON_CreateObject());
  AddString(data.get(), "service", b.service);
  AddString(data.get(), "slot_start", FormatIsoLocal(b.slot_start, site->tz));
  AddString(data.get(), "from", FormatIsoLocal(from, site->tz));
  std::vector<Event>& events = w.events();
  auto ev = AppendEvent(*site, event::kBookingRescheduled, nullptr, "", "", PrintJson(data.get()), &events);
  if (!ev.ok()) return ev.error();
  return b;
  });
}

Result<IssueOutcome> BookingStore::CheckIn(const std::string& site_id, const std::string& code, Booking* refused) {
  return Change<Result<IssueOutcome>>(site_id, [&](Write& w) -> Result<IssueOutcome> {
  const Site* site = &w.site();
  Db& h = *db_;
  std::vector<Event>& events = w.events();
  Status st;
  Stmt q(h, (std::string("SELECT ") + kBookingColumns + " FROM bookings WHERE code=?").c_str());
  q.Bind(1, code);
  if (!q.Step() || q.Text(1) != site->id) return MakeError(ErrorCode::kNotFound, "no booking with this code here");
  Booking b = BookingFromRow(q);
  if (b.status == "checked_in" && !b.ticket_id.empty()) {
    // A second scan of the same code gives the same ticket, never a second one.
    auto t = LoadTicket(b.ticket_id);
    if (!t.ok()) return t.error();
    if (!t.value()) return MakeError(ErrorCode::kNotFound, "ticket of this booking is gone");
    auto view = ViewOf(*site, *t.value());
    if (!view.ok()) return view.error();
    return IssueOutcome{view.value(), true};
  }
  if (refused) {
    refused->service = b.service;  // no personal data: the caller only needs these two
    refused->status = b.status;
  }
  if (b.status != "booked") return MakeError(ErrorCode::kConflict, "this booking is " + b.status);
  if (closed_sites_.count(site->id) != 0) return MakeError(ErrorCode::kServiceClosed, "site '" + site->id + "' is closed");
  CheckInTiming timing = CheckInWindow(b.slot_start, b.slot_end, clock_->NowMs(), site->booking);
  if (timing == CheckInTiming::kTooEarly) {
    return MakeError(ErrorCode::kTooEarly, "check-in opens " + std::to_string(site->booking.check_in_early_minutes) +
                                               " minutes before " + FormatIsoLocal(b.slot_start, site->tz).substr(11, 5));
  }
  if (timing == CheckInTiming::kTooLate) return MakeError(ErrorCode::kTooLate, "the check-in time for this booking has passed");
  const Service* service = site->FindService(b.service);
  if (!service) return MakeError(ErrorCode::kNotFound, "unknown service '" + b.service + "'");
  // Ordered by the slot start, so an on-time resident does not wait behind later walk-ins.
  auto t = InsertTicketLocked(*site, *service, Priority::kNone, b.slot_start, b.code, &events);
  if (!t.ok()) return t.error();
  Stmt u(h, "UPDATE bookings SET status='checked_in', ticket=?, updated_at=? WHERE code=?");
  u.Bind(1, t.value().id).Bind(2, clock_->NowMs()).Bind(3, code);
  u.Run();
  if (!u.done()) return u.Fail("cannot check in");
  auto ev = AppendEvent(*site, event::kBookingCheckedIn, nullptr, "", "", BookingEventData(b, site->tz), &events);
  if (!ev.ok()) return ev.error();
  auto view = ViewOf(*site, t.value());
  if (!view.ok()) return view.error();
  return IssueOutcome{view.value(), false};
  });
}

Result<std::vector<Booking>> BookingStore::RecoverBookings(const std::string& site_id, const std::string& nik,
                                                           const std::string& phone, bool* sent) {
  auto normalized = NormalizePhone(phone);
  // A malformed NIK or phone matches nothing: the same 404 as a wrong one, so the answer
  // says nothing about which of the two was wrong.
  if (!ValidateNik(nik).ok() || !normalized.ok()) return MakeError(ErrorCode::kNotFound, "no active booking with this NIK and phone");
  return Change<Result<std::vector<Booking>>>(site_id, [&](Write& w) -> Result<std::vector<Booking>> {
  const Site* site = &w.site();

  Stmt q(*db_, (std::string("SELECT ") + kBookingColumns +
                         " FROM bookings WHERE site=? AND nik=? AND phone=? AND status IN ('booked','checked_in') "
                         "ORDER BY slot_start").c_str());
  q.Bind(1, site->id).Bind(2, nik).Bind(3, normalized.value());
  std::vector<Booking> found;
  while (q.Step()) found.push_back(BookingFromRow(q));
  if (!q.done()) return q.Fail("cannot read bookings");
  if (found.empty()) return MakeError(ErrorCode::kNotFound, "no active booking with this NIK and phone");
  *sent = !site->booking.webhook_url.empty();
  for (const Booking& b : found) {
    if (!*sent) break;
    // One row per kind and booking: a message already delivered makes room for a new one.
    Stmt d(*db_, "DELETE FROM notifications WHERE kind='booking.recovered' AND booking=? AND status<>'pending'");
    d.Bind(1, b.code);
    d.Run();
    if (!d.done()) return d.Fail("cannot queue notification");
    Status st = EnqueueLocked(*site, "booking.recovered", b, "");
    if (!st.ok()) return st.error;
  }
  Status st;
  if (!st.ok()) return st.error;
  return found;
  });
}

Status BookingStore::ExpireBookings() {
  for (const std::string& site_id : SiteIds()) {
    Status st = Change<Status>(site_id, [&](Write& w) -> Status {
    const Site& site = w.site();
    UnixMs now = clock_->NowMs();
    UnixMs cutoff = now - site.booking.no_show_grace_minutes * 60000LL;
    std::vector<Booking> stale;
    Stmt q(*db_, (std::string("SELECT ") + kBookingColumns +
                           " FROM bookings WHERE site=? AND status='booked' AND slot_end<?").c_str());
    q.Bind(1, site.id).Bind(2, cutoff);
    while (q.Step()) stale.push_back(BookingFromRow(q));
    for (Booking& b : stale) {
      Stmt u(*db_, "UPDATE bookings SET status='no_show', updated_at=? WHERE code=?");
      u.Bind(1, now).Bind(2, b.code);
      u.Run();
      if (!u.done()) return {u.Fail("cannot expire booking")};
      Status st = w.Event(event::kBookingNoShow, nullptr, "", "system", BookingEventData(b, site.tz));
      if (!st.ok()) return st;
    }
    return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace antre
