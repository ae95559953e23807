// Following other processes on a shared database (PostgreSQL, issue 16): the events table is
// the truth, an announcement on commit is the wake-up. Every write of a site holds the site's
// row lock, so a site's events commit in id order and any read of them sees a prefix; the
// process applies each event after the last it applied, by reading the rows it names.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <shared_mutex>

#include "core/event_types.h"
#include "store.h"

namespace antre {

Status StoreCore::InitFollowingLocked() {
  for (const Site& site : sites_) {
    Stmt q(*db_, "SELECT COALESCE(MAX(id), 0) FROM events WHERE site=?");
    q.Bind(1, site.id);
    if (!q.Step()) return {q.Fail("cannot read the newest event")};
    applied_[site.id] = q.Int(0);
  }
  return Status::Ok();
}

Status StoreCore::CatchUpLocked(const std::string& site_id) {
  Stmt q(*db_,
         "SELECT id, type, data, at, COALESCE(ticket, ''), COALESCE(counter, ''), day FROM events "
         "WHERE site=? AND id>? ORDER BY id");
  q.Bind(1, site_id).Bind(2, applied_[site_id]);
  std::vector<Event> events;
  std::vector<std::string> counters, days;
  while (q.Step()) {
    events.push_back(Event{q.Int(0), site_id, q.Text(1), q.Text(2), q.Int(3), q.Text(4)});
    counters.push_back(q.Text(5));
    days.push_back(q.Text(6));
  }
  if (!q.done()) return {q.Fail("cannot read other processes' events")};
  if (events.empty()) return Status::Ok();

  for (const Event& e : events) {
    if (e.type == event::kSiteChanged) sites_changed_ = true;
  }
  if (sites_changed_) {
    // An admin edit on another process: read the site model again (state_ is rebuilt below).
    std::vector<Site> fresh;
    Status st = ReadSites(&fresh);
    if (!st.ok()) return st;
    sites_ = std::move(fresh);
  }
  const Site* site = FindSiteLocked(site_id);
  if (site == nullptr) return Status::Ok();
  std::string day;
  {
    std::shared_lock<std::shared_mutex> lock(state_mu_);
    auto state = state_.find(site_id);
    if (state != state_.end()) day = state->second.day();
  }
  for (size_t i = 0; i < events.size(); ++i) {
    if (days[i] > day) {  // the other process rolled the site over to a new day
      day = days[i];
      StageNewDay(site_id, day);
    }
    if (!events[i].ticket.empty()) TrackTicketLocked(events[i].ticket);
    if (!counters[i].empty()) TrackCounterLocked(site_id, counters[i]);
  }
  touched_.clear();
  EndRequestLocked(true);
  ApplyCommittedLocked(events);
  if (listener_) listener_(events);
  return Status::Ok();
}

void StoreCore::Follow() {
  using Clock = std::chrono::steady_clock;
  auto last_sweep = Clock::now();
  bool failing = false;
  while (!stop_following_) {
    std::vector<std::string> sites;
    Status st = feed_->Wait(100, &sites);
    if (!st.ok()) {
      if (!failing) std::fprintf(stderr, "antre: %s\n", st.error.message.c_str());
      failing = true;
    }
    if (Clock::now() - last_sweep >= std::chrono::seconds(1)) {
      last_sweep = Clock::now();
      std::lock_guard<std::mutex> lock(mu_);
      for (const Site& site : sites_) sites.push_back(site.id);
    }
    if (sites.empty()) continue;
    std::sort(sites.begin(), sites.end());
    sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
    std::lock_guard<std::mutex> lock(mu_);
    for (const std::string& site : sites) {
      Status caught = CatchUpLocked(site);
      if (!caught.ok() && !failing) std::fprintf(stderr, "antre: %s\n", caught.error.message.c_str());
      failing = !caught.ok();
    }
  }
}

}  // namespace antre
