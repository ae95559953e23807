// Supervisor and admin operations on the store. Like queue changes, each is one transaction
// with its events; every change is also written to the audit log with who made it.
#include <algorithm>

#include "codec/domain_json.h"
#include "codec/event_codec.h"
#include "codec/hours_json.h"
#include "core/queue_policy.h"
#include "store.h"
#include "store_rows.h"
#include "core/event_types.h"

namespace antre {
namespace {

std::string SiteChangedData(const std::string& what, const std::string& id) {
  JsonPtr o(cJSON_CreateObject());
  AddString(o.get(), "what", what);
  AddString(o.get(), "id", id);
  return PrintJson(o.get());
}

}  // namespace

Status StoreCore::AuditLocked(const std::string& actor, const std::string& action, const std::string& target,
                              const std::string& detail) {
  Stmt s(*db_, "INSERT INTO audit(at, actor, action, target, detail) VALUES(?,?,?,?,?)");
  s.Bind(1, clock_->NowMs()).Bind(2, actor).Bind(3, action).Bind(4, target).Bind(5, detail);
  s.Run();
  if (!s.done()) return {s.Fail("cannot write audit log")};
  return Status::Ok();
}

Status AdminStore::Audit(const std::string& actor, const std::string& action, const std::string& target,
                         const std::string& detail) {
  return Change<Status>([&](Write&) -> Status {
  return AuditLocked(actor, action, target, detail);
  });
}

Status AdminStore::SiteChangedLocked(const Site& site, const std::string& what, const std::string& id,
                                     const std::string& actor, std::vector<Event>* events) {
  auto ev = AppendEvent(site, event::kSiteChanged, nullptr, "", actor, SiteChangedData(what, id), events);
  return ev.ok() ? Status::Ok() : Status{ev.error()};
}

// ---------------------------------------------------------------- supervisor actions

Result<TicketView> QueueStore::MoveTicket(const std::string& site_id, const std::string& id, const std::string& service,
                                          const std::string& actor) {
  return Change<Result<TicketView>>(site_id, [&](Write& w) -> Result<TicketView> {
  const Site* site = &w.site();
  if (!site->FindService(service)) return MakeError(ErrorCode::kNotFound, "unknown service '" + service + "'");
  auto loaded = LoadTicket(id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded.value() || loaded.value()->site != site->id) return MakeError(ErrorCode::kNotFound, "no such ticket");
  Ticket t = *loaded.value();
  if (t.status != TicketStatus::kWaiting) {
    return MakeError(ErrorCode::kConflict, "ticket " + t.number + " is " + TicketStatusName(t.status) + ", not waiting");
  }
  if (t.service == service) return MakeError(ErrorCode::kConflict, "ticket is already in " + service);
  std::string from = t.service;
  t.service = service;
  Status st = SaveTicket(t);
  if (!st.ok()) return st.error;
  std::vector<Event>& events = w.events();
  UnixMs now = clock_->NowMs();
  TicketEventData data = TicketEventOf(t, "", now);
  data.from_service = from;
  auto ev = AppendEvent(*site, event::kTicketTransferred, &t, "", actor, EncodeTicketEvent(data, site->tz), &events);
  if (!ev.ok()) return ev.error();
  if (!(st = AuditLocked(actor, "ticket.move", t.number, from + " -> " + service)).ok()) return st.error;
  return ViewOf(*site, t);
  });
}

Result<std::string> Store::Secret(const std::string& name, const std::string& fresh) {
  std::lock_guard<std::mutex> lock(mu_);
  Transaction tx(*db_);
  if (!tx.begin_status().ok()) return tx.begin_status().error;
  Stmt add(*db_, "INSERT INTO secrets(name, value) VALUES(?, ?) ON CONFLICT(name) DO NOTHING");
  add.Bind(1, name).Bind(2, fresh);
  add.Run();
  if (!add.done()) return add.Fail("cannot store secret");
  Stmt q(*db_, "SELECT value FROM secrets WHERE name=?");
  q.Bind(1, name);
  if (!q.Step()) return q.Fail("cannot read secret");
  std::string value = q.Text(0);
  Status st = tx.Commit();
  if (!st.ok()) return st.error;
  return value;
}

Status Store::AdoptServiceDescriptions(const Config& config) {
  int changed = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Transaction tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    for (const Site& site : config.sites) {
      for (const Service& v : site.services) {
        if (v.description.id.empty() && v.description.en.empty()) continue;
        Stmt u(*db_,
               "UPDATE services SET description_id=?, description_en=? WHERE site=? AND id=? AND description_id='' "
               "AND description_en=''");
        u.Bind(1, v.description.id).Bind(2, v.description.en).Bind(3, site.id).Bind(4, v.id);
        u.Run();
        if (!u.done()) return {u.Fail("cannot store service description")};
        changed += static_cast<int>(u.Changes());
      }
    }
    Status st = tx.Commit();
    if (!st.ok()) return st;
  }
  return changed > 0 ? LoadSites() : Status::Ok();
}

