// Store reads: ticket views with position and estimate, service and counter status, the board
// snapshot and the event log.
#include <algorithm>

#include "core/booking_rules.h"
#include "core/queue_policy.h"
#include "core/wait_estimate.h"
#include "store.h"
#include "core/event_types.h"

namespace antre {
namespace {

const Site* FindSite(const std::vector<Site>& sites, const std::string& id) {
  for (const auto& s : sites) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Error UnknownSite(const std::string& id) { return MakeError(ErrorCode::kNotFound, "unknown site '" + id + "'"); }

}  // namespace

int Store::EstimateFor(const Site& site, const std::string& service, int people_ahead) const {
  const Service* svc = site.FindService(service);
  WaitInputs in;
  in.people_ahead = people_ahead;
  in.default_minutes = svc ? svc->default_service_minutes : 5;
  Stmt d(db_->handle(),
         "SELECT finished_at - called_at FROM tickets WHERE site=? AND service=? AND status='done' AND called_at>0 "
         "ORDER BY finished_at DESC LIMIT 20");
  d.Bind(1, site.id).Bind(2, service);
  while (d.Step()) in.recent_minutes.push_back(static_cast<double>(d.Int(0)) / 60000.0);
  Stmt c(db_->handle(), "SELECT id FROM counters WHERE site=? AND state<>'paused'");
  c.Bind(1, site.id);
  in.active_counters = 0;
  while (c.Step()) {
    const Counter* counter = site.FindCounter(c.Text(0));
    if (counter && counter->Serves(service)) ++in.active_counters;
  }
  return EstimateWaitMinutes(in);
}

Result<TicketView> Store::ViewOf(const Site& site, const Ticket& t) const {
  TicketView v{t, 0, 0, ""};
  if (t.status == TicketStatus::kWaiting) {
    auto queue = waiting_.find(site.id);
    v.position = queue == waiting_.end() ? 0 : queue->second.Position(t.id);
    v.ewt_minutes = EstimateFor(site, t.service, std::max(0, v.position - 1));
  }
  if (t.status == TicketStatus::kCalled && t.counter) {
    const Counter* c = site.FindCounter(*t.counter);
    v.counter_name = c ? c->name : *t.counter;
  }
  return v;
}

// ---------------------------------------------------------------- today's queues in memory

namespace {

constexpr const char* kQueueColumns = "seq, id, service, priority, order_at, site, status";

QueueEntry QueueEntryFromRow(const Stmt& q) {
  QueueEntry e{q.Text(1), q.Text(2), Priority::kNone, q.Int(4), q.Int(0)};
  ParsePriority(q.Text(3), &e.priority);
  return e;
}

}  // namespace

WaitingQueue& Store::QueueOfLocked(const Site& site) {
  return waiting_.try_emplace(site.id, site.priority_cap).first->second;
}

Status Store::ReadWaitingQueues(std::map<std::string, WaitingQueue>* out) const {
  out->clear();
  for (const Site& site : sites_) out->try_emplace(site.id, site.priority_cap);
  Stmt q(db_->handle(), (std::string("SELECT ") + kQueueColumns + " FROM tickets WHERE status='waiting'").c_str());
  while (q.Step()) {
    auto queue = out->find(q.Text(5));
    if (queue != out->end()) queue->second.Put(QueueEntryFromRow(q));
  }
  if (q.rc() != SQLITE_DONE) return {SqliteError(db_->handle(), q.rc(), "cannot read waiting tickets")};
  return Status::Ok();
}

void Store::TrackTicketLocked(const std::string& id) {
  touched_.push_back(id);
  Stmt q(db_->handle(), (std::string("SELECT ") + kQueueColumns + " FROM tickets WHERE id=?").c_str());
  q.Bind(1, id);
  bool found = q.Step();
  const Site* site = found ? FindSite(sites_, q.Text(5)) : nullptr;
  if (site == nullptr) {
    for (auto& [site_id, queue] : waiting_) queue.Remove(id);
    return;
  }
  WaitingQueue& queue = QueueOfLocked(*site);
  if (q.Text(6) == TicketStatusName(TicketStatus::kWaiting)) {
    queue.Put(QueueEntryFromRow(q));
  } else {
    queue.Remove(id);
  }
}

Status Store::CheckWaitingQueues() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, WaitingQueue> fresh;
  Status st = ReadWaitingQueues(&fresh);
  if (!st.ok()) return st;
  auto same = [](const QueueEntry& a, const QueueEntry& b) {
    return a.id == b.id && a.service == b.service && a.priority == b.priority && a.order_at == b.order_at &&
           a.seq == b.seq;
  };
  for (const auto& [site, queue] : fresh) {
    auto live = waiting_.find(site);
    std::vector<QueueEntry> want = queue.Entries();
    std::vector<QueueEntry> have = live == waiting_.end() ? std::vector<QueueEntry>() : live->second.Entries();
    if (want.size() != have.size()) {
      return {MakeError(ErrorCode::kInvalidInput, site + ": " + std::to_string(have.size()) + " waiting in memory, " +
                                                      std::to_string(want.size()) + " in the database")};
    }
    for (size_t i = 0; i < want.size(); ++i) {
      if (!same(want[i], have[i])) return {MakeError(ErrorCode::kInvalidInput, site + ": ticket " + want[i].id + " differs")};
      if (queue.Position(want[i].id) != live->second.Position(want[i].id)) {
        return {MakeError(ErrorCode::kInvalidInput, site + ": ticket " + want[i].id + " has another place")};
      }
    }
  }
  return Status::Ok();
}

Result<TicketView> Store::GetTicket(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto t = LoadTicket(id);
  if (!t.ok()) return t.error();
  if (!t.value()) return MakeError(ErrorCode::kNotFound, "no such ticket");
  const Site* site = FindSite(sites_, t.value()->site);
  if (!site) return UnknownSite(t.value()->site);
  return ViewOf(*site, *t.value());
}

Result<std::vector<ServiceStatus>> Store::ServiceStatuses(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return ServiceStatusesLocked(site_id);
}

Result<std::vector<ServiceStatus>> Store::ServiceStatusesLocked(const std::string& site_id) const {
  const Site* site = FindSite(sites_, site_id);
  if (!site) return UnknownSite(site_id);
  std::vector<ServiceStatus> out;
  for (const Service& s : site->services) {
    const auto& d = site->booking.delivery_services;
    ServiceStatus status;
    status.service = s;
    status.is_print = s.id == site->booking.print_service;
    status.has_delivery = std::find(d.begin(), d.end(), s.id) != d.end();
    out.push_back(status);
  }
  auto queue = waiting_.find(site->id);
  for (auto& s : out) s.waiting = queue == waiting_.end() ? 0 : static_cast<int>(queue->second.CountOf(s.service.id));
  // Open counters per service: a counter is open unless paused (there is no closed state).
  Stmt oc(db_->handle(), "SELECT id FROM counters WHERE site=? AND state<>'paused'");
  oc.Bind(1, site->id);
  while (oc.Step()) {
    const Counter* c = site->FindCounter(oc.Text(0));
    for (auto& s : out) {
      if (c && std::find(c->services.begin(), c->services.end(), s.service.id) != c->services.end()) ++s.counters_open;
    }
  }
  if (oc.rc() != SQLITE_DONE) return SqliteError(db_->handle(), oc.rc(), "cannot read counters");
  UnixMs now = clock_.NowMs();
  for (auto& s : out) {
    s.ewt_minutes = EstimateFor(*site, s.service.id, s.waiting);
    s.is_open_now = s.service.is_open && IsOpenAt(s.service.hours, now, site->tz);
    // Closed by the switch: nobody knows when it reopens, so no next opening is promised.
    if (!s.is_open_now && s.service.is_open) s.next_open = NextOpening(s.service.hours, now, site->tz);
    if (s.service.daily_quota > 0) {
      auto used = WalkInsTodayLocked(*site, s.service.id);
      if (!used.ok()) return used.error();
      s.remaining = QuotaLeft(s.service.daily_quota, used.value());
    }
  }
  return out;
}

Result<int> Store::WalkInsTodayLocked(const Site& site, const std::string& service_id) const {
  const Service* service = site.FindService(service_id);
  if (!service) return MakeError(ErrorCode::kNotFound, "unknown service '" + service_id + "'");
  // By the number's prefix, so a ticket transferred away still counts where it was issued;
  // prefixes are capital letters, so "A" never matches "AB001".
  Stmt q(db_->handle(),
         "SELECT COUNT(*) FROM tickets WHERE site=? AND day=? AND booking='' AND number GLOB ?");
  q.Bind(1, site.id).Bind(2, FormatDate(LocalDateAt(clock_.NowMs(), site.tz))).Bind(3, service->prefix + "[0-9]*");
  if (!q.Step()) return SqliteError(db_->handle(), q.rc(), "cannot count today's tickets");
  return static_cast<int>(q.Int(0));
}

Result<std::vector<CounterStatus>> Store::CounterStatuses(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  return CounterStatusesLocked(site_id);
}

Result<std::vector<CounterStatus>> Store::CounterStatusesLocked(const std::string& site_id) const {
  const Site* site = FindSite(sites_, site_id);
  if (!site) return UnknownSite(site_id);
  std::vector<CounterStatus> out;
  Stmt q(db_->handle(), "SELECT id, state, current_ticket, officer FROM counters WHERE site=? ORDER BY ord");
  q.Bind(1, site->id);
  while (q.Step()) {
    const Counter* c = site->FindCounter(q.Text(0));
    if (!c) continue;
    CounterStatus s;
    s.counter = *c;
    std::string state = q.Text(1);
    s.state = state == "paused" ? CounterState::kPaused : state == "serving" ? CounterState::kServing : CounterState::kIdle;
    s.officer = q.Text(3);
    if (!q.IsNull(2)) {
      auto t = LoadTicket(q.Text(2));
      if (!t.ok()) return t.error();
      s.current = t.value();
    }
    out.push_back(s);
  }
  if (q.rc() != SQLITE_DONE) return SqliteError(db_->handle(), q.rc(), "cannot read counters");
  std::string today = FormatDate(LocalDateAt(clock_.NowMs(), site->tz));
  Stmt t(db_->handle(),
         "SELECT counter, status, COUNT(*) FROM tickets WHERE site=? AND day=? AND status IN ('done','no_show') "
         "AND counter IS NOT NULL GROUP BY counter, status");
  t.Bind(1, site->id).Bind(2, today);
  while (t.Step()) {
    for (auto& c : out) {
      if (c.counter.id != t.Text(0)) continue;
      (t.Text(1) == "done" ? c.done_today : c.no_show_today) = static_cast<int>(t.Int(2));
    }
  }
  if (t.rc() != SQLITE_DONE) return SqliteError(db_->handle(), t.rc(), "cannot count today's tickets");
  return out;
}

Result<BoardSnapshot> Store::Board(const std::string& site_id) const {
  // One lock for the whole snapshot: every write takes the same lock, so counters, calls,
  // waiting counts and last_event_id all describe the same moment (no torn board).
  std::lock_guard<std::mutex> lock(mu_);
  auto counters = CounterStatusesLocked(site_id);
  if (!counters.ok()) return counters.error();
  auto services = ServiceStatusesLocked(site_id);
  if (!services.ok()) return services.error();
  const Site* site = FindSite(sites_, site_id);
  if (!site) return UnknownSite(site_id);
  BoardSnapshot b;
  b.site = site->id;
  b.site_name = site->name;
  b.tz = site->tz;
  b.counters = counters.value();
  b.services = services.value();
  auto announcements = AnnouncementsLocked(site_id, true);
  if (!announcements.ok()) return announcements.error();
  b.announcements = announcements.value();
  if (!site->booking.print_service.empty()) {
    auto stock = StockCountLocked(site->id);
    if (!stock.ok()) return stock.error();
    b.stock_level = StockLevel(stock.value(), site->booking.stock_low_threshold);
  }
  std::string today = FormatDate(LocalDateAt(clock_.NowMs(), site->tz));
  Stmt q(db_->handle(),
         "SELECT e.id, e.type, e.counter, e.at, t.number, t.service FROM events e JOIN tickets t ON t.id = e.ticket "
         "WHERE e.site=? AND e.day=? AND e.type IN ('ticket.called','ticket.recalled') ORDER BY e.id DESC LIMIT 10");
  q.Bind(1, site->id).Bind(2, today);
  while (q.Step()) {
    CallRecord c;
    c.event_id = q.Int(0);
    c.is_recall = q.Text(1) == event::kTicketRecalled;
    c.counter = q.Text(2);
    const Counter* counter = site->FindCounter(c.counter);
    c.counter_name = counter ? counter->name : c.counter;
    c.at = q.Int(3);
    c.number = q.Text(4);
    c.service = q.Text(5);
    b.recent_calls.push_back(c);
  }
  if (q.rc() != SQLITE_DONE) return SqliteError(db_->handle(), q.rc(), "cannot read recent calls");
  Stmt l(db_->handle(), "SELECT COALESCE(MAX(id), 0) FROM events WHERE site=?");
  l.Bind(1, site->id);
  if (!l.Step()) return SqliteError(db_->handle(), l.rc(), "cannot read last event id");
  b.last_event_id = l.Int(0);
  return b;
}

Result<std::vector<Event>> Store::EventsAfter(const std::string& site_id, int64_t after_id, int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSite(sites_, site_id);
  if (!site) return UnknownSite(site_id);
  std::string today = FormatDate(LocalDateAt(clock_.NowMs(), site->tz));
  Stmt q(db_->handle(), "SELECT id, type, data, at, COALESCE(ticket, '') FROM events WHERE site=? AND id>? AND day=? ORDER BY id LIMIT ?");
  q.Bind(1, site->id).Bind(2, after_id).Bind(3, today).Bind(4, limit);
  std::vector<Event> out;
  while (q.Step()) out.push_back(Event{q.Int(0), site->id, q.Text(1), q.Text(2), q.Int(3), q.Text(4)});
  if (q.rc() != SQLITE_DONE) return SqliteError(db_->handle(), q.rc(), "cannot read events");
  return out;
}

Result<int64_t> Store::LastEventId(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSite(sites_, site_id)) return UnknownSite(site_id);
  Stmt l(db_->handle(), "SELECT COALESCE(MAX(id), 0) FROM events WHERE site=?");
  l.Bind(1, site_id);
  if (!l.Step()) return SqliteError(db_->handle(), l.rc(), "cannot read last event id");
  return l.Int(0);
}

}  // namespace antre
