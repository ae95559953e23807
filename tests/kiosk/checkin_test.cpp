// OPAK MANIS check-in at the kiosk, with no SDL and no server: booking-code rules, the
// keypad, scanner input (text then Enter), double scans, refusals and the stock notice.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "kiosk/booking_code.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/kiosk_screen.h"
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
    screen.OnServices(FixtureServices(false), now);
  }
  ui::Frame Frame() const { return screen.BuildFrame(ui::FakeTextMeasurer()); }
  bool Tap(const std::string& id, int after_ms = 2000) {
    now += after_ms;
    ui::Frame f = Frame();  // keep the frame alive: FindTarget points into it
    const ui::TouchTarget* t = f.FindTarget(id);
    if (!t) return false;
    screen.OnTap(t->rect.Center(), now);
    return true;
  }
  void Scan(const std::string& text) {
    now += 50;
    for (char c : text) screen.OnText(std::string(1, c), now);  // a scanner types one key at a time
    screen.OnEnter(now);
  }
  TicketView Ticket(const std::string& number, const std::string& booking) {
    TicketView t;
    t.ticket.id = "t-" + number;
    t.ticket.number = number;
    t.ticket.service = "rekam";
    t.ticket.booking = booking;
    t.position = 2;
    t.ewt_minutes = 5;
    return t;
  }
  // Answers the pending check-in with `answer`; false if none was pending.
  bool Answer(const Result<CheckInAnswer>& answer, const std::string& service = "") {
    auto r = screen.TakeCheckInRequest();
    if (!r) return false;
    screen.OnCheckedIn(r->code, answer, now, service);
    return true;
  }
};

}  // namespace

TEST_CASE("BookingCode: only the unambiguous alphabet is accepted, lower case is raised") {
  for (char c : std::string(kBookingCodeAlphabet)) CHECK(BookingCodeChar(c) == c);
  const std::string accepted_lower = "abcdefghjkmnpqrstuvwxyz";
  for (char c : accepted_lower) CHECK(BookingCodeChar(c) == c - 'a' + 'A');
  const std::string refused = "0O1Il oi-_ .:/!";
  for (char c : refused) CHECK_MESSAGE(BookingCodeChar(c) == 0, "char '", c, "'");
  CHECK(FilterBookingCode("ab-0O1 7k") == "AB7K");
  CHECK(std::string(kBookingCodeAlphabet).size() == 31);
}

TEST_CASE("BookingCode: grouped as ABCD-EFGH, padded while partial") {
  CHECK(GroupBookingCode("AB7KM2PQ") == "AB7K-M2PQ");
  CHECK(GroupBookingCode("AB7") == "AB7_-____");
  CHECK(GroupBookingCode("") == "____-____");
}

TEST_CASE("BookingCode: a scan is a code, a spaced or dashed code, or a link ending in one") {
  const char* valid[] = {"AB7KM2PQ",
                         "ab7km2pq",
                         "AB7K-M2PQ",
                         "AB7K M2PQ",
                         " AB7K-M2PQ ",
                         "https://antre.example.go.id/booking?code=AB7KM2PQ",
                         "https://antre.example.go.id/b/AB7K-M2PQ",
                         "OPAK:AB7KM2PQ"};
  for (const char* s : valid) CHECK_MESSAGE(ExtractBookingCode(s) == "AB7KM2PQ", s);
  const char* invalid[] = {"",
                           "AB7KM2P",
                           "AB7KM2PQR",
                           "AB0KM2PQ",
                           "ABOKM2PQ",
                           "hello world",
                           "https://antre.example.go.id/booking"};
  for (const char* s : invalid) CHECK_MESSAGE(ExtractBookingCode(s).empty(), s);
}

TEST_CASE("BookingCode: the opening time is read from the server's too_early message") {
  CHECK(CheckInOpensAt("check-in opens 30 minutes before 09:00") == "08:30");
  CHECK(CheckInOpensAt("check-in opens 45 minutes before 08:15") == "07:30");
  CHECK(CheckInOpensAt("check-in opens 30 minutes before 00:10") == "23:40");
  for (const char* bad :
       {"", "too early", "check-in opens soon", "check-in opens 30 minutes before 9"}) {
    CHECK_MESSAGE(CheckInOpensAt(bad).empty(), bad);
  }
}

