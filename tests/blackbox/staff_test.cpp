// Black-box: supervisor and admin routes, kiosk status reports.
#include <doctest/doctest.h>

#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

std::string Issue(httplib::Client& cli, const std::string& service) {
  auto res = cli.Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"" + service + "\"}",
                      "application/json");
  return res ? JsonField(res->body, "id") : "";
}

}  // namespace

TEST_CASE("Staff: the queue list, counter tally and ticket moves and cancels") {
  TempDir dir;
  ServerProcess server(dir.File("q.db"));
  auto cli = server.Client();
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  std::string a1 = Issue(*cli, "rekam"), a2 = Issue(*cli, "rekam"), a3 = Issue(*cli, "rekam");

  auto queue = cli->Get("/api/v1/sites/serang/queue", Bearer(officer));
  REQUIRE(queue->status == 200);
  CHECK(queue->body.find("{\"id\":\"rekam\",\"waiting\":3") != std::string::npos);
  CHECK(cli->Get("/api/v1/sites/serang/queue")->status == 401);

  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  CHECK(cli->Post(("/api/v1/sites/serang/tickets/" + a2 + "/move").c_str(), Bearer(officer), "{\"service\":\"kk\"}",
                  "application/json")->status == 403);
  auto moved = cli->Post(("/api/v1/sites/serang/tickets/" + a2 + "/move").c_str(), Bearer(boss),
                         "{\"service\":\"kk\"}", "application/json");
  CHECK(moved->status == 200);
  CHECK(JsonField(moved->body, "service") == "kk");
  CHECK(cli->Post(("/api/v1/sites/serang/tickets/" + a3 + "/cancel").c_str(), Bearer(boss), "{}", "application/json")
            ->status == 400);
  auto cancelled = cli->Post(("/api/v1/sites/serang/tickets/" + a3 + "/cancel").c_str(), Bearer(boss),
                             "{\"reason\":\"Bapak Budi pulang\"}", "application/json");
  CHECK(JsonField(cancelled->body, "status") == "cancelled");
  CHECK(cli->Post(("/api/v1/sites/serang/tickets/" + a3 + "/cancel").c_str(), Bearer(boss), "{\"reason\":\"x\"}",
                  "application/json")->status == 409);
  REQUIRE(stream.WaitFor([](const auto& i) { return i.size() >= 2; }, 3000));
  auto items = stream.Items();
  CHECK(items[0].type == "ticket.transferred");
  CHECK(items[1].type == "ticket.cancelled");
  CHECK(items[1].data.find("Budi") == std::string::npos);  // the reason stays in the audit log

  cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json");   // A001
  cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json");   // done A001; queue empty
  cli->Post("/api/v1/sites/serang/counters/1/no-show", Bearer(officer), "{}", "application/json");
  auto counters = cli->Get("/api/v1/sites/serang/counters", Bearer(officer));
  CHECK(counters->body.find("\"tally\":{\"done\":1,\"no_show\":0}") != std::string::npos);

  // Cancelling a ticket while it is called names the counter that held it, for the boards.
  std::string a4 = Issue(*cli, "rekam");
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json")->status == 200);
  REQUIRE(cli->Post(("/api/v1/sites/serang/tickets/" + a4 + "/cancel").c_str(), Bearer(boss),
                    "{\"reason\":\"salah layanan\"}", "application/json")->status == 200);
  REQUIRE(stream.WaitFor([](const auto& i) { return i.back().type == "ticket.cancelled" && i.size() > 2; }, 3000));
  CHECK(stream.Items().back().data.find("\"counter_name\":\"Loket 1\"") != std::string::npos);
  (void)a1;
}