Result<TicketView> QueueStore::RequeueTicket(const std::string& site_id, const std::string& id, const std::string& actor) {
  return Change<Result<TicketView>>(site_id, [&](Write& w) -> Result<TicketView> {
  const Site* site = &w.site();

  UnixMs now = clock_->NowMs();
  auto loaded = LoadTicket(id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded.value()) {
    // Supervisors know today's numbers ("A002"), not ticket ids: a number is looked up too.
    Stmt f(*db_, (std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE site=? AND day=? AND number=?").c_str());
    f.Bind(1, site->id).Bind(2, FormatDate(LocalDateAt(now, site->tz))).Bind(3, id);
    if (f.Step()) {
      loaded.value() = TicketFromRow(f);
    } else if (!f.done()) {
      return f.Fail("cannot find ticket");
    }
  }
  if (!loaded.value() || loaded.value()->site != site->id) return MakeError(ErrorCode::kNotFound, "no such ticket");
  Ticket t = *loaded.value();
  if (t.status != TicketStatus::kNoShow) {
    return MakeError(ErrorCode::kConflict, "ticket " + t.number + " is " + TicketStatusName(t.status) + ", not no_show");
  }
  // Yesterday's numbers are gone from the hall; only today's can come back.
  if (t.day != FormatDate(LocalDateAt(now, site->tz))) {
    return MakeError(ErrorCode::kConflict, "ticket " + t.number + " is not from today");
  }
  std::string from_counter = t.counter.value_or("");
  // order_at is kept: the resident who stepped out returns to the place they had.
  t.status = TicketStatus::kWaiting;
  t.counter.reset();
  t.called_at = 0;
  t.finished_at = 0;
  Status st = SaveTicket(t);
  if (!st.ok()) return st.error;
  std::vector<Event>& events = w.events();
  auto ev = AppendEvent(*site, event::kTicketReturned, &t, "", actor, EncodeTicketEventData(t, "", now, site->tz),
                        &events);
  if (!ev.ok()) return ev.error();
  if (!(st = AuditLocked(actor, "ticket.requeue", t.number, from_counter.empty() ? "" : "from counter " + from_counter))
           .ok()) {
    return st.error;
  }
  return ViewOf(*site, t);
  });
}

Result<TicketView> QueueStore::CancelTicket(const std::string& site_id, const std::string& id, const std::string& reason,
                                            const std::string& actor) {
  return Change<Result<TicketView>>(site_id, [&](Write& w) -> Result<TicketView> {
  const Site* site = &w.site();

  auto loaded = LoadTicket(id);
  if (!loaded.ok()) return loaded.error();
  if (!loaded.value() || loaded.value()->site != site->id) return MakeError(ErrorCode::kNotFound, "no such ticket");
  Ticket t = *loaded.value();
  if (t.status != TicketStatus::kWaiting && t.status != TicketStatus::kCalled) {
    return MakeError(ErrorCode::kConflict, "ticket " + t.number + " is already " + TicketStatusName(t.status));
  }
  UnixMs now = clock_->NowMs();
  Status st;
  if (t.status == TicketStatus::kCalled && t.counter) {
    // Free the counter that held it, so it can call the next one.
    Stmt u(*db_,
           "UPDATE counters SET current_ticket=NULL, state=CASE state WHEN 'paused' THEN 'paused' ELSE 'idle' END "
           "WHERE site=? AND current_ticket=?");
    u.Bind(1, site->id).Bind(2, t.id);
    u.Run();
    if (!u.done()) return u.Fail("cannot free counter");
    TrackCounterLocked(site->id, *t.counter);
  }
  t.status = TicketStatus::kCancelled;
  t.finished_at = now;
  if (!(st = SaveTicket(t)).ok()) return st.error;
  std::vector<Event>& events = w.events();
  // The reason may name the resident, so it goes to the audit log only, never to the stream.
  const Counter* holder = t.counter ? site->FindCounter(*t.counter) : nullptr;
  auto ev = AppendEvent(*site, event::kTicketCancelled, &t, t.counter.value_or(""), actor,
                        EncodeTicketEventData(t, holder ? holder->name : "", now, site->tz), &events);
  if (!ev.ok()) return ev.error();
  if (!(st = AuditLocked(actor, "ticket.cancel", t.number, reason)).ok()) return st.error;
  return ViewOf(*site, t);
  });
}

Status AdminStore::ReportDeviceStatus(const std::string& device, const std::string& state, const std::string& message) {
  return Change<Status>([&](Write& w) -> Status {
  Db& h = *db_;
  // The `printer` column holds the device's state: the printer for kiosks, audio for displays.
  Stmt q(h, "SELECT site, printer, message, kind, last_seen FROM devices WHERE id=?");
  q.Bind(1, device);
  if (!q.Step()) return {MakeError(ErrorCode::kNotFound, "unknown device")};
  const Site* site = FindSiteLocked(q.Text(0));
  std::string kind = q.Text(3);
  // A device coming back after silence is news too, so supervisors see it recover at once.
  bool was_silent = clock_->NowMs() - q.Int(4) > kDeviceSilentMs;
  bool changed = q.Text(1) != state || q.Text(2) != message || was_silent;
  Stmt u(h, "UPDATE devices SET printer=?, message=?, last_seen=? WHERE id=?");
  u.Bind(1, state).Bind(2, message).Bind(3, clock_->NowMs()).Bind(4, device);
  u.Run();
  if (!u.done()) return {u.Fail("cannot update device")};
  std::vector<Event>& events = w.events();
  if (changed && site) {
    JsonPtr o(cJSON_CreateObject());
    AddString(o.get(), "device", device);
    AddString(o.get(), "kind", kind);
    AddString(o.get(), kind == "display" ? "audio" : "printer", state);
    AddString(o.get(), "message", message);
    AddString(o.get(), "at", FormatIsoLocal(clock_->NowMs(), site->tz));
    auto ev = AppendEvent(*site, event::kDeviceStatus, nullptr, "", device, PrintJson(o.get()), &events);
    if (!ev.ok()) return {ev.error()};
  }
  Status st;
  if (st.ok()) Publish(events);
  return st;
  });
}

Result<std::vector<DeviceStatus>> AdminStore::Devices(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site_id)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  Stmt q(*db_,
         "SELECT id, site, kind, printer, message, last_seen FROM devices "
         "WHERE site=? AND token_hash NOT LIKE 'removed:%' ORDER BY kind, id");
  q.Bind(1, site_id);
  std::vector<DeviceStatus> out;
  UnixMs now = clock_->NowMs();
  while (q.Step()) {
    UnixMs seen = q.Int(5);
    out.push_back(DeviceStatus{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), seen,
                               seen == 0 || now - seen > kDeviceSilentMs});
  }
  if (!q.done()) return q.Fail("cannot read devices");
  return out;
}

