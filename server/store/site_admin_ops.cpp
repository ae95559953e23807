// Sites, services and counters created online, and sites closed and reopened. Like every
// admin edit, each is one write request: audited, announced on its site's stream as
// site.changed, and followed by a fresh read of the site model (the state is rebuilt at commit).
#include "codec/hours_json.h"
#include "core/event_types.h"
#include "core/id_rules.h"
#include "core/text_rules.h"
#include "store.h"
#include "store_rows.h"

namespace antre {
namespace {

constexpr size_t kMaxSiteName = 80;
constexpr size_t kMaxAddress = 200;
constexpr size_t kMaxServiceName = 60;
constexpr size_t kMaxCounterName = 40;
constexpr const char* kIdRule = " must be 1-32 letters, digits, '-' or '_'";

Status Invalid(const std::string& message) { return {MakeError(ErrorCode::kInvalidInput, message)}; }

// Checks a typed name: 1..max bytes (0..max if it may be empty) of single-line text.
Status CheckName(const std::string& field, const std::string& text, size_t max, bool may_be_empty) {
  Status st = CheckText(field, text);
  if (!st.ok()) return st;
  if ((!may_be_empty && text.empty()) || text.size() > max) {
    return Invalid(field + " must be " + (may_be_empty ? "0" : "1") + "-" + std::to_string(max) + " characters");
  }
  return Status::Ok();
}

// The next position at the end of a site's services or counters.
Result<int64_t> NextOrd(Db& db, const char* table, const std::string& site) {
  Stmt q(db, (std::string("SELECT COALESCE(MAX(ord), -1) + 1 FROM ") + table + " WHERE site=?").c_str());
  q.Bind(1, site);
  if (!q.Step()) return q.Fail("cannot read positions");
  return q.Int(0);
}

}  // namespace

Result<std::vector<SiteListing>> AdminStore::ListSites() const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_, "SELECT id, address, is_open, coords FROM sites ORDER BY id");
  std::vector<SiteListing> out;
  while (q.Step()) {
    const Site* site = FindSiteLocked(q.Text(0));
    if (!site) continue;
    out.push_back(SiteListing{site->id, site->name, q.Text(1), site->tz.name, q.Int(2) != 0, site->services,
                              ParseCoords(q.Text(3))});
  }
  if (!q.done()) return q.Fail("cannot read sites");
  return out;
}

Result<SiteListing> AdminStore::CreateSite(const SiteSpec& spec, const std::string& actor) {
  if (!IsIdentifier(spec.id)) return Invalid(std::string("id") + kIdRule).error;
  Status st = CheckName("name", spec.name, kMaxSiteName, false);
  if (st.ok()) st = CheckName("address", spec.address, kMaxAddress, true);
  if (!st.ok()) return st.error;
  auto tz = ParseTimeZone(spec.time_zone);
  if (!tz.ok()) return MakeError(ErrorCode::kInvalidInput, "time_zone: " + tz.error().message);
  auto created = Change<Result<SiteListing>>([&](Write& w) -> Result<SiteListing> {
    if (FindSiteLocked(spec.id)) return MakeError(ErrorCode::kConflict, "site '" + spec.id + "' already exists");
    Stmt s(*db_, "INSERT INTO sites(id, name, time_zone, priority_cap, booking, address, coords) VALUES(?,?,?,?,?,?,?)");
    s.Bind(1, spec.id).Bind(2, spec.name).Bind(3, tz.value().name).Bind(4, Site{}.priority_cap).Bind(5, "");
    s.Bind(6, spec.address).Bind(7, EncodeCoords(spec.location));
    s.Run();
    if (s.IsConstraintViolation()) return MakeError(ErrorCode::kConflict, "site '" + spec.id + "' already exists");
    if (!s.done()) return s.Fail("cannot create site");
    Status st = ReloadSitesLocked();
    const Site* site = FindSiteLocked(spec.id);
    if (st.ok() && !site) st = {MakeError(ErrorCode::kStorageFailed, "new site was not stored")};
    if (st.ok()) st = SiteChangedLocked(*site, "site", spec.id, actor, &w.events());
    if (st.ok()) st = AuditLocked(actor, "site.create", spec.id, spec.name + " (" + tz.value().name + ")");
    if (!st.ok()) return st.error;
    return SiteListing{site->id, site->name, spec.address, site->tz.name, true, {}, spec.location};
  });
  return created;
}

