// The durable store: every queue state change is one SQLite transaction that updates the
// ticket or counter and appends to the event log. Thread-safe (one connection, one mutex).
#pragma once

#include <functional>
#include <atomic>
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


// Parses "next", "recall", "no-show", "finish", "transfer", "call", "pause", "resume".
bool ParseCounterAction(const std::string& text, CounterAction* out);

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

// An admin's change to a service: only the fields that are set change.
struct ServiceEdit {
  std::optional<LocalizedText> name;
  std::optional<bool> is_open;
  std::optional<OpeningHours> hours;  // an unset OpeningHours means always open
  std::optional<int> daily_quota;     // 0 = no quota
  std::optional<int> target_wait_minutes;
};

// A new site as an admin creates it online; the id and the time zone are fixed for good.
struct SiteSpec {
  std::string id;
  std::string name;
  std::string time_zone;  // IANA name, e.g. "Asia/Jakarta"
  std::string address;    // may be empty
  std::optional<GeoPoint> location = std::nullopt;  // unset: not on the map
};

// An admin's change to a site: only the fields that are set change.
struct SiteEdit {
  std::optional<std::string> name;
  std::optional<std::string> address;
  std::optional<bool> is_open;
  std::optional<std::optional<GeoPoint>> location = std::nullopt;  // holding nullopt: off the map
};

// A site as the public list shows it: no staff, no devices, no personal data.
struct SiteListing {
  std::string id;
  std::string name;
  std::string address;
  std::string time_zone;
  bool is_open = true;
  std::vector<Service> services;
  std::optional<GeoPoint> location;
};

// One side of a transfer of blank cards between two sites, as that site's stock moves list it.
struct StockTransfer {
  int64_t id = 0;          // the stock move at this site
  std::string kind;        // "transfer_out" or "transfer_in"
  std::string other_site;  // where the cards went or came from
  int count = 0;           // cards moved, always positive
  std::string reason;
  std::string actor;
  UnixMs at = 0;
};

// What a transfer left: its source side and both sites' counts afterwards.
struct TransferOutcome {
  StockTransfer transfer;
  int from_count = 0;
  int to_count = 0;
  bool replayed = false;  // a retried request: the first transfer, nothing moved again
};

// Result of a counter action: the ticket it concerns, if any.
struct ActionOutcome {
  std::optional<TicketView> ticket;
  bool replayed = false;
};

// The statement a report reads the event log with (site, first day, last day); exposed so a
// test can check that it runs on the events_by_day index.
std::string ReportEventsSql();

