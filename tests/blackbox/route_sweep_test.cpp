// Black-box: every protected route, taken from the server's own route table, refuses a missing
// token (401) and a wrong role (403). New routes are covered without editing this test.
#include <doctest/doctest.h>

#include <sstream>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

struct RouteLine {
  std::string method, pattern, roles;
};

std::string Fill(std::string pattern) {
  const std::pair<const char*, const char*> kValues[] = {
      {":site", "serang"},    {":counter", "1"},       {":action", "next"},    {":id", "1"},
      {":code", "ABCDEFGH"},  {":username", "petugas1"}, {":service", "rekam"},   {":number", "A001"},
  };
  for (const auto& [name, value] : kValues) {
    size_t at;
    while ((at = pattern.find(name)) != std::string::npos) pattern.replace(at, std::string(name).size(), value);
  }
  return pattern;
}

}  // namespace

TEST_CASE("RouteSweep: every protected route refuses no token and a wrong role") {
  std::string out;
  REQUIRE(RunServerCommand({"routes"}, &out) == 0);
  std::vector<RouteLine> routes;
  std::istringstream lines(out);
  RouteLine r;
  while (lines >> r.method >> r.pattern >> r.roles) routes.push_back(r);
  REQUIRE(routes.size() > 20);

  TempDir dir;
  ServerProcess server(dir.File("r.db"));
  auto cli = server.Client();
  std::string officer = Login(*cli, "petugas1", "petugas-demo");
  int checked = 0;
  for (const RouteLine& route : routes) {
    if (route.roles == "public") continue;
    std::string path = Fill(route.pattern);
    CAPTURE(route.method);
    CAPTURE(path);
    auto call = [&](const httplib::Headers& h) {
      return route.method == "GET" ? cli->Get(path.c_str(), h) : cli->Post(path.c_str(), h, "{}", "application/json");
    };
    auto none = call({});
    REQUIRE(none);
    CHECK(none->status == 401);
    CHECK(JsonField(none->body, "code") == "unauthorized");
    // A kiosk token for staff routes, an officer token for kiosk routes; officers are also
    // refused where only supervisors or admins may act.
    bool kiosk_allowed = route.roles.find("kiosk") != std::string::npos;
    auto wrong = call(Bearer(kiosk_allowed ? officer : "demo-kiosk-token"));
    CHECK(wrong->status == 403);
    if (!kiosk_allowed && route.roles.find("officer") == std::string::npos) {
      CHECK(call(Bearer(officer))->status == 403);
    }
    // A wall display's token only lets it check in.
    if (route.roles.find("display") == std::string::npos) CHECK(call(Bearer("demo-display-token"))->status == 403);
    ++checked;
  }
  CHECK(checked > 15);
}

TEST_CASE("RouteSweep: staff routes refuse another site's staff, and counter routes another officer's counter") {
  std::string out;
  REQUIRE(RunServerCommand({"routes"}, &out) == 0);
  std::vector<RouteLine> routes;
  std::istringstream lines(out);
  RouteLine r;
  while (lines >> r.method >> r.pattern >> r.roles) routes.push_back(r);

  TempDir dir;
  ServerProcess server(dir.File("r.db"));
  auto cli = server.Client();
  std::string admin = Login(*cli, "admin", "admin-demo");
  // A supervisor who works only at serang, and one without a list (every site).
  REQUIRE(cli->Post("/api/v1/admin/users", Bearer(admin),
                    R"({"username":"kasi","role":"supervisor","password":"kasi-pass-123","sites":["serang"]})",
                    "application/json")
              ->status == 201);
  std::string kasi = Login(*cli, "kasi", "kasi-pass-123");
  std::string boss = Login(*cli, "supervisor", "supervisor-demo");
  std::string one = Login(*cli, "petugas1", "petugas-demo");
  std::string two = Login(*cli, "petugas2", "petugas-demo");
  REQUIRE(cli->Post("/api/v1/sites/serang/counters/1/open", Bearer(one), "", "application/json")->status == 200);

  int sites_checked = 0, counters_checked = 0;
  for (const RouteLine& route : routes) {
    bool staff = route.roles.find("supervisor") != std::string::npos;
    if (!staff || route.pattern.find(":site") == std::string::npos) continue;
    CAPTURE(route.method);
    CAPTURE(route.pattern);
    auto call = [&](const std::string& path, const std::string& token) {
      return route.method == "GET" ? cli->Get(path.c_str(), Bearer(token))
                                   : cli->Post(path.c_str(), Bearer(token), "{}", "application/json");
    };
    // Another site: refused for the serang-only account, before the route looks for the site.
    std::string pattern = route.pattern;
    pattern.replace(pattern.find(":site"), 5, "pandeglang");
    std::string elsewhere = Fill(pattern);
    auto wrong_site = call(elsewhere, kasi);
    REQUIRE(wrong_site);
    CHECK(wrong_site->status == 403);
    CHECK(JsonField(wrong_site->body, "code") == "forbidden");
    CHECK(call(elsewhere, boss)->status != 403);  // the same call by an account of every site
    ++sites_checked;

    // Another officer's counter (open to petugas1): refused for petugas2.
    if (route.pattern.find(":counter") == std::string::npos || route.roles.find("officer") == std::string::npos) continue;
    auto wrong_counter = call(Fill(route.pattern), two);
    REQUIRE(wrong_counter);
    bool open = route.pattern.size() >= 5 && route.pattern.compare(route.pattern.size() - 5, 5, "/open") == 0;
    CHECK(wrong_counter->status == (open ? 409 : 403));
    CHECK(JsonField(wrong_counter->body, "code") == (open ? "conflict" : "not_your_counter"));
    ++counters_checked;
  }
  CHECK(sites_checked > 15);
  CHECK(counters_checked == 3);  // open, close and the actions
}
