// The kiosk (screen + app + png printer) against the real antre-server: taps in, tickets,
// paper and fault reports out. No SDL window: taps go to the screen's touch targets.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "kiosk_rig.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/printer.h"
#include "ui/png.h"
#include "ui/sdl_renderer.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

std::string TicketJson(ServerProcess& srv, const std::string& id) {
  auto res = srv.Client()->Get(("/api/v1/tickets/" + id).c_str());
  return res ? res->body : "";
}

}  // namespace

TEST_CASE("Kiosk blackbox: walk-in ticket in one tap, printed as PNG with number and QR") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"));
  Kiosk k(srv.base_url(), "png:" + dir.path(), 60000);  // no periodic refresh: only events
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("service:rekam"));
  REQUIRE(k.InState(KioskState::kTicket));
  REQUIRE(k.Until([&] { return k.screen.printer_status().has_value(); }));
  CHECK(*k.screen.printer_status() == PrinterStatus::kOk);
  const TicketView& t = *k.screen.ticket();
  CHECK(t.ticket.number == "A001");
  CHECK(JsonField(TicketJson(srv, t.ticket.id), "status") == "waiting");
  std::string png = ReadFile(dir.File("ticket-A001-" + t.ticket.id + ".png"));
  ui::RgbaImage img;
  std::string err;
  REQUIRE_MESSAGE(ui::DecodePng(png, &img, &err), err);
  CHECK(img.width == 576);
  // Live counts: another kiosk's ticket reaches this one through the event stream.
  CHECK(k.Until([&] { return k.Waiting("rekam") == 1; }));
  auto cli = srv.Client();
  REQUIRE(cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                    "application/json"));
  CHECK(k.Until([&] { return k.Waiting("rekam") == 2; }, 5000));
}

TEST_CASE("Kiosk blackbox: priority path issues a priority ticket") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"));
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("priority"));
  REQUIRE(k.Tap("group:disabilitas"));
  REQUIRE(k.Tap("service:cetak"));
  REQUIRE(k.InState(KioskState::kTicket));
  std::string body = TicketJson(srv, k.screen.ticket()->ticket.id);
  CHECK(JsonField(body, "priority") == "disabilitas");
  CHECK(JsonField(body, "number") == "B001");
}

TEST_CASE("Kiosk blackbox: a closed service shows closed and cannot be tapped") {
  TempDir dir;
  std::string config = ReadFile(std::string(ANTRE_TEST_OFFICE));
  // Close "akta" only: its "open": true is the 4th in the file (rekam, cetak, kk, akta...).
  size_t at = 0;
  for (int i = 0; i < 4; ++i) at = config.find("\"open\": true", at) + 1;
  REQUIRE(config.compare(at - 1, 12, "\"open\": true") == 0);
  config.replace(at - 1, 12, "\"open\": false");
  std::ofstream(dir.File("office.json")) << config;
  ServerProcess srv(dir.File("x.db"), {"--config", dir.File("office.json")});
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  CHECK_FALSE(k.Tap("service:akta"));
  CHECK(k.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("TUTUP"));
  CHECK(k.Tap("service:kk"));
  CHECK(k.InState(KioskState::kTicket));
}

TEST_CASE("Kiosk blackbox: server down shows out of order, then recovers by itself") {
  TempDir dir;
  auto srv = std::make_unique<ServerProcess>(dir.File("x.db"));
  int port = srv->port();
  Kiosk k(srv->base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  srv->Kill9();
  REQUIRE(k.InState(KioskState::kOutOfOrder));
  CHECK(k.screen.BuildFrame(ui::FakeTextMeasurer()).HasText("sistem antrean sedang gangguan"));
  CHECK_FALSE(k.Tap("service:rekam"));  // no buttons, no invented numbers
  srv = std::make_unique<ServerProcess>(dir.File("x.db"), std::vector<std::string>{"--demo"}, port);
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("service:rekam"));
  REQUIRE(k.InState(KioskState::kTicket));
  CHECK(k.screen.ticket()->ticket.number == "A001");
}

TEST_CASE("Kiosk blackbox: a double tap makes one ticket") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"));
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("service:kk"));
  k.Tap("service:kk");  // the second finger lands on the "please wait" screen
  REQUIRE(k.InState(KioskState::kTicket));
  CHECK(k.keys == 1);
  auto res = srv.Client()->Get("/api/v1/sites/serang/services");
  REQUIRE(res);
  CHECK(res->body.find("\"id\":\"kk\",\"prefix\":\"C\"") != std::string::npos);
  std::smatch m;
  REQUIRE(std::regex_search(res->body, m, std::regex("\"id\":\"kk\"[^}]*\\}[^}]*\\}[^}]*\"waiting\":(\\d+)")));
  CHECK(m[1] == "1");
}

TEST_CASE("Kiosk blackbox: a printer fault is on screen and reported to the server") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"));
  Kiosk k(srv.base_url(), dir.File("no-such-dir/lp0"));
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Tap("service:rekam"));
  REQUIRE(k.InState(KioskState::kTicket));
  REQUIRE(k.Until([&] { return k.screen.printer_status().has_value(); }));
  CHECK(*k.screen.printer_status() == PrinterStatus::kOffline);
  ui::Frame f = k.screen.BuildFrame(ui::FakeTextMeasurer());
  CHECK(f.HasText("TIDAK tercetak"));
  CHECK(f.HasText("A001"));
  REQUIRE(k.Until([&] { return k.app.reported_status() == PrinterStatus::kOffline; }));
  auto cli = srv.Client();
  std::string token = Login(*cli, "supervisor", "supervisor-demo");
  auto res = cli->Get("/api/v1/sites/serang/devices", Bearer(token));
  REQUIRE(res);
  CHECK(res->body.find("\"printer\":\"offline\"") != std::string::npos);
}
