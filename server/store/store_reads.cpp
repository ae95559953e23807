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

Result<TicketView> StoreCore::ViewOf(const Site& site, const Ticket& t) const {
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

WaitingQueue& StoreCore::QueueOfLocked(const Site& site) {
  return waiting_.try_emplace(site.id, site.priority_cap).first->second;
}

Status StoreCore::ReadWaitingQueues(std::map<std::string, WaitingQueue>* out) const {
  out->clear();
  for (const Site& site : sites_) out->try_emplace(site.id, site.priority_cap);
  Stmt q(*db_, (std::string("SELECT ") + kQueueColumns + " FROM tickets WHERE status='waiting'").c_str());
  while (q.Step()) {
    auto queue = out->find(q.Text(5));
    if (queue != out->end()) queue->second.Put(QueueEntryFromRow(q));
  }
  if (!q.done()) return {q.Fail("cannot read waiting tickets")};
  return Status::Ok();
}

Result<int> StoreCore::WalkInsTodayLocked(const Site& site, const std::string& service_id) const {
  const Service* service = site.FindService(service_id);
  if (!service) return MakeError(ErrorCode::kNotFound, "unknown service '" + service_id + "'");
  // By the number's prefix, so a ticket transferred away still counts where it was issued;
  // prefixes are capital letters, so "A" never matches "AB001".
  Stmt q(*db_,
         "SELECT COUNT(*) FROM tickets WHERE site=? AND day=? AND booking='' AND substr(number, 1, ?) = ? AND "
         "substr(number, ?, 1) BETWEEN '0' AND '9'");
  const int length = static_cast<int>(service->prefix.size());
  q.Bind(1, site.id).Bind(2, FormatDate(LocalDateAt(clock_->NowMs(), site.tz))).Bind(3, length);
  q.Bind(4, service->prefix).Bind(5, length + 1);
  if (!q.Step()) return q.Fail("cannot count today's tickets");
  return static_cast<int>(q.Int(0));
}

Result<std::vector<Event>> QueueStore::EventsAfter(const std::string& site_id, int64_t after_id, int limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSite(sites_, site_id);
  if (!site) return UnknownSite(site_id);
  std::string today = FormatDate(LocalDateAt(clock_->NowMs(), site->tz));
  Stmt q(*db_, "SELECT id, type, data, at, COALESCE(ticket, '') FROM events WHERE site=? AND id>? AND day=? ORDER BY id LIMIT ?");
  q.Bind(1, site->id).Bind(2, after_id).Bind(3, today).Bind(4, limit);
  std::vector<Event> out;
  while (q.Step()) out.push_back(Event{q.Int(0), site->id, q.Text(1), q.Text(2), q.Int(3), q.Text(4)});
  if (!q.done()) return q.Fail("cannot read events");
  return out;
}

Result<int64_t> QueueStore::LastEventId(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSite(sites_, site_id)) return UnknownSite(site_id);
  Stmt l(*db_, "SELECT COALESCE(MAX(id), 0) FROM events WHERE site=?");
  l.Bind(1, site_id);
  if (!l.Step()) return l.Fail("cannot read last event id");
  return l.Int(0);
}

}  // namespace antre