TEST_CASE("Staff: kiosks report printer faults; supervisors see them live") {
  TempDir dir;
  ServerProcess server(dir.File("d.db"));
  auto cli = server.Client();
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  auto report = [&](const std::string& body) {
    return cli->Post("/api/v1/sites/serang/kiosk/status", Bearer("demo-kiosk-token"), body, "application/json");
  };
  CHECK(report("{\"printer\":\"paper_out\",\"message\":\"Kertas habis\"}")->status == 200);
  CHECK(report("{\"printer\":\"paper_out\",\"message\":\"Kertas habis\"}")->status == 200);  // no change, no event
  CHECK(report("{\"printer\":\"melted\"}")->status == 400);
  CHECK(cli->Post("/api/v1/sites/serang/kiosk/status", Bearer(boss), "{\"printer\":\"ok\"}", "application/json")->status ==
        403);
  auto devices = cli->Get("/api/v1/sites/serang/devices", Bearer(boss));
  REQUIRE(devices->status == 200);
  CHECK(devices->body.find("\"id\":\"kiosk-1\"") != std::string::npos);
  CHECK(devices->body.find("\"printer\":\"paper_out\"") != std::string::npos);
  CHECK(devices->body.find("token") == std::string::npos);
  REQUIRE(stream.WaitFor([](const auto& i) { return !i.empty(); }, 3000));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(stream.Items().size() == 1);
  CHECK(stream.Items()[0].type == "device.status");
}

TEST_CASE("Staff: displays check in; a device that goes silent is flagged, and its return is news") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  auto set_clock = [&](const std::string& iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\"}", "application/json")->status == 200);
  };
  set_clock("2026-11-30T09:00:00+07:00");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  auto check_in = [&](const std::string& token, const std::string& body) {
    return cli->Post("/api/v1/sites/serang/display/status", Bearer(token), body, "application/json");
  };
  auto device = [&](const std::string& id) {
    auto res = cli->Get("/api/v1/sites/serang/devices", Bearer(boss));
    REQUIRE(res->status == 200);
    size_t at = res->body.find("{\"id\":\"" + id + "\"");
    REQUIRE(at != std::string::npos);
    return res->body.substr(at, res->body.find('}', at) - at + 1);
  };
  // Configured but never heard from: silent, with no last_seen.
  CHECK(device("display-1").find("\"silent\":true") != std::string::npos);
  CHECK(device("display-1").find("\"last_seen\":null") != std::string::npos);

  CHECK(check_in("demo-display-token", "{\"audio\":\"none\",\"message\":\"no sound device\"}")->status == 200);
  std::string seen = device("display-1");
  CHECK(seen.find("\"kind\":\"display\"") != std::string::npos);
  CHECK(seen.find("\"audio\":\"none\"") != std::string::npos);
  CHECK(seen.find("\"silent\":false") != std::string::npos);
  CHECK(seen.find("\"last_seen\":\"2026-11-30T09:00:00") != std::string::npos);

  CHECK(check_in("demo-display-token", "{\"audio\":\"loud\"}")->status == 400);
  CHECK(check_in("demo-display-token", "not json")->status == 400);
  CHECK(check_in("demo-kiosk-token", "{\"audio\":\"ok\"}")->status == 403);
  CHECK(check_in("no-such-token-at-all", "{\"audio\":\"ok\"}")->status == 401);
  // A display token cannot issue tickets.
  CHECK(cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-display-token"), "{\"service\":\"rekam\"}",
                  "application/json")->status == 403);

  set_clock("2026-11-30T09:02:59+07:00");
  CHECK(device("display-1").find("\"silent\":false") != std::string::npos);
  set_clock("2026-11-30T09:04:00+07:00");
  CHECK(device("display-1").find("\"silent\":true") != std::string::npos);

  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(5000) == 200);  // subscribed: no event is missed
  CHECK(check_in("demo-display-token", "{\"audio\":\"none\",\"message\":\"no sound device\"}")->status == 200);
  REQUIRE(stream.WaitFor([](const auto& items) { return !items.empty(); }, 3000));
  CHECK(stream.Items()[0].type == "device.status");
  CHECK(stream.Items()[0].data.find("\"kind\":\"display\"") != std::string::npos);
  CHECK(device("display-1").find("\"silent\":false") != std::string::npos);
}

