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
