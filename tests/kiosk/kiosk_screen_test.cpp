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

TEST_CASE("Kiosk: priority path marks the ticket with the chosen group") {
  Rig rig;
  REQUIRE(rig.Tap("priority"));
  CHECK(rig.screen.state() == KioskState::kPriority);
  REQUIRE(rig.Tap("group:hamil"));
  REQUIRE(rig.Tap("service:kk"));
  auto req = rig.screen.TakeIssueRequest();
  REQUIRE(req);
  CHECK(req->priority == Priority::kHamil);
  rig.screen.OnIssued(req->idempotency_key, rig.Ticket(*req, "C004"), rig.now);
  CHECK(rig.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("Prioritas: Ibu hamil"));
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
  CHECK(f.targets.empty());
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
