// The core every store feature shares: the database, the lock, the group-commit writer, the
// cached site model, today's committed state and the waiting queues, and the helpers more than
// one feature writes with. Contract: each feature (queue_store.h, booking_store.h,
// print_store.h, admin_store.h, survey_store.h, report_store.h) inherits it virtually, so a
// Store holds one core; a write runs as Change(...) on the writer with mu_ held, and a read of
// today's state takes state_mu_ shared. Nothing here is public: callers use Store (store.h).
#pragma once

#include <functional>
#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/counter_rules.h"
#include "core/report.h"
#include "core/site_state.h"
#include "core/result.h"
#include "core/survey.h"
#include "core/views.h"
#include "core/waiting_queue.h"
#include "group_commit.h"
#include "sql.h"
#include "store_write.h"

namespace antre {

// A staff member as the store knows them.
struct UserRecord {
  std::string username;
  Role role = Role::kOfficer;
  std::string password_hash;
  bool disabled = false;
  std::vector<std::string> sites;  // the sites they may work; empty = every site
};

// A logged-in staff session or a kiosk device, as resolved from a bearer token.
struct Principal {
  std::string name;  // username or device id
  Role role = Role::kOfficer;
  std::string site;  // kiosks only: the one site they may issue for
  std::vector<std::string> sites;  // staff only: the sites they may work; empty = every site
};

// Whether staff member `who` may work at `site`: admins everywhere, others at their sites.
bool MayWorkAt(const Principal& who, const std::string& site);

// An idempotency key, scoped so two devices cannot collide.
struct IdempotencyKey {
  std::string scope;
  std::string key;
  bool empty() const { return key.empty(); }
};

// Result of issuing a ticket.
struct IssueOutcome {
  TicketView ticket;
  bool replayed = false;  // an earlier request with the same key made it
};

class StoreCore {
 protected:
  friend class Write;
  // Only Store, the most-derived class, constructs the core (with the database). The
  // features' implicit constructors need a default one to exist; it never runs.
  StoreCore() = default;
  StoreCore(std::unique_ptr<Db> db, const Clock& clock, std::function<std::string()> make_id);
  StoreCore(const StoreCore&) = delete;
  StoreCore& operator=(const StoreCore&) = delete;
  ~StoreCore() = default;

  // Site model (services, counters) as stored. NotFound for an unknown site.
  Result<Site> GetSite(const std::string& site) const;
  // Only the site's time zone, for an answer that formats times (no copy of the whole model).
  Result<TimeZone> SiteZone(const std::string& site) const;
  std::vector<std::string> SiteIds() const;

