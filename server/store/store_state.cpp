// Today's state in memory (core/site_state.h): built from the database at start, kept by the
// writer from the rows and events of each committed batch, and read by any thread under a
// shared lock — no SQL and no wait for the writer's fsync.
#include <algorithm>
#include <cstdio>

#include "core/booking_rules.h"
#include "core/event_types.h"
#include "core/local_time.h"
#include "core/opening_hours.h"
#include "store.h"
#include "store_rows.h"

namespace antre {
namespace {

std::string TodayAt(UnixMs now, const Site& site) { return FormatDate(LocalDateAt(now, site.tz)); }

}  // namespace

// ---------------------------------------------------------------- building from the database

Status StoreCore::BuildState(const Site& site, SiteState* out) const {
  Stmt d(*db_, "SELECT current_day FROM sites WHERE id=?");
  d.Bind(1, site.id);
  if (!d.Step()) return {d.Fail("cannot read site day")};
  // The day the site last rolled over to ("" before its first ticket), not the clock's:
  // rows of a later day move the state on as they come.
  std::string day = d.Text(0);
  SiteState state(site, day);

  // The day's tickets and those of earlier days still waiting or called, in queue order.
  Stmt t(*db_, LiveTicketsSql().c_str());
  t.Bind(1, site.id).Bind(2, day).Bind(3, site.id).Bind(4, day).Bind(5, site.id).Bind(6, day);
  std::vector<std::pair<int64_t, Ticket>> rows;
  while (t.Step()) rows.emplace_back(t.Int(14), TicketFromRow(t));
  if (!t.done()) return {t.Fail("cannot read today's tickets")};
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [seq, ticket] : rows) state.PutTicket(std::move(ticket), seq);

  Stmt c(*db_, "SELECT id, state, current_ticket, officer FROM counters WHERE site=?");
  c.Bind(1, site.id);
  while (c.Step()) state.PutCounter(CounterRowFrom(c));
  if (!c.done()) return {c.Fail("cannot read counters")};

  for (const Service& s : site.services) {
    Stmt r(*db_,
           "SELECT finished_at, finished_at - called_at FROM tickets WHERE site=? AND service=? AND status='done' "
           "AND called_at>0 ORDER BY finished_at DESC LIMIT 20");
    r.Bind(1, site.id).Bind(2, s.id);
    while (r.Step()) state.AddPastDuration(s.id, r.Int(0), static_cast<double>(r.Int(1)) / 60000.0);
    if (!r.done()) return {r.Fail("cannot read service times")};
  }

  // Calls of the day, oldest first, so the newest ends up in front.
  Stmt e(*db_,
         "SELECT id, type, counter, at, number, service FROM (SELECT e.id, e.type, e.counter, e.at, t.number, "
         "t.service FROM events e JOIN tickets t ON t.id = e.ticket WHERE e.site=? AND e.day=? AND "
         "e.type IN ('ticket.called','ticket.recalled') ORDER BY e.id DESC LIMIT 16) AS recent ORDER BY id");
  e.Bind(1, site.id).Bind(2, day);
  while (e.Step()) {
    CallRecord call;
    call.event_id = e.Int(0);
    call.is_recall = e.Text(1) == event::kTicketRecalled;
    call.counter = e.Text(2);
    call.at = e.Int(3);
    call.number = e.Text(4);
    call.service = e.Text(5);
    state.AddCall(call);
  }
  if (!e.done()) return {e.Fail("cannot read recent calls")};
  Stmt l(*db_, "SELECT COALESCE(MAX(id), 0), COALESCE(MAX(at), 0) FROM events WHERE site=?");
  l.Bind(1, site.id);
  if (!l.Step()) return {l.Fail("cannot read last event id")};
  // Only the id: an event of another day must not move the state's day.
  state.AddEvent(Event{l.Int(0), site.id, "", "", 0, ""});

  Status st = RefreshAnnouncementsAndStock(site, &state);
  if (!st.ok()) return st;
  *out = std::move(state);
  return Status::Ok();
}

Status StoreCore::RefreshAnnouncementsAndStock(const Site& site, SiteState* state) const {
  auto live = AnnouncementsLocked(site.id, true);
  if (!live.ok()) return {live.error()};
  state->SetAnnouncements(live.value());
  if (site.PrintsCards()) {
    auto stock = StockCountLocked(site.id);
    if (!stock.ok()) return {stock.error()};
    state->SetStockLevel(StockLevel(stock.value(), site.booking.stock_low_threshold));
  }
  return Status::Ok();
}

Status StoreCore::RebuildState() {
  std::map<std::string, SiteState> fresh;
  for (const Site& site : sites_) {
    Status st = BuildState(site, &fresh[site.id]);
    if (!st.ok()) return st;
  }
  std::unique_lock<std::shared_mutex> lock(state_mu_);
  state_ = std::move(fresh);
  committed_sites_ = sites_;
  return Status::Ok();
}