Result<QueueSnapshot> QueueStore::Queue(const std::string& site_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Site* site = FindSiteLocked(site_id);
  if (!site) return MakeError(ErrorCode::kNotFound, "unknown site '" + site_id + "'");
  std::vector<Ticket> waiting;
  std::vector<QueueEntry> entries;
  Stmt q(*db_,
         (std::string("SELECT ") + kTicketColumns + ", seq FROM tickets WHERE site=? AND status='waiting'").c_str());
  q.Bind(1, site->id);
  while (q.Step()) {
    Ticket t = TicketFromRow(q);
    entries.push_back(QueueEntry{t.id, t.service, t.priority, t.order_at, q.Int(14)});
    waiting.push_back(t);
  }
  if (!q.done()) return q.Fail("cannot read waiting tickets");
  std::vector<size_t> order(waiting.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  int cap = site->priority_cap;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (entries[a].service != entries[b].service) return entries[a].service < entries[b].service;
    return CalledBefore(entries[a], entries[b], cap);
  });
  UnixMs now = clock_->NowMs();
  QueueSnapshot snap;
  for (const Service& s : site->services) snap.services.push_back(ServiceQueue{s.id, 0, 0, 0});
  for (size_t idx : order) {
    const Ticket& t = waiting[idx];
    QueuedTicket w{t, 0, static_cast<int>(std::max<UnixMs>(0, now - t.issued_at) / 60000)};
    for (auto& s : snap.services) {
      if (s.service != t.service) continue;
      w.position = ++s.waiting;
      s.longest_wait_minutes = std::max(s.longest_wait_minutes, w.waiting_minutes);
    }
    snap.tickets.push_back(w);
  }
  for (auto& s : snap.services) s.ewt_minutes = EstimateFor(*site, s.service, s.waiting);
  return snap;
}

