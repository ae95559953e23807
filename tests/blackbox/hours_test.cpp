// Black-box: opening hours and daily quotas of walk-in services, against the real server
// with a settable clock (--test-clock).
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <mutex>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

constexpr const char* kKiosk = "demo-kiosk-token";

// The always-open test office with `rekam` open Mon-Fri 08:00-15:00 and limited to `quota`
// walk-in tickets a day.
std::string OfficeWithHours(const TempDir& dir, int quota) {
  std::ifstream in(ANTRE_TEST_OFFICE);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  size_t at = text.find("\"id\": \"rekam\",");
  REQUIRE(at != std::string::npos);
  text.insert(at, "\"hours\": {\"mon\": [\"08:00\", \"15:00\"], \"tue\": [\"08:00\", \"15:00\"], \"wed\": [\"08:00\", "
                  "\"15:00\"], \"thu\": [\"08:00\", \"15:00\"], \"fri\": [[\"08:00\", \"11:30\"], [\"13:00\", \"15:00\"]]}, "
                  "\"daily_quota\": " + std::to_string(quota) + ", ");
  std::ofstream(dir.File("hours.json")) << text;
  return dir.File("hours.json");
}

void SetClock(httplib::Client& cli, const std::string& iso) {
  auto res = cli.Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
}

httplib::Result Issue(httplib::Client& cli, const std::string& service, const std::string& key = "") {
  return cli.Post("/api/v1/sites/serang/tickets", Bearer(kKiosk, key), "{\"service\":\"" + service + "\"}",
                  "application/json");
}

// The JSON object of one service in GET services, as text.
std::string ServiceJson(httplib::Client& cli, const std::string& id) {
  auto res = cli.Get("/api/v1/sites/serang/services");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  size_t at = res->body.find("{\"id\":\"" + id + "\"");
  REQUIRE(at != std::string::npos);
  size_t end = res->body.find("\"remaining\":", at);
  REQUIRE(end != std::string::npos);
  return res->body.substr(at, res->body.find('}', end) - at + 1);
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("Hours: outside its hours a service refuses walk-ins and says when it opens") {
  TempDir dir;
  ServerProcess server(dir.File("h.db"), {"--config", OfficeWithHours(dir, 0), "--test-clock"});
  auto cli = server.Client();
  SetClock(*cli, "2026-11-28T10:00:00+07:00");  // a Saturday
  auto res = Issue(*cli, "rekam");
  REQUIRE(res);
  CHECK(res->status == 409);
  CHECK(JsonField(res->body, "code") == "service_closed");
  CHECK(JsonField(res->body, "next_open") == "2026-11-30T08:00:00+07:00");
  std::string rekam = ServiceJson(*cli, "rekam");
  CHECK(Has(rekam, "\"open\":true,"));  // the switch is on; the hours close it
  CHECK(Has(rekam, "\"open_now\":false,\"next_open\":\"2026-11-30T08:00:00+07:00\""));
  CHECK(Has(rekam, "\"fri\":[[\"08:00\",\"11:30\"],[\"13:00\",\"15:00\"]],\"sat\":null"));
  CHECK(Has(rekam, "\"daily_quota\":0,\"remaining\":null"));
  CHECK(Has(ServiceJson(*cli, "kk"), "\"open_now\":true,\"next_open\":null,\"hours\":null"));
  CHECK(Issue(*cli, "kk")->status == 201);  // a service without hours is open

  SetClock(*cli, "2026-12-04T12:00:00+07:00");  // Friday prayer break
  res = Issue(*cli, "rekam");
  CHECK(res->status == 409);
  CHECK(JsonField(res->body, "next_open") == "2026-12-04T13:00:00+07:00");
  SetClock(*cli, "2026-12-04T13:00:00+07:00");
  CHECK(Issue(*cli, "rekam")->status == 201);
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"open_now\":true,\"next_open\":null"));
  SetClock(*cli, "2026-12-04T15:00:00+07:00");  // closing time is closed
  CHECK(Issue(*cli, "rekam")->status == 409);
}

