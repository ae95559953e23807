// OPAK MANIS check-in at the kiosk against the real antre-server (--demo --test-clock):
// bookings are made over HTTP, the clock is set, and the kiosk is driven by scans and taps.
#include <doctest/doctest.h>

#include <filesystem>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"
#include "kiosk_rig.h"

using namespace antre;
using namespace antre::kiosk;

namespace {

// The demo office's Monday 30 Nov 2026, at a local time "HH:MM".
std::string At(const std::string& hhmm) { return "2026-11-30T" + hhmm + ":00+07:00"; }

void SetClock(ServerProcess& srv, const std::string& hhmm) {
  auto res = srv.Client()->Post("/api/v1/test/clock", "{\"now\":\"" + At(hhmm) + "\"}",
                                "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

// Books `service` at slot `hhmm` for the n-th demo resident (own NIK and phone); the code.
std::string Book(ServerProcess& srv, const std::string& service, const std::string& hhmm, int n) {
  char nik[17], phone[16];
  std::snprintf(nik, sizeof nik, "36730115059%05d", n);
  std::snprintf(phone, sizeof phone, "0812345%05d", n);
  std::string body = std::string("{\"nik\":\"") + nik + "\",\"name\":\"Siti\",\"phone\":\"" +
                     phone + "\",\"service\":\"" + service + "\",\"slot_start\":\"" + At(hhmm) +
                     "\"}";
  auto res = srv.Client()->Post("/api/v1/sites/serang/bookings", WithPow(*srv.Client(), body), "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 201, res->body);
  std::string code = JsonField(res->body, "code");
  REQUIRE(code.size() == 8);
  return code;
}

// A walk-in ticket from another kiosk; its id.
std::string WalkIn(ServerProcess& srv, const std::string& service) {
  auto res = srv.Client()->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"),
                                "{\"service\":\"" + service + "\"}", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 201);
  return JsonField(res->body, "id");
}

std::string TicketBody(ServerProcess& srv, const std::string& id) {
  auto res = srv.Client()->Get(("/api/v1/tickets/" + id).c_str());
  return res ? res->body : "";
}

bool Shows(Kiosk& k, const std::string& text) {
  return k.screen.BuildFrame(ui::FakeTextMeasurer()).HasText(text);
}

int PngCount(const std::string& dir) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    n += e.path().extension() == ".png";
  return n;
}

const std::vector<std::string> kTestClock = {"--demo", "--test-clock"};

}  // namespace

TEST_CASE("Check-in blackbox: a scan checks in, the ticket is ordered by its slot and printed") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  SetClock(srv, "07:00");
  std::string code = Book(srv, "rekam", "09:00", 1);
  SetClock(srv, "08:50");
  std::string early = WalkIn(srv, "rekam");  // came before the slot: stays ahead
  SetClock(srv, "09:05");
  std::string later = WalkIn(srv, "rekam");  // came after the slot start: goes behind
  SetClock(srv, "09:10");
  Kiosk k(srv.base_url(), "png:" + dir.path());
  REQUIRE(k.InState(KioskState::kHome));
  k.Scan(code.substr(0, 4) + "-" + code.substr(4));  // as printed, with a dash
  REQUIRE(k.InState(KioskState::kTicket));
  const TicketView& t = *k.screen.ticket();
  std::string body = TicketBody(srv, t.ticket.id);
  CHECK(t.ticket.booking == code);            // the kiosk's check-in answer names the booking
  CHECK(JsonField(body, "booking") == "true");  // the public ticket JSON only says there is one
  CHECK(JsonField(body, "number") == t.ticket.number);
  CHECK(JsonField(body, "position") == "2");
  CHECK(JsonField(TicketBody(srv, later), "position") == "3");
  CHECK(JsonField(TicketBody(srv, early), "position") == "1");
  CHECK(Shows(k, t.ticket.number));
  CHECK(Shows(k, "Booking " + code.substr(0, 4) + "-" + code.substr(4)));
  CHECK(Shows(k, "Di depan Anda: 1 orang"));
  REQUIRE(k.Until([&] { return k.screen.printer_status().has_value(); }));
  CHECK(*k.screen.printer_status() == PrinterStatus::kOk);
  CHECK(
      std::filesystem::exists(dir.File("ticket-" + t.ticket.number + "-" + t.ticket.id + ".png")));
}

TEST_CASE("Check-in blackbox: too early says when check-in opens; no ticket is made") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  SetClock(srv, "07:00");
  std::string code = Book(srv, "kk", "09:00", 2);
  SetClock(srv, "08:10");
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  k.Scan(code);
  REQUIRE(k.InState(KioskState::kCheckInRefused));
  CHECK(k.screen.refusal() == CheckInRefusal::kTooEarly);
  CHECK(Shows(k, "check-in dibuka pukul 08:30"));
  CHECK(k.Waiting("kk") == 0);
  // At 08:45 the same code works.
  SetClock(srv, "08:45");
  k.Scan(code);
  REQUIRE(k.InState(KioskState::kTicket));
  CHECK(k.screen.ticket()->ticket.booking == code);
}

