// The kiosk home screen with opening hours, daily quotas and announcements, with no SDL and
// no server; and the periodic check-in body.
#include <doctest/doctest.h>

#include "kiosk/kiosk_app.h"
#include "kiosk/kiosk_screen.h"
#include "kiosk/screenshot.h"
#include "kiosk/service_availability.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

const TimeZone kWib{"Asia/Jakarta", 420};
UnixMs At(const char* iso) { return ParseIso(iso).value(); }
const UnixMs kSaturday = At("2026-11-28T09:41:00+07:00");

struct Rig {
  int keys = 0;
  UnixMs now = kSaturday;
  KioskScreen screen{ScreenConfig{}, [this] { return "key-" + std::to_string(++keys); }};
  std::vector<ServiceStatus> services = FixtureServices(false);
  Rig() {
    services[2].is_open_now = false;  // kk: outside its hours
    services[2].next_open = At("2026-11-30T08:00:00+07:00");
    services[3].service.daily_quota = 40;  // akta: quota used up
    services[3].remaining = 0;
    services[0].service.daily_quota = 150;  // rekam: places left
    services[0].remaining = 3;
    screen.Tick(now);
    screen.OnServices(services, now);
  }
  ui::Frame Frame() const { return screen.BuildFrame(ui::FakeTextMeasurer()); }
  bool Tap(const std::string& id) {
    now += 2000;
    ui::Frame f = Frame();
    const ui::TouchTarget* t = f.FindTarget(id);
    if (!t) return false;
    screen.OnTap(t->rect.Center(), now);
    return true;
  }
};

}  // namespace

TEST_CASE("ServiceAvailability: what a tile says when no ticket can be taken") {
  struct Case {
    bool is_open, open_now;
    const char* next_open;  // "" = none
    int remaining;          // -1 = no quota
    const char* id;
    const char* en;
  };
  const Case cases[] = {
      {true, true, "", -1, "", ""},
      {true, true, "", 5, "", ""},
      {true, true, "", 0, "Kuota hari ini habis", "Today's quota is used up"},
      {true, false, "2026-11-28T13:00:00+07:00", -1, "Tutup — buka pukul 13:00", "Closed — opens at 13:00"},
      {true, false, "2026-11-29T08:00:00+07:00", -1, "Tutup — buka besok 08:00", "Closed — opens tomorrow 08:00"},
      {true, false, "2026-11-30T08:00:00+07:00", -1, "Tutup — buka Senin 08:00", "Closed — opens Monday 08:00"},
      {true, false, "2026-11-30T08:00:00+07:00", 0, "Tutup — buka Senin 08:00", "Closed — opens Monday 08:00"},
      {true, false, "2026-12-07T08:00:00+07:00", -1, "Tutup — buka Senin, 7 Desember 2026 08:00",
       "Closed — opens Monday, 7 December 2026 08:00"},
      {true, false, "", -1, "TUTUP — tidak menerima antrean", "CLOSED — not taking tickets"},
      {false, false, "", -1, "TUTUP — tidak menerima antrean", "CLOSED — not taking tickets"},
  };
  for (const Case& c : cases) {
    ServiceStatus s;
    s.service.is_open = c.is_open;
    s.is_open_now = c.open_now;
    if (*c.next_open) s.next_open = At(c.next_open);
    if (c.remaining >= 0) s.remaining = c.remaining;
    CAPTURE(c.id);
    CHECK(IsTakeable(s) == (std::string(c.id).empty()));
    CHECK(UnavailableText(s, kSaturday, kWib, ui::Lang::kId) == c.id);
    CHECK(UnavailableText(s, kSaturday, kWib, ui::Lang::kEn) == c.en);
  }
}

