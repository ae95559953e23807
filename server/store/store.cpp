#include "store.h"

#include <algorithm>
#include <cstdio>

#include "maintenance.h"

#include "codec/domain_json.h"
#include "codec/hours_json.h"
#include "pg_db.h"
#include "sqlite_db.h"
#include "store_rows.h"

#include <sstream>

namespace antre {
namespace {

// Each entry migrates the schema from version i to i+1. Never edit a released entry; append.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE sites(id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL,
  priority_cap INTEGER NOT NULL, current_day TEXT NOT NULL DEFAULT '');
CREATE TABLE services(site TEXT NOT NULL REFERENCES sites(id), id TEXT NOT NULL, prefix TEXT NOT NULL,
  name_id TEXT NOT NULL, name_en TEXT NOT NULL, is_open INTEGER NOT NULL, default_minutes INTEGER NOT NULL,
  ord INTEGER NOT NULL, PRIMARY KEY(site, id));
CREATE TABLE counters(site TEXT NOT NULL REFERENCES sites(id), id TEXT NOT NULL, name TEXT NOT NULL,
  services TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'idle', current_ticket TEXT,
  priority_streak INTEGER NOT NULL DEFAULT 0, officer TEXT NOT NULL DEFAULT '', ord INTEGER NOT NULL,
  PRIMARY KEY(site, id));
CREATE TABLE users(username TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0);
CREATE TABLE devices(id TEXT PRIMARY KEY, site TEXT NOT NULL REFERENCES sites(id), token_hash TEXT NOT NULL UNIQUE);
CREATE TABLE sessions(token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, role TEXT NOT NULL,
  expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE day_numbers(site TEXT NOT NULL, prefix TEXT NOT NULL, day TEXT NOT NULL, last_seq INTEGER NOT NULL,
  PRIMARY KEY(site, prefix, day));
CREATE TABLE tickets(seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, site TEXT NOT NULL, day TEXT NOT NULL,
  number TEXT NOT NULL, service TEXT NOT NULL, priority TEXT NOT NULL, status TEXT NOT NULL,
  issued_at INTEGER NOT NULL, order_at INTEGER NOT NULL, counter TEXT, called_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0, recalls INTEGER NOT NULL DEFAULT 0, UNIQUE(site, day, number));
CREATE INDEX tickets_by_status ON tickets(site, status, service);
CREATE INDEX tickets_done ON tickets(site, service, status, finished_at);
CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, day TEXT NOT NULL,
  type TEXT NOT NULL, ticket TEXT, counter TEXT, actor TEXT NOT NULL DEFAULT '', at INTEGER NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX events_by_site ON events(site, id);
CREATE TABLE idempotency(scope TEXT NOT NULL, key TEXT NOT NULL, ticket TEXT, created_at INTEGER NOT NULL,
  PRIMARY KEY(scope, key));
)sql",
    R"sql(
CREATE TABLE audit(id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_by_time ON audit(at);
ALTER TABLE devices ADD COLUMN printer TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE devices ADD COLUMN message TEXT NOT NULL DEFAULT '';
ALTER TABLE devices ADD COLUMN last_seen INTEGER NOT NULL DEFAULT 0;
)sql",
    R"sql(
ALTER TABLE sites ADD COLUMN booking TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN booking TEXT NOT NULL DEFAULT '';
CREATE TABLE bookings(code TEXT PRIMARY KEY, site TEXT NOT NULL, service TEXT NOT NULL,
  slot_start INTEGER NOT NULL, slot_end INTEGER NOT NULL, status TEXT NOT NULL,
  nik TEXT NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL, delivery TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, created_day TEXT NOT NULL,
  ticket TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL);
CREATE INDEX bookings_by_slot ON bookings(site, service, slot_start, status);
CREATE INDEX bookings_by_nik ON bookings(nik, service, status);
CREATE INDEX bookings_by_phone ON bookings(phone, created_day);
CREATE INDEX bookings_by_client ON bookings(client, created_day);
CREATE INDEX bookings_by_status ON bookings(status, slot_end);
)sql",
    R"sql(
