// Black-box: a release time for each day's slots, the draw of its first seconds, and the
// report of bookings per address and phone prefix, against the real server and test clock.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

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

std::string Body(const std::string& nik, const std::string& phone, const std::string& slot) {
  return "{\"nik\":\"" + nik + "\",\"name\":\"Siti Aminah\",\"phone\":\"" + phone +
         "\",\"service\":\"rekam\",\"slot_start\":\"" + slot + "\"}";
}

// The test office with its booking section edited by `edits` (text replaced in order) and
// 127.0.0.1 trusted as a proxy, so X-Forwarded-For names each request's address.
struct Office {
  TempDir dir;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<httplib::Client> cli;

  explicit Office(const std::vector<std::pair<std::string, std::string>>& edits) {
    std::ifstream in(std::string(ANTRE_TEST_OFFICE));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    auto edited = edits;
    edited.push_back({"\"heartbeat_seconds\": 15", "\"heartbeat_seconds\": 15, \"trusted_proxies\": [\"127.0.0.1\"]"});
    for (const auto& [from, to] : edited) {
      size_t at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
    }
    std::ofstream(dir.File("c.json")) << text;
    server = std::make_unique<ServerProcess>(dir.File("r.db"), std::vector<std::string>{"--config", dir.File("c.json"), "--test-clock"});
    cli = server->Client();
    SetClock("2026-11-30T07:00:00+07:00");  // a Monday morning
  }
  void SetClock(const std::string& iso, const std::string& extra = "") {
    auto res = cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\",\"frozen\":true" + extra + "}", "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
  }
  httplib::Result Book(const std::string& body, const std::string& address = "203.0.113.1") {
    return cli->Post("/api/v1/sites/serang/bookings", {{"X-Forwarded-For", address}}, WithPow(*cli, body),
                     "application/json");
  }
  httplib::Result Request(const std::string& id, const std::string& nik) {
    return cli->Get(("/api/v1/booking-requests/" + id + "?nik=" + nik).c_str());
  }
};

const std::vector<std::pair<std::string, std::string>> kReleaseAt19 = {
    {"\"per_address_per_day\": 0", "\"per_address_per_day\": 0, \"release_at\": \"19:00\", \"release_draw_seconds\": 10"}};

}  // namespace

TEST_CASE("Release: a day is listed with its release time and refused before it") {
  Office o(kReleaseAt19);
  // Today was released yesterday at 19:00: bookable as before.
  auto today = o.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  REQUIRE(today->status == 200);
  CHECK(today->body.find("opens_at") == std::string::npos);
  CHECK(o.Book(Body(Nik(1), Phone(1), "2026-11-30T09:00:00+07:00"))->status == 201);

  auto later = o.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-12-01&to=2026-12-01");
  REQUIRE(later->status == 200);
  CHECK(later->body.find("\"start\":\"2026-12-01T09:00:00+07:00\",\"end\":\"2026-12-01T09:30:00+07:00\",\"capacity\":10,"
                         "\"remaining\":10,\"opens_at\":\"2026-11-30T19:00:00+07:00\"") != std::string::npos);
  auto early = o.Book(Body(Nik(2), Phone(2), "2026-12-01T09:00:00+07:00"));
  CHECK(early->status == 409);
  CHECK(JsonField(early->body, "code") == "not_released");
  CHECK(JsonField(early->body, "message") == "slot untuk 2026-12-01 dibuka pada 2026-11-30 pukul 19:00");
  auto english = o.cli->Post("/api/v1/sites/serang/bookings", {{"Accept-Language", "en"}},
                             WithPow(*o.cli, Body(Nik(2), Phone(2), "2026-12-01T09:00:00+07:00")), "application/json");
  CHECK(JsonField(english->body, "message") == "slots for 2026-12-01 open on 2026-11-30 at 19:00");

  // One second before the release: still closed.
  o.SetClock("2026-11-30T18:59:59+07:00");
  CHECK(o.Book(Body(Nik(2), Phone(2), "2026-12-01T09:00:00+07:00"))->status == 409);

  // A kelurahan operator books in office hours, before the release, under their own limit.
  std::string op = Login(*o.cli, "operator1", "operator-demo");
  auto by_operator = o.cli->Post("/api/v1/sites/serang/bookings", Bearer(op), Body(Nik(3), "", "2026-12-01T09:00:00+07:00"),
                                 "application/json");
  CHECK(by_operator->status == 201);

  // The rules as the admin reads and changes them; bad values are refused whole.
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  const std::string rules = "/api/v1/sites/serang/admin/booking";
  CHECK(o.cli->Get(rules.c_str(), Bearer(admin))->body.find("\"release_at\":\"19:00\",\"release_draw_seconds\":10") !=
        std::string::npos);
  for (const char* bad : {"{\"release_at\":\"25:00\"}", "{\"release_at\":\"7pm\"}", "{\"release_draw_seconds\":-1}",
                          "{\"release_draw_seconds\":3601}"}) {
    CAPTURE(bad);
    CHECK(o.cli->Post(rules.c_str(), Bearer(admin), bad, "application/json")->status == 400);
  }
  // Turned off: the day books at once.
  REQUIRE(o.cli->Post(rules.c_str(), Bearer(admin), "{\"release_at\":\"\"}", "application/json")->status == 200);
  CHECK(o.Book(Body(Nik(2), Phone(2), "2026-12-01T09:00:00+07:00"))->status == 201);
}