TEST_CASE("Hours: parallel kiosks never pass the daily quota; check-ins do not count; the next day resets it") {
  TempDir dir;
  const int kQuota = 5;
  ServerProcess server(dir.File("q.db"), {"--config", OfficeWithHours(dir, kQuota), "--test-clock"});
  auto cli = server.Client();
  SetClock(*cli, "2026-11-30T09:00:00+07:00");  // Monday
  StreamCollector stream(server.port(), "serang", 0);
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"daily_quota\":5,\"remaining\":5"));

  std::atomic<int> created{0}, refused{0}, other{0};
  std::mutex mu;
  std::string issued_key;  // a key that got one of the places
  std::vector<std::thread> kiosks;
  for (int t = 0; t < 8; ++t) {
    kiosks.emplace_back([&, t] {
      auto c = server.Client();
      for (int i = 0; i < 5; ++i) {
        std::string key = "k" + std::to_string(t) + "-" + std::to_string(i);
        auto r = Issue(*c, "rekam", key);
        if (r && r->status == 201) {
          ++created;
          std::lock_guard<std::mutex> lock(mu);
          issued_key = key;
        } else if (r && r->status == 409 && JsonField(r->body, "code") == "quota_reached") {
          ++refused;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& k : kiosks) k.join();
  CHECK(created == kQuota);
  CHECK(refused == 40 - kQuota);
  CHECK(other == 0);
  CHECK_MESSAGE(Has(ServiceJson(*cli, "rekam"), "\"daily_quota\":5,\"remaining\":0"), ServiceJson(*cli, "rekam"));
  auto again = Issue(*cli, "rekam");
  CHECK(again->status == 409);
  CHECK(JsonField(again->body, "daily_quota") == "5");
  CHECK(JsonField(again->body, "next_open") == "null");  // open now, just full
  REQUIRE(!issued_key.empty());
  CHECK(Issue(*cli, "rekam", issued_key)->status == 200);  // a retry of an issued ticket still answers
  // Exactly one event tells kiosks the quota ran out.
  CHECK(stream.WaitFor(
      [](const std::vector<StreamCollector::Item>& items) {
        int n = 0;
        for (const auto& i : items) n += i.type == "service.quota_reached" ? 1 : 0;
        return n == 1;
      },
      3000));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  int quota_events = 0;
  for (const auto& i : stream.Items()) {
    if (i.type != "service.quota_reached") continue;
    ++quota_events;
    CHECK(i.data == "{\"service\":\"rekam\",\"daily_quota\":5}");
  }
  CHECK(quota_events == 1);

  // A booked resident checks in although the walk-in quota is used up, and takes no place of it.
  auto booked = cli->Post("/api/v1/sites/serang/bookings",
                          WithPow(*cli, "{\"nik\":\"3673011505900001\",\"name\":\"Siti\",\"phone\":\"081234567890\","
                          "\"service\":\"rekam\",\"slot_start\":\"2026-11-30T09:30:00+07:00\"}"),
                          "application/json");
  REQUIRE(booked->status == 201);
  auto checked = cli->Post("/api/v1/sites/serang/bookings/" + JsonField(booked->body, "code") + "/check-in",
                           Bearer(kKiosk), "", "application/json");
  REQUIRE(checked);
  CHECK(checked->status == 201);
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"remaining\":0"));

  SetClock(*cli, "2026-12-01T08:00:00+07:00");  // Tuesday: a new quota
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"remaining\":5"));
  CHECK(Issue(*cli, "rekam")->status == 201);
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"remaining\":4"));
}

