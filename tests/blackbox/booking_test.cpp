// Black-box: online booking (OPAK MANIS) against the real server, with a settable clock.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// A valid NIK from Kota Serang with sequence `seq` (1..9999).
std::string Nik(int seq) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "367301150590%04d", seq % 10000);
  return buf;
}

std::string Phone(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "0812%08d", n % 100000000);
  return buf;
}

std::string BookingBody(const std::string& nik, const std::string& phone, const std::string& slot,
                        const std::string& service = "rekam", const std::string& extra = "") {
  return "{\"nik\":\"" + nik + "\",\"name\":\"Siti Aminah\",\"phone\":\"" + phone + "\",\"service\":\"" + service +
         "\",\"slot_start\":\"" + slot + "\"" + extra + "}";
}

struct BookingServer {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;

  explicit BookingServer(const std::string& config_edit = "") {
    std::vector<std::string> args = {"--demo", "--test-clock"};
    if (!config_edit.empty()) {
      std::ifstream in(std::string(ANTRE_TEST_OFFICE));
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      size_t at = text.find("\"capacity\": 10");
      REQUIRE(at != std::string::npos);
      text.replace(at, 14, config_edit);
      std::ofstream(dir.File("c.json")) << text;
      args = {"--config", dir.File("c.json"), "--test-clock"};
    }
    server = std::make_unique<ServerProcess>(dir.File("b.db"), args);
    cli = server->Client();
    SetClock("2026-11-30T07:00:00+07:00");  // a Monday morning
  }
  void SetClock(const std::string& iso) {
    auto res = cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  httplib::Result Book(const std::string& body) {
    return cli->Post("/api/v1/sites/serang/bookings", WithPow(*cli, body), "application/json");
  }
};

const char* kNine = "2026-11-30T09:00:00+07:00";

}  // namespace

