// Card printing after the counter: the outcome of each printing ticket, the blank-card stock,
// the office-wide print backlog (first in, first out) and home delivery of finished cards.
#include "codec/domain_json.h"
#include "codec/event_codec.h"
#include "core/nik.h"
#include "store.h"
#include "store_rows.h"
#include "core/event_types.h"

namespace antre {
namespace {

std::string LevelData(const char* level) { return EncodeStockLevel(level); }

// Reads a delivery address JSON written by the booking API.
void ReadAddress(const std::string& json, DeliveryItem* d) {
  auto parsed = ParseJson(json.empty() ? "{}" : json);
  if (!parsed.ok()) return;
  const cJSON* o = parsed.value().get();
  ReadString(o, "kecamatan", false, &d->kecamatan);
  ReadString(o, "kelurahan", false, &d->kelurahan);
  ReadString(o, "street", false, &d->street);
  ReadString(o, "house", false, &d->house);
}

}  // namespace

Result<int> StoreCore::StockCountLocked(const std::string& site) const {
  Stmt q(*db_, "SELECT COALESCE(SUM(delta), 0) FROM stock_moves WHERE site=?");
  q.Bind(1, site);
  if (!q.Step()) return q.Fail("cannot read stock");
  return static_cast<int>(q.Int(0));
}

Result<int> PrintStore::StockCount(const std::string& site) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
  return StockCountLocked(site);
}

Status StoreCore::StockMoveLocked(const Site& site, int delta, const std::string& kind, const std::string& reason,
                                  const std::string& actor, std::vector<Event>* events, const std::string& peer,
                                  int64_t* id) {
  auto before = StockCountLocked(site.id);
  if (!before.ok()) return {before.error()};
  if (before.value() + delta < 0) {
    return {MakeError(ErrorCode::kConflict, "not enough blank cards in stock (" + std::to_string(before.value()) + ")")};
  }
  Stmt s(*db_, "INSERT INTO stock_moves(site, at, delta, kind, reason, actor, peer) VALUES(?,?,?,?,?,?,?) RETURNING id");
  s.Bind(1, site.id).Bind(2, clock_->NowMs()).Bind(3, delta).Bind(4, kind).Bind(5, reason).Bind(6, actor).Bind(7, peer);
  if (!s.Step()) return {s.Fail("cannot record stock")};
  if (id) *id = s.Int(0);
  if (!s.Run()) return {s.Fail("cannot record stock")};
  int threshold = site.booking.stock_low_threshold;
  const char* old_level = StockLevel(before.value(), threshold);
  const char* new_level = StockLevel(before.value() + delta, threshold);
  // Sent on every change (level only: the count is for staff), so open pages refresh at once.
  (void)old_level;
  auto ev = AppendEvent(site, event::kStockChanged, nullptr, "", actor, LevelData(new_level), events);
  if (!ev.ok()) return {ev.error()};
  return Status::Ok();
}

Result<int> PrintStore::MoveStock(const std::string& site_id, int delta, const std::string& kind, const std::string& reason,
                                  const std::string& actor) {
  if (kind != "received" && kind != "adjusted") return MakeError(ErrorCode::kInvalidInput, "kind must be received or adjusted");
  if (kind == "received" && delta <= 0) return MakeError(ErrorCode::kInvalidInput, "a delivery of cards must be positive");
  if (kind == "adjusted" && (delta == 0 || reason.empty())) {
    return MakeError(ErrorCode::kInvalidInput, "an adjustment needs a non-zero count and a reason");
  }
  return Change<Result<int>>(site_id, [&](Write& w) -> Result<int> {
  const Site* site = &w.site();

  std::vector<Event>& events = w.events();
  Status st = StockMoveLocked(*site, delta, kind, reason, actor, &events);
  if (st.ok()) st = AuditLocked(actor, "stock." + kind, site->id, std::to_string(delta) + " " + reason);
  if (!st.ok()) return st.error;
  auto count = StockCountLocked(site->id);
  if (!count.ok()) return count.error();
  return count.value();
  });
}

