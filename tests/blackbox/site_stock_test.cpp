// Black-box: counters closed and reopened online, a closed site refusing bookings, and blank
// cards moved between sites, each with its site isolation.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

httplib::Result Post(httplib::Client& cli, const std::string& path, const std::string& token, const std::string& body,
                     const std::string& key = "") {
  return cli.Post(path.c_str(), Bearer(token, key), body, "application/json");
}

std::string Count(httplib::Client& cli, const std::string& site, const std::string& token) {
  return JsonField(cli.Get(("/api/v1/sites/" + site + "/stock").c_str(), Bearer(token))->body, "count");
}

// The English reason of an error reply (the message, or its "detail" beside a translation).
std::string Reason(const std::string& body) {
  std::string detail = JsonField(body, "detail");
  return detail.empty() ? JsonField(body, "message") : detail;
}

bool Saw(const std::vector<StreamCollector::Item>& items, const std::string& type, const std::string& part) {
  for (const auto& i : items) {
    if (i.type == type && i.data.find(part) != std::string::npos) return true;
  }
  return false;
}

// The demo office, a second site "mpp" with a service and counter "m1", and two supervisors:
// boss2 may work at both sites, boss3 at serang only.
struct TwoSites {
  TempDir dir;
  ServerProcess server{dir.File("t.db"), {"--demo", "--test-clock"}};
  std::unique_ptr<httplib::Client> cli = server.Client();
  std::string admin, both, serang_only, officer;

  TwoSites() {
    // A Monday morning, before any site or account is made (a booking test books that day).
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json")->status == 200);
    admin = Login(*cli, "admin", "admin-demo");
    REQUIRE(Post(*cli, "/api/v1/admin/sites", admin, "{\"id\":\"mpp\",\"name\":\"MPP\",\"time_zone\":\"Asia/Jakarta\"}")
                ->status == 201);
    REQUIRE(Post(*cli, "/api/v1/sites/mpp/admin/services", admin, "{\"id\":\"ktp\",\"prefix\":\"K\",\"name\":{\"id\":\"e-KTP\"}}")
                ->status == 201);
    REQUIRE(Post(*cli, "/api/v1/sites/mpp/admin/counters", admin, "{\"id\":\"m1\",\"services\":[\"ktp\"]}")->status == 201);
    for (const char* user : {"{\"username\":\"boss2\",\"sites\":[\"serang\",\"mpp\"]", "{\"username\":\"boss3\",\"sites\":[\"serang\"]"}) {
      REQUIRE(Post(*cli, "/api/v1/admin/users", admin,
                   std::string(user) + ",\"role\":\"supervisor\",\"password\":\"rahasia-123\"}")->status == 201);
    }
    both = Login(*cli, "boss2", "rahasia-123");
    serang_only = Login(*cli, "boss3", "rahasia-123");
    officer = Login(*cli, "petugas1", "petugas-demo");
  }
};

}  // namespace