// ---------------------------------------------------------------- admin

Result<std::vector<UserRecord>> AdminStore::ListUsers() const {
  std::lock_guard<std::mutex> lock(mu_);
  Stmt q(*db_, "SELECT username, role, disabled, sites FROM users ORDER BY username");
  std::vector<UserRecord> out;
  while (q.Step()) {
    UserRecord u;
    u.username = q.Text(0);
    ParseRole(q.Text(1), &u.role);
    u.disabled = q.Int(2) != 0;
    u.sites = SplitServices(q.Text(3));
    out.push_back(u);
  }
  if (!q.done()) return q.Fail("cannot read users");
  return out;
}

Status AdminStore::CreateUser(const UserRecord& user, const std::string& actor) {
  return Change<Status>([&](Write&) -> Status {
  Stmt s(*db_, "INSERT INTO users(username, role, password_hash, sites) VALUES(?,?,?,?)");
  s.Bind(1, user.username).Bind(2, RoleName(user.role)).Bind(3, user.password_hash).Bind(4, JoinServices(user.sites));
  s.Run();
  if (s.IsConstraintViolation()) {
    return {MakeError(ErrorCode::kConflict, "user '" + user.username + "' already exists")};
  }
  if (!s.done()) return {s.Fail("cannot create user")};
  Status st = AuditLocked(actor, "user.create", user.username, RoleName(user.role));
  if (!st.ok()) return st;
  return Status::Ok();
  });
}

Status AdminStore::UpdateUser(const std::string& username, const std::optional<Role>& role,
                              const std::optional<bool>& disabled, const std::optional<std::string>& password_hash,
                              const std::string& actor, const std::optional<std::vector<std::string>>& sites) {
  Status updated = Change<Status>([&](Write&) -> Status {
  Db& h = *db_;
  Stmt q(h, "SELECT 1 FROM users WHERE username=?");
  q.Bind(1, username);
  if (!q.Step()) return {MakeError(ErrorCode::kNotFound, "no user '" + username + "'")};
  std::string detail;
  auto run = [&](Stmt& s) -> Status {
    s.Run();
    return s.done() ? Status::Ok() : Status{s.Fail("cannot update user")};
  };
  Status st;
  if (role) {
    Stmt s(h, "UPDATE users SET role=? WHERE username=?");
    s.Bind(1, RoleName(*role)).Bind(2, username);
    if (!(st = run(s)).ok()) return st;
    detail += std::string("role=") + RoleName(*role) + " ";
  }
  if (disabled) {
    Stmt s(h, "UPDATE users SET disabled=? WHERE username=?");
    s.Bind(1, *disabled ? 1 : 0).Bind(2, username);
    if (!(st = run(s)).ok()) return st;
    detail += *disabled ? "disabled " : "enabled ";
  }
  if (password_hash) {
    Stmt s(h, "UPDATE users SET password_hash=? WHERE username=?");
    s.Bind(1, *password_hash).Bind(2, username);
    if (!(st = run(s)).ok()) return st;
    detail += "password-reset ";
  }
  if (sites) {
    Stmt s(h, "UPDATE users SET sites=? WHERE username=?");
    s.Bind(1, JoinServices(*sites)).Bind(2, username);
    if (!(st = run(s)).ok()) return st;
    detail += "sites=" + (sites->empty() ? std::string("all") : JoinServices(*sites)) + " ";
  }
  if ((disabled && *disabled) || password_hash || role) {
    // A disabled user, a reset password or a new role must not keep an old session's rights.
    Stmt s(h, "UPDATE sessions SET revoked=1 WHERE username=?");
    s.Bind(1, username);
    if (!(st = run(s)).ok()) return st;
  }
  if (!(st = AuditLocked(actor, "user.update", username, detail)).ok()) return st;
  return Status::Ok();
  });
  ForgetTokens();  // a disabled user, a new role or new sites must apply to the next request
  return updated;
}