Status StoreCore::CreateDeliveryLocked(const std::string& site, const std::string& booking_code) {
  if (booking_code.empty()) return Status::Ok();
  Stmt q(*db_, "SELECT delivery FROM bookings WHERE code=?");
  q.Bind(1, booking_code);
  if (!q.Step() || q.Text(0).empty()) return Status::Ok();  // no home delivery chosen
  Stmt s(*db_,
         "INSERT INTO deliveries(site, booking, created_at, updated_at) VALUES(?,?,?,?) ON CONFLICT(booking) DO NOTHING");
  s.Bind(1, site).Bind(2, booking_code).Bind(3, clock_->NowMs()).Bind(4, clock_->NowMs());
  s.Run();
  if (!s.done()) return {s.Fail("cannot create delivery")};
  return Status::Ok();
}

Status StoreCore::RecordPrintOutcomeLocked(const Site& site, const Ticket& ticket, const std::string& outcome,
                                           const std::string& actor, std::vector<Event>* events) {
  if (outcome != "printed" && outcome != "backlog") {
    return {MakeError(ErrorCode::kInvalidInput, "outcome must be printed or backlog")};
  }
  Stmt u(*db_, "UPDATE tickets SET outcome=? WHERE id=?");
  u.Bind(1, outcome).Bind(2, ticket.id);
  u.Run();
  if (!u.done()) return {u.Fail("cannot record print outcome")};
  if (outcome == "printed") {
    Status st = StockMoveLocked(site, -1, "used", ticket.number, actor, events);
    if (st.error.code == ErrorCode::kConflict) {
      return {MakeError(ErrorCode::kConflict, "no blank cards in stock: record this as backlog (Surat Keterangan)")};
    }
    if (!st.ok()) return st;
    return CreateDeliveryLocked(site.id, ticket.booking);
  }
  Stmt s(*db_, "INSERT INTO print_backlog(site, ticket, number, booking, created_at) VALUES(?,?,?,?,?)");
  s.Bind(1, site.id).Bind(2, ticket.id).Bind(3, ticket.number).Bind(4, ticket.booking).Bind(5, clock_->NowMs());
  s.Run();
  if (!s.done()) return {s.Fail("cannot add to the print backlog")};
  auto ev = AppendEvent(site, event::kPrintBacklog, &ticket, "", actor,
                        EncodePrintEvent(PrintEventData{ticket.number, ticket.service}), events);
  return ev.ok() ? Status::Ok() : Status{ev.error()};
}

Result<std::vector<BacklogItem>> PrintStore::Backlog(const std::string& site) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
  Stmt q(*db_,
         "SELECT id, ticket, number, booking, created_at FROM print_backlog WHERE site=? AND status='waiting' ORDER BY id");
  q.Bind(1, site);
  std::vector<BacklogItem> out;
  while (q.Step()) {
    out.push_back(BacklogItem{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), static_cast<int>(out.size()) + 1});
  }
  if (!q.done()) return q.Fail("cannot read backlog");
  return out;
}