CounterRow StoreCore::CounterRowFrom(const Stmt& q) {
  CounterRow row;
  row.id = q.Text(0);
  std::string state = q.Text(1);
  row.state = state == "paused" ? CounterState::kPaused : state == "serving" ? CounterState::kServing : CounterState::kIdle;
  if (!q.IsNull(2)) row.current_ticket = q.Text(2);
  row.officer = q.Text(3);
  return row;
}

// ---------------------------------------------------------------- staging and applying

void StoreCore::TrackTicketLocked(const std::string& id) {
  Stmt q(*db_, (std::string("SELECT ") + kTicketColumns + ", seq FROM tickets WHERE id=?").c_str());
  q.Bind(1, id);
  const Site* site = q.Step() ? FindSiteLocked(q.Text(1)) : nullptr;
  if (site == nullptr) {
    touched_.push_back(id);
    for (auto& [site_id, queue] : waiting_) queue.Remove(id);
    return;
  }
  TrackTicketRowLocked(*site, TicketFromRow(q), q.Int(14));
}

void StoreCore::TrackTicketRowLocked(const Site& site, Ticket t, int64_t seq) {
  touched_.push_back(t.id);
  WaitingQueue& queue = QueueOfLocked(site);
  if (t.status == TicketStatus::kWaiting) {
    queue.Put(QueueEntry{t.id, t.service, t.priority, t.order_at, seq});
  } else {
    queue.Remove(t.id);
  }
  staged_request_.push_back(StagedRow{site.id, TicketRow{std::move(t), seq}, std::nullopt, ""});
}

void StoreCore::TrackCounterLocked(const std::string& site, const std::string& counter) {
  Stmt q(*db_, "SELECT id, state, current_ticket, officer FROM counters WHERE site=? AND id=?");
  q.Bind(1, site).Bind(2, counter);
  if (q.Step()) staged_request_.push_back(StagedRow{site, std::nullopt, CounterRowFrom(q), ""});
}

void StoreCore::StageNewDay(const std::string& site, const std::string& day) {
  staged_request_.push_back(StagedRow{site, std::nullopt, std::nullopt, day});
}

void StoreCore::EndRequestLocked(bool succeeded) {
  if (succeeded) {
    staged_batch_.insert(staged_batch_.end(), std::make_move_iterator(staged_request_.begin()),
                         std::make_move_iterator(staged_request_.end()));
  }
  staged_request_.clear();
}

void StoreCore::ApplyCommittedLocked(const std::vector<Event>& events) {
  for (const Event& e : events) {
    int64_t& last = applied_[e.site];
    if (e.id > last) last = e.id;
  }
  if (sites_changed_) {
    // An admin edit or a new site: rare, so the state is simply rebuilt.
    staged_batch_.clear();
    sites_changed_ = false;
    if (!RebuildState().ok()) std::fprintf(stderr, "antre: cannot rebuild today's state\n");
    return;
  }
  std::vector<std::string> refresh;  // sites whose announcements or stock changed
  bool went_back = false;            // a rollover to an earlier day (only a test clock does that)
  {
    std::unique_lock<std::shared_mutex> lock(state_mu_);
    // Rows first: a call event names a ticket whose row is in the same batch.
    for (StagedRow& row : staged_batch_) {
      auto state = state_.find(row.site);
      if (state == state_.end()) continue;
      if (!row.new_day.empty() && row.new_day < state->second.day()) went_back = true;
      if (!row.new_day.empty()) state->second.StartDay(row.new_day);
      if (row.ticket) state->second.PutTicket(row.ticket->ticket, row.ticket->seq);
      if (row.counter) state->second.PutCounter(*row.counter);
    }
    for (const Event& e : events) {
      auto state = state_.find(e.site);
      if (state == state_.end()) continue;
      state->second.AddEvent(e);
      bool changes_board = e.type == event::kStockChanged || e.type == event::kAnnouncementPublished ||
                           e.type == event::kAnnouncementRemoved;
      if (changes_board && std::find(refresh.begin(), refresh.end(), e.site) == refresh.end()) refresh.push_back(e.site);
    }
  }
  staged_batch_.clear();
  if (went_back) {
    // The earlier day's tickets were dropped when the state moved past it: read them again.
    if (!RebuildState().ok()) std::fprintf(stderr, "antre: cannot rebuild today's state\n");
    return;
  }
  for (const std::string& id : refresh) {
    const Site* site = FindSiteLocked(id);
    if (!site) continue;
    SiteState scratch(*site, "");
    if (!RefreshAnnouncementsAndStock(*site, &scratch).ok()) continue;
    std::unique_lock<std::shared_mutex> lock(state_mu_);
    auto state = state_.find(id);
    if (state == state_.end()) continue;
    state->second.SetAnnouncements(scratch.announcements());
    state->second.SetStockLevel(scratch.stock_level());
  }
}

