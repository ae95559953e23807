// The kiosk state machine driven by taps, with no SDL and no server.
#include <doctest/doctest.h>

#include "kiosk/kiosk_screen.h"
#include "kiosk/kiosk_theme.h"
#include "kiosk/screenshot.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

struct Rig {
  int keys = 0;
  UnixMs now = 1795833660000;
  KioskScreen screen{ScreenConfig{}, [this] { return "key-" + std::to_string(++keys); }};
  Rig() {
    screen.Tick(now);
    screen.OnServices(FixtureServices(true), now);
  }
  // Taps the centre of target `id`; false if the screen has no such target.
  bool Tap(const std::string& id, int after_ms = 2000) {
    now += after_ms;
    ui::Frame f = screen.BuildFrame(ui::FakeTextMeasurer());
    const ui::TouchTarget* t = f.FindTarget(id);
    if (!t) return false;
    screen.OnTap(t->rect.Center(), now);
    return true;
  }
  TicketView Ticket(const IssueRequest& r, const std::string& number) {
    TicketView t;
    t.ticket.id = "t-" + number;
    t.ticket.number = number;
    t.ticket.service = r.service;
    t.ticket.priority = r.priority;
    t.position = 3;
    t.ewt_minutes = 12;
    return t;
  }
};

}  // namespace

TEST_CASE("Kiosk: a walk-in gets a ticket with one tap, then printing is asked for") {
  Rig rig;
  CHECK(rig.screen.state() == KioskState::kHome);
  REQUIRE(rig.Tap("service:rekam"));
  CHECK(rig.screen.state() == KioskState::kIssuing);
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  CHECK(req->service == "rekam");
  CHECK(req->priority == Priority::kNone);
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "A001"), rig.now);
  CHECK(rig.screen.state() == KioskState::kTicket);
  auto job = rig.screen.TakePrintJob();
  REQUIRE(job);
  CHECK(job->qr_url.find("/t/t-A001") != std::string::npos);
  ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("A001"));
  CHECK(f.HasText("Di depan Anda: 2 orang"));
  CHECK(f.HasText("Layanan GRATIS — tidak dipungut biaya. Jangan gunakan calo."));
  CHECK_FALSE(rig.screen.TakePrintJob());
}

TEST_CASE("Kiosk: a priority ticket takes two taps: the group on home, then the service") {
  Rig rig;
  for (const char* group : {"group:lansia", "group:disabilitas", "group:hamil"}) {
    const ui::TouchTarget* t = rig.screen.BuildFrame(ui::FakeTextMeasurer()).FindTarget(group);
    REQUIRE_MESSAGE(t, group);
    CHECK(t->rect.w >= rig.screen.MinTargetPx());
    CHECK(t->rect.h >= rig.screen.MinTargetPx());
  }
  REQUIRE(rig.Tap("group:hamil"));
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Prioritas: Ibu hamil"));
  REQUIRE(rig.Tap("service:kk"));
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  CHECK(req->priority == Priority::kHamil);
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "C004"), rig.now);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Prioritas: Ibu hamil"));
}

TEST_CASE("Kiosk: priority means served first, never that other services cost money") {
  Rig rig;
  for (Lang lang : {Lang::kId, Lang::kEn}) {
    if (rig.screen.lang() != lang) REQUIRE(rig.Tap("lang"));
    for (const auto& text : rig.screen.BuildFrame(ui::FakeTextMeasurer()).Texts()) {
      CHECK_MESSAGE(text.find("gratis, didahulukan") == std::string::npos, text);
      CHECK_MESSAGE(text.find("free, served first") == std::string::npos, text);
    }
  }
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("PRIORITY — served first"));
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("PRIORITAS — dilayani lebih dulu"));
}

TEST_CASE("Kiosk: the way back from a priority choice is a normal ticket") {
  Rig rig;
  REQUIRE(rig.Tap("group:lansia"));
  REQUIRE(rig.Tap("back"));
  REQUIRE(rig.Tap("service:rekam"));
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  CHECK(req->priority == Priority::kNone);
}

TEST_CASE("Kiosk: a double tap sends one request; retries reuse its key") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  CHECK_FALSE(rig.Tap("service:rekam", 50));  // the issuing screen has no service buttons
  auto first = rig.screen.TakeIssueRequest();
  REQUIRE(first);
  CHECK_FALSE(rig.screen.TakeIssueRequest());
  rig.screen.OnIssued(first->idempotency_key, Error{ErrorCode::kUnavailable, "timeout"}, rig.now);
  rig.now += 2000;
  rig.screen.Tick(rig.now);
  auto retry = rig.screen.TakeIssueRequest();
  REQUIRE(retry);
  CHECK(retry->idempotency_key == first->idempotency_key);
  CHECK(rig.keys == 1);
}