TEST_CASE("Kiosk: closed and full services say so on home and cannot be tapped") {
  Rig rig;
  ui::Frame f = rig.Frame();
  CHECK(f.HasText("Tutup — buka Senin 08:00"));
  CHECK(f.HasText("Kuota hari ini habis"));
  CHECK(f.FindTarget("service:kk") == nullptr);
  CHECK(f.FindTarget("service:akta") == nullptr);
  CHECK_FALSE(rig.Tap("service:kk"));
  CHECK_FALSE(rig.Tap("service:akta"));
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK_FALSE(rig.screen.TakeIssueRequest().has_value());
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.Frame().HasText("Closed — opens Monday 08:00"));
  CHECK(rig.Frame().HasText("Today's quota is used up"));
  REQUIRE(rig.Tap("service:rekam"));  // places left: one tap issues
  CHECK(rig.screen.state() == KioskState::kIssuing);
}

TEST_CASE("Kiosk: when the server gave the last place away meanwhile, the kiosk says so plainly") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  rig.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kQuotaReached, "used up"}, rig.now);
  CHECK(rig.screen.state() == KioskState::kClosed);
  ui::Frame f = rig.Frame();
  CHECK(f.HasText("Kuota antrean hari ini untuk Perekaman e-KTP sudah habis."));
  CHECK(f.HasText("Tidak ada nomor yang dibuat."));
  REQUIRE(rig.Tap("back"));
  CHECK(rig.Frame().FindTarget("service:rekam") == nullptr);  // greyed out until the next read

  // A closing time passed meanwhile: the closed screen, and the tile greyed out too.
  rig.screen.OnServices(rig.services, rig.now);
  REQUIRE(rig.Tap("service:ikd"));
  req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  rig.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kServiceClosed, "outside its opening hours"}, rig.now);
  CHECK(rig.screen.state() == KioskState::kClosed);
  CHECK(rig.Frame().HasText("Layanan Aktivasi IKD sedang tutup."));
  REQUIRE(rig.Tap("back"));
  CHECK(rig.Frame().FindTarget("service:ikd") == nullptr);
  CHECK(rig.Frame().FindTarget("service:rekam") != nullptr);  // the fresh list had places again
}

TEST_CASE("Kiosk: live announcements show on home, in the chosen language, taking turns") {
  Rig rig;
  CHECK_FALSE(rig.Frame().HasText("Pengumuman"));
  rig.screen.TakeDirty();
  Announcement a{7, {"Loket 3 tutup sementara.", "Counter 3 is closed for now."}, kSaturday, kSaturday + 3600000, "live"};
  Announcement b{8, {"Blangko tersedia kembali.", "Blank cards are back in stock."}, kSaturday, kSaturday + 3600000, "live"};
  rig.screen.OnAnnouncements({a});
  CHECK(rig.screen.TakeDirty());
  CHECK(rig.Frame().HasText("Pengumuman: Loket 3 tutup sementara."));
  rig.screen.OnAnnouncements({a});  // the same list again: nothing to redraw
  CHECK_FALSE(rig.screen.TakeDirty());
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.Frame().HasText("Announcement: Counter 3 is closed for now."));

  rig.screen.OnAnnouncements({a, b});
  UnixMs turn = (rig.now / kAnnouncementTurnMs + 1) * kAnnouncementTurnMs;
  rig.screen.Tick(turn - 1);
  std::string first = rig.Frame().HasText("Counter 3") ? "a" : "b";
  rig.screen.TakeDirty();
  rig.screen.Tick(turn);
  CHECK(rig.screen.TakeDirty());  // the next one's turn
  CHECK(rig.Frame().HasText(first == "a" ? "Blank cards are back in stock." : "Counter 3 is closed for now."));
  CHECK(rig.Frame().HasText("(2/2)") != rig.Frame().HasText("(1/2)"));

  rig.screen.OnAnnouncements({});  // ended or removed
  CHECK_FALSE(rig.Frame().HasText("Announcement"));
}

TEST_CASE("Kiosk app: the check-in body names the last printer status, or unknown before any print") {
  CHECK(KioskStatusBody(std::nullopt, "") == "{\"printer\":\"unknown\",\"message\":\"\"}");
  CHECK(KioskStatusBody(PrinterStatus::kPaperOut, "no paper") == "{\"printer\":\"paper_out\",\"message\":\"no paper\"}");
  CHECK(KioskStatusBody(PrinterStatus::kOk, std::string(300, 'x')).size() ==
        std::string("{\"printer\":\"ok\",\"message\":\"\"}").size() + 200);
}