TEST_CASE("Hours: admins change hours and quota; bad values are refused and change nothing") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"), {"--config", OfficeWithHours(dir, 0), "--test-clock"});
  auto cli = server.Client();
  SetClock(*cli, "2026-11-28T10:00:00+07:00");  // Saturday
  std::string token = Login(*cli, "admin", "admin-demo");
  REQUIRE(!token.empty());
  auto post = [&](const std::string& body) {
    return cli->Post("/api/v1/sites/serang/admin/services/rekam", Bearer(token), body, "application/json");
  };
  const char* bad[] = {
      "{\"hours\":{\"sabtu\":[\"08:00\",\"12:00\"]}}",       // unknown day
      "{\"hours\":{\"sat\":[\"12:00\",\"08:00\"]}}",         // closes before it opens
      "{\"hours\":{\"sat\":[\"08:00\",\"25:00\"]}}",
      "{\"hours\":{\"sat\":[[\"08:00\",\"12:00\"],[\"11:00\",\"13:00\"]]}}",  // overlap
      "{\"hours\":{\"sat\":\"08:00-12:00\"}}",
      "{\"hours\":[]}",
      "{\"daily_quota\":-1}",
      "{\"daily_quota\":\"many\"}",
  };
  for (const char* body : bad) {
    CAPTURE(body);
    auto res = post(body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
  }
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"open_now\":false"));

  auto ok = post("{\"hours\":{\"sat\":[\"08:00\",\"12:00\"]},\"daily_quota\":2}");
  REQUIRE(ok->status == 200);
  CHECK(Has(ok->body, "\"open_now\":true"));
  CHECK(Has(ok->body, "\"sat\":[[\"08:00\",\"12:00\"]]"));
  CHECK(Has(ok->body, "\"daily_quota\":2,\"remaining\":2"));
  CHECK(Issue(*cli, "rekam")->status == 201);
  CHECK(Has(ServiceJson(*cli, "rekam"), "\"remaining\":1"));
  // Kept across a restart: the database holds them.
  server.Kill9();
  ServerProcess again(dir.File("a.db"), {"--config", OfficeWithHours(dir, 0), "--test-clock"});
  auto cli2 = again.Client();
  SetClock(*cli2, "2026-11-28T10:00:00+07:00");
  CHECK_MESSAGE(Has(ServiceJson(*cli2, "rekam"), "\"daily_quota\":2,\"remaining\":1"), ServiceJson(*cli2, "rekam"));
  token = Login(*cli2, "admin", "admin-demo");
  auto cleared = cli2->Post("/api/v1/sites/serang/admin/services/rekam", Bearer(token),
                            "{\"hours\":null,\"daily_quota\":0}", "application/json");
  REQUIRE(cleared->status == 200);
  CHECK(Has(cleared->body, "\"open_now\":true,\"next_open\":null,\"hours\":null,\"daily_quota\":0,\"remaining\":null"));
}

TEST_CASE("Hours: check-config names a bad opening time and quota by their path") {
  TempDir dir;
  std::string out;
  CHECK(RunServerCommand({"check-config", std::string(ANTRE_ASSETS_DIR) + "/demo-office.json"}, &out) == 0);
  std::ifstream in(ANTRE_TEST_OFFICE);
  std::stringstream ss;
  ss << in.rdbuf();
  struct Case {
    const char* insert;
    const char* message;
  };
  const Case cases[] = {
      {"\"hours\": {\"mon\": [\"8:00\", \"15:00\"]}, ", "sites[0].services[0]: hours.mon: times must be HH:MM"},
      {"\"hours\": {\"fri\": [[\"13:00\", \"15:00\"], [\"08:00\", \"11:30\"]]}, ",
       "sites[0].services[0]: hours.fri: periods must be in time order"},
      {"\"daily_quota\": -5, ", "sites[0].services[0]: daily_quota must be 0-100000"},
  };
  for (const Case& c : cases) {
    std::string text = ss.str();
    text.insert(text.find("\"id\": \"rekam\","), c.insert);
    std::ofstream(dir.File("bad.json")) << text;
    out.clear();
    CAPTURE(c.insert);
    CHECK(RunServerCommand({"check-config", dir.File("bad.json")}, &out) == 1);
    CHECK(Has(out, c.message));
  }
}
