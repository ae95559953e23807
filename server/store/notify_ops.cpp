// Notifications for residents through an office's SMS/WhatsApp gateway (a webhook), kept in an
// outbox table so a crash or a gateway outage loses none; and erasure of personal data once a
// booking's purpose has ended (UU 27/2022).
#include <algorithm>
#include <cstdio>

#include "codec/domain_json.h"
#include "core/queue_policy.h"
#include "store.h"
#include "store_rows.h"

namespace antre {
namespace {

constexpr int kMaxAttempts = 8;
constexpr UnixMs kMaxBackoffMs = 3600 * 1000;

// "30-11-2026 09:00" in the site's zone: plain digits read well in any SMS.
std::string ShortLocal(UnixMs at, const TimeZone& tz) {
  std::string iso = FormatIsoLocal(at, tz);
  return iso.substr(8, 2) + "-" + iso.substr(5, 2) + "-" + iso.substr(0, 4) + " " + iso.substr(11, 5);
}

// " WIB" for Indonesia's three zones, "" elsewhere.
std::string ZoneLabel(const TimeZone& tz) {
  switch (tz.offset_minutes) {
    case 7 * 60: return " WIB";
    case 8 * 60: return " WITA";
    case 9 * 60: return " WIT";
  }
  return "";
}

// " Check-in di kiosk 09:00-10:00. Bawa: KK asli, ..." : the window the kiosk accepts and
// what to bring, so the message alone is enough to come on time and prepared.
std::string CheckInAndDocuments(const Booking& b, const Site& site) {
  std::string text = " Check-in di kiosk " +
                     FormatIsoLocal(CheckInOpensAt(b.slot_start, site.booking), site.tz).substr(11, 5) + "-" +
                     FormatIsoLocal(CheckInClosesAt(b.slot_start, b.slot_end, site.booking), site.tz).substr(11, 5) +
                     ZoneLabel(site.tz) + ".";
  if (const ServiceDocuments* docs = DocumentsFor(site.booking, b.service)) {
    text += " Bawa:";
    for (size_t i = 0; i < docs->id.size(); ++i) text += (i ? ", " : " ") + docs->id[i];
    text += ".";
  }
  return text;
}

std::string Message(const std::string& kind, const Booking& b, const std::string& service_name,
                    const std::string& number, const Site& site) {
  const TimeZone& tz = site.tz;
  std::string when = ShortLocal(b.slot_start, tz);
  if (kind == "booking.created" || kind == "booking.recovered") {
    std::string head = kind == "booking.created" ? "Booking OPAK MANIS berhasil." : "Kode booking OPAK MANIS Anda:";
    return head + " Kode " + b.code + ", " + service_name + ", " + when + "." + CheckInAndDocuments(b, site) +
           " Layanan GRATIS, jangan gunakan calo.";
  }
  if (kind == "booking.reminder") {
    return "Pengingat: besok " + when + " jadwal " + service_name + " Anda (kode " + b.code + ")." +
           CheckInAndDocuments(b, site);
  }
  return "Nomor antrean " + number + " Anda akan segera dipanggil. Mohon bersiap di ruang tunggu.";
}

}  // namespace

Status BookingStore::EnqueueLocked(const Site& site, const std::string& kind, const Booking& b,
                                   const std::string& ticket_number) {
  if (site.booking.webhook_url.empty()) return Status::Ok();
  // An operator may book for a resident who has no phone: there is no one to message.
  if (b.phone.empty()) return Status::Ok();
  const Service* svc = site.FindService(b.service);
  std::string service_name = svc ? svc->name.id : b.service;
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "kind", kind);
  AddString(o.get(), "site", site.id);
  AddString(o.get(), "booking", b.code);
  AddString(o.get(), "name", b.name);
  AddString(o.get(), "phone", b.phone);
  AddString(o.get(), "service", b.service);
  AddString(o.get(), "slot_start", FormatIsoLocal(b.slot_start, site.tz));
  if (!ticket_number.empty()) AddString(o.get(), "ticket", ticket_number);
  AddString(o.get(), "message", Message(kind, b, service_name, ticket_number, site));
  UnixMs now = clock_->NowMs();
  Stmt s(*db_,
         "INSERT INTO notifications(site, kind, booking, payload, next_at, created_at) VALUES(?,?,?,?,?,?) "
         "ON CONFLICT(kind, booking) DO NOTHING");
  s.Bind(1, site.id).Bind(2, kind).Bind(3, b.code).Bind(4, PrintJson(o.get())).Bind(5, now).Bind(6, now);
  s.Run();
  if (!s.done()) return {s.Fail("cannot queue notification")};
  return Status::Ok();
}