Result<Counter> AdminStore::UpdateCounter(const std::string& site_id, const std::string& id,
                                          const std::optional<std::string>& name,
                                          const std::optional<std::vector<std::string>>& services,
                                          const std::string& actor, const std::optional<bool>& is_open) {
  return Change<Result<Counter>>(site_id, [&](Write& w) -> Result<Counter> {
  const Site* site = &w.site();
  const Counter* existing = site->FindCounter(id);
  if (!existing) return MakeError(ErrorCode::kNotFound, "unknown counter '" + id + "'");
  Counter c = *existing;
  if (name) {
    if (name->empty() || name->size() > 40) return MakeError(ErrorCode::kInvalidInput, "name must be 1-40 characters");
    c.name = *name;
  }
  if (services) {
    if (services->empty()) return MakeError(ErrorCode::kInvalidInput, "a counter must serve at least one service");
    for (const auto& s : *services) {
      if (!site->FindService(s)) return MakeError(ErrorCode::kNotFound, "unknown service '" + s + "'");
    }
    c.services = *services;
  }
  const bool closing = is_open && !*is_open && c.is_open;
  if (is_open) c.is_open = *is_open;
  if (closing) {
    // A ticket being served would be stranded at a counter nobody can act on any more.
    Stmt q(*db_, "SELECT current_ticket FROM counters WHERE site=? AND id=?");
    q.Bind(1, site->id).Bind(2, id);
    if (!q.Step()) return q.Fail("cannot read counter");
    if (!q.IsNull(0) && !q.Text(0).empty()) {
      return MakeError(ErrorCode::kConflict, c.name + " is still serving a ticket: finish or return it first");
    }
  }
  // Closing also frees the officer who held it, so the counter is nobody's when reopened.
  Stmt u(*db_,
         "UPDATE counters SET name=?, services=?, is_open=?, bound_to=CASE WHEN ?=1 THEN '' ELSE bound_to END "
         "WHERE site=? AND id=?");
  u.Bind(1, c.name).Bind(2, JoinServices(c.services)).Bind(3, c.is_open ? 1 : 0).Bind(4, closing ? 1 : 0);
  u.Bind(5, site->id).Bind(6, id);
  u.Run();
  if (!u.done()) return u.Fail("cannot update counter");
  std::vector<Event>& events = w.events();
  Status st = SiteChangedLocked(*site, "counter", id, actor, &events);
  if (st.ok()) {
    st = AuditLocked(actor, "counter.update", site->id + "/" + id,
                     c.name + ": " + JoinServices(c.services) + (c.is_open ? "" : " (closed)"));
  }
  if (!st.ok()) return st.error;
  std::vector<Site> fresh;
  if (!(st = ReadSites(&fresh)).ok()) return st.error;
  sites_ = std::move(fresh);
  sites_changed_ = true;
  return c;
  });
}