  // Runs `body(Write&)` as one write request of site `site_id` (NotFound if unknown) on the
  // group-commit writer, and commits it if its answer is a success. R is Status or Result<T>.
  template <typename R, typename Body>
  R Change(const std::string& site_id, Body body);
  // The same for a change that belongs to no site (users, sessions).
  template <typename R, typename Body>
  R Change(Body body);
  // The same for a change that writes a second site too (`also_site`, locked with the first
  // on a shared database); the body finds that site itself (FindSiteLocked).
  template <typename R, typename Body>
  R Change(const std::string& site_id, const std::string& also_site, Body body);
  // Change without waiting (GroupCommitter::RunAsync): `done` gets the answer after the
  // commit, on the batch's thread. `body` must own what it uses (it outlives the caller).
  template <typename R, typename Body>
  void ChangeAsync(const std::string& site_id, Body body, std::function<void(R)> done);
  // What Change runs on the writer, with mu_ held: finds the site, opens the request's
  // Write, runs `body` and commits the request if it succeeded.
  template <typename R, typename Body>
  R ApplyChange(const std::string& site_id, Body& body);
  // The part of ApplyChange after the site is found (`site` null for a change of no site).
  template <typename R, typename Body>
  R ApplyWrite(const Site* site, Body& body);
  Status Migrate();
  Status LoadSites();
  // Reads the site model from the database without touching the cache.
  Status ReadSites(std::vector<Site>* sites) const;
  // Reads the ids of closed sites, mu_ held.
  Status ReadClosedSites(std::set<std::string>* out) const;
  // Reads the site model again after an admin change in this request and marks the state
  // for a rebuild at commit, mu_ held.
  Status ReloadSitesLocked();
  const Site* FindSiteLocked(const std::string& id) const;
  Result<std::vector<Announcement>> AnnouncementsLocked(const std::string& site, bool live_only) const;
  // Walk-in tickets (not check-ins) issued today for a service, for its daily quota.
  Result<int> WalkInsTodayLocked(const Site& site, const std::string& service) const;
  // Helpers that run inside a transaction with mu_ held; defined in ticket_ops.cpp.
  Status RollOverLocked(const Site& site, std::vector<Event>* events);
  Result<int64_t> AppendEvent(const Site& site, const std::string& type, const Ticket* ticket,
                              const std::string& counter, const std::string& actor, const std::string& data,
                              std::vector<Event>* events);
  Result<std::optional<Ticket>> LoadTicket(const std::string& id) const;
  Status SaveTicket(const Ticket& t);
  // Takes the next number and inserts a waiting ticket (issued now, ordered by order_at).
  Result<Ticket> InsertTicketLocked(const Site& site, const Service& service, Priority priority, UnixMs order_at,
                                    const std::string& booking, std::vector<Event>* events);
  Result<std::optional<Ticket>> FindIdempotent(const IdempotencyKey& idem, bool* found) const;
  Status RememberIdempotent(const IdempotencyKey& idem, const std::string& ticket_id);
  Result<TicketView> ViewOf(const Site& site, const Ticket& t) const;
  // Reads every waiting ticket into fresh queues (at start and after a lost batch), mu_ held.
  Status ReadWaitingQueues(std::map<std::string, WaitingQueue>* out) const;
  // Brings a ticket's place in the writer's queue in line with its row and stages the row
  // for the committed state, mu_ held; called wherever a ticket row is written.
  void TrackTicketLocked(const std::string& id);
  // The same for a row this request has just written as `t` (with queue order `seq`), without
  // reading it back.
  void TrackTicketRowLocked(const Site& site, Ticket t, int64_t seq);
  // Stages a counter's row for the committed state; called wherever a counter row changes.
  void TrackCounterLocked(const std::string& site, const std::string& counter);
  // Stages the start of a new local day for a site (the rollover).
  void StageNewDay(const std::string& site, const std::string& day);
  // --- today's committed state (store_state.cpp), mu_ held
  Status BuildState(const Site& site, SiteState* out) const;
  Status RebuildState();
  Status RefreshAnnouncementsAndStock(const Site& site, SiteState* state) const;
  static CounterRow CounterRowFrom(const Stmt& q);
  // Ends a request: its staged rows join the batch's if it succeeded, else are dropped.
  void EndRequestLocked(bool succeeded);
  // Recounts the walk-in quotas of `services` from the database, for a read on a day the
  // state has not reached yet. Takes mu_.
  Status CountQuotasOfOtherDay(const std::string& site, std::vector<ServiceStatus>* services) const;
  // After a commit: applies the batch's staged rows and events to state_.
  void ApplyCommittedLocked(const std::vector<Event>& events);
  // --- following other processes on a shared database (store_follow.cpp)
  // Reads the site's events committed (by any process) after the last one applied, brings
  // the queue and state_ in line with their rows, and publishes them; mu_ held.
  Status CatchUpLocked(const std::string& site);
  // The newest event id of every site, where following (and publishing) starts; mu_ held.
  Status InitFollowingLocked();
  // The publishing follower: waits on the change feed (and sweeps every site each second in
  // case an announcement was lost), reads the sites' new events on the feed's connection and
  // publishes them without mu_, then marks the sites for FollowState.
  void Follow();
  // The state follower: catches up (mu_ held, so after any batch running) with the sites
  // Follow marked, so today's state follows the events it published.
  void FollowState();
  // Hands committed events (in commit order per site) to the listener and remembers the
  // newest id handed on per site. Any thread, mu_ held or not (publish_mu_ comes after mu_).
  void PublishToListener(const std::vector<Event>& events);
  // The newest event id of `site` handed to the listener (0 if none yet).
  int64_t PublishedUpTo(const std::string& site) const;
  WaitingQueue& QueueOfLocked(const Site& site);
  int EstimateFor(const Site& site, const std::string& service, int people_ahead) const;
  void Publish(const std::vector<Event>& events);
  // Forgets every resolved token, after a change to sessions, users or devices commits.
  void ForgetTokens();
  Status AuditLocked(const std::string& actor, const std::string& action, const std::string& target,
                     const std::string& detail);
  Status RecordPrintOutcomeLocked(const Site& site, const Ticket& ticket, const std::string& outcome,
                                  const std::string& actor, std::vector<Event>* events);
  Result<int> StockCountLocked(const std::string& site) const;
  // Appends a stock move (never below zero: Conflict) and stock.changed; `peer` names the
  // other site of a transfer, *id gets the move's id.
  Status StockMoveLocked(const Site& site, int delta, const std::string& kind, const std::string& reason,
                         const std::string& actor, std::vector<Event>* events, const std::string& peer = "",
                         int64_t* id = nullptr);
  Status CreateDeliveryLocked(const std::string& site, const std::string& booking_code);