TEST_CASE("Check-in: the home button opens a keypad with only the code's characters") {
  Rig rig;
  REQUIRE(rig.Tap("booking"));
  CHECK(rig.screen.state() == KioskState::kCodeEntry);
  std::set<std::string> keys;
  for (const auto& t : rig.Frame().targets) {
    if (t.id.rfind("key:", 0) == 0) keys.insert(t.id.substr(4));
    CHECK(t.rect.w >= rig.screen.MinTargetPx());
    CHECK(t.rect.h >= rig.screen.MinTargetPx());
  }
  std::set<std::string> expected;
  for (char c : std::string(kBookingCodeAlphabet)) expected.insert(std::string(1, c));
  CHECK(keys == expected);
  CHECK(rig.Frame().FindTarget("backspace"));
  CHECK(rig.Frame().FindTarget("clear"));
}

TEST_CASE("Check-in: typing on the keypad fills the code, check-in only at 8 characters") {
  Rig rig;
  REQUIRE(rig.Tap("booking"));
  REQUIRE(rig.Tap("key:A"));  // the first tap after the screen change waits out the tap guard
  for (const char* k : {"B", "7", "K", "M", "2", "P"})
    REQUIRE(rig.Tap(std::string("key:") + k, 300));
  CHECK(rig.screen.code() == "AB7KM2P");
  CHECK_FALSE(rig.Frame().FindTarget("checkin"));
  CHECK(rig.Frame().HasText("kurang 1 karakter"));
  REQUIRE(rig.Tap("backspace", 300));
  CHECK(rig.screen.code() == "AB7KM2");
  for (const char* k : {"P", "Q", "Z"}) REQUIRE(rig.Tap(std::string("key:") + k, 300));
  CHECK(rig.screen.code() == "AB7KM2PQ");  // a ninth key is ignored
  REQUIRE(rig.Tap("checkin", 300));
  CHECK(rig.screen.state() == KioskState::kCheckingIn);
  auto r = rig.screen.TakeCheckInRequest();
  REQUIRE(r);
  CHECK(r->code == "AB7KM2PQ");
  CHECK(rig.Frame().HasText("AB7K-M2PQ"));
}

TEST_CASE("Check-in: Clear empties the code; the boxes show each typed character") {
  Rig rig;
  REQUIRE(rig.Tap("booking"));
  rig.screen.OnText("ab7", rig.now);
  auto count = [&](const std::string& text) {
    auto texts = rig.Frame().Texts();
    return std::count(texts.begin(), texts.end(), text);
  };
  CHECK(count("7") == 2);  // its key, and its box in the code
  CHECK(count("C") == 1);  // only its key
  REQUIRE(rig.Tap("clear"));
  CHECK(rig.screen.code().empty());
}

TEST_CASE("Check-in: a scan on the home screen alone checks in (text, then Enter)") {
  Rig rig;
  rig.Scan("ab7k-m2pq");
  CHECK(rig.screen.state() == KioskState::kCheckingIn);
  auto r = rig.screen.TakeCheckInRequest();
  REQUIRE(r);
  CHECK(r->code == "AB7KM2PQ");
}

TEST_CASE("Check-in: a scanned link is read for its code; junk then Enter checks nothing in") {
  Rig rig;
  rig.Scan("https://antre.example.go.id/booking?code=AB7KM2PQ");
  auto r = rig.screen.TakeCheckInRequest();
  REQUIRE(r);
  CHECK(r->code == "AB7KM2PQ");
  Rig other;
  other.Scan("hello");
  CHECK_FALSE(other.screen.TakeCheckInRequest());
  CHECK(other.screen.state() == KioskState::kCodeEntry);  // shows what was typed
}

TEST_CASE("Check-in: a double scan sends one request and prints one ticket") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  rig.Scan("AB7KM2PQ");  // the second scan lands while the first is in flight
  auto r = rig.screen.TakeCheckInRequest();
  REQUIRE(r);
  CHECK_FALSE(rig.screen.TakeCheckInRequest());
  rig.screen.OnCheckedIn(r->code, CheckInAnswer{rig.Ticket("A004", "AB7KM2PQ"), false}, rig.now);
  CHECK(rig.screen.state() == KioskState::kTicket);
  CHECK(rig.screen.TakePrintJob());
  rig.Scan("AB7KM2PQ");  // again, with its ticket on screen: nothing happens
  CHECK_FALSE(rig.screen.TakeCheckInRequest());
  CHECK(rig.screen.state() == KioskState::kTicket);
  // After going home, a repeat gets the server's same ticket (200) without a second paper.
  REQUIRE(rig.Tap("done"));
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(CheckInAnswer{rig.Ticket("A004", "AB7KM2PQ"), true}));
  CHECK(rig.screen.state() == KioskState::kTicket);
  CHECK_FALSE(rig.screen.TakePrintJob());
  CHECK(rig.Frame().HasText("baru saja dicetak"));
  CHECK(rig.keys == 0);  // no walk-in ticket was asked for
}