ALTER TABLE tickets ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
CREATE TABLE stock_moves(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, at INTEGER NOT NULL,
  delta INTEGER NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', actor TEXT NOT NULL);
CREATE TABLE print_backlog(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, ticket TEXT NOT NULL,
  number TEXT NOT NULL, booking TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'waiting', printed_at INTEGER NOT NULL DEFAULT 0);
CREATE INDEX backlog_waiting ON print_backlog(site, status, id);
CREATE TABLE deliveries(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, booking TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending', receiver TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE INDEX deliveries_by_status ON deliveries(site, status);
)sql",
    R"sql(
CREATE TABLE notifications(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, kind TEXT NOT NULL,
  booking TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0, next_at INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL, sent_at INTEGER NOT NULL DEFAULT 0, UNIQUE(kind, booking));
CREATE INDEX notifications_due ON notifications(status, next_at);
ALTER TABLE bookings ADD COLUMN erased INTEGER NOT NULL DEFAULT 0;
)sql",
    R"sql(
CREATE TABLE announcements(id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, text_id TEXT NOT NULL,
  text_en TEXT NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, created_by TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'scheduled');
CREATE INDEX announcements_by_site ON announcements(site, state);
)sql",
    R"sql(
CREATE TABLE surveys(ticket TEXT PRIMARY KEY, site TEXT NOT NULL, service TEXT NOT NULL, day TEXT NOT NULL,
  at INTEGER NOT NULL, u1 INTEGER NOT NULL, u2 INTEGER NOT NULL, u3 INTEGER NOT NULL, u4 INTEGER NOT NULL,
  u5 INTEGER NOT NULL, u6 INTEGER NOT NULL, u7 INTEGER NOT NULL, u8 INTEGER NOT NULL, u9 INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT 'web');
CREATE INDEX surveys_by_day ON surveys(site, day, service);
CREATE INDEX events_by_day ON events(site, day, type);
CREATE INDEX audit_by_actor ON audit(actor, at);
ALTER TABLE services ADD COLUMN hours TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN daily_quota INTEGER NOT NULL DEFAULT 0;
ALTER TABLE services ADD COLUMN target_wait_minutes INTEGER NOT NULL DEFAULT 30;
ALTER TABLE devices ADD COLUMN kind TEXT NOT NULL DEFAULT 'kiosk';
)sql",
    R"sql(
ALTER TABLE services ADD COLUMN description_id TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
)sql",
    // Staff per site ('' = every site, as accounts had before), a counter bound to the
    // officer working it, and where a booking came from (web, or an operator at a kelurahan).
    R"sql(
ALTER TABLE users ADD COLUMN sites TEXT NOT NULL DEFAULT '';
ALTER TABLE counters ADD COLUMN bound_to TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
ALTER TABLE bookings ADD COLUMN operator TEXT NOT NULL DEFAULT '';
)sql",
    // Release draws: a day's draw, made once, and the requests entered in it. An entry keeps
    // the request's personal data until it is erased like a booking's.
    R"sql(
CREATE TABLE draws(site TEXT NOT NULL, day TEXT NOT NULL, draw_at INTEGER NOT NULL,
  done_at INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(site, day));
CREATE INDEX draws_due ON draws(done_at, draw_at);
CREATE TABLE draw_entries(id INTEGER PRIMARY KEY AUTOINCREMENT, request TEXT NOT NULL UNIQUE, site TEXT NOT NULL,
  day TEXT NOT NULL, service TEXT NOT NULL, slot_start INTEGER NOT NULL, nik TEXT NOT NULL, name TEXT NOT NULL,
  phone TEXT NOT NULL, delivery TEXT NOT NULL DEFAULT '', client TEXT NOT NULL DEFAULT '',
  channel TEXT NOT NULL DEFAULT 'web', operator TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', booking TEXT NOT NULL DEFAULT '', reason_code TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL, erased INTEGER NOT NULL DEFAULT 0);
CREATE INDEX draw_entries_by_day ON draw_entries(site, day, status);
CREATE INDEX bookings_by_day ON bookings(site, created_day);
)sql",
    // Keys the server makes once and keeps, e.g. the one that signs booking challenges, so
    // a restart (or another server process on the same database) accepts what it signed.
    R"sql(
CREATE TABLE secrets(name TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql",
    // Sites created online: an address residents can find, and a switch to close a site
    // without deleting the history that refers to it.
    R"sql(
ALTER TABLE sites ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sites ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
)sql",
    // Where a site is on the map ("lat,lon", or '' when not given), so the booking page can
    // list the nearest office first. Text, as both engines store it alike.
    R"sql(