TEST_CASE("Counters: an admin closes a counter; it leaves the lists, calls nothing, and reopens") {
  TwoSites s;
  StreamCollector stream(s.server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);

  auto closed = Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", s.admin, "{\"open\":false}");
  REQUIRE(closed->status == 200);
  CHECK(JsonField(closed->body, "open") == "false");
  CHECK(stream.WaitFor([](const auto& items) { return Saw(items, "site.changed", "\"what\":\"counter\",\"id\":\"1\""); },
                       10000));
  // Gone from the public list, the board and the console's list; an admin still sees it.
  CHECK(s.cli->Get("/api/v1/sites/serang/counters")->body.find("\"id\":\"1\"") == std::string::npos);
  CHECK(s.cli->Get("/api/v1/sites/serang/board")->body.find("\"id\":\"1\"") == std::string::npos);
  CHECK(s.cli->Get("/api/v1/sites/serang/counters?all=1", Bearer(s.officer))->body.find("\"id\":\"1\"") ==
        std::string::npos);
  auto all = s.cli->Get("/api/v1/sites/serang/counters?all=1", Bearer(s.admin));
  CHECK(all->body.find("\"id\":\"1\"") != std::string::npos);
  CHECK(all->body.find("\"open\":false") != std::string::npos);

  // No officer opens it, nothing is called at it.
  REQUIRE(s.cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"rekam\"}",
                      "application/json")->status == 201);
  auto open = Post(*s.cli, "/api/v1/sites/serang/counters/1/open", s.officer, "{}");
  CHECK(open->status == 409);
  CHECK(JsonField(open->body, "code") == "conflict");
  auto next = Post(*s.cli, "/api/v1/sites/serang/counters/1/next", s.officer, "{}");
  CHECK(next->status == 409);
  CHECK(Reason(next->body).find("closed") != std::string::npos);
  CHECK(Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", s.admin, "{\"open\":\"no\"}")->status == 400);

  auto reopened = Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", s.admin, "{\"open\":true}");
  REQUIRE(reopened->status == 200);
  CHECK(JsonField(reopened->body, "open") == "true");
  CHECK(s.cli->Get("/api/v1/sites/serang/counters")->body.find("\"id\":\"1\"") != std::string::npos);
  auto called = Post(*s.cli, "/api/v1/sites/serang/counters/1/next", s.officer, "{}");
  REQUIRE(called->status == 200);

  // A counter serving a ticket is not closed under it.
  auto busy = Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", s.admin, "{\"open\":false}");
  CHECK(busy->status == 409);
  CHECK(JsonField(busy->body, "code") == "conflict");
  auto audit = s.cli->Get("/api/v1/admin/audit", Bearer(s.admin))->body;
  CHECK(audit.find("(closed)") != std::string::npos);

  // Closed again once its ticket is done, it keeps its history: the day's report still counts
  // what it served.
  REQUIRE(Post(*s.cli, "/api/v1/sites/serang/counters/1/finish", s.officer, "{}")->status == 200);
  REQUIRE(Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", s.admin, "{\"open\":false}")->status == 200);
  auto report = s.cli->Get("/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30&group=counter", Bearer(s.both));
  REQUIRE(report->status == 200);
  CHECK(report->body.find("{\"key\":\"1\",\"target_minutes\":0,\"issued\":0,\"called\":1,\"served\":1") !=
        std::string::npos);
}

TEST_CASE("Counters: only an admin closes a counter; a supervisor of another site changes nothing") {
  TwoSites s;
  for (const std::string& token : {s.serang_only, s.both, s.officer, std::string("demo-kiosk-token")}) {
    CHECK(Post(*s.cli, "/api/v1/sites/mpp/admin/counters/m1", token, "{\"open\":false}")->status == 403);
    CHECK(Post(*s.cli, "/api/v1/sites/serang/admin/counters/1", token, "{\"open\":false}")->status == 403);
  }
  CHECK(Post(*s.cli, "/api/v1/sites/mpp/admin/counters/m1", "", "{\"open\":false}")->status == 401);
  CHECK(s.cli->Get("/api/v1/sites/mpp/counters")->body.find("\"id\":\"m1\"") != std::string::npos);
  CHECK(s.cli->Get("/api/v1/sites/serang/counters")->body.find("\"id\":\"1\"") != std::string::npos);
}

TEST_CASE("Sites: a closed site refuses bookings and check-ins with a clear error until reopened") {
  TwoSites s;
  auto book = [&](const std::string& nik) {
    std::string body = "{\"nik\":\"" + nik +
                       "\",\"name\":\"Siti Aminah\",\"phone\":\"081200000001\",\"service\":\"rekam\","
                       "\"slot_start\":\"2026-11-30T09:00:00+07:00\"}";
    return s.cli->Post("/api/v1/sites/serang/bookings", WithPow(*s.cli, body), "application/json");
  };
  auto made = book("3673011505900001");
  REQUIRE(made->status == 201);
  std::string code = JsonField(made->body, "code");

  REQUIRE(Post(*s.cli, "/api/v1/admin/sites/serang", s.admin, "{\"open\":false}")->status == 200);
  auto refused = book("3673011505900002");
  CHECK(refused->status == 409);
  CHECK(JsonField(refused->body, "code") == "service_closed");
  CHECK(Reason(refused->body).find("closed") != std::string::npos);
  REQUIRE(s.cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T08:50:00+07:00\"}", "application/json")->status == 200);
  auto checkin = [&] {
    return s.cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"), "",
                       "application/json");
  };
  auto no_checkin = checkin();
  CHECK(no_checkin->status == 409);
  CHECK(JsonField(no_checkin->body, "code") == "service_closed");

  REQUIRE(Post(*s.cli, "/api/v1/admin/sites/serang", s.admin, "{\"open\":true}")->status == 200);
  CHECK(checkin()->status == 201);
}