TEST_CASE("Kiosk: closed services cannot be tapped; a late close shows the closed screen") {
  Rig rig;  // fixture: akta closed
  CHECK_FALSE(rig.Tap("service:akta"));
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("TUTUP"));
  REQUIRE(rig.Tap("service:kk"));
  auto req = rig.screen.TakeIssueRequest();
  rig.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kServiceClosed, "closed"}, rig.now);
  CHECK(rig.screen.state() == KioskState::kClosed);
  REQUIRE(rig.Tap("back"));
  CHECK(rig.screen.state() == KioskState::kHome);
}

TEST_CASE("Kiosk: server down shows out of order with no numbers, and recovers") {
  Rig rig;
  rig.screen.OnServices(Error{ErrorCode::kUnavailable, "refused"}, rig.now);
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("Mohon maaf, sistem antrean sedang gangguan. Silakan hubungi petugas."));
  CHECK(f.HasText("Sorry, the queue system is out of order."));
  REQUIRE(f.targets.size() == 1);  // only the speaker button: nothing to choose
  CHECK(f.targets[0].id == "speech");
  rig.screen.OnServices(FixtureServices(false), rig.now);
  CHECK(rig.screen.state() == KioskState::kHome);
}

TEST_CASE("Kiosk: an issue that keeps failing gives up to out of order, saying no ticket") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  for (int i = 0; i < 30 && rig.screen.state() == KioskState::kIssuing; ++i) {
    if (auto r = rig.screen.TakeIssueRequest()) {
      rig.screen.OnIssued(r->idempotency_key, Error{ErrorCode::kUnavailable, "down"}, rig.now);
    }
    rig.now += 1000;
    rig.screen.Tick(rig.now);
  }
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("No ticket was issued."));
}

TEST_CASE("Kiosk: printer failure keeps the number on screen and says so") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  auto req = rig.screen.TakeIssueRequest();
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "A009"), rig.now);
  rig.screen.OnPrinted("t-A009", PrinterStatus::kPaperOut, rig.now);
  rig.now += 30000;  // longer than a normal ticket screen
  rig.screen.Tick(rig.now);
  CHECK(rig.screen.state() == KioskState::kTicket);
  ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("A009"));
  CHECK(f.HasText("kertas habis"));
  CHECK(f.HasText("TIDAK tercetak"));
}

TEST_CASE("Kiosk: ticket screen times out home; idle resets the language") {
  Rig rig;
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.screen.lang() == Lang::kEn);
  REQUIRE(rig.Tap("service:cetak"));
  auto req = rig.screen.TakeIssueRequest();
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "B001"), rig.now);
  rig.screen.OnPrinted("t-B001", PrinterStatus::kOk, rig.now);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Your ticket number"));
  rig.now += 13000;
  rig.screen.Tick(rig.now);
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK(rig.screen.lang() == Lang::kId);

  REQUIRE(rig.Tap("lang"));
  rig.now += 60000;
  rig.screen.Tick(rig.now);
  CHECK(rig.screen.lang() == Lang::kId);
}

TEST_CASE("Kiosk: every text/background pair has contrast of at least 7:1") {
  for (auto [fg, bg] : TextColorPairs()) {
    INFO("fg ", int(fg.r), ",", int(fg.g), ",", int(fg.b), " on ", int(bg.r), ",", int(bg.g), ",", int(bg.b));
    CHECK(ui::ContrastRatio(fg, bg) >= 7.0);
  }
}

TEST_CASE("Kiosk: the minimum target is 20 mm on the configured screen") {
  KioskScreen s(ScreenConfig{}, [] { return "k"; });
  CHECK(s.MinTargetPx() == 81);  // 1080 px over 268 mm
  s.Resize(1280, 720);           // same panel turned landscape: 476 x 268 mm
  CHECK(s.MinTargetPx() == 54);
}

TEST_CASE("Kiosk: each service tile carries its plain description, in the chosen language") {
  Rig rig;
  ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("Foto, sidik jari, dan tanda tangan untuk e-KTP"));
  CHECK(f.HasText("Pertanyaan, keluhan, dan saran"));
  REQUIRE(rig.Tap("lang"));
  f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("Photo, fingerprints and signature for your e-KTP"));
  CHECK_FALSE(f.HasText("Foto, sidik jari"));

  // No description: no empty line of text, the tile is just name and figures.
  auto services = FixtureServices(false);
  for (auto& s : services) s.service.description = {};
  rig.screen.OnServices(services, rig.now);
  for (const auto& text : rig.screen.BuildFrame(ui::FakeTextMeasurer()).Texts()) CHECK_FALSE(text.empty());
}

TEST_CASE("Kiosk: 'no queue, served right away' only when a counter for it is open") {
  struct Case {
    int waiting, counters_open;
    bool promised;
  };
  const Case cases[] = {{0, 1, true}, {0, 3, true}, {0, 0, false}, {0, -1, false}, {2, 1, false}};
  for (const Case& c : cases) {
    Rig rig;
    auto services = FixtureServices(false);
    for (auto& s : services) s.waiting = 5, s.counters_open = 1;  // only akta varies
    services[3].waiting = c.waiting;
    services[3].counters_open = c.counters_open;
    rig.screen.OnServices(services, rig.now);
    ui::Frame f = rig.screen.BuildFrame(ui::FakeTextMeasurer());
    INFO("waiting ", c.waiting, ", counters open ", c.counters_open);
    CHECK(f.HasText("Tidak ada antrean — langsung dilayani") == c.promised);
    CHECK(f.HasText("Belum ada yang menunggu") == (c.waiting == 0 && !c.promised));
  }
}