ALTER TABLE sites ADD COLUMN coords TEXT NOT NULL DEFAULT '';
)sql",
    // Counters closed and reopened online (a closed one keeps its history), and blank cards
    // moved between sites: a transfer's two stock moves name the other site.
    R"sql(
ALTER TABLE counters ADD COLUMN is_open INTEGER NOT NULL DEFAULT 1;
ALTER TABLE stock_moves ADD COLUMN peer TEXT NOT NULL DEFAULT '';
)sql",
    // Partial status indexes. The full ones put every new ticket among its service's rows in
    // two more B-trees: a batch of tickets for several services rewrote a page per service in
    // each. Now a new ticket enters only the waiting index, at its site's end, and a ticket
    // joins the finished index when it is done (for the service times).
    R"sql(
DROP INDEX tickets_by_status;
DROP INDEX tickets_done;
CREATE INDEX tickets_waiting ON tickets(site) WHERE status='waiting';
CREATE INDEX tickets_called ON tickets(site) WHERE status='called';
CREATE INDEX tickets_done ON tickets(site, service, finished_at) WHERE status='done';
)sql",
};
constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

}  // namespace

bool ParseCounterAction(const std::string& text, CounterAction* out) {
  struct Name {
    const char* text;
    CounterAction action;
  };
  static const Name kNames[] = {{"next", CounterAction::kNext},         {"recall", CounterAction::kRecall},
                                {"no-show", CounterAction::kNoShow},    {"finish", CounterAction::kFinish},
                                {"transfer", CounterAction::kTransfer}, {"call", CounterAction::kCall},
                                {"pause", CounterAction::kPause},       {"resume", CounterAction::kResume},
                                {"undo", CounterAction::kUndo}};
  for (const auto& n : kNames) {
    if (text == n.text) {
      *out = n.action;
      return true;
    }
  }
  return false;
}

StoreCore::StoreCore(std::unique_ptr<Db> db, const Clock& clock, std::function<std::string()> make_id)
    : db_(std::move(db)), clock_(&clock), make_id_(std::move(make_id)) {}