TEST_CASE("Booking: slots list places left for weekday hours") {
  BookingServer s;
  auto slots = s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  REQUIRE(slots->status == 200);
  CHECK(slots->body.find("{\"start\":\"2026-11-30T08:00:00+07:00\",\"end\":\"2026-11-30T08:30:00+07:00\",\"capacity\":10,\"remaining\":10}") !=
        std::string::npos);
  CHECK(slots->body.find("14:30:00+07:00\",\"end\":\"2026-11-30T15:00") != std::string::npos);
  auto weekend = s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-12-05&to=2026-12-06");
  CHECK(weekend->body == "[]");
  CHECK(s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-13-01")->status == 400);
  CHECK(s.cli->Get("/api/v1/sites/serang/slots?service=paspor")->status == 404);
  REQUIRE(s.Book(BookingBody(Nik(1), Phone(1), kNine))->status == 201);
  auto after = s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  CHECK(after->body.find("\"start\":\"2026-11-30T09:00:00+07:00\",\"end\":\"2026-11-30T09:30:00+07:00\",\"capacity\":10,\"remaining\":9") !=
        std::string::npos);
}

TEST_CASE("Booking: each refusal has its own code and takes no place") {
  BookingServer s;
  auto ok = s.Book(BookingBody(Nik(1), "0812-3456-7890", kNine));
  REQUIRE(ok->status == 201);
  std::string code = JsonField(ok->body, "code");
  CHECK(code.size() == 8);
  CHECK(code.find_first_of("0O1IL") == std::string::npos);
  CHECK(ok->body.find(Nik(1)) == std::string::npos);
  CHECK(ok->body.find("Siti") == std::string::npos);
  struct Row {
    std::string body;
    int status;
    std::string code;
  };
  const Row rows[] = {
      {BookingBody("3673011505900000", Phone(2), kNine), 422, "invalid_nik"},
      {BookingBody("1234", Phone(2), kNine), 422, "invalid_nik"},
      {BookingBody(Nik(2), "12345", kNine), 400, "invalid_input"},
      {BookingBody(Nik(1), Phone(2), kNine), 409, "already_booked"},
      {BookingBody(Nik(2), Phone(2), "2026-11-30T09:10:00+07:00"), 404, "not_found"},
      {BookingBody(Nik(2), Phone(2), "2026-11-29T09:00:00+07:00"), 404, "not_found"},  // Sunday
      {BookingBody(Nik(2), Phone(2), "2026-12-25T09:00:00+07:00"), 404, "not_found"},  // holiday
      {BookingBody(Nik(2), Phone(2), "2026-11-30T06:00:00+07:00"), 404, "not_found"},
      {BookingBody(Nik(2), Phone(2), "2027-01-29T09:00:00+07:00"), 409, "conflict"},   // beyond 14 days
      {BookingBody(Nik(2), Phone(2), kNine, "kk", ",\"delivery\":{\"kecamatan\":\"Serang\",\"kelurahan\":\"Cimuncang\",\"street\":\"Jl. Veteran\",\"house\":\"12\"}"),
       400, "invalid_input"},
      {BookingBody(Nik(2), Phone(2), kNine, "rekam", ",\"delivery\":{\"kecamatan\":\"Cilegon\",\"kelurahan\":\"X\",\"street\":\"Y\",\"house\":\"1\"}"),
       400, "invalid_input"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.body);
    auto res = s.Book(r.body);
    REQUIRE(res);
    CHECK(res->status == r.status);
    CHECK(JsonField(res->body, "code") == r.code);
  }
  auto delivered = s.Book(BookingBody(Nik(3), Phone(3), kNine, "cetak",
                                      ",\"delivery\":{\"kecamatan\":\"Kasemen\",\"kelurahan\":\"Banten\",\"street\":\"Jl. Raya\",\"house\":\"7\"}"));
  CHECK(delivered->status == 201);
  CHECK(JsonField(delivered->body, "delivery") == "true");
  // Three bookings a day per phone: the fourth is refused.
  for (int i = 0; i < 3; ++i) CHECK(s.Book(BookingBody(Nik(10 + i), "081299990000", kNine, i == 0 ? "kk" : i == 1 ? "akta" : "ikd"))->status == 201);
  auto limited = s.Book(BookingBody(Nik(20), "081299990000", kNine, "info"));
  CHECK(limited->status == 409);
  CHECK(JsonField(limited->body, "code") == "limit_reached");
  s.SetClock("2026-11-30T12:30:00+07:00");
  auto late = s.Book(BookingBody(Nik(30), Phone(30), "2026-11-30T14:00:00+07:00"));
  CHECK(late->status == 409);  // same-day cut-off 12:00
}

TEST_CASE("Booking: 300 simultaneous requests for 50 places give exactly 50 bookings") {
  BookingServer s("\"capacity\": 50");
  std::atomic<int> created{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int t = 0; t < 30; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client cli("127.0.0.1", s.server->port());
      cli.set_read_timeout(20, 0);
      while (!go) std::this_thread::yield();
      for (int i = 0; i < 10; ++i) {
        int n = t * 10 + i + 1;
        auto res = cli.Post("/api/v1/sites/serang/bookings", WithPow(cli, BookingBody(Nik(n), Phone(n), kNine)), "application/json");
        if (res && res->status == 201) {
          ++created;
        } else if (res && res->status == 409 && JsonField(res->body, "code") == "slot_full") {
          ++full;
        } else {
          ++other;
        }
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  CHECK(created == 50);
  CHECK(full == 250);
  CHECK(other == 0);
  auto slots = s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  CHECK(slots->body.find("09:30:00+07:00\",\"capacity\":50,\"remaining\":0") != std::string::npos);
}

TEST_CASE("Booking: view, reschedule and cancel with code and NIK") {
  BookingServer s;
  auto made = s.Book(BookingBody(Nik(1), Phone(1), kNine));
  std::string code = JsonField(made->body, "code");
  StreamCollector stream(s.server->port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto view = s.cli->Get(("/api/v1/bookings/" + code + "?nik=" + Nik(1)).c_str());
  CHECK(view->status == 200);
  CHECK(JsonField(view->body, "status") == "booked");
  CHECK(s.cli->Get(("/api/v1/bookings/" + code + "?nik=" + Nik(2)).c_str())->status == 404);
  CHECK(s.cli->Get(("/api/v1/bookings/" + code).c_str())->status == 404);
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  CHECK(s.cli->Get(("/api/v1/bookings/" + lower + "?nik=" + Nik(1)).c_str())->status == 200);
  auto moved = s.cli->Post(("/api/v1/bookings/" + code + "/reschedule").c_str(),
                           "{\"nik\":\"" + Nik(1) + "\",\"slot_start\":\"2026-12-01T10:00:00+07:00\"}", "application/json");
  CHECK(moved->status == 200);
  CHECK(JsonField(moved->body, "slot_start") == "2026-12-01T10:00:00+07:00");
  REQUIRE(stream.WaitFor([](const auto& i) { return !i.empty(); }, 3000));
  CHECK(stream.Items()[0].type == "booking.rescheduled");
  CHECK(stream.Items()[0].data == "{\"service\":\"rekam\",\"slot_start\":\"2026-12-01T10:00:00+07:00\","
                                  "\"from\":\"" + std::string(kNine) + "\"}");
  CHECK(s.cli->Post(("/api/v1/bookings/" + code + "/cancel").c_str(), "{\"nik\":\"" + Nik(9) + "\"}", "application/json")
            ->status == 404);
  auto cancelled = s.cli->Post(("/api/v1/bookings/" + code + "/cancel").c_str(), "{\"nik\":\"" + Nik(1) + "\"}",
                               "application/json");
  CHECK(JsonField(cancelled->body, "status") == "cancelled");
  CHECK(s.cli->Post(("/api/v1/bookings/" + code + "/cancel").c_str(), "{\"nik\":\"" + Nik(1) + "\"}", "application/json")
            ->status == 409);
  CHECK(s.Book(BookingBody(Nik(1), Phone(1), kNine))->status == 201);  // the NIK may book again
}

TEST_CASE("Booking: kiosk check-in in the window gives a ticket ordered by the slot start") {
  BookingServer s;
  auto made = s.Book(BookingBody(Nik(1), Phone(1), kNine));
  std::string code = JsonField(made->body, "code");
  auto checkin = [&] {
    return s.cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"), "",
                       "application/json");
  };
  s.SetClock("2026-11-30T08:29:00+07:00");
  auto early = checkin();
  CHECK(early->status == 409);
  CHECK(JsonField(early->body, "code") == "too_early");
  s.SetClock("2026-11-30T08:50:00+07:00");
  auto ticket = checkin();
  REQUIRE(ticket->status == 201);
  CHECK(JsonField(ticket->body, "booking") == code);
  CHECK(JsonField(ticket->body, "number") == "A001");
  CHECK(checkin()->status == 200);  // a second scan gives the same ticket
  CHECK(JsonField(checkin()->body, "id") == JsonField(ticket->body, "id"));
  CHECK(s.cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), "", "application/json")->status == 401);

  // A walk-in who came after the slot started waits behind the booking.
  s.SetClock("2026-11-30T09:05:00+07:00");
  s.cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}", "application/json");
  std::string officer = Login(*s.cli, "petugas1", "petugas-demo");
  auto called = s.cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json");
  CHECK(JsonField(called->body, "number") == "A001");

  auto other = s.Book(BookingBody(Nik(2), Phone(2), "2026-11-30T10:00:00+07:00"));
  s.SetClock("2026-11-30T10:30:01+07:00");  // the 10:00-10:30 slot has ended
  auto late = s.cli->Post(("/api/v1/sites/serang/bookings/" + JsonField(other->body, "code") + "/check-in").c_str(),
                          Bearer("demo-kiosk-token"), "", "application/json");
  CHECK(JsonField(late->body, "code") == "too_late");
  CHECK(JsonField(late->body, "service") == "rekam");  // the kiosk offers a walk-in ticket for it
  CHECK(JsonField(late->body, "booking_status") == "booked");
}