Result<BacklogItem> PrintStore::PrintFromBacklog(const std::string& site_id, const std::string& actor,
                                           const IdempotencyKey& idem) {
  return Change<Result<BacklogItem>>(site_id, [&](Write& w) -> Result<BacklogItem> {
  const Site* site = &w.site();

  if (!idem.empty()) {
    // A retried request after a lost answer: the card it printed, not the next one.
    Stmt k(*db_,
           "SELECT b.id, b.ticket, b.number, b.booking, b.created_at FROM idempotency i JOIN print_backlog b "
           "ON b.ticket = i.ticket AND b.status = 'printed' WHERE i.scope=? AND i.key=? ORDER BY b.id DESC LIMIT 1");
    k.Bind(1, idem.scope).Bind(2, idem.key);
    if (k.Step()) return BacklogItem{k.Int(0), k.Text(1), k.Text(2), k.Text(3), k.Int(4), 1};
    if (!k.done()) return k.Fail("cannot read idempotency keys");
  }
  Stmt q(*db_,
         "SELECT id, ticket, number, booking, created_at FROM print_backlog WHERE site=? AND status='waiting' "
         "ORDER BY id LIMIT 1");
  q.Bind(1, site->id);
  if (!q.Step()) return MakeError(ErrorCode::kConflict, "the print backlog is empty");
  BacklogItem item{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Int(4), 1};
  std::vector<Event>& events = w.events();
  Status st = StockMoveLocked(*site, -1, "used", item.number, actor, &events);
  if (!st.ok()) return st.error;
  Stmt u(*db_, "UPDATE print_backlog SET status='printed', printed_at=? WHERE id=?");
  u.Bind(1, clock_->NowMs()).Bind(2, item.id);
  u.Run();
  if (!u.done()) return u.Fail("cannot update backlog");
  Stmt t(*db_, "UPDATE tickets SET outcome='printed' WHERE id=?");
  t.Bind(1, item.ticket);
  if (!t.Run()) return t.Fail("cannot update ticket");
  if (!(st = CreateDeliveryLocked(site->id, item.booking)).ok()) return st.error;
  auto ev = AppendEvent(*site, event::kPrintPrinted, nullptr, "", actor, EncodePrintEvent(PrintEventData{item.number, ""}), &events);
  if (!ev.ok()) return ev.error();
  if (!(st = RememberIdempotent(idem, item.ticket)).ok()) return st.error;
  return item;
  });
}

Result<std::vector<DeliveryItem>> PrintStore::Deliveries(const std::string& site, const std::string& status) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
  Stmt q(*db_,
         "SELECT d.id, d.booking, d.status, b.name, b.delivery, d.receiver, d.reason, d.updated_at FROM deliveries d "
         "JOIN bookings b ON b.code = d.booking WHERE d.site=? AND (?='' AND d.status NOT IN ('delivered','pickup') "
         "OR d.status=?) ORDER BY d.id");
  q.Bind(1, site).Bind(2, status).Bind(3, status);
  std::vector<DeliveryItem> out;
  while (q.Step()) {
    DeliveryItem d;
    d.id = q.Int(0);
    d.booking = q.Text(1);
    d.status = q.Text(2);
    d.name = q.Text(3);
    ReadAddress(q.Text(4), &d);
    d.receiver = q.Text(5);
    d.reason = q.Text(6);
    d.updated_at = q.Int(7);
    out.push_back(d);
  }
  if (!q.done()) return q.Fail("cannot read deliveries");
  std::stable_sort(out.begin(), out.end(), [](const DeliveryItem& a, const DeliveryItem& b) {
    return a.kecamatan != b.kecamatan ? a.kecamatan < b.kecamatan : a.kelurahan < b.kelurahan;
  });
  return out;
}

Result<DeliveryItem> PrintStore::UpdateDelivery(const std::string& site, int64_t id, const std::string& action,
                                                const std::string& text, const std::string& actor) {
  struct Move {
    const char* action;
    const char* from;  // allowed current states, comma-separated
    const char* to;
  };
  static const Move kMoves[] = {{"out", "pending,failed", "out"},  {"delivered", "out", "delivered"},
                                {"failed", "out", "failed"},       {"retry", "failed", "pending"},
                                {"pickup", "pending,failed", "pickup"}};
  const Move* move = nullptr;
  for (const Move& m : kMoves) {
    if (action == m.action) move = &m;
  }
  if (!move) return MakeError(ErrorCode::kNotFound, "unknown delivery action '" + action + "'");
  if ((action == "delivered" || action == "failed") && (text.empty() || text.size() > 100)) {
    return MakeError(ErrorCode::kInvalidInput, action == "delivered" ? "give the receiver's name (1-100 characters)"
                                                                     : "give the reason (1-100 characters)");
  }
  Status changed = Change<Status>([&](Write&) -> Status {
    Stmt q(*db_, "SELECT status FROM deliveries WHERE id=? AND site=?");
    q.Bind(1, id).Bind(2, site);
    if (!q.Step()) return {MakeError(ErrorCode::kNotFound, "no such delivery")};
    std::string from = "," + std::string(move->from) + ",";
    if (from.find("," + q.Text(0) + ",") == std::string::npos) {
      return {MakeError(ErrorCode::kConflict, "a delivery that is " + q.Text(0) + " cannot be marked " + action)};
    }
    Stmt u(*db_, "UPDATE deliveries SET status=?, receiver=?, reason=?, updated_at=? WHERE id=?");
    u.Bind(1, move->to).Bind(2, action == "delivered" ? text : "").Bind(3, action == "failed" ? text : "");
    u.Bind(4, clock_->NowMs()).Bind(5, id);
    u.Run();
    if (!u.done()) return {u.Fail("cannot update delivery")};
    Status st = AuditLocked(actor, "delivery." + action, std::to_string(id), "");
    return st;
  });
  if (!changed.ok()) return changed.error;
  auto all = Deliveries(site, move->to);
  if (!all.ok()) return all.error();
  for (const auto& d : all.value()) {
    if (d.id == id) return d;
  }
  return MakeError(ErrorCode::kNotFound, "no such delivery");
}

