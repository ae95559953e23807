// Release draws. When a day's slots are released, the requests of its first seconds are not
// booked in arrival order (which rewards whoever sits closest to the server, usually a
// broker's script) but entered in the day's draw; when the window closes they are booked in a
// uniformly random order, each with every rule a direct request meets at that moment.
#include <algorithm>

#include "auth.h"
#include "store.h"

namespace antre {

Status BookingStore::EnterDrawLocked(Write& w, const Booking& request, const std::string& client, UnixMs draw_at,
                                     BookingRequest* drawn) {
  const Site& site = w.site();
  UnixMs now = clock_->NowMs();
  std::string day = FormatDate(LocalDateAt(request.slot_start, site.tz));
  Stmt d(*db_, "INSERT INTO draws(site, day, draw_at) VALUES(?,?,?) ON CONFLICT(site, day) DO NOTHING");
  d.Bind(1, site.id).Bind(2, day).Bind(3, draw_at);
  if (!d.Run()) return {d.Fail("cannot record the draw")};
  BookingRequest e;
  e.site = site.id;
  e.draw_at = draw_at;
  for (int attempt = 0;; ++attempt) {
    e.id = RandomHex(12);
    Stmt ins(*db_,
             "INSERT INTO draw_entries(request, site, day, service, slot_start, nik, name, phone, delivery, client, "
             "channel, operator, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.Bind(1, e.id).Bind(2, site.id).Bind(3, day).Bind(4, request.service).Bind(5, request.slot_start);
    ins.Bind(6, request.nik).Bind(7, request.name).Bind(8, request.phone).Bind(9, request.delivery_json);
    ins.Bind(10, client).Bind(11, request.channel).Bind(12, request.operator_user).Bind(13, now).Bind(14, now);
    ins.Run();
    if (ins.done()) break;
    if (!ins.IsConstraintViolation() || attempt > 5) return {ins.Fail("cannot enter the draw")};
  }
  *drawn = e;
  return Status::Ok();
}

Status BookingStore::MakeDrawLocked(Write& w, const std::string& day) {
  const Site& site = w.site();
  // Made means done_at is set, in the same transaction as the bookings: a second attempt
  // (another thread, the ticker, a restart) finds it made and does nothing.
  Stmt q(*db_, "SELECT done_at FROM draws WHERE site=? AND day=?");
  q.Bind(1, site.id).Bind(2, day);
  if (!q.Step()) return q.done() ? Status::Ok() : Status{q.Fail("cannot read the draw")};
  if (q.Int(0) != 0) return Status::Ok();
  struct Entry {
    int64_t id;
    Booking request;
    std::string client;
  };
  std::vector<Entry> entries;
  Stmt e(*db_,
         "SELECT id, service, slot_start, nik, name, phone, delivery, client, channel, operator FROM draw_entries "
         "WHERE site=? AND day=? AND status='pending' ORDER BY id");
  e.Bind(1, site.id).Bind(2, day);
  while (e.Step()) {
    Entry x;
    x.id = e.Int(0);
    x.request.service = e.Text(1);
    x.request.slot_start = e.Int(2);
    x.request.nik = e.Text(3);
    x.request.name = e.Text(4);
    x.request.phone = e.Text(5);
    x.request.delivery_json = e.Text(6);
    x.client = e.Text(7);
    x.request.channel = e.Text(8);
    x.request.operator_user = e.Text(9);
    entries.push_back(std::move(x));
  }
  if (!e.done()) return {e.Fail("cannot read the draw")};
  std::shuffle(entries.begin(), entries.end(), draw_rng_);
  UnixMs now = clock_->NowMs();
  for (const Entry& x : entries) {
    auto b = BookLocked(w, x.request, x.client, nullptr);
    // A storage failure loses the whole draw (rolled back, made again later); a refusal is
    // this request's answer.
    if (!b.ok() && (b.error().code == ErrorCode::kStorageFailed || b.error().code == ErrorCode::kStorageFull)) {
      return {b.error()};
    }
    Stmt u(*db_, "UPDATE draw_entries SET status=?, booking=?, reason_code=?, reason=?, updated_at=? WHERE id=?");
    u.Bind(1, b.ok() ? "booked" : "refused").Bind(2, b.ok() ? b.value().code : "");
    u.Bind(3, b.ok() ? "" : ErrorCodeName(b.error().code)).Bind(4, b.ok() ? "" : b.error().message);
    u.Bind(5, now).Bind(6, x.id);
    if (!u.Run()) return {u.Fail("cannot record the draw")};
  }
  Stmt done(*db_, "UPDATE draws SET done_at=? WHERE site=? AND day=?");
  done.Bind(1, now).Bind(2, site.id).Bind(3, day);
  if (!done.Run()) return {done.Fail("cannot record the draw")};
  std::fprintf(stderr, "antre: draw for %s %s made: %zu requests\n", site.id.c_str(), day.c_str(), entries.size());
  return Status::Ok();
}

Status BookingStore::RunDueDraws() {
  for (const std::string& site_id : SiteIds()) {
    std::vector<std::string> days;
    {
      std::lock_guard<std::mutex> lock(mu_);
      Stmt q(*db_, "SELECT day FROM draws WHERE site=? AND done_at=0 AND draw_at<=? ORDER BY day");
      q.Bind(1, site_id).Bind(2, clock_->NowMs());
      while (q.Step()) days.push_back(std::string(q.Text(0)));
      if (!q.done()) return {q.Fail("cannot read draws")};
    }
    if (days.empty()) continue;
    Status st = Change<Status>(site_id, [&](Write& w) -> Status {
      for (const std::string& day : days) {
        Status made = MakeDrawLocked(w, day);
        if (!made.ok()) return made;
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Result<BookingRequest> BookingStore::FindBookingRequest(const std::string& id, const std::string& nik) {
  Status due = RunDueDraws();
  if (!due.ok()) return due.error;
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_,
         "SELECT e.site, e.status, e.booking, e.reason_code, e.reason, e.nik, d.draw_at FROM draw_entries e "
         "JOIN draws d ON d.site=e.site AND d.day=e.day WHERE e.request=?");
  q.Bind(1, id);
  const Error missing = MakeError(ErrorCode::kNotFound, "no booking request with this id and NIK");
  if (!q.Step()) return q.done() ? missing : q.Fail("cannot read booking request");
  if (nik.empty() || q.Text(5) != nik) return missing;
  BookingRequest r;
  r.id = id;
  r.site = q.Text(0);
  r.status = q.Text(1);
  r.booking_code = q.Text(2);
  r.reason_code = q.Text(3);
  r.reason = q.Text(4);
  r.draw_at = q.Int(6);
  return r;
}

void BookingStore::SetDrawSeed(uint64_t seed) {
  std::lock_guard<std::mutex> lock(mu_);
  draw_rng_.seed(seed);
}

Result<BookingSources> BookingStore::BookingSourcesBetween(const std::string& site_id, const LocalDate& from,
                                                           const LocalDate& to, int top) const {
  long days = DaysFromCivil(to) - DaysFromCivil(from);
  if (days < 0 || days > 366) return MakeError(ErrorCode::kInvalidInput, "from..to must span 0-366 days");
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site_id)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  BookingSources out;
  // Web bookings only: an operator books for many residents from the kelurahan's address by
  // design. Erased bookings have neither address nor phone and drop out of the groups.
  const std::string where = " FROM bookings WHERE site=? AND created_day BETWEEN ? AND ? AND channel='web'";
  Stmt t(*db_, "SELECT COUNT(*)" + where);
  t.Bind(1, site_id).Bind(2, FormatDate(from)).Bind(3, FormatDate(to));
  if (!t.Step()) return t.Fail("cannot count bookings");
  out.total = static_cast<int>(t.Int(0));
  struct Group {
    const char* key;  // a column expression; phones are stored as +628…, shown from 08…
    std::vector<BookingSourceCount>* rows;
  };
  for (const Group& g : {Group{"client", &out.by_address}, Group{"'0' || substr(phone, 4, 5)", &out.by_phone_prefix}}) {
    std::string key = g.key;
    Stmt q(*db_, "SELECT " + key + " AS k, COUNT(*) AS n" + where + " AND " +
                     (g.rows == &out.by_address ? "client<>''" : "length(phone)>=8") +
                     " GROUP BY k ORDER BY n DESC, k LIMIT ?");
    q.Bind(1, site_id).Bind(2, FormatDate(from)).Bind(3, FormatDate(to)).Bind(4, top);
    while (q.Step()) g.rows->push_back(BookingSourceCount{std::string(q.Text(0)), static_cast<int>(q.Int(1))});
    if (!q.done()) return q.Fail("cannot count bookings");
  }
  return out;
}

}  // namespace antre