TEST_CASE("Booking: unchecked bookings become no-shows after slot end plus grace; nothing personal is public") {
  BookingServer s;
  StreamCollector stream(s.server->port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto made = s.Book(BookingBody(Nik(1), Phone(1), kNine));
  std::string code = JsonField(made->body, "code");
  s.SetClock("2026-11-30T09:44:00+07:00");
  CHECK(JsonField(s.cli->Get(("/api/v1/bookings/" + code + "?nik=" + Nik(1)).c_str())->body, "status") == "booked");
  s.SetClock("2026-11-30T09:46:00+07:00");
  CHECK(JsonField(s.cli->Get(("/api/v1/bookings/" + code + "?nik=" + Nik(1)).c_str())->body, "status") == "no_show");
  auto lapsed = s.cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"),
                            "", "application/json");
  CHECK(lapsed->status == 409);
  CHECK(JsonField(lapsed->body, "booking_status") == "no_show");  // not just "conflict"
  CHECK(lapsed->body.find(Nik(1)) == std::string::npos);
  REQUIRE(stream.WaitFor([](const auto& i) { return i.size() >= 2; }, 3000));
  for (const auto& item : stream.Items()) {
    CHECK(item.data.find(Nik(1)) == std::string::npos);
    CHECK(item.data.find("Siti") == std::string::npos);
    CHECK(item.data.find("812") == std::string::npos);
    CHECK(item.data.find(code) == std::string::npos);
  }
  CHECK(stream.Items()[1].type == "booking.no_show");
  s.server->Signal(15);
  std::string log = s.server->Log();
  CHECK(log.find(Nik(1)) == std::string::npos);
  CHECK(log.find("Siti") == std::string::npos);
}