TEST_CASE("Check-in: success shows the number, the service and the booking line, and prints") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(CheckInAnswer{rig.Ticket("A004", ""), false}));
  ui::Frame f = rig.Frame();
  CHECK(f.HasText("A004"));
  CHECK(f.HasText("Perekaman e-KTP"));
  CHECK(f.HasText("Booking AB7K-M2PQ"));
  auto job = rig.screen.TakePrintJob();
  REQUIRE(job);
  CHECK(job->ticket.ticket.booking == "AB7KM2PQ");
}

TEST_CASE("Check-in: too early says when check-in opens, in the chosen language") {
  Rig rig;
  REQUIRE(rig.Tap("lang"));
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(Error{ErrorCode::kTooEarly, "check-in opens 30 minutes before 09:00"}));
  CHECK(rig.screen.state() == KioskState::kCheckInRefused);
  CHECK(rig.screen.refusal() == CheckInRefusal::kTooEarly);
  CHECK(rig.Frame().HasText("check-in opens at 08:30"));
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.Frame().HasText("check-in dibuka pukul 08:30"));
}

TEST_CASE("Check-in: too late offers a walk-in ticket from the service list") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(Error{ErrorCode::kTooLate, "the check-in time for this booking has passed"}));
  CHECK(rig.Frame().HasText("Waktu check-in sudah lewat"));
  REQUIRE(rig.Tap("walkin"));
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK(rig.Frame().HasText("Pilih layanan untuk nomor antrean biasa"));
  REQUIRE(rig.Tap("service:kk"));
  auto issue = rig.screen.TakeIssueRequest();
  REQUIRE(issue);
  CHECK(issue->service == "kk");
}

TEST_CASE("Check-in: too late with the booking's service named issues that service directly") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(Error{ErrorCode::kTooLate, "passed"}, "cetak"));
  CHECK(rig.Frame().HasText("Ambil nomor antrean biasa — Pencetakan e-KTP"));
  REQUIRE(rig.Tap("walkin"));
  auto issue = rig.screen.TakeIssueRequest();
  REQUIRE(issue);
  CHECK(issue->service == "cetak");
  CHECK(issue->priority == Priority::kNone);
}

TEST_CASE("Check-in: an unknown code asks to check it; Change keeps the code to edit") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(Error{ErrorCode::kNotFound, "no booking with this code here"}));
  CHECK(rig.Frame().HasText("Kode tidak ditemukan, periksa kembali"));
  CHECK(rig.Frame().HasText("AB7K-M2PQ"));
  REQUIRE(rig.Tap("retype"));
  CHECK(rig.screen.state() == KioskState::kCodeEntry);
  CHECK(rig.screen.code() == "AB7KM2PQ");
}

TEST_CASE("Check-in: cancelled and no-show bookings get a plain message") {
  struct Row {
    const char* server_message;
    const char* shown;
  };
  const Row rows[] = {{"this booking is cancelled", "Booking ini sudah dibatalkan"},
                      {"this booking is no_show", "tidak datang sesuai jadwal"},
                      {"this booking is served", "tidak bisa dipakai untuk check-in"}};
  for (const auto& row : rows) {
    Rig rig;
    rig.Scan("AB7KM2PQ");
    REQUIRE(rig.Answer(Error{ErrorCode::kConflict, row.server_message}));
    CHECK(rig.screen.refusal() == CheckInRefusal::kNotUsable);
    CHECK_MESSAGE(rig.Frame().HasText(row.shown), row.server_message);
    CHECK_FALSE(rig.Frame().FindTarget("walkin"));
  }
}