TEST_CASE("Release: the first seconds' requests are drawn in random order, later ones booked at once") {
  Office o(kReleaseAt19);
  const char* kDays[] = {"2026-12-02", "2026-12-03", "2026-12-04"};
  const char* kEves[] = {"2026-12-01", "2026-12-02", "2026-12-03"};
  std::set<std::set<int>> winners_per_seed;
  for (int k = 0; k < 3; ++k) {
    CAPTURE(k);
    const std::string slot = std::string(kDays[k]) + "T09:00:00+07:00";
    o.SetClock(std::string(kEves[k]) + "T19:00:00+07:00");
    std::vector<std::string> ids;
    for (int i = 0; i < 30; ++i) {
      auto r = o.Book(Body(Nik(100 * (k + 1) + i), Phone(100 * (k + 1) + i), slot));
      REQUIRE_MESSAGE(r->status == 202, r->body);
      CHECK(JsonField(r->body, "status") == "pending");
      CHECK(JsonField(r->body, "draw_at") == std::string(kEves[k]) + "T19:00:10+07:00");
      ids.push_back(JsonField(r->body, "request_id"));
      CHECK(ids.back().size() == 24);
    }
    // One NIK asks for two free slots: whichever is drawn first is booked, the other is
    // refused as a direct request for a second booking would be.
    auto dup_a = o.Book(Body(Nik(9000 + k), Phone(9000 + k), std::string(kDays[k]) + "T10:00:00+07:00"));
    auto dup_b = o.Book(Body(Nik(9000 + k), Phone(9000 + k), std::string(kDays[k]) + "T10:30:00+07:00"));
    REQUIRE(dup_a->status == 202);
    REQUIRE(dup_b->status == 202);
    // Nothing is booked before the draw: the places are all left, each request pending.
    CHECK(o.cli->Get(("/api/v1/sites/serang/slots?service=rekam&from=" + std::string(kDays[k]) + "&to=" + kDays[k]).c_str())
              ->body.find("\"remaining\":10") != std::string::npos);
    auto pending = o.Request(ids[0], Nik(100 * (k + 1)));
    REQUIRE(pending->status == 200);
    CHECK(JsonField(pending->body, "status") == "pending");
    CHECK(o.Request(ids[0], Nik(1))->status == 404);
    CHECK(o.Request("not-an-id", Nik(1))->status == 404);

    // The window closes: the draw is made with this seed.
    o.SetClock(std::string(kEves[k]) + "T19:00:11+07:00", ",\"draw_seed\":" + std::to_string(k + 1));
    std::set<int> booked;
    int refused = 0;
    for (int i = 0; i < 30; ++i) {
      auto r = o.Request(ids[i], Nik(100 * (k + 1) + i));
      REQUIRE(r->status == 200);
      std::string status = JsonField(r->body, "status");
      if (status == "booked") {
        booked.insert(i);
        CHECK(r->body.find("\"booking\":{\"code\":\"") != std::string::npos);
        CHECK(r->body.find(slot) != std::string::npos);
      } else {
        CHECK(status == "refused");
        CHECK(JsonField(r->body, "code") == "slot_full");
        ++refused;
      }
    }
    CHECK(booked.size() == 10);
    CHECK(refused == 20);
    std::set<int> first_ten;
    for (int i = 0; i < 10; ++i) first_ten.insert(i);
    CHECK(booked != first_ten);  // not arrival order
    winners_per_seed.insert(booked);
    auto a = o.Request(JsonField(dup_a->body, "request_id"), Nik(9000 + k));
    auto b = o.Request(JsonField(dup_b->body, "request_id"), Nik(9000 + k));
    std::set<std::string> outcomes = {JsonField(a->body, "status"), JsonField(b->body, "status")};
    CHECK(outcomes == std::set<std::string>{"booked", "refused"});
    const std::string& refused_body = JsonField(a->body, "status") == "refused" ? a->body : b->body;
    CHECK(JsonField(refused_body, "code") == "already_booked");

    // After the window: booked at once, and the drawn places are taken.
    auto slots = o.cli->Get(("/api/v1/sites/serang/slots?service=rekam&from=" + std::string(kDays[k]) + "&to=" + kDays[k]).c_str());
    CHECK(slots->body.find("\"start\":\"" + slot + "\",\"end\":\"" + std::string(kDays[k]) +
                           "T09:30:00+07:00\",\"capacity\":10,\"remaining\":0}") != std::string::npos);
    CHECK(o.Book(Body(Nik(100 * (k + 1) + 50), Phone(100 * (k + 1) + 50), slot))->status == 409);
    CHECK(o.Book(Body(Nik(100 * (k + 1) + 51), Phone(100 * (k + 1) + 51), std::string(kDays[k]) + "T09:30:00+07:00"))
              ->status == 201);
  }
  CHECK(winners_per_seed.size() == 3);  // each seed drew its own set
  CHECK(o.server->Log().find(Nik(101)) == std::string::npos);
}

