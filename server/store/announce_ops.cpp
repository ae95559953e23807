// Announcements: supervisors' messages for the displays' ticker and the kiosks. Each goes
// live (announcement.published) at its start and away (announcement.removed) at its end.
#include "codec/domain_json.h"
#include "codec/event_codec.h"
#include "store.h"
#include "core/event_types.h"

namespace antre {
namespace {

std::string PublishedData(const Announcement& a, const TimeZone& tz) { return PrintJson(EncodeAnnouncement(a, tz).get()); }

std::string RemovedData(int64_t id) { return EncodeAnnouncementRemoved(id); }

}  // namespace

Result<std::vector<Announcement>> StoreCore::AnnouncementsLocked(const std::string& site, bool live_only) const {
  Stmt q(*db_,
         live_only ? "SELECT id, text_id, text_en, starts_at, ends_at, state FROM announcements WHERE site=? AND "
                     "state='live' ORDER BY starts_at, id"
                   : "SELECT id, text_id, text_en, starts_at, ends_at, state FROM announcements WHERE site=? AND "
                     "state IN ('live','scheduled') ORDER BY starts_at, id");
  q.Bind(1, site);
  std::vector<Announcement> out;
  while (q.Step()) out.push_back(Announcement{q.Int(0), {q.Text(1), q.Text(2)}, q.Int(3), q.Int(4), q.Text(5)});
  if (!q.done()) return q.Fail("cannot read announcements");
  return out;
}

Result<std::vector<Announcement>> AdminStore::Announcements(const std::string& site) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!FindSiteLocked(site)) return MakeError(ErrorCode::kNotFound, "unknown site '" + site + "'");
  return AnnouncementsLocked(site, false);
}

Result<Announcement> AdminStore::CreateAnnouncement(const std::string& site_id, const LocalizedText& text, UnixMs starts_at,
                                                    UnixMs ends_at, const std::string& actor) {
  if (text.id.empty() || text.id.size() > 200 || text.en.size() > 200) {
    return MakeError(ErrorCode::kInvalidInput, "text must be 1-200 characters in Indonesian (English optional)");
  }
  if (ends_at <= starts_at) return MakeError(ErrorCode::kInvalidInput, "ends_at must be after starts_at");
  return Change<Result<Announcement>>(site_id, [&](Write& w) -> Result<Announcement> {
  UnixMs now = clock_->NowMs();
  if (ends_at <= now) return MakeError(ErrorCode::kInvalidInput, "this announcement would already have ended");
  Announcement a{0, text, starts_at, ends_at, starts_at <= now ? "live" : "scheduled"};
  if (a.text.en.empty()) a.text.en = a.text.id;
  Stmt s(w.db(),
         "INSERT INTO announcements(site, text_id, text_en, starts_at, ends_at, created_by, state) VALUES(?,?,?,?,?,?,?) "
         "RETURNING id");
  s.Bind(1, site_id).Bind(2, a.text.id).Bind(3, a.text.en).Bind(4, a.starts_at).Bind(5, a.ends_at).Bind(6, actor);
  s.Bind(7, a.state);
  if (!s.Step()) return s.Fail("cannot store announcement");
  a.id = s.Int(0);
  if (!s.Run()) return s.Fail("cannot store announcement");
  Status st;
  if (a.state == "live") st = w.Event(event::kAnnouncementPublished, nullptr, "", actor, PublishedData(a, w.site().tz));
  if (st.ok()) st = AuditLocked(actor, "announcement.create", std::to_string(a.id), a.text.id);
  if (!st.ok()) return st.error;
  return a;
  });
}

Status AdminStore::RemoveAnnouncement(const std::string& site_id, int64_t id, const std::string& actor) {
  return Change<Status>(site_id, [&](Write& w) -> Status {
  Stmt q(w.db(), "SELECT state FROM announcements WHERE id=? AND site=?");
  q.Bind(1, id).Bind(2, site_id);
  if (!q.Step() || (q.Text(0) != "live" && q.Text(0) != "scheduled")) {
    return {MakeError(ErrorCode::kNotFound, "no such announcement showing")};
  }
  bool was_live = q.Text(0) == "live";
  Stmt u(w.db(), "UPDATE announcements SET state='removed' WHERE id=?");
  u.Bind(1, id);
  if (!u.Run()) return {u.Fail("cannot remove announcement")};
  Status st;
  if (was_live) st = w.Event(event::kAnnouncementRemoved, nullptr, "", actor, RemovedData(id));
  if (st.ok()) st = AuditLocked(actor, "announcement.remove", std::to_string(id), "");
  return st;
  });
}

Status AdminStore::PublishDueAnnouncements() {
  for (const std::string& site_id : SiteIds()) {
    Status st = Change<Status>(site_id, [&](Write& w) -> Status {
    UnixMs now = clock_->NowMs();
    auto all = AnnouncementsLocked(site_id, false);
    if (!all.ok()) return {all.error()};
    for (Announcement a : all.value()) {
      const char* next = nullptr;
      if (a.ends_at <= now) {
        next = "ended";
      } else if (a.state == "scheduled" && a.starts_at <= now) {
        next = "live";
      }
      if (!next) continue;
      Stmt u(w.db(), "UPDATE announcements SET state=? WHERE id=?");
      u.Bind(1, next).Bind(2, a.id);
      if (!u.Run()) return {u.Fail("cannot update announcement")};
      bool publish = std::string(next) == "live";
      if (!publish && a.state != "live") continue;  // a scheduled one that ended unseen
      a.state = next;
      Status st = w.Event(publish ? event::kAnnouncementPublished : event::kAnnouncementRemoved, nullptr, "", "system",
                          publish ? PublishedData(a, w.site().tz) : RemovedData(a.id));
      if (!st.ok()) return st;
    }
    return Status::Ok();
    });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace antre