TEST_CASE("Kiosk: the closed screen says when the service opens again") {
  Rig rig;
  REQUIRE(rig.Tap("service:kk"));
  auto req = rig.screen.TakeIssueRequest();
  rig.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kServiceClosed, "closed"}, rig.now);
  REQUIRE(rig.screen.state() == KioskState::kClosed);
  CHECK_FALSE(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("buka lagi"));  // not known yet
  auto services = FixtureServices(false);
  services[2].is_open_now = false;
  services[2].next_open = rig.now + 3 * 3600000;  // 09:41 + 3 h, same day (WIB)
  rig.screen.OnServices(services, rig.now);       // the app's re-read after the refusal
  CHECK(rig.screen.state() == KioskState::kClosed);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Layanan ini buka lagi hari ini pukul 12:4"));
  services[2].next_open = rig.now + 2 * 24 * 3600000;  // Monday
  rig.screen.OnServices(services, rig.now);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Layanan ini buka lagi hari Senin pukul"));

  Rig en;
  REQUIRE(en.Tap("lang"));
  REQUIRE(en.Tap("service:kk"));
  req = en.screen.TakeIssueRequest();
  en.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kServiceClosed, "closed"}, en.now);
  en.screen.OnServices(services, en.now);
  CHECK(en.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("This service opens again on Monday at"));
}

TEST_CASE("Kiosk: a tap is answered within 5 s even when the server never answers") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  UnixMs tapped = rig.now;
  REQUIRE(rig.screen.TakeIssueRequest());  // sent; no answer ever comes (a hung server)
  while (rig.screen.state() == KioskState::kIssuing && rig.now - tapped < 20000) {
    rig.now += 100;  // one frame
    rig.screen.Tick(rig.now);
  }
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  CHECK(rig.now - tapped <= 5000);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Tiket Anda belum dibuat."));
}

TEST_CASE("Kiosk: failing issues give up within 5 s") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  UnixMs tapped = rig.now;
  while (rig.screen.state() == KioskState::kIssuing && rig.now - tapped < 20000) {
    if (auto r = rig.screen.TakeIssueRequest()) {
      rig.screen.OnIssued(r->idempotency_key, Error{ErrorCode::kUnavailable, "refused"}, rig.now);
    }
    rig.now += 100;
    rig.screen.Tick(rig.now);
  }
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  CHECK(rig.now - tapped <= 5000);
}

TEST_CASE("Kiosk: a ticket the server made after the give-up is still shown and printed") {
  Rig rig;
  REQUIRE(rig.Tap("service:rekam"));
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  rig.now += 6000;
  rig.screen.Tick(rig.now);
  REQUIRE(rig.screen.state() == KioskState::kOutOfOrder);
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "A031"), rig.now);
  CHECK(rig.screen.state() == KioskState::kTicket);
  CHECK(rig.screen.TakePrintJob());
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("A031"));
  // A failure answered late changes nothing, and a stranger key is ignored.
  rig.screen.OnIssued(req->idempotency_key, Error{ErrorCode::kUnavailable, "x"}, rig.now);
  rig.screen.OnIssued("other", rig.Ticket(*req, "A032"), rig.now);
  CHECK(rig.screen.ticket()->ticket.number == "A031");
}

TEST_CASE("Kiosk: a check-in with no answer is answered within 5 s too") {
  Rig rig;
  rig.screen.OnText("AB7KM2PQ", rig.now);
  rig.screen.OnEnter(rig.now);
  UnixMs scanned = rig.now;
  REQUIRE(rig.screen.TakeCheckInRequest());
  while (rig.screen.state() == KioskState::kCheckingIn && rig.now - scanned < 20000) {
    rig.now += 100;
    rig.screen.Tick(rig.now);
  }
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  CHECK(rig.now - scanned <= 5000);
}

TEST_CASE("Kiosk: the out-of-order notice follows the English switch, both languages kept") {
  Rig rig;
  REQUIRE(rig.Tap("lang"));
  rig.screen.OnServices(Error{ErrorCode::kUnavailable, "refused"}, rig.now);
  std::vector<std::string> texts = rig.screen.BuildFrame(ui::FakeTextMeasurer()).Texts();
  size_t en = texts.size(), id = texts.size();
  for (size_t i = 0; i < texts.size(); ++i) {
    if (texts[i].find("Sorry, the queue system is out of order") != std::string::npos) en = i;
    if (texts[i].find("Mohon maaf, sistem antrean sedang gangguan") != std::string::npos) id = i;
  }
  REQUIRE(en < texts.size());
  REQUIRE(id < texts.size());
  CHECK(en < id);
}