  std::unique_ptr<Db> db_;
  mutable std::mutex report_mu_;            // guards report_db_
  mutable std::unique_ptr<Db> report_db_;   // opened by the first report
  const Clock* clock_ = nullptr;  // a pointer: the default constructor the features need
  std::function<std::string()> make_id_;
  // Guards listener_ and published_, and is held while the listener runs: an id is in
  // published_ only once the listener has it, so whoever reads after it misses nothing.
  mutable std::mutex publish_mu_;
  std::function<void(const std::vector<Event>&)> listener_;
  std::map<std::string, int64_t> published_;  // the newest event id published per site
  mutable std::mutex mu_;
  std::vector<Site> sites_;  // cache of the stored site model, guarded by mu_
  // Tokens resolved lately, for ResolveToken; a lookup that began before the last
  // ForgetTokens (an older generation) is not kept.
  struct ResolvedToken {
    Principal who;
    UnixMs until = 0;  // the cache's time limit, or the session's end if sooner
  };
  mutable std::mutex tokens_mu_;
  mutable std::unordered_map<std::string, ResolvedToken> tokens_;
  mutable uint64_t tokens_generation_ = 0;  // guarded by tokens_mu_
  // Today's waiting tickets per site, in call order; guarded by mu_. The writer changes them
  // inside its batch, which readers cannot see until it is committed (the writer holds mu_).
  std::map<std::string, WaitingQueue> waiting_;
  std::vector<std::string> touched_;  // tickets written by the request being applied
  // Per site, the day its row was last read as today's (one process on SQLite only), so a
  // request skips the rollover's read until the date changes; forgotten with a lost batch.
  std::map<std::string, std::string> day_seen_;
  // Today's committed state per site, for readers: changed only after a commit, by the
  // writer (mu_ held, then state_mu_ exclusive), read under state_mu_ shared by anyone.
  mutable std::shared_mutex state_mu_;
  std::map<std::string, SiteState> state_;
  // The committed site model for GetSite and SiteIds, replaced with state_; guarded by state_mu_.
  std::vector<Site> committed_sites_;
  struct TicketRow {
    Ticket ticket;
    int64_t seq = 0;
  };
  struct StagedRow {
    std::string site;
    std::optional<TicketRow> ticket;
    std::optional<CounterRow> counter;
    std::string new_day;
  };
  std::vector<StagedRow> staged_request_;  // rows written by the request being applied
  std::vector<StagedRow> staged_batch_;    // rows of the batch's succeeded requests
  std::set<std::string> closed_sites_;    // sites an admin closed; guarded by mu_
  bool sites_changed_ = false;             // the batch changed the site model: rebuild state_
  std::mt19937_64 draw_rng_;  // the draws' order, seeded from 256 bits of the OS; guarded by mu_
  // The newest event applied per site (own or another process's), guarded by mu_.
  std::map<std::string, int64_t> applied_;
  std::unique_ptr<ChangeFeed> feed_;  // used by the follower thread only
  std::atomic<bool> stop_following_{false};
  std::thread follower_;
  std::thread state_follower_;
  std::mutex dirty_mu_;  // guards dirty_sites_
  std::condition_variable dirty_cv_;  // dirty_sites_ gained a site, or the followers stop
  std::set<std::string> dirty_sites_;  // sites with events published but maybe not applied
  // Applies every write in batches (one commit each); declared last so it stops first.
  std::unique_ptr<GroupCommitter> writer_;
};

template <typename R, typename Body>
R StoreCore::Change(const std::string& site_id, Body body) {
  return Change<R>(site_id, std::string(), body);
}

template <typename R, typename Body>
R StoreCore::ApplyChange(const std::string& site_id, Body& body) {
  const Site* site = FindSiteLocked(site_id);
  if (!site) return Failed<R>(MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'"));
  return ApplyWrite<R>(site, body);
}

template <typename R, typename Body>
R StoreCore::ApplyWrite(const Site* site, Body& body) {
  Write w(*this, site);
  if (!w.status().ok()) return Failed<R>(w.status().error);
  R answer = body(w);
  if (!Succeeded(answer)) return answer;
  Status st = w.Commit();
  if (!st.ok()) return Failed<R>(st.error);
  return answer;
}

template <typename R, typename Body>
R StoreCore::Change(const std::string& site_id, const std::string& also_site, Body body) {
  return writer_->Run<R>([&]() -> R { return ApplyChange<R>(site_id, body); }, site_id, also_site);
}

template <typename R, typename Body>
void StoreCore::ChangeAsync(const std::string& site_id, Body body, std::function<void(R)> done) {
  writer_->RunAsync<R>([this, site_id, body]() mutable -> R { return ApplyChange<R>(site_id, body); },
                       std::move(done), site_id);
}

template <typename R, typename Body>
R StoreCore::Change(Body body) {
  return writer_->Run<R>([&]() -> R { return ApplyWrite<R>(nullptr, body); });
}

}  // namespace antre