TEST_CASE("Staff: admin manages users, counters and services, applied at once") {
  TempDir dir;
  ServerProcess server(dir.File("u.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  CHECK(cli->Get("/api/v1/admin/users", Bearer(boss))->status == 403);
  auto created = cli->Post("/api/v1/admin/users", Bearer(admin),
                           "{\"username\":\"petugas7\",\"role\":\"officer\",\"password\":\"rahasia-123\"}", "application/json");
  CHECK(created->status == 201);
  CHECK(cli->Post("/api/v1/admin/users", Bearer(admin), "{\"username\":\"petugas7\",\"role\":\"officer\",\"password\":\"rahasia-123\"}",
                  "application/json")->status == 409);
  CHECK(cli->Post("/api/v1/admin/users", Bearer(admin), "{\"username\":\"x\",\"role\":\"officer\",\"password\":\"short\"}",
                  "application/json")->status == 400);
  std::string p7 = Login(*cli, "petugas7", "rahasia-123");
  REQUIRE_FALSE(p7.empty());
  CHECK(cli->Get("/api/v1/auth/me", Bearer(p7))->body.find("\"username\":\"petugas7\"") != std::string::npos);
  CHECK(cli->Post("/api/v1/admin/users/petugas7", Bearer(admin), "{\"disabled\":true}", "application/json")->status == 200);
  CHECK(cli->Get("/api/v1/auth/me", Bearer(p7))->status == 401);  // sessions revoked
  CHECK(Login(*cli, "petugas7", "rahasia-123").empty());
  CHECK(cli->Post("/api/v1/admin/users/admin", Bearer(admin), "{\"disabled\":true}", "application/json")->status == 409);
  auto users = cli->Get("/api/v1/admin/users", Bearer(admin));
  CHECK(users->body.find("\"username\":\"petugas7\",\"role\":\"officer\",\"disabled\":true") != std::string::npos);
  CHECK(users->body.find("pbkdf2") == std::string::npos);

  // Loket 1 serves only rekam; after the change it calls a kk ticket at once.
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  Issue(*cli, "kk");
  CHECK(cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json")->status == 204);
  auto changed = cli->Post("/api/v1/sites/serang/admin/counters/1", Bearer(admin),
                           "{\"name\":\"Loket 1 (KK)\",\"services\":[\"rekam\",\"kk\"]}", "application/json");
  CHECK(changed->status == 200);
  CHECK(changed->body.find("\"services\":[\"rekam\",\"kk\"]") != std::string::npos);
  auto call = cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "{}", "application/json");
  CHECK(JsonField(call->body, "number") == "C001");
  CHECK(JsonField(call->body, "counter_name") == "Loket 1 (KK)");
  CHECK(cli->Post("/api/v1/sites/serang/admin/counters/1", Bearer(admin), "{\"services\":[\"paspor\"]}", "application/json")
            ->status == 404);

  auto closed = cli->Post("/api/v1/sites/serang/admin/services/info", Bearer(admin), "{\"open\":false}", "application/json");
  CHECK(JsonField(closed->body, "open") == "false");
  auto refused = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"info\"}",
                           "application/json");
  CHECK(refused->status == 409);
  CHECK(JsonField(refused->body, "code") == "service_closed");
  std::string services = cli->Get("/api/v1/sites/serang/services")->body;
  size_t info = services.find("\"id\":\"info\",\"prefix\":\"F\",\"name\":{\"id\":\"Informasi & Pengaduan\",\"en\":\"Information & Complaints\"}");
  REQUIRE(info != std::string::npos);
  CHECK(services.find("\"open\":false", info) < services.find("\"waiting\"", info));
}

TEST_CASE("Staff: admin edits the booking rules, checked first and applied at once") {
  TempDir dir;
  ServerProcess server(dir.File("b.db"), {"--demo", "--test-clock"});
  auto cli = server.Client();
  REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"2026-11-30T07:00:00+07:00\"}", "application/json")->status == 200);
  std::string admin = Login(*cli, "admin", "admin-demo");
  auto current = cli->Get("/api/v1/sites/serang/admin/booking", Bearer(admin));
  REQUIRE(current->status == 200);
  CHECK(current->body.find("\"print_service\":\"cetak\"") != std::string::npos);
  std::string rules =
      "{\"days_ahead\":7,\"schedule\":[{\"services\":[\"rekam\"],\"weekdays\":[1],\"open\":\"09:00\",\"close\":\"10:00\","
      "\"slot_minutes\":20,\"capacity\":5}]}";
  auto bad = cli->Post("/api/v1/sites/serang/admin/booking", Bearer(admin),
                       "{\"schedule\":[{\"services\":[\"paspor\"],\"weekdays\":[1],\"open\":\"09:00\",\"close\":\"10:00\","
                       "\"slot_minutes\":20,\"capacity\":5}]}",
                       "application/json");
  CHECK(bad->status == 400);
  CHECK(bad->body.find("unknown service") != std::string::npos);  // as the English detail
  CHECK(cli->Post("/api/v1/sites/serang/admin/booking", Bearer(admin), rules, "application/json")->status == 200);
  auto slots = cli->Get("/api/v1/sites/serang/slots?service=rekam&from=2026-11-30&to=2026-11-30");
  CHECK(slots->body ==
        "[{\"start\":\"2026-11-30T09:00:00+07:00\",\"end\":\"2026-11-30T09:20:00+07:00\",\"capacity\":5,\"remaining\":5},"
        "{\"start\":\"2026-11-30T09:20:00+07:00\",\"end\":\"2026-11-30T09:40:00+07:00\",\"capacity\":5,\"remaining\":5},"
        "{\"start\":\"2026-11-30T09:40:00+07:00\",\"end\":\"2026-11-30T10:00:00+07:00\",\"capacity\":5,\"remaining\":5}]");
  CHECK(cli->Get("/api/v1/sites/serang/slots?service=kk&from=2026-11-30&to=2026-11-30")->body == "[]");
}