Store::Store(std::unique_ptr<Db> db, const Clock& clock, std::function<std::string()> make_id)
    : StoreCore(std::move(db), clock, std::move(make_id)) {
  std::random_device os;
  std::seed_seq seed{os(), os(), os(), os(), os(), os(), os(), os()};
  draw_rng_.seed(seed);
  GroupCommitter::Hooks hooks;
  hooks.after_commit = [this](const std::vector<Event>& events) { ApplyCommittedLocked(events); };
  hooks.publish = [this](const std::vector<Event>& events) { PublishToListener(events); };
  // A lost batch may have changed the cached site model (an admin edit): read it again.
  hooks.after_rollback = [this] {
    std::vector<Site> fresh;
    if (ReadSites(&fresh).ok()) sites_ = std::move(fresh);
    std::set<std::string> closed;
    if (ReadClosedSites(&closed).ok()) closed_sites_ = std::move(closed);
    std::map<std::string, WaitingQueue> queues;
    if (ReadWaitingQueues(&queues).ok()) waiting_ = std::move(queues);
    touched_.clear();
    day_seen_.clear();  // a rollover in the lost batch may have been read as done
    // What readers see is the committed state, which the lost batch never reached.
    staged_request_.clear();
    staged_batch_.clear();
    sites_changed_ = false;
  };
  // A failed request rolled its own changes back: read its tickets again.
  hooks.after_request = [this](const Error& error) {
    std::vector<std::string> touched;
    touched.swap(touched_);
    bool succeeded = error.code == ErrorCode::kNone;
    if (!succeeded) {
      for (const auto& id : touched) TrackTicketLocked(id);
      touched_.clear();
    }
    EndRequestLocked(succeeded);
    // Without a running writer each request commits by itself: apply it at once.
    if (!db_->in_batch()) ApplyCommittedLocked({});
  };
  // On a database other processes write too: lock the batch's sites (in order, so two
  // processes never wait on each other) and catch up with their commits before any request
  // reads the queue; announce the batch's sites to them as it commits.
  hooks.before_batch = [this](const std::vector<std::string>& sites) {
    if (!db_->shared()) return Status::Ok();
    for (const std::string& site : sites) {
      Status st = db_->LockSite(site);
      if (st.ok()) st = CatchUpLocked(site);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  };
  hooks.before_commit = [this](const std::vector<Event>& events) {
    if (!db_->shared()) return Status::Ok();
    std::vector<std::string> sites;
    for (const Event& e : events) {
      if (std::find(sites.begin(), sites.end(), e.site) == sites.end()) sites.push_back(e.site);
    }
    for (const std::string& site : sites) {
      Status st = db_->AnnounceChange(site);
      if (!st.ok()) return st;
    }
    return Status::Ok();
  };
  writer_ = std::make_unique<GroupCommitter>(*db_, mu_, std::move(hooks));
}

Store::~Store() {
  {
    std::lock_guard<std::mutex> lock(dirty_mu_);
    stop_following_ = true;
  }
  dirty_cv_.notify_all();
  if (follower_.joinable()) follower_.join();
  if (state_follower_.joinable()) state_follower_.join();
  writer_->Stop();
}

Status Store::EndStartup() {
  std::lock_guard<std::mutex> lock(mu_);
  return db_->UnlockStartup();
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const Clock& clock,
                                           std::function<std::string()> make_id) {
  std::unique_ptr<Db> db;
  if (IsPostgresUri(path)) {
    auto pg = PgDb::Open(path);
    if (!pg.ok()) return pg.error();
    db.reset(pg.value());
  } else {
    auto lite = SqliteDb::Open(path);
    if (!lite.ok()) return lite.error();
    db.reset(lite.value());
  }
  std::unique_ptr<Store> store(new Store(std::move(db), clock, std::move(make_id)));
  // Held until EndStartup (or the connection closes): one process migrates and seeds at a time.
  Status st = store->db_->LockStartup();
  if (!st.ok()) return st.error;
  st = store->Migrate();
  if (!st.ok()) return st.error;
  st = store->LoadSites();
  if (!st.ok()) return st.error;
  {
    std::lock_guard<std::mutex> lock(store->mu_);
    st = store->ReadWaitingQueues(&store->waiting_);
  }
  if (!st.ok()) return st.error;
  {
    std::lock_guard<std::mutex> lock(store->mu_);
    st = store->InitFollowingLocked();
  }
  if (!st.ok()) return st.error;
  store->writer_->Start();
  if (auto* pg = dynamic_cast<PgDb*>(store->db_.get())) {
    auto feed = pg->OpenChangeFeed();
    if (!feed.ok()) return feed.error();
    store->feed_ = std::move(feed.value());
    store->follower_ = std::thread([s = store.get()] { s->Follow(); });
    store->state_follower_ = std::thread([s = store.get()] { s->FollowState(); });
  }
  return store;
}

Status StoreCore::Migrate() {
  auto current = db_->SchemaVersion();
  if (!current.ok()) return {current.error()};
  int version = current.value();
  if (version > kSchemaVersion) {
    return {MakeError(ErrorCode::kStorageFailed, "database schema version " + std::to_string(version) +
                                                     " is newer than this antre-server understands (" +
                                                     std::to_string(kSchemaVersion) + "); upgrade antre-server")};
  }
  if (version > 0 && version < kSchemaVersion) {
    // An upgrade: keep a copy of the database as it was, so a failed upgrade loses nothing.
    // (PostgreSQL keeps its own backups: each step below is one transaction there too.)
    std::string copy = db_->file().empty() ? "" : db_->file() + ".pre-v" + std::to_string(kSchemaVersion) + ".bak";
    if (!copy.empty()) {
      Status st = BackupDatabase(db_->file(), copy);
      if (!st.ok()) return st;
    }
    std::fprintf(stderr, "antre-server: upgrading database schema %d -> %d%s%s%s\n", version, kSchemaVersion,
                 copy.empty() ? "" : " (backup: ", copy.c_str(), copy.empty() ? "" : ")");
  }
  for (int v = version; v < kSchemaVersion; ++v) {
    Transaction tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status st = db_->ExecSchema(kMigrations[v]);
    if (!st.ok()) return st;
    st = db_->SetSchemaVersion(v + 1);
    if (!st.ok()) return st;
    st = tx.Commit();
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Status StoreCore::LoadSites() {
  std::vector<Site> sites;
  Status st = ReadSites(&sites);
  if (!st.ok()) return st;
  std::lock_guard<std::mutex> lock(mu_);
  sites_ = std::move(sites);
  st = ReadClosedSites(&closed_sites_);
  if (!st.ok()) return st;
  return RebuildState();
}

Status StoreCore::ReadClosedSites(std::set<std::string>* out) const {
  out->clear();
  Stmt q(*db_, "SELECT id FROM sites WHERE is_open=0");
  while (q.Step()) out->insert(q.Text(0));
  if (!q.done()) return {q.Fail("cannot read closed sites")};
  return Status::Ok();
}

Status StoreCore::ReloadSitesLocked() {
  std::vector<Site> fresh;
  Status st = ReadSites(&fresh);
  if (st.ok()) st = ReadClosedSites(&closed_sites_);
  if (!st.ok()) return st;
  sites_ = std::move(fresh);
  sites_changed_ = true;
  day_seen_.clear();  // a site removed and added again starts with no day
  return Status::Ok();
}

const Site* StoreCore::FindSiteLocked(const std::string& id) const {
  for (const auto& s : sites_) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

Status StoreCore::ReadSites(std::vector<Site>* out) const {
  std::vector<Site>& sites = *out;
  Db& h = *db_;
  Stmt qs(h, "SELECT id, name, time_zone, priority_cap, booking, address, coords FROM sites ORDER BY id");
  std::vector<std::string> booking_json;
  while (qs.Step()) {
    Site s;
    s.id = qs.Text(0);
    s.name = qs.Text(1);
    auto tz = ParseTimeZone(qs.Text(2));
    if (!tz.ok()) return {tz.error()};
    s.tz = tz.value();
    s.priority_cap = static_cast<int>(qs.Int(3));
    booking_json.push_back(qs.Text(4));
    s.address = qs.Text(5);
    s.location = ParseCoords(qs.Text(6));
    sites.push_back(s);
  }
  if (!qs.done()) return {qs.Fail("cannot read sites")};
  for (size_t i = 0; i < sites.size(); ++i) {
    Site& s = sites[i];
    Stmt qv(h,
            "SELECT id, prefix, name_id, name_en, is_open, default_minutes, hours, daily_quota, target_wait_minutes, "
            "description_id, description_en FROM services WHERE site=? ORDER BY ord");
    qv.Bind(1, s.id);
    while (qv.Step()) {
      Service v;
      v.id = qv.Text(0);
      v.prefix = qv.Text(1);
      v.name = {qv.Text(2), qv.Text(3)};
      v.is_open = qv.Int(4) != 0;
      v.default_service_minutes = static_cast<int>(qv.Int(5));
      Status hs = DecodeOpeningHoursText(qv.Text(6), &v.hours);
      if (!hs.ok()) return {MakeError(ErrorCode::kStorageFailed, "stored hours of " + v.id + ": " + hs.error.message)};
      v.daily_quota = static_cast<int>(qv.Int(7));
      v.target_wait_minutes = static_cast<int>(qv.Int(8));
      v.description = {qv.Text(9), qv.Text(10)};
      s.services.push_back(v);
    }
    Stmt qc(h, "SELECT id, name, services, is_open FROM counters WHERE site=? ORDER BY ord");
    qc.Bind(1, s.id);
    while (qc.Step()) s.counters.push_back(Counter{qc.Text(0), qc.Text(1), SplitServices(qc.Text(2)), qc.Int(3) != 0});
    if (!qv.done() || !qc.done()) {
      return {(qv.done() ? qc : qv).Fail("cannot read services or counters")};
    }
    if (!booking_json[i].empty()) {
      Status st = DecodeBookingConfig(booking_json[i], s.services, &s.booking, &s.slot_rules);
      if (!st.ok()) return {MakeError(ErrorCode::kStorageFailed, "stored booking rules of " + s.id + ": " + st.error.message)};
    }
  }
  return Status::Ok();
}

void Store::SetEventListener(std::function<void(const std::vector<Event>&)> listener) {
  std::lock_guard<std::mutex> lock(publish_mu_);
  listener_ = std::move(listener);
}

Status Store::SeedIfEmpty(const Config& config) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!sites_.empty()) return Status::Ok();
    Db& h = *db_;
    Transaction tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    auto check = [&](Stmt& s, const char* what) -> Status {
      s.Run();
      return s.done() ? Status::Ok() : Status{s.Fail(what)};
    };
    Status st;
    for (const Site& site : config.sites) {
      Stmt s(h, "INSERT INTO sites(id, name, time_zone, priority_cap, booking, address, coords) VALUES(?,?,?,?,?,?,?)");
      s.Bind(1, site.id).Bind(2, site.name).Bind(3, site.tz.name).Bind(4, site.priority_cap);
      s.Bind(5, EncodeBookingConfig(site.booking, site.slot_rules)).Bind(6, site.address);
      s.Bind(7, EncodeCoords(site.location));
      if (!(st = check(s, "seed site")).ok()) return st;
      if (site.booking.initial_stock > 0) {
        Stmt m(h, "INSERT INTO stock_moves(site, at, delta, kind, reason, actor) VALUES(?,?,?,'received','initial','config')");
        m.Bind(1, site.id).Bind(2, clock_->NowMs()).Bind(3, site.booking.initial_stock);
        if (!(st = check(m, "seed stock")).ok()) return st;
      }
      int ord = 0;
      for (const Service& v : site.services) {
        Stmt sv(h,
                "INSERT INTO services(site, id, prefix, name_id, name_en, is_open, default_minutes, ord, hours, "
                "daily_quota, target_wait_minutes, description_id, description_en) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
        sv.Bind(1, site.id).Bind(2, v.id).Bind(3, v.prefix).Bind(4, v.name.id).Bind(5, v.name.en);
        sv.Bind(6, v.is_open ? 1 : 0).Bind(7, v.default_service_minutes).Bind(8, ord++);
        sv.Bind(9, EncodeOpeningHoursText(v.hours)).Bind(10, v.daily_quota).Bind(11, v.target_wait_minutes);
        sv.Bind(12, v.description.id).Bind(13, v.description.en);
        if (!(st = check(sv, "seed service")).ok()) return st;
      }
      ord = 0;
      for (const Counter& c : site.counters) {
        Stmt sc(h, "INSERT INTO counters(site, id, name, services, ord) VALUES(?,?,?,?,?)");
        sc.Bind(1, site.id).Bind(2, c.id).Bind(3, c.name).Bind(4, JoinServices(c.services)).Bind(5, ord++);
        if (!(st = check(sc, "seed counter")).ok()) return st;
      }
    }
    for (const UserConfig& u : config.users) {
      Stmt su(h, "INSERT INTO users(username, role, password_hash, sites) VALUES(?,?,?,?)");
      su.Bind(1, u.username).Bind(2, RoleName(u.role)).Bind(3, u.password_hash).Bind(4, JoinServices(u.sites));
      if (!(st = check(su, "seed user")).ok()) return st;
    }
    if (!(st = tx.Commit()).ok()) return st;
  }
  return LoadSites();
}

Status Store::SyncDevices(const std::vector<DeviceConfig>& hashed_devices) {
  std::lock_guard<std::mutex> lock(mu_);
  Db& h = *db_;
  Transaction tx(*db_);
  if (!tx.begin_status().ok()) return tx.begin_status();
  // Upsert, so a kiosk's last printer report survives a restart; devices gone from the
  // config lose their token (and so their access).
  Status st = db_->Exec("UPDATE devices SET token_hash = 'removed:' || id");
  if (!st.ok()) return st;
  for (const DeviceConfig& d : hashed_devices) {
    Stmt s(h,
           "INSERT INTO devices(id, site, token_hash, kind) VALUES(?,?,?,?) "
           "ON CONFLICT(id) DO UPDATE SET site=excluded.site, token_hash=excluded.token_hash, kind=excluded.kind");
    s.Bind(1, d.id).Bind(2, d.site).Bind(3, d.token).Bind(4, RoleName(d.role));
    s.Run();
    if (!s.done()) return {s.Fail("cannot store device '" + d.id + "'")};
  }
  st = tx.Commit();
  ForgetTokens();
  return st;
}

Result<Site> StoreCore::GetSite(const std::string& site) const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  for (const auto& s : committed_sites_) {
    if (s.id == site) return s;
  }
  return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
}

Result<TimeZone> StoreCore::SiteZone(const std::string& site) const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  for (const auto& s : committed_sites_) {
    if (s.id == site) return s.tz;
  }
  return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
}