TEST_CASE("Check-in: the code screen and a refusal go home when left idle") {
  Rig rig;
  REQUIRE(rig.Tap("lang"));
  REQUIRE(rig.Tap("booking"));
  rig.screen.OnText("AB", rig.now);
  rig.now += 46000;
  rig.screen.Tick(rig.now);
  CHECK(rig.screen.state() == KioskState::kHome);
  CHECK(rig.screen.lang() == Lang::kId);
  CHECK(rig.screen.code().empty());
  rig.Scan("AB7KM2PQ");
  REQUIRE(rig.Answer(Error{ErrorCode::kNotFound, "no"}));
  rig.now += 46000;
  rig.screen.Tick(rig.now);
  CHECK(rig.screen.state() == KioskState::kHome);
}

TEST_CASE("Check-in: a network failure retries the same code, then gives up saying so") {
  Rig rig;
  rig.Scan("AB7KM2PQ");
  int sent = 0;
  for (int i = 0; i < 40 && rig.screen.state() == KioskState::kCheckingIn; ++i) {
    if (auto r = rig.screen.TakeCheckInRequest()) {
      ++sent;
      CHECK(r->code == "AB7KM2PQ");
      rig.screen.OnCheckedIn(r->code, Error{ErrorCode::kUnavailable, "timeout"}, rig.now);
    }
    rig.now += 1000;
    rig.screen.Tick(rig.now);
  }
  CHECK(sent > 1);
  CHECK(rig.screen.state() == KioskState::kOutOfOrder);
  CHECK(rig.Frame().HasText("Tiket Anda belum dibuat."));
}

TEST_CASE("Stock: the blank-card notice shows only when low or empty") {
  Rig rig;
  CHECK_FALSE(rig.Frame().HasText("Blangko e-KTP"));
  rig.screen.OnStockLevel(CardStockLevel::kLow);
  CHECK(rig.Frame().HasText("Blangko e-KTP terbatas"));
  CHECK(rig.Frame().HasText("Surat Keterangan"));
  rig.screen.OnStockLevel(CardStockLevel::kEmpty);
  CHECK(rig.Frame().HasText("Blangko e-KTP sedang habis"));
  REQUIRE(rig.Tap("lang"));
  CHECK(rig.screen.lang() == Lang::kEn);
  CHECK(rig.Frame().HasText("blank cards have run out"));
  rig.screen.OnStockLevel(ParseStockLevel("available"));
  CHECK_FALSE(rig.Frame().HasText("blank cards"));
  CHECK(ParseStockLevel("low") == CardStockLevel::kLow);
  CHECK(ParseStockLevel("nonsense") == CardStockLevel::kUnknown);
}

TEST_CASE("Check-in: the server's answers are read into tickets and refusals") {
  std::string service;
  const std::string ticket =
      R"({"id":"abc","site":"serang","number":"A003","service":"rekam","priority":null,"status":"waiting",)"
      R"("issued_at":"2026-11-30T08:45:00+07:00","position":2,"ewt_minutes":6,"counter":null,"counter_name":null,"booking":"AB7KM2PQ"})";
  auto fresh = ReadCheckInAnswer(201, ticket, &service);
  REQUIRE(fresh.ok());
  CHECK(fresh.value().ticket.ticket.number == "A003");
  CHECK(fresh.value().ticket.ticket.booking == "AB7KM2PQ");
  CHECK(fresh.value().ticket.position == 2);
  CHECK_FALSE(fresh.value().replayed);
  CHECK(ReadCheckInAnswer(200, ticket, &service).value().replayed);

  struct Row {
    long status;
    const char* body;
    ErrorCode code;
  };
  const Row rows[] = {
      {409, R"({"error":{"code":"too_early","message":"check-in opens 30 minutes before 09:00"}})",
       ErrorCode::kTooEarly},
      {409, R"({"error":{"code":"too_late","message":"passed"}})", ErrorCode::kTooLate},
      {409, R"({"error":{"code":"conflict","message":"this booking is cancelled"}})",
       ErrorCode::kConflict},
      {404, R"({"error":{"code":"not_found","message":"no booking"}})", ErrorCode::kNotFound},
      {404, "not json", ErrorCode::kNotFound},
      {502, "", ErrorCode::kUnavailable},
      {201, "{}", ErrorCode::kInvalidInput},
  };
  for (const auto& row : rows) {
    auto r = ReadCheckInAnswer(row.status, row.body, &service);
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().code == row.code, row.body);
  }
  ReadCheckInAnswer(409, R"({"error":{"code":"too_late","message":"x","service":"rekam"}})",
                      &service);
  CHECK(service == "rekam");
}