TEST_CASE("Booking: per-address limit and rate limit count the resident, trusting only configured proxies") {
  TempDir dir;
  std::ifstream in(std::string(ANTRE_TEST_OFFICE));
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto set = [&](const std::string& from, const std::string& to) {
    size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  set("\"per_address_per_day\": 0", "\"per_address_per_day\": 1");
  set("\"rate_per_minute\": 0", "\"rate_per_minute\": 2");
  set("\"heartbeat_seconds\": 15", "\"heartbeat_seconds\": 15, \"trusted_proxies\": [\"127.0.0.1\"]");
  std::ofstream(dir.File("c.json")) << text;
  ServerProcess server(dir.File("l.db"), {"--config", dir.File("c.json"), "--test-clock"});
  auto cli = server.Client();
  REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json")->status == 200);
  auto book = [&](int n, const std::string& from) {
    httplib::Headers h = {{"X-Forwarded-For", from}};
    return cli->Post("/api/v1/sites/serang/bookings", h, WithPow(*cli, BookingBody(Nik(n), Phone(n), kNine)), "application/json");
  };
  CHECK(book(1, "10.1.1.1")->status == 201);
  auto again = book(2, "10.1.1.1");
  CHECK(again->status == 409);
  CHECK(JsonField(again->body, "code") == "limit_reached");
  CHECK(book(3, "198.51.100.7, 10.2.2.2")->status == 201);  // the last hop is the resident
  auto fast = book(4, "10.2.2.2");  // the 2nd request from that address this minute: the daily limit
  CHECK(fast->status == 409);
  auto limited = book(5, "10.2.2.2");
  CHECK(limited->status == 429);
  CHECK(JsonField(limited->body, "code") == "rate_limited");
}

TEST_CASE("Booking: an admin POST of some rules keeps every omitted rule as it was") {
  BookingServer s;
  std::string admin = Login(*s.cli, "admin", "admin-demo");
  const std::string path = "/api/v1/sites/serang/admin/booking";
  auto before = s.cli->Get(path, Bearer(admin));
  REQUIRE(before->status == 200);
  CHECK(before->body.find("\"per_phone_per_day\":3") != std::string::npos);
  CHECK(before->body.find("\"holidays\":[\"2026-12-25\",\"2027-01-01\"]") != std::string::npos);

  // Only days_ahead is sent: the schedule, holidays, limits and delivery services stay.
  auto changed = s.cli->Post(path, Bearer(admin), "{\"days_ahead\":7}", "application/json");
  REQUIRE(changed->status == 200);
  std::string expected = before->body;
  size_t at = expected.find("\"days_ahead\":14");
  REQUIRE(at != std::string::npos);
  expected.replace(at, 15, "\"days_ahead\":7");
  CHECK(changed->body == expected);
  CHECK(s.cli->Get(path, Bearer(admin))->body == expected);
  auto slots = s.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  CHECK(slots->body.find("\"capacity\":10") != std::string::npos);

  // A bad value is refused whole: nothing of the request is kept.
  auto bad = s.cli->Post(path, Bearer(admin), "{\"per_phone_per_day\":1,\"holidays\":[\"2026-13-01\"]}", "application/json");
  CHECK(bad->status == 400);
  CHECK(bad->body.find("\"code\":\"invalid_input\"") != std::string::npos);
  CHECK(s.cli->Get(path, Bearer(admin))->body == expected);
  CHECK(s.cli->Post(path, Bearer(admin), "[1,2]", "application/json")->status == 400);
  CHECK(s.cli->Post(path, Bearer(admin), "{\"days_ahead\":", "application/json")->status == 400);
}
