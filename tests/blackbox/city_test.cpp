// Black-box: the city view (issue #19 item 3): every site's live figures side by side, and the
// site report's totals per site over a period, for supervisors of those sites only.
#include <cjson/cJSON.h>
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "../support/server_process.h"
#include "../support/temp_dir.h"

using namespace antre;

namespace {

// The always-open test office (the demo's three sites) with a fourth site "pandeglang" (a copy
// of serang named "MPP Pandeglang", without devices) and the test clock.
struct City {
  TempDir dir;
  ServerProcess server;
  std::unique_ptr<httplib::Client> cli;

  City()
      : server(dir.File("city.db"), {"--config", Config(dir), "--test-clock"}),
        cli(server.Client()) {
    Clock("2026-11-30T08:00:00+07:00");
  }
  static std::string Config(const TempDir& dir) {
    std::ifstream in(std::string(ANTRE_TEST_OFFICE));
    std::stringstream ss;
    ss << in.rdbuf();
    cJSON* root = cJSON_Parse(ss.str().c_str());
    REQUIRE(root != nullptr);
    cJSON* sites = cJSON_GetObjectItem(root, "sites");
    cJSON* copy = cJSON_Duplicate(cJSON_GetArrayItem(sites, 0), true);
    cJSON_ReplaceItemInObject(copy, "id", cJSON_CreateString("pandeglang"));
    cJSON_ReplaceItemInObject(copy, "name", cJSON_CreateString("MPP Pandeglang"));
    cJSON_AddItemToArray(sites, copy);
    char* printed = cJSON_Print(root);
    std::ofstream(dir.File("city.json")) << printed;
    cJSON_free(printed);
    cJSON_Delete(root);
    return dir.File("city.json");
  }
  void Clock(const std::string& iso) {
    REQUIRE(cli->Post("/api/v1/test/clock", "{\"now\":\"" + iso + "\",\"frozen\":true}",
                      "application/json")
                ->status == 200);
  }
  httplib::Result Post(const std::string& path, const std::string& token, const std::string& body) {
    return cli->Post(path.c_str(), Bearer(token), body, "application/json");
  }
  std::string Issue(const std::string& service) {
    auto res = Post("/api/v1/sites/serang/tickets", "demo-kiosk-token",
                    "{\"service\":\"" + service + "\"}");
    REQUIRE(res->status == 201);
    return JsonField(res->body, "number");
  }
};

// A parsed JSON body, freed at the end of the test.
struct Json {
  cJSON* root;
  explicit Json(const std::string& text) : root(cJSON_Parse(text.c_str())) {
    REQUIRE(root != nullptr);
  }
  ~Json() { cJSON_Delete(root); }
  // The element of the "sites" array whose `key` is `id`; fails the test if none.
  const cJSON* Site(const std::string& id, const char* key = "id") const {
    const cJSON* s = nullptr;
    cJSON_ArrayForEach(s, cJSON_GetObjectItem(root, "sites")) {
      if (id == cJSON_GetObjectItem(s, key)->valuestring) return s;
    }
    FAIL("no site " << id);
    return nullptr;
  }
  int Count() const { return cJSON_GetArraySize(cJSON_GetObjectItem(root, "sites")); }
};

int Int(const cJSON* o, const char* key) { return cJSON_GetObjectItem(o, key)->valueint; }
int Int(const cJSON* o, const char* outer, const char* key) {
  return Int(cJSON_GetObjectItem(o, outer), key);
}
std::string Text(const cJSON* o, const char* outer, const char* key) {
  return cJSON_GetObjectItem(cJSON_GetObjectItem(o, outer), key)->valuestring;
}

Json Summary(City& c, const std::string& token) {
  auto res = c.cli->Get("/api/v1/city/summary", Bearer(token));
  REQUIRE(res->status == 200);
  return Json(res->body);
}

}  // namespace

