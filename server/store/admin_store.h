// Staff and administration: sign-in (sessions and tokens), users, sites, services and counters
// created or changed online, booking rules, devices, announcements, and the audit log
// (store.cpp, admin_ops.cpp, site_admin_ops.cpp, announce_ops.cpp, audit_reads.cpp).
// Contract: each change is audited, applies at once and, where it changes a site, emits
// site.changed on it; InvalidInput names the field at fault.
#pragma once

#include "store_core.h"

namespace antre {

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

class AdminStore : protected virtual StoreCore {
 public:
  // --- auth
  Result<UserRecord> FindUser(const std::string& username) const;
  Status CreateSession(const std::string& token_hash, const UserRecord& user, UnixMs expires_at);
  // Resolves a token hash to a live session or device; Unauthorized if unknown/expired/revoked.
  // Answers from memory for up to kTokenCacheMs (no lock the writer holds): a revocation,
  // user change or device change made by this process applies at once, one made by another
  // process on a shared database within that time.
  Result<Principal> ResolveToken(const std::string& token_hash) const;
  // The principal of a token ResolveToken answered within Store::kTokenCacheMs, without
  // waiting for the store's lock; false if there is none (call ResolveToken).
  bool CachedToken(const std::string& token_hash, Principal* who) const;
  static constexpr UnixMs kTokenCacheMs = 2000;
  Status RevokeSession(const std::string& token_hash);

  // --- devices (admin_ops.cpp)
  // Records a device's check-in with its state (a kiosk's printer, a display's audio); emits
  // device.status when the state changes or the device was silent. NotFound if unknown.
  Status ReportDeviceStatus(const std::string& device, const std::string& state, const std::string& message);
  Result<std::vector<DeviceStatus>> Devices(const std::string& site) const;

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

 private:
  Status SiteChangedLocked(const Site& site, const std::string& what, const std::string& id,
                           const std::string& actor, std::vector<Event>* events);
};

}  // namespace antre