TEST_CASE("Stock: a supervisor of both sites transfers blank cards; both sites hear it; a retry moves them once") {
  TwoSites s;
  StreamCollector serang(s.server.port(), "serang");
  StreamCollector mpp(s.server.port(), "mpp");
  REQUIRE(serang.Status(5000) == 200);
  REQUIRE(mpp.Status(5000) == 200);
  std::string before = Count(*s.cli, "serang", s.both);
  REQUIRE(before == "500");

  const std::string body = "{\"to\":\"mpp\",\"count\":20,\"reason\":\"MPP kehabisan blangko\"}";
  auto moved = Post(*s.cli, "/api/v1/sites/serang/stock/transfers", s.both, body, "tr-1");
  REQUIRE(moved->status == 201);
  CHECK(JsonField(moved->body, "kind") == "transfer_out");
  CHECK(JsonField(moved->body, "to") == "mpp");
  CHECK(JsonField(moved->body, "from_count") == "480");
  CHECK(JsonField(moved->body, "to_count") == "20");
  auto again = Post(*s.cli, "/api/v1/sites/serang/stock/transfers", s.both, body, "tr-1");
  REQUIRE(again->status == 200);
  CHECK(JsonField(again->body, "replayed") == "true");
  CHECK(JsonField(again->body, "id") == JsonField(moved->body, "id"));
  CHECK(Count(*s.cli, "serang", s.both) == "480");
  CHECK(Count(*s.cli, "mpp", s.both) == "20");
  CHECK(serang.WaitFor([](const auto& items) { return Saw(items, "stock.changed", "available"); }, 10000));
  CHECK(mpp.WaitFor([](const auto& items) { return Saw(items, "stock.changed", "level"); }, 10000));
  // The public hears the level only, never a count or who moved it.
  for (const auto& i : mpp.Items()) CHECK(i.data.find("boss2") == std::string::npos);

  // Each site lists its side, naming the other.
  auto in = s.cli->Get("/api/v1/sites/mpp/stock/transfers", Bearer(s.both));
  REQUIRE(in->status == 200);
  CHECK(in->body.find("\"kind\":\"transfer_in\",\"from\":\"serang\",\"count\":20") != std::string::npos);
  auto out = s.cli->Get("/api/v1/sites/serang/stock/transfers", Bearer(s.admin));
  REQUIRE(out->status == 200);
  CHECK(out->body.find("\"kind\":\"transfer_out\",\"to\":\"mpp\",\"count\":20") != std::string::npos);

  // More than the source has: refused whole, nothing moves.
  auto over = Post(*s.cli, "/api/v1/sites/mpp/stock/transfers", s.both, "{\"to\":\"serang\",\"count\":21}");
  CHECK(over->status == 409);
  CHECK(JsonField(over->body, "code") == "conflict");
  CHECK(Count(*s.cli, "mpp", s.both) == "20");
  CHECK(Count(*s.cli, "serang", s.both) == "480");
  // An admin may move between any sites; an unknown one is 404.
  CHECK(Post(*s.cli, "/api/v1/sites/mpp/stock/transfers", s.admin, "{\"to\":\"serang\",\"count\":5}")->status == 201);
  CHECK(Post(*s.cli, "/api/v1/sites/mpp/stock/transfers", s.admin, "{\"to\":\"nowhere\",\"count\":1}")->status == 404);
  CHECK(Count(*s.cli, "mpp", s.admin) == "15");

  struct Bad {
    const char* body;
    const char* field;
  };
  const Bad kBad[] = {
      {"{\"count\":1}", "to"},
      {"{\"to\":\"serang\"}", "count"},
      {"{\"to\":\"serang\",\"count\":0}", "count"},
      {"{\"to\":\"serang\",\"count\":100001}", "count"},
      {"{\"to\":\"serang\",\"count\":\"5\"}", "count"},
      {"{\"to\":\"mpp\",\"count\":1}", "to"},
      {"{\"to\":\"serang\",\"count\":1,\"reason\":7}", "reason"},
      {"[1]", ""},
  };
  for (const Bad& b : kBad) {
    CAPTURE(b.body);
    auto res = Post(*s.cli, "/api/v1/sites/mpp/stock/transfers", s.both, b.body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
    CHECK(Reason(res->body).find(b.field) != std::string::npos);
  }
  CHECK(Count(*s.cli, "mpp", s.admin) == "15");
  CHECK(s.cli->Get("/api/v1/admin/audit", Bearer(s.admin))->body.find("stock.transfer") != std::string::npos);
}

TEST_CASE("Stock: a supervisor of one site moves nothing from or to another site's stock") {
  TwoSites s;
  REQUIRE(Post(*s.cli, "/api/v1/sites/serang/stock/transfers", s.admin, "{\"to\":\"mpp\",\"count\":10}")->status == 201);
  auto to_other = Post(*s.cli, "/api/v1/sites/serang/stock/transfers", s.serang_only, "{\"to\":\"mpp\",\"count\":1}");
  CHECK(to_other->status == 403);
  CHECK(JsonField(to_other->body, "code") == "forbidden");
  CHECK(Post(*s.cli, "/api/v1/sites/mpp/stock/transfers", s.serang_only, "{\"to\":\"serang\",\"count\":1}")->status == 403);
  CHECK(s.cli->Get("/api/v1/sites/mpp/stock/transfers", Bearer(s.serang_only))->status == 403);
  for (const std::string& token : {s.officer, std::string("demo-kiosk-token")}) {
    CHECK(Post(*s.cli, "/api/v1/sites/serang/stock/transfers", token, "{\"to\":\"mpp\",\"count\":1}")->status == 403);
    CHECK(s.cli->Get("/api/v1/sites/serang/stock/transfers", Bearer(token))->status == 403);
  }
  CHECK(Post(*s.cli, "/api/v1/sites/serang/stock/transfers", "", "{\"to\":\"mpp\",\"count\":1}")->status == 401);
  CHECK(Count(*s.cli, "serang", s.admin) == "490");
  CHECK(Count(*s.cli, "mpp", s.admin) == "10");
}

TEST_CASE("Stock: two processes on one PostgreSQL database move cards both ways at once; none is lost") {
  if (!TestingOnPostgres()) {
    MESSAGE("several processes share a PostgreSQL database only; see blackbox_pg");
    return;
  }
  TempDir dir;
  ServerProcess a(dir.File("x.db"));
  ServerProcess b(dir.File("x.db"));
  auto ca = a.Client();
  auto cb = b.Client();
  std::string admin = Login(*ca, "admin", "admin-demo");
  REQUIRE(Post(*ca, "/api/v1/admin/sites", admin, "{\"id\":\"mpp\",\"name\":\"MPP\",\"time_zone\":\"Asia/Jakarta\"}")
              ->status == 201);
  REQUIRE(Post(*ca, "/api/v1/sites/serang/stock/transfers", admin, "{\"to\":\"mpp\",\"count\":30}")->status == 201);
  // The second process learns of the new site from the first one's commit.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Count(*cb, "mpp", admin) != "30" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(Count(*cb, "mpp", admin) == "30");

  // Opposite directions through different processes: each batch locks both sites in site
  // order, so they wait for each other and never deadlock.
  std::atomic<int> to_mpp{0}, to_serang{0}, failed{0};
  auto mover = [&](int port, const std::string& from, const std::string& to, std::atomic<int>* ok) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_read_timeout(20, 0);
    for (int i = 0; i < 25; ++i) {
      auto res = cli.Post(("/api/v1/sites/" + from + "/stock/transfers").c_str(), Bearer(admin),
                          "{\"to\":\"" + to + "\",\"count\":1}", "application/json");
      if (res && res->status == 201) {
        ++*ok;
      } else if (!res || res->status != 409) {
        ++failed;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back(mover, a.port(), "serang", "mpp", &to_mpp);
    threads.emplace_back(mover, b.port(), "mpp", "serang", &to_serang);
  }
  for (auto& t : threads) t.join();
  CHECK(failed == 0);
  CHECK(to_mpp == 50);
  const int mpp = 30 + to_mpp - to_serang;
  CHECK(Count(*ca, "mpp", admin) == std::to_string(mpp));
  CHECK(Count(*cb, "serang", admin) == std::to_string(500 - mpp));
}