Result<Service> AdminStore::UpdateService(const std::string& site_id, const std::string& id, const ServiceEdit& edit,
                                          const std::string& actor) {
  return Change<Result<Service>>(site_id, [&](Write& w) -> Result<Service> {
  const Site* site = &w.site();
  const Service* existing = site->FindService(id);
  if (!existing) return MakeError(ErrorCode::kNotFound, "unknown service '" + id + "'");
  Service s = *existing;
  if (edit.name) {
    if (edit.name->id.empty() || edit.name->id.size() > 60 || edit.name->en.size() > 60) {
      return MakeError(ErrorCode::kInvalidInput, "names must be 1-60 characters");
    }
    s.name = *edit.name;
    if (s.name.en.empty()) s.name.en = s.name.id;
  }
  if (edit.is_open) s.is_open = *edit.is_open;
  if (edit.hours) {
    std::string problem;
    if (!CheckOpeningHours(*edit.hours, &problem)) return MakeError(ErrorCode::kInvalidInput, "hours." + problem);
    s.hours = *edit.hours;
  }
  if (edit.target_wait_minutes) {
    if (*edit.target_wait_minutes < 1 || *edit.target_wait_minutes > kMaxTargetWaitMinutes) {
      return MakeError(ErrorCode::kInvalidInput, "target_wait_minutes must be 1-480");
    }
    s.target_wait_minutes = *edit.target_wait_minutes;
  }
  if (edit.daily_quota) {
    if (*edit.daily_quota < 0 || *edit.daily_quota > 100000) {
      return MakeError(ErrorCode::kInvalidInput, "daily_quota must be 0-100000 (0 = no quota)");
    }
    s.daily_quota = *edit.daily_quota;
  }
  Stmt u(*db_,
         "UPDATE services SET name_id=?, name_en=?, is_open=?, hours=?, daily_quota=?, target_wait_minutes=? "
         "WHERE site=? AND id=?");
  u.Bind(1, s.name.id).Bind(2, s.name.en).Bind(3, s.is_open ? 1 : 0).Bind(4, EncodeOpeningHoursText(s.hours));
  u.Bind(5, s.daily_quota).Bind(6, s.target_wait_minutes).Bind(7, site->id).Bind(8, id);
  u.Run();
  if (!u.done()) return u.Fail("cannot update service");
  std::vector<Event>& events = w.events();
  Status st = SiteChangedLocked(*site, "service", id, actor, &events);
  if (st.ok()) st = AuditLocked(actor, "service.update", site->id + "/" + id, s.is_open ? "open" : "closed");
  if (!st.ok()) return st.error;
  std::vector<Site> fresh;
  if (!(st = ReadSites(&fresh)).ok()) return st.error;
  sites_ = std::move(fresh);
  sites_changed_ = true;
  return s;
  });
}

Status AdminStore::UpdateBookingConfig(const std::string& site_id, const std::string& json, const std::string& actor) {
  return Change<Status>(site_id, [&](Write& w) -> Status {
  const Site* site = &w.site();
  // Keys the request leaves out keep their current value, so a form that edits a few
  // settings cannot reset the others to their defaults.
  auto merged = MergeJsonObjects(EncodeBookingConfig(site->booking, site->slot_rules), json);
  if (!merged.ok()) return {MakeError(ErrorCode::kInvalidInput, "booking: " + merged.error().message)};
  BookingSettings settings;
  std::vector<SlotRule> rules;
  Status st = DecodeBookingConfig(merged.value(), site->services, &settings, &rules);
  if (!st.ok()) return st;
  Stmt u(*db_, "UPDATE sites SET booking=? WHERE id=?");
  u.Bind(1, EncodeBookingConfig(settings, rules)).Bind(2, site->id);
  u.Run();
  if (!u.done()) return {u.Fail("cannot store booking rules")};
  std::vector<Event>& events = w.events();
  if (!(st = SiteChangedLocked(*site, "booking", site->id, actor, &events)).ok()) return st;
  if (!(st = AuditLocked(actor, "booking.rules", site->id, "")).ok()) return st;
  std::vector<Site> fresh;
  if (!(st = ReadSites(&fresh)).ok()) return st;
  sites_ = std::move(fresh);
  sites_changed_ = true;
  return Status::Ok();
  });
}