std::vector<std::string> StoreCore::SiteIds() const {
  std::shared_lock<std::shared_mutex> lock(state_mu_);
  std::vector<std::string> ids;
  for (const auto& s : committed_sites_) ids.push_back(s.id);
  return ids;
}

// ---------------------------------------------------------------- auth

bool MayWorkAt(const Principal& who, const std::string& site) {
  if (who.role == Role::kAdmin || who.sites.empty()) return true;
  return std::find(who.sites.begin(), who.sites.end(), site) != who.sites.end();
}

Result<UserRecord> AdminStore::FindUser(const std::string& username) const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_, "SELECT username, role, password_hash, disabled, sites FROM users WHERE username=?");
  q.Bind(1, username);
  if (!q.Step()) {
    if (!q.done()) return q.Fail("cannot read users");
    return MakeError(ErrorCode::kNotFound, "no such user");
  }
  UserRecord u;
  u.username = q.Text(0);
  ParseRole(q.Text(1), &u.role);
  u.password_hash = q.Text(2);
  u.disabled = q.Int(3) != 0;
  u.sites = SplitServices(q.Text(4));
  return u;
}

Status AdminStore::CreateSession(const std::string& token_hash, const UserRecord& user, UnixMs expires_at) {
  return Change<Status>([&](Write&) -> Status {
  Stmt s(*db_, "INSERT INTO sessions(token_hash, username, role, expires_at) VALUES(?,?,?,?)");
  s.Bind(1, token_hash).Bind(2, user.username).Bind(3, RoleName(user.role)).Bind(4, expires_at);
  s.Run();
  if (!s.done()) return {s.Fail("cannot store session")};
  // Old sessions are pruned here rather than by a timer: logins are rare and cheap.
  Stmt prune(*db_, "DELETE FROM sessions WHERE expires_at < ?");
  prune.Bind(1, static_cast<int64_t>(clock_->NowMs() - 7LL * 24 * 3600 * 1000)).Run();
  return Status::Ok();
  });
}