Result<Booking> PrintStore::BookingOfTicket(const std::string& site, const std::string& ticket_id, bool full,
                                            const std::string& actor) {
  return Change<Result<Booking>>([&](Write&) -> Result<Booking> {
  auto t = LoadTicket(ticket_id);
  if (!t.ok()) return t.error();
  if (!t.value() || t.value()->site != site) return MakeError(ErrorCode::kNotFound, "no such ticket");
  if (t.value()->booking.empty()) return MakeError(ErrorCode::kNotFound, "this ticket has no booking");
  Stmt q(*db_, "SELECT code, name, nik, phone, delivery, slot_start, service, status FROM bookings WHERE code=?");
  q.Bind(1, t.value()->booking);
  if (!q.Step()) return MakeError(ErrorCode::kNotFound, "booking not found");
  Booking b;
  b.code = q.Text(0);
  b.name = q.Text(1);
  b.nik = q.Text(2);
  b.phone = q.Text(3);
  b.delivery_json = q.Text(4);
  b.slot_start = q.Int(5);
  b.service = q.Text(6);
  b.status = q.Text(7);
  b.site = site;
  if (full) {
    // Opening the full record is a look at personal data: log who and when (UU 27/2022).
    Status st = AuditLocked(actor, "booking.view", b.code, "");
    if (!st.ok()) return st.error;
  } else {
    b.nik = MaskNik(b.nik);
    b.phone = b.phone.size() > 7 ? b.phone.substr(0, 6) + std::string(b.phone.size() - 9, '*') + b.phone.substr(b.phone.size() - 3)
                                 : "***";
  }
  return b;
  });
}

Result<BookingProgress> PrintStore::ProgressOf(const Booking& booking) const {
  std::lock_guard<std::mutex> lock(mu_);
  BookingProgress p;
  if (!booking.ticket_id.empty()) {
    auto t = LoadTicket(booking.ticket_id);
    if (!t.ok()) return t.error();
    if (t.value()) {
      p.ticket_number = t.value()->number;
      p.ticket_status = TicketStatusName(t.value()->status);
      Stmt o(*db_, "SELECT outcome FROM tickets WHERE id=?");
      o.Bind(1, booking.ticket_id);
      if (o.Step()) p.print = o.Text(0);
    }
  }
  Stmt b(*db_, "SELECT id, status FROM print_backlog WHERE booking=? ORDER BY id DESC LIMIT 1");
  b.Bind(1, booking.code);
  if (b.Step() && b.Text(1) == "waiting") {
    p.print = "backlog";
    Stmt pos(*db_, "SELECT COUNT(*) FROM print_backlog WHERE site=? AND status='waiting' AND id<=?");
    pos.Bind(1, booking.site).Bind(2, b.Int(0));
    if (pos.Step()) p.backlog_position = static_cast<int>(pos.Int(0));
  }
  Stmt d(*db_, "SELECT status FROM deliveries WHERE booking=?");
  d.Bind(1, booking.code);
  if (d.Step()) p.delivery = d.Text(0);
  return p;
}

}  // namespace antre
