// Black-box: announcements go live and away on time; and a privacy sweep of every public
// GET route and the event stream after a full booking day.
#include <doctest/doctest.h>

#include <sstream>
#include <thread>

#include "../support/pow_solver.h"
#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

TEST_CASE("Announce: a message goes live at its start, appears on the board, and leaves at its end") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  auto clock = [&](const char* iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", std::string("{\"now\":\"") + iso + "\"}", "application/json")->status == 200);
  };
  clock("2026-11-30T07:00:00+07:00");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto post = [&](const std::string& body) {
    return cli->Post("/api/v1/sites/serang/announcements", Bearer(boss), body, "application/json");
  };
  CHECK(post("{\"text\":{\"id\":\"\"},\"ends_at\":\"2026-11-30T12:00:00+07:00\"}")->status == 400);
  CHECK(post("{\"text\":{\"id\":\"x\"},\"ends_at\":\"2026-11-30T06:00:00+07:00\"}")->status == 400);
  CHECK(cli->Post("/api/v1/sites/serang/announcements", Bearer(Login(*cli, "petugas1", "petugas-demo")),
                  "{\"text\":{\"id\":\"x\"},\"ends_at\":\"2026-11-30T12:00:00+07:00\"}", "application/json")->status == 403);
  auto now = post("{\"text\":{\"id\":\"Blangko tersedia hari ini\",\"en\":\"Blank cards available today\"},"
                  "\"ends_at\":\"2026-11-30T12:00:00+07:00\"}");
  REQUIRE(now->status == 201);
  auto later = post("{\"text\":{\"id\":\"Istirahat siang 12:00-13:00\"},\"starts_at\":\"2026-11-30T11:30:00+07:00\","
                    "\"ends_at\":\"2026-11-30T13:00:00+07:00\"}");
  CHECK(JsonField(later->body, "state") == "scheduled");
  auto board = cli->Get("/api/v1/sites/serang/board");
  CHECK(board->body.find("Blangko tersedia hari ini") != std::string::npos);
  CHECK(board->body.find("Istirahat siang") == std::string::npos);
  clock("2026-11-30T11:31:00+07:00");
  CHECK(cli->Get("/api/v1/sites/serang/board")->body.find("Istirahat siang") != std::string::npos);
  clock("2026-11-30T12:01:00+07:00");
  board = cli->Get("/api/v1/sites/serang/board");
  CHECK(board->body.find("Blangko tersedia hari ini") == std::string::npos);
  CHECK(cli->Post(("/api/v1/sites/serang/announcements/" + JsonField(later->body, "id") + "/remove").c_str(), Bearer(boss),
                  "", "application/json")->status == 200);
  REQUIRE(stream.WaitFor([](const auto& i) { return i.size() >= 4; }, 3000));
  auto items = stream.Items();
  CHECK(items[0].type == "announcement.published");
  CHECK(items[0].data.find("Blank cards available today") != std::string::npos);
  CHECK(items[1].type == "announcement.published");
  CHECK(items[2].type == "announcement.removed");
  CHECK(items[3].type == "announcement.removed");
  CHECK(cli->Get("/api/v1/sites/serang/announcements")->body == "[]");
}

TEST_CASE("Privacy: no NIK, name, phone or address in any public response or event") {
  const std::string nik = "3673015505900001", name = "Rahmawati Sukmadewi", phone = "081298765432",
                    street = "Jl. Kenari Ujung";
  TempDir dir;
  ServerProcess server(dir.File("p.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json")->status == 200);
  StreamCollector stream(server.port(), "serang", 0);
  auto made = cli->Post("/api/v1/sites/serang/bookings",
                        WithPow(*cli, "{\"nik\":\"" + nik + "\",\"name\":\"" + name + "\",\"phone\":\"" + phone +
                            "\",\"service\":\"cetak\",\"slot_start\":\"2026-11-30T09:00:00+07:00\",\"delivery\":{\"kecamatan\":"
                            "\"Serang\",\"kelurahan\":\"Cimuncang\",\"street\":\"" + street + "\",\"house\":\"9\"}}"),
                        "application/json");
  REQUIRE(made->status == 201);
  std::string code = JsonField(made->body, "code");
  REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T08:45:00+07:00\"}", "application/json")->status == 200);
  auto ticket = cli->Post(("/api/v1/sites/serang/bookings/" + code + "/check-in").c_str(), Bearer("demo-kiosk-token"), "",
                          "application/json");
  std::string officer = Login(*cli, "petugas3", "petugas-demo");
  cli->Post("/api/v1/sites/serang/counters/3/next", Bearer(officer), "{}", "application/json");
  cli->Get(("/api/v1/sites/serang/tickets/" + JsonField(ticket->body, "id") + "/booking?full=1").c_str(), Bearer(officer));
  cli->Post("/api/v1/sites/serang/counters/3/finish", Bearer(officer), "{\"outcome\":\"printed\"}", "application/json");

  // Every public GET route from the server's own table, with the ids of this day filled in.
  std::string routes;
  REQUIRE(RunServerCommand({"routes"}, &routes) == 0);
  std::istringstream lines(routes);
  std::string method, pattern, roles;
  int scanned = 0;
  while (lines >> method >> pattern >> roles) {
    if (method != "GET" || roles != "public" || pattern.find("/events") != std::string::npos) continue;
    std::string path = pattern;
    for (auto [k, v] : {std::pair<std::string, std::string>{":site", "serang"}, {":id", JsonField(ticket->body, "id")},
                        {":code", code}}) {
      size_t at;
      while ((at = path.find(k)) != std::string::npos) path.replace(at, k.size(), v);
    }
    if (path.find("/slots") != std::string::npos) path += "?service=cetak";
    if (path.find("/bookings/") != std::string::npos) path += "?nik=" + nik;  // the owner's own view
    auto res = cli->Get(path.c_str());
    REQUIRE(res);
    CAPTURE(path);
    for (const std::string& secret : {nik, name, phone, std::string("+6281298765432"), street}) {
      CHECK(res->body.find(secret) == std::string::npos);
    }
    ++scanned;
  }
  CHECK(scanned >= 8);
  REQUIRE(stream.WaitFor([](const auto& i) { return i.size() >= 5; }, 3000));
  for (const auto& item : stream.Items()) {
    for (const std::string& secret : {nik, name, phone, street, code}) CHECK(item.data.find(secret) == std::string::npos);
  }
  server.Signal(15);
  std::string log = server.Log();
  for (const std::string& secret : {nik, name, phone, street}) CHECK(log.find(secret) == std::string::npos);
}
