// Reports: the event log of a range, read through events_by_day(site, day, type) on a
// connection of the report's own, folded by the pure ReportBuilder (core/report.h).
#include <algorithm>
#include <string_view>

#include "store.h"

namespace antre {
namespace {

// The event types a report reads; the rest (device, stock, announcements...) are skipped
// by the index rather than read and thrown away.
const char* const kReportEventTypes =
    "'ticket.issued','ticket.called','ticket.done','ticket.no_show','ticket.expired','ticket."
    "cancelled',"
    "'booking.created','booking.checked_in','booking.no_show','booking.cancelled','print.backlog','"
    "print.printed'";

// The "service" of an event's data. The data is compact JSON written by this server's own
// encoders, so a search for the key is exact ("from_service" does not match: its key does not
// start with the quote), and on 300,000 rows it cost well under half of json_extract.
std::string ServiceOf(std::string_view text) {
  static const std::string kKey = "\"service\":\"";
  size_t at = text.find(kKey);
  if (at == std::string_view::npos) return "";
  size_t start = at + kKey.size();
  size_t end = text.find('"', start);
  if (end == std::string_view::npos) return "";
  return std::string(text.substr(start, end - start));
}

}  // namespace

std::string ReportEventsSql() {
  return std::string(
             "SELECT type, ticket, counter, actor, at, day, data FROM events "
             "WHERE site=? AND day>=? AND day<=? AND type IN (") +
         kReportEventTypes + ") ORDER BY day, id";
}

Result<Report> ReportStore::BuildReport(const std::string& site_id, const LocalDate& from,
                                        const LocalDate& to, ReportGroup group) const {
  Status st = CheckReportRange(from, to);
  if (!st.ok()) return st.error;
  auto site = GetSite(site_id);
  if (!site.ok()) return site.error();
  const Site& s = site.value();

  std::lock_guard<std::mutex> lock(report_mu_);
  if (!report_db_) {
    auto db = db_->OpenReader();
    if (!db.ok()) return db.error();
    report_db_ = std::move(db.value());
  }
  Db& h = *report_db_;
  // One read transaction, so the events, the backlog and the courier moves are one snapshot.
  if (!(st = report_db_->Exec("BEGIN")).ok()) return st.error;
  struct EndRead {
    Db& db;
    ~EndRead() { db.Exec("COMMIT"); }
  } end_read{*report_db_};

  ReportSettings settings;
  settings.site = s.id;
  settings.tz = s.tz;
  settings.from = from;
  settings.to = to;
  settings.group = group;
  Stmt tq(h, "SELECT id, target_wait_minutes FROM services WHERE site=? ORDER BY ord");
  tq.Bind(1, s.id);
  while (tq.Step()) {
    settings.target_minutes[tq.Text(0)] = static_cast<int>(tq.Int(1));
    if (group == ReportGroup::kService) settings.key_order.push_back(tq.Text(0));
  }
  if (!tq.done()) return tq.Fail("cannot read service targets");
  if (group == ReportGroup::kCounter) {
    for (const Counter& c : s.counters) settings.key_order.push_back(c.id);
  }

  ReportBuilder builder(settings);
  // The index gives the range's rows grouped by day; SQLite sorts each day by id (the log
  // order the builder wants) as it goes, so no sort ever holds the whole range.
  Stmt q(h, ReportEventsSql().c_str());
  q.Bind(1, s.id).Bind(2, FormatDate(from)).Bind(3, FormatDate(to));
  ReportEvent e;
  while (q.Step()) {
    e.type = q.Text(0);
    e.ticket = q.Text(1);
    e.counter = q.Text(2);
    e.actor = q.Text(3);
    e.at = q.Int(4);
    e.day = q.Text(5);
    e.service = ServiceOf(q.View(6));
    builder.Add(e);
  }
  if (!q.done()) return q.Fail("cannot read events");
  Report report = builder.Finish();

  UnixMs start = StartOfLocalDay(from, s.tz);
  UnixMs end = StartOfLocalDay(CivilFromDays(DaysFromCivil(to) + 1), s.tz);
  UnixMs as_of = std::min(end, clock_->NowMs());
  // The backlog as it stood at as_of: added by then and not yet printed by then.
  Stmt b(h,
         "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM print_backlog WHERE site=? AND "
         "created_at<? "
         "AND (status='waiting' OR printed_at>=?)");
  b.Bind(1, s.id).Bind(2, as_of).Bind(3, as_of);
  if (!b.Step()) return b.Fail("cannot read the print backlog");
  report.backlog.length = static_cast<int>(b.Int(0));
  report.backlog.oldest_age_s = report.backlog.length == 0 ? 0 : (as_of - b.Int(1) + 500) / 1000;
  report.backlog.as_of = as_of;

  // Courier moves are audit rows (target = delivery id); the delivery row names the site.
  Stmt d(h,
         "SELECT a.action, COUNT(*) FROM audit a JOIN deliveries d ON d.id = CAST(a.target AS "
         "INTEGER) "
         "WHERE a.at>=? AND a.at<? AND a.action LIKE 'delivery.%' AND d.site=? GROUP BY a.action");
  d.Bind(1, start).Bind(2, end).Bind(3, s.id);
  while (d.Step()) {
    std::string action = d.Text(0);
    int n = static_cast<int>(d.Int(1));
    if (action == "delivery.out") report.delivery.out = n;
    if (action == "delivery.delivered") report.delivery.delivered = n;
    if (action == "delivery.failed") report.delivery.failed = n;
    if (action == "delivery.retry") report.delivery.retry = n;
    if (action == "delivery.pickup") report.delivery.pickup = n;
  }
  if (!d.done()) return d.Fail("cannot read deliveries");

  // Where bookings came from is no event's business (events are public): the bookings table
  // has it. Erasing personal data keeps the row, so old ranges still count.
  Stmt c(h,
         "SELECT channel, operator, COUNT(*), SUM(CASE WHEN status='checked_in' THEN 1 ELSE 0 END) FROM bookings WHERE site=? AND "
         "created_day>=? AND created_day<=? GROUP BY channel, operator ORDER BY channel='operator', operator");
  c.Bind(1, s.id).Bind(2, FormatDate(from)).Bind(3, FormatDate(to));
  while (c.Step()) {
    report.booking_sources.push_back(
        BookingSource{c.Text(0), c.Text(1), static_cast<int>(c.Int(2)), static_cast<int>(c.Int(3))});
  }
  if (!c.done()) return c.Fail("cannot count bookings by channel");
  return report;
}

}  // namespace antre