TEST_CASE("Check-in blackbox: too late offers a walk-in ticket, which is a normal ticket") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  SetClock(srv, "07:00");
  std::string code = Book(srv, "cetak", "09:00", 3);
  SetClock(srv, "09:31");  // the 09:00-09:30 slot has ended
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  k.Scan(code);
  REQUIRE(k.InState(KioskState::kCheckInRefused));
  CHECK(Shows(k, "Waktu check-in sudah lewat"));
  // The server names the booking's service, so the offer is for it: one tap, one ticket.
  CHECK(Shows(k, "Ambil nomor antrean biasa — Pencetakan e-KTP"));
  REQUIRE(k.Tap("walkin"));
  REQUIRE(k.InState(KioskState::kTicket));
  std::string body = TicketBody(srv, k.screen.ticket()->ticket.id);
  CHECK(JsonField(body, "service") == "cetak");
  CHECK(body.find("\"booking\":false") != std::string::npos);
}

TEST_CASE("Check-in blackbox: unknown and cancelled codes get their messages") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  SetClock(srv, "07:00");
  std::string code = Book(srv, "akta", "09:00", 4);
  auto res = srv.Client()->Post(("/api/v1/bookings/" + code + "/cancel").c_str(),
                                "{\"nik\":\"3673011505900004\"}", "application/json");
  REQUIRE(res);
  REQUIRE_MESSAGE(res->status == 200, res->body);
  SetClock(srv, "08:45");
  Kiosk k(srv.base_url(), "none");
  REQUIRE(k.InState(KioskState::kHome));
  // Typed on the keypad this time: a code nobody booked.
  REQUIRE(k.Tap("booking"));
  for (char c : std::string("ZZZZ2222")) REQUIRE(k.Tap(std::string("key:") + c));
  REQUIRE(k.Tap("checkin"));
  REQUIRE(k.InState(KioskState::kCheckInRefused));
  CHECK(Shows(k, "Kode tidak ditemukan, periksa kembali"));
  REQUIRE(k.Tap("back"));
  k.Scan(code);
  REQUIRE(k.Until([&] { return k.screen.refusal() == CheckInRefusal::kNotUsable; }));
  CHECK(Shows(k, "Booking ini sudah dibatalkan"));
}

TEST_CASE("Check-in blackbox: a double scan makes one ticket and one paper") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  SetClock(srv, "07:00");
  std::string code = Book(srv, "ikd", "09:00", 5);
  SetClock(srv, "08:45");
  Kiosk k(srv.base_url(), "png:" + dir.path());
  REQUIRE(k.InState(KioskState::kHome));
  k.Scan(code);
  k.Scan(code);  // the scanner fired twice
  REQUIRE(k.InState(KioskState::kTicket));
  std::string first = k.screen.ticket()->ticket.id;
  REQUIRE(k.Until([&] { return k.screen.printer_status().has_value(); }));
  k.Scan(code);  // and again, with the ticket on screen
  REQUIRE(k.Tap("done"));
  k.Scan(code);  // and once more from home: the server gives the same ticket (200)
  REQUIRE(k.InState(KioskState::kTicket));
  CHECK(k.screen.ticket()->ticket.id == first);
  CHECK(k.Until([&] { return k.Waiting("ikd") == 1; }));
  auto res = srv.Client()->Get("/api/v1/sites/serang/services");
  REQUIRE(res);
  CHECK(res->body.find("\"waiting\":1") != std::string::npos);
  CHECK(PngCount(dir.path()) == 1);
}

TEST_CASE("Check-in blackbox: the blank-card level follows the supervisor's stock moves live") {
  TempDir dir;
  ServerProcess srv(dir.File("x.db"), kTestClock);
  Kiosk k(srv.base_url(), "none", 60000);  // no periodic refresh: only the event stream
  REQUIRE(k.InState(KioskState::kHome));
  REQUIRE(k.Until([&] { return k.screen.stock() == CardStockLevel::kAvailable; }));
  CHECK_FALSE(Shows(k, "Blangko e-KTP"));
  auto cli = srv.Client();
  std::string token = Login(*cli, "supervisor", "supervisor-demo");
  REQUIRE_FALSE(token.empty());
  auto move = [&](int delta) {
    auto res = cli->Post(
        "/api/v1/sites/serang/stock", Bearer(token),
        "{\"delta\":" + std::to_string(delta) + ",\"kind\":\"adjusted\",\"reason\":\"x\"}",
        "application/json");
    REQUIRE(res);
    REQUIRE_MESSAGE(res->status == 200, res->body);
  };
  move(-460);  // 500 -> 40, under the demo's threshold of 50
  REQUIRE(k.Until([&] { return k.screen.stock() == CardStockLevel::kLow; }, 5000));
  CHECK(Shows(k, "Blangko e-KTP terbatas"));
  move(-40);
  REQUIRE(k.Until([&] { return k.screen.stock() == CardStockLevel::kEmpty; }, 5000));
  CHECK(Shows(k, "Blangko e-KTP sedang habis — Anda akan menerima Surat Keterangan"));
  move(500);
  REQUIRE(k.Until([&] { return k.screen.stock() == CardStockLevel::kAvailable; }, 5000));
  CHECK_FALSE(Shows(k, "Blangko e-KTP"));
}
