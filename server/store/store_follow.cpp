// Following other processes on a shared database (PostgreSQL, issue 16): the events table is
// the truth, an announcement on commit is the wake-up. Every write of a site holds the site's
// row lock, so a site's events commit in id order and any read of them sees a prefix.
//
// Two threads follow. Follow publishes: on an announcement it reads the site's events after
// the last one published, on the feed's own connection, and hands them to the listener
// without mu_, so event streams never wait for a batch of this process that holds mu_ while
// it waits for a row lock or its COMMIT. FollowState then applies them to today's state
// (CatchUpLocked, mu_ held), which may come a batch later.
//
// Why a stream still sees each site's events once and in order: PublishToListener hands on
// only ids above the newest it handed on for the site, under publish_mu_. What the follower
// reads is a prefix of the site's committed events, so it extends what was published without
// a gap. A batch of this process locks the site's row and catches up (CatchUpLocked, which
// publishes too) before its requests run, so every earlier event of the site, whoever
// committed it, is published before the batch's own; the follower's copy of those, if it
// comes late, is below the newest and dropped. And whatever the follower reads after the
// batch commits includes the batch's events (they are in the table), so it never publishes a
// later event ahead of them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <shared_mutex>

#include "core/event_types.h"
#include "store.h"

namespace antre {
namespace {

// The site's events with an id above `after_id`, in id order, with the counter and the day
// of each (`counters` and `days` may be null).
Status ReadEventsAfter(Db& db, const std::string& site_id, int64_t after_id, std::vector<Event>* events,
                       std::vector<std::string>* counters, std::vector<std::string>* days) {
  Stmt q(db,
         "SELECT id, type, data, at, COALESCE(ticket, ''), COALESCE(counter, ''), day FROM events "
         "WHERE site=? AND id>? ORDER BY id");
  q.Bind(1, site_id).Bind(2, after_id);
  while (q.Step()) {
    events->push_back(Event{q.Int(0), site_id, q.Text(1), q.Text(2), q.Int(3), q.Text(4)});
    if (counters) counters->push_back(q.Text(5));
    if (days) days->push_back(q.Text(6));
  }
  if (!q.done()) return {q.Fail("cannot read other processes' events")};
  return Status::Ok();
}

}  // namespace

Status StoreCore::InitFollowingLocked() {
  for (const Site& site : sites_) {
    Stmt q(*db_, "SELECT COALESCE(MAX(id), 0) FROM events WHERE site=?");
    q.Bind(1, site.id);
    if (!q.Step()) return {q.Fail("cannot read the newest event")};
    applied_[site.id] = q.Int(0);
    std::lock_guard<std::mutex> lock(publish_mu_);
    published_[site.id] = q.Int(0);
  }
  return Status::Ok();
}

void StoreCore::PublishToListener(const std::vector<Event>& events) {
  std::lock_guard<std::mutex> lock(publish_mu_);
  std::vector<Event> fresh;
  fresh.reserve(events.size());
  for (const Event& e : events) {
    int64_t& newest = published_[e.site];
    if (e.id <= newest) continue;  // handed on already, by the follower or a catch-up
    newest = e.id;
    fresh.push_back(e);
  }
  if (!fresh.empty() && listener_) listener_(fresh);
}

int64_t StoreCore::PublishedUpTo(const std::string& site) const {
  std::lock_guard<std::mutex> lock(publish_mu_);
  auto it = published_.find(site);
  return it == published_.end() ? 0 : it->second;
}

Status StoreCore::CatchUpLocked(const std::string& site_id) {
  std::vector<Event> events;
  std::vector<std::string> counters, days;
  Status read = ReadEventsAfter(*db_, site_id, applied_[site_id], &events, &counters, &days);
  if (!read.ok()) return read;
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
  // Mostly published by the follower already (then dropped); from a batch's catch-up this is
  // what puts every earlier event ahead of the batch's own.
  PublishToListener(events);
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
      std::this_thread::sleep_for(std::chrono::milliseconds(100));  // not a busy loop while it is down
    }
    if (Clock::now() - last_sweep >= std::chrono::seconds(1)) {
      last_sweep = Clock::now();
      for (const std::string& site : SiteIds()) sites.push_back(site);
    }
    if (sites.empty()) continue;
    std::sort(sites.begin(), sites.end());
    sites.erase(std::unique(sites.begin(), sites.end()), sites.end());
    std::vector<std::string> dirty;
    bool read_failed = false;
    for (const std::string& site : sites) {
      std::vector<Event> events;
      Status read = ReadEventsAfter(feed_->db(), site, PublishedUpTo(site), &events, nullptr, nullptr);
      if (!read.ok()) {
        // The state follower catches up on the main connection, and publishes as it does.
        if (!failing) std::fprintf(stderr, "antre: %s\n", read.error.message.c_str());
        read_failed = true;
        dirty.push_back(site);
        continue;
      }
      if (events.empty()) continue;
      PublishToListener(events);
      dirty.push_back(site);
    }
    failing = !st.ok() || read_failed;
    if (dirty.empty()) continue;
    {
      std::lock_guard<std::mutex> lock(dirty_mu_);
      dirty_sites_.insert(dirty.begin(), dirty.end());
    }
    dirty_cv_.notify_one();
  }
}

void StoreCore::FollowState() {
  bool failing = false;
  std::unique_lock<std::mutex> lock(dirty_mu_);
  while (!stop_following_) {
    if (dirty_sites_.empty()) {
      dirty_cv_.wait(lock);
      continue;
    }
    std::set<std::string> sites;
    sites.swap(dirty_sites_);
    lock.unlock();
    std::set<std::string> failed;
    {
      std::lock_guard<std::mutex> store_lock(mu_);
      for (const std::string& site : sites) {
        Status caught = CatchUpLocked(site);
        if (caught.ok()) continue;
        if (!failing) std::fprintf(stderr, "antre: %s\n", caught.error.message.c_str());
        failed.insert(site);
      }
    }
    failing = !failed.empty();
    lock.lock();
    if (failing) {
      // Tried again shortly (or on the next wake-up), not in a busy loop.
      dirty_sites_.insert(failed.begin(), failed.end());
      dirty_cv_.wait_for(lock, std::chrono::milliseconds(100));
    }
  }
}

}  // namespace antre