class Store {
 public:
  // Opens or creates the database at `path` and runs pending migrations. A database written
  // by a newer version is refused with StorageFailed. `make_id` returns unguessable ids.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const Clock& clock,
                                             std::function<std::string()> make_id);
  // Applies what is queued and stops the writer.
  ~Store();

  // Compares today's in-memory state (the writer's queues, and the committed state readers
  // see) with state rebuilt from the database; InvalidInput names the first difference. For
  // tests: the two must always agree.
  Status CheckState() const;

  // Batches and write requests committed by the group-commit writer so far.
  uint64_t batches_committed() const { return writer_->batches(); }
  uint64_t requests_committed() const { return writer_->requests(); }

  // Called after each commit with the events it appended (for the live stream).
  void SetEventListener(std::function<void(const std::vector<Event>&)> listener);

  // Ends start-up (migrations, seeding, device sync): on a database several processes share,
  // the next process may now start up too. Call once, after those steps.
  Status EndStartup();

  // Fills a new database from the config; does nothing if sites already exist.
  Status SeedIfEmpty(const Config& config);
  // Gives services of an existing database that have no description the config's one (a
  // database seeded before descriptions existed); a description already stored is kept.
  Status AdoptServiceDescriptions(const Config& config);
  // The secret stored under `name`, storing `fresh` as it first if there is none yet (so
  // every process on this database gets the same one). StorageFailed if it cannot be kept.
  Result<std::string> Secret(const std::string& name, const std::string& fresh);
  // Replaces the kiosk devices with the given ones; `token` must already be the token's hash.
  Status SyncDevices(const std::vector<DeviceConfig>& hashed_devices);

  // Site model (services, counters) as stored. NotFound for an unknown site.
  Result<Site> GetSite(const std::string& site) const;
  std::vector<std::string> SiteIds() const;

  // --- auth
  Result<UserRecord> FindUser(const std::string& username) const;
  Status CreateSession(const std::string& token_hash, const UserRecord& user, UnixMs expires_at);
  // Resolves a token hash to a live session or device; Unauthorized if unknown/expired/revoked.
  // Answers from memory for up to kTokenCacheMs (no lock the writer holds): a revocation,
  // user change or device change made by this process applies at once, one made by another
  // process on a shared database within that time.
  Result<Principal> ResolveToken(const std::string& token_hash) const;
  static constexpr UnixMs kTokenCacheMs = 2000;
  Status RevokeSession(const std::string& token_hash);

  // --- counter binding (admin_ops.cpp): a counter is open to one officer at a time.
  // Binds the counter to `officer`; Conflict if it is open to another, NotFound if unknown.
  Status OpenCounter(const std::string& site, const std::string& counter, const std::string& officer);
  // Frees the counter. Without `force` only its own officer may (NotYourCounter otherwise; a
  // free counter stays free); with it (a supervisor's release) it is freed and audited.
  Status CloseCounter(const std::string& site, const std::string& counter, const std::string& actor, bool force);
  // Frees every counter open to `officer` (at logout).
  Status ReleaseCountersOf(const std::string& officer);
  // The officer the counter is open to, or "" if free. NotFound for an unknown counter.
  Result<std::string> CounterHolder(const std::string& site, const std::string& counter) const;

  // --- queue
  // Issues a ticket; the same idempotency key returns the first ticket (replayed = true).
  // NotFound for unknown site/service, ServiceClosed for a closed service.
  Result<IssueOutcome> IssueTicket(const std::string& site, const std::string& service, Priority priority,
                                   const IdempotencyKey& idem);
  // Runs a counter action. `arg` is the target service (transfer) or number (call).
  // Next returns no ticket when none waits; Conflict when the state forbids the action.
  Result<ActionOutcome> ActOnCounter(const std::string& site, const std::string& counter, CounterAction action,
                                     const std::string& arg, const std::string& actor, const IdempotencyKey& idem,
                                     const std::string& outcome = "");
  // Expires tickets left waiting from an earlier local day (once per site per day).
  Status RollOverIfNewDay();

  // --- supervisor actions (admin_ops.cpp)
  // Moves a waiting ticket to another service, keeping number and issue time.
  // NotFound for unknown ticket/service, Conflict if the ticket is not waiting.
  Result<TicketView> MoveTicket(const std::string& site, const std::string& id, const std::string& service,
                                const std::string& actor);
  // Cancels a waiting or called ticket with a reason kept in the audit log (not in events).
  Result<TicketView> CancelTicket(const std::string& site, const std::string& id, const std::string& reason,
                                  const std::string& actor);
  // Returns today's no-show ticket (by id, or by today's number) to the queue at its old place (number and order kept),
  // audited, with a ticket.returned event. NotFound for an unknown ticket, Conflict unless
  // it is a no-show of today.
  Result<TicketView> RequeueTicket(const std::string& site, const std::string& id, const std::string& actor);
  // Records a device's check-in with its state (a kiosk's printer, a display's audio); emits
  // device.status when the state changes or the device was silent. NotFound if unknown.
  Status ReportDeviceStatus(const std::string& device, const std::string& state, const std::string& message);
  Result<std::vector<DeviceStatus>> Devices(const std::string& site) const;
  // Waiting tickets and per-service figures for staff.
  Result<QueueSnapshot> Queue(const std::string& site) const;

  // --- admin (admin_ops.cpp); each change is audited and applies at once
  Result<std::vector<UserRecord>> ListUsers() const;
  // Conflict if the username exists.
  Status CreateUser(const UserRecord& user, const std::string& actor);
  // Changes what is given; disabling or a new password revokes the user's sessions.
  Status UpdateUser(const std::string& username, const std::optional<Role>& role, const std::optional<bool>& disabled,
                    const std::optional<std::string>& password_hash, const std::string& actor,
                    const std::optional<std::vector<std::string>>& sites = std::nullopt);
  // Renames a counter, changes the services it calls, or closes/reopens it; emits
  // site.changed. A closed counter calls nothing and leaves boards and consoles (its history
  // stays); closing frees its officer. Conflict while it still serves a ticket.
  Result<Counter> UpdateCounter(const std::string& site, const std::string& id, const std::optional<std::string>& name,
                                const std::optional<std::vector<std::string>>& services, const std::string& actor,
                                const std::optional<bool>& is_open = std::nullopt);
  // Changes what `edit` sets of a service (name, open switch, hours, daily quota, target wait
  // 1-480 minutes); emits site.changed. InvalidInput for a bad value; NotFound for an unknown
  // service.
  Result<Service> UpdateService(const std::string& site, const std::string& id, const ServiceEdit& edit,
                                const std::string& actor);
  // --- sites, services and counters created online (site_admin_ops.cpp); each is audited
  // and emits site.changed on its site. InvalidInput names the field at fault.
  // Creates an empty site (no services, counters or booking yet). Conflict if the id exists.
  Result<SiteListing> CreateSite(const SiteSpec& spec, const std::string& actor);
  // Renames a site, changes its address, or closes/reopens it (a closed site issues no
  // tickets; its history stays). NotFound for an unknown site.
  Result<SiteListing> UpdateSite(const std::string& site, const SiteEdit& edit, const std::string& actor);
  // Every site, open or closed, ordered by id.
  Result<std::vector<SiteListing>> ListSites() const;
  // Adds a service (open, always open hours, no quota); its prefix is fixed for good. Conflict
  // if the id or the prefix is taken at the site.
  Result<Service> CreateService(const std::string& site, const Service& service, const std::string& actor);
  // Adds a counter serving `counter.services` (each a service of the site, else
  // InvalidInput). Conflict if the id is taken at the site.
  Result<Counter> CreateCounter(const std::string& site, const Counter& counter, const std::string& actor);
  // Changes a site's booking rules: the keys of `json` (the config's "booking" section) are put
  // over the current rules, omitted keys keep their value; the result is checked first and
  // existing bookings keep their slots. InvalidInput names the problem.
  Status UpdateBookingConfig(const std::string& site, const std::string& json, const std::string& actor);
  // The audit view, newest first: audit-log rows (logins, staff changes, stock, cancels,
  // views of personal data) merged with counter actions from the event log.
  Result<std::vector<AuditEntry>> AuditLog(const AuditQuery& query) const;
  // Appends to the audit log outside any other change (e.g. a login).
  Status Audit(const std::string& actor, const std::string& action, const std::string& target,
               const std::string& detail);

  // --- bookings (booking_ops.cpp)
  // Slots of a service from..to (local dates, at most 31 days) with places left.
  Result<std::vector<SlotAvailability>> Slots(const std::string& site, const std::string& service,
                                              const LocalDate& from, const LocalDate& to) const;
  // Books a place. SlotFull, AlreadyBooked (same NIK and service), LimitReached (per phone or
  // address per day), NotFound (no such slot), Conflict (not bookable now), InvalidInput.
  // The capacity check and insert are one transaction, so a slot is never overbooked.
  // NotReleased before the day's release time. During the day's draw window the request is
  // entered in the draw instead: *drawn gets it and the answer is an empty Booking (without
  // `drawn`, NotReleased until the draw is made).
  Result<Booking> CreateBooking(const std::string& site, const Booking& request, const std::string& client,
                                BookingRequest* drawn = nullptr);
  // The booking with this code if `nik` matches; NotFound otherwise (same answer for both).
  Result<Booking> FindBooking(const std::string& code, const std::string& nik) const;
  // Cancels an active booking (code + NIK); Conflict if it is no longer booked.
  Result<Booking> CancelBooking(const std::string& code, const std::string& nik);
  // Moves an active booking to another slot of its service, with the same checks as booking.
  Result<Booking> RescheduleBooking(const std::string& code, const std::string& nik, UnixMs slot_start);
  // Checks a booking in at a kiosk of its site: a ticket ordered by the slot start.
  // TooEarly/TooLate outside the window, Conflict if not booked, NotFound for another site.
  // On a refusal of a booking that exists, *refused (if given) gets its service and status,
  // so the kiosk can offer a walk-in ticket for that service or say why it cannot be used.
  Result<IssueOutcome> CheckIn(const std::string& site, const std::string& code, Booking* refused = nullptr);
  // The active bookings (booked or checked in) of `site` whose NIK and phone both match, for
  // a resident who lost the code. With a gateway configured, each is queued as a
  // booking.recovered message to the booking's phone and *sent is true; otherwise they are
  // only returned. NotFound when none match (the same answer for a wrong NIK or phone).
  Result<std::vector<Booking>> RecoverBookings(const std::string& site, const std::string& nik,
                                               const std::string& phone, bool* sent);
  // Marks bookings not checked in by slot end + grace as no-shows (one event each).
  Status ExpireBookings();

  // --- release draws (draw_ops.cpp)
  // Makes every draw whose window has closed and that is not made yet: its requests in a
  // uniformly random order, each booked or refused as a direct request would be then. One
  // write per site that marks the draw made, so each draw is made exactly once.
  Status RunDueDraws();
  // A draw request by id if `nik` matches (NotFound otherwise, the same for both); a due
  // draw is made first, so a request past its draw time is never pending.
  Result<BookingRequest> FindBookingRequest(const std::string& id, const std::string& nik);
  // Seeds the draws' random order (tests only: the order then repeats run after run).
  void SetDrawSeed(uint64_t seed);
  // Web bookings made on local days from..to per client address and per phone prefix (the
  // first six digits of the 0-form, "081299"), the `top` largest of each. NotFound for an
  // unknown site, InvalidInput for a bad range.
  Result<BookingSources> BookingSourcesBetween(const std::string& site, const LocalDate& from, const LocalDate& to,
                                               int top) const;

  // --- printing, blank-card stock, backlog and delivery (print_ops.cpp)
  // Blank cards on hand.
  Result<int> StockCount(const std::string& site) const;
  // Records cards received (delta > 0) or an adjustment with a reason; InvalidInput if the
  // count would go below zero. Emits stock.changed when the public level changes.
  Result<int> MoveStock(const std::string& site, int delta, const std::string& kind, const std::string& reason,
                        const std::string& actor);
  // Moves `count` (1-100000) blank cards from site `from` to site `to` in one write: a
  // transfer_out move at `from` and a transfer_in move at `to`, each naming the other site,
  // audited, with stock.changed on both. Conflict if `from` has fewer cards (nothing moves),
  // NotFound for an unknown site, InvalidInput for a bad count or the same site twice. With
  // a key seen before, answers that first transfer and moves nothing (stock_transfer_ops.cpp).
  Result<TransferOutcome> TransferStock(const std::string& from, const std::string& to, int count,
                                        const std::string& reason, const std::string& actor,
                                        const IdempotencyKey& idem);
  // The site's transfers in and out, newest first, at most `limit`.
  Result<std::vector<StockTransfer>> StockTransfers(const std::string& site, int limit) const;
  // The print backlog, oldest first.
  Result<std::vector<BacklogItem>> Backlog(const std::string& site) const;
  // Prints the oldest backlog card (one blank used); Conflict when the backlog or stock is empty.
  // With a key seen before, answers the card that key printed, printing nothing.
  Result<BacklogItem> PrintFromBacklog(const std::string& site, const std::string& actor, const IdempotencyKey& idem);
  // Deliveries with `status` ("" = all open), grouped order: kecamatan, kelurahan, id.
  Result<std::vector<DeliveryItem>> Deliveries(const std::string& site, const std::string& status) const;
  // Courier actions: out, delivered (receiver), failed (reason), retry, pickup.
  Result<DeliveryItem> UpdateDelivery(const std::string& site, int64_t id, const std::string& action,
                                      const std::string& text, const std::string& actor);
  // The booking behind a ticket, for the officer serving it. Audited when `full` is true.
  Result<Booking> BookingOfTicket(const std::string& site, const std::string& ticket_id, bool full,
                                  const std::string& actor);
  // Where a booking stands after check-in: ticket, print outcome, backlog place, delivery.
  Result<BookingProgress> ProgressOf(const Booking& booking) const;

  // --- notifications and retention (notify_ops.cpp)
  // Queues day-before reminders and "3 places before your turn" messages that are due; each
  // booking gets each kind at most once. Does nothing for sites without a webhook.
  Status EnqueueDueNotifications();
  // Pending notifications whose retry time has come, oldest first.
  Result<std::vector<Notification>> DueNotifications(int limit) const;
  // Records a delivery attempt: sent, or a retry later with backoff (failed after 8 tries).
  Status MarkNotification(int64_t id, bool delivered, const std::string& error);
  // The latest notifications of a site (the delivery log), newest first.
  Result<std::vector<Notification>> RecentNotifications(const std::string& site, int limit) const;
  // Erases name, NIK, phone and address of bookings closed longer than the retention period;
  // statistics (service, slot, status) stay. Returns how many bookings were erased.
  Result<int> ErasePersonalData();

  // --- announcements (announce_ops.cpp)
  // Schedules a message for displays and kiosks; published at once if it has started.
  // InvalidInput for empty text or an end not after the start.
  Result<Announcement> CreateAnnouncement(const std::string& site, const LocalizedText& text, UnixMs starts_at,
                                          UnixMs ends_at, const std::string& actor);
  // Takes a message down now (announcement.removed); NotFound if unknown or already gone.
  Status RemoveAnnouncement(const std::string& site, int64_t id, const std::string& actor);
  // Messages not yet ended or removed (live and scheduled), by start.
  Result<std::vector<Announcement>> Announcements(const std::string& site) const;
  // Publishes messages whose start has come and removes those whose end has passed.
  Status PublishDueAnnouncements();

  // --- public satisfaction survey, SKM (survey_ops.cpp)
  // Stores one resident's answers for a served ticket, with a survey.answered event (no
  // ticket, no answers in it). InvalidInput for bad answers, NotFound for an unknown ticket,
  // Conflict unless the ticket is done, AlreadyAnswered for a second response.
  Status SubmitSurvey(const std::string& ticket_id, const SurveyAnswers& answers);
  // Where a ticket's survey stands: "not_served", "open" or "answered". NotFound if unknown.
  Result<std::string> SurveyState(const std::string& ticket_id) const;
  // Answer totals per service of the site's responses for tickets served from..to (local
  // dates, inclusive), in the site's service order; `service` "" means all. NotFound for an
  // unknown site or service.
  Result<std::vector<SurveyTotals>> SurveyTotalsBetween(const std::string& site, const LocalDate& from,
                                                        const LocalDate& to, const std::string& service) const;
  // The responses themselves, by day and service, without ticket, time or comment.
  Result<std::vector<SurveyResponse>> SurveyResponsesBetween(const std::string& site, const LocalDate& from,
                                                             const LocalDate& to, const std::string& service) const;
  // The same for a kiosk at the site, by today's ticket number ("A007"); NotFound if no
  // ticket has that number today.
  Status SubmitSurveyForNumber(const std::string& site, const std::string& number, const SurveyAnswers& answers);
  Result<std::string> SurveyStateForNumber(const std::string& site, const std::string& number) const;
  // The newest comments (day, service, text) of the period, at most `limit`.
  Result<std::vector<SurveyComment>> SurveyCommentsBetween(const std::string& site, const LocalDate& from,
                                                           const LocalDate& to, const std::string& service,
                                                           int limit) const;

  // --- reads
  Result<TicketView> GetTicket(const std::string& id) const;
  Result<std::vector<ServiceStatus>> ServiceStatuses(const std::string& site) const;
  Result<std::vector<CounterStatus>> CounterStatuses(const std::string& site, bool with_closed = false) const;
  Result<BoardSnapshot> Board(const std::string& site) const;
  // Events of the site's current local day with id > after_id, oldest first, at most `limit`.
  Result<std::vector<Event>> EventsAfter(const std::string& site, int64_t after_id, int limit) const;
  Result<int64_t> LastEventId(const std::string& site) const;

  // --- reports (report_ops.cpp)
  // Folds the site's event log over local days from..to (inclusive) into a report, and adds
  // the print backlog at the end of the range and the courier moves within it. Reads on a
  // connection of its own, so a long report never holds up the queue. NotFound for an
  // unknown site, InvalidInput for a bad range.
  Result<Report> BuildReport(const std::string& site, const LocalDate& from, const LocalDate& to,
                             ReportGroup group) const;

 private:
  friend class Write;
  Store(std::unique_ptr<Db> db, const Clock& clock, std::function<std::string()> make_id);

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
  // --- following other processes on a shared database (store_follow.cpp), mu_ held
  // Reads the site's events committed (by any process) after the last one applied, brings
  // the queue and state_ in line with their rows, and publishes them.
  Status CatchUpLocked(const std::string& site);
  // The newest event id of every site, where following starts.
  Status InitFollowingLocked();
  // The follower thread: waits on the change feed (and sweeps every site each second in case
  // an announcement was lost) and catches up with what other processes committed.
  void Follow();
  WaitingQueue& QueueOfLocked(const Site& site);
  int EstimateFor(const Site& site, const std::string& service, int people_ahead) const;
  void Publish(const std::vector<Event>& events);
  // Survey helpers (survey_ops.cpp), mu_ held.
  Status SubmitSurveyLocked(Write& w, const std::string& ticket_id, const SurveyAnswers& answers);
  Result<std::string> SurveyStateLocked(const std::string& ticket_id) const;
  Result<std::string> TodaysTicketIdLocked(const std::string& site, const std::string& number) const;
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
  // Books `request` (checked fields, normalized phone) inside a write: every booking rule
  // from the slot to the daily limits. During the day's draw window it enters the draw
  // instead when `drawn` is given (booking_ops.cpp).
  Result<Booking> BookLocked(Write& w, const Booking& request, const std::string& client, BookingRequest* drawn);
  // Draw helpers (draw_ops.cpp), inside a write.
  Status EnterDrawLocked(Write& w, const Booking& request, const std::string& client, UnixMs draw_at,
                         BookingRequest* drawn);
  Status MakeDrawLocked(Write& w, const std::string& day);
  Status EnqueueLocked(const Site& site, const std::string& kind, const Booking& booking,
                       const std::string& ticket_number);
  Status CreateDeliveryLocked(const std::string& site, const std::string& booking_code);
  Status SiteChangedLocked(const Site& site, const std::string& what, const std::string& id,
                           const std::string& actor, std::vector<Event>* events);

  std::unique_ptr<Db> db_;
  mutable std::mutex report_mu_;            // guards report_db_
  mutable std::unique_ptr<Db> report_db_;   // opened by the first report
  const Clock& clock_;
  std::function<std::string()> make_id_;
  std::function<void(const std::vector<Event>&)> listener_;
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
  std::unique_ptr<ChangeFeed> feed_;
  std::atomic<bool> stop_following_{false};
  std::thread follower_;
  // Applies every write in batches (one commit each); declared last so it stops first.
  std::unique_ptr<GroupCommitter> writer_;
};

template <typename R, typename Body>
R Store::Change(const std::string& site_id, Body body) {
  return Change<R>(site_id, std::string(), body);
}

template <typename R, typename Body>
R Store::Change(const std::string& site_id, const std::string& also_site, Body body) {
  return writer_->Run<R>([&]() -> R {
    const Site* site = FindSiteLocked(site_id);
    if (!site) return Failed<R>(MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'"));
    Write w(*this, site);
    if (!w.status().ok()) return Failed<R>(w.status().error);
    R answer = body(w);
    if (!Succeeded(answer)) return answer;
    Status st = w.Commit();
    if (!st.ok()) return Failed<R>(st.error);
    return answer;
  }, site_id, also_site);
}

template <typename R, typename Body>
R Store::Change(Body body) {
  return writer_->Run<R>([&]() -> R {
    Write w(*this, nullptr);
    if (!w.status().ok()) return Failed<R>(w.status().error);
    R answer = body(w);
    if (!Succeeded(answer)) return answer;
    Status st = w.Commit();
    if (!st.ok()) return Failed<R>(st.error);
    return answer;
  });
}

}  // namespace antre