Status Store::CheckState() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::map<std::string, WaitingQueue> fresh;
  Status st = ReadWaitingQueues(&fresh);
  if (!st.ok()) return st;
  for (const auto& [site, queue] : fresh) {
    auto live = waiting_.find(site);
    std::vector<QueueEntry> want = queue.Entries();
    std::vector<QueueEntry> have = live == waiting_.end() ? std::vector<QueueEntry>() : live->second.Entries();
    if (want.size() != have.size()) {
      return {MakeError(ErrorCode::kInvalidInput, site + ": " + std::to_string(have.size()) + " waiting in memory, " +
                                                      std::to_string(want.size()) + " in the database")};
    }
    for (size_t i = 0; i < want.size(); ++i) {
      if (want[i].id != have[i].id || want[i].service != have[i].service || want[i].priority != have[i].priority ||
          want[i].order_at != have[i].order_at || want[i].seq != have[i].seq) {
        return {MakeError(ErrorCode::kInvalidInput, site + ": ticket " + want[i].id + " differs")};
      }
      if (queue.Position(want[i].id) != live->second.Position(want[i].id)) {
        return {MakeError(ErrorCode::kInvalidInput, site + ": ticket " + want[i].id + " has another place")};
      }
    }
  }
  std::shared_lock<std::shared_mutex> state_lock(state_mu_);
  for (const Site& site : sites_) {
    SiteState rebuilt;
    if (!(st = BuildState(site, &rebuilt)).ok()) return st;
    auto live = state_.find(site.id);
    if (live == state_.end()) return {MakeError(ErrorCode::kInvalidInput, site.id + ": no state in memory")};
    std::string diff = live->second.DiffersFrom(rebuilt);
    if (!diff.empty()) return {MakeError(ErrorCode::kInvalidInput, "today's state: " + diff)};
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- reads

Result<TicketView> QueueStore::GetTicket(const std::string& id) const {
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    for (const auto& [site, state] : state_) {
      const Ticket* t = state.FindTicket(id);
      if (t) return state.ViewOf(*t);
    }
  }
  // A ticket of an earlier day: finished, so no place in line to compute.
  std::lock_guard<std::mutex> lock(mu_);
  auto t = LoadTicket(id);
  if (!t.ok()) return t.error();
  if (!t.value()) return MakeError(ErrorCode::kNotFound, "no such ticket");
  return TicketView{*t.value(), 0, 0, ""};
}

Status StoreCore::CountQuotasOfOtherDay(const std::string& site_id, std::vector<ServiceStatus>* services) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSiteLocked(site_id);
  if (!site) return Status::Ok();
  for (ServiceStatus& s : *services) {
    if (s.service.daily_quota <= 0) continue;
    auto used = WalkInsTodayLocked(*site, s.service.id);
    if (!used.ok()) return {used.error()};
    s.remaining = QuotaLeft(s.service.daily_quota, used.value());
  }
  return Status::Ok();
}

Result<std::vector<ServiceStatus>> QueueStore::ServiceStatuses(const std::string& site_id) const {
  std::vector<ServiceStatus> out;
  bool other_day = false;
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    auto state = state_.find(site_id);
    if (state == state_.end()) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
    UnixMs now = clock_->NowMs();
    std::string today = TodayAt(now, state->second.site());
    out = state->second.Services(now, today);
    other_day = today != state->second.day();
  }
  // The first minutes of a day before its first write (or a test clock moved back): the
  // quotas are counted from the database, as rare as that is.
  if (other_day) {
    Status st = CountQuotasOfOtherDay(site_id, &out);
    if (!st.ok()) return st.error;
  }
  return out;
}

Result<std::vector<CounterStatus>> QueueStore::CounterStatuses(const std::string& site_id, bool with_closed) const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  auto state = state_.find(site_id);
  if (state == state_.end()) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  return state->second.Counters(TodayAt(clock_->NowMs(), state->second.site()), with_closed);
}

Result<BoardSnapshot> QueueStore::Board(const std::string& site_id) const {
  // One lock for the whole snapshot, and the state changes only whole batches at a time, so
  // counters, calls, waiting counts and last_event_id describe the same moment.
  BoardSnapshot board;
  bool other_day = false;
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    auto state = state_.find(site_id);
    if (state == state_.end()) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
    UnixMs now = clock_->NowMs();
    std::string today = TodayAt(now, state->second.site());
    board = state->second.Board(now, today);
    other_day = today != state->second.day();
  }
  if (other_day) {
    Status st = CountQuotasOfOtherDay(site_id, &board.services);
    if (!st.ok()) return st.error;
  }
  return board;
}

int StoreCore::EstimateFor(const Site& site, const std::string& service, int people_ahead) const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  auto state = state_.find(site.id);
  return state == state_.end() ? 0 : state->second.EstimateFor(service, people_ahead);
}

}  // namespace antre