Status BookingStore::EnqueueDueNotifications() {
  for (const std::string& site_id : SiteIds()) {
    Status st = Change<Status>(site_id, [&](Write& w) -> Status {
    const Site& site = w.site();
    if (site.booking.webhook_url.empty()) return Status::Ok();
    UnixMs now = clock_->NowMs();
    // Day-before reminders: active bookings whose slot is on tomorrow's local date.
    LocalDate tomorrow = CivilFromDays(DaysFromCivil(LocalDateAt(now, site.tz)) + 1);
    UnixMs from = StartOfLocalDay(tomorrow, site.tz), to = from + 86400000;
    Stmt q(*db_,
           "SELECT code, service, slot_start, name, phone, slot_end FROM bookings WHERE site=? AND status='booked' "
           "AND slot_start>=? AND slot_start<? AND code NOT IN "
           "(SELECT booking FROM notifications WHERE kind='booking.reminder')");
    q.Bind(1, site.id).Bind(2, from).Bind(3, to);
    std::vector<Booking> due;
    while (q.Step()) {
      Booking b;
      b.code = q.Text(0);
      b.service = q.Text(1);
      b.slot_start = q.Int(2);
      b.name = q.Text(3);
      b.phone = q.Text(4);
      b.slot_end = q.Int(5);
      due.push_back(b);
    }
    for (const Booking& b : due) {
      Status st = EnqueueLocked(site, "booking.reminder", b, "");
      if (!st.ok()) return st;
    }
    // "Almost your turn": checked-in bookings whose ticket is within 3 places of being called.
    Stmt wq(*db_,
           "SELECT t.seq, t.id, t.service, t.priority, t.order_at, t.booking, t.number FROM tickets t "
           "WHERE t.site=? AND t.status='waiting'");
    wq.Bind(1, site.id);
    std::vector<QueueEntry> waiting;
    std::vector<std::pair<std::string, std::string>> booked;  // (ticket id, booking code)
    std::vector<std::string> numbers;
    while (wq.Step()) {
      QueueEntry e{wq.Text(1), wq.Text(2), Priority::kNone, wq.Int(4), wq.Int(0)};
      ParsePriority(wq.Text(3), &e.priority);
      waiting.push_back(e);
      if (!wq.Text(5).empty()) {
        booked.emplace_back(wq.Text(1), wq.Text(5));
        numbers.push_back(wq.Text(6));
      }
    }
    for (size_t i = 0; i < booked.size(); ++i) {
      if (QueuePosition(waiting, booked[i].first, site.priority_cap) > 3) continue;
      Stmt b(*db_, "SELECT code, service, slot_start, name, phone FROM bookings WHERE code=?");
      b.Bind(1, booked[i].second);
      if (!b.Step()) continue;
      Booking bk;
      bk.code = b.Text(0);
      bk.service = b.Text(1);
      bk.slot_start = b.Int(2);
      bk.name = b.Text(3);
      bk.phone = b.Text(4);
      Status st = EnqueueLocked(site, "ticket.almost_called", bk, numbers[i]);
      if (!st.ok()) return st;
    }
    return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Result<std::vector<Notification>> BookingStore::DueNotifications(int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_,
         "SELECT id, site, kind, booking, payload, status, attempts, next_at, last_error, created_at, sent_at "
         "FROM notifications WHERE status='pending' AND next_at<=? ORDER BY id LIMIT ?");
  q.Bind(1, clock_->NowMs()).Bind(2, limit);
  std::vector<Notification> out;
  while (q.Step()) {
    out.push_back(Notification{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5),
                               static_cast<int>(q.Int(6)), q.Int(7), q.Text(8), q.Int(9), q.Int(10)});
  }
  if (!q.done()) return q.Fail("cannot read notifications");
  return out;
}

Status BookingStore::MarkNotification(int64_t id, bool delivered, const std::string& error) {
  return Change<Status>([&](Write&) -> Status {
  UnixMs now = clock_->NowMs();
  Stmt q(*db_, "SELECT n.attempts, n.site FROM notifications n WHERE id=?");
  q.Bind(1, id);
  if (!q.Step()) return {MakeError(ErrorCode::kNotFound, "no such notification")};
  int attempts = static_cast<int>(q.Int(0)) + 1;
  const Site* site = FindSiteLocked(q.Text(1));
  UnixMs base = (site ? site->booking.webhook_retry_seconds : 5) * 1000LL;
  UnixMs backoff = std::min(kMaxBackoffMs, base << std::min(attempts - 1, 20));
  const char* status = delivered ? "sent" : attempts >= kMaxAttempts ? "failed" : "pending";
  Stmt u(*db_,
         "UPDATE notifications SET status=?, attempts=?, next_at=?, last_error=?, sent_at=? WHERE id=?");
  u.Bind(1, status).Bind(2, attempts).Bind(3, now + backoff).Bind(4, error.substr(0, 200));
  u.Bind(5, delivered ? now : 0).Bind(6, id);
  u.Run();
  if (!u.done()) return {u.Fail("cannot update notification")};
  return Status::Ok();
  });
}

Result<std::vector<Notification>> BookingStore::RecentNotifications(const std::string& site, int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_,
         "SELECT id, site, kind, booking, '', status, attempts, next_at, last_error, created_at, sent_at "
         "FROM notifications WHERE site=? ORDER BY id DESC LIMIT ?");
  q.Bind(1, site).Bind(2, limit);
  std::vector<Notification> out;
  while (q.Step()) {
    out.push_back(Notification{q.Int(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5),
                               static_cast<int>(q.Int(6)), q.Int(7), q.Text(8), q.Int(9), q.Int(10)});
  }
  if (!q.done()) return q.Fail("cannot read notifications");
  return out;
}

Result<int> BookingStore::ErasePersonalData() {
  int64_t changed = 0;  // rows of any table, for the checkpoint below
  int bookings = 0;
  for (const std::string& site_id : SiteIds()) {
    Status done = Change<Status>(site_id, [&](Write& w) -> Status {
    const Site& site = w.site();
    UnixMs cutoff = clock_->NowMs() - site.booking.retention_days * 86400000LL;
    // Closed: cancelled or no-show, or checked in and (if delivered home) the card handed over.
    const char* closed =
        "site=? AND erased=0 AND updated_at<? AND (status IN ('cancelled','no_show') OR (status='checked_in' AND "
        "code NOT IN (SELECT booking FROM deliveries WHERE status NOT IN ('delivered','pickup'))))";
    Stmt n(*db_, (std::string("UPDATE notifications SET payload='{}' WHERE booking IN (SELECT code FROM "
                                       "bookings WHERE ") + closed + ")").c_str());
    n.Bind(1, site.id).Bind(2, cutoff);
    n.Run();
    if (!n.done()) return {n.Fail("cannot erase notifications")};
    changed += n.Changes();
    // The client address goes too: it links the booking to a household's connection.
    Stmt u(*db_, (std::string("UPDATE bookings SET nik='', name='', phone='', client='', delivery=CASE delivery "
                                       "WHEN '' THEN '' ELSE '{}' END, erased=1 WHERE ") + closed).c_str());
    u.Bind(1, site.id).Bind(2, cutoff);
    u.Run();
    if (!u.done()) return {u.Fail("cannot erase bookings")};
    bookings += static_cast<int>(u.Changes());
    changed += u.Changes();
    // A draw request carries the same personal data as a booking: erased once its draw is
    // made and the period has passed (a booked one stays a booking, erased as above).
    Stmt e(*db_,
           "UPDATE draw_entries SET nik='', name='', phone='', delivery='', client='', erased=1 WHERE site=? AND "
           "erased=0 AND status<>'pending' AND updated_at<?");
    e.Bind(1, site.id).Bind(2, cutoff);
    if (!e.Run()) return {e.Fail("cannot erase draw requests")};
    changed += e.Changes();
    // Who took the card ("Siti Aminah (ibu kandung)") and why a delivery failed are the
    // courier's free text about the resident: they go with the booking's other data. Bookings
    // erased before this rule existed are caught up too.
    Stmt d(*db_,
           "UPDATE deliveries SET receiver='', reason='' WHERE site=? AND (receiver!='' OR reason!='') AND "
           "booking IN (SELECT code FROM bookings WHERE site=? AND erased=1)");
    d.Bind(1, site.id).Bind(2, site.id);
    if (!d.Run()) return {d.Fail("cannot erase delivery notes")};
    changed += d.Changes();
    // Survey comments are free text and may name someone: kept as long as bookings, then
    // blanked. The nine answers stay for the index.
    Stmt c(*db_, "UPDATE surveys SET comment='' WHERE site=? AND at<? AND comment!=''");
    c.Bind(1, site.id).Bind(2, cutoff);
    if (!c.Run()) return {c.Fail("cannot erase survey comments")};
    changed += c.Changes();
    // Stock reasons are typed freely too ("kartu rusak milik ...").
    Stmt s(*db_, "UPDATE stock_moves SET reason='' WHERE site=? AND at<? AND reason!=''");
    s.Bind(1, site.id).Bind(2, cutoff);
    if (!s.Run()) return {s.Fail("cannot erase stock reasons")};
    changed += s.Changes();
    // The audit log keeps who did what and when, but not the free text typed with it: cancel
    // reasons (a NIK typed in), stock reasons, announcement texts. The log is not per site, so
    // the shortest retention of the office's sites applies to it.
    Stmt a(*db_,
           "UPDATE audit SET detail='' WHERE at<? AND detail!='' AND (action IN "
           "('ticket.cancel','announcement.create') OR action LIKE 'stock.%')");
    a.Bind(1, cutoff);
    if (!a.Run()) return {a.Fail("cannot erase audit details")};
    changed += a.Changes();
    return Status::Ok();
    });
    if (!done.ok()) return done.error;
  }
  if (changed == 0) return bookings;
  // The old versions of the erased rows stay in the WAL file until a checkpoint copies the
  // new pages over them and the WAL is cut back to nothing. The writer's batch has committed,
  // and holding mu_ keeps the next one out while this runs. A checkpoint that cannot finish
  // (a long report still reading) is retried after the next erasure; it loses nothing.
  std::lock_guard<std::mutex> lock(mu_);
  Status st = db_->PurgeOldVersions();
  if (!st.ok()) std::fprintf(stderr, "antre: WAL checkpoint after erasure failed: %s\n", st.error.message.c_str());
  return bookings;
}

}  // namespace antre
