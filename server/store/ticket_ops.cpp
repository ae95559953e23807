// Store operations that change the queue. Each public operation is one transaction: the
// ticket/counter rows change and event-log rows are appended together, or nothing happens.
#include <algorithm>

#include "codec/domain_json.h"
#include "codec/event_codec.h"
#include "core/counter_rules.h"
#include "core/event_types.h"
#include "core/numbering.h"
#include "core/queue_policy.h"
#include "store.h"
#include "store_rows.h"

namespace antre {
namespace {


}  // namespace

// ---------------------------------------------------------------- row helpers

Result<std::optional<Ticket>> StoreCore::LoadTicket(const std::string& id) const {
  Stmt q(*db_, (std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id=?").c_str());
  q.Bind(1, id);
  if (q.Step()) return std::optional<Ticket>(TicketFromRow(q));
  if (!q.done()) return q.Fail("cannot read ticket");
  return std::optional<Ticket>();
}

Status StoreCore::SaveTicket(const Ticket& t) {
  Stmt s(*db_,
         "UPDATE tickets SET service=?, status=?, counter=?, called_at=?, finished_at=?, recalls=? WHERE id=?");
  s.Bind(1, t.service).Bind(2, TicketStatusName(t.status));
  if (t.counter) {
    s.Bind(3, *t.counter);
  } else {
    s.BindNull(3);
  }
  s.Bind(4, t.called_at).Bind(5, t.finished_at).Bind(6, t.recalls).Bind(7, t.id);
  s.Run();
  if (!s.done()) return {s.Fail("cannot update ticket")};
  TrackTicketLocked(t.id);
  return Status::Ok();
}

Result<int64_t> StoreCore::AppendEvent(const Site& site, const std::string& type, const Ticket* ticket,
                                       const std::string& counter, const std::string& actor, const std::string& data,
                                       std::vector<Event>* events) {
  UnixMs now = clock_->NowMs();
  std::string day = FormatDate(LocalDateAt(now, site.tz));
  Stmt s(*db_, "INSERT INTO events(site, day, type, ticket, counter, actor, at, data) VALUES(?,?,?,?,?,?,?,?) RETURNING id");
  s.Bind(1, site.id).Bind(2, day).Bind(3, type);
  if (ticket) {
    s.Bind(4, ticket->id);
  } else {
    s.BindNull(4);
  }
  if (counter.empty()) {
    s.BindNull(5);
  } else {
    s.Bind(5, counter);
  }
  s.Bind(6, actor).Bind(7, now).Bind(8, data);
  if (!s.Step()) return s.Fail("cannot append event");
  int64_t id = s.Int(0);
  if (!s.Run()) return s.Fail("cannot append event");
  Event e{id, site.id, type, data, now, ticket ? ticket->id : std::string()};
  events->push_back(e);
  return e.id;
}

Result<std::optional<Ticket>> StoreCore::FindIdempotent(const IdempotencyKey& idem, bool* found) const {
  *found = false;
  if (idem.empty()) return std::optional<Ticket>();
  Stmt q(*db_, "SELECT ticket FROM idempotency WHERE scope=? AND key=?");
  q.Bind(1, idem.scope).Bind(2, idem.key);
  if (!q.Step()) {
    if (!q.done()) return q.Fail("cannot read idempotency keys");
    return std::optional<Ticket>();
  }
  *found = true;
  if (q.IsNull(0)) return std::optional<Ticket>();
  return LoadTicket(q.Text(0));
}

Status StoreCore::RememberIdempotent(const IdempotencyKey& idem, const std::string& ticket_id) {
  if (idem.empty()) return Status::Ok();
  Stmt s(*db_, "INSERT INTO idempotency(scope, key, ticket, created_at) VALUES(?,?,?,?)");
  s.Bind(1, idem.scope).Bind(2, idem.key);
  if (ticket_id.empty()) {
    s.BindNull(3);
  } else {
    s.Bind(3, ticket_id);
  }
  s.Bind(4, clock_->NowMs());
  s.Run();
  if (!s.done()) return {s.Fail("cannot store idempotency key")};
  return Status::Ok();
}

void StoreCore::Publish(const std::vector<Event>& events) {
  if (events.empty() || writer_->Collect(events)) return;  // published after the batch commits
  // No batch: the request committed alone, so what readers see follows at once.
  EndRequestLocked(true);
  ApplyCommittedLocked(events);
  PublishToListener(events);
}

// ---------------------------------------------------------------- rollover

Status StoreCore::RollOverLocked(const Site& site, std::vector<Event>* events) {
  UnixMs now = clock_->NowMs();
  std::string today = FormatDate(LocalDateAt(now, site.tz));
  // Other processes may roll a shared database's day (and a test clock back): read it there.
  if (!db_->shared()) {
    auto seen = day_seen_.find(site.id);
    if (seen != day_seen_.end() && seen->second == today) return Status::Ok();
  }
  Db& h = *db_;
  Stmt q(h, "SELECT current_day FROM sites WHERE id=?");
  q.Bind(1, site.id);
  if (!q.Step()) return {q.Fail("cannot read site day")};
  if (q.Text(0) == today) {
    day_seen_[site.id] = today;
    return Status::Ok();
  }

  // Tickets left waiting from an earlier day will not be served: expire each, with an event.
  std::vector<Ticket> stale;
  // By the waiting index; the day is checked here, as a range on it would scan the history.
  Stmt w(h, WaitingTicketsSql().c_str());
  w.Bind(1, site.id);
  while (w.Step()) {
    Ticket t = TicketFromRow(w);
    if (t.day < today) stale.push_back(std::move(t));
  }
  if (!w.done()) return {w.Fail("cannot read waiting tickets")};
  for (Ticket& t : stale) {
    t.status = TicketStatus::kExpired;
    t.finished_at = now;
    Status st = SaveTicket(t);
    if (!st.ok()) return st;
    auto id = AppendEvent(site, event::kTicketExpired, &t, "", "system", EncodeTicketEventData(t, "", now, site.tz), events);
    if (!id.ok()) return {id.error()};
  }
  Stmt u(h, "UPDATE sites SET current_day=? WHERE id=?");
  u.Bind(1, today).Bind(2, site.id);
  StageNewDay(site.id, today);
  u.Run();
  if (!u.done()) return {u.Fail("cannot update site day")};
  return Status::Ok();
}

Status QueueStore::RollOverIfNewDay() {
  for (const std::string& site_id : SiteIds()) {
    // Opening a site's write request rolls its day over: nothing more to do.
    Status st = Change<Status>(site_id, [](Write&) { return Status::Ok(); });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Result<Ticket> StoreCore::InsertTicketLocked(const Site& site, const Service& service, Priority priority,
                                        UnixMs order_at, const std::string& booking, std::vector<Event>* events) {
  Db& h = *db_;
  UnixMs now = clock_->NowMs();
  Ticket t;
  t.id = make_id_();
  t.site = site.id;
  t.day = FormatDate(LocalDateAt(now, site.tz));
  t.service = service.id;
  t.priority = priority;
  t.issued_at = now;
  t.order_at = order_at;
  t.booking = booking;

  // The daily count is kept per prefix, so a transfer or a renamed service never reuses a number.
  Stmt n(h,
         "INSERT INTO day_numbers(site, prefix, day, last_seq) VALUES(?,?,?,1) "
         "ON CONFLICT(site, prefix, day) DO UPDATE SET last_seq = day_numbers.last_seq + 1 RETURNING last_seq");
  n.Bind(1, site.id).Bind(2, service.prefix).Bind(3, t.day);
  if (!n.Step()) return n.Fail("cannot take a ticket number");
  int seq = static_cast<int>(n.Int(0));
  n.Run();
  t.number = FormatTicketNumber(service.prefix, seq);

  Stmt ins(h,
           "INSERT INTO tickets(id, site, day, number, service, priority, status, issued_at, order_at, booking) "
           "VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING seq");
  ins.Bind(1, t.id).Bind(2, t.site).Bind(3, t.day).Bind(4, t.number).Bind(5, t.service);
  ins.Bind(6, PriorityName(t.priority)).Bind(7, TicketStatusName(t.status)).Bind(8, t.issued_at).Bind(9, t.order_at);
  ins.Bind(10, t.booking);
  if (!ins.Step()) return ins.Fail("cannot store ticket");
  int64_t queue_seq = ins.Int(0);
  if (!ins.Run()) return ins.Fail("cannot store ticket");
  TrackTicketRowLocked(site, t, queue_seq);
  auto ev = AppendEvent(site, event::kTicketIssued, &t, "", "", EncodeTicketEventData(t, "", now, site.tz), events);
  if (!ev.ok()) return ev.error();
  return t;
}

// ---------------------------------------------------------------- issuing

Result<IssueOutcome> QueueStore::IssueTicket(const std::string& site_id, const std::string& service_id, Priority priority,
                                             const IdempotencyKey& idem) {
  return Change<Result<IssueOutcome>>(
      site_id, [&](Write& w) -> Result<IssueOutcome> { return IssueLocked(w, service_id, priority, idem); });
}

void QueueStore::IssueTicketAsync(const std::string& site_id, const std::string& service_id, Priority priority,
                                  const IdempotencyKey& idem, std::function<void(Result<IssueOutcome>)> done) {
  ChangeAsync<Result<IssueOutcome>>(
      site_id,
      [this, service_id, priority, idem](Write& w) -> Result<IssueOutcome> {
        return IssueLocked(w, service_id, priority, idem);
      },
      std::move(done));
}

Result<IssueOutcome> QueueStore::IssueLocked(Write& w, const std::string& service_id, Priority priority,
                                             const IdempotencyKey& idem) {
  const Site* site = &w.site();
  const Service* service = site->FindService(service_id);
  if (!service) return MakeError(ErrorCode::kNotFound, "unknown service '" + service_id + "'");

  std::vector<Event>& events = w.events();
  Status st;

  bool found = false;
  auto earlier = FindIdempotent(idem, &found);
  if (!earlier.ok()) return earlier.error();
  if (found && earlier.value()) {
    auto view = ViewOf(*site, *earlier.value());
    if (!view.ok()) return view.error();
    return IssueOutcome{view.value(), true};
  }
  if (closed_sites_.count(site->id) != 0) return MakeError(ErrorCode::kServiceClosed, "site '" + site->id + "' is closed");
  if (!service->is_open) return MakeError(ErrorCode::kServiceClosed, "service '" + service_id + "' is closed");
  if (!IsOpenAt(service->hours, clock_->NowMs(), site->tz)) {
    return MakeError(ErrorCode::kServiceClosed, "service '" + service_id + "' is outside its opening hours");
  }
  // Counted under the store's lock and inside this transaction, so parallel kiosks cannot
  // together pass the quota.
  int walk_ins = 0;
  if (service->daily_quota > 0) {
    auto counted = WalkInsTodayLocked(*site, service_id);
    if (!counted.ok()) return counted.error();
    walk_ins = counted.value();
    if (walk_ins >= service->daily_quota) {
      return MakeError(ErrorCode::kQuotaReached, "today's quota for service '" + service_id + "' is used up");
    }
  }

  auto inserted = InsertTicketLocked(*site, *service, priority, clock_->NowMs(), "", &events);
  if (!inserted.ok()) return inserted.error();
  const Ticket& t = inserted.value();
  if (service->daily_quota > 0 && walk_ins + 1 == service->daily_quota) {
    // Kiosks re-read services on service.* events and grey the button out at once.
    auto ev = AppendEvent(*site, event::kServiceQuotaReached, nullptr, "", "",
                          EncodeQuotaReached(QuotaEventData{service_id, service->daily_quota}), &events);
    if (!ev.ok()) return ev.error();
  }
  if (!(st = RememberIdempotent(idem, t.id)).ok()) return st.error;
  auto view = ViewOf(*site, t);
  if (!view.ok()) return view.error();
  return IssueOutcome{view.value(), false};
}

// ---------------------------------------------------------------- counter actions

// Reads the counter and what its action needs, lets DecideCounterAction (core/counter_rules)
// decide, and writes the decision: the rules live there, the rows and events here.
Result<ActionOutcome> QueueStore::ActOnCounter(const std::string& site_id, const std::string& counter_id,
                                               CounterAction action, const std::string& arg, const std::string& actor,
                                               const IdempotencyKey& idem, const std::string& outcome) {
  return Change<Result<ActionOutcome>>(site_id, [&](Write& w) -> Result<ActionOutcome> {
  const Site* site = &w.site();
  const Counter* counter = site->FindCounter(counter_id);
  if (!counter) return MakeError(ErrorCode::kNotFound, "unknown counter '" + counter_id + "'");

  Db& h = *db_;
  std::vector<Event>& events = w.events();
  Status st;

  bool found = false;
  auto earlier = FindIdempotent(idem, &found);
  if (!earlier.ok()) return earlier.error();
  if (found) {
    ActionOutcome out{std::nullopt, true};
    if (earlier.value()) {
      auto view = ViewOf(*site, *earlier.value());
      if (!view.ok()) return view.error();
      out.ticket = view.value();
    }
    return out;
  }
  // After the replay above, so a retry of an action made before the close still answers.
  if (!counter->is_open) return MakeError(ErrorCode::kConflict, counter->name + " is closed");

  // The snapshot: the counter's row and the ticket it serves.
  CounterSnapshot snap;
  snap.id = counter->id;
  snap.name = counter->name;
  Stmt cq(h, "SELECT state, current_ticket, priority_streak FROM counters WHERE site=? AND id=?");
  cq.Bind(1, site->id).Bind(2, counter->id);
  if (!cq.Step()) return cq.Fail("cannot read counter");
  snap.is_paused = cq.Text(0) == CounterStateName(CounterState::kPaused);
  std::optional<std::string> current_id;
  if (!cq.IsNull(1)) current_id = cq.Text(1);
  snap.priority_streak = static_cast<int>(cq.Int(2));
  if (current_id) {
    auto loaded = LoadTicket(*current_id);
    if (!loaded.ok()) return loaded.error();
    snap.current = loaded.value();
  }
  const std::string& print_service = site->booking.print_service;
  snap.is_current_print =
      snap.current && !print_service.empty() && snap.current->service == print_service;
  UnixMs now = clock_->NowMs();

  // The lookups of this action. The pick is made before the current ticket ends; that ticket
  // is called, never waiting, so ending it first would not change the pick.
  CounterLookups lookups;
  if (action == CounterAction::kNext) {
    auto pick = QueueOfLocked(*site).PickNext(*counter, snap.priority_streak);
    if (pick) {
      lookups.has_pick = true;
      lookups.pick_streak = pick->second;
      auto row = LoadTicket(pick->first.id);
      if (!row.ok()) return row.error();
      lookups.pick = row.value();
    }
  } else if (action == CounterAction::kCall || action == CounterAction::kUndo) {
    std::string day = FormatDate(LocalDateAt(now, site->tz));
    Stmt f(h, (std::string("SELECT ") + kTicketColumns +
               " FROM tickets WHERE site=? AND day=? AND number=?")
                  .c_str());
    f.Bind(1, site->id).Bind(2, day).Bind(3, arg);
    if (f.Step()) {
      lookups.numbered = TicketFromRow(f);
      lookups.is_numbered_print = !print_service.empty() && lookups.numbered->service == print_service;
    } else if (!f.done()) {
      return f.Fail("cannot find ticket");
    }
  } else if (action == CounterAction::kTransfer) {
    lookups.has_target_service = site->FindService(arg) != nullptr;
  }

  auto decided =
      DecideCounterAction(snap, CounterCommand{action, arg, outcome}, lookups, now);
  if (!decided.ok()) return decided.error();
  const CounterDecision& d = decided.value();

  auto event = [&](const char* type, const Ticket* t, const std::string& data) -> Status {
    auto r = AppendEvent(*site, type, t, counter->id, actor, data, &events);
    return r.ok() ? Status::Ok() : Status{r.error()};
  };
  for (const TicketChange& c : d.ticket_changes) {
    if (!(st = SaveTicket(c.ticket)).ok()) return st.error;
    if (!c.print_outcome.empty() &&
        !(st = RecordPrintOutcomeLocked(*site, c.ticket, c.print_outcome, actor, &events)).ok()) {
      return st.error;
    }
    TicketEventData data = TicketEventOf(c.ticket, c.counter_name, now);
    data.from_service = c.from_service;
    data.from_counter = c.from_counter;
    if (!(st = event(c.event, &c.ticket, EncodeTicketEvent(data, site->tz))).ok()) return st.error;
  }
  for (const char* type : d.counter_events) {
    std::string data = EncodeCounterEvent(CounterEventData{counter->id, counter->name, now}, site->tz);
    if (!(st = event(type, nullptr, data)).ok()) return st.error;
  }

  Stmt u(h, "UPDATE counters SET state=?, current_ticket=?, priority_streak=?, officer=? WHERE site=? AND id=?");
  u.Bind(1, CounterStateName(d.state));
  if (d.current_ticket) {
    u.Bind(2, *d.current_ticket);
  } else {
    u.BindNull(2);
  }
  u.Bind(3, d.priority_streak).Bind(4, actor).Bind(5, site->id).Bind(6, counter->id);
  u.Run();
  if (!u.done()) return u.Fail("cannot update counter");
  TrackCounterLocked(site->id, counter->id);
  if (!(st = RememberIdempotent(idem, d.reply ? d.reply->id : "")).ok()) return st.error;

  ActionOutcome out;
  if (d.reply) {
    auto view = ViewOf(*site, *d.reply);
    if (!view.ok()) return view.error();
    out.ticket = view.value();
  }
  return out;
  });
}

}  // namespace antre