bool AdminStore::CachedToken(const std::string& token_hash, Principal* who) const {
  std::lock_guard<std::mutex> lock(tokens_mu_);
  auto hit = tokens_.find(token_hash);
  if (hit == tokens_.end() || clock_->NowMs() >= hit->second.until) return false;
  *who = hit->second.who;
  return true;
}

Result<Principal> AdminStore::ResolveToken(const std::string& token_hash) const {
  UnixMs now = clock_->NowMs();
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(tokens_mu_);
    auto hit = tokens_.find(token_hash);
    if (hit != tokens_.end() && now < hit->second.until) return hit->second.who;
    generation = tokens_generation_;
  }
  ResolvedToken found;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Db& h = *db_;
    Stmt q(h,
           "SELECT s.username, s.role, u.sites, s.expires_at FROM sessions s JOIN users u ON u.username = s.username "
           "WHERE s.token_hash=? AND s.revoked=0 AND s.expires_at>? AND u.disabled=0");
    q.Bind(1, token_hash).Bind(2, now);
    if (q.Step()) {
      found.who.name = q.Text(0);
      ParseRole(q.Text(1), &found.who.role);
      found.who.sites = SplitServices(q.Text(2));
      found.until = std::min<UnixMs>(q.Int(3), now + kTokenCacheMs);
    } else {
      if (!q.done()) return q.Fail("cannot read sessions");
      Stmt d(h, "SELECT id, site, kind FROM devices WHERE token_hash=?");
      d.Bind(1, token_hash);
      if (!d.Step()) {
        if (!d.done()) return d.Fail("cannot read devices");
        return MakeError(ErrorCode::kUnauthorized, "unknown, expired or revoked token");
      }
      found.who = Principal{d.Text(0), Role::kKiosk, d.Text(1), {}};
      if (!ParseRole(d.Text(2), &found.who.role) || IsStaffRole(found.who.role)) found.who.role = Role::kKiosk;
      found.until = now + kTokenCacheMs;
    }
  }
  std::lock_guard<std::mutex> lock(tokens_mu_);
  if (generation == tokens_generation_) {
    // Tokens come and go with logins; an office has few, but a flood of them must not grow it.
    if (tokens_.size() >= 4096) tokens_.clear();
    tokens_[token_hash] = found;
  }
  return found.who;
}

void StoreCore::ForgetTokens() {
  std::lock_guard<std::mutex> lock(tokens_mu_);
  ++tokens_generation_;
  tokens_.clear();
}

Status AdminStore::RevokeSession(const std::string& token_hash) {
  Status revoked = Change<Status>([&](Write&) -> Status {
  Stmt s(*db_, "UPDATE sessions SET revoked=1 WHERE token_hash=?");
  s.Bind(1, token_hash);
  s.Run();
  if (!s.done()) return {s.Fail("cannot revoke session")};
  return Status::Ok();
  });
  ForgetTokens();
  return revoked;
}

}  // namespace antre