TEST_CASE("Staff: the audit view shows logins and counter actions, by user, paged; bad filters are 400") {
  TempDir dir;
  ServerProcess server(dir.File("a.db"), {"--demo"});
  auto cli = server.Client();
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  REQUIRE_FALSE(Issue(*cli, "rekam").empty());
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/1/next", Bearer(officer), "", "application/json")->status == 200);
  std::string admin = Login(*cli, "admin", "admin-demo");
  auto all = cli->Get("/api/v1/admin/audit", Bearer(admin));
  REQUIRE(all->status == 200);
  CHECK(all->body.find("\"user\":\"admin\",\"action\":\"login\"") != std::string::npos);
  CHECK(all->body.find("\"user\":\"petugas1\",\"action\":\"ticket.called\",\"target\":\"A001\"") != std::string::npos);
  auto mine = cli->Get("/api/v1/admin/audit?user=petugas1", Bearer(admin));
  CHECK(mine->body.find("\"user\":\"admin\"") == std::string::npos);
  CHECK(mine->body.find("\"action\":\"login\"") != std::string::npos);
  auto page = cli->Get("/api/v1/admin/audit?limit=1", Bearer(admin));
  std::string next = JsonField(page->body, "next");
  REQUIRE_FALSE(next.empty());
  auto rest = cli->Get(("/api/v1/admin/audit?limit=500&before=" + next).c_str(), Bearer(admin));
  CHECK(rest->status == 200);
  CHECK(rest->body.find("\"user\":\"admin\",\"action\":\"login\"") == std::string::npos);  // it was on page one
  CHECK(rest->body.find("\"next\":null") != std::string::npos);
  for (const char* bad : {"from=2026-13-01", "to=yesterday", "from=2026-12-02&to=2026-12-01", "limit=0", "limit=501",
                          "limit=ten", "before=123", "before=1.other.2"}) {
    auto r = cli->Get((std::string("/api/v1/admin/audit?") + bad).c_str(), Bearer(admin));
    CHECK_MESSAGE(r->status == 400, bad);
    CHECK(r->body.find("\"code\":\"invalid_input\"") != std::string::npos);
  }
  CHECK(cli->Get("/api/v1/admin/audit", Bearer(officer))->status == 403);
}