Result<SiteListing> AdminStore::UpdateSite(const std::string& site_id, const SiteEdit& edit, const std::string& actor) {
  Status st;
  if (edit.name) st = CheckName("name", *edit.name, kMaxSiteName, false);
  if (st.ok() && edit.address) st = CheckName("address", *edit.address, kMaxAddress, true);
  if (!st.ok()) return st.error;
  return Change<Result<SiteListing>>(site_id, [&](Write& w) -> Result<SiteListing> {
    Stmt q(*db_, "SELECT name, address, is_open, coords FROM sites WHERE id=?");
    q.Bind(1, site_id);
    if (!q.Step()) return q.Fail("cannot read site");
    std::string name = edit.name.value_or(q.Text(0));
    std::string address = edit.address.value_or(q.Text(1));
    bool is_open = edit.is_open.value_or(q.Int(2) != 0);
    std::optional<GeoPoint> location = edit.location.value_or(ParseCoords(q.Text(3)));
    Stmt u(*db_, "UPDATE sites SET name=?, address=?, is_open=?, coords=? WHERE id=?");
    u.Bind(1, name).Bind(2, address).Bind(3, is_open ? 1 : 0).Bind(4, EncodeCoords(location)).Bind(5, site_id);
    u.Run();
    if (!u.done()) return u.Fail("cannot update site");
    Status st = SiteChangedLocked(w.site(), "site", site_id, actor, &w.events());
    if (st.ok()) st = AuditLocked(actor, "site.update", site_id, name + (is_open ? ": open" : ": closed"));
    if (st.ok()) st = ReloadSitesLocked();
    if (!st.ok()) return st.error;
    const Site* site = FindSiteLocked(site_id);
    return SiteListing{site_id, name, address, site->tz.name, is_open, site->services, location};
  });
}

Result<Service> AdminStore::CreateService(const std::string& site_id, const Service& service, const std::string& actor) {
  if (!IsIdentifier(service.id)) return Invalid(std::string("id") + kIdRule).error;
  if (!IsPrefix(service.prefix)) return Invalid("prefix must be 1-3 capital letters").error;
  Status st = CheckName("name.id", service.name.id, kMaxServiceName, false);
  if (st.ok()) st = CheckName("name.en", service.name.en, kMaxServiceName, true);
  if (!st.ok()) return st.error;
  Service s;
  s.id = service.id;
  s.prefix = service.prefix;
  s.name = service.name;
  if (s.name.en.empty()) s.name.en = s.name.id;
  return Change<Result<Service>>(site_id, [&](Write& w) -> Result<Service> {
    const Site& site = w.site();
    if (site.FindService(s.id)) return MakeError(ErrorCode::kConflict, "service '" + s.id + "' already exists");
    for (const Service& other : site.services) {
      if (other.prefix == s.prefix) {
        return MakeError(ErrorCode::kConflict, "prefix '" + s.prefix + "' is taken by service '" + other.id + "'");
      }
    }
    auto ord = NextOrd(*db_, "services", site.id);
    if (!ord.ok()) return ord.error();
    Stmt i(*db_,
           "INSERT INTO services(site, id, prefix, name_id, name_en, is_open, default_minutes, ord, hours, "
           "daily_quota, target_wait_minutes, description_id, description_en) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    i.Bind(1, site.id).Bind(2, s.id).Bind(3, s.prefix).Bind(4, s.name.id).Bind(5, s.name.en).Bind(6, 1);
    i.Bind(7, s.default_service_minutes).Bind(8, ord.value()).Bind(9, EncodeOpeningHoursText(s.hours));
    i.Bind(10, s.daily_quota).Bind(11, s.target_wait_minutes).Bind(12, "").Bind(13, "");
    i.Run();
    if (i.IsConstraintViolation()) return MakeError(ErrorCode::kConflict, "service '" + s.id + "' already exists");
    if (!i.done()) return i.Fail("cannot create service");
    Status st = SiteChangedLocked(site, "service", s.id, actor, &w.events());
    if (st.ok()) st = AuditLocked(actor, "service.create", site.id + "/" + s.id, s.prefix + " " + s.name.id);
    if (st.ok()) st = ReloadSitesLocked();
    if (!st.ok()) return st.error;
    return s;
  });
}

Result<Counter> AdminStore::CreateCounter(const std::string& site_id, const Counter& counter, const std::string& actor) {
  if (!IsIdentifier(counter.id)) return Invalid(std::string("id") + kIdRule).error;
  Counter c = counter;
  if (c.name.empty()) c.name = "Loket " + c.id;
  Status st = CheckName("name", c.name, kMaxCounterName, false);
  if (!st.ok()) return st.error;
  if (c.services.empty()) return Invalid("services must name at least one service").error;
  return Change<Result<Counter>>(site_id, [&](Write& w) -> Result<Counter> {
    const Site& site = w.site();
    if (site.FindCounter(c.id)) return MakeError(ErrorCode::kConflict, "counter '" + c.id + "' already exists");
    for (const auto& s : c.services) {
      if (!site.FindService(s)) return MakeError(ErrorCode::kInvalidInput, "services: unknown service '" + s + "'");
    }
    auto ord = NextOrd(*db_, "counters", site.id);
    if (!ord.ok()) return ord.error();
    Stmt i(*db_, "INSERT INTO counters(site, id, name, services, ord) VALUES(?,?,?,?,?)");
    i.Bind(1, site.id).Bind(2, c.id).Bind(3, c.name).Bind(4, JoinServices(c.services)).Bind(5, ord.value());
    i.Run();
    if (i.IsConstraintViolation()) return MakeError(ErrorCode::kConflict, "counter '" + c.id + "' already exists");
    if (!i.done()) return i.Fail("cannot create counter");
    Status st = SiteChangedLocked(site, "counter", c.id, actor, &w.events());
    if (st.ok()) st = AuditLocked(actor, "counter.create", site.id + "/" + c.id, c.name + ": " + JoinServices(c.services));
    if (st.ok()) st = ReloadSitesLocked();
    if (!st.ok()) return st.error;
    return c;
  });
}

}  // namespace antre