// ---------------------------------------------------------------- counter binding

namespace {

// The counter's officer, or "" when free; a binding whose officer has no live session (it
// expired, or the account was disabled) counts as free, so a closed browser does not hold a
// counter for ever. Sets *found to whether the counter exists.
Result<std::string> ReadHolder(Db& db, const std::string& site, const std::string& counter, UnixMs now, bool* found) {
  Stmt q(db,
         "SELECT c.bound_to, EXISTS(SELECT 1 FROM sessions s WHERE s.username = c.bound_to AND s.revoked = 0 "
         "AND s.expires_at > ?) FROM counters c WHERE c.site=? AND c.id=?");
  q.Bind(1, now).Bind(2, site).Bind(3, counter);
  *found = q.Step();
  if (!*found) {
    if (!q.done()) return q.Fail("cannot read counters");
    return std::string();
  }
  return q.Int(1) != 0 ? q.Text(0) : std::string();
}

}  // namespace

Result<std::string> QueueStore::CounterHolder(const std::string& site, const std::string& counter) const {
  std::lock_guard<std::mutex> lock(mu_);
  bool found = false;
  auto holder = ReadHolder(*db_, site, counter, clock_->NowMs(), &found);
  if (holder.ok() && !found) return MakeError(ErrorCode::kNotFound, "unknown counter '" + counter + "'");
  return holder;
}

Status QueueStore::OpenCounter(const std::string& site_id, const std::string& counter, const std::string& officer) {
  return Change<Status>(site_id, [&](Write& w) -> Status {
  const Counter* c = w.site().FindCounter(counter);
  if (!c) return {MakeError(ErrorCode::kNotFound, "unknown counter '" + counter + "'")};
  if (!c->is_open) return {MakeError(ErrorCode::kConflict, c->name + " is closed")};
  bool found = false;
  auto read = ReadHolder(*db_, site_id, counter, clock_->NowMs(), &found);
  if (!read.ok()) return {read.error()};
  std::string holder = read.value();
  if (holder == officer) return Status::Ok();
  if (!holder.empty()) return {MakeError(ErrorCode::kConflict, c->name + " is open to officer " + holder)};
  Stmt u(*db_, "UPDATE counters SET bound_to=? WHERE site=? AND id=?");
  u.Bind(1, officer).Bind(2, site_id).Bind(3, counter);
  u.Run();
  if (!u.done()) return {u.Fail("cannot open counter")};
  return Status::Ok();
  });
}

Status QueueStore::CloseCounter(const std::string& site_id, const std::string& counter, const std::string& actor,
                                bool force) {
  return Change<Status>(site_id, [&](Write& w) -> Status {
  const Counter* c = w.site().FindCounter(counter);
  if (!c) return {MakeError(ErrorCode::kNotFound, "unknown counter '" + counter + "'")};
  bool found = false;
  auto read = ReadHolder(*db_, site_id, counter, clock_->NowMs(), &found);
  if (!read.ok()) return {read.error()};
  std::string holder = read.value();
  if (holder.empty()) return Status::Ok();
  if (holder != actor && !force) {
    return {MakeError(ErrorCode::kNotYourCounter, c->name + " is open to officer " + holder)};
  }
  Stmt u(*db_, "UPDATE counters SET bound_to='' WHERE site=? AND id=?");
  u.Bind(1, site_id).Bind(2, counter);
  u.Run();
  if (!u.done()) return {u.Fail("cannot close counter")};
  if (force) return AuditLocked(actor, "counter.release", site_id + "/" + counter, "was open to " + holder);
  return Status::Ok();
  });
}

Status QueueStore::ReleaseCountersOf(const std::string& officer) {
  return Change<Status>([&](Write&) -> Status {
  Stmt u(*db_, "UPDATE counters SET bound_to='' WHERE bound_to=?");
  u.Bind(1, officer);
  u.Run();
  if (!u.done()) return {u.Fail("cannot release counters")};
  return Status::Ok();
  });
}

}  // namespace antre