TEST_CASE("Release: without a release time every day books at once as before") {
  Office o({});
  auto r = o.Book(Body(Nik(1), Phone(1), "2026-12-10T09:00:00+07:00"));
  CHECK(r->status == 201);
  CHECK(o.cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-12-10&to=2026-12-10")->body.find("opens_at") ==
        std::string::npos);
}

TEST_CASE("Booking sources: bookings per forwarded address and phone prefix, counts only, audited") {
  Office o({});
  const std::string slot = "2026-12-01T09:00:00+07:00";
  for (int i = 0; i < 3; ++i) {
    REQUIRE(o.Book(Body(Nik(10 + i), "0812 9900 00" + std::to_string(10 + i), slot), "198.51.100.7, 10.0.0.1")->status == 201);
  }
  REQUIRE(o.Book(Body(Nik(20), "0813-1111-2222", slot), "10.0.0.2")->status == 201);
  REQUIRE(o.Book(Body(Nik(21), "+62 812 9900 0099", slot), "10.0.0.2")->status == 201);
  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  std::string officer = Login(*o.cli, "petugas1", "petugas-demo");
  const std::string path = "/api/v1/sites/serang/reports/booking-sources?from=2026-11-30&to=2026-11-30";
  auto r = o.cli->Get(path.c_str(), Bearer(boss));
  REQUIRE(r->status == 200);
  CHECK(r->body ==
        "{\"site\":\"serang\",\"from\":\"2026-11-30\",\"to\":\"2026-11-30\",\"total\":5,"
        "\"by_address\":[{\"address\":\"10.0.0.1\",\"count\":3},{\"address\":\"10.0.0.2\",\"count\":2}],"
        "\"by_phone_prefix\":[{\"prefix\":\"081299\",\"count\":4},{\"prefix\":\"081311\",\"count\":1}]}");
  CHECK(r->body.find("00010") == std::string::npos);  // never a whole number
  auto top1 = o.cli->Get((path + "&top=1").c_str(), Bearer(boss));
  CHECK(top1->body.find("10.0.0.2") == std::string::npos);
  CHECK(o.cli->Get((path + "&top=0").c_str(), Bearer(boss))->status == 400);
  CHECK(o.cli->Get("/api/v1/sites/serang/reports/booking-sources?from=2026-11-30", Bearer(boss))->status == 400);
  CHECK(o.cli->Get(path.c_str(), Bearer(officer))->status == 403);
  CHECK(o.cli->Get(path.c_str())->status == 401);
  std::string admin = Login(*o.cli, "admin", "admin-demo");
  auto audit = o.cli->Get("/api/v1/admin/audit?user=supervisor", Bearer(admin));
  CHECK(audit->body.find("bookings.sources.view") != std::string::npos);
}

