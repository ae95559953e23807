// The durable store: every queue state change is one transaction that updates the ticket or
// counter and appends to the event log. Thread-safe (one connection, one mutex, one
// group-commit writer). Store joins the feature interfaces (queue_store.h, booking_store.h,
// print_store.h, admin_store.h, survey_store.h, report_store.h) over one shared core
// (store_core.h) and keeps the lifecycle: opening, start-up, seeding, and state checks.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "admin_store.h"
#include "booking_store.h"
#include "print_store.h"
#include "queue_store.h"
#include "report_store.h"
#include "store_core.h"
#include "survey_store.h"

namespace antre {

class Store final : public QueueStore,
                    public BookingStore,
                    public PrintStore,
                    public AdminStore,
                    public SurveyStore,
                    public ReportStore {
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

  // Called after each commit with the events it appended (for the live stream), and on a
  // shared database with other processes' events from the follower thread, without the
  // store's lock: must be thread-safe. Calls never overlap; each event comes once, and a
  // site's ids only grow.
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
  using StoreCore::GetSite;
  using StoreCore::SiteZone;
  using StoreCore::SiteIds;

 private:
  Store(std::unique_ptr<Db> db, const Clock& clock, std::function<std::string()> make_id);
};

}  // namespace antre
