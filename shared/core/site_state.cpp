#include "core/site_state.h"

#include <algorithm>
#include <cctype>

#include "core/event_types.h"
#include "core/local_time.h"
#include "core/opening_hours.h"
#include "core/wait_estimate.h"

namespace antre {
namespace {

// "A007" -> "A": numbers are a prefix of capital letters and a sequence.
std::string PrefixOf(const std::string& number) {
  size_t n = 0;
  while (n < number.size() && std::isupper(static_cast<unsigned char>(number[n]))) ++n;
  return number.substr(0, n);
}

bool IsCounted(const Ticket& t) {
  return t.counter && (t.status == TicketStatus::kDone || t.status == TicketStatus::kNoShow);
}

}  // namespace

SiteState::SiteState(const Site& site, std::string today)
    : site_(site), day_(std::move(today)), queue_(site.priority_cap) {}

void SiteState::SetSite(const Site& site) {
  // The queue's order depends only on the priority cap, which is fixed at creation.
  site_ = site;
}

// ---------------------------------------------------------------- writes

void SiteState::StartDay(const std::string& day) {
  if (day == day_) return;
  day_ = day;
  // Tickets of earlier days stay only while they still wait (until the rollover expires
  // them) or a counter still holds them.
  for (auto it = tickets_.begin(); it != tickets_.end();) {
    TicketStatus s = it->second.status;
    if (s == TicketStatus::kWaiting || s == TicketStatus::kCalled) {
      ++it;
    } else {
      it = tickets_.erase(it);
    }
  }
  done_today_.clear();
  no_show_today_.clear();
  walk_ins_.clear();
  calls_.clear();
}

void SiteState::CountTicket(const Ticket& t, int delta) {
  if (t.day != day_ || !IsCounted(t)) return;
  auto& counts = t.status == TicketStatus::kDone ? done_today_ : no_show_today_;
  counts[*t.counter] += delta;
  if (counts[*t.counter] == 0) counts.erase(*t.counter);
}

void SiteState::AddDuration(const std::string& service, UnixMs finished_at, double minutes) {
  auto& list = durations_[service];
  auto at = std::find_if(list.begin(), list.end(), [&](const Duration& d) { return d.finished_at < finished_at; });
  list.insert(at, Duration{finished_at, minutes});
  if (list.size() > kRecentDurations) list.pop_back();
}

void SiteState::AddPastDuration(const std::string& service, UnixMs finished_at, double minutes) {
  AddDuration(service, finished_at, minutes);
}

void SiteState::PutTicket(const Ticket& t, int64_t seq) {
  if (t.day > day_) StartDay(t.day);
  auto it = tickets_.find(t.id);
  bool is_new = it == tickets_.end();
  if (!is_new) {
    CountTicket(it->second, -1);
    bool was_done = it->second.status == TicketStatus::kDone;
    if (!was_done && t.status == TicketStatus::kDone && t.called_at > 0) {
      AddDuration(t.service, t.finished_at, static_cast<double>(t.finished_at - t.called_at) / 60000.0);
    }
  } else if (t.day == day_ && t.booking.empty()) {
    ++walk_ins_[PrefixOf(t.number)];
  }
  if (t.status == TicketStatus::kWaiting) {
    queue_.Put(QueueEntry{t.id, t.service, t.priority, t.order_at, seq});
  } else {
    queue_.Remove(t.id);
  }
  bool keep = t.day == day_ || t.status == TicketStatus::kWaiting || t.status == TicketStatus::kCalled;
  if (!keep) {
    if (!is_new) tickets_.erase(it);
    return;
  }
  tickets_[t.id] = t;
  CountTicket(t, +1);
}

void SiteState::PutCounter(const CounterRow& row) { counters_[row.id] = row; }

void SiteState::AddCall(const CallRecord& call) {
  calls_.push_front(call);
  if (calls_.size() > kRecentCalls) calls_.pop_back();
}

void SiteState::AddEvent(const Event& e) {
  last_event_id_ = std::max(last_event_id_, e.id);
  std::string day = FormatDate(LocalDateAt(e.at, site_.tz));
  if (day > day_) StartDay(day);
  if (e.type != event::kTicketCalled && e.type != event::kTicketRecalled) return;
  if (day != day_) return;
  auto t = tickets_.find(e.ticket);
  if (t == tickets_.end() || !t->second.counter) return;
  CallRecord c;
  c.event_id = e.id;
  c.is_recall = e.type == event::kTicketRecalled;
  c.counter = *t->second.counter;
  c.at = e.at;
  c.number = t->second.number;
  c.service = t->second.service;
  AddCall(c);
}

// ---------------------------------------------------------------- reads

const Ticket* SiteState::FindTicket(const std::string& id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second;
}

int SiteState::EstimateFor(const std::string& service, int people_ahead) const {
  const Service* svc = site_.FindService(service);
  WaitInputs in;
  in.people_ahead = people_ahead;
  in.default_minutes = svc ? svc->default_service_minutes : 5;
  auto d = durations_.find(service);
  if (d != durations_.end()) {
    for (const Duration& x : d->second) in.recent_minutes.push_back(x.minutes);
  }
  in.active_counters = 0;
  for (const auto& [id, row] : counters_) {
    const Counter* counter = site_.FindCounter(id);
    if (counter && counter->is_open && row.state != CounterState::kPaused && counter->Serves(service)) {
      ++in.active_counters;
    }
  }
  return EstimateWaitMinutes(in);
}

TicketView SiteState::ViewOf(const Ticket& t) const {
  TicketView v{t, 0, 0, ""};
  if (t.status == TicketStatus::kWaiting) {
    v.position = queue_.Position(t.id);
    v.ewt_minutes = EstimateFor(t.service, std::max(0, v.position - 1));
  }
  if (t.status == TicketStatus::kCalled && t.counter) {
    const Counter* c = site_.FindCounter(*t.counter);
    v.counter_name = c ? c->name : *t.counter;
  }
  return v;
}

int SiteState::WalkInsToday(const std::string& service, const std::string& today) const {
  const Service* s = site_.FindService(service);
  if (!s || today != day_) return 0;
  auto it = walk_ins_.find(s->prefix);
  return it == walk_ins_.end() ? 0 : it->second;
}

std::vector<ServiceStatus> SiteState::Services(UnixMs now, const std::string& today) const {
  std::vector<ServiceStatus> out;
  const auto& delivery = site_.booking.delivery_services;
  for (const Service& s : site_.services) {
    ServiceStatus status;
    status.service = s;
    status.is_print = s.id == site_.booking.print_service;
    status.has_delivery = std::find(delivery.begin(), delivery.end(), s.id) != delivery.end();
    status.waiting = static_cast<int>(queue_.CountOf(s.id));
    status.ewt_minutes = EstimateFor(s.id, status.waiting);
    status.is_open_now = s.is_open && IsOpenAt(s.hours, now, site_.tz);
    // Closed by the switch: nobody knows when it reopens, so no next opening is promised.
    if (!status.is_open_now && s.is_open) status.next_open = NextOpening(s.hours, now, site_.tz);
    if (s.daily_quota > 0) status.remaining = QuotaLeft(s.daily_quota, WalkInsToday(s.id, today));
    status.counters_open = 0;
    for (const auto& [id, row] : counters_) {
      const Counter* counter = site_.FindCounter(id);
      if (counter && counter->is_open && row.state != CounterState::kPaused && counter->Serves(s.id)) {
        ++status.counters_open;
      }
    }
    out.push_back(status);
  }
  return out;
}

std::vector<CounterStatus> SiteState::Counters(const std::string& today, bool with_closed) const {
  std::vector<CounterStatus> out;
  for (const Counter& c : site_.counters) {
    if (!c.is_open && !with_closed) continue;  // a closed counter leaves boards and consoles
    auto row = counters_.find(c.id);
    if (row == counters_.end()) continue;
    CounterStatus s;
    s.counter = c;
    s.state = row->second.state;
    s.officer = row->second.officer;
    if (row->second.current_ticket) {
      const Ticket* t = FindTicket(*row->second.current_ticket);
      if (t) s.current = *t;
    }
    if (today == day_) {
      auto done = done_today_.find(c.id);
      auto no_show = no_show_today_.find(c.id);
      s.done_today = done == done_today_.end() ? 0 : done->second;
      s.no_show_today = no_show == no_show_today_.end() ? 0 : no_show->second;
    }
    out.push_back(s);
  }
  return out;
}

BoardSnapshot SiteState::Board(UnixMs now, const std::string& today) const {
  BoardSnapshot b;
  b.site = site_.id;
  b.site_name = site_.name;
  b.tz = site_.tz;
  b.counters = Counters(today);
  b.services = Services(now, today);
  if (today == day_) {
    for (CallRecord c : calls_) {
      const Counter* counter = site_.FindCounter(c.counter);
      c.counter_name = counter ? counter->name : c.counter;
      b.recent_calls.push_back(c);
    }
  }
  b.announcements = announcements_;
  if (site_.PrintsCards()) b.stock_level = stock_level_;
  b.last_event_id = last_event_id_;
  return b;
}

// ---------------------------------------------------------------- comparison

std::string SiteState::DiffersFrom(const SiteState& o) const {
  std::string where = site_.id + ": ";
  if (day_ != o.day_) return where + "day " + day_ + " vs " + o.day_;
  if (tickets_.size() != o.tickets_.size()) {
    return where + std::to_string(tickets_.size()) + " tickets vs " + std::to_string(o.tickets_.size());
  }
  for (const auto& [id, t] : tickets_) {
    auto other = o.tickets_.find(id);
    if (other == o.tickets_.end()) return where + "ticket " + t.number + " missing";
    const Ticket& u = other->second;
    if (t.status != u.status || t.service != u.service || t.counter != u.counter || t.called_at != u.called_at ||
        t.finished_at != u.finished_at || t.recalls != u.recalls || t.order_at != u.order_at) {
      return where + "ticket " + t.number + " differs";
    }
    if (queue_.Position(id) != o.queue_.Position(id)) return where + "ticket " + t.number + " has another place";
  }
  if (queue_.size() != o.queue_.size()) return where + "queue sizes differ";
  if (counters_.size() != o.counters_.size()) return where + "counter counts differ";
  for (const auto& [id, row] : counters_) {
    auto other = o.counters_.find(id);
    if (other == o.counters_.end() || other->second.state != row.state ||
        other->second.current_ticket != row.current_ticket || other->second.officer != row.officer) {
      return where + "counter " + id + " differs";
    }
  }
  if (done_today_ != o.done_today_ || no_show_today_ != o.no_show_today_) return where + "counts per counter differ";
  if (walk_ins_ != o.walk_ins_) return where + "walk-in counts differ";
  for (const Service& s : site_.services) {
    if (EstimateFor(s.id, 3) != o.EstimateFor(s.id, 3)) return where + "estimate for " + s.id + " differs";
  }
  if (calls_.size() != o.calls_.size()) {
    std::string a, b;
    for (const auto& c : calls_) a += std::to_string(c.event_id) + c.number + " ";
    for (const auto& c : o.calls_) b += std::to_string(c.event_id) + c.number + " ";
    return where + "recent calls differ: " + a + "| " + b;
  }
  for (size_t i = 0; i < calls_.size(); ++i) {
    if (calls_[i].event_id != o.calls_[i].event_id || calls_[i].number != o.calls_[i].number) {
      return where + "recent call " + std::to_string(i) + " differs";
    }
  }
  if (last_event_id_ != o.last_event_id_) return where + "last event id differs";
  if (stock_level_ != o.stock_level_ || announcements_.size() != o.announcements_.size()) {
    return where + "stock level or announcements differ";
  }
  return "";
}

}  // namespace antre