TEST_CASE("Release: draw requests and booking addresses are erased after retention_days") {
  Office o(kReleaseAt19);
  const std::string path = "/api/v1/sites/serang/reports/booking-sources?from=2026-11-30&to=2026-11-30";
  auto direct = o.Book(Body(Nik(1), Phone(1), "2026-11-30T09:00:00+07:00"), "10.9.9.9");
  REQUIRE(direct->status == 201);
  o.SetClock("2026-11-30T19:00:02+07:00");
  auto drawn = o.Book(Body(Nik(2), Phone(2), "2026-12-01T09:00:00+07:00"));
  REQUIRE(drawn->status == 202);
  std::string id = JsonField(drawn->body, "request_id");
  o.SetClock("2026-11-30T19:00:30+07:00");
  CHECK(JsonField(o.Request(id, Nik(2))->body, "status") == "booked");
  std::string boss = Login(*o.cli, "supervisor", "supervisor-demo");
  CHECK(o.cli->Get(path.c_str(), Bearer(boss))->body.find("10.9.9.9") != std::string::npos);

  // Both bookings lapse as no-shows on their days; 90 days later their data goes, and the
  // draw request's with it.
  o.SetClock("2026-12-02T07:00:00+07:00");
  o.SetClock("2027-03-05T07:00:00+07:00");
  boss = Login(*o.cli, "supervisor", "supervisor-demo");  // the old session has expired
  auto after = o.cli->Get(path.c_str(), Bearer(boss));
  REQUIRE(after->status == 200);
  CHECK(after->body.find("10.9.9.9") == std::string::npos);
  CHECK(after->body.find("\"total\":2,\"by_address\":[],\"by_phone_prefix\":[]") != std::string::npos);  // counted, nameless
  CHECK(o.Request(id, Nik(2))->status == 404);
}

TEST_CASE("Release: wrong NIKs for a draw request lock its look-up like a booking code's") {
  Office o(kReleaseAt19);
  o.SetClock("2026-11-30T19:00:01+07:00");
  auto drawn = o.Book(Body(Nik(3), Phone(3), "2026-12-01T09:00:00+07:00"));
  REQUIRE(drawn->status == 202);
  std::string id = JsonField(drawn->body, "request_id");
  for (int i = 0; i < 10; ++i) CHECK(o.Request(id, Nik(100 + i))->status == 404);
  auto locked = o.Request(id, Nik(3));  // even the right NIK
  CHECK(locked->status == 429);
  CHECK(JsonField(locked->body, "code") == "rate_limited");
  CHECK(locked->has_header("Retry-After"));
}
