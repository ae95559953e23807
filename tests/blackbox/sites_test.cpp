// Black-box: sites, services and counters created online by an admin, listed publicly, used
// at once by kiosks and counters, and announced on the site's event stream.
#include <doctest/doctest.h>

#include <thread>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

httplib::Result Post(httplib::Client& cli, const std::string& path, const std::string& token, const std::string& body) {
  return cli.Post(path.c_str(), Bearer(token), body, "application/json");
}

// The English reason of an error reply (the message, or its "detail" beside a translation).
std::string Reason(const std::string& body) {
  std::string detail = JsonField(body, "detail");
  return detail.empty() ? JsonField(body, "message") : detail;
}

}  // namespace

TEST_CASE("Sites: an admin creates a site with a service and a counter; the public list shows it") {
  TempDir dir;
  ServerProcess server(dir.File("s.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");

  auto site = Post(*cli, "/api/v1/admin/sites", admin,
                   "{\"id\":\"mpp\",\"name\":\"Mal Pelayanan Publik\",\"time_zone\":\"Asia/Jakarta\","
                   "\"address\":\"Jl. Veteran 1, Serang\"}");
  REQUIRE(site->status == 201);
  CHECK(JsonField(site->body, "id") == "mpp");
  CHECK(JsonField(site->body, "time_zone") == "Asia/Jakarta");
  CHECK(Post(*cli, "/api/v1/admin/sites", admin, "{\"id\":\"mpp\",\"name\":\"Lagi\",\"time_zone\":\"Asia/Jakarta\"}")
            ->status == 409);

  auto service = Post(*cli, "/api/v1/sites/mpp/admin/services", admin,
                      "{\"id\":\"ktp\",\"prefix\":\"K\",\"name\":{\"id\":\"e-KTP\",\"en\":\"e-ID card\"}}");
  REQUIRE(service->status == 201);
  CHECK(JsonField(service->body, "prefix") == "K");
  CHECK(Post(*cli, "/api/v1/sites/mpp/admin/services", admin, "{\"id\":\"ktp\",\"prefix\":\"Q\",\"name\":{\"id\":\"X\"}}")
            ->status == 409);
  auto prefix_taken =
      Post(*cli, "/api/v1/sites/mpp/admin/services", admin, "{\"id\":\"kia\",\"prefix\":\"K\",\"name\":{\"id\":\"KIA\"}}");
  CHECK(prefix_taken->status == 409);
  CHECK(Reason(prefix_taken->body).find("prefix") != std::string::npos);

  auto counter = Post(*cli, "/api/v1/sites/mpp/admin/counters", admin,
                      "{\"id\":\"m1\",\"name\":\"Loket MPP 1\",\"services\":[\"ktp\"]}");
  REQUIRE(counter->status == 201);
  CHECK(counter->body.find("\"services\":[\"ktp\"]") != std::string::npos);
  CHECK(Post(*cli, "/api/v1/sites/mpp/admin/counters", admin, "{\"id\":\"m1\",\"services\":[\"ktp\"]}")->status == 409);

  auto sites = cli->Get("/api/v1/sites");
  REQUIRE(sites->status == 200);
  CHECK(sites->body.find("\"id\":\"serang\"") != std::string::npos);
  CHECK(sites->body.find("{\"id\":\"mpp\",\"name\":\"Mal Pelayanan Publik\",\"address\":\"Jl. Veteran 1, Serang\"") !=
        std::string::npos);
  CHECK(sites->body.find("{\"id\":\"ktp\",\"name\":{\"id\":\"e-KTP\",\"en\":\"e-ID card\"},\"open\":true,") !=
        std::string::npos);
  CHECK(sites->body.find("\"bookable\":false,\"delivery\":false}") != std::string::npos);  // no booking rules yet
  CHECK(sites->body.find("password") == std::string::npos);
  CHECK(sites->body.find("petugas") == std::string::npos);
  auto services = cli->Get("/api/v1/sites/mpp/services");
  REQUIRE(services->status == 200);
  CHECK(services->body.find("\"id\":\"ktp\",\"prefix\":\"K\"") != std::string::npos);
  CHECK(cli->Get("/api/v1/sites/mpp/counters")->body.find("\"id\":\"m1\"") != std::string::npos);

  // The new counter calls at once: the admin may work everywhere.
  CHECK(Post(*cli, "/api/v1/sites/mpp/counters/m1/next", admin, "{}")->status == 204);

  // Renamed, given an address, closed and reopened; the id and time zone stay.
  auto renamed = Post(*cli, "/api/v1/admin/sites/mpp", admin, "{\"name\":\"MPP Kota Serang\",\"address\":\"Jl. Baru 2\"}");
  REQUIRE(renamed->status == 200);
  CHECK(JsonField(renamed->body, "name") == "MPP Kota Serang");
  CHECK(Post(*cli, "/api/v1/admin/sites/mpp", admin, "{\"time_zone\":\"Asia/Makassar\"}")->status == 400);
  auto closed = Post(*cli, "/api/v1/admin/sites/mpp", admin, "{\"open\":false}");
  CHECK(JsonField(closed->body, "open") == "false");
  CHECK(cli->Get("/api/v1/sites")->body.find("\"address\":\"Jl. Baru 2\",\"time_zone\":\"Asia/Jakarta\",\"open\":false") !=
        std::string::npos);
  CHECK(JsonField(Post(*cli, "/api/v1/admin/sites/mpp", admin, "{\"open\":true}")->body, "open") == "true");
  CHECK(Post(*cli, "/api/v1/admin/sites/nowhere", admin, "{\"open\":true}")->status == 404);

  // Every creation is audited with who made it.
  auto audit = cli->Get("/api/v1/admin/audit", Bearer(admin));
  for (const char* action : {"site.create", "service.create", "counter.create", "site.update"}) {
    CAPTURE(action);
    CHECK(audit->body.find(action) != std::string::npos);
  }
}

TEST_CASE("Sites: bad input is 400 naming the field") {
  TempDir dir;
  ServerProcess server(dir.File("b.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  struct Case {
    const char* path;
    const char* body;
    const char* field;
  };
  const Case kBad[] = {
      {"/api/v1/admin/sites", "{\"name\":\"X\",\"time_zone\":\"Asia/Jakarta\"}", "id"},
      {"/api/v1/admin/sites", "{\"id\":\"a b\",\"name\":\"X\",\"time_zone\":\"Asia/Jakarta\"}", "id"},
      {"/api/v1/admin/sites", "{\"id\":\"baru\",\"name\":\"\",\"time_zone\":\"Asia/Jakarta\"}", "name"},
      {"/api/v1/admin/sites", "{\"id\":\"baru\",\"name\":\"X\",\"time_zone\":\"Mars/Olympus\"}", "time_zone"},
      {"/api/v1/admin/sites", "{\"id\":\"baru\",\"name\":\"X\"}", "time_zone"},
      {"/api/v1/admin/sites", "{\"id\":\"baru\",\"name\":\"X\",\"time_zone\":\"UTC\",\"address\":7}", "address"},
      {"/api/v1/sites/serang/admin/services", "{\"id\":\"x\",\"prefix\":\"a\",\"name\":{\"id\":\"X\"}}", "prefix"},
      {"/api/v1/sites/serang/admin/services", "{\"id\":\"x\",\"prefix\":\"ABCD\",\"name\":{\"id\":\"X\"}}", "prefix"},
      {"/api/v1/sites/serang/admin/services", "{\"id\":\"x/y\",\"prefix\":\"X\",\"name\":{\"id\":\"X\"}}", "id"},
      {"/api/v1/sites/serang/admin/services", "{\"id\":\"x\",\"prefix\":\"X\"}", "name"},
      {"/api/v1/sites/serang/admin/services", "{\"id\":\"x\",\"prefix\":\"X\",\"name\":{\"id\":\"\"}}", "name.id"},
      {"/api/v1/sites/serang/admin/counters", "{\"id\":\"9\",\"services\":[\"paspor\"]}", "services"},
      {"/api/v1/sites/serang/admin/counters", "{\"id\":\"9\",\"services\":[]}", "services"},
      {"/api/v1/sites/serang/admin/counters", "{\"id\":\"9\"}", "services"},
      {"/api/v1/sites/serang/admin/counters", "{\"services\":[\"rekam\"]}", "id"},
  };
  for (const Case& c : kBad) {
    CAPTURE(c.path);
    CAPTURE(c.body);
    auto res = Post(*cli, c.path, admin, c.body);
    REQUIRE(res);
    CHECK(res->status == 400);
    CHECK(JsonField(res->body, "code") == "invalid_input");
    CHECK(Reason(res->body).find(c.field) != std::string::npos);
  }
  // Nothing half-made was left behind.
  CHECK(cli->Get("/api/v1/sites")->body.find("\"id\":\"baru\"") == std::string::npos);
  CHECK(cli->Get("/api/v1/sites/serang/counters")->body.find("\"id\":\"9\"") == std::string::npos);
}

TEST_CASE("Sites: only admins create; a supervisor of another site changes nothing") {
  TempDir dir;
  ServerProcess server(dir.File("r.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  REQUIRE(Post(*cli, "/api/v1/admin/sites", admin, "{\"id\":\"mpp\",\"name\":\"MPP\",\"time_zone\":\"Asia/Jakarta\"}")
              ->status == 201);
  REQUIRE(Post(*cli, "/api/v1/admin/users", admin,
               "{\"username\":\"boss2\",\"role\":\"supervisor\",\"password\":\"rahasia-123\",\"sites\":[\"serang\"]}")
              ->status == 201);
  std::string boss = Login(*cli, "boss2", "rahasia-123");
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  for (const std::string& token : {boss, officer, std::string("demo-kiosk-token")}) {
    CHECK(Post(*cli, "/api/v1/admin/sites", token, "{\"id\":\"x\",\"name\":\"X\",\"time_zone\":\"UTC\"}")->status == 403);
    CHECK(Post(*cli, "/api/v1/admin/sites/mpp", token, "{\"open\":false}")->status == 403);
    CHECK(Post(*cli, "/api/v1/sites/mpp/admin/services", token, "{\"id\":\"x\",\"prefix\":\"X\",\"name\":{\"id\":\"X\"}}")
              ->status == 403);
    CHECK(Post(*cli, "/api/v1/sites/mpp/admin/counters", token, "{\"id\":\"x\",\"services\":[]}")->status == 403);
  }
  CHECK(Post(*cli, "/api/v1/admin/sites", "", "{\"id\":\"x\",\"name\":\"X\",\"time_zone\":\"UTC\"}")->status == 401);
  std::string sites = cli->Get("/api/v1/sites")->body;
  CHECK(sites.find("\"id\":\"x\"") == std::string::npos);
  CHECK(sites.find("\"open\":false") == std::string::npos);
}

TEST_CASE("Sites: a new service reaches the site's kiosks and displays live") {
  TempDir dir;
  ServerProcess server(dir.File("k.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  StreamCollector stream(server.port(), "serang");
  REQUIRE(stream.Status(3000) == 200);

  REQUIRE(Post(*cli, "/api/v1/sites/serang/admin/services", admin,
               "{\"id\":\"pindah\",\"prefix\":\"M\",\"name\":{\"id\":\"Surat Pindah\",\"en\":\"Change of address\"}}")
              ->status == 201);
  REQUIRE(Post(*cli, "/api/v1/sites/serang/admin/counters", admin,
               "{\"id\":\"9\",\"name\":\"Loket 9\",\"services\":[\"pindah\"]}")->status == 201);
  CHECK(stream.WaitFor(
      [](const std::vector<StreamCollector::Item>& items) {
        bool service = false, counter = false;
        for (const auto& i : items) {
          service = service || (i.type == "site.changed" && i.data.find("\"what\":\"service\",\"id\":\"pindah\"") != std::string::npos);
          counter = counter || (i.type == "site.changed" && i.data.find("\"what\":\"counter\",\"id\":\"9\"") != std::string::npos);
        }
        return service && counter;
      },
      3000));

  auto ticket = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"pindah\"}",
                          "application/json");
  REQUIRE(ticket->status == 201);
  CHECK(JsonField(ticket->body, "number") == "M001");
  auto call = Post(*cli, "/api/v1/sites/serang/counters/9/next", admin, "{}");
  CHECK(JsonField(call->body, "number") == "M001");
  CHECK(cli->Get("/api/v1/sites/serang/board")->body.find("M001") != std::string::npos);

  // A closed site issues nothing until it is reopened.
  REQUIRE(Post(*cli, "/api/v1/admin/sites/serang", admin, "{\"open\":false}")->status == 200);
  auto refused = cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"pindah\"}",
                           "application/json");
  CHECK(refused->status == 409);
  REQUIRE(Post(*cli, "/api/v1/admin/sites/serang", admin, "{\"open\":true}")->status == 200);
  CHECK(cli->Post("/api/v1/sites/serang/tickets", Bearer("demo-kiosk-token"), "{\"service\":\"pindah\"}",
                  "application/json")->status == 201);
}

TEST_CASE("Sites: a new site's own stream carries its changes") {
  TempDir dir;
  ServerProcess server(dir.File("e.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  REQUIRE(Post(*cli, "/api/v1/admin/sites", admin, "{\"id\":\"kec\",\"name\":\"Kecamatan\",\"time_zone\":\"Asia/Jakarta\"}")
              ->status == 201);
  StreamCollector stream(server.port(), "kec");
  REQUIRE(stream.Status(3000) == 200);
  REQUIRE(Post(*cli, "/api/v1/sites/kec/admin/services", admin, "{\"id\":\"kk\",\"prefix\":\"C\",\"name\":{\"id\":\"KK\"}}")
              ->status == 201);
  CHECK(stream.WaitFor(
      [](const std::vector<StreamCollector::Item>& items) {
        for (const auto& i : items) {
          if (i.type == "site.changed" && i.data.find("\"id\":\"kk\"") != std::string::npos) return true;
        }
        return false;
      },
      3000));
  CHECK(cli->Get("/api/v1/sites/kec/board")->status == 200);
}