TEST_CASE("City: the summary shows each site's queue, counters, stock, backlog and devices") {
  City c;
  std::string admin = Login(*c.cli, "admin", "admin-demo");
  std::string boss = Login(*c.cli, "supervisor", "supervisor-demo");
  std::string one = Login(*c.cli, "petugas1", "petugas-demo");
  std::string two = Login(*c.cli, "petugas2", "petugas-demo");
  {
    Json s = Summary(c, boss);
    CHECK(s.Count() == 4);
    const cJSON* serang = s.Site("serang");
    CHECK(std::string(cJSON_GetObjectItem(serang, "name")->valuestring) ==
          "Disdukcapil Kota Serang");
    CHECK(Int(serang, "waiting") == 0);
    CHECK(Int(serang, "devices", "total") == 2);
    CHECK(Int(serang, "devices", "never_connected") == 2);
    CHECK(Int(serang, "devices", "silent") == 2);
    CHECK(Int(s.Site("pandeglang"), "devices", "total") == 0);
  }
  c.Issue("rekam");
  c.Issue("rekam");
  c.Issue("kk");
  c.Clock("2026-11-30T08:12:30+07:00");
  REQUIRE(c.Post("/api/v1/sites/serang/counters/1/open", one, "")->status == 200);
  REQUIRE(c.Post("/api/v1/sites/serang/counters/2/open", two, "")->status == 200);
  REQUIRE(c.Post("/api/v1/sites/serang/counters/1/next", one, "{}")->status == 200);
  REQUIRE(c.Post("/api/v1/sites/serang/counters/3/pause", boss, "{}")->status == 200);
  REQUIRE(c.Post("/api/v1/sites/serang/stock", boss, R"({"delta":80,"kind":"received"})")->status ==
          200);
  REQUIRE(c.Post("/api/v1/sites/pandeglang/stock", boss,
                 R"({"delta":-470,"kind":"adjusted","reason":"count"})")
              ->status == 200);
  REQUIRE(c.Post("/api/v1/sites/serang/kiosk/status", "demo-kiosk-token", R"({"printer":"ok"})")
              ->status == 200);

  Json s = Summary(c, admin);
  const cJSON* serang = s.Site("serang");
  CHECK(Int(serang, "waiting") == 2);
  CHECK(Int(serang, "longest_wait_minutes") == 12);
  CHECK(Int(serang, "counters", "total") == 6);
  CHECK(Int(serang, "counters", "open") == 2);
  CHECK(Int(serang, "counters", "serving") == 1);
  CHECK(Int(serang, "counters", "idle") == 1);
  CHECK(Int(serang, "counters", "paused") == 1);
  CHECK(Int(serang, "stock", "count") == 580);  // the demo's 500 and 80 received
  CHECK(Text(serang, "stock", "level") == "available");
  CHECK(Int(serang, "backlog", "length") == 0);
  CHECK(Int(serang, "devices", "never_connected") == 1);
  CHECK(Int(serang, "devices", "silent") == 1);
  const cJSON* pandeglang = s.Site("pandeglang");
  CHECK(Int(pandeglang, "waiting") == 0);
  CHECK(Int(pandeglang, "longest_wait_minutes") == 0);
  CHECK(Int(pandeglang, "counters", "open") == 0);
  CHECK(Int(pandeglang, "stock", "count") == 30);
  CHECK(Text(pandeglang, "stock", "level") == "low");
}

TEST_CASE(
    "City: a supervisor sees only their sites; officers are refused, strangers must sign in") {
  City c;
  std::string admin = Login(*c.cli, "admin", "admin-demo");
  REQUIRE(
      c.Post(
           "/api/v1/admin/users", admin,
           R"({"username":"kasi","role":"supervisor","password":"kasi-pass-123","sites":["pandeglang"]})")
          ->status == 201);
  std::string kasi = Login(*c.cli, "kasi", "kasi-pass-123");
  Json s = Summary(c, kasi);
  CHECK(s.Count() == 1);
  CHECK(std::string(
            cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(s.root, "sites"), 0), "id")
                ->valuestring) == "pandeglang");
  auto report =
      c.cli->Get("/api/v1/city/report?from=2026-11-30&to=2026-11-30&format=csv", Bearer(kasi));
  REQUIRE(report->status == 200);
  CHECK(report->body.find("serang") == std::string::npos);
  CHECK(report->body.find("\r\npandeglang,MPP Pandeglang,2026-11-30,2026-11-30,") !=
        std::string::npos);

  std::string officer = Login(*c.cli, "petugas1", "petugas-demo");
  for (const char* path :
       {"/api/v1/city/summary", "/api/v1/city/report?from=2026-11-30&to=2026-11-30"}) {
    CAPTURE(path);
    auto refused = c.cli->Get(path, Bearer(officer));
    CHECK(refused->status == 403);
    CHECK(JsonField(refused->body, "code") == "forbidden");
    CHECK(c.cli->Get(path)->status == 401);
    CHECK(c.cli->Get(path, Bearer("demo-kiosk-token"))->status == 403);
  }
}

TEST_CASE("City: the report has the site report's totals, one row per site, as JSON and CSV") {
  City c;
  std::string boss = Login(*c.cli, "supervisor", "supervisor-demo");
  std::string one = Login(*c.cli, "petugas1", "petugas-demo");
  c.Issue("rekam");
  c.Issue("rekam");
  c.Clock("2026-11-30T08:05:00+07:00");
  REQUIRE(c.Post("/api/v1/sites/serang/counters/1/next", one, "{}")->status == 200);
  c.Clock("2026-11-30T08:15:00+07:00");
  REQUIRE(c.Post("/api/v1/sites/serang/counters/1/finish", one, "{}")->status == 200);

  auto res = c.cli->Get("/api/v1/city/report?from=2026-11-30&to=2026-11-30", Bearer(boss));
  REQUIRE(res->status == 200);
  Json city(res->body);
  CHECK(city.Count() == 4);
  const cJSON* serang = city.Site("serang", "site");
  CHECK(Int(serang, "issued") == 2);
  CHECK(Int(serang, "served") == 1);
  CHECK(Int(serang, "wait_mean_s") == 300);
  CHECK(Int(serang, "service_mean_s") == 600);
  CHECK(Int(serang, "backlog_length") == 0);
  CHECK(cJSON_IsTrue(cJSON_GetObjectItem(serang, "prints_cards")));
  CHECK(Int(city.Site("pandeglang", "site"), "issued") == 0);
  // Kasemen prints no cards: no print backlog at all, rather than an empty one.
  const cJSON* kasemen = city.Site("serang-kasemen", "site");
  CHECK(cJSON_IsFalse(cJSON_GetObjectItem(kasemen, "prints_cards")));
  for (const char* key : {"backlog_added", "backlog_printed", "backlog_length", "backlog_oldest_age_s"}) {
    CAPTURE(key);
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(kasemen, key)));
  }
  CHECK(Int(kasemen, "delivery_out") == 0);
  // The same figures as the site's own report.
  auto site =
      c.cli->Get("/api/v1/sites/serang/reports?from=2026-11-30&to=2026-11-30", Bearer(boss));
  REQUIRE(site->status == 200);
  Json own(site->body);
  const cJSON* total = cJSON_GetObjectItem(own.root, "total");
  for (const char* key :
       {"issued", "called", "served", "wait_count", "wait_mean_s", "within_target"}) {
    CAPTURE(key);
    CHECK(Int(serang, key) == Int(total, key));
  }

  auto csv =
      c.cli->Get("/api/v1/city/report?from=2026-11-30&to=2026-11-30&format=csv", Bearer(boss));
  REQUIRE(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
  CHECK(csv->get_header_value("Content-Disposition").find("antre-city-2026-11-30-2026-11-30.csv") !=
        std::string::npos);
  CHECK(csv->body.rfind("site,name,from,to,target_minutes,issued,called,served,", 0) == 0);
  CHECK(csv->body.find("\r\nserang,Disdukcapil Kota Serang,2026-11-30,2026-11-30,0,2,1,1,") !=
        std::string::npos);
  CHECK(csv->body.find("\r\npandeglang,MPP Pandeglang,2026-11-30,2026-11-30,0,0,0,0,") !=
        std::string::npos);
  CHECK(csv->body.find(",,,,,0,0,0,0,0\r\n") != std::string::npos);  // Kasemen: backlog empty
  int lines = 0;
  for (size_t at = 0; (at = csv->body.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  CHECK(lines == 5);  // the header and one row per site

  for (const char* bad :
       {"/api/v1/city/report?to=2026-11-30", "/api/v1/city/report?from=2026-11-30&to=30-11-2026",
        "/api/v1/city/report?from=2026-11-30&to=2026-11-29",
        "/api/v1/city/report?from=2026-11-30&to=2026-11-30&format=xml"}) {
    CAPTURE(bad);
    auto refused = c.cli->Get(bad, Bearer(boss));
    CHECK(refused->status == 400);
    CHECK(JsonField(refused->body, "code") == "invalid_input");
  }
}
